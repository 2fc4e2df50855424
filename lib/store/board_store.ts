/** The SQLite implementation of the board operations. The only place with board SQL. */

import {
  type Comment,
  ConflictError,
  firstLine,
  InvalidRequestError,
  InvalidStateError,
  newTaskId,
  NotFoundError,
  parentSatisfied,
  PermissionError,
  type Run,
  runOutcome,
  type RunStatus,
  type Status,
  STATUSES,
  type Task,
  type TaskEvent,
  UsageError,
  validateBody,
  validateText,
  validateTitle,
} from "../board/mod.ts";
import { CONTEXT_CAPS, type WorkerContextInput } from "../board/worker_context.ts";
import { Connection, type OpenOptions } from "./connection.ts";
import { type Row, RUN_COLUMNS, TASK_COLUMNS, toComment, toEvent, toRun, toTask } from "./rows.ts";
import type {
  Actor,
  BoardStats,
  BoardStore,
  ClaimResult,
  CompleteInput,
  CreateTaskInput,
  EventFilter,
  ListFilter,
  TaskDetail,
} from "./types.ts";

/** TASK_COLUMNS of the tasks table aliased `t`, for joins. */
const LINKED_TASK_COLUMNS = TASK_COLUMNS.replace(/(^|, )/g, "$1t.");

/** Longest error text we store (Hermes cuts at 500). */
export const MAX_ERROR_CHARS = 500;

/** Cut a stored error/reason text. */
export function cutError(s: string): string {
  return s.length > MAX_ERROR_CHARS ? s.slice(0, MAX_ERROR_CHARS) : s;
}

/** Seconds since the epoch, as Hermes stores times. */
export type Clock = () => number;

/** The system clock in unix seconds. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** A board in one SQLite file. */
export class SqliteBoardStore implements BoardStore {
  readonly conn: Connection;
  readonly now: Clock;

  constructor(conn: Connection, clock: Clock = systemClock) {
    this.conn = conn;
    this.now = clock;
  }

  /** Open the board at `path`. */
  static open(path: string, opts: OpenOptions, clock?: Clock): SqliteBoardStore {
    return new SqliteBoardStore(Connection.open(path, opts), clock);
  }

  get path(): string {
    return this.conn.path;
  }

  /** What the cheap probe at open found damaged, or null (see Connection.damage). */
  get damage(): string | null {
    return this.conn.damage;
  }

  close(): void {
    this.conn.close();
  }

  // ---- internal helpers (always called inside a transaction) ----

  /** Append an event row. */
  event(
    taskId: string,
    kind: string,
    payload: Record<string, unknown> | null,
    runId: number | null = null,
  ): void {
    this.conn.run(
      "INSERT INTO task_events (task_id, run_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)",
      taskId,
      runId,
      kind,
      payload === null ? null : JSON.stringify(payload),
      this.now(),
    );
  }

  /** Close an open run; clears the task's pointer to it. Returns true if it was open. */
  closeRun(
    runId: number,
    status: RunStatus,
    fields: {
      summary?: string | null;
      metadata?: Record<string, unknown> | null;
      error?: string | null;
    } = {},
  ): boolean {
    const now = this.now();
    const { changes } = this.conn.run(
      `UPDATE task_runs SET status = ?, outcome = ?, ended_at = ?, claim_lock = NULL,
         claim_expires = NULL, worker_pid = NULL,
         summary = COALESCE(?, summary), metadata = COALESCE(?, metadata), error = COALESCE(?, error)
       WHERE id = ? AND ended_at IS NULL`,
      status,
      runOutcome(status),
      now,
      fields.summary ?? null,
      fields.metadata ? JSON.stringify(fields.metadata) : null,
      fields.error ? cutError(fields.error) : null,
      runId,
    );
    this.conn.run("UPDATE tasks SET current_run_id = NULL WHERE current_run_id = ?", runId);
    return changes === 1;
  }

  /** Close a run the task points at that should not be open (leaked). */
  closeLeakedRun(task: Task): void {
    if (task.current_run_id !== null) {
      this.closeRun(task.current_run_id, "reclaimed", { error: "leaked run closed" });
    }
  }

  taskRow(id: string): Task | null {
    const r = this.conn.get<Row>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`, id);
    return r ? toTask(r) : null;
  }

  /** True when every parent of `id` is done or archived. */
  parentsSatisfied(id: string): boolean {
    const r = this.conn.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM task_links l JOIN tasks p ON p.id = l.parent_id
       WHERE l.child_id = ? AND p.status NOT IN ('done', 'archived')`,
      id,
    );
    return Number(r?.n ?? 0) === 0;
  }

  /** Promote `todo` children of `parentId` whose parents are all satisfied. Returns count. */
  promoteChildren(parentId: string): number {
    const kids = this.conn.all<{ id: string }>(
      `SELECT t.id FROM task_links l JOIN tasks t ON t.id = l.child_id
       WHERE l.parent_id = ? AND t.status = 'todo'`,
      parentId,
    );
    let n = 0;
    for (const { id } of kids) n += this.promoteIfReady(id) ? 1 : 0;
    return n;
  }

  /** Move a todo task to ready when its parents are satisfied. */
  promoteIfReady(id: string): boolean {
    if (!this.parentsSatisfied(id)) return false;
    const { changes } = this.conn.run(
      "UPDATE tasks SET status = 'ready' WHERE id = ? AND status = 'todo'",
      id,
    );
    if (changes === 1) this.event(id, "promoted", null);
    return changes === 1;
  }

  /** Every todo task whose parents are satisfied becomes ready. Returns count. */
  promoteAll(): number {
    const rows = this.conn.all<{ id: string }>(
      `SELECT t.id FROM tasks t WHERE t.status = 'todo' AND NOT EXISTS (
         SELECT 1 FROM task_links l JOIN tasks p ON p.id = l.parent_id
         WHERE l.child_id = t.id AND p.status NOT IN ('done', 'archived'))`,
    );
    let n = 0;
    for (const { id } of rows) n += this.promoteIfReady(id) ? 1 : 0;
    return n;
  }

  /** Refuse a worker acting on a task it does not hold, or with a stale run. */
  checkWorker(task: Task, actor: Actor, verb: string): void {
    if (actor.kind !== "worker") return;
    if (task.id !== actor.taskId) {
      throw new PermissionError(
        `a worker may only ${verb} the task it holds (${actor.taskId}), not ${task.id}`,
        "not_your_task",
      );
    }
    if (actor.runId !== null && task.current_run_id !== actor.runId) {
      throw new PermissionError(
        `run ${actor.runId} no longer holds ${task.id} (its claim was reclaimed or taken over); refused`,
        "stale_run",
      );
    }
  }

  // ---- BoardStore ----

  createTask(input: CreateTaskInput): { task: Task; existed: boolean } {
    const title = validateTitle(input.title);
    const body = validateBody(input.body ?? null);
    const parents = [...new Set(input.parents ?? [])];
    const ws = input.workspace ?? { kind: "scratch", path: null };
    return this.conn.tx(() => {
      if (input.idempotencyKey) {
        const r = this.conn.get<Row>(
          `SELECT ${TASK_COLUMNS} FROM tasks WHERE idempotency_key = ? AND status != 'archived'
           ORDER BY created_at LIMIT 1`,
          input.idempotencyKey,
        );
        if (r) return { task: toTask(r), existed: true };
      }
      let parentsDone = true;
      const missing: string[] = [];
      for (const p of parents) {
        const row = this.conn.get<{ status: string }>("SELECT status FROM tasks WHERE id = ?", p);
        if (!row) missing.push(p);
        else if (!parentSatisfied(row.status as Status)) parentsDone = false;
      }
      if (missing.length) throw new NotFoundError(`unknown parent task(s): ${missing.join(", ")}`);
      const status: Status = input.triage ? "triage" : parentsDone ? "ready" : "todo";
      const now = this.now();
      let id = newTaskId();
      for (let attempt = 0; this.conn.get("SELECT 1 FROM tasks WHERE id = ?", id); attempt++) {
        if (attempt > 5) throw new ConflictError("could not allocate a unique task id");
        id = newTaskId();
      }
      this.conn.run(
        `INSERT INTO tasks (id, title, body, assignee, status, priority, created_by, created_at,
           workspace_kind, workspace_path, tenant, idempotency_key, max_runtime_seconds, skills,
           max_retries)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        title,
        body,
        input.assignee ?? null,
        status,
        input.priority ?? 0,
        input.createdBy ?? null,
        now,
        ws.kind,
        ws.path,
        input.tenant ?? null,
        input.idempotencyKey ?? null,
        input.maxRuntimeSeconds ?? null,
        input.skills ? JSON.stringify(input.skills) : null,
        input.maxRetries ?? null,
      );
      for (const p of parents) {
        this.conn.run(
          "INSERT OR IGNORE INTO task_links (parent_id, child_id) VALUES (?, ?)",
          p,
          id,
        );
      }
      this.event(id, "created", {
        assignee: input.assignee ?? null,
        status,
        parents,
        tenant: input.tenant ?? null,
        skills: input.skills ?? [],
      });
      return { task: this.taskRow(id)!, existed: false };
    });
  }

  getTask(id: string): Task | null {
    return this.taskRow(id);
  }

  requireTask(id: string): Task {
    const t = this.taskRow(id);
    if (!t) throw new NotFoundError(`no such task: ${id}`);
    return t;
  }

  listTasks(filter: ListFilter): Task[] {
    const { where, params, limit } = listClauses(filter);
    const sql = `SELECT ${TASK_COLUMNS} FROM tasks ${where}
      ORDER BY priority DESC, created_at ASC, id ASC${limit}`;
    return this.conn.all<Row>(sql, ...params).map(toTask);
  }

  /**
   * The human listing of `filter`, one line per task in listTasks' order, as UTF-8 bytes:
   * `<icon> <id>  <status:8>  <assignee or -:20>[ [tenant]]  <title>` (widths in
   * characters). SQLite renders it: decoding 10,000 rows into JS objects and building the
   * lines there costs several times the query (bench/cli_bench.ts), and `kanban list` has a
   * start-up budget. Empty when nothing matches.
   */
  listText(filter: ListFilter, icons: Readonly<Record<Status, string>>): Uint8Array {
    const { where, params, limit } = listClauses(filter);
    const icon = STATUSES.map((st) => `WHEN '${st}' THEN ?`).join(" ");
    // group_concat keeps the order of its FROM subquery: SQLite never drops a subquery's
    // ORDER BY under an order-sensitive aggregate (tests/store/list_text_test.ts checks).
    // An ORDER BY inside group_concat would sort the rendered lines a second time. Widths
    // count characters (`%!`) where text may be non-ASCII; statuses are ASCII.
    const r = this.conn.rows<[Uint8Array | null]>(
      `SELECT CAST(group_concat(line, char(10)) || char(10) AS BLOB)
       FROM (SELECT printf('%s %s  %-8s  %!-20s%s  %s', CASE status ${icon} ELSE '?' END, id,
               status, COALESCE(assignee, '-'),
               CASE WHEN tenant IS NULL OR tenant = '' THEN '' ELSE ' [' || tenant || ']' END,
               title) AS line
             FROM tasks ${where} ORDER BY priority DESC, created_at ASC, id ASC${limit})`,
      ...STATUSES.map((st) => icons[st]),
      ...params,
    );
    return r[0]?.[0] ?? new Uint8Array();
  }

  /** The parents or the children of `id`, oldest first. */
  linkedTasks(id: string, side: "parents" | "children"): Task[] {
    const [other, self] = side === "parents"
      ? ["parent_id", "child_id"]
      : ["child_id", "parent_id"];
    return this.conn.all<Row>(
      `SELECT ${LINKED_TASK_COLUMNS} FROM task_links l JOIN tasks t ON t.id = l.${other}
       WHERE l.${self} = ? ORDER BY t.created_at, t.rowid`,
      id,
    ).map(toTask);
  }

  showTask(id: string, eventLimit = 50): TaskDetail {
    return this.conn.read(() => {
      const task = this.requireTask(id);
      const parents = this.linkedTasks(id, "parents");
      const children = this.linkedTasks(id, "children");
      const comments = this.conn.all<Row>(
        "SELECT * FROM task_comments WHERE task_id = ? ORDER BY created_at, id",
        id,
      ).map(toComment);
      const events = this.conn.all<Row>(
        "SELECT * FROM (SELECT * FROM task_events WHERE task_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
        id,
        eventLimit,
      ).map(toEvent);
      return { task, parents, children, comments, events, runs: this.runs(id) };
    });
  }

  /**
   * Give a task to a profile (null unassigns). A running task is refused, as Hermes refuses
   * it: its worker holds the claim; `reclaim` or `reassign --reclaim` releases it first.
   */
  assign(id: string, assignee: string | null): Task {
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status === "running") {
        throw new InvalidStateError(
          `cannot reassign ${id}: currently running (claimed). ` +
            "Wait for completion or reclaim the stale lock first.",
          "running",
        );
      }
      this.setAssignee(id, assignee);
      return this.requireTask(id);
    });
  }

  /** Write a new assignee and its `assigned` event, failure count afresh (inside a transaction). */
  setAssignee(id: string, assignee: string | null): void {
    this.conn.run(
      "UPDATE tasks SET assignee = ?, consecutive_failures = 0, last_failure_error = NULL WHERE id = ?",
      assignee,
      id,
    );
    this.event(id, "assigned", { assignee });
  }

  /**
   * An operator's reclaim: release a running task's claim now, whatever its lease says. The
   * run closes as `reclaimed`, the task is ready again with a fresh failure count, and the
   * dispatcher stops the old worker (its run is closed while it lives).
   */
  reclaim(id: string, reason: string | null): Task {
    validateText("reason", reason);
    return this.conn.tx(() => {
      const t = this.taskRow(id);
      if (!t) {
        throw new NotFoundError(`cannot reclaim ${id} (not running or unknown id)`);
      }
      if (!this.releaseClaim(t, reason)) {
        throw new InvalidStateError(
          `cannot reclaim ${id} (not running or unknown id)`,
          "not_running",
        );
      }
      return this.requireTask(id);
    });
  }

  /**
   * Give a task to another profile; with `reclaim`, a running task's claim is released first
   * (as `reclaim` does, in the same transaction). Without it a running task is refused.
   */
  reassign(
    id: string,
    assignee: string | null,
    opts: { reclaim: boolean; reason: string | null },
  ): { task: Task; reclaimed: boolean } {
    validateText("reason", opts.reason);
    return this.conn.tx(() => {
      const refused =
        `cannot reassign ${id} (unknown id, or still running — pass --reclaim to release first)`;
      const t = this.taskRow(id);
      if (!t) throw new NotFoundError(refused);
      const reclaimed = opts.reclaim && this.releaseClaim(t, opts.reason ?? "reassign");
      if (!reclaimed && t.status === "running") throw new InvalidStateError(refused, "running");
      this.setAssignee(id, assignee);
      return { task: this.requireTask(id), reclaimed };
    });
  }

  /**
   * Release the claim of a running (or still claimed) task: close its run as `reclaimed`
   * (`manual_reclaim: <reason>`), put it back to ready, reset its failure count, and write
   * a `reclaimed` event marked manual. False when it holds no claim. Inside a transaction.
   */
  releaseClaim(t: Task, reason: string | null): boolean {
    if (t.status !== "running" && t.claim_lock === null) return false;
    if (t.status !== "running" && t.status !== "ready" && t.status !== "blocked") return false;
    const run = t.current_run_id;
    if (run !== null) {
      this.closeRun(run, "reclaimed", {
        error: reason ? `manual_reclaim: ${reason}` : `manual_reclaim lock=${t.claim_lock}`,
      });
    }
    this.conn.run(
      `UPDATE tasks SET status = 'ready', claim_lock = NULL, claim_expires = NULL, worker_pid = NULL,
         current_run_id = NULL, consecutive_failures = 0, last_failure_error = NULL WHERE id = ?`,
      t.id,
    );
    this.event(t.id, "reclaimed", { manual: true, reason, prev_lock: t.claim_lock }, run);
    return true;
  }

  link(parentId: string, childId: string): void {
    if (parentId === childId) {
      throw new InvalidRequestError("a task cannot depend on itself", "self_link");
    }
    this.conn.tx(() => {
      const missing = [parentId, childId].filter((x) => !this.taskRow(x));
      if (missing.length) throw new NotFoundError(`unknown task(s): ${missing.join(", ")}`);
      const cycle = this.conn.get(
        `WITH RECURSIVE down(id) AS (
           SELECT child_id FROM task_links WHERE parent_id = ?
           UNION SELECT l.child_id FROM task_links l JOIN down d ON l.parent_id = d.id)
         SELECT 1 FROM down WHERE id = ? LIMIT 1`,
        childId,
        parentId,
      );
      if (cycle) {
        throw new InvalidRequestError(
          `linking ${parentId} -> ${childId} would create a cycle`,
          "cycle",
        );
      }
      const { changes } = this.conn.run(
        "INSERT OR IGNORE INTO task_links (parent_id, child_id) VALUES (?, ?)",
        parentId,
        childId,
      );
      if (changes === 0) return;
      const parent = this.taskRow(parentId)!;
      if (!parentSatisfied(parent.status)) {
        this.conn.run(
          "UPDATE tasks SET status = 'todo' WHERE id = ? AND status = 'ready'",
          childId,
        );
      }
      this.event(childId, "linked", { parent: parentId, child: childId });
    });
  }

  unlink(parentId: string, childId: string): void {
    this.conn.tx(() => {
      const { changes } = this.conn.run(
        "DELETE FROM task_links WHERE parent_id = ? AND child_id = ?",
        parentId,
        childId,
      );
      if (changes === 0) {
        throw new NotFoundError(`No such link: ${parentId} -> ${childId}`, "no_link");
      }
      this.event(childId, "unlinked", { parent: parentId, child: childId });
      this.promoteIfReady(childId);
    });
  }

  comment(id: string, author: string, body: string): Comment {
    const text = (body ?? "").trim();
    if (!text) throw new UsageError("body is required (got an empty comment)", "empty_comment");
    validateText("comment", text);
    const who = (author ?? "").trim() || "user";
    return this.conn.tx(() => {
      this.requireTask(id);
      const now = this.now();
      const { lastId } = this.conn.run(
        "INSERT INTO task_comments (task_id, author, body, created_at) VALUES (?, ?, ?, ?)",
        id,
        who,
        text,
        now,
      );
      this.event(id, "commented", { author: who, len: text.length });
      return { id: lastId, task_id: id, author: who, body: text, created_at: now };
    });
  }

  complete(id: string, input: CompleteInput, actor: Actor): { task: Task; changed: boolean } {
    const result = validateText("result", input.result ?? null);
    const summary = validateText("summary", input.summary ?? null);
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status === "done") {
        if (actor.kind === "worker" && t.id !== actor.taskId) {
          this.checkWorker(t, actor, "complete");
        }
        if (result === null || result === t.result) return { task: t, changed: false };
        throw new InvalidStateError(
          `cannot complete ${id}: it is already done with a different result`,
          "already_done",
        );
      }
      if (!["running", "ready", "blocked"].includes(t.status)) {
        throw new InvalidStateError(
          `cannot complete ${id}: it is ${t.status} (complete needs running, ready or blocked)`,
        );
      }
      this.checkWorker(t, actor, "complete");
      const now = this.now();
      const handoff = summary ?? result;
      let runId = t.current_run_id;
      if (runId !== null) {
        this.closeRun(runId, "done", { summary: handoff, metadata: input.metadata ?? null });
      } else if (handoff !== null || input.metadata) {
        // Never claimed, but handing off data: keep it in a zero-length run.
        runId = this.conn.run(
          `INSERT INTO task_runs (task_id, profile, status, started_at, ended_at, outcome, summary, metadata)
           VALUES (?, ?, 'done', ?, ?, 'completed', ?, ?)`,
          id,
          t.assignee,
          now,
          now,
          handoff,
          input.metadata ? JSON.stringify(input.metadata) : null,
        ).lastId;
      }
      this.conn.run(
        `UPDATE tasks SET status = 'done', result = COALESCE(?, result), completed_at = ?,
           claim_lock = NULL, claim_expires = NULL, worker_pid = NULL, current_run_id = NULL,
           consecutive_failures = 0, last_failure_error = NULL
         WHERE id = ?`,
        result,
        now,
        id,
      );
      this.conn.run("DELETE FROM hx_task_retry WHERE task_id = ?", id);
      this.event(id, "completed", {
        result_len: result?.length ?? 0,
        summary: firstLine(summary ?? result, 400),
      }, runId);
      this.promoteChildren(id);
      return { task: this.requireTask(id), changed: true };
    });
  }

  block(id: string, reason: string, actor: Actor): Task {
    const why = (reason ?? "").trim();
    validateText("reason", why);
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status !== "running" && t.status !== "ready") {
        throw new InvalidStateError(
          `cannot block ${id}: it is ${t.status} (block needs running or ready)`,
        );
      }
      this.checkWorker(t, actor, "block");
      const runId = t.current_run_id;
      if (runId !== null) this.closeRun(runId, "blocked", { error: why || null });
      this.conn.run(
        `UPDATE tasks SET status = 'blocked', claim_lock = NULL, claim_expires = NULL, worker_pid = NULL,
           current_run_id = NULL WHERE id = ?`,
        id,
      );
      if (why) {
        this.conn.run(
          "INSERT INTO task_comments (task_id, author, body, created_at) VALUES (?, ?, ?, ?)",
          id,
          actor.name,
          `BLOCKED: ${why}`,
          this.now(),
        );
      }
      this.event(id, "blocked", { reason: why || null }, runId);
      return this.requireTask(id);
    });
  }

  unblock(id: string): Task {
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status !== "blocked") {
        throw new InvalidStateError(`cannot unblock ${id}: it is ${t.status}, not blocked`);
      }
      this.closeLeakedRun(t);
      const next = this.parentsSatisfied(id) ? "ready" : "todo";
      this.conn.run(
        `UPDATE tasks SET status = ?, consecutive_failures = 0, last_failure_error = NULL WHERE id = ?`,
        next,
        id,
      );
      this.conn.run("DELETE FROM hx_task_retry WHERE task_id = ?", id);
      this.event(id, "unblocked", { status: next });
      return this.requireTask(id);
    });
  }

  archive(id: string): Task {
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status === "archived") {
        throw new InvalidStateError(`cannot archive ${id}: it is already archived`);
      }
      if (t.current_run_id !== null) {
        this.closeRun(t.current_run_id, "reclaimed", { error: "archived" });
      }
      this.conn.run(
        `UPDATE tasks SET status = 'archived', claim_lock = NULL, claim_expires = NULL, worker_pid = NULL,
           current_run_id = NULL WHERE id = ?`,
        id,
      );
      this.event(id, "archived", null);
      // Archived parents count as done: children waiting on this one may be free now.
      this.promoteChildren(id);
      return this.requireTask(id);
    });
  }

  promote(id: string): Task {
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status !== "triage" && t.status !== "todo") {
        throw new InvalidStateError(
          `cannot promote ${id}: it is ${t.status} (promote needs triage or todo)`,
        );
      }
      const next = this.parentsSatisfied(id) ? "ready" : "todo";
      if (next === t.status) {
        throw new InvalidStateError(
          `cannot promote ${id}: its parents are not all done yet`,
          "parents_pending",
        );
      }
      this.conn.run("UPDATE tasks SET status = ? WHERE id = ?", next, id);
      this.event(id, "promoted", { from: t.status, status: next });
      return this.requireTask(id);
    });
  }

  claim(id: string, lock: string, ttlSeconds: number): ClaimResult {
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status !== "ready" || t.claim_lock !== null) {
        throw new InvalidStateError(
          `cannot claim ${id}: status=${t.status} lock=${t.claim_lock ?? "(none)"}`,
        );
      }
      if (!this.parentsSatisfied(id)) {
        throw new InvalidStateError(
          `cannot claim ${id}: its parents are not all done`,
          "parents_pending",
        );
      }
      const claimed = this.claimRow(t, lock, ttlSeconds);
      if (!claimed) {
        throw new ConflictError(`cannot claim ${id}: another claimer won`, "claim_lost");
      }
      return claimed;
    });
  }

  /** CAS-claim a ready task (inside a transaction); null if someone else won. */
  claimRow(t: Task, lock: string, ttlSeconds: number): ClaimResult | null {
    const c = this.claimWrites(t, lock, ttlSeconds);
    return c === null ? null : { task: this.requireTask(t.id), run: this.runRow(c.runId)! };
  }

  /**
   * The writes of a claim, inside the caller's transaction: close a leaked run, open a run
   * with a fresh heartbeat, the conditional UPDATE (`status = 'ready' AND claim_lock IS
   * NULL`), and `claimed`. Null, with nothing written, when another claimer won.
   */
  claimWrites(
    t: Task,
    lock: string,
    ttlSeconds: number,
  ): { runId: number; now: number; expires: number } | null {
    const now = this.now();
    const expires = now + ttlSeconds;
    this.closeLeakedRun(t);
    const runId = this.conn.run(
      `INSERT INTO task_runs (task_id, profile, status, claim_lock, claim_expires, max_runtime_seconds,
         last_heartbeat_at, started_at) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`,
      t.id,
      t.assignee,
      lock,
      expires,
      t.max_runtime_seconds,
      now,
      now,
    ).lastId;
    const { changes } = this.conn.run(
      `UPDATE tasks SET status = 'running', claim_lock = ?, claim_expires = ?,
         started_at = COALESCE(started_at, ?), current_run_id = ?, last_heartbeat_at = ?, worker_pid = NULL
       WHERE id = ? AND status = 'ready' AND claim_lock IS NULL`,
      lock,
      expires,
      now,
      runId,
      now,
      t.id,
    );
    if (changes !== 1) {
      this.conn.run("DELETE FROM task_runs WHERE id = ?", runId);
      return null;
    }
    this.event(t.id, "claimed", { lock, expires, run_id: runId }, runId);
    return { runId, now, expires };
  }

  runRow(runId: number): Run | null {
    const r = this.conn.get<Row>(
      `SELECT ${RUN_COLUMNS} FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id WHERE r.id = ?`,
      runId,
    );
    return r ? toRun(r) : null;
  }

  heartbeat(id: string, note: string | null, ttlSeconds: number, actor: Actor): Task {
    return this.conn.tx(() => {
      const t = this.requireTask(id);
      if (t.status !== "running") {
        throw new InvalidStateError(`could not heartbeat ${id}: it is ${t.status}, not running`);
      }
      this.checkWorker(t, actor, "heartbeat");
      const now = this.now();
      this.conn.run(
        "UPDATE tasks SET last_heartbeat_at = ?, claim_expires = MAX(COALESCE(claim_expires, 0), ?) WHERE id = ?",
        now,
        now + ttlSeconds,
        id,
      );
      if (t.current_run_id !== null) {
        this.conn.run(
          "UPDATE task_runs SET last_heartbeat_at = ?, claim_expires = MAX(COALESCE(claim_expires, 0), ?) WHERE id = ?",
          now,
          now + ttlSeconds,
          t.current_run_id,
        );
      }
      this.event(id, "heartbeat", note ? { note } : null, t.current_run_id);
      return this.requireTask(id);
    });
  }

  runs(id: string): Run[] {
    return this.conn.all<Row>(
      `SELECT ${RUN_COLUMNS} FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id
       WHERE r.task_id = ? ORDER BY r.started_at, r.id`,
      id,
    ).map(toRun);
  }

  events(filter: EventFilter): TaskEvent[] {
    const where = ["e.id > ?"];
    const params: (string | number)[] = [filter.afterId];
    if (filter.taskId) {
      where.push("e.task_id = ?");
      params.push(filter.taskId);
    }
    if (filter.kinds?.length) {
      where.push(`e.kind IN (${filter.kinds.map(() => "?").join(", ")})`);
      params.push(...filter.kinds);
    }
    const join = filter.assignee || filter.tenant ? "JOIN tasks t ON t.id = e.task_id" : "";
    if (filter.assignee) {
      where.push("t.assignee = ?");
      params.push(filter.assignee);
    }
    if (filter.tenant) {
      where.push("t.tenant = ?");
      params.push(filter.tenant);
    }
    return this.conn.all<Row>(
      `SELECT e.* FROM task_events e ${join} WHERE ${where.join(" AND ")} ORDER BY e.id LIMIT ?`,
      ...params,
      filter.limit ?? 500,
    ).map(toEvent);
  }

  latestEventId(): number {
    return Number(
      this.conn.get<{ m: number }>("SELECT COALESCE(MAX(id), 0) AS m FROM task_events")?.m ?? 0,
    );
  }

  /** PRAGMA data_version: moves whenever another connection commits, so pollers query only then. */
  dataVersion(): number {
    return this.conn.dataVersion();
  }

  /** The latest completed run's summary of a task, else its result. */
  handoffOf(task: Task): string | null {
    const r = this.conn.get<{ summary: string | null }>(
      `SELECT summary FROM task_runs WHERE task_id = ? AND outcome = 'completed' AND summary IS NOT NULL
       ORDER BY ended_at DESC, id DESC LIMIT 1`,
      task.id,
    );
    return r?.summary ?? task.result;
  }

  workerContextData(id: string): WorkerContextInput {
    return this.conn.read(() => {
      const task = this.requireTask(id);
      const runs = this.runs(id);
      const closed = runs.map((run, i) => ({ number: i + 1, run })).filter((a) =>
        a.run.ended_at !== null
      );
      const attempts = closed.slice(-CONTEXT_CAPS.attempts);
      const parents = this.linkedTasks(id, "parents")
        .map((p) => ({ task: p, handoff: this.handoffOf(p) }));
      const recent = task.assignee === null ? [] : this.conn.all<Row>(
        `SELECT ${TASK_COLUMNS} FROM tasks WHERE assignee = ? AND status = 'done' AND id != ?
         ORDER BY completed_at DESC, rowid DESC LIMIT ?`,
        task.assignee,
        id,
        CONTEXT_CAPS.recent,
      ).map(toTask).map((r) => ({ task: r, handoff: this.handoffOf(r) }));
      const commentTotal = Number(
        this.conn.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM task_comments WHERE task_id = ?",
          id,
        )?.n ?? 0,
      );
      const comments = this.conn.all<Row>(
        `SELECT * FROM (SELECT * FROM task_comments WHERE task_id = ?
           ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id`,
        id,
        CONTEXT_CAPS.comments,
      ).map(toComment);
      return {
        task,
        attempts,
        attemptsOmitted: closed.length - attempts.length,
        parents,
        recent,
        comments,
        commentsOmitted: commentTotal - comments.length,
      };
    });
  }

  pruneEvents(before: number, dryRun: boolean): number {
    const where = `created_at < ? AND task_id IN
      (SELECT id FROM tasks WHERE status IN ('done', 'archived'))`;
    if (dryRun) {
      return Number(
        this.conn.get<{ n: number }>(`SELECT COUNT(*) AS n FROM task_events WHERE ${where}`, before)
          ?.n ?? 0,
      );
    }
    return this.conn.tx(() =>
      this.conn.run(`DELETE FROM task_events WHERE ${where}`, before).changes
    );
  }

  stats(): BoardStats {
    return this.conn.read(() => {
      const now = this.now();
      const by_status: Record<string, number> = {};
      for (
        const r of this.conn.all<{ status: string; n: number }>(
          "SELECT status, COUNT(*) AS n FROM tasks GROUP BY status",
        )
      ) by_status[r.status] = Number(r.n);
      const oldest = this.conn.get<{ c: number | null }>(
        "SELECT MIN(created_at) AS c FROM tasks WHERE status = 'ready'",
      )?.c;
      return {
        by_status,
        by_assignee: this.assigneeCounts(),
        oldest_ready_age_seconds: oldest === null || oldest === undefined
          ? null
          : Math.max(0, now - Number(oldest)),
        now,
      };
    });
  }

  assigneeCounts(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (
      const r of this.conn.all<{ assignee: string; status: string; n: number }>(
        "SELECT assignee, status, COUNT(*) AS n FROM tasks WHERE assignee IS NOT NULL GROUP BY assignee, status",
      )
    ) {
      (out[r.assignee] ??= {})[r.status] = Number(r.n);
    }
    return out;
  }
}

/** WHERE and LIMIT clauses (with parameters) for a task list filter. */
function listClauses(filter: ListFilter): { where: string; params: string[]; limit: string } {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.assignee) {
    where.push("assignee = ?");
    params.push(filter.assignee);
  }
  if (filter.status?.length) {
    where.push(`status IN (${filter.status.map(() => "?").join(", ")})`);
    params.push(...filter.status);
  } else if (!filter.includeArchived) {
    where.push("status != 'archived'");
  }
  if (filter.tenant) {
    where.push("tenant = ?");
    params.push(filter.tenant);
  }
  return {
    where: where.length ? "WHERE " + where.join(" AND ") : "",
    params,
    limit: filter.limit ? ` LIMIT ${Math.floor(filter.limit)}` : "",
  };
}
