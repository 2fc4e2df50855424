/** A task record built in memory, for tests (and benches) of code that takes a Task. */

import type { Task } from "../../lib/board/mod.ts";

/** A running task as the store would return it: every column present, `over` on top. */
export function taskRecord(over: Partial<Task> = {}): Task {
  return {
    id: "t_00000001",
    title: "a task",
    body: null,
    assignee: "shell",
    status: "running",
    priority: 0,
    created_by: "test",
    created_at: 0,
    started_at: null,
    completed_at: null,
    workspace_kind: "scratch",
    workspace_path: null,
    claim_lock: null,
    claim_expires: null,
    tenant: null,
    result: null,
    idempotency_key: null,
    worker_pid: null,
    max_runtime_seconds: null,
    last_heartbeat_at: null,
    current_run_id: null,
    skills: null,
    consecutive_failures: 0,
    last_failure_error: null,
    max_retries: null,
    block_kind: null,
    block_recurrences: 0,
    ...over,
  };
}
