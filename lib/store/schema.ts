/**
 * The board's schema. Tables, columns, types and indexes are Hermes's, so a
 * `kanban.db` written by Hermes opens here and ours opens in Hermes. Our own
 * bookkeeping lives in separate `hx_` tables that Hermes ignores.
 */

/**
 * Our schema generation. Bump it for a change that needs a data step, or that keeps the
 * DDL below the same length; any other DDL edit reaches existing boards by itself (see
 * SCHEMA_STAMP at the end of this file). 3: Hermes v0.18's columns and tables
 * (task_attachments, the block-loop and goal columns, notifier_profile) and hx_task_schedule.
 */
export const SCHEMA_VERSION = 3;

/** Hermes's tables (create-if-missing; never altered destructively). */
export const HERMES_TABLES = `
CREATE TABLE IF NOT EXISTS tasks (
  id                   TEXT PRIMARY KEY,
  title                TEXT NOT NULL,
  body                 TEXT,
  assignee             TEXT,
  status               TEXT NOT NULL,
  priority             INTEGER DEFAULT 0,
  created_by           TEXT,
  created_at           INTEGER NOT NULL,
  started_at           INTEGER,
  completed_at         INTEGER,
  workspace_kind       TEXT NOT NULL DEFAULT 'scratch',
  workspace_path       TEXT,
  claim_lock           TEXT,
  claim_expires        INTEGER,
  tenant               TEXT,
  result               TEXT,
  idempotency_key      TEXT,
  spawn_failures       INTEGER NOT NULL DEFAULT 0,
  worker_pid           INTEGER,
  last_spawn_error     TEXT,
  max_runtime_seconds  INTEGER,
  last_heartbeat_at    INTEGER,
  current_run_id       INTEGER,
  workflow_template_id TEXT,
  current_step_key     TEXT,
  skills               TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_failure_error   TEXT,
  max_retries          INTEGER,
  branch_name          TEXT,
  project_id           TEXT,
  model_override       TEXT,
  goal_mode            INTEGER NOT NULL DEFAULT 0,
  goal_max_turns       INTEGER,
  session_id           TEXT,
  block_kind           TEXT,
  block_recurrences    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS task_links (
  parent_id TEXT NOT NULL,
  child_id  TEXT NOT NULL,
  PRIMARY KEY (parent_id, child_id)
);
CREATE TABLE IF NOT EXISTS task_comments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id    TEXT NOT NULL,
  author     TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS task_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id    TEXT NOT NULL,
  run_id     INTEGER,
  kind       TEXT NOT NULL,
  payload    TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS task_runs (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id             TEXT NOT NULL,
  profile             TEXT,
  step_key            TEXT,
  status              TEXT NOT NULL,
  claim_lock          TEXT,
  claim_expires       INTEGER,
  worker_pid          INTEGER,
  max_runtime_seconds INTEGER,
  last_heartbeat_at   INTEGER,
  started_at          INTEGER NOT NULL,
  ended_at            INTEGER,
  outcome             TEXT,
  summary             TEXT,
  metadata            TEXT,
  error               TEXT
);
CREATE TABLE IF NOT EXISTS task_attachments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id      TEXT NOT NULL,
  filename     TEXT NOT NULL,
  stored_path  TEXT NOT NULL,
  content_type TEXT,
  size         INTEGER NOT NULL DEFAULT 0,
  uploaded_by  TEXT,
  created_at   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS kanban_notify_subs (
  task_id          TEXT NOT NULL,
  platform         TEXT NOT NULL,
  chat_id          TEXT NOT NULL,
  thread_id        TEXT NOT NULL DEFAULT '',
  user_id          TEXT,
  notifier_profile TEXT,
  created_at       INTEGER NOT NULL,
  last_event_id    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, platform, chat_id, thread_id)
);
`;

/** Hermes's indexes. */
export const HERMES_INDEXES = `
CREATE INDEX IF NOT EXISTS idx_tasks_assignee_status ON tasks(assignee, status);
CREATE INDEX IF NOT EXISTS idx_tasks_status ON tasks(status);
CREATE INDEX IF NOT EXISTS idx_tasks_tenant ON tasks(tenant);
CREATE INDEX IF NOT EXISTS idx_tasks_idempotency ON tasks(idempotency_key);
CREATE INDEX IF NOT EXISTS idx_links_child ON task_links(child_id);
CREATE INDEX IF NOT EXISTS idx_links_parent ON task_links(parent_id);
CREATE INDEX IF NOT EXISTS idx_comments_task ON task_comments(task_id, created_at);
CREATE INDEX IF NOT EXISTS idx_events_task ON task_events(task_id, created_at);
CREATE INDEX IF NOT EXISTS idx_events_run ON task_events(run_id, id);
CREATE INDEX IF NOT EXISTS idx_runs_task ON task_runs(task_id, started_at);
CREATE INDEX IF NOT EXISTS idx_runs_status ON task_runs(status);
CREATE INDEX IF NOT EXISTS idx_notify_task ON kanban_notify_subs(task_id);
CREATE INDEX IF NOT EXISTS idx_tasks_session_id ON tasks(session_id);
CREATE INDEX IF NOT EXISTS idx_attachments_task ON task_attachments(task_id, created_at);
`;

/** Columns Hermes added over time; an older Hermes board gets them on open. */
export const TASK_COLUMNS_ADDED: ReadonlyArray<readonly [string, string]> = [
  ["tenant", "TEXT"],
  ["result", "TEXT"],
  ["idempotency_key", "TEXT"],
  ["spawn_failures", "INTEGER NOT NULL DEFAULT 0"],
  ["worker_pid", "INTEGER"],
  ["last_spawn_error", "TEXT"],
  ["max_runtime_seconds", "INTEGER"],
  ["last_heartbeat_at", "INTEGER"],
  ["current_run_id", "INTEGER"],
  ["workflow_template_id", "TEXT"],
  ["current_step_key", "TEXT"],
  ["skills", "TEXT"],
  ["consecutive_failures", "INTEGER NOT NULL DEFAULT 0"],
  ["last_failure_error", "TEXT"],
  ["max_retries", "INTEGER"],
  ["branch_name", "TEXT"],
  ["project_id", "TEXT"],
  ["model_override", "TEXT"],
  ["goal_mode", "INTEGER NOT NULL DEFAULT 0"],
  ["goal_max_turns", "INTEGER"],
  ["session_id", "TEXT"],
  ["block_kind", "TEXT"],
  ["block_recurrences", "INTEGER NOT NULL DEFAULT 0"],
];

/** Columns added to task_events by Hermes's migration. */
export const EVENT_COLUMNS_ADDED: ReadonlyArray<readonly [string, string]> = [[
  "run_id",
  "INTEGER",
]];

/** Columns added to kanban_notify_subs by Hermes's migration. */
export const NOTIFY_COLUMNS_ADDED: ReadonlyArray<readonly [string, string]> = [[
  "notifier_profile",
  "TEXT",
]];

/**
 * Our own tables: process identity of runs, retry backoff, schedules, notifier state, run
 * secrets (their SHA-256 only: the secret itself reaches the worker alone) and which worker task
 * made a task.
 */
export const HX_TABLES = `
CREATE TABLE IF NOT EXISTS hx_run_procs (
  run_id      INTEGER PRIMARY KEY,
  task_id     TEXT NOT NULL,
  host        TEXT,
  boot_id     TEXT,
  pid_ns      TEXT,
  pid         INTEGER,
  start_ticks INTEGER,
  log_path    TEXT,
  exit_code   INTEGER
);
CREATE TABLE IF NOT EXISTS hx_task_retry (
  task_id    TEXT PRIMARY KEY,
  not_before INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0
);
-- The time a scheduled task becomes ready by itself (Hermes keeps no time: its scheduled tasks
-- wait for an unblock). event_id is the task's 'scheduled' event this time belongs to: a task
-- scheduled again since (by Hermes, without a time) is not released by an old row.
CREATE TABLE IF NOT EXISTS hx_task_schedule (
  task_id  TEXT PRIMARY KEY,
  due_at   INTEGER NOT NULL,
  event_id INTEGER
);
CREATE TABLE IF NOT EXISTS hx_meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE IF NOT EXISTS hx_notify_sinks (
  sink       TEXT PRIMARY KEY,
  cursor     INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS hx_notify_outbox (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  sink           TEXT NOT NULL,
  event_id       INTEGER NOT NULL,
  task_id        TEXT NOT NULL,
  kind           TEXT NOT NULL,
  target         TEXT,
  body           TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'pending',
  attempts       INTEGER NOT NULL DEFAULT 0,
  next_at_ms     INTEGER NOT NULL DEFAULT 0,
  lease_owner    TEXT,
  lease_until_ms INTEGER,
  last_error     TEXT,
  created_at     INTEGER NOT NULL,
  done_at        INTEGER,
  UNIQUE (sink, event_id)
);
CREATE TABLE IF NOT EXISTS hx_run_secrets (
  run_id      INTEGER PRIMARY KEY,
  task_id     TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS hx_task_origins (
  task_id     TEXT PRIMARY KEY,
  by_task     TEXT NOT NULL,
  by_run      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS hx_idx_origins_by ON hx_task_origins(by_task);
CREATE INDEX IF NOT EXISTS hx_idx_outbox_sink ON hx_notify_outbox(sink, state, event_id);
CREATE INDEX IF NOT EXISTS hx_idx_outbox_task ON hx_notify_outbox(task_id);
-- The claim's candidates in their order, id last, so LIMIT stops early instead of sorting
-- every ready task (bench/scale_bench.ts: claim on a 100,000-task board).
CREATE INDEX IF NOT EXISTS hx_idx_tasks_ready_order
  ON tasks(status, priority DESC, created_at, id);
-- \`kanban list\` reads the board in its order from this index alone (no sort, no table reads).
CREATE INDEX IF NOT EXISTS hx_idx_tasks_list
  ON tasks(priority DESC, created_at, id, status, assignee, tenant, title);
CREATE INDEX IF NOT EXISTS hx_idx_procs_unreaped ON hx_run_procs(run_id) WHERE exit_code IS NULL;
`;

/** Our indexes that were replaced; the migration drops them. */
export const HX_RETIRED_INDEXES: readonly string[] = [
  "hx_idx_tasks_order",
  "hx_idx_tasks_ready",
];

/** Legacy event kind renames Hermes performs on open. */
export const EVENT_KIND_RENAMES: ReadonlyArray<readonly [string, string]> = [
  ["ready", "promoted"],
  ["priority", "reprioritized"],
  ["spawn_auto_blocked", "gave_up"],
];

/**
 * What we keep in PRAGMA user_version: the generation and the length of the DDL above.
 * Whenever a board's stamp differs, the (additive, idempotent) migration runs once on open,
 * so a table appended to HX_TABLES reaches existing boards without anyone remembering a
 * version bump; otherwise opening runs no DDL at all. Computed from lengths, not a hash,
 * because this runs on every CLI start.
 */
export const SCHEMA_STAMP: number = SCHEMA_VERSION * 100_000 +
  (HERMES_TABLES.length + HERMES_INDEXES.length + HX_TABLES.length) % 100_000;

/** The schema generation a user_version stamp was written by (0 for Hermes's own boards). */
export function stampVersion(userVersion: number): number {
  return Math.floor(userVersion / 100_000);
}
