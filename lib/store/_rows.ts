/** Decoding rows into board records. */

import type {
  Comment,
  Run,
  RunStatus,
  Status,
  Task,
  TaskEvent,
  WorkspaceKind,
} from "../board/mod.ts";

/** A raw row as node:sqlite returns it. */
export type Row = Record<string, unknown>;

function parseJson<T>(v: unknown): T | null {
  if (typeof v !== "string" || v === "") return null;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

const num = (v: unknown): number | null => v === null || v === undefined ? null : Number(v);
const str = (v: unknown): string | null => v === null || v === undefined ? null : String(v);

/** The columns selected for a task, in the order of a task row (toTask). */
const TASK_COLUMN_LIST = [
  "id",
  "title",
  "body",
  "assignee",
  "status",
  "priority",
  "created_by",
  "created_at",
  "started_at",
  "completed_at",
  "workspace_kind",
  "workspace_path",
  "claim_lock",
  "claim_expires",
  "tenant",
  "result",
  "idempotency_key",
  "worker_pid",
  "max_runtime_seconds",
  "last_heartbeat_at",
  "current_run_id",
  "skills",
  "consecutive_failures",
  "last_failure_error",
  "max_retries",
  "block_kind",
  "block_recurrences",
] as const;

/** Columns selected for a task: read them with Connection.rows and decode with toTask. */
export const TASK_COLUMNS = TASK_COLUMN_LIST.join(", ");

/** Where each column sits in a task row. */
const C = Object.fromEntries(TASK_COLUMN_LIST.map((c, i) => [c, i])) as Readonly<
  Record<typeof TASK_COLUMN_LIST[number], number>
>;

/**
 * Decode a task row of TASK_COLUMNS, as an array: node:sqlite builds a 10,000-row listing as
 * arrays in half the time it takes to build objects (22 vs 48 ms, bench/RESULTS.md `list --json`).
 */
export function toTask(r: readonly unknown[]): Task {
  const skills = parseJson<unknown>(r[C.skills]);
  return {
    id: String(r[C.id]),
    title: String(r[C.title]),
    body: str(r[C.body]),
    assignee: str(r[C.assignee]),
    status: String(r[C.status]) as Status,
    priority: Number(r[C.priority] ?? 0),
    created_by: str(r[C.created_by]),
    created_at: Number(r[C.created_at]),
    started_at: num(r[C.started_at]),
    completed_at: num(r[C.completed_at]),
    workspace_kind: String(r[C.workspace_kind] ?? "scratch") as WorkspaceKind,
    workspace_path: str(r[C.workspace_path]),
    claim_lock: str(r[C.claim_lock]),
    claim_expires: num(r[C.claim_expires]),
    tenant: str(r[C.tenant]),
    result: str(r[C.result]),
    idempotency_key: str(r[C.idempotency_key]),
    worker_pid: num(r[C.worker_pid]),
    max_runtime_seconds: num(r[C.max_runtime_seconds]),
    last_heartbeat_at: num(r[C.last_heartbeat_at]),
    current_run_id: num(r[C.current_run_id]),
    skills: Array.isArray(skills) ? skills.map(String) : null,
    consecutive_failures: Number(r[C.consecutive_failures] ?? 0),
    last_failure_error: str(r[C.last_failure_error]),
    max_retries: num(r[C.max_retries]),
    block_kind: r[C.block_kind] === "" ? null : str(r[C.block_kind]),
    block_recurrences: Number(r[C.block_recurrences] ?? 0),
  };
}

/** Columns selected for a run (joined with our process table as p). */
export const RUN_COLUMNS = "r.id, r.task_id, r.profile, r.step_key, r.status, r.claim_lock, " +
  "r.claim_expires, r.worker_pid, r.max_runtime_seconds, r.last_heartbeat_at, r.started_at, " +
  "r.ended_at, r.outcome, r.summary, r.metadata, r.error, p.exit_code, p.log_path";

/** Decode a task_runs row. */
export function toRun(r: Row): Run {
  return {
    id: Number(r.id),
    task_id: String(r.task_id),
    profile: str(r.profile),
    step_key: str(r.step_key),
    status: String(r.status) as RunStatus,
    claim_lock: str(r.claim_lock),
    claim_expires: num(r.claim_expires),
    worker_pid: num(r.worker_pid),
    max_runtime_seconds: num(r.max_runtime_seconds),
    last_heartbeat_at: num(r.last_heartbeat_at),
    started_at: Number(r.started_at),
    ended_at: num(r.ended_at),
    outcome: str(r.outcome),
    summary: str(r.summary),
    metadata: parseJson<Record<string, unknown>>(r.metadata),
    error: str(r.error),
    exit_code: num(r.exit_code),
    log_path: str(r.log_path),
  };
}

/** Decode a task_comments row. */
export function toComment(r: Row): Comment {
  return {
    id: Number(r.id),
    task_id: String(r.task_id),
    author: String(r.author),
    body: String(r.body),
    created_at: Number(r.created_at),
  };
}

/** Decode a task_events row. */
export function toEvent(r: Row): TaskEvent {
  return {
    id: Number(r.id),
    task_id: String(r.task_id),
    run_id: num(r.run_id),
    kind: String(r.kind),
    payload: parseJson<Record<string, unknown>>(r.payload),
    created_at: Number(r.created_at),
  };
}
