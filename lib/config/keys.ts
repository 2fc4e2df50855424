/**
 * Every configuration key, defined once: name, type, default, documentation and
 * environment override. Validation, defaults and the README all come from here.
 */

import { LOG_LEVELS } from "../log/logger.ts";

/** The value kinds a key can hold. */
export type KeyType = "boolean" | "integer" | "number" | "string" | "string[]" | "map";

/** One configuration key. */
export interface KeyDef {
  /** Dotted path in config.yaml. */
  name: string;
  type: KeyType;
  default: unknown;
  doc: string;
  /** Smallest allowed value for numbers. */
  min?: number;
  /** Allowed values for strings. */
  choices?: readonly string[];
  /** Environment variable that overrides the key (see `envMode`). */
  env?: string;
  /** `override`: the variable replaces the value; `disable-only`: a false-y value turns it off, anything else defers to config. */
  envMode?: "override" | "disable-only";
  /** The variable's line in the README's table of environment variables. */
  envDoc?: string;
  /** Values below `min` are raised to it instead of refused (a floor). */
  floor?: boolean;
  /**
   * Hermes v0.18's names for this key in config.yaml, read when ours is not set. When several
   * are set, the smallest counts (they are all caps). A value ours would refuse is ignored with a
   * warning, as Hermes ignores it.
   */
  hermesKeys?: readonly string[];
  /** Hermes's environment variable for this key, read when `env` is not set. */
  hermesEnv?: string;
}

// Kept literal (`as const`) so each key's name and type reach the compiler; see ConfigValues.
const DEFS = [
  {
    name: "kanban.dispatch_in_gateway",
    type: "boolean",
    default: true,
    doc: "Run the dispatcher inside the gateway.",
    env: "HERMES_KANBAN_DISPATCH_IN_GATEWAY",
    envMode: "disable-only",
    envDoc:
      "0/false/no/off disables the gateway's dispatcher; any other value defers to kanban.dispatch_in_gateway.",
  },
  {
    name: "kanban.db_url",
    type: "string",
    default: "",
    doc:
      "Empty: each board is a SQLite file under HERMES_HOME. A postgres://user@host:port/database URL keeps every board in that PostgreSQL database instead (one schema per board), so gateways on several hosts can share them (docs/multi-host.md). A password may be in the URL, PGPASSWORD or ~/.pgpass; it is never printed.",
    env: "HERMES_KANBAN_DB_URL",
    envMode: "override",
    envDoc:
      "Overrides kanban.db_url: a postgres:// URL selects the PostgreSQL store (never passed on to workers).",
  },
  {
    name: "kanban.db_connect_timeout_seconds",
    type: "number",
    default: 10,
    min: 1,
    doc: "PostgreSQL store: how long opening a connection may take before the command fails.",
  },
  {
    name: "kanban.db_statement_timeout_seconds",
    type: "number",
    default: 30,
    min: 1,
    doc: "PostgreSQL store: the longest one statement may run (the server cancels it after that).",
  },
  {
    name: "kanban.dispatch_interval_seconds",
    type: "number",
    default: 60,
    min: 1,
    floor: true,
    doc: "Seconds between safety sweeps of the dispatcher (changes wake it at once); floor 1.",
  },
  {
    name: "kanban.dispatch_initial_delay_seconds",
    type: "number",
    default: 0,
    min: 0,
    doc: "Seconds the gateway waits before the dispatcher's first tick.",
  },
  {
    name: "kanban.failure_limit",
    type: "integer",
    default: 2,
    min: 1,
    doc:
      "Failed attempts (spawn failures, crashes, timeouts, protocol violations) before a task is blocked as gave_up; per task --max-retries.",
  },
  {
    name: "kanban.max_workers",
    type: "integer",
    default: 4,
    min: 1,
    doc:
      "Live workers at most, across all profiles and boards of this gateway (agent workers cost money).",
    hermesKeys: ["kanban.max_in_progress", "kanban.max_spawn"],
  },
  {
    name: "kanban.max_in_progress_per_profile",
    type: "integer",
    default: 0,
    min: 0,
    doc:
      "Live workers at most per profile, for profiles that set no max_concurrent (Hermes's key); 0: no cap.",
  },
  {
    name: "kanban.default_assignee",
    type: "string",
    default: "",
    doc:
      "Profile the dispatcher gives ready tasks nobody is assigned to, as it comes to them (Hermes's key); empty, or a name that is no profile: they wait, reported as unassigned.",
  },
  {
    name: "kanban.claim_ttl_seconds",
    type: "integer",
    default: 900,
    min: 5,
    doc: "Lease length of a claim; a heartbeat extends it.",
    env: "HERMES_KANBAN_CLAIM_TTL_SECONDS",
    envMode: "override",
    envDoc:
      "Overrides kanban.claim_ttl_seconds (lease length); set for workers to the dispatcher's lease, which their heartbeats extend by.",
  },
  {
    name: "kanban.default_max_runtime_seconds",
    type: "integer",
    default: 3600,
    min: 0,
    doc: "Max runtime of a run when neither the task nor its profile sets one; 0 means no cap.",
  },
  {
    name: "kanban.kill_grace_seconds",
    type: "number",
    default: 5,
    min: 0,
    doc: "Seconds between SIGTERM and SIGKILL when a worker's process tree is stopped.",
  },
  {
    name: "kanban.workspace_roots",
    type: "string[]",
    default: [],
    doc:
      "Absolute directories that dir: workspaces and worktree repositories must lie under, checked when a task is created and again before its worker starts. Empty: HERMES_HOME only.",
  },
  {
    name: "kanban.worktree_repo",
    type: "string",
    default: "",
    doc:
      "Git repository (absolute path) that worktree workspaces branch from when the task names none.",
  },
  {
    name: "kanban.log_max_bytes",
    type: "integer",
    default: 2 * 1024 * 1024,
    min: 4096,
    doc: "Cap on one run's log file; past it the oldest half is dropped.",
    hermesKeys: ["kanban.worker_log_rotate_bytes"],
  },
  {
    name: "kanban.attachment_max_bytes",
    type: "integer",
    default: 25 * 1024 * 1024,
    min: 1,
    doc: "Largest file `attach` and the dashboard's upload take (Hermes's cap: 25 MiB).",
  },
  {
    name: "kanban.retry_backoff_seconds",
    type: "number",
    default: 30,
    min: 0,
    doc: "First delay before retrying a worker that exited 75 (try later); doubles each time.",
    hermesEnv: "HERMES_KANBAN_RATE_LIMIT_COOLDOWN_SECONDS",
  },
  {
    name: "kanban.retry_backoff_max_seconds",
    type: "number",
    default: 1800,
    min: 0,
    doc: "Longest delay between retries after exit 75.",
  },
  {
    name: "kanban.profiles",
    type: "map",
    default: {},
    doc:
      "Worker profiles by name (see Profiles). The built-in 'shell' profile exists unless kanban.shell_profile is false.",
  },
  {
    name: "kanban.shell_profile",
    type: "boolean",
    default: true,
    doc: "Provide the built-in 'shell' profile (runs task bodies unconfined); false removes it.",
  },
  {
    name: "kanban.sandbox",
    type: "string",
    default: "off",
    choices: ["workspace", "off"],
    doc:
      "Confinement of profiles that set no 'sandbox': workspace (OS sandbox: write only the workspace, no HERMES_HOME, no secrets) or off. The built-in shell profile is off unless it says otherwise.",
  },
  {
    name: "kanban.worker_create_assignees",
    type: "string[]",
    default: [],
    doc:
      "Profiles a worker may give the tasks it creates without review; a worker's other new tasks land in triage, and one naming shell or an unconfined profile lands there unassigned.",
  },
  {
    name: "sandbox.deny",
    type: "string[]",
    default: [],
    doc:
      "Paths (absolute or ~/…) no confined worker may read, besides HERMES_HOME and the built-in list of secrets.",
  },
  {
    name: "sandbox.writable",
    type: "string[]",
    default: [],
    doc:
      "Paths (absolute or ~/…) every confined worker may write besides its workspace; never inside a denied path.",
  },
  {
    name: "sandbox.bwrap",
    type: "string",
    default: "",
    doc:
      "bubblewrap binary for confined workers on Linux (absolute path); empty: /usr/bin/bwrap or /usr/local/bin/bwrap.",
  },
  {
    name: "kanban.notify",
    type: "map",
    default: {},
    doc:
      "Notification sinks: webhooks (list of {url, events?, allow_private?}) and command (argv list); allow_private: true lets them reach loopback and private addresses.",
  },
  {
    name: "dashboard.host",
    type: "string",
    default: "127.0.0.1",
    doc: "Address the dashboard listens on; anything but loopback needs --host and a token.",
  },
  {
    name: "dashboard.port",
    type: "integer",
    default: 8645,
    min: 0,
    doc: "Port of the dashboard (0 picks a free one).",
  },
  {
    name: "dashboard.kanban.default_tenant",
    type: "string",
    default: "",
    doc: "Tenant the web board filters by at first.",
  },
  {
    name: "dashboard.kanban.lane_by_profile",
    type: "boolean",
    default: true,
    doc: "Split the running column into lanes by profile.",
  },
  {
    name: "dashboard.kanban.include_archived_by_default",
    type: "boolean",
    default: false,
    doc: "Show archived tasks on the web board at first.",
  },
  {
    name: "dashboard.kanban.render_markdown",
    type: "boolean",
    default: true,
    doc: "Render task bodies as (sanitised) markdown.",
  },
  {
    name: "gateway.log_format",
    type: "string",
    default: "text",
    choices: ["text", "json"],
    doc: "Gateway log format on stderr: text or json (JSON lines).",
  },
  {
    name: "gateway.log_level",
    type: "string",
    default: "info",
    choices: LOG_LEVELS,
    doc: "Least severe gateway log level printed.",
  },
] as const satisfies readonly KeyDef[];

/** A key Hermes v0.18 reads that is not one of `hermesKeys` above, and what happens to it here. */
export interface HermesKey {
  name: string;
  /** Our key of the same name, or why the key has no effect here. */
  here: string;
}

/**
 * Every other kanban key Hermes v0.18 reads (from its source: the gateway's dispatcher watcher,
 * `hermes kanban`, the decomposer, diagnostics and the dashboard plugin). The ones with our name
 * are ours too; the rest are read by nothing here, for the reason given.
 */
export const OTHER_HERMES_KEYS: readonly HermesKey[] = [
  { name: "kanban.dispatch_in_gateway", here: "the same key" },
  {
    name: "kanban.dispatch_interval_seconds",
    here: "the same key (here the safety sweep: changes wake the dispatcher at once)",
  },
  { name: "kanban.failure_limit", here: "the same key" },
  { name: "kanban.default_assignee", here: "the same key" },
  { name: "kanban.max_in_progress_per_profile", here: "the same key" },
  { name: "dashboard.kanban.default_tenant", here: "the same key" },
  { name: "dashboard.kanban.lane_by_profile", here: "the same key" },
  { name: "dashboard.kanban.include_archived_by_default", here: "the same key" },
  { name: "dashboard.kanban.render_markdown", here: "the same key" },
  {
    name: "kanban.dispatch_stale_timeout_seconds",
    here:
      "not read: a live worker's lease is extended here and a hung one is stopped at its max runtime (kanban.default_max_runtime_seconds, 1 h by default); there is no separate heartbeat-staleness rule",
  },
  {
    name: "kanban.worker_log_backup_count",
    here:
      "not read: a run's log is capped in place (the oldest half dropped), not rotated into backups",
  },
  { name: "kanban.orchestrator_profile", here: "not read: there is no triage decomposer here" },
  { name: "kanban.auto_decompose", here: "not read: there is no triage decomposer here" },
  { name: "kanban.auto_decompose_per_tick", here: "not read: there is no triage decomposer here" },
  {
    name: "kanban.auto_promote_children",
    here:
      "not read: it governs the decomposer's children; here a child is promoted when its parents are done",
  },
  {
    name: "kanban.auto_subscribe_on_create",
    here: "not read: chat sessions are Hermes's; subscribe with 'hermes kanban notify-subscribe'",
  },
  { name: "kanban.diagnostics", here: "not read (Hermes's diagnostics thresholds)" },
];

/** All keys hermes reads from config.yaml. Other sections of the file are left alone. */
export const KEYS: readonly KeyDef[] = DEFS;

type Def = typeof DEFS[number];

/** The dotted name of a configuration key. */
export type ConfigKey = Def["name"];

/** The value a key of this definition holds once resolved. */
type ValueOf<D extends KeyDef> = D["type"] extends "boolean" ? boolean
  : D["type"] extends "integer" | "number" ? number
  : D["type"] extends "string[]" ? string[]
  : D["type"] extends "map" ? Record<string, unknown>
  : D extends { choices: readonly (infer C)[] } ? C
  : string;

/** Every key's resolved value, by name: what `get` returns. */
export type ConfigValues = { [D in Def as D["name"]]: ValueOf<D> };
