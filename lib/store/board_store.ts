/**
 * The board operations over a `Db` (SQLite or PostgreSQL, see _db.ts). The only place with
 * board SQL.
 */

import {
  type Actor,
  bindRun,
  type ChildFact,
  type Comment,
  ConflictError,
  cutText,
  decide,
  type Facts,
  FAILURE_KINDS,
  type FailureKind,
  FINISHED_STATUSES,
  HermesError,
  MAX_ERROR_CHARS,
  needsChildren,
  newTaskId,
  NotFoundError,
  type Operation,
  type ParentFact,
  type Plan,
  planCreate,
  planOf,
  type Run,
  runOutcome,
  type RunStatus,
  SATISFYING_STATUSES,
  type Status,
  type Task,
  type TaskEvent,
  type TaskPatch,
  UsageError,
  validateBody,
  validateText,
  validateTitle,
  VERB_FROM,
} from "../board/mod.ts";
import { CONTEXT_CAPS, type WorkerContextInput } from "../board/worker_context.ts";
import { Connection, type OpenOptions } from "./connection.ts";
import type { Db, Dialect } from "./_db.ts";
import * as dashboard from "./_dashboard_queries.ts";
import { type Row, RUN_COLUMNS, TASK_COLUMNS, toComment, toEvent, toRun, toTask } from "./_rows.ts";
import type {
  BoardStats,
  BoardView,
  ClaimResult,
  Clock,
  CompleteInput,
  CreateTaskInput,
  EventFilter,
  LineCell,
  LineColumn,
  ListFilter,
  Performed,
  Store,
  TaskDetail,
  TaskRef,
} from "./types.ts";

/** TASK_COLUMNS of the tasks table aliased `t`, for joins. */
const LINKED_TASK_COLUMNS = TASK_COLUMNS.replace(/(^|, )/g, "$1t.");

export { MAX_ERROR_CHARS };

/** Cut a stored error/reason text (at MAX_ERROR_CHARS). */
export const cutError: (s: string) => string = cutText;

/** `('done', 'archived')`: the statuses that let a child run, for queries. */
const SATISFYING_SQL = `(${SATISFYING_STATUSES.map((st) => `'${st}'`).join(", ")})`;

/** `('done', 'archived')`: the statuses nothing happens to any more, for queries. */
const FINISHED_SQL = `(${FINISHED_STATUSES.map((st) => `'${st}'`).join(", ")})`;

/** The statuses a waiting task may be readied from, for queries. */
const WAITING_SQL = `(${VERB_FROM.recompute.map((st) => `'${st}'`).join(", ")})`;

/** SQL condition on a task aliased `t`: every parent is done (parentSatisfied), for queries. */
export const PARENTS_DONE_SQL = `NOT EXISTS (
    SELECT 1 FROM task_links l JOIN tasks p ON p.id = l.parent_id
    WHERE l.child_id = t.id AND p.status NOT IN ${SATISFYING_SQL})`;

/** SQL condition on a task aliased `t`: the rulebook's `recompute` would ready it. */
export const PROMOTABLE_SQL = `t.status IN ${WAITING_SQL} AND ${PARENTS_DONE_SQL}`;

/** The run statuses of failed attempts, for queries. */
const FAILURE_SQL = `(${FAILURE_KINDS.map((k) => `'${k}'`).join(", ")})`;

/** Who acts when a caller names nobody: store verbs without an actor have no actor rules. */
export const SOMEONE: Actor = { kind: "person", name: "user" };

/** The task columns a plan may write. */
export const PATCH_COLUMNS: ReadonlySet<keyof TaskPatch> = new Set<keyof TaskPatch>([
  "status",
  "assignee",
  "result",
  "started_at",
  "completed_at",
  "claim_lock",
  "claim_expires",
  "worker_pid",
  "current_run_id",
  "last_heartbeat_at",
  "consecutive_failures",
  "last_failure_error",
]);

export type { Clock };

/** The system clock in unix seconds. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** A board in one database (a SQLite file or a PostgreSQL schema). */
export class SqlBoardStore implements Store {
  readonly conn: Db;
  readonly now: Clock;

  constructor(conn: Db, clock: Clock = systemClock) {
    this.conn = conn;
    this.now = clock;
  }

  /** Open the SQLite board at `path`. */
  static open(path: string, opts: OpenOptions, clock?: Clock): SqlBoardStore {
    return new SqlBoardStore(Connection.open(path, opts), clock);
  }

  get path(): string {
    return this.conn.path;
  }

  /** PostgreSQL boards are shared by the gateways of several hosts; a SQLite file is not. */
  get shared(): boolean {
    return this.conn.dialect.name === "postgres";
  }

  /** What the cheap probe at open found damaged, or null (see Connection.damage). */
  get damage(): string | null {
    return this.conn.damage;
  }

  close(): void {
    this.conn.close();
  }

  /** Run `fn` in one write transaction (nests inline): all of it commits, or none. */
  tx<T>(fn: () => T): T {
    return this.conn.tx(fn);
  }

  /** Several reads in one snapshot. */
  read<T>(fn: () => T): T {
    return this.conn.read(fn);
  }

  /** Upkeep when due (SQLite: a passive WAL checkpoint); long-running processes call it each tick. */
  maybeCheckpoint(): void {
    this.conn.maybeCheckpoint();
  }

  // ---- internal helpers (always called inside a transaction) ----

  /** Append an event row. */
  event(
    taskId: string,
    kind: string,
    payload: Record<string, unknown> | null,
    runId: number | null = null,
    at: number = this.now(),
  ): void {
    this.conn.write(
      "INSERT INTO task_events (task_id, run_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)",
      taskId,
      runId,
      kind,
      payload === null ? null : JSON.stringify(payload),
      at,
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
    this.conn.write("UPDATE tasks SET current_run_id = NULL WHERE current_run_id = ?", runId);
    return changes === 1;
  }

  taskRow(id: string): Task | null {
    const r = this.conn.get<Row>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`, id);
    return r ? toTask(r) : null;
  }

  // ---- the rulebook's plans (always inside a transaction) ----

  /** The parents of `id` as the rulebook sees them, oldest first. */
  parentFacts(id: string): ParentFact[] {
    return this.conn.all<{ id: string; title: string; status: string }>(
      `SELECT t.id, t.title, t.status FROM task_links l JOIN tasks t ON t.id = l.parent_id
       WHERE l.child_id = ? ORDER BY t.created_at, t.id`,
      id,
    ).map((r) => ({ id: String(r.id), title: String(r.title), status: r.status as Status }));
  }

  /** The children of `id` with the statuses of their other parents. */
  childFacts(id: string): ChildFact[] {
    return this.conn.all<{ id: string; status: string; others: string }>(
      `SELECT c.id, c.status, (SELECT ${
        this.conn.dialect.jsonArrayText("p.status")
      } FROM task_links l2
         JOIN tasks p ON p.id = l2.parent_id WHERE l2.child_id = c.id AND l2.parent_id != ?) AS others
       FROM task_links l JOIN tasks c ON c.id = l.child_id WHERE l.parent_id = ? ORDER BY l.child_id`,
      id,
      id,
    ).map((r) => ({
      id: String(r.id),
      status: r.status as Status,
      otherParents: JSON.parse(String(r.others)) as Status[],
    }));
  }

  /** What the rulebook is told about `id` when deciding `op`. */
  facts(id: string, op: Operation): Facts {
    const task = this.taskRow(id);
    const facts: Facts = {
      id,
      task,
      parents: task === null ? [] : this.parentFacts(id),
      children: task !== null && needsChildren(op) ? this.childFacts(id) : [],
    };
    if (task !== null && op.op === "run_ended" && op.end.kind === "retry_later") {
      // A try-later's delay doubles with the attempts so far.
      facts.retryAttempts = Number(
        this.conn.get<{ attempts: number }>(
          "SELECT attempts FROM hx_task_retry WHERE task_id = ?",
          id,
        )?.attempts ?? 0,
      );
    }
    if (task !== null && op.op === "run_ended" && op.end.kind === "failed") {
      // A failure at the limit names the streak of failure kinds that led to it.
      facts.recentFailures = this.conn.all<{ status: string }>(
        `SELECT status FROM task_runs WHERE task_id = ? AND status IN ${FAILURE_SQL}
         ORDER BY id DESC LIMIT ?`,
        id,
        task.consecutive_failures,
      ).map((r) => r.status as FailureKind).reverse();
    }
    return facts;
  }

  /** Decide `op` on `id` with the rulebook and apply the plan (inside a transaction). */
  performIn(id: string, op: Operation, actor: Actor, facts?: Facts): AppliedPlan {
    const done = this.attemptIn(id, op, actor, facts);
    if (done instanceof HermesError) throw done;
    return done;
  }

  /**
   * As performIn, but a refusal is returned (nothing written) rather than thrown: for callers
   * to whom some refusals are an expected answer (the dispatcher's run that lost its claim).
   */
  attemptIn(
    id: string,
    op: Operation,
    actor: Actor,
    facts: Facts = this.facts(id, op),
  ): AppliedPlan | HermesError {
    const now = this.now();
    const d = decide(op, facts, actor, now);
    if (!d.ok) return d.error;
    return { plan: d.plan, ...this.applyPlan(d.plan, now) };
  }

  /**
   * Write a plan's effects, in its order, inside the caller's transaction. Returns the ids of
   * the run and the comment it added, if any.
   */
  applyPlan(plan: Plan, now: number): { runId: number | null; commentId: number | null } {
    if (!plan.changed) return { runId: null, commentId: null };
    let p = plan;
    if (p.closeRun) this.closeRun(p.closeRun.runId, p.closeRun.status, p.closeRun);
    let runId: number | null = null;
    if (p.openRun) {
      const r = p.openRun;
      runId = this.conn.run(
        `INSERT INTO task_runs (task_id, profile, status, claim_lock, claim_expires,
           max_runtime_seconds, last_heartbeat_at, started_at, ended_at, outcome, summary, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        p.taskId,
        r.profile,
        r.status,
        r.claim_lock,
        r.claim_expires,
        r.max_runtime_seconds,
        r.last_heartbeat_at,
        r.started_at,
        r.ended_at,
        runOutcome(r.status),
        r.summary,
        r.metadata ? JSON.stringify(r.metadata) : null,
      ).lastId;
      p = bindRun(p, runId);
    }
    this.writeTask(p.taskId, p.set);
    if (p.lease) {
      const { runId: leased, lastHeartbeatAt, claimExpires, neverShorten } = p.lease;
      this.conn.write(
        `UPDATE task_runs SET last_heartbeat_at = COALESCE(?, last_heartbeat_at), claim_expires = ${
          neverShorten ? this.conn.dialect.greatest("COALESCE(claim_expires, 0)", "?") : "?"
        } WHERE id = ?`,
        lastHeartbeatAt,
        claimExpires,
        leased,
      );
    }
    if (p.retry?.clear) this.conn.write("DELETE FROM hx_task_retry WHERE task_id = ?", p.taskId);
    else if (p.retry) {
      this.conn.write(
        `INSERT INTO hx_task_retry (task_id, not_before, attempts) VALUES (?, ?, ?)
         ON CONFLICT(task_id) DO UPDATE SET not_before = excluded.not_before, attempts = excluded.attempts`,
        p.taskId,
        p.retry.notBefore,
        p.retry.attempts,
      );
    }
    if (p.link) {
      this.conn.write(
        p.link.add
          ? "INSERT INTO task_links (parent_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
          : "DELETE FROM task_links WHERE parent_id = ? AND child_id = ?",
        p.link.parentId,
        p.taskId,
      );
    }
    let commentId: number | null = null;
    if (p.comment) {
      commentId = this.conn.run(
        "INSERT INTO task_comments (task_id, author, body, created_at) VALUES (?, ?, ?, ?)",
        p.taskId,
        p.comment.author,
        p.comment.body,
        now,
      ).lastId;
    }
    for (const e of p.events) this.event(p.taskId, e.kind, e.payload, runRef(e.runId), now);
    for (const child of p.then) this.applyPlan(child, now);
    return { runId, commentId };
  }

  /** Write task columns of a plan. */
  writeTask(id: string, set: TaskPatch): void {
    const cols = Object.keys(set) as (keyof TaskPatch)[];
    if (cols.length === 0) return;
    for (const c of cols) if (!PATCH_COLUMNS.has(c)) throw new Error(`not a task column: ${c}`);
    this.conn.write(
      `UPDATE tasks SET ${cols.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`,
      ...cols.map((c) => (c === "current_run_id" ? runRef(set[c] ?? null) : set[c] ?? null)),
      id,
    );
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
      const plan = planOf(planCreate({
        triage: input.triage ?? false,
        parents: parents.map((p) => ({
          id: p,
          status: (this.conn.get<{ status: string }>("SELECT status FROM tasks WHERE id = ?", p)
            ?.status ?? null) as Status | null,
        })),
        assignee: input.assignee ?? null,
        tenant: input.tenant ?? null,
        skills: input.skills ?? null,
      }));
      const now = this.now();
      let id = newTaskId();
      for (let attempt = 0; this.conn.get("SELECT 1 FROM tasks WHERE id = ?", id); attempt++) {
        if (attempt > 5) throw new ConflictError("could not allocate a unique task id");
        id = newTaskId();
      }
      this.conn.write(
        `INSERT INTO tasks (id, title, body, assignee, status, priority, created_by, created_at,
           workspace_kind, workspace_path, tenant, idempotency_key, max_runtime_seconds, skills,
           max_retries)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        title,
        body,
        input.assignee ?? null,
        plan.status,
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
      for (const p of plan.parents) {
        this.conn.write(
          "INSERT INTO task_links (parent_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          p,
          id,
        );
      }
      this.event(id, plan.event.kind, plan.event.payload, null, now);
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
    const sql = `SELECT ${TASK_COLUMNS} FROM tasks ${where} ORDER BY ${LIST_ORDER}${limit}`;
    return this.conn.all<Row>(sql, ...params).map(toTask);
  }

  renderLines(filter: ListFilter, cells: readonly LineCell[]): Uint8Array {
    const { where, params, limit } = listClauses(filter);
    const d = this.conn.dialect;
    const line = lineSql(cells, d);
    const r = this.conn.rows<[Uint8Array | null]>(
      d.joinLines(line.sql, where, LIST_ORDER, limit),
      ...line.params,
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
        "SELECT * FROM (SELECT * FROM task_events WHERE task_id = ? ORDER BY id DESC LIMIT ?) AS e ORDER BY id",
        id,
        eventLimit,
      ).map(toEvent);
      return { task, parents, children, comments, events, runs: this.runs(id) };
    });
  }

  /** Decide `op` on `id` with the rulebook and apply its plan, in one transaction. */
  perform(id: string, op: Operation, actor: Actor): Performed {
    return this.conn.tx(() => {
      const { plan } = this.performIn(id, op, actor);
      return { plan, task: this.taskRow(id) };
    });
  }

  /**
   * Give a task to a profile (null unassigns). A running task is refused, as Hermes refuses
   * it: its worker holds the claim; `reclaim` or `reassign --reclaim` releases it first.
   */
  assign(id: string, assignee: string | null): Task {
    return this.conn.tx(() => {
      this.performIn(id, { op: "assign", assignee }, SOMEONE);
      return this.requireTask(id);
    });
  }

  /**
   * An operator's reclaim: release a running task's claim now, whatever its lease says. The
   * run closes as `reclaimed`, the task waits again with a fresh failure count, and the
   * dispatcher stops the old worker (its run is closed while it lives).
   */
  reclaim(id: string, reason: string | null): Task {
    validateText("reason", reason);
    return this.perform(id, { op: "reclaim", reason }, SOMEONE).task!;
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
    const { plan, task } = this.perform(
      id,
      { op: "reassign", assignee, reclaim: opts.reclaim, reason: opts.reason },
      SOMEONE,
    );
    return { task: task!, reclaimed: plan.events.some((e) => e.kind === "reclaimed") };
  }

  link(parentId: string, childId: string): void {
    this.conn.tx(() => {
      const parent = this.taskRow(parentId);
      const facts = this.facts(childId, { op: "recompute" });
      const both = parent !== null && facts.task !== null && parentId !== childId;
      const cycle = both && !!this.conn.get(
        `WITH RECURSIVE down(id) AS (
           SELECT child_id FROM task_links WHERE parent_id = ?
           UNION SELECT l.child_id FROM task_links l JOIN down d ON l.parent_id = d.id)
         SELECT 1 FROM down WHERE id = ? LIMIT 1`,
        childId,
        parentId,
      );
      const linked = facts.parents.some((p) => p.id === parentId);
      this.performIn(
        childId,
        { op: "link", parentId, parent: parent?.status ?? null, cycle, linked },
        SOMEONE,
        facts,
      );
    });
  }

  unlink(parentId: string, childId: string): void {
    this.conn.tx(() => {
      const linked = !!this.conn.get(
        "SELECT 1 FROM task_links WHERE parent_id = ? AND child_id = ?",
        parentId,
        childId,
      );
      this.performIn(childId, { op: "unlink", parentId, linked }, SOMEONE);
    });
  }

  comment(id: string, author: string, body: string): Comment {
    const text = (body ?? "").trim();
    if (!text) throw new UsageError("body is required (got an empty comment)", "empty_comment");
    validateText("comment", text);
    const who = (author ?? "").trim() || "user";
    return this.conn.tx(() => {
      const now = this.now();
      const facts = this.facts(id, { op: "comment", author: who, body: text });
      const plan = planOf(
        decide({ op: "comment", author: who, body: text }, facts, SOMEONE, now),
      );
      const { commentId } = this.applyPlan(plan, now);
      return { id: commentId!, task_id: id, author: who, body: text, created_at: now };
    });
  }

  complete(id: string, input: CompleteInput, actor: Actor): { task: Task; changed: boolean } {
    const result = validateText("result", input.result ?? null);
    const summary = validateText("summary", input.summary ?? null);
    return this.conn.tx(() => {
      const { plan } = this.performIn(id, {
        op: "complete",
        result,
        summary,
        metadata: input.metadata ?? null,
      }, actor);
      return { task: this.requireTask(id), changed: plan.changed };
    });
  }

  block(id: string, reason: string, actor: Actor): Task {
    const why = (reason ?? "").trim();
    validateText("reason", why);
    return this.conn.tx(() => {
      this.performIn(id, { op: "block", reason: why }, actor);
      return this.requireTask(id);
    });
  }

  unblock(id: string): Task {
    return this.perform(id, { op: "unblock" }, SOMEONE).task!;
  }

  archive(id: string): Task {
    return this.perform(id, { op: "archive" }, SOMEONE).task!;
  }

  promote(id: string): Task {
    return this.perform(id, { op: "promote" }, SOMEONE).task!;
  }

  /** Every waiting task whose parents are all done becomes ready. Returns the count. */
  promoteAll(): number {
    const rows = this.conn.all<{ id: string }>(
      `SELECT t.id FROM tasks t WHERE ${PROMOTABLE_SQL}`,
    );
    let n = 0;
    for (const { id } of rows) {
      n += this.performIn(id, { op: "recompute" }, SOMEONE).plan.changed ? 1 : 0;
    }
    return n;
  }

  claim(id: string, lock: string, ttlSeconds: number): ClaimResult {
    return this.conn.tx(() => {
      const { runId } = this.performIn(id, { op: "claim", lock, ttlSeconds }, SOMEONE);
      return { task: this.requireTask(id), run: this.runRow(runId!)! };
    });
  }

  /**
   * The writes of a claim of `t` (read by the caller in its transaction): the rulebook's claim
   * plan, applied. Null, with nothing written, when the task is not claimable.
   */
  claimWrites(
    t: Task,
    lock: string,
    ttlSeconds: number,
  ): { runId: number; now: number; expires: number } | null {
    const now = this.now();
    const d = decide(
      { op: "claim", lock, ttlSeconds },
      { id: t.id, task: t, parents: this.parentFacts(t.id), children: [] },
      SOMEONE,
      now,
    );
    if (!d.ok) return null;
    const { runId } = this.applyPlan(d.plan, now);
    return { runId: runId!, now, expires: d.plan.set.claim_expires as number };
  }

  runRow(runId: number): Run | null {
    const r = this.conn.get<Row>(
      `SELECT ${RUN_COLUMNS} FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id WHERE r.id = ?`,
      runId,
    );
    return r ? toRun(r) : null;
  }

  heartbeat(id: string, note: string | null, ttlSeconds: number, actor: Actor): Task {
    return this.perform(id, { op: "heartbeat", note, ttlSeconds }, actor).task!;
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

  /** Moves whenever another connection commits (SQLite: PRAGMA data_version), so pollers query only then. */
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
           ORDER BY created_at DESC, id DESC LIMIT ?) AS c ORDER BY created_at, id`,
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
      (SELECT id FROM tasks WHERE status IN ${FINISHED_SQL})`;
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

  // ---- DashboardQueries (lib/store/_dashboard_queries.ts) ----

  boardView(opts: { tenant?: string | null; includeArchived?: boolean }): BoardView {
    return dashboard.boardView(this, opts);
  }

  allLinks(): Array<{ parent_id: string; child_id: string }> {
    return dashboard.allLinks(this);
  }

  relatives(id: string): { parents: TaskRef[]; children: TaskRef[] } {
    return dashboard.relatives(this, id);
  }

  runForLog(taskId: string, runId: number | null): Run | null {
    return dashboard.runForLog(this, taskId, runId);
  }

  reprioritize(id: string, priority: number): Task {
    return dashboard.reprioritize(this, id, priority);
  }

  editTask(id: string, fields: { title?: string; body?: string | null }): Task {
    return dashboard.editTask(this, id, fields);
  }

  metricCounts(): { tasks: Record<string, number>; runs: Record<string, number> } {
    return dashboard.metricCounts(this);
  }
}

/** The order of every task listing. */
const LIST_ORDER = "priority DESC, created_at ASC, id ASC";

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

/** The columns a line can show, and whether the schema lets them be NULL. */
const LINE_COLUMNS: Readonly<Record<LineColumn, { sql: string; nullable: boolean }>> = {
  id: { sql: "id", nullable: true }, // a TEXT PRIMARY KEY may be NULL in SQLite
  status: { sql: "status", nullable: false },
  assignee: { sql: "assignee", nullable: true },
  tenant: { sql: "tenant", nullable: true },
  title: { sql: "title", nullable: false },
};

/**
 * A line layout as one SQL text expression (LineCell's steps, in its order). Texts are bound
 * parameters; widths count characters, as renderLine counts code points.
 */
function lineSql(cells: readonly LineCell[], d: Dialect): { sql: string; params: string[] } {
  const params: string[] = [];
  const parts = cells.map((cell) => {
    if ("text" in cell) {
      params.push(cell.text);
      // Typed, so that PostgreSQL knows a line made of one literal is text.
      return "CAST(? AS TEXT)";
    }
    const col = LINE_COLUMNS[cell.column];
    if (col === undefined) throw new Error(`no such line column: ${cell.column}`);
    // Each step wraps the expression once, so its parameters stay in text order.
    let e = col.sql;
    let nullable = col.nullable;
    let p: string[] = [];
    const mapped = Object.entries(cell.map ?? {});
    if (mapped.length) {
      e = `CASE ${e} ${mapped.map(() => "WHEN ? THEN ?").join(" ")} ELSE ${e} END`;
      p = mapped.flat();
    }
    if (cell.whenNull !== undefined) {
      e = `COALESCE(${e}, ?)`;
      p.push(cell.whenNull);
      nullable = false;
    }
    if (cell.around) {
      e = `COALESCE(? || NULLIF(${e}, '') || ?, '')`;
      p = [cell.around[0], ...p, cell.around[1]];
      nullable = false;
    }
    if (cell.width !== undefined) {
      const w = Math.floor(cell.width);
      if (!(w >= 0 && w <= 1000)) throw new Error(`line width out of range: ${cell.width}`);
      e = d.padRight(e, w); // NULL prints as ''
      nullable = false;
    }
    params.push(...p);
    // One NULL would void the whole line (NULL || text is NULL): renderLine prints "".
    return nullable ? `COALESCE(${e}, '')` : e;
  });
  return { sql: parts.length ? parts.join(" || ") : "''", params };
}

/** A plan as applied: the ids of the run and the comment it added. */
export interface AppliedPlan {
  plan: Plan;
  runId: number | null;
  commentId: number | null;
}

/** A run reference of an applied plan: `bindRun` has replaced the new run's placeholder. */
function runRef(r: number | string | null): number | null {
  if (typeof r === "string") throw new Error("a plan's new run was never bound");
  return r;
}
