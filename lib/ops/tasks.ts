/**
 * The task operations every front door offers (create, comment, complete, block, heartbeat,
 * link, unlink): one input schema each, and a function that checks its input against it and
 * then asks the store, which applies the board's rules. The CLI, the REST API and the MCP tools
 * turn their wire format into the schema's field names and map the errors thrown here to their
 * statuses; no front end validates a field of its own. At the end, the worker verbs as one
 * interface (TaskVerbs) over them, which a worker's CLI and MCP reach through its endpoint.
 */

import { PermissionError, UsageError } from "../board/errors.ts";
import type { CreateRules } from "../board/operation.ts";
import { BLOCK_KINDS, workerReadRefusal } from "../board/rulebook.ts";
import { type Comment, LIST_SORTS, type Task, type TaskDetail } from "../board/task.ts";
import { buildWorkerContext } from "../board/worker_context.ts";
import {
  checkWorkspaceRoots,
  MAX_DURATION_SECONDS,
  MAX_TEXT_BYTES,
  normalizeSkills,
  parseWhen,
  PRIORITY_RANGE,
  validateAbsolutePath,
  type WorkspaceRoots,
  type WorkspaceSpec,
} from "../board/validate.ts";
import { parseStatus, type Status, STATUSES } from "../board/status.ts";
import type { Actor, BoardStore, ListFilter, Store } from "../store/mod.ts";
import {
  bool,
  type Field,
  int,
  object,
  oneOf,
  required,
  schema,
  stringList,
  text,
  type Wire,
} from "./_fields.ts";

/** A raw input: field name → value as the wire gave it. */
export type RawInput = Readonly<Record<string, unknown>>;

/** Longest author name recorded on a comment or a task. */
export const MAX_AUTHOR_CHARS = 64;

const taskId = (missing: string) => required(text({ trim: true, blankIsMissing: true }), missing);

/** The message when an operation on one task is given none. */
export const TASK_ID_REQUIRED = "task_id is required (or set HERMES_KANBAN_TASK in the env)";

const name = (max: number) => text({ nullable: true, trim: true, blankIsMissing: true, max });

const PRIORITY = int({
  min: PRIORITY_RANGE[0],
  max: PRIORITY_RANGE[1],
  refusal: (raw) => ({
    code: "invalid_priority",
    message: `invalid priority '${raw}': expected an integer from ${PRIORITY_RANGE[0]} to ${
      PRIORITY_RANGE[1]
    }`,
  }),
});

/** A result, summary or reason: text within MAX_TEXT_BYTES. */
const prose = (blankIsMissing = false) =>
  text({ nullable: true, blankIsMissing, maxBytes: MAX_TEXT_BYTES });

/** Input of `createTask`. */
export const CreateTask = schema({
  title: required(text(), "title is required"),
  body: text({ nullable: true }),
  assignee: name(200),
  parents: stringList("task ids", 500),
  tenant: name(200),
  priority: PRIORITY,
  workspace_kind: oneOf(["scratch", "worktree", "dir"], (raw) => ({
    code: "invalid_workspace",
    kind: "usage",
    message: `unknown workspace_kind '${raw}': expected scratch, worktree or dir`,
  })),
  workspace_path: name(4096),
  triage: bool(),
  idempotency_key: name(500),
  max_runtime_seconds: int({ min: 0, max: MAX_DURATION_SECONDS, nullable: true }),
  max_retries: int({ min: 1, max: 1000, nullable: true }),
  skills: stringList("skill names", 100, { nullable: true }),
  created_by: text({ nullable: true }),
});

/** Who acts, and the author recorded when the input names none. */
export interface OpContext {
  actor: Actor;
  /** The author a task or comment gets when the input has no (usable) author. */
  author: string;
  /** How the input was given (`text`: the command line, numbers as decimal text). */
  wire?: Wire;
  /** What config allows the tasks a worker creates (none listed: every one lands in triage). */
  rules?: CreateRules;
  /**
   * Where a `dir:` workspace or a worktree repository may be (`workspaceRoots` of the home);
   * needed only by a create that names a workspace path, and refused without it.
   */
  workspaceRoots?: WorkspaceRoots;
}

/** A worker signs as its profile: naming another author is refused, not ignored. */
function workerAuthor(ctx: OpContext, given: string | null | undefined, what: string): void {
  if (ctx.actor.kind === "worker" && given !== undefined && given !== null) {
    throw new PermissionError(
      `a worker cannot choose the author of its ${what} (they are signed with its profile); ` +
        "leave the author out",
      "author_override",
    );
  }
}

/**
 * The workspace the two fields ask for; a path only for a dir or a worktree, absolute, and under
 * the workspace roots.
 */
function workspaceOf(
  kind: string | null | undefined,
  path: string | null | undefined,
  roots: WorkspaceRoots | undefined,
): WorkspaceSpec {
  const k = (kind ?? "scratch") as WorkspaceSpec["kind"];
  const p = path ?? null;
  if (k === "dir" && p === null) {
    throw new UsageError(
      "workspace_kind 'dir' needs workspace_path (an absolute path)",
      "invalid_path",
    );
  }
  if (k === "scratch" && p !== null) {
    throw new UsageError(
      "workspace_path is only for workspace_kind 'dir' or 'worktree'",
      "invalid_path",
    );
  }
  if (p === null) return { kind: k, path: null };
  const abs = validateAbsolutePath("workspace_path", p);
  // A caller that forgot the roots must not let any path through.
  if (!roots) throw new Error("createTask: a workspace path needs OpContext.workspaceRoots");
  checkWorkspaceRoots(k === "dir" ? "workspace dir:" : "worktree repository", abs, roots);
  return { kind: k, path: abs };
}

/** An author as recorded: printable, trimmed, at most MAX_AUTHOR_CHARS; else `fallback`. */
export function cleanAuthor(given: string | null | undefined, fallback: string): string {
  const s = [...(given ?? "").replace(/\p{Cc}/gu, "").trim()].slice(0, MAX_AUTHOR_CHARS).join("");
  return s || fallback;
}

/** Create a task (or return the one with the same idempotency key). */
export function createTask(
  store: BoardStore,
  input: RawInput,
  ctx: OpContext,
): { task: Task; existed: boolean } {
  const v = CreateTask.parse(input, ctx.wire);
  workerAuthor(ctx, v.created_by, "tasks");
  const skills = v.skills?.length ? normalizeSkills(v.skills) : null;
  const creator = ctx.actor.kind === "worker" ? ctx.actor : null;
  return store.createTask({
    title: v.title,
    body: v.body ?? null,
    assignee: v.assignee ?? null,
    priority: v.priority ?? 0,
    parents: v.parents ?? [],
    triage: v.triage ?? false,
    workspace: workspaceOf(v.workspace_kind, v.workspace_path, ctx.workspaceRoots),
    tenant: v.tenant ?? null,
    idempotencyKey: v.idempotency_key ?? null,
    maxRuntimeSeconds: v.max_runtime_seconds ?? null,
    maxRetries: v.max_retries ?? null,
    skills,
    createdBy: cleanAuthor(v.created_by, ctx.author),
    creator,
    rules: ctx.rules,
  });
}

/** Input of `comment`. */
export const CommentOn = schema({
  task_id: taskId("task_id is required: name the task the comment belongs on"),
  body: required(
    text({ blank: { code: "empty_comment", kind: "usage", message: "body is required" } }),
    "body is required",
  ),
  author: text({ nullable: true }),
  max_len: int({
    min: 1,
    max: MAX_TEXT_BYTES,
    nullable: true,
    refusal: (raw) => ({
      code: "invalid_max_len",
      kind: "usage",
      message: `max_len must be a positive whole number of characters, got '${raw}'`,
    }),
  }),
});

/**
 * A comment body cut to `max` characters (Hermes's `comment --max-len`): a longer one keeps its
 * start and ends with a note saying it was cut, the whole within `max` (too small a `max` for
 * the note: just the start).
 */
export function trimComment(body: string, max: number | null | undefined): string {
  const chars = [...body];
  if (max === null || max === undefined || chars.length <= max) return body;
  const note = `\n\n[trimmed to ${max} chars by --max-len]`;
  const keep = max - [...note].length;
  // Too short for the note: an ellipsis still says the comment was cut, within the limit.
  if (keep < 1) return chars.slice(0, Math.max(0, max - 1)).join("") + "…";
  return chars.slice(0, keep).join("").trimEnd() + note;
}

/** Add a comment to a task's thread. */
export function comment(store: BoardStore, input: RawInput, ctx: OpContext): Comment {
  const v = CommentOn.parse(input, ctx.wire);
  workerAuthor(ctx, v.author, "comments");
  const author = v.author === undefined || v.author === null
    ? ctx.author
    : cleanAuthor(v.author, "");
  if (!author) {
    throw new UsageError(
      `author: expected a name of 1-${MAX_AUTHOR_CHARS} printable characters, got '${v.author}'`,
      "invalid_author",
    );
  }
  return store.comment(v.task_id, author, trimComment(v.body, v.max_len), ctx.actor);
}

/**
 * Input of an edit from the dashboard (PATCH /tasks/:id and the bulk form): a status to move
 * to, with what the move needs, and fields to change. Each field is optional; `assignee` null or
 * blank unassigns.
 */
export const EditTask = schema({
  status: text({ trim: true }),
  assignee: name(200),
  priority: PRIORITY,
  title: text(),
  body: text({ nullable: true }),
  result: prose(),
  summary: prose(),
  block_reason: prose(),
  metadata: object({ nullable: true }),
});

/** Input of `showTask`. */
export const ShowTask = schema({ task_id: taskId(TASK_ID_REQUIRED) });

/** A task with its links, comments, runs and its last `eventLimit` events. */
export function showTask(store: BoardStore, input: RawInput, eventLimit: number): TaskDetail {
  return store.showTask(ShowTask.parse(input).task_id, eventLimit);
}

/** Input of `complete`. */
export const CompleteTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  result: prose(true),
  summary: prose(true),
  metadata: object({ nullable: true }),
  created_cards: stringList("task ids", 500, { nullable: true }),
  artifacts: stringList("file paths", 100, { nullable: true }),
});

/**
 * Metadata with `artifacts` added to its `artifacts` list (as Hermes keeps them: in the run's
 * metadata, each path once, a list given there first).
 */
function withArtifacts(
  metadata: Record<string, unknown> | null,
  artifacts: readonly string[],
): Record<string, unknown> | null {
  if (artifacts.length === 0) return metadata;
  const had = Array.isArray(metadata?.artifacts) ? metadata.artifacts as unknown[] : [];
  const merged = [...new Set([...had.map((p) => String(p).trim()), ...artifacts])]
    .filter(Boolean);
  return { ...metadata, artifacts: merged };
}

/**
 * Mark a task done; `changed` is false when it already was, with the same result. Claimed
 * `created_cards` are checked (a phantom one refuses the completion, recorded); `artifacts`
 * (deliverable paths) are kept in the run's metadata and named on the completed event.
 */
export function complete(
  store: BoardStore,
  input: RawInput,
  ctx: OpContext,
): { task: Task; changed: boolean } {
  const v = CompleteTask.parse(input, ctx.wire);
  return store.complete(v.task_id, {
    result: v.result ?? null,
    summary: v.summary ?? null,
    metadata: withArtifacts(v.metadata ?? null, v.artifacts ?? []),
    createdCards: v.created_cards ?? null,
  }, ctx.actor);
}

/** A reason or note: optional text within MAX_TEXT_BYTES, blank meaning none. */
const REASON = text({ nullable: true, trim: true, blankIsMissing: true, maxBytes: MAX_TEXT_BYTES });

/** Hermes's typed block reasons (`block --kind`, `kanban_block` kind), as the rulebook routes them. */
export { BLOCK_KINDS };

/** Input of `block`: `kind` is one of Hermes's typed reasons (BLOCK_KINDS), or none. */
export const BlockTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  reason: REASON,
  kind: oneOf(BLOCK_KINDS, (raw) => ({
    code: "invalid_block_kind",
    kind: "usage",
    message: `kind must be one of ${BLOCK_KINDS.join(", ")} (or omit it), got '${raw}'`,
  })),
});

/**
 * Block a task; the reason goes into its comments. The kind routes it as Hermes does: a
 * dependency waits for its parents, a block for the same reason as the last one (after an
 * unblock) goes to triage.
 */
export function block(store: BoardStore, input: RawInput, ctx: OpContext): Task {
  const v = BlockTask.parse(input, ctx.wire);
  return store.block(v.task_id, v.reason ?? "", ctx.actor, v.kind ?? null);
}

/** Input of `unblock`. */
export const UnblockTask = schema({ task_id: taskId(TASK_ID_REQUIRED), reason: REASON });

/** Release a blocked or scheduled task (ready, or todo while a parent is not done). */
export function unblock(store: BoardStore, input: RawInput, ctx: OpContext): Task {
  const v = UnblockTask.parse(input, ctx.wire);
  return store.unblock(v.task_id, v.reason ?? null, ctx.actor);
}

/** Input of `promote`. */
export const PromoteTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  force: bool(),
  dry_run: bool(),
  reason: text({ nullable: true, trim: true, blankIsMissing: true, maxBytes: MAX_TEXT_BYTES }),
});

/**
 * Promote a task out of triage or todo; `force` readies it while a parent is not done;
 * `dry_run` only says what would happen (the task as it is, and the status it would get).
 */
export function promote(
  store: BoardStore,
  input: RawInput,
  ctx: OpContext,
): { task: Task; status: Status; dryRun: boolean } {
  const v = PromoteTask.parse(input, ctx.wire);
  const force = v.force ?? false;
  if (v.dry_run) {
    const plan = store.preview(
      v.task_id,
      { op: "promote", force, reason: v.reason ?? null },
      ctx.actor,
    );
    const task = store.requireTask(v.task_id);
    return { task, status: plan.set.status ?? task.status, dryRun: true };
  }
  const task = store.promote(v.task_id, { force, reason: v.reason ?? null });
  return { task, status: task.status, dryRun: false };
}

/** Input of `edit` (the result of a done task). */
export const EditResult = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  result: required(prose(), "result is required (the corrected result of the done task)"),
  summary: prose(true),
  metadata: object({ nullable: true }),
});

/** Correct the result of a done task, and its hand-off (summary, metadata). */
export function editResult(store: BoardStore, input: RawInput, ctx: OpContext): Task {
  const v = EditResult.parse(input, ctx.wire);
  return store.editResult(v.task_id, {
    result: v.result,
    summary: v.summary ?? null,
    metadata: v.metadata ?? null,
  }, ctx.actor);
}

/** Input of `delete` (`archive --rm`, DELETE /tasks/:id). */
export const DeleteTask = schema({ task_id: taskId(TASK_ID_REQUIRED) });

/** Remove an archived task and everything recorded about it, for good. */
export function deleteTask(store: BoardStore, input: RawInput, ctx: OpContext): string {
  const id = DeleteTask.parse(input).task_id;
  store.deleteTask(id, ctx.actor);
  return id;
}

/** Input of `schedule`: `at` in parseWhen's forms; none parks the task until it is released. */
export const ScheduleTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  at: text({ nullable: true, trim: true, blankIsMissing: true, max: 100 }),
  reason: REASON,
});

/** Park a task until a time (or, without one, until someone releases it). */
export function schedule(
  store: Pick<Store, "perform" | "now">,
  input: RawInput,
  ctx: OpContext,
): Task {
  const v = ScheduleTask.parse(input, ctx.wire);
  const until = v.at ? parseWhen(v.at, store.now()) : null;
  return store.perform(v.task_id, { op: "schedule", until, reason: v.reason ?? null }, ctx.actor)
    .task!;
}

/** Input of `review`: `reviewer` null or blank keeps the assignee as the reviewer. */
export const ReviewTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  reviewer: name(200),
  note: REASON,
});

/** Hand finished work to a reviewer profile; the dispatcher starts it on the task. */
export function review(store: BoardStore, input: RawInput, ctx: OpContext): Task {
  const v = ReviewTask.parse(input, ctx.wire);
  return store.perform(
    v.task_id,
    { op: "review", reviewer: v.reviewer ?? null, note: v.note ?? null },
    ctx.actor,
  ).task!;
}

/** The refusal of a send-back that does not say what to fix. */
const REASON_REQUIRED = {
  code: "missing_reason",
  kind: "usage",
  message: "say what to fix: a reason is required to send work back",
} as const;

/** Input of `send_back`: what to fix (required), and who gets the task (default: its worker). */
export const SendBack = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  reason: required(
    text({ trim: true, maxBytes: MAX_TEXT_BYTES, blank: REASON_REQUIRED }),
    REASON_REQUIRED.message,
  ),
  to: name(200),
});

/** Send reviewed work back to its worker (or `to`), with what to fix in its comments. */
export function sendBack(store: BoardStore, input: RawInput, ctx: OpContext): Task {
  const v = SendBack.parse(input, ctx.wire);
  return store.perform(
    v.task_id,
    { op: "send_back", reason: v.reason, to: v.to ?? null },
    ctx.actor,
  ).task!;
}

/** Input of `heartbeat`. */
export const Heartbeat = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  note: text({ nullable: true, trim: true, blankIsMissing: true }),
});

/** Record a heartbeat of a running task and extend its claim by `ttlSeconds`. */
export function heartbeat(
  store: BoardStore,
  input: RawInput,
  ctx: OpContext & { ttlSeconds: number },
): Task {
  const v = Heartbeat.parse(input, ctx.wire);
  return store.heartbeat(v.task_id, v.note ?? null, ctx.ttlSeconds, ctx.actor);
}

const LINK_ENDS = "both parent_id and child_id are required";

/** Input of `link` and `unlink`. */
export const LinkTasks = schema({
  parent_id: taskId(LINK_ENDS),
  child_id: taskId(LINK_ENDS),
});

/** Make `child_id` wait for `parent_id` (a worker: within its own and created tasks). */
export function link(
  store: BoardStore,
  input: RawInput,
  ctx?: Pick<OpContext, "actor">,
): { parent: string; child: string } {
  const v = LinkTasks.parse(input);
  store.link(v.parent_id, v.child_id, ctx?.actor);
  return { parent: v.parent_id, child: v.child_id };
}

/** Remove the dependency of `child_id` on `parent_id`. */
export function unlink(store: BoardStore, input: RawInput): { parent: string; child: string } {
  const v = LinkTasks.parse(input);
  store.unlink(v.parent_id, v.child_id);
  return { parent: v.parent_id, child: v.child_id };
}

/** Input of `assign` and `reassign`: `assignee` null or blank unassigns. */
export const AssignTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  assignee: name(200),
  reclaim: bool(),
  reason: text({ nullable: true, trim: true, blankIsMissing: true, maxBytes: MAX_TEXT_BYTES }),
});

/** Give a task to a profile (or nobody); a running task is refused. */
export function assign(store: BoardStore, input: RawInput): Task {
  const v = AssignTask.parse(input);
  return store.assign(v.task_id, v.assignee ?? null);
}

/** Give a task to another profile; with `reclaim`, a running task's claim is released first. */
export function reassign(store: BoardStore, input: RawInput): { task: Task; reclaimed: boolean } {
  const v = AssignTask.parse(input);
  return store.reassign(v.task_id, v.assignee ?? null, {
    reclaim: v.reclaim ?? false,
    reason: v.reason ?? null,
  });
}

/** Input of `reclaim`. */
export const ReclaimTask = schema({
  task_id: taskId(TASK_ID_REQUIRED),
  reason: text({ nullable: true, trim: true, blankIsMissing: true, maxBytes: MAX_TEXT_BYTES }),
});

/** Release a running task's claim now; its worker is stopped. */
export function reclaim(store: BoardStore, input: RawInput): Task {
  const v = ReclaimTask.parse(input);
  return store.reclaim(v.task_id, v.reason ?? null);
}

/** Statuses to list: repeated or comma-separated names. */
const STATUS_LIST: Field<Status[]> = {
  json: { type: "array", items: { type: "string", enum: STATUSES } },
  parse(v, name, wire) {
    return stringList("statuses", 100).parse(v, name, wire)
      .flatMap((s) => s.split(",")).filter((s) => s.trim()).map(parseStatus);
  },
};

/** Input of a listing: the filters the CLI's list and the dashboard's board share. */
export const ListTasks = schema({
  assignee: name(200),
  status: STATUS_LIST,
  tenant: name(200),
  include_archived: bool(),
  limit: int({
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    refusal: (raw) => ({
      code: "invalid_limit",
      message: `limit must be a positive integer, got '${raw}'`,
    }),
  }),
  sort: oneOf(LIST_SORTS, (raw) => ({
    code: "invalid_sort",
    kind: "usage",
    message: `unknown sort '${raw}': expected one of ${LIST_SORTS.join(", ")}`,
  })),
});

/** The store's filter for a listing's input. */
export function listFilter(input: RawInput, wire: Wire = "json"): ListFilter {
  const v = ListTasks.parse(input, wire);
  return {
    assignee: v.assignee ?? null,
    status: v.status?.length ? v.status : undefined,
    tenant: v.tenant ?? null,
    includeArchived: v.include_archived ?? false,
    limit: v.limit ?? undefined,
    sort: v.sort ?? undefined,
  };
}

// ---- the worker verbs as one interface ----
//
// show, context, comment, heartbeat, complete, block, create and link, so a front door does not
// care where the board is: `localVerbs` runs them on an open board (a person's CLI and MCP, and
// the dispatcher's worker endpoint answering a worker), and lib/endpoint's client runs them
// through a run's endpoint. Asynchronous because the remote one is; the rules are the store's
// and the rulebook's either way. (Kept in this file: the hot CLI verbs load one module fewer.)

/** What completing did: the task, whether anything changed, and the run it closed. */
export interface Completed {
  task: Task;
  changed: boolean;
  run_id: number | null;
}

/** The verbs a worker has, in the operations' field names (see lib/ops/tasks.ts). */
export interface TaskVerbs {
  /** A task with its links, comments, runs and its last `eventLimit` events. */
  show(input: RawInput, eventLimit: number): Promise<TaskDetail>;
  /** A task's worker context (markdown). */
  context(input: RawInput): Promise<string>;
  comment(input: RawInput): Promise<Comment>;
  heartbeat(input: RawInput): Promise<Task>;
  complete(input: RawInput): Promise<Completed>;
  /** Block; `run_id` is the run it closed. */
  block(input: RawInput): Promise<{ task: Task; run_id: number | null }>;
  create(input: RawInput): Promise<{ task: Task; existed: boolean }>;
  link(input: RawInput): Promise<{ parent: string; child: string; child_status: Status }>;
}

/** How the verbs act on an open board: the operations' context and the lease a heartbeat sets. */
export interface VerbContext extends OpContext {
  /** Seconds a heartbeat extends the claim by. */
  ttlSeconds: number;
}

/** `fn`'s value as a promise, its exception as a rejection (never a synchronous throw). */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** The verbs on an open board, as `ctx.actor`; a worker reads only what the rulebook lets it. */
export function localVerbs(store: Store, ctx: VerbContext): TaskVerbs {
  const readable = (id: string) => {
    if (ctx.actor.kind !== "worker") return;
    const denied = workerReadRefusal(ctx.actor, store.workerFacts(ctx.actor, [id]), id);
    if (denied) throw denied;
  };
  const shown = (input: RawInput) => {
    const id = ShowTask.parse(input, ctx.wire).task_id;
    readable(id);
    return id;
  };
  return {
    show: (input, eventLimit) =>
      settle(() => showTask(store, { task_id: shown(input) }, eventLimit)),
    context: (input) => settle(() => buildWorkerContext(store.workerContextData(shown(input)))),
    comment: (input) => settle(() => comment(store, input, ctx)),
    heartbeat: (input) => settle(() => heartbeat(store, input, ctx)),
    complete: (input) =>
      settle(() => {
        const before = runOf(store, input);
        const { task, changed } = complete(store, input, ctx);
        const runId = before ??
          store.runs(task.id).filter((r) => r.status === "done").at(-1)?.id ?? null;
        return { task, changed, run_id: runId };
      }),
    block: (input) =>
      settle(() => {
        const before = runOf(store, input);
        return { task: block(store, input, ctx), run_id: before };
      }),
    create: (input) => settle(() => createTask(store, input, ctx)),
    link: (input) =>
      settle(() => {
        const { parent, child } = link(store, input, ctx);
        return { parent, child, child_status: store.requireTask(child).status };
      }),
  };
}

/** The run the task named by `input.task_id` points at now (the one a complete or block closes). */
function runOf(store: Store, input: RawInput): number | null {
  const id = typeof input.task_id === "string" ? input.task_id.trim() : "";
  return id ? store.getTask(id)?.current_run_id ?? null : null;
}
