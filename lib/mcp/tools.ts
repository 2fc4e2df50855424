/**
 * The worker tools offered over MCP: `kanban_show`, `kanban_complete`, `kanban_block`,
 * `kanban_heartbeat`, `kanban_comment`, `kanban_create` and `kanban_link`, with Hermes's
 * parameters, results and error texts. Every call goes through the same store rules as the
 * CLI; a worker's scope (its own task, its run as fencing token) is enforced by the store.
 */

import { z } from "zod";
import {
  HermesError,
  normalizeSkills,
  NotFoundError,
  parsePriority,
  taskDetailJson,
  UsageError,
  validateAbsolutePath,
  type WorkspaceSpec,
} from "../board/mod.ts";
import { buildWorkerContext } from "../board/worker_context.ts";
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
}

/** A tool result in MCP's shape: one JSON text block; `isError` for refusals. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  isError?: boolean;
}

/** One tool: its listing and its handler. */
export interface ToolDef {
  name: string;
  title: string;
  description: string;
  input: z.ZodObject;
  /** Hints for clients (MCP tool annotations). */
  annotations: { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean };
  run(args: Record<string, unknown>, scope: ToolScope): Record<string, unknown>;
}

/** A refusal with the text the worker sees; never crashes the server. */
class ToolError extends Error {
  readonly code: string;
  constructor(message: string, code = "invalid_argument") {
    super(message);
    this.code = code;
  }
}

/** How Hermes names a JSON value's type in its error texts. */
function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "dict";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  return typeof v === "string" ? "str" : typeof v;
}

const taskIdField = z.string().optional().describe(
  "task id (t_xxxxxxxx); defaults to your own task ($HERMES_KANBAN_TASK)",
);

const stringList = (field: string, what: string) =>
  z.union([z.string(), z.array(z.string())], {
    error: (iss) => `${field} must be a list of ${what}, got ${kindOf(iss.input)}`,
  });

/** The worker's own task, or the one named; refuses when there is neither. */
function targetTask(given: unknown, scope: ToolScope): string {
  const id = typeof given === "string" ? given.trim() : "";
  if (id) return id;
  if (scope.actor.kind === "worker") return scope.actor.taskId;
  throw new ToolError("task_id is required (or set HERMES_KANBAN_TASK in the env)", "missing_task");
}

/** Trimmed text, or null when absent or blank. */
function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** Re-word a store refusal as `could not <verb> <id>: <why>`, keeping its code. */
function refuse(verb: string, id: string, e: unknown): never {
  if (e instanceof NotFoundError && e.message === `no such task: ${id}`) {
    throw new ToolError(`could not ${verb} ${id}: task ${id} not found`, e.code);
  }
  if (e instanceof HermesError) {
    throw new ToolError(`could not ${verb} ${id}: ${e.message}`, e.code);
  }
  throw e;
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
  input: z.object({ task_id: taskIdField }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    const store = scope.store();
    if (!store.getTask(id)) throw new ToolError(`task ${id} not found`, "not_found");
    const d = store.showTask(id, 50);
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
  input: z.object({
    task_id: taskIdField,
    summary: z.string({ error: (i) => `summary must be a string, got ${kindOf(i.input)}` })
      .optional().describe("hand-off summary for the next task and for people (preferred)"),
    metadata: z.record(z.string(), z.unknown(), {
      error: (i) => `metadata must be an object/dict, got ${kindOf(i.input)}`,
    }).optional().describe('JSON object kept with the run, e.g. {"files_changed": 3}'),
    result: z.string({ error: (i) => `result must be a string, got ${kindOf(i.input)}` })
      .optional().describe("the task's result text, kept on the task"),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    const summary = text(args.summary);
    const result = text(args.result);
    if (summary === null && result === null) {
      throw new ToolError(
        "provide at least one of: summary (preferred), result",
        "missing_summary",
      );
    }
    const store = scope.store();
    const before = currentRun(store, id);
    try {
      const { task, changed } = store.complete(id, {
        summary,
        result,
        metadata: (args.metadata as Record<string, unknown> | undefined) ?? null,
      }, scope.actor);
      const runId = before ?? store.runs(id).filter((r) => r.status === "done").at(-1)?.id ??
        null;
      return { ok: true, task_id: task.id, run_id: runId, changed };
    } catch (e) {
      refuse("complete", id, e);
    }
  },
};

const block: ToolDef = {
  name: "kanban_block",
  title: "Block your kanban task",
  description: "Stop and ask a person: mark your task blocked with a reason that says " +
    "exactly what input or decision you need. Use this instead of guessing. A person " +
    "unblocks it and the task runs again. You can only block the task you hold.",
  input: z.object({
    task_id: taskIdField,
    reason: z.string({ error: "reason is required — explain what input you need" })
      .describe("what you need from a person to continue"),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    const reason = text(args.reason);
    if (reason === null) {
      throw new ToolError("reason is required — explain what input you need", "missing_reason");
    }
    const store = scope.store();
    const before = currentRun(store, id);
    try {
      const task = store.block(id, reason.trim(), scope.actor);
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
  input: z.object({
    task_id: taskIdField,
    note: z.string({ error: (i) => `note must be a string, got ${kindOf(i.input)}` }).optional()
      .describe("short progress note for the event log"),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const id = targetTask(args.task_id, scope);
    try {
      const task = scope.store().heartbeat(
        id,
        text(args.note)?.trim() ?? null,
        scope.claimTtlSeconds,
        scope.actor,
      );
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
  input: z.object({
    task_id: z.string({ error: "task_id is required: name the task the comment belongs on" })
      .describe("the task to comment on (required; it may be another task)"),
    body: z.string({ error: "body is required" }).describe("the comment (markdown)"),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  run(args, scope) {
    const id = typeof args.task_id === "string" ? args.task_id.trim() : "";
    if (!id) throw new ToolError("task_id is required: name the task the comment belongs on");
    const body = text(args.body);
    if (body === null) throw new ToolError("body is required", "empty_comment");
    try {
      const c = scope.store().comment(id, scope.actor.name, body);
      return { ok: true, task_id: id, comment_id: c.id };
    } catch (e) {
      refuse("comment on", id, e);
    }
  },
};

const create: ToolDef = {
  name: "kanban_create",
  title: "Create a kanban task",
  description: "Create a follow-up task instead of doing extra work yourself: give it a " +
    "title, the profile that should do it (assignee), a body with everything its worker " +
    "needs, and parents (task ids that must be done first; include your own task id to make " +
    "it a follow-up that waits for your task). It is created in your tenant and recorded as " +
    "created by you.",
  input: z.object({
    title: z.string({ error: "title is required" }).describe("what the task is"),
    assignee: z.string({
      error: "assignee is required — name the profile that should do the work",
    }).describe("worker profile that does the task"),
    body: z.string({ error: (i) => `body must be a string, got ${kindOf(i.input)}` }).optional()
      .describe("instructions for the worker (markdown)"),
    parents: stringList("parents", "task ids").optional()
      .describe("task ids that must be done before this one (a single id is accepted)"),
    tenant: z.string({ error: (i) => `tenant must be a string, got ${kindOf(i.input)}` })
      .optional().describe("tenant; defaults to yours ($HERMES_TENANT)"),
    priority: z.number({ error: (i) => `priority must be an integer, got ${kindOf(i.input)}` })
      .int("priority must be an integer").optional().describe("higher runs first (default 0)"),
    workspace_kind: z.enum(["scratch", "worktree", "dir"], {
      error: (i) =>
        `workspace_kind must be scratch, worktree or dir, got ${JSON.stringify(i.input)}`,
    }).optional().describe("scratch (default), worktree, or dir (needs workspace_path)"),
    workspace_path: z.string({
      error: (i) => `workspace_path must be a string, got ${kindOf(i.input)}`,
    }).optional().describe("absolute path for a dir or worktree workspace"),
    triage: z.boolean({ error: (i) => `triage must be true or false, got ${kindOf(i.input)}` })
      .optional().describe("park in triage for a person to review"),
    idempotency_key: z.string({
      error: (i) => `idempotency_key must be a string, got ${kindOf(i.input)}`,
    }).optional().describe("return the existing task with this key instead of a duplicate"),
    max_runtime_seconds: z.number({
      error: (i) => `max_runtime_seconds must be a whole number, got ${kindOf(i.input)}`,
    }).int("max_runtime_seconds must be a whole number").min(
      1,
      "max_runtime_seconds must be at least 1",
    ).optional().describe("stop the worker after this many seconds"),
    skills: stringList("skills", "skill names").optional()
      .describe("skills the worker should load (a single name is accepted)"),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  run(args, scope) {
    const title = text(args.title);
    if (title === null) throw new ToolError("title is required");
    const assignee = text(args.assignee)?.trim();
    if (!assignee) {
      throw new ToolError("assignee is required — name the profile that should do the work");
    }
    const list = (v: unknown): string[] =>
      (typeof v === "string" ? [v] : (v as string[] | undefined) ?? [])
        .map((s) => s.trim()).filter(Boolean);
    const tenant = text(args.tenant)?.trim() ?? scope.tenant;
    if (scope.tenant !== null && tenant !== scope.tenant) {
      throw new ToolError(
        `a worker of tenant '${scope.tenant}' cannot create tasks in tenant '${tenant}'`,
        "wrong_tenant",
      );
    }
    const skills = list(args.skills);
    const workspace = workspaceOf(args.workspace_kind, args.workspace_path);
    try {
      const { task, existed } = scope.store().createTask({
        title,
        body: (args.body as string | undefined) ?? null,
        assignee,
        priority: parsePriority(args.priority as number | undefined),
        parents: list(args.parents),
        triage: args.triage === true,
        workspace,
        tenant,
        idempotencyKey: text(args.idempotency_key)?.trim() ?? null,
        maxRuntimeSeconds: (args.max_runtime_seconds as number | undefined) ?? null,
        skills: skills.length ? normalizeSkills(skills) : null,
        createdBy: scope.actor.name,
      });
      return { ok: true, task_id: task.id, status: task.status, existed };
    } catch (e) {
      if (e instanceof HermesError) throw new ToolError(e.message, e.code);
      throw e;
    }
  },
};

/** A workspace from the tool's two fields; paths must be absolute. */
function workspaceOf(kind: unknown, path: unknown): WorkspaceSpec {
  const k = (kind as WorkspaceSpec["kind"] | undefined) ?? "scratch";
  const p = text(path)?.trim() ?? null;
  if (k === "dir" && p === null) {
    throw new ToolError("workspace_kind=dir needs workspace_path (an absolute path)");
  }
  try {
    return { kind: k, path: p === null ? null : validateAbsolutePath("workspace_path", p) };
  } catch (e) {
    if (e instanceof UsageError) throw new ToolError(e.message, e.code);
    throw e;
  }
}

const link: ToolDef = {
  name: "kanban_link",
  title: "Link two kanban tasks",
  description: "Make child_id wait for parent_id: the child becomes ready only when the " +
    "parent is done. Refused if it would create a cycle.",
  input: z.object({
    parent_id: z.string({ error: "both parent_id and child_id are required" })
      .describe("task that must be done first"),
    child_id: z.string({ error: "both parent_id and child_id are required" })
      .describe("task that waits for the parent"),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  run(args, scope) {
    const parent = text(args.parent_id)?.trim();
    const child = text(args.child_id)?.trim();
    if (!parent || !child) throw new ToolError("both parent_id and child_id are required");
    try {
      scope.store().link(parent, child);
      return { ok: true, parent_id: parent, child_id: child };
    } catch (e) {
      if (e instanceof HermesError) throw new ToolError(`kanban_link: ${e.message}`, e.code);
      throw e;
    }
  },
};

/** Every tool, in the order clients list them. */
export const TOOLS: readonly ToolDef[] = [show, complete, block, heartbeat, comment, create, link];

/** The JSON Schema a client sees for a tool's arguments. */
export function inputSchema(def: ToolDef): { type: "object"; [key: string]: unknown } {
  const { $schema: _drop, ...schema } = z.toJSONSchema(def.input, { io: "input" }) as Record<
    string,
    unknown
  >;
  return { ...schema, type: "object" };
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
  const parsed = def.input.safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const custom = issue.message !== undefined && !issue.message.startsWith("Invalid");
    const where = issue.path.length ? issue.path.join(".") : "arguments";
    return failure(custom ? issue.message : `${where}: ${issue.message}`, "invalid_argument");
  }
  try {
    return ok(def.run(parsed.data as Record<string, unknown>, scope));
  } catch (e) {
    if (e instanceof ToolError) return failure(e.message, e.code);
    if (e instanceof HermesError) return failure(e.message, e.code);
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return failure(`${name}: ${msg}`, "internal");
  }
}
