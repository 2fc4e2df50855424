/**
 * The worker tools offered over MCP: `kanban_show`, `kanban_complete`, `kanban_block`,
 * `kanban_heartbeat`, `kanban_comment`, `kanban_create` and `kanban_link`, with Hermes's
 * parameters, results and error texts. Every call goes through the same store rules as the
 * CLI; a worker's scope (its own task, its run as fencing token) is enforced by the store.
 */

import {
  type ErrorKind,
  HermesError,
  InvalidInputError,
  NotFoundError,
  taskDetailJson,
  type WorkspaceRoots,
} from "../board/mod.ts";
import { buildWorkerContext } from "../board/worker_context.ts";
import {
  block as blockOp,
  BlockTask,
  comment as commentOp,
  CommentOn,
  complete as completeOp,
  CompleteTask,
  CreateTask,
  createTask,
  Heartbeat,
  heartbeat as heartbeatOp,
  jsonSchema,
  link as linkOp,
  LinkTasks,
  type OpContext,
  requiring,
  ShowTask,
  showTask,
  TASK_ID_REQUIRED,
} from "../ops/mod.ts";
import type { Actor, Store } from "../store/mod.ts";

/** What a tool call may touch: the board, who is acting, and the worker's defaults. */
export interface ToolScope {
  /** The board, opened on first use and kept for the server's lifetime. */
  store(): Store;
  /** A worker (HERMES_KANBAN_TASK set) or the person who started the server. */
  actor: Actor;
  /** HERMES_TENANT of the worker, if any: the default (and only) tenant of tasks it creates. */
  tenant: string | null;
  /** Seconds a heartbeat extends the claim by. */
  claimTtlSeconds: number;
  /** Where a created task's dir: workspace or worktree repository may be. */
  workspaceRoots: WorkspaceRoots;
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
  run(args: Record<string, unknown>, scope: ToolScope): Record<string, unknown>;
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

/** How a tool acts through the operation layer: as its actor, with JSON input. */
function opContext(scope: ToolScope): OpContext {
  return { actor: scope.actor, author: scope.actor.name, workspaceRoots: scope.workspaceRoots };
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

/** The run the task points at now (the one a complete or block closes). */
function currentRun(store: Store, id: string): number | null {
  return store.getTask(id)?.current_run_id ?? null;
}

const show: ToolDef = {
  name: "kanban_show",
  title: "Show a kanban task",
  description: "Read a task: its fields (with current_run_id), parents and their results, " +
    "children, comments, the last 50 events, every run, and worker_context — the markdown " +
    "brief a worker orients with. Call it first. task_id defaults to your own task.",
  input: jsonSchema(ShowTask, { task_id: TASK_ID_DOC }, ["task_id"]),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    const store = scope.store();
    if (!store.getTask(id)) throw new NotFoundError(`task ${id} not found`, "not_found");
    const d = showTask(store, { task_id: id }, 50);
    return {
      ...taskDetailJson(d),
      worker_context: buildWorkerContext(store.workerContextData(id)),
    };
  },
};

const complete: ToolDef = {
  name: "kanban_complete",
  title: "Complete your kanban task",
  description: "Mark your task done and hand off to the tasks that depend on it. Give a " +
    "summary (what you did, where the output is, what the next task needs to know); " +
    "metadata is an optional JSON object kept with the run (files changed, test counts); " +
    "result is kept on the task. Children waiting only on this task become ready. You can " +
    "only complete the task you hold.",
  input: jsonSchema(CompleteTask, {
    task_id: TASK_ID_DOC,
    summary: "hand-off summary for the next task and for people (preferred)",
    metadata: 'JSON object kept with the run, e.g. {"files_changed": 3}',
    result: "the task's result text, kept on the task",
  }, ["task_id"]),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    // A worker hands off: the tool asks for what the next task reads (the CLI does not).
    if (text(args.summary) === null && text(args.result) === null) {
      throw new InvalidInputError(
        "summary",
        "provide at least one of: summary (preferred), result",
        "missing_summary",
      );
    }
    const store = scope.store();
    const before = currentRun(store, id);
    try {
      const { task, changed } = completeOp(store, { ...args, task_id: id }, opContext(scope));
      const runId = before ?? store.runs(id).filter((r) => r.status === "done").at(-1)?.id ??
        null;
      return { ok: true, task_id: task.id, run_id: runId, changed };
    } catch (e) {
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
    "exactly what input or decision you need. Use this instead of guessing. A person " +
    "unblocks it and the task runs again. You can only block the task you hold.",
  input: jsonSchema(BlockWithReason, {
    task_id: TASK_ID_DOC,
    reason: "what you need from a person to continue",
  }, ["task_id"]),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    const input = BlockWithReason.parse({ ...args, task_id: id });
    const store = scope.store();
    const before = currentRun(store, id);
    try {
      const task = blockOp(store, input, opContext(scope));
      return { ok: true, task_id: task.id, run_id: before };
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
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    try {
      const task = heartbeatOp(scope.store(), { ...args, task_id: id }, {
        ...opContext(scope),
        ttlSeconds: scope.claimTtlSeconds,
      });
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
  description: "Add a comment to a task's thread — for example to hand information to the " +
    "task that runs after yours (its worker reads the thread). The author is set for you. " +
    "task_id is required: name the task the comment belongs on.",
  input: jsonSchema(CommentOn, {
    task_id: "the task to comment on (required; it may be another task)",
    body: "the comment (markdown)",
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  run(args, scope) {
    // The author is the actor's, never an argument.
    const input = CommentOn.parse({ task_id: args.task_id, body: args.body });
    try {
      const c = commentOp(scope.store(), input, opContext(scope));
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
    "created by you.",
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
  run(args, scope) {
    const given = args.tenant;
    const tenant = (typeof given === "string" ? given.trim() : given) || scope.tenant;
    const input = CreateFollowUp.parse({ ...args, tenant });
    if (scope.tenant !== null && input.tenant !== scope.tenant) {
      throw new HermesError(
        `a worker of tenant '${scope.tenant}' cannot create tasks in tenant '${input.tenant}'`,
        "wrong_tenant",
        "permission",
      );
    }
    const { task, existed } = createTask(scope.store(), input, opContext(scope));
    return { ok: true, task_id: task.id, status: task.status, existed };
  },
};

const link: ToolDef = {
  name: "kanban_link",
  title: "Link two kanban tasks",
  description: "Make child_id wait for parent_id: the child becomes ready only when the " +
    "parent is done. Refused if it would create a cycle.",
  input: jsonSchema(LinkTasks, {
    parent_id: "task that must be done first",
    child_id: "task that waits for the parent",
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const input = LinkTasks.parse(args);
    try {
      const { parent, child } = linkOp(scope.store(), input);
      return { ok: true, parent_id: parent, child_id: child };
    } catch (e) {
      if (e instanceof HermesError) {
        throw new HermesError(`kanban_link: ${e.message}`, e.code, e.kind);
      }
      throw e;
    }
  },
};

/** Every tool, in the order clients list them. */
export const TOOLS: readonly ToolDef[] = [show, complete, block, heartbeat, comment, create, link];

/** The JSON Schema a client sees for a tool's arguments. */
export function inputSchema(def: ToolDef): InputSchema {
  return def.input;
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

/** Run a tool by name. Refusals and unexpected errors come back as tool errors, never throws. */
export function callTool(name: string, args: unknown, scope: ToolScope): ToolResult {
  const def = TOOLS.find((t) => t.name === name);
  if (!def) {
    return failure(
      `unknown tool '${name}' (tools: ${TOOLS.map((t) => t.name).join(", ")})`,
      "unknown_tool",
    );
  }
  if (args !== undefined && (args === null || typeof args !== "object" || Array.isArray(args))) {
    return failure("arguments must be an object", MCP_CODE.invalid_input ?? "invalid_argument");
  }
  // Only the fields a tool lists reach its operation (a worker cannot pick its author).
  const given = (args ?? {}) as Record<string, unknown>;
  const offered = Object.keys(def.input.properties as Record<string, unknown>);
  try {
    return ok(def.run(Object.fromEntries(offered.map((k) => [k, given[k]])), scope));
  } catch (e) {
    if (e instanceof HermesError) return failure(e.message, MCP_CODE[e.kind] ?? e.code);
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return failure(`${name}: ${msg}`, "internal");
  }
}
