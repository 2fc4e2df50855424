/** Shapes of the dashboard API as the web board uses them. */

import type { Status } from "../../lib/board/status.ts";
import type { TaskEvent } from "../../lib/board/task.ts";

/** A task status and an event row: the board's own types, as the API sends them. */
export type { Status, TaskEvent };

/** A task as the API returns it. */
export interface Task {
  id: string;
  title: string;
  body: string | null;
  assignee: string | null;
  status: Status;
  priority: number;
  tenant: string | null;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  workspace_kind: string;
  workspace_path: string | null;
  result: string | null;
  skills: string[];
  max_runtime_seconds: number | null;
  max_retries: number | null;
  idempotency_key: string | null;
  current_run_id: number | null;
  consecutive_failures: number;
  last_failure_error: string | null;
  age: { created_age_seconds: number | null; started_age_seconds: number | null };
}

/** A card on the board. */
export interface Card extends Task {
  link_counts: { parents: number; children: number };
  comment_count: number;
  progress: { done: number; total: number } | null;
  run_started_at: number | null;
}

/** GET /board. */
export interface BoardData {
  columns: Array<{ name: Status; tasks: Card[] }>;
  tenants: string[];
  assignees: string[];
  latest_event_id: number;
  now: number;
  board: string;
}

/** A parent or child. */
export interface TaskRef {
  id: string;
  title: string;
  status: Status;
  assignee: string | null;
}

/** A run (attempt). */
export interface Run {
  id: number;
  profile: string | null;
  status: string;
  started_at: number;
  ended_at: number | null;
  outcome: string | null;
  summary: string | null;
  error: string | null;
  exit_code: number | null;
  worker_pid: number | null;
}

/** A comment. */
export interface Comment {
  id: number;
  author: string;
  body: string;
  created_at: number;
}

/** GET /tasks/:id. */
export interface TaskDetail {
  task: Task;
  comments: Comment[];
  events: TaskEvent[];
  parents: TaskRef[];
  children: TaskRef[];
  runs: Run[];
  now: number;
}

/** GET /config. */
export interface BoardConfig {
  default_tenant: string;
  lane_by_profile: boolean;
  include_archived_by_default: boolean;
  render_markdown: boolean;
  version: string;
  dispatcher: { running: boolean; message: string };
}
