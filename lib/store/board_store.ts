/**
 * The board operations over a `Db` (SQLite or PostgreSQL, see _db.ts). The only place with
 * board SQL.
 */

import {
  type Actor,
  type Attachment,
  bindRun,
  type CardFact,
  type ChildFact,
  type Comment,
  ConflictError,
  cutText,
  decide,
  type DiagnosisInput,
  type Facts,
  FAILURE_KINDS,
  type FailureKind,
  FINISHED_STATUSES,
  HermesError,
  type ListSort,
  MAX_ERROR_CHARS,
  mentionedTaskIds,
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
  type WorkerActor,
  type WorkerFacts,
} from "../board/mod.ts";
import { CONTEXT_CAPS, type WorkerContextInput } from "../board/worker_context.ts";
import { Connection, type OpenOptions } from "./connection.ts";
import type { Db, Dialect } from "./_db.ts";
import * as dashboard from "./_dashboard_queries.ts";
import {
  type Row,
  RUN_COLUMNS,
  TASK_COLUMNS,
  toAttachment,
  toComment,
  toEvent,
  toRun,
  toTask,
} from "./_rows.ts";
import type {
  ActiveWorker,
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
  NewAttachment,
  Performed,
  RunProcess,
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
  "block_kind",
  "block_recurrences",
]);

export type { Clock };

/** The system clock in unix seconds. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** Handle ids for change tokens: a fresh random prefix per process, a counter per handle. */
const HANDLE_PREFIX = crypto.randomUUID().slice(0, 8);
let handles = 0;

/** A board in one database (a SQLite file or a PostgreSQL schema). */
export class SqlBoardStore implements Store {
  readonly conn: Db;
  readonly now: Clock;
  readonly #handleId = `${HANDLE_PREFIX}${(++handles).toString(36)}`;

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
    const r = this.conn.rows(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`, id)[0];
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

  /** What the rulebook is told about `id` when `actor` asks for `op`. */
  facts(id: string, op: Operation, actor: Actor = SOMEONE): Facts {
    const task = this.taskRow(id);
    const facts: Facts = {
      id,
      task,
      parents: task === null ? [] : this.parentFacts(id),
      children: task !== null && needsChildren(op) ? this.childFacts(id) : [],
    };
    if (actor.kind === "worker") {
      facts.worker = this.workerFacts(actor, op.op === "link" ? [id, op.parentId] : [id]);
    }
    if (task !== null && op.op === "run_ended" && op.end.kind === "retry_later") {
      // A try-later's delay doubles with the attempts so far.
      facts.retryAttempts = Number(
        this.conn.get<{ attempts: number }>(
          "SELECT attempts FROM hx_task_retry WHERE task_id = ?",
          id,
        )?.attempts ?? 0,
      );
    }
    if (task !== null && op.op === "wake") facts.scheduledAt = this.scheduledAt(id);
    if (task !== null && op.op === "send_back") {
      facts.reviewRun = this.reviewRun(task.current_run_id);
      facts.reviewedAssignee = this.reviewedAssignee(id);
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

  /**
   * When the scheduled task `id` becomes ready by itself: its hx_task_schedule time, if that
   * belongs to its latest `scheduled` event (a task scheduled again since, by Hermes without a
   * time, waits for a person). Null when it has none.
   */
  scheduledAt(id: string): number | null {
    const r = this.conn.get<{ due_at: number }>(
      `SELECT s.due_at FROM hx_task_schedule s WHERE s.task_id = ? AND s.event_id =
         (SELECT MAX(e.id) FROM task_events e WHERE e.task_id = s.task_id AND e.kind = 'scheduled')`,
      id,
    );
    return r === undefined ? null : Number(r.due_at);
  }

  /** True when run `runId` was claimed from review (its `claimed` event says so). */
  reviewRun(runId: number | null): boolean {
    if (runId === null) return false;
    return !!this.conn.get(
      `SELECT 1 FROM task_events WHERE run_id = ? AND kind = 'claimed'
         AND ${this.conn.dialect.jsonMember("payload", "source_status")} = 'review'`,
      runId,
    );
  }

  /** The assignee task `id` had when it was last sent to review, if we recorded it. */
  reviewedAssignee(id: string): string | null {
    const r = this.conn.get<{ a: string | null }>(
      `SELECT ${this.conn.dialect.jsonMember("payload", "from_assignee")} AS a FROM task_events
       WHERE task_id = ? AND kind = 'review_requested' ORDER BY id DESC LIMIT 1`,
      id,
    );
    return r?.a ?? null;
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
    facts: Facts = this.facts(id, op, actor),
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
    if (plan.purge) {
      this.purge(plan.taskId);
      return { runId: null, commentId: null };
    }
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
    if (p.amendRun) {
      this.conn.run(
        "UPDATE task_runs SET summary = ?, metadata = COALESCE(?, metadata) WHERE id = ?",
        p.amendRun.summary,
        p.amendRun.metadata ? JSON.stringify(p.amendRun.metadata) : null,
        p.amendRun.runId,
      );
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
    if (p.schedule?.clear) {
      this.conn.run("DELETE FROM hx_task_schedule WHERE task_id = ?", p.taskId);
    } else if (p.schedule) {
      // The time belongs to the `scheduled` event just written.
      this.conn.run(
        `INSERT INTO hx_task_schedule (task_id, due_at, event_id)
         VALUES (?, ?, (SELECT MAX(id) FROM task_events WHERE task_id = ? AND kind = 'scheduled'))
         ON CONFLICT(task_id) DO UPDATE SET due_at = excluded.due_at, event_id = excluded.event_id`,
        p.taskId,
        p.schedule.dueAt,
        p.taskId,
      );
    }
    for (const child of p.then) this.applyPlan(child, now);
    return { runId, commentId };
  }

  /**
   * Remove a task and every row about it: its links both ways, and the rows of every table
   * with a `task_id` column (Hermes's and ours, present and future).
   */
  purge(id: string): void {
    this.conn.run("DELETE FROM task_links WHERE parent_id = ? OR child_id = ?", id, id);
    const tables = this.conn.all<{ name: string }>(this.conn.dialect.tablesWithColumn("task_id"));
    for (const { name } of tables) {
      if (name === "tasks") continue;
      this.conn.run(`DELETE FROM "${name.replace(/"/g, '""')}" WHERE task_id = ?`, id);
    }
    this.conn.run("DELETE FROM tasks WHERE id = ?", id);
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

  // ---- workers ----

  /**
   * What the rules need to know about a worker: whether the secret it presented is its run's
   * (compared by hash: only the hash is kept), whether that run still holds its task, its
   * task's tenant, and which of `ids` its task created or is linked to.
   */
  workerFacts(actor: WorkerActor, ids: readonly string[]): WorkerFacts {
    const none: WorkerFacts = {
      authentic: false,
      runActive: false,
      tenant: null,
      created: [],
      linked: [],
    };
    if (actor.runId === null || !actor.credential) return none;
    const row = this.conn.get<
      { secret_hash: string; current: number | null; ended: number | null; tenant: string | null }
    >(
      `SELECT s.secret_hash, t.current_run_id AS current, r.ended_at AS ended, t.tenant
       FROM hx_run_secrets s JOIN tasks t ON t.id = s.task_id JOIN task_runs r ON r.id = s.run_id
       WHERE s.run_id = ? AND s.task_id = ? AND r.task_id = s.task_id`,
      actor.runId,
      actor.taskId,
    );
    if (!row || !sameHash(String(row.secret_hash), actor.credential)) return none;
    const others = [...new Set(ids)].filter((id) => id !== actor.taskId);
    const marks = others.map(() => "?").join(", ");
    const created = others.length === 0 ? [] : this.conn.all<{ task_id: string }>(
      `SELECT task_id FROM hx_task_origins WHERE by_task = ? AND task_id IN (${marks})`,
      actor.taskId,
      ...others,
    ).map((r) => String(r.task_id));
    const linked = others.length === 0 ? [] : this.conn.all<{ id: string }>(
      `SELECT child_id AS id FROM task_links WHERE parent_id = ? AND child_id IN (${marks})
       UNION SELECT parent_id AS id FROM task_links WHERE child_id = ? AND parent_id IN (${marks})`,
      actor.taskId,
      ...others,
      actor.taskId,
      ...others,
    ).map((r) => String(r.id));
    return {
      authentic: true,
      runActive: row.ended === null && Number(row.current) === actor.runId,
      tenant: row.tenant === null ? null : String(row.tenant),
      created,
      linked,
    };
  }

  /** Keep the SHA-256 (hex) of run `runId`'s secret: what its worker's requests are checked against. */
  recordRunSecret(runId: number, taskId: string, hash: string): void {
    this.conn.run(
      `INSERT INTO hx_run_secrets (run_id, task_id, secret_hash, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(run_id) DO UPDATE SET task_id = excluded.task_id,
         secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
      runId,
      taskId,
      hash,
      this.now(),
    );
  }

  // ---- BoardStore ----

  createTask(input: CreateTaskInput): { task: Task; existed: boolean } {
    const title = validateTitle(input.title);
    const body = validateBody(input.body ?? null);
    const parents = [...new Set(input.parents ?? [])];
    const ws = input.workspace ?? { kind: "scratch", path: null };
    const creator = input.creator ?? null;
    return this.conn.tx(() => {
      const plan = () =>
        planOf(planCreate({
          triage: input.triage ?? false,
          parents: parents.map((p) => ({
            id: p,
            status: (this.conn.get<{ status: string }>("SELECT status FROM tasks WHERE id = ?", p)
              ?.status ?? null) as Status | null,
          })),
          assignee: input.assignee ?? null,
          tenant: input.tenant ?? null,
          skills: input.skills ?? null,
          initialStatus: input.initialStatus,
          branch: input.branchName ?? null,
          goalMode: input.goalMode ?? false,
          creator: creator
            ? {
              actor: creator,
              facts: this.workerFacts(creator, []),
              rules: input.rules ?? { allowed: [], unconfined: [] },
            }
            : undefined,
        }));
      // A worker proves itself before it learns whether a key is taken.
      const decided = creator ? plan() : null;
      if (input.idempotencyKey) {
        const r = this.conn.rows(
          `SELECT ${TASK_COLUMNS} FROM tasks WHERE idempotency_key = ? AND status != 'archived'
           ORDER BY created_at LIMIT 1`,
          input.idempotencyKey,
        )[0];
        if (r) return { task: toTask(r), existed: true };
      }
      const p = decided ?? plan();
      const now = this.now();
      let id = newTaskId();
      for (let attempt = 0; this.conn.get("SELECT 1 FROM tasks WHERE id = ?", id); attempt++) {
        if (attempt > 5) throw new ConflictError("could not allocate a unique task id");
        id = newTaskId();
      }
      this.conn.write(
        `INSERT INTO tasks (id, title, body, assignee, status, priority, created_by, created_at,
           workspace_kind, workspace_path, tenant, idempotency_key, max_runtime_seconds, skills,
           max_retries, branch_name, project_id, model_override, goal_mode, goal_max_turns)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        title,
        body,
        p.assignee,
        p.status,
        input.priority ?? 0,
        input.createdBy ?? null,
        now,
        ws.kind,
        ws.path,
        p.tenant,
        input.idempotencyKey ?? null,
        input.maxRuntimeSeconds ?? null,
        input.skills ? JSON.stringify(input.skills) : null,
        input.maxRetries ?? null,
        input.branchName ?? null,
        input.projectId ?? null,
        input.modelOverride ?? null,
        input.goalMode ? 1 : 0,
        input.goalMaxTurns ?? null,
      );
      for (const parent of p.parents) {
        this.conn.write(
          "INSERT INTO task_links (parent_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          parent,
          id,
        );
      }
      if (p.origin) {
        this.conn.run(
          "INSERT INTO hx_task_origins (task_id, by_task, by_run) VALUES (?, ?, ?)",
          id,
          p.origin.taskId,
          p.origin.runId,
        );
      }
      this.event(id, p.event.kind, p.event.payload, null, now);
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
      ORDER BY ${SORT_SQL[filter.sort ?? "priority"]}${limit}`;
    return this.conn.rows(sql, ...params).map(toTask);
  }

  renderLines(filter: ListFilter, cells: readonly LineCell[]): Uint8Array {
    const { where, params, limit } = listClauses(filter);
    const d = this.conn.dialect;
    const line = lineSql(cells, d);
    const r = this.conn.rows<[Uint8Array | null]>(
      d.joinLines(line.sql, where, SORT_SQL[filter.sort ?? "priority"], limit),
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
    return this.conn.rows(
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
      const scheduled_until = task.status === "scheduled" ? this.scheduledAt(id) : null;
      return { task, parents, children, comments, events, runs: this.runs(id), scheduled_until };
    });
  }

  /**
   * Decide `op` on `id` with the rulebook and apply its plan, in one transaction. A plan that is
   * a refusal with a record (its events) commits, then its refusal is thrown.
   */
  perform(id: string, op: Operation, actor: Actor): Performed {
    const done = this.conn.tx(() => {
      const { plan } = this.performIn(id, op, actor);
      return { plan, task: this.taskRow(id) };
    });
    if (done.plan.refusal) throw done.plan.refusal;
    return done;
  }

  /** What performing `op` would do (the plan), without writing; throws the refusal. */
  preview(id: string, op: Operation, actor: Actor): Plan {
    return this.conn.read(() => planOf(decide(op, this.facts(id, op), actor, this.now())));
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

  link(parentId: string, childId: string, actor: Actor = SOMEONE): void {
    this.conn.tx(() => {
      const parent = this.taskRow(parentId);
      const facts = this.facts(childId, { op: "recompute" });
      if (actor.kind === "worker") facts.worker = this.workerFacts(actor, [childId, parentId]);
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
        actor,
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

  comment(id: string, author: string, body: string, actor: Actor = SOMEONE): Comment {
    const text = (body ?? "").trim();
    if (!text) throw new UsageError("body is required (got an empty comment)", "empty_comment");
    validateText("comment", text);
    const who = (author ?? "").trim() || "user";
    return this.conn.tx(() => {
      const now = this.now();
      const op: Operation = { op: "comment", author: who, body: text };
      const plan = planOf(decide(op, this.facts(id, op, actor), actor, now));
      const { commentId } = this.applyPlan(plan, now);
      return { id: commentId!, task_id: id, author: who, body: text, created_at: now };
    });
  }

  complete(id: string, input: CompleteInput, actor: Actor): { task: Task; changed: boolean } {
    const result = validateText("result", input.result ?? null);
    const summary = validateText("summary", input.summary ?? null);
    const mentioned = mentionedTaskIds([summary, result].filter(Boolean).join(" "));
    const { plan, task } = this.conn.tx(() => {
      const { plan } = this.performIn(id, {
        op: "complete",
        result,
        summary,
        metadata: input.metadata ?? null,
        cards: this.cardFacts(id, input.createdCards ?? []),
        missingRefs: mentioned.filter((m) => !this.conn.get("SELECT 1 FROM tasks WHERE id = ?", m)),
      }, actor);
      return { plan, task: this.taskRow(id) };
    });
    // A phantom card is refused after its attempt is recorded.
    if (plan.refusal) throw plan.refusal;
    return { task: task!, changed: plan.changed };
  }

  /** The cards a completion of `id` claims, as the rulebook checks them. */
  cardFacts(id: string, cards: readonly string[]): CardFact[] {
    return cards.map((c) => {
      const r = this.conn.get<{ created_by: string | null }>(
        "SELECT created_by FROM tasks WHERE id = ?",
        c,
      );
      return {
        id: c,
        exists: r !== undefined,
        createdBy: r?.created_by ?? null,
        child: !!this.conn.get(
          "SELECT 1 FROM task_links WHERE parent_id = ? AND child_id = ?",
          id,
          c,
        ),
      };
    });
  }

  block(id: string, reason: string, actor: Actor, kind: string | null = null): Task {
    const why = (reason ?? "").trim();
    validateText("reason", why);
    return this.conn.tx(() => {
      this.performIn(id, { op: "block", reason: why, kind }, actor);
      return this.requireTask(id);
    });
  }

  /**
   * Correct the result of a done task: its result, and the summary (the result when none is
   * given) and metadata of its latest completed run.
   */
  editResult(
    id: string,
    input: { result: string; summary: string | null; metadata: Record<string, unknown> | null },
    actor: Actor,
  ): Task {
    const result = validateText("result", input.result) ?? "";
    const summary = validateText("summary", input.summary);
    return this.conn.tx(() => {
      const run = this.conn.get<{ id: number }>(
        `SELECT id FROM task_runs WHERE task_id = ? AND outcome = 'completed'
         ORDER BY COALESCE(ended_at, started_at, 0) DESC, id DESC LIMIT 1`,
        id,
      );
      this.performIn(id, {
        op: "edit_result",
        result,
        summary,
        metadata: input.metadata,
        runId: run ? Number(run.id) : null,
      }, actor);
      return this.requireTask(id);
    });
  }

  /** Remove an archived task and every row about it, for good. */
  deleteTask(id: string, actor: Actor): void {
    this.conn.tx(() => {
      const unreaped = this.conn.get<{ run_id: number }>(
        `SELECT p.run_id FROM hx_run_procs p JOIN task_runs r ON r.id = p.run_id
         WHERE p.task_id = ? AND p.exit_code IS NULL AND p.pid IS NOT NULL
         ORDER BY p.run_id LIMIT 1`,
        id,
      );
      this.performIn(
        id,
        { op: "delete", unreapedRun: unreaped ? Number(unreaped.run_id) : null },
        actor,
      );
    });
  }

  unblock(id: string, reason: string | null = null, actor: Actor = SOMEONE): Task {
    validateText("reason", reason);
    return this.perform(id, { op: "unblock", reason }, actor).task!;
  }

  archive(id: string): Task {
    return this.perform(id, { op: "archive" }, SOMEONE).task!;
  }

  promote(id: string, opts: { force?: boolean; reason?: string | null } = {}): Task {
    const reason = validateText("reason", opts.reason ?? null);
    return this.perform(id, { op: "promote", force: opts.force ?? false, reason }, SOMEONE).task!;
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

  /** This handle's id, its view of other connections' commits, and its own changes. */
  changeToken(): string {
    return `${this.#handleId}.${this.conn.dataVersion()}.${this.conn.totalChanges()}`;
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
      const recent = task.assignee === null ? [] : this.conn.rows(
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
        reviewing: this.reviewRun(task.current_run_id),
        attachments: this.attachmentsOf(id),
      };
    });
  }

  addAttachment(a: NewAttachment): Attachment {
    return this.conn.tx(() => {
      this.requireTask(a.taskId);
      const now = this.now();
      const { lastId } = this.conn.run(
        `INSERT INTO task_attachments
           (task_id, filename, stored_path, content_type, size, uploaded_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        a.taskId,
        a.filename,
        a.storedPath,
        a.contentType,
        a.size,
        a.uploadedBy,
        now,
      );
      this.event(
        a.taskId,
        "attached",
        { filename: a.filename, size: a.size, by: a.uploadedBy },
        null,
        now,
      );
      return this.getAttachment(lastId)!;
    });
  }

  listAttachments(taskId: string): Attachment[] {
    return this.conn.read(() => {
      this.requireTask(taskId);
      return this.attachmentsOf(taskId);
    });
  }

  /** The task's attachment rows, oldest first (inside a read or a transaction). */
  attachmentsOf(taskId: string): Attachment[] {
    return this.conn.all<Row>(
      "SELECT * FROM task_attachments WHERE task_id = ? ORDER BY created_at, id",
      taskId,
    ).map(toAttachment);
  }

  getAttachment(id: number): Attachment | null {
    const r = this.conn.get<Row>("SELECT * FROM task_attachments WHERE id = ?", id);
    return r ? toAttachment(r) : null;
  }

  deleteAttachment(id: number): Attachment | null {
    return this.conn.tx(() => {
      const a = this.getAttachment(id);
      if (!a) return null;
      this.conn.run("DELETE FROM task_attachments WHERE id = ?", id);
      this.event(a.task_id, "attachment_removed", { filename: a.filename });
      return a;
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

  diagnosisInputs(ids: readonly string[] | null, eventKinds: readonly string[]): DiagnosisInput[] {
    return this.conn.read(() => {
      const tasks = ids === null
        ? this.conn.rows(`SELECT ${TASK_COLUMNS} FROM tasks WHERE status != 'archived'`)
        : ids.flatMap((id) => this.conn.rows(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`, id));
      const inputs = new Map<string, DiagnosisInput>(
        tasks.map(toTask).map((task) => [task.id, { task, events: [], runs: [] }]),
      );
      if (inputs.size === 0) return [];
      // One pass over each table (a board is read whole, or a handful of ids by the index).
      const only = ids === null ? "" : ` AND task_id IN (${ids.map(() => "?").join(", ")})`;
      const kinds = eventKinds.map(() => "?").join(", ");
      for (
        const r of this.conn.all<Row>(
          `SELECT * FROM task_events WHERE kind IN (${kinds})${only} ORDER BY id`,
          ...eventKinds,
          ...(ids ?? []),
        )
      ) (inputs.get(String(r.task_id))?.events as TaskEvent[] | undefined)?.push(toEvent(r));
      for (
        const r of this.conn.all<Row>(
          `SELECT ${RUN_COLUMNS} FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id
           WHERE 1 = 1${only.replace("task_id", "r.task_id")} ORDER BY r.id`,
          ...(ids ?? []),
        )
      ) (inputs.get(String(r.task_id))?.runs as Run[] | undefined)?.push(toRun(r));
      return [...inputs.values()];
    });
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

  activeWorkers(): ActiveWorker[] {
    return dashboard.activeWorkers(this);
  }

  runProcess(runId: number): RunProcess | null {
    return dashboard.runProcess(this, runId);
  }
}

/**
 * ORDER BY of each listing order (Hermes's `list --sort`), each ending in a unique column so
 * the order is total. `priority` is the default, which the list index serves without a sort.
 */
const SORT_SQL: Readonly<Record<ListSort, string>> = {
  "priority": "priority DESC, created_at ASC, id ASC",
  "priority-desc": "priority ASC, created_at ASC, id ASC",
  "created": "created_at ASC, id ASC",
  "created-desc": "created_at DESC, id DESC",
  "status": "status ASC, created_at ASC, id ASC",
  // NULLS FIRST is SQLite's own order, spelled out for PostgreSQL (which puts them last).
  "assignee": "assignee ASC NULLS FIRST, created_at ASC, id ASC",
  "title": "title ASC, id ASC",
  "updated": "started_at DESC NULLS LAST, created_at DESC, id DESC",
};

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

/** The columns a line can show. */
const LINE_COLUMNS: Readonly<Record<LineColumn, string>> = {
  id: "id",
  status: "status",
  assignee: "assignee",
  tenant: "tenant",
  title: "title",
};

/**
 * A line layout as one SQL printf (LineCell's steps, in its order; SQLite's printf,
 * PostgreSQL's format): texts go into the format (`%` doubled), each column is one `%s`
 * argument, NULL prints as "" as in renderLine, and widths count characters as renderLine
 * counts code points. One printf per row costs less than joining the cells with `||`, which
 * builds a string per cell.
 */
function lineSql(cells: readonly LineCell[], d: Dialect): { sql: string; params: string[] } {
  let format = "";
  const args: string[] = [];
  const params: string[] = [];
  for (const cell of cells) {
    if ("text" in cell) {
      format += cell.text.replaceAll("%", "%%");
      continue;
    }
    const col = LINE_COLUMNS[cell.column];
    if (col === undefined) throw new Error(`no such line column: ${cell.column}`);
    // Each step wraps the expression once, so its parameters stay in text order.
    let e = col;
    let p: string[] = [];
    const mapped = Object.entries(cell.map ?? {});
    if (mapped.length) {
      e = `CASE ${e} ${mapped.map(() => "WHEN ? THEN ?").join(" ")} ELSE ${e} END`;
      p = mapped.flat();
    }
    if (cell.whenNull !== undefined) {
      e = `COALESCE(${e}, ?)`;
      p.push(cell.whenNull);
    }
    if (cell.around) {
      e = `? || NULLIF(${e}, '') || ?`; // NULL when empty: printed as ""
      p = [cell.around[0], ...p, cell.around[1]];
    }
    if (cell.width === undefined) format += "%s";
    else {
      const w = Math.floor(cell.width);
      if (!(w >= 0 && w <= 1000)) throw new Error(`line width out of range: ${cell.width}`);
      format += d.padded(w);
    }
    args.push(e);
    params.push(...p);
  }
  if (args.length === 0) { // printf('') is NULL: a line of texts only is one text
    // Typed, so that PostgreSQL knows a line made of one parameter is text.
    return {
      sql: "CAST(? AS TEXT)",
      params: [cells.map((c) => "text" in c ? c.text : "").join("")],
    };
  }
  return { sql: d.printf(args), params: [format, ...params] };
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

/** Two hex digests equal, compared in time independent of where they differ. */
function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
