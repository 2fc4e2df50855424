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
