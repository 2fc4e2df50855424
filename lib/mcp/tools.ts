/**
 * The tools offered over MCP: the worker's `kanban_show`, `kanban_complete`, `kanban_block`,
 * `kanban_heartbeat`, `kanban_comment`, `kanban_create` and `kanban_link`, and the
 * orchestrator's `kanban_list` and `kanban_unblock` (never offered to a worker), with Hermes's
 * parameters and results. Every tool takes `board`. Every worker tool goes through the worker
 * verbs (lib/ops/tasks.ts) the CLI uses: a worker's through its run's endpoint, where the board
 * checks its run's secret and the rulebook its scope (its own task and the tasks it created).
 * Secrets are masked both ways (lib/ops/redact.ts).
 */

import {
  type ErrorKind,
  HermesError,
  InvalidInputError,
  NotFoundError,
  PermissionError,
  taskDetailJson,
} from "../board/mod.ts";
import {
  BLOCK_KINDS,
  BlockTask,
  CommentOn,
  CompleteTask,
  CreateTask,
  Heartbeat,
  jsonSchema,
  LinkTasks,
  listFilter,
  ListTasks,
  redactValue,
  requiring,
  ShowTask,
  TASK_ID_REQUIRED,
  type TaskVerbs,
  unblock as unblockOp,
  UnblockTask,
} from "../ops/mod.ts";
import type { Actor, Store } from "../store/mod.ts";

/** What a tool call may do: the verbs, who is acting, and the worker's defaults. */
export interface ToolScope {
  /** The worker verbs on the server's board as the actor has them (a worker's go through its
   * run's endpoint). */
  verbs: TaskVerbs;
  /**
   * Another board, for a person: its verbs and the board itself (kanban_list, kanban_unblock),
   * opened on first use and kept for the server's lifetime; refuses a board that does not exist.
   * Absent for a worker, which works only on the board of its task.
   */
  boards?: {
    verbs(board: string | null): TaskVerbs;
    store(board: string | null): Store;
  };
  /** The server's board (--board, $HERMES_KANBAN_BOARD or 'default'); a worker's only one. */
  board?: string;
  /** Exact secrets of this installation masked in payloads (the dashboard and metrics tokens). */
  secrets?: readonly string[];
  /** A worker (HERMES_KANBAN_TASK set) or the person who started the server. */
  actor: Actor;
  /** HERMES_TENANT, if set: the default tenant of tasks it creates (the rules keep a worker in its own). */
  tenant: string | null;
}

/** A tool result in MCP's shape: one JSON text block; `isError` for refusals. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  isError?: boolean;
}

/** The JSON Schema a client sees for a tool's arguments. */
export type InputSchema = { type: "object"; [key: string]: unknown };

/** One tool: its listing and its handler. */
export interface ToolDef {
  name: string;
  title: string;
  description: string;
  /** The operation's fields this tool offers, with their descriptions (from its schema). */
  input: InputSchema;
  /** Hints for clients (MCP tool annotations). */
  annotations: { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean };
  /** Offered only to orchestrators: never listed to, and refused for, a worker. */
  orchestratorOnly?: boolean;
  run(args: Record<string, unknown>, scope: ToolScope): Promise<Record<string, unknown>>;
}

/**
 * The MCP table: the code a tool error shows for each kind of error (null: the error's own).
 * Every refusal is a tool result with `isError`, never a protocol error: the agent reads it.
 */
export const MCP_CODE: Readonly<Record<ErrorKind, string | null>> = {
  usage: null,
  invalid_input: "invalid_argument",
  not_found: null,
  conflict: null,
  invalid_request: null,
  invalid_state: null,
  permission: null,
  unauthorized: null,
  store: null,
  too_large: null,
  unsupported_media: null,
  misdirected: null,
  method_not_allowed: null,
  rate_limited: null,
  unavailable: null,
  failure: null,
};

const TASK_ID_DOC = "task id (t_xxxxxxxx); defaults to your own task ($HERMES_KANBAN_TASK)";

/** The worker's own task, or the one named; refuses when there is neither. */
function targetTask(given: unknown, scope: ToolScope): string {
  const id = typeof given === "string" ? given.trim() : "";
  if (id) return id;
  if (scope.actor.kind === "worker") return scope.actor.taskId;
  throw new InvalidInputError("task_id", TASK_ID_REQUIRED, "missing_task");
}

/** Trimmed text, or null when absent or blank. */
function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/**
 * Re-word a store refusal as `could not <verb> <id>: <why>`, keeping its code. A refused
 * argument is reported as the schema words it.
 */
function refuse(verb: string, id: string, e: unknown): never {
  if (e instanceof InvalidInputError || !(e instanceof HermesError)) throw e;
  if (e instanceof NotFoundError && e.message === `no such task: ${id}`) {
    throw new HermesError(`could not ${verb} ${id}: task ${id} not found`, e.code, e.kind);
  }
  throw new HermesError(`could not ${verb} ${id}: ${e.message}`, e.code, e.kind);
}

const show: ToolDef = {
  name: "kanban_show",
  title: "Show a kanban task",
  description: "Read a task: its fields (with current_run_id), parents and their results, " +
    "children, comments, the last 50 events, every run, and worker_context — the markdown " +
    "brief a worker orients with. Call it first. task_id defaults to your own task.",
  input: jsonSchema(ShowTask, { task_id: TASK_ID_DOC }, ["task_id"]),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  async run(args, scope) {
    const id = targetTask(args.task_id, scope);
    let d;
    try {
      d = await scope.verbs.show({ task_id: id }, 50);
    } catch (e) {
      if (e instanceof NotFoundError && e.message === `no such task: ${id}`) {
        throw new NotFoundError(`task ${id} not found`, "not_found");
      }
      throw e;
    }
    return {
      ...taskDetailJson(d),
      worker_context: await scope.verbs.context({ task_id: id }),
    };
  },
};

const complete: ToolDef = {
  name: "kanban_complete",
  title: "Complete your kanban task",
  description: "Mark your task done and hand off to the tasks that depend on it. Give a " +
    "summary (what you did, where the output is, what the next task needs to know); " +
    "metadata is an optional JSON object kept with the run (files changed, test counts); " +
    "result is kept on the task. If you created tasks with kanban_create, list the ids it " +
    "returned in created_cards: they are checked, and a wrong one refuses the completion. " +
    "List the files you produced for people in artifacts (absolute paths). Children waiting " +
    "only on this task become ready. You can only complete the task you hold.",
  input: jsonSchema(CompleteTask, {
    task_id: TASK_ID_DOC,
    summary: "hand-off summary for the next task and for people (preferred)",
    metadata: 'JSON object kept with the run, e.g. {"files_changed": 3}',
    result: "the task's result text, kept on the task",
    created_cards: "ids of the tasks you created with kanban_create during this run (as it " +
      "returned them); each must exist and be created by your profile or be a child of your task",
    artifacts: "absolute paths of the deliverable files you produced (reports, images); kept " +
      "in the run's metadata and named on the completion event",
  }, ["task_id"]),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async run(args, scope) {
    const id = targetTask(args.task_id, scope);
    // A worker hands off: the tool asks for what the next task reads (the CLI does not).
    if (text(args.summary) === null && text(args.result) === null) {
      throw new InvalidInputError(
        "summary",
        "provide at least one of: summary (preferred), result",
        "missing_summary",
      );
    }
    try {
      const { task, changed, run_id } = await scope.verbs.complete({ ...args, task_id: id });
      return { ok: true, task_id: task.id, run_id, changed };
    } catch (e) {
      if (e instanceof HermesError && e.code === "phantom_cards") {
        // Say plainly that nothing changed and how to go on: agents read a refusal as final.
        throw new HermesError(
          `kanban_complete refused: ${e.message.replace(/^completion blocked: /, "")}. Nothing ` +
            "changed and your task is still yours: call kanban_complete again with only the ids " +
            "kanban_create returned to you, or with created_cards=[] to skip the check.",
          e.code,
          e.kind,
        );
      }
      refuse("complete", id, e);
    }
  },
};

/** A worker blocks to ask a person: the tool asks for the reason (the CLI does not). */
const BlockWithReason = requiring(BlockTask, {
  reason: "reason is required — explain what input you need",
});

const block: ToolDef = {
  name: "kanban_block",
  title: "Block your kanban task",
  description: "Stop and ask a person: mark your task blocked with a reason that says " +
    "exactly what input or decision you need. Use this instead of guessing. Say why with " +
    `kind (${BLOCK_KINDS.join(", ")}). A person unblocks it and the task runs again. You can ` +
    "only block the task you hold.",
  input: jsonSchema(BlockWithReason, {
    task_id: TASK_ID_DOC,
    reason: "what you need from a person to continue",
    kind: "why: dependency (waiting on another task), needs_input (a decision or answer), " +
      "capability (no access, missing credentials, something no agent can do), transient " +
      "(a failure that may clear); omit if none fits",
  }, ["task_id"]),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run(args, scope) {
    const id = targetTask(args.task_id, scope);
    const input = BlockWithReason.parse({ ...args, task_id: id });
    try {
      const { task, run_id } = await scope.verbs.block(input);
      return {
        ok: true,
        task_id: task.id,
        run_id,
        status: task.status,
        block_kind: input.kind ?? null,
      };
    } catch (e) {
      refuse("block", id, e);
    }
  },
};

const heartbeat: ToolDef = {
  name: "kanban_heartbeat",
  title: "Heartbeat your kanban task",
  description: "Say you are still working: records a heartbeat and extends your claim so " +
    "the dispatcher does not reclaim the task. Call it every few minutes during long work, " +
    "with an optional short progress note.",
  input: jsonSchema(Heartbeat, {
    task_id: TASK_ID_DOC,
    note: "short progress note for the event log",
  }, ["task_id"]),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async run(args, scope) {
    const id = targetTask(args.task_id, scope);
    try {
      const task = await scope.verbs.heartbeat({ ...args, task_id: id });
      return {
        ok: true,
        task_id: task.id,
        run_id: task.current_run_id,
        claim_expires: task.claim_expires,
      };
    } catch (e) {
      refuse("heartbeat", id, e);
    }
  },
};

const comment: ToolDef = {
  name: "kanban_comment",
  title: "Comment on a kanban task",
  description: "Add a comment to a task's thread: your own task, or a task you created (its " +
    "worker reads the thread). The author is set for you. task_id is required: name the task " +
    "the comment belongs on. To hand information to the tasks after yours, put it in your " +
    "kanban_complete summary instead.",
  input: jsonSchema(CommentOn, {
    task_id: "the task to comment on (required): yours, or one you created",
    body: "the comment (markdown)",
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run(args, scope) {
    // The author is the actor's, never an argument.
    const input = CommentOn.parse({ task_id: args.task_id, body: args.body });
    try {
      const c = await scope.verbs.comment(input);
      return { ok: true, task_id: input.task_id, comment_id: c.id };
    } catch (e) {
      refuse("comment on", input.task_id, e);
    }
  },
};

/** A worker's follow-up names who does it: the tool asks for an assignee (the CLI does not). */
const CreateFollowUp = requiring(CreateTask, {
  assignee: "assignee is required — name the profile that should do the work",
});

const create: ToolDef = {
  name: "kanban_create",
  title: "Create a kanban task",
  description: "Create a follow-up task instead of doing extra work yourself: give it a " +
    "title, the profile that should do it (assignee), a body with everything its worker " +
    "needs, and parents (task ids that must be done first; include your own task id to make " +
    "it a follow-up that waits for your task). It is created in your tenant and recorded as " +
    "created by you. It waits in triage for a person unless its assignee is one workers may " +
    "give tasks to (kanban.worker_create_assignees); a task for shell or an unconfined " +
    "profile waits there unassigned.",
  input: jsonSchema(CreateFollowUp, {
    title: "what the task is",
    assignee: "worker profile that does the task",
    body: "instructions for the worker (markdown)",
    parents: "task ids that must be done before this one (a single id is accepted)",
    tenant: "tenant; defaults to yours ($HERMES_TENANT)",
    priority: "higher runs first (default 0)",
    workspace_kind: "scratch (default), worktree, or dir (needs workspace_path)",
    workspace_path: "absolute path for a dir or worktree workspace",
    triage: "park in triage for a person to review",
    idempotency_key: "return the existing task with this key instead of a duplicate",
    max_runtime_seconds: "stop the worker after this many seconds",
    skills: "skills the worker should load (a single name is accepted)",
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run(args, scope) {
    const given = args.tenant;
    const tenant = (typeof given === "string" ? given.trim() : given) || scope.tenant;
    // The rulebook keeps a worker's new task in its own tenant and decides its status.
    const input = CreateFollowUp.parse({ ...args, tenant });
    const { task, existed } = await scope.verbs.create(input);
    return {
      ok: true,
      task_id: task.id,
      status: task.status,
      assignee: task.assignee,
      existed,
    };
  },
};

const link: ToolDef = {
  name: "kanban_link",
  title: "Link two kanban tasks",
  description: "Make child_id wait for parent_id: the child becomes ready only when the " +
    "parent is done. Both must be your own task or tasks you created. Refused if it would " +
    "create a cycle.",
  input: jsonSchema(LinkTasks, {
    parent_id: "task that must be done first",
    child_id: "task that waits for the parent",
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async run(args, scope) {
    const input = LinkTasks.parse(args);
    try {
      const { parent, child } = await scope.verbs.link(input);
      return { ok: true, parent_id: parent, child_id: child };
    } catch (e) {
      if (e instanceof HermesError) {
        throw new HermesError(`kanban_link: ${e.message}`, e.code, e.kind);
      }
      throw e;
    }
  },
};

/** Most rows kanban_list returns by default, and at most (Hermes's bounds). */
export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 200;

const list: ToolDef = {
  name: "kanban_list",
  title: "List kanban tasks",
  description: "List tasks to route work: compact rows (id, title, status, assignee, " +
    "priority, parent and child ids) filtered by assignee, status, tenant; archived ones " +
    `only with include_archived. At most ${LIST_DEFAULT_LIMIT} rows unless limit says ` +
    `otherwise (up to ${LIST_MAX_LIMIT}); truncated and next_limit say when there are more. ` +
    "For orchestrators: a worker does not get this tool.",
  input: jsonSchema(ListTasks, {
    assignee: "only tasks of this profile",
    status: "only tasks in this status (or any of these)",
    tenant: "only tasks of this tenant",
    include_archived: "include archived tasks (default false)",
    limit: `most rows to return (default ${LIST_DEFAULT_LIMIT}, at most ${LIST_MAX_LIMIT})`,
    sort: "order of the rows (default priority, highest first)",
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  orchestratorOnly: true,
  // deno-lint-ignore require-await
  async run(args, scope) {
    const limit = args.limit ?? LIST_DEFAULT_LIMIT;
    if (typeof limit === "number" && Number.isInteger(limit) && limit > LIST_MAX_LIMIT) {
      throw new InvalidInputError("limit", `limit must be at most ${LIST_MAX_LIMIT}`);
    }
    const filter = listFilter({ ...args, limit });
    const store = personsBoard(scope);
    const rows = store.listTasks({ ...filter, limit: filter.limit! + 1 });
    const tasks = rows.slice(0, filter.limit);
    const truncated = rows.length > tasks.length;
    return {
      tasks: tasks.map((t) => {
        const rel = store.relatives(t.id);
        const parents = rel.parents.map((p) => p.id);
        const children = rel.children.map((c) => c.id);
        return {
          id: t.id,
          title: t.title,
          assignee: t.assignee,
          status: t.status,
          priority: t.priority,
          tenant: t.tenant,
          workspace_kind: t.workspace_kind,
          workspace_path: t.workspace_path,
          created_by: t.created_by,
          created_at: t.created_at,
          started_at: t.started_at,
          completed_at: t.completed_at,
          current_run_id: t.current_run_id,
          parents,
          children,
          parent_count: parents.length,
          child_count: children.length,
        };
      }),
      count: tasks.length,
      limit: filter.limit,
      truncated,
      next_limit: truncated && filter.limit! < LIST_MAX_LIMIT
        ? Math.min(filter.limit! * 2, LIST_MAX_LIMIT)
        : null,
    };
  },
};

const unblock: ToolDef = {
  name: "kanban_unblock",
  title: "Unblock a kanban task",
  description: "Return a blocked task to the board: ready again (todo while a parent is not " +
    "done), with a fresh failure count. For orchestrators: a worker does not get this tool.",
  input: jsonSchema(UnblockTask, { task_id: "the blocked task" }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  orchestratorOnly: true,
  // deno-lint-ignore require-await
  async run(args, scope) {
    const input = UnblockTask.parse(args);
    try {
      const task = unblockOp(personsBoard(scope), input, {
        actor: scope.actor,
        author: scope.actor.name,
        wire: "json",
      });
      return { ok: true, task_id: task.id, status: task.status };
    } catch (e) {
      refuse("unblock", input.task_id, e);
    }
  },
};

/** The board an orchestrator's tool reads and writes directly (never a worker's). */
function personsBoard(scope: ToolScope): Store {
  if (scope.actor.kind === "worker" || !scope.boards) {
    throw new PermissionError("this tool is for orchestrators, not workers", "orchestrator_only");
  }
  return scope.boards.store(scope.board ?? null);
}

/** Every tool, in the order clients list them. */
export const TOOLS: readonly ToolDef[] = [
  show,
  list,
  complete,
  block,
  heartbeat,
  comment,
  create,
  unblock,
  link,
];

/** The tools `scope`'s actor is offered: a worker never sees the orchestrator's. */
export function toolsFor(scope: Pick<ToolScope, "actor">): ToolDef[] {
  return TOOLS.filter((t) => !(t.orchestratorOnly && scope.actor.kind === "worker"));
}

/** The `board` parameter every tool takes. */
const BOARD_PARAM = {
  type: "string",
  description: "board to use (default: the server's, from --board or $HERMES_KANBAN_BOARD, " +
    "else 'default'); a worker may name only its own",
};

/** The JSON Schema a client sees for a tool's arguments. */
export function inputSchema(def: ToolDef): InputSchema {
  return {
    ...def.input,
    properties: { ...def.input.properties as Record<string, unknown>, board: BOARD_PARAM },
  };
}

/**
 * The board a call names, checked: a worker is bound to the board of its task (the server's),
 * anyone else may name any board.
 */
function boardFor(given: unknown, scope: ToolScope): string | null {
  if (given === undefined || given === null) return null;
  if (typeof given !== "string") {
    throw new InvalidInputError("board", `board must be a string, got ${typeof given}`);
  }
  const name = given.trim();
  if (!name || name === scope.board) return null;
  if (scope.actor.kind === "worker") {
    throw new PermissionError(
      `a worker works on the board of its task ('${scope.board ?? "default"}'), not '${name}'`,
      "wrong_board",
    );
  }
  return name;
}

function ok(value: Record<string, unknown>): ToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value) }] };
}

function failure(message: string, code: string): ToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify({ error: message, code }) }],
    isError: true,
  };
}

/**
 * Run a tool by name. Refusals and unexpected errors come back as tool errors, never throws.
 * Secrets are masked in the arguments before they reach the board, and in the answer.
 */
export async function callTool(
  name: string,
  args: unknown,
  scope: ToolScope,
): Promise<ToolResult> {
  const secrets = scope.secrets ?? [];
  const offeredTools = toolsFor(scope);
  const def = TOOLS.find((t) => t.name === name);
  if (!def) {
    return failure(
      `unknown tool '${name}' (tools: ${offeredTools.map((t) => t.name).join(", ")})`,
      "unknown_tool",
    );
  }
  if (!offeredTools.includes(def)) {
    return failure(
      `${name} is for orchestrators; a worker (HERMES_KANBAN_TASK set) works its own task ` +
        "with kanban_show, kanban_complete, kanban_block, kanban_heartbeat and kanban_comment",
      "orchestrator_only",
    );
  }
  if (args !== undefined && (args === null || typeof args !== "object" || Array.isArray(args))) {
    return failure("arguments must be an object", MCP_CODE.invalid_input ?? "invalid_argument");
  }
  // Only the fields a tool lists reach its operation (a worker cannot pick its author).
  const given = redactValue((args ?? {}) as Record<string, unknown>, secrets);
  const offered = Object.keys(def.input.properties as Record<string, unknown>);
  try {
    const board = boardFor(given.board, scope);
    const scoped: ToolScope = board === null || !scope.boards
      ? scope
      : { ...scope, verbs: scope.boards.verbs(board), board };
    const out = await def.run(Object.fromEntries(offered.map((k) => [k, given[k]])), scoped);
    return ok(redactValue(out, secrets));
  } catch (e) {
    if (e instanceof HermesError) {
      return failure(redactValue(e.message, secrets), MCP_CODE[e.kind] ?? e.code);
    }
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return failure(redactValue(`${name}: ${msg}`, secrets), "internal");
  }
}
