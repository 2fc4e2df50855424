/**
 * A worker's environment, built in one place from the tables below. The tables are also what
 * profile validation refuses to let a profile set, and what docs/reference/workers.md lists
 * (`deno task docs` writes it), so the code, the checks and the docs cannot disagree.
 */

import type { Task } from "../board/task.ts";
import type { Profile } from "./profiles.ts";

/** Variables a worker inherits from the parent when set there; everything else is dropped. */
export const INHERITED_ENV: readonly string[] = [
  "PATH",
  "HOME",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "LC_MESSAGES",
  "TMPDIR",
  "USER",
  "LOGNAME",
  "SHELL",
  "TZ",
];

/** PATH for a worker whose parent has none. */
export const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

/** TERM of every worker: it has no terminal, so programs must not draw for one. */
export const WORKER_TERM = "dumb";

/** What a worker's environment is made from. */
export interface WorkerEnvInput {
  profile: Pick<Profile, "name" | "env">;
  task:
    & Pick<Task, "id" | "tenant">
    & Partial<Pick<Task, "branch_name" | "goal_mode" | "goal_max_turns">>;
  runId: number;
  /** Absolute directory the worker runs in. */
  workspace: string;
  board: string;
  home: string;
  /** The parent's environment; only INHERITED_ENV is passed on. */
  baseEnv: Record<string, string>;
  /** Lease length the dispatcher uses, so the worker's heartbeats extend by as much. */
  claimTtlSeconds?: number;
}

/** A variable the dispatcher sets for every worker, after the profile's env. */
export interface WorkerVar {
  name: string;
  /** Its value, in words, for the docs. */
  value: string;
  /** Its value for one worker (with the endpoint's socket, if any); undefined leaves it unset. */
  of(w: WorkerEnvInput, endpoint: string | null): string | undefined;
}

/** The variables the dispatcher sets, in the order the docs list them. */
export const WORKER_VARS: readonly WorkerVar[] = [
  { name: "HERMES_KANBAN_TASK", value: "the task id", of: (w) => w.task.id },
  {
    name: "HERMES_KANBAN_RUN_ID",
    value: "the run id: the fencing token every worker write presents",
    of: (w) => String(w.runId),
  },
  { name: "HERMES_KANBAN_BOARD", value: "the board name", of: (w) => w.board },
  {
    name: "HERMES_KANBAN_ENDPOINT",
    value: "the worker endpoint's Unix socket: where the worker verbs reach the board (the " +
      "run's secret is in a file beside its log, not in the environment)",
    of: (_w, endpoint) => endpoint ?? undefined,
  },
  { name: "HERMES_HOME", value: "the dispatcher's `HERMES_HOME`", of: (w) => w.home },
  { name: "HERMES_KANBAN_WORKSPACE", value: "the workspace directory", of: (w) => w.workspace },
  { name: "HERMES_PROFILE", value: "the profile name", of: (w) => w.profile.name },
  {
    name: "HERMES_TENANT",
    value: "the task's tenant (only when it has one)",
    of: (w) => w.task.tenant || undefined,
  },
  {
    name: "HERMES_KANBAN_BRANCH",
    value: "the task's branch (`create --branch`; only when it has one)",
    of: (w) => w.task.branch_name || undefined,
  },
  {
    name: "HERMES_KANBAN_GOAL_MODE",
    value: "`1` for a task created with `--goal` (Hermes's goal loop); unset otherwise",
    of: (w) => w.task.goal_mode ? "1" : undefined,
  },
  {
    name: "HERMES_KANBAN_GOAL_MAX_TURNS",
    value: "the goal loop's turn budget (`--goal-max-turns`; only with `--goal`)",
    of: (w) =>
      w.task.goal_mode && w.task.goal_max_turns ? String(w.task.goal_max_turns) : undefined,
  },
  {
    name: "HERMES_KANBAN_CLAIM_TTL_SECONDS",
    value: "the dispatcher's lease length (`kanban.claim_ttl_seconds`): what a heartbeat extends " +
      "the claim by",
    of: (w) => w.claimTtlSeconds === undefined ? undefined : String(w.claimTtlSeconds),
  },
];

/** Environment names the dispatcher sets itself; a profile may not configure them. */
export const RESERVED_ENV: ReadonlySet<string> = new Set(WORKER_VARS.map((v) => v.name));

/**
 * Names a profile may not give a worker because they would hand it the boards' database (a
 * worker reaches the board only through its endpoint, as its own run). A worker's own PG*
 * variables (a project's test database) stay the profile's business.
 */
export const WITHHELD_ENV: ReadonlySet<string> = new Set(["HERMES_KANBAN_DB_URL"]);

/**
 * A worker's whole environment: the allow-list from `baseEnv`, TERM, the profile's env, then
 * WORKER_VARS (set last so nothing overrides them).
 */
export function workerEnv(
  w: WorkerEnvInput,
  endpoint: string | null = null,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const v = w.baseEnv[name];
    if (v !== undefined) env[name] = v;
  }
  env.PATH ??= DEFAULT_PATH;
  env.TERM = WORKER_TERM;
  Object.assign(env, w.profile.env);
  for (const v of WORKER_VARS) {
    const value = v.of(w, endpoint);
    if (value !== undefined) env[v.name] = value;
  }
  return env;
}
