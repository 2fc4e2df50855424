/** Shapes of the dashboard API as the web board uses them. */

import type { Diagnostic, Severity } from "../../lib/board/diagnostics.ts";
import type { Status } from "../../lib/board/status.ts";
import type { Task as BoardTask, TaskEvent } from "../../lib/board/task.ts";

/** A task status, an event row, a diagnostic: the board's own types, as the API sends them. */
export type { Diagnostic, Severity, Status, TaskEvent };

/** A task as the API sends it (apiTask in lib/server/shapes.ts): skills a list, plus ages. */
export interface Task extends Omit<BoardTask, "skills"> {
  skills: string[];
  age: { created_age_seconds: number | null; started_age_seconds: number | null };
}

/** A card's summary of its diagnostics (Hermes's `warnings`). */
export interface Warnings {
  count: number;
  kinds: Record<string, number>;
  latest_at: number;
  highest_severity: Severity;
}

/** A card on the board. */
export interface Card extends Task {
  link_counts: { parents: number; children: number };
  comment_count: number;
  progress: { done: number; total: number } | null;
  run_started_at: number | null;
  /** When a scheduled card becomes ready by itself; null without a time. */
  scheduled_until: number | null;
  /** Active diagnostics, summed up; null when the task has none. */
  warnings: Warnings | null;
}

/** GET /diagnostics: tasks in distress with their diagnostics. */
export interface DiagnosticsData {
  diagnostics: Array<{
    task_id: string;
    task_title: string;
    task_status: Status;
    task_assignee: string | null;
    diagnostics: Diagnostic[];
  }>;
  count: number;
}

/** POST /tasks/bulk: one outcome per id. */
export interface BulkResult {
  results: Array<{ id: string; ok: boolean; error?: string; code?: string }>;
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
  scheduled_until: number | null;
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
