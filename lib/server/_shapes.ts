/** The JSON shapes of Hermes's dashboard API: a task with its derived age, a card, a run. */

import type { Run, Task } from "../board/mod.ts";
import type { CardExtras } from "../store/mod.ts";

/** Hermes's derived ages (seconds, never negative). */
export interface TaskAge {
  created_age_seconds: number | null;
  started_age_seconds: number | null;
  time_to_complete_seconds: number | null;
}

/** Ages of a task at `now`. */
export function taskAge(t: Task, now: number): TaskAge {
  const clamp = (n: number) => Math.max(0, n);
  return {
    created_age_seconds: clamp(now - t.created_at),
    started_age_seconds: t.started_at === null ? null : clamp(now - t.started_at),
    time_to_complete_seconds: t.started_at !== null && t.completed_at !== null
      ? clamp(t.completed_at - t.started_at)
      : null,
  };
}

/** Every field of a task, as Hermes's dashboard returns it, plus `age`. */
export function apiTask(t: Task, now: number): Record<string, unknown> {
  return {
    id: t.id,
    title: t.title,
    body: t.body,
    assignee: t.assignee,
    status: t.status,
    priority: t.priority,
    created_by: t.created_by,
    created_at: t.created_at,
    started_at: t.started_at,
    completed_at: t.completed_at,
    workspace_kind: t.workspace_kind,
    workspace_path: t.workspace_path,
    claim_lock: t.claim_lock,
    claim_expires: t.claim_expires,
    tenant: t.tenant,
    result: t.result,
    idempotency_key: t.idempotency_key,
    worker_pid: t.worker_pid,
    max_runtime_seconds: t.max_runtime_seconds,
    max_retries: t.max_retries,
    last_heartbeat_at: t.last_heartbeat_at,
    current_run_id: t.current_run_id,
    skills: t.skills ?? [],
    consecutive_failures: t.consecutive_failures,
    last_failure_error: t.last_failure_error,
    block_kind: t.block_kind,
    block_recurrences: t.block_recurrences,
    age: taskAge(t, now),
  };
}

/** A card on the board: the task plus link and comment counts, child progress, run start. */
export function apiCard(t: Task, x: CardExtras, now: number): Record<string, unknown> {
  return { ...apiTask(t, now), ...x };
}

/** A run as the drawer shows it. */
export function apiRun(r: Run): Record<string, unknown> {
  return { ...r };
}
