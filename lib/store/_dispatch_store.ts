/**
 * The dispatcher's SQL: what is running (with each worker's process identity),
 * what may be claimed, batched atomic claims, and every way a run ends. Each
 * outcome is the rulebook's plan (`run_ended`, `release`, `extend`, `defer`),
 * applied by the board store in one transaction, and only if the run is still
 * the task's current one (fencing: the rulebook refuses a lost run).
 */

import {
  type Facts,
  type FailureKind,
  HermesError,
  type Operation,
  type Plan,
  type RunEnd,
  type Task,
  validateText,
  VERB_FROM,
} from "../board/mod.ts";
import { cutError, PARENTS_DONE_SQL, PROMOTABLE_SQL, type SqlBoardStore } from "./board_store.ts";
import { type Row, TASK_COLUMNS, toTask } from "./_rows.ts";
import type { DispatchStore } from "./types.ts";

/** `('ready', 'review')`: the statuses a claim takes (the rulebook's), for queries. */
const CLAIMABLE_SQL = `(${VERB_FROM.claim.map((st) => `'${st}'`).join(", ")})`;

/** The name the dispatcher's own writes go by where no profile is named. */
const DISPATCHER = "dispatcher";

/** A worker's process identity as recorded in hx_run_procs. */
export interface ProcRecord {
  host: string;
  bootId: string | null;
  pidNs: string | null;
  pid: number;
  startTicks: number | null;
}

/** Exit status recorded for a run whose process is gone but whose status nobody saw. */
export const EXIT_UNKNOWN = -1;

/** One running task with its open run and worker process, if any. */
export interface RunningRow {
  taskId: string;
  title: string;
  assignee: string | null;
  claimLock: string | null;
  claimExpires: number | null;
  taskMaxRuntime: number | null;
  createdAt: number;
  /** The open run the task points at; null when it runs without one. */
  runId: number | null;
  runStartedAt: number | null;
  runProfile: string | null;
  proc: ProcRecord | null;
  logPath: string | null;
  exitCode: number | null;
}

/** A closed run whose process was never seen to end. */
export interface UnreapedRow {
  runId: number;
  taskId: string;
  status: string;
  endedAt: number;
  proc: ProcRecord;
  logPath: string | null;
}

/** A spawned worker to record. */
export interface SpawnRecord {
  taskId: string;
  runId: number;
  proc: ProcRecord;
  logPath: string;
  workspace: string;
}

/** Failure kinds that are written as run statuses and events (the rulebook's FailureKind). */
export type FailureKindName = FailureKind;

/** Input of a failed attempt. */
export interface FailureInput {
  taskId: string;
  runId: number;
  kind: FailureKindName;
  /** What happened, in words (stored on the run, cut at 500 characters). */
  error: string;
  /** False for failures the system caused (restart, our shutdown): the budget is not spent. */
  counted: boolean;
  /** Board-wide failure limit (a task's max_retries wins). */
  limit: number;
  /** Extra event payload (pid, elapsed_seconds, cause, ...). */
  payload?: Record<string, unknown>;
  exitCode?: number | null;
  /** Turns the streak of failure kinds and the last error into the gave_up reason. */
  reason: (kinds: FailureKindName[], lastError: string) => string;
}

/** What a failure did to the task. */
export interface FailureResult {
  applied: boolean;
  gaveUp: boolean;
  failures: number;
  /** The gave_up reason when the task gave up. */
  reason: string | null;
}

/** Live workers (running tasks) in total and per assignee. */
export interface LiveRow {
  total: number;
  byProfile: Map<string, number>;
}

/** A task this dispatcher just claimed, and its new run. */
export interface DispatchClaim {
  task: Task;
  runId: number;
}

/** A task's run with its log file (for `kanban log`). */
export interface RunLog {
  runId: number;
  status: string;
  logPath: string | null;
}

const RUNNING_SQL = `
SELECT t.id AS task_id, t.title, t.assignee, t.claim_lock, t.claim_expires,
       t.max_runtime_seconds AS task_max_runtime, t.created_at,
       r.id AS run_id, r.started_at AS run_started_at, r.profile AS run_profile,
       p.host, p.boot_id, p.pid_ns, p.pid, p.start_ticks, p.log_path, p.exit_code
FROM tasks t
LEFT JOIN task_runs r ON r.id = t.current_run_id AND r.ended_at IS NULL
LEFT JOIN hx_run_procs p ON p.run_id = r.id
WHERE t.status = 'running'`;

/**
 * The claim candidates query; variants are built per shape so each has a plain plan. Ready
 * tasks wait for their parents; a task in review passed that gate before (Hermes's review
 * dispatch does not ask again).
 */
function candidatesSql(
  status: "ready" | "review",
  excluded: number,
  oneTask: boolean,
  backoff: boolean,
): string {
  return `SELECT t.id, t.assignee FROM tasks t
WHERE t.status = '${status}' AND t.claim_lock IS NULL AND t.assignee IS NOT NULL${
    excluded ? ` AND t.assignee NOT IN (${Array(excluded).fill("?").join(", ")})` : ""
  }${oneTask ? " AND t.id = ?" : ""}${
    backoff
      ? " AND NOT EXISTS (SELECT 1 FROM hx_task_retry x WHERE x.task_id = t.id AND x.not_before > ?)"
      : ""
  }${status === "ready" ? `\n  AND ${PARENTS_DONE_SQL}` : ""}
ORDER BY t.priority DESC, t.created_at ASC, t.id ASC
LIMIT ?`;
}

/** What a tick has to look at; on an idle board all false, from one cheap query. */
export interface BoardProbe {
  running: boolean;
  /** Some task is ready or in review (something to claim). */
  ready: boolean;
  promotable: boolean;
  /** Some scheduled task has a time (it becomes ready by itself). */
  scheduled: boolean;
  /** Some recorded worker process has no recorded end (running, or closed by someone else). */
  unreaped: boolean;
}

const PROBE_SQL = `SELECT
  EXISTS (SELECT 1 FROM tasks WHERE status = 'running') AS running,
  EXISTS (SELECT 1 FROM tasks WHERE status IN ${CLAIMABLE_SQL}) AS ready,
  EXISTS (SELECT 1 FROM tasks t WHERE ${PROMOTABLE_SQL}) AS promotable,
  EXISTS (SELECT 1 FROM hx_task_schedule s JOIN tasks t ON t.id = s.task_id
          WHERE t.status = 'scheduled') AS scheduled,
  EXISTS (SELECT 1 FROM hx_run_procs WHERE exit_code IS NULL) AS unreaped`;

function procOf(r: Row): ProcRecord | null {
  if (r.pid === null || r.pid === undefined) return null;
  return {
    host: String(r.host ?? ""),
    bootId: r.boot_id === null || r.boot_id === undefined ? null : String(r.boot_id),
    pidNs: r.pid_ns === null || r.pid_ns === undefined ? null : String(r.pid_ns),
    pid: Number(r.pid),
    startTicks: r.start_ticks === null || r.start_ticks === undefined
      ? null
      : Number(r.start_ticks),
  };
}

const numOrNull = (v: unknown): number | null => v === null || v === undefined ? null : Number(v);

/** Dispatcher queries and writes over one open board. */
export class SqlDispatchStore implements DispatchStore {
  readonly board: SqlBoardStore;

  constructor(board: SqlBoardStore) {
    this.board = board;
  }

  /** Unix seconds from the board's clock. */
  now(): number {
    return this.board.now();
  }

  /** Run `fn` in one write transaction (nests inline). */
  tx<T>(fn: () => T): T {
    return this.board.conn.tx(fn);
  }

  /** Several reads in one snapshot. */
  read<T>(fn: () => T): T {
    return this.board.conn.read(fn);
  }

  /** Moves whenever another connection commits. */
  dataVersion(): number {
    return this.board.conn.dataVersion();
  }

  /** Which parts of a tick have anything to do (one query, all index lookups). */
  probe(): BoardProbe {
    const r = this.board.conn.get<Record<string, number>>(PROBE_SQL);
    return {
      running: !!r?.running,
      ready: !!r?.ready,
      promotable: !!r?.promotable,
      scheduled: !!r?.scheduled,
      unreaped: !!r?.unreaped,
    };
  }

  /** Every running task with its open run and recorded worker process. */
  running(): RunningRow[] {
    return this.board.conn.all<Row>(RUNNING_SQL).map((r) => ({
      taskId: String(r.task_id),
      title: String(r.title),
      assignee: r.assignee === null ? null : String(r.assignee),
      claimLock: r.claim_lock === null ? null : String(r.claim_lock),
      claimExpires: numOrNull(r.claim_expires),
      taskMaxRuntime: numOrNull(r.task_max_runtime),
      createdAt: Number(r.created_at),
      runId: numOrNull(r.run_id),
      runStartedAt: numOrNull(r.run_started_at),
      runProfile: r.run_profile === null ? null : String(r.run_profile),
      proc: procOf(r),
      logPath: r.log_path === null || r.log_path === undefined ? null : String(r.log_path),
      exitCode: numOrNull(r.exit_code),
    }));
  }

  /** Closed runs whose worker process was never seen to end (someone else closed them). */
  unreaped(): UnreapedRow[] {
    return this.board.conn.all<Row>(
      `SELECT p.run_id, p.task_id, p.host, p.boot_id, p.pid_ns, p.pid, p.start_ticks, p.log_path,
              r.status, r.ended_at
       FROM hx_run_procs p JOIN task_runs r ON r.id = p.run_id
       WHERE p.exit_code IS NULL AND r.ended_at IS NOT NULL`,
    ).flatMap((r) => {
      const proc = procOf(r);
      if (!proc) return [];
      return [{
        runId: Number(r.run_id),
        taskId: String(r.task_id),
        status: String(r.status),
        endedAt: Number(r.ended_at),
        proc,
        logPath: r.log_path === null ? null : String(r.log_path),
      }];
    });
  }

  /** Running tasks in total and per assignee: the live-worker counts the caps use. */
  liveCounts(): LiveRow {
    const byProfile = new Map<string, number>();
    let total = 0;
    for (
      const r of this.board.conn.all<{ assignee: string | null; n: number }>(
        "SELECT assignee, COUNT(*) AS n FROM tasks WHERE status = 'running' GROUP BY assignee",
      )
    ) {
      const n = Number(r.n);
      total += n;
      if (r.assignee !== null) byProfile.set(r.assignee, n);
    }
    return { total, byProfile };
  }

  /** Todo tasks whose parents are all done, without promoting them (dry run). */
  promotable(): string[] {
    return this.board.conn.all<{ id: string }>(
      `SELECT t.id FROM tasks t WHERE ${PROMOTABLE_SQL}
       ORDER BY t.created_at, t.id`,
    ).map((r) => r.id);
  }

  /** Promote every todo task whose parents are done, in one transaction. Returns the count. */
  promoteAll(): number {
    return this.tx(() => this.board.promoteAll());
  }

  /**
   * Scheduled tasks whose time has come wait again (the rulebook's `wake`), in one
   * transaction. Returns their ids.
   */
  wakeDue(now: number): string[] {
    return this.tx(() => {
      // Rows Hermes left behind: it released the task (or scheduled it again without a time)
      // knowing nothing of our times.
      this.board.conn.run(
        `DELETE FROM hx_task_schedule WHERE task_id NOT IN
           (SELECT id FROM tasks WHERE status = 'scheduled')
         OR event_id IS DISTINCT FROM (SELECT MAX(e.id) FROM task_events e
           WHERE e.task_id = hx_task_schedule.task_id AND e.kind = 'scheduled')`,
      );
      return this.dueScheduled(now).filter((id) =>
        !(this.board.attemptIn(id, { op: "wake" }, {
          kind: "dispatcher",
          name: DISPATCHER,
        }) instanceof
          HermesError)
      );
    });
  }

  /** Scheduled tasks whose time has come (by `now`), earliest first. */
  dueScheduled(now: number): string[] {
    return this.board.conn.all<{ id: string }>(
      `SELECT s.task_id AS id FROM hx_task_schedule s JOIN tasks t ON t.id = s.task_id
       WHERE t.status = 'scheduled' AND s.due_at <= ? ORDER BY s.due_at, s.task_id`,
      now,
    ).map((r) => String(r.id));
  }

  /** Earliest time a scheduled task becomes ready by itself, after `now`; null when none. */
  nextScheduledAt(now: number): number | null {
    const r = this.board.conn.get<{ t: number | null }>(
      `SELECT MIN(s.due_at) AS t FROM hx_task_schedule s JOIN tasks t ON t.id = s.task_id
       WHERE t.status = 'scheduled' AND s.due_at > ?`,
      now,
    );
    return numOrNull(r?.t);
  }

  /** Ready (or review) tasks nobody is assigned to (never dispatched; reported). */
  unassignedReady(limit = 100): string[] {
    return this.board.conn.all<{ id: string }>(
      `SELECT id FROM tasks WHERE assignee IS NULL AND status IN ${CLAIMABLE_SQL}
       ORDER BY priority DESC, created_at ASC, id ASC LIMIT ?`,
      limit,
    ).map((r) => r.id);
  }

  /**
   * Ready, assigned, unclaimed tasks whose parents are done and whose retry backoff has
   * passed, then (as Hermes dispatches them, after the ready ones) assigned tasks in review,
   * in dispatch order. `exclude` drops full profiles.
   */
  candidates(
    opts: {
      now: number;
      exclude: readonly string[];
      limit: number;
      taskId?: string | null;
      ignoreBackoff?: boolean;
    },
  ): { id: string; assignee: string }[] {
    if (opts.limit <= 0) return [];
    const taskId = opts.taskId ?? null;
    const backoff = !opts.ignoreBackoff;
    const params: (string | number)[] = [...opts.exclude];
    if (taskId !== null) params.push(taskId);
    if (backoff) params.push(opts.now);
    const noLimit = this.board.conn.dialect.noLimit;
    const ready = this.board.conn.all<{ id: string; assignee: string }>(
      candidatesSql("ready", opts.exclude.length, taskId !== null, backoff),
      ...params,
      Number.isFinite(opts.limit) ? opts.limit : noLimit,
    );
    const left = opts.limit - ready.length;
    if (left <= 0) return ready;
    return [
      ...ready,
      ...this.board.conn.all<{ id: string; assignee: string }>(
        candidatesSql("review", opts.exclude.length, taskId !== null, backoff),
        ...params,
        Number.isFinite(left) ? left : noLimit,
      ),
    ];
  }

  /** Earliest retry time of a ready task still in backoff, or null. */
  nextRetryAt(now: number): number | null {
    const r = this.board.conn.get<{ t: number | null }>(
      `SELECT MIN(x.not_before) AS t FROM hx_task_retry x JOIN tasks t ON t.id = x.task_id
       WHERE t.status = 'ready' AND x.not_before > ?`,
      now,
    );
    return numOrNull(r?.t);
  }

  /** Tasks that are ready or in review (assigned), or running: work still in flight. */
  inFlight(): { ready: number; running: number } {
    const r = this.board.conn.get<{ ready: number; running: number }>(
      `SELECT (SELECT COUNT(*) FROM tasks WHERE status IN ${CLAIMABLE_SQL}
                 AND assignee IS NOT NULL) AS ready,
              (SELECT COUNT(*) FROM tasks WHERE status = 'running') AS running`,
    );
    return { ready: Number(r?.ready ?? 0), running: Number(r?.running ?? 0) };
  }

  /** A task by id, or null. */
  task(id: string): Task | null {
    return this.board.taskRow(id);
  }

  /** Statuses of the given tasks. */
  statuses(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    for (
      const r of this.board.conn.all<{ id: string; status: string }>(
        `SELECT id, status FROM tasks WHERE id IN (${
          this.board.conn.dialect.jsonTextElements("?")
        })`,
        JSON.stringify(ids),
      )
    ) out.set(r.id, r.status);
    return out;
  }

  /**
   * CAS-claim one task inside the caller's transaction: a conditional UPDATE
   * (`status` ready or review `AND claim_lock IS NULL`), a run with a fresh heartbeat, and
   * `claimed`. Null if it is no longer claimable. The board's claim writes, without its
   * re-reads (the claimed task is built in memory): this is the hot path.
   */
  claim(id: string, lock: string, ttlSeconds: number): DispatchClaim | null {
    const conn = this.board.conn;
    const r = conn.rows(
      `SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ? AND status IN ${CLAIMABLE_SQL}
       AND claim_lock IS NULL`,
      id,
    )[0];
    if (!r) return null;
    const t = toTask(r);
    const c = this.board.claimWrites(t, lock, ttlSeconds);
    if (c === null) return null;
    const { runId, now, expires } = c;
    return {
      task: {
        ...t,
        status: "running",
        claim_lock: lock,
        claim_expires: expires,
        started_at: t.started_at ?? now,
        current_run_id: runId,
        last_heartbeat_at: now,
        worker_pid: null,
      },
      runId,
    };
  }

  /**
   * Record spawned workers in one transaction: process identity and log path,
   * pid on task and run, the workspace path, and a `spawned` event. Returns the
   * run ids that were closed meanwhile (their worker must be stopped).
   */
  recordSpawns(items: readonly SpawnRecord[]): number[] {
    if (items.length === 0) return [];
    const conn = this.board.conn;
    return this.tx(() => {
      const orphans: number[] = [];
      for (const s of items) {
        conn.run(
          `INSERT INTO hx_run_procs
             (run_id, task_id, host, boot_id, pid_ns, pid, start_ticks, log_path, exit_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
           ON CONFLICT (run_id) DO UPDATE SET task_id = excluded.task_id, host = excluded.host,
             boot_id = excluded.boot_id, pid_ns = excluded.pid_ns, pid = excluded.pid,
             start_ticks = excluded.start_ticks, log_path = excluded.log_path, exit_code = NULL`,
          s.runId,
          s.taskId,
          s.proc.host,
          s.proc.bootId,
          s.proc.pidNs,
          s.proc.pid,
          s.proc.startTicks,
          s.logPath,
        );
        const { changes } = conn.run(
          `UPDATE tasks SET worker_pid = ?, workspace_path = COALESCE(workspace_path, ?)
           WHERE id = ? AND current_run_id = ? AND status = 'running'`,
          s.proc.pid,
          s.workspace,
          s.taskId,
          s.runId,
        );
        if (changes !== 1) {
          orphans.push(s.runId);
          continue;
        }
        conn.write(
          "UPDATE task_runs SET worker_pid = ? WHERE id = ? AND ended_at IS NULL",
          s.proc.pid,
          s.runId,
        );
        this.board.event(
          s.taskId,
          "spawned",
          { pid: s.proc.pid, workspace: s.workspace, log: s.logPath },
          s.runId,
        );
      }
      return orphans;
    });
  }

  /** Record the exit status of a run's process (first one wins). */
  recordExit(runId: number, code: number): void {
    this.board.conn.write(
      "UPDATE hx_run_procs SET exit_code = ? WHERE run_id = ? AND exit_code IS NULL",
      code,
      runId,
    );
  }

  /**
   * Decide the dispatcher's `op` on `taskId` with the rulebook and apply its plan (inside the
   * caller's transaction). Null, with nothing written, when the run no longer holds the task
   * (another writer moved it first) or the task is gone: the fencing every outcome relies on.
   */
  #settle(taskId: string, op: Operation, actorName: string, facts?: Facts): Plan | null {
    const done = this.board.attemptIn(taskId, op, { kind: "dispatcher", name: actorName }, facts);
    if (!(done instanceof HermesError)) return done.plan;
    if (done.code === "run_lost" || done.code === "not_found") return null;
    throw done;
  }

  /** Record how run `runId` ended (`run_ended`); null if the run lost its claim. */
  #ended(
    taskId: string,
    runId: number,
    end: RunEnd,
    actorName: string,
    facts?: Facts,
  ): Plan | null {
    return this.#settle(taskId, { op: "run_ended", runId, end }, actorName, facts);
  }

  /** Exit-code completion: the task is done with `result`. False if the run lost its claim. */
  complete(
    taskId: string,
    runId: number,
    result: string | null,
    exitCode: number,
    actorName: string,
  ): boolean {
    validateText("result", result);
    return this.tx(() => {
      this.recordExit(runId, exitCode);
      return this.#ended(taskId, runId, { kind: "done", result }, actorName) !== null;
    });
  }

  /** The task is blocked with `reason` (exit code, or 78). False if the run lost its claim. */
  block(
    taskId: string,
    runId: number,
    reason: string,
    exitCode: number | null,
    actorName: string,
  ): boolean {
    return this.tx(() => {
      if (exitCode !== null) this.recordExit(runId, exitCode);
      const end: RunEnd = { kind: "blocked", reason: cutError(reason).trim() };
      return this.#ended(taskId, runId, end, actorName) !== null;
    });
  }

  /**
   * Exit 75: put the task back with a doubling delay; the failure budget is not
   * spent. Returns the time it may run again, or null if the run lost its claim.
   */
  retryLater(
    taskId: string,
    runId: number,
    exitCode: number,
    delayFor: (attempt: number) => number,
  ): { notBefore: number; delay: number } | null {
    return this.tx(() => {
      this.recordExit(runId, exitCode);
      const now = this.now();
      const plan = this.#ended(
        taskId,
        runId,
        { kind: "retry_later", exitCode, delayFor },
        DISPATCHER,
      );
      if (plan === null || plan.retry === null || plan.retry.clear) return null;
      return { notBefore: plan.retry.notBefore, delay: plan.retry.notBefore - now };
    });
  }

  /**
   * A failed attempt. Counted failures spend the task's budget (one counter for
   * every kind); at the limit the task is blocked with run and event `gave_up`
   * naming the true cause. Uncounted ones just put the task back.
   */
  fail(f: FailureInput): FailureResult {
    return this.tx(() => {
      if (f.exitCode !== undefined && f.exitCode !== null) this.recordExit(f.runId, f.exitCode);
      const end: RunEnd = {
        kind: "failed",
        failure: f.kind,
        error: f.error,
        counted: f.counted,
        limit: f.limit,
        payload: f.payload ?? {},
        giveUpReason: f.reason,
      };
      const op: Operation = { op: "run_ended", runId: f.runId, end };
      const facts = this.board.facts(f.taskId, op);
      const plan = this.#ended(f.taskId, f.runId, end, DISPATCHER, facts);
      if (plan === null) return { applied: false, gaveUp: false, failures: 0, reason: null };
      const gaveUp = plan.closeRun?.status === "gave_up";
      return {
        applied: true,
        gaveUp,
        failures: plan.set.consecutive_failures ?? facts.task!.consecutive_failures,
        reason: gaveUp ? plan.set.last_failure_error ?? null : null,
      };
    });
  }

  /**
   * Put a running task back without spending its budget (`release`): an expired claim with
   * no worker, a worker that died while no dispatcher watched, or a running task without an
   * open run (`runId` null). Emits `reclaimed`.
   */
  reclaim(
    taskId: string,
    runId: number | null,
    reason: string,
    exitCode?: number | null,
  ): boolean {
    return this.tx(() => {
      const plan = this.#settle(taskId, { op: "release", runId, reason }, DISPATCHER);
      // The exit belongs to the run only while it held the task (a lost run keeps no record).
      if (plan !== null && runId !== null && exitCode !== undefined && exitCode !== null) {
        this.recordExit(runId, exitCode);
      }
      return plan !== null;
    });
  }

  /** A live worker's lease ran out: extend it (`claim_extended`). */
  extend(taskId: string, runId: number, ttlSeconds: number, pid: number | null): boolean {
    return this.tx(() =>
      this.#settle(taskId, { op: "extend", runId, ttlSeconds, pid }, DISPATCHER) !== null
    );
  }

  /** A claim whose worker cannot be confirmed dead is left alone until `until` (`reclaim_deferred`). */
  defer(taskId: string, runId: number, until: number, reason: string): boolean {
    return this.tx(() =>
      this.#settle(taskId, { op: "defer", runId, until, reason }, DISPATCHER) !== null
    );
  }

  /** Runs of a task, newest first, with their log files. */
  runLogs(taskId: string): RunLog[] {
    return this.board.conn.all<Row>(
      `SELECT r.id, r.status, p.log_path FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id
       WHERE r.task_id = ? ORDER BY r.id DESC`,
      taskId,
    ).map((r) => ({
      runId: Number(r.id),
      status: String(r.status),
      logPath: r.log_path === null || r.log_path === undefined ? null : String(r.log_path),
    }));
  }
}
