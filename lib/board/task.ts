/** The task record and its public JSON shape. */

import type { RunStatus, Status } from "./status.ts";

/** Workspace kinds a task may ask for. */
export type WorkspaceKind = "scratch" | "dir" | "worktree";

/** A task row as stored (Hermes's `tasks` table, the columns we use). */
export interface Task {
  id: string;
  title: string;
  body: string | null;
  assignee: string | null;
  status: Status;
  priority: number;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  workspace_kind: WorkspaceKind;
  workspace_path: string | null;
  claim_lock: string | null;
  claim_expires: number | null;
  tenant: string | null;
  result: string | null;
  idempotency_key: string | null;
  worker_pid: number | null;
  max_runtime_seconds: number | null;
  last_heartbeat_at: number | null;
  current_run_id: number | null;
  skills: string[] | null;
  consecutive_failures: number;
  last_failure_error: string | null;
  max_retries: number | null;
  /** Why it was last blocked (BLOCK_KINDS), null for an untyped block; kept across unblocks. */
  block_kind: string | null;
  /** Same-cause blocks since it last completed: the unblock-loop breaker's count. */
  block_recurrences: number;
}

/** A comment on a task. */
export interface Comment {
  id: number;
  task_id: string;
  author: string;
  body: string;
  created_at: number;
}

/** An event row: the board's append-only log. */
export interface TaskEvent {
  id: number;
  task_id: string;
  run_id: number | null;
  kind: string;
  payload: Record<string, unknown> | null;
  created_at: number;
}

/** One attempt at a task. */
export interface Run {
  id: number;
  task_id: string;
  profile: string | null;
  step_key: string | null;
  status: RunStatus;
  claim_lock: string | null;
  claim_expires: number | null;
  worker_pid: number | null;
  max_runtime_seconds: number | null;
  last_heartbeat_at: number | null;
  started_at: number;
  ended_at: number | null;
  outcome: string | null;
  summary: string | null;
  metadata: Record<string, unknown> | null;
  error: string | null;
  exit_code: number | null;
  log_path: string | null;
}

/** A task with its parents, children, comments, recent events and runs. */
export interface TaskDetail {
  task: Task;
  parents: Task[];
  children: Task[];
  comments: Comment[];
  events: TaskEvent[];
  runs: Run[];
  /** When a scheduled task becomes ready by itself; null without a time (or not scheduled). */
  scheduled_until?: number | null;
}

/** The task fields Hermes prints in `--json` output, in its order. */
export function taskJson(t: Task): Record<string, unknown> {
  return {
    id: t.id,
    title: t.title,
    body: t.body,
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
    result: t.result,
    skills: t.skills ?? [],
    max_runtime_seconds: t.max_runtime_seconds,
    max_retries: t.max_retries,
    idempotency_key: t.idempotency_key,
    current_run_id: t.current_run_id,
    consecutive_failures: t.consecutive_failures,
    last_failure_error: t.last_failure_error,
    block_kind: t.block_kind,
    block_recurrences: t.block_recurrences,
  };
}

/** A task with its links, comments, events and runs: `show --json` and MCP kanban_show. */
export function taskDetailJson(d: TaskDetail): Record<string, unknown> {
  return {
    task: taskJson(d.task),
    parents: d.parents.map(taskJson),
    children: d.children.map(taskJson),
    comments: d.comments,
    events: d.events,
    runs: d.runs,
    scheduled_until: d.scheduled_until ?? null,
  };
}

/** The orders a listing may be sorted in (Hermes's `list --sort`); `priority` is the default. */
export const LIST_SORTS = [
  "priority",
  "priority-desc",
  "created",
  "created-desc",
  "status",
  "assignee",
  "title",
  "updated",
] as const;

/** A listing order. */
export type ListSort = typeof LIST_SORTS[number];
