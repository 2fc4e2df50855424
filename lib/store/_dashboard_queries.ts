/**
 * Queries and writes only the dashboard needs: the board view with its per-card counts,
 * edits, and the counts /metrics reports. Everything else, status moves included, goes
 * through SqlBoardStore and its rulebook, exactly as the CLI does.
 */

import { type Run, type Status, type Task, validateBody, validateTitle } from "../board/mod.ts";
import type { SqlBoardStore } from "./board_store.ts";
import { type Row, RUN_COLUMNS, toRun } from "./_rows.ts";

/** Per-card extras the board view adds to each task. */
export interface CardExtras {
  link_counts: { parents: number; children: number };
  comment_count: number;
  /** Children done / total, or null when the task has no children. */
  progress: { done: number; total: number } | null;
  /** Start of the open run (the running indicator counts from here), or null. */
  run_started_at: number | null;
  /** When a scheduled task becomes ready by itself, or null (no time, or not scheduled). */
  scheduled_until: number | null;
}

/** What the board view reads, in one snapshot. */
export interface BoardView {
  tasks: Array<{ task: Task; extras: CardExtras }>;
  tenants: string[];
  assignees: string[];
  latestEventId: number;
}

/** A task in a parent/child list: enough to draw a link. */
export interface TaskRef {
  id: string;
  title: string;
  status: Status;
  assignee: string | null;
}

/** Read every card of the board (optionally one tenant, optionally with archived ones). */
export function boardView(
  store: SqlBoardStore,
  opts: { tenant?: string | null; includeArchived?: boolean },
): BoardView {
  const c = store.conn;
  return c.read(() => {
    const tasks = store.listTasks({
      tenant: opts.tenant || null,
      includeArchived: opts.includeArchived ?? false,
    });
    const parents = new Map<string, number>();
    const children = new Map<string, number>();
    for (
      const r of c.all<{ id: string; n: number }>(
        "SELECT child_id AS id, COUNT(*) AS n FROM task_links GROUP BY child_id",
      )
    ) parents.set(r.id, Number(r.n));
    const progress = new Map<string, { done: number; total: number }>();
    for (
      const r of c.all<{ id: string; n: number; done: number }>(
        `SELECT l.parent_id AS id, COUNT(*) AS n, SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END) AS done
         FROM task_links l JOIN tasks t ON t.id = l.child_id GROUP BY l.parent_id`,
      )
    ) {
      children.set(r.id, Number(r.n));
      progress.set(r.id, { done: Number(r.done ?? 0), total: Number(r.n) });
    }
    const comments = new Map<string, number>();
    for (
      const r of c.all<{ id: string; n: number }>(
        "SELECT task_id AS id, COUNT(*) AS n FROM task_comments GROUP BY task_id",
      )
    ) comments.set(r.id, Number(r.n));
    const runStart = new Map<string, number>();
    for (
      const r of c.all<{ id: string; s: number }>(
        "SELECT task_id AS id, MAX(started_at) AS s FROM task_runs WHERE ended_at IS NULL GROUP BY task_id",
      )
    ) runStart.set(r.id, Number(r.s));
    const due = new Map<string, number>();
    for (
      const r of c.all<{ id: string; d: number }>(
        `SELECT s.task_id AS id, s.due_at AS d FROM hx_task_schedule s
         JOIN tasks t ON t.id = s.task_id WHERE t.status = 'scheduled' AND s.event_id =
           (SELECT MAX(e.id) FROM task_events e WHERE e.task_id = t.id AND e.kind = 'scheduled')`,
      )
    ) due.set(r.id, Number(r.d));
    const tenants = c.all<{ v: string }>(
      "SELECT DISTINCT tenant AS v FROM tasks WHERE tenant IS NOT NULL AND tenant != '' ORDER BY tenant",
    ).map((r) => String(r.v));
    const assignees = c.all<{ v: string }>(
      `SELECT DISTINCT assignee AS v FROM tasks WHERE assignee IS NOT NULL AND status != 'archived'
       ORDER BY assignee`,
    ).map((r) => String(r.v));
    return {
      tasks: tasks.map((task) => ({
        task,
        extras: {
          link_counts: { parents: parents.get(task.id) ?? 0, children: children.get(task.id) ?? 0 },
          comment_count: comments.get(task.id) ?? 0,
          progress: progress.get(task.id) ?? null,
          run_started_at: task.status === "running" ? runStart.get(task.id) ?? null : null,
          scheduled_until: due.get(task.id) ?? null,
        },
      })),
      tenants,
      assignees,
      latestEventId: store.latestEventId(),
    };
  });
}

/** Every dependency edge of the board (for the graph view). */
export function allLinks(store: SqlBoardStore): Array<{ parent_id: string; child_id: string }> {
  return store.conn.all<{ parent_id: string; child_id: string }>(
    "SELECT parent_id, child_id FROM task_links ORDER BY parent_id, child_id",
  ).map((r) => ({ parent_id: String(r.parent_id), child_id: String(r.child_id) }));
}

function toRef(r: Row): TaskRef {
  return {
    id: String(r.id),
    title: String(r.title),
    status: String(r.status) as Status,
    assignee: r.assignee === null || r.assignee === undefined ? null : String(r.assignee),
  };
}

/** The run a log request means: `runId` if it belongs to the task, else the newest run. */
export function runForLog(
  store: SqlBoardStore,
  taskId: string,
  runId: number | null,
): Run | null {
  const r = runId === null
    ? store.conn.get<Row>(
      `SELECT ${RUN_COLUMNS} FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id
       WHERE r.task_id = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 1`,
      taskId,
    )
    : store.conn.get<Row>(
      `SELECT ${RUN_COLUMNS} FROM task_runs r LEFT JOIN hx_run_procs p ON p.run_id = r.id
       WHERE r.task_id = ? AND r.id = ?`,
      taskId,
      runId,
    );
  return r ? toRun(r) : null;
}

/** Change a task's priority (event `reprioritized`); a no-op when unchanged. */
export function reprioritize(store: SqlBoardStore, id: string, priority: number): Task {
  return store.conn.tx(() => {
    const t = store.requireTask(id);
    if (t.priority === priority) return t;
    store.conn.write("UPDATE tasks SET priority = ? WHERE id = ?", priority, id);
    store.event(id, "reprioritized", { priority });
    return store.requireTask(id);
  });
}

/** Edit a task's title and/or body (event `edited`, as Hermes: no payload). */
export function editTask(
  store: SqlBoardStore,
  id: string,
  fields: { title?: string; body?: string | null },
): Task {
  const title = fields.title === undefined ? undefined : validateTitle(fields.title);
  const body = fields.body === undefined ? undefined : validateBody(fields.body);
  return store.conn.tx(() => {
    const t = store.requireTask(id);
    const nextTitle = title ?? t.title;
    const nextBody = body === undefined ? t.body : body;
    if (nextTitle === t.title && nextBody === t.body) return t;
    store.conn.write("UPDATE tasks SET title = ?, body = ? WHERE id = ?", nextTitle, nextBody, id);
    store.event(id, "edited", null);
    return store.requireTask(id);
  });
}

/** Parents and children of a task, as short references. */
export function relatives(
  store: SqlBoardStore,
  id: string,
): { parents: TaskRef[]; children: TaskRef[] } {
  return store.conn.read(() => ({
    parents: store.conn.all<Row>(
      `SELECT t.id, t.title, t.status, t.assignee FROM task_links l JOIN tasks t ON t.id = l.parent_id
       WHERE l.child_id = ? ORDER BY t.created_at, t.id`,
      id,
    ).map(toRef),
    children: store.conn.all<Row>(
      `SELECT t.id, t.title, t.status, t.assignee FROM task_links l JOIN tasks t ON t.id = l.child_id
       WHERE l.parent_id = ? ORDER BY t.created_at, t.id`,
      id,
    ).map(toRef),
  }));
}

/** Task counts by status and run counts by outcome, for /metrics. */
export function metricCounts(
  store: SqlBoardStore,
): { tasks: Record<string, number>; runs: Record<string, number> } {
  return store.conn.read(() => {
    const tasks: Record<string, number> = {};
    for (
      const r of store.conn.all<{ s: string; n: number }>(
        "SELECT status AS s, COUNT(*) AS n FROM tasks GROUP BY status",
      )
    ) tasks[String(r.s)] = Number(r.n);
    const runs: Record<string, number> = {};
    for (
      const r of store.conn.all<{ s: string; n: number }>(
        "SELECT status AS s, COUNT(*) AS n FROM task_runs GROUP BY status",
      )
    ) runs[String(r.s)] = Number(r.n);
    return { tasks, runs };
  });
}

/** A worker at work: an open run with a recorded process, of a running task. */
export interface ActiveWorker {
  run_id: number;
  task_id: string;
  task_title: string;
  task_status: Status;
  task_assignee: string | null;
  profile: string | null;
  worker_pid: number;
  started_at: number;
  claim_lock: string | null;
  claim_expires: number | null;
  last_heartbeat_at: number | null;
  max_runtime_seconds: number | null;
}

/** Every worker at work on the board, the longest-running first. */
export function activeWorkers(store: SqlBoardStore): ActiveWorker[] {
  return store.conn.all<Row>(
    `SELECT r.id AS run_id, r.task_id, t.title, t.status, t.assignee, r.profile, r.worker_pid,
            r.started_at, r.claim_lock, r.claim_expires, r.last_heartbeat_at,
            r.max_runtime_seconds
     FROM task_runs r JOIN tasks t ON t.id = r.task_id
     WHERE r.ended_at IS NULL AND r.worker_pid IS NOT NULL AND t.status = 'running'
     ORDER BY r.started_at, r.id`,
  ).map((r) => ({
    run_id: Number(r.run_id),
    task_id: String(r.task_id),
    task_title: String(r.title),
    task_status: String(r.status) as Status,
    task_assignee: r.assignee === null ? null : String(r.assignee),
    profile: r.profile === null ? null : String(r.profile),
    worker_pid: Number(r.worker_pid),
    started_at: Number(r.started_at),
    claim_lock: r.claim_lock === null ? null : String(r.claim_lock),
    claim_expires: r.claim_expires === null ? null : Number(r.claim_expires),
    last_heartbeat_at: r.last_heartbeat_at === null ? null : Number(r.last_heartbeat_at),
    max_runtime_seconds: r.max_runtime_seconds === null ? null : Number(r.max_runtime_seconds),
  }));
}

/** The process a run's worker was started as (hx_run_procs), or null when none was recorded. */
export interface RunProcess {
  pid: number | null;
  /** Start time in clock ticks since boot: tells the worker from a later process with its pid. */
  start_ticks: number | null;
  host: string | null;
  boot_id: string | null;
  exit_code: number | null;
  log_path: string | null;
}

/** The recorded process of run `runId`. */
export function runProcess(store: SqlBoardStore, runId: number): RunProcess | null {
  const r = store.conn.get<Row>(
    "SELECT pid, start_ticks, host, boot_id, exit_code, log_path FROM hx_run_procs WHERE run_id = ?",
    runId,
  );
  if (!r) return null;
  const num = (v: unknown) => v === null || v === undefined ? null : Number(v);
  const str = (v: unknown) => v === null || v === undefined ? null : String(v);
  return {
    pid: num(r.pid),
    start_ticks: num(r.start_ticks),
    host: str(r.host),
    boot_id: str(r.boot_id),
    exit_code: num(r.exit_code),
    log_path: str(r.log_path),
  };
}
