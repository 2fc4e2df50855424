/**
 * Every environment variable hermes reads or sets, defined once for validation and the README.
 * The variables that override a config key are defined with that key, in keys.ts.
 */

import { KEYS } from "./keys.ts";

/** One environment variable. */
export interface EnvVarDef {
  name: string;
  /** `read`: hermes reads it; `worker`: the dispatcher sets it for workers (and hermes reads it there). */
  use: "read" | "worker" | "hook";
  doc: string;
  /** A Hermes v0.18 variable: the variable (or setting) of ours it stands for. */
  hermesFor?: string;
}

/** All environment variables, in README order. */
export const ENV_VARS: readonly EnvVarDef[] = [
  {
    name: "HERMES_HOME",
    use: "read",
    doc: "Home of boards, config.yaml, logs and the gateway's files (default ~/.hermes).",
  },
  {
    name: "HERMES_KANBAN_HOME",
    use: "read",
    doc:
      "Hermes's name for HERMES_HOME: used when HERMES_HOME is unset; when both are set and differ, HERMES_HOME wins with a warning.",
    hermesFor: "HERMES_HOME",
  },
  {
    name: "HERMES_KANBAN_BOARD",
    use: "read",
    doc:
      "Board to use when --board is not given; else the board 'boards switch' remembered in <HERMES_HOME>/kanban/current (shared with Hermes), else default.",
  },
  {
    name: "HERMES_KANBAN_DB",
    use: "read",
    doc:
      "Hermes's database path: selects the board it is the database of (<home>/kanban.db or <home>/kanban/boards/<name>/kanban.db), and its home when HERMES_HOME is unset; --board and HERMES_KANBAN_BOARD win (a warning when they differ); a path that is no board of the home is ignored with a warning.",
    hermesFor: "--board / HERMES_KANBAN_BOARD",
  },
  {
    name: "HERMES_KANBAN_WORKSPACES_ROOT",
    use: "read",
    doc:
      "Hermes's scratch-workspace root (its dispatcher sets it for workers): accepted when it is the board's workspaces directory; any other place is ignored with a warning (scratch workspaces stay under the board).",
    hermesFor: "the board's workspaces directory",
  },
  ...KEYS.flatMap((k): EnvVarDef[] => [
    ...(k.env
      ? [{ name: k.env, use: "read" as const, doc: k.envDoc ?? `Overrides ${k.name}.` }]
      : []),
    ...(k.hermesEnv
      ? [{
        name: k.hermesEnv,
        use: "read" as const,
        doc: `Hermes's variable for ${k.name}: overrides it${
          k.env ? ` when ${k.env} is unset` : ""
        }.`,
        hermesFor: k.name,
      }]
      : []),
  ]),
  {
    name: "HERMES_KANBAN_BUSY_TIMEOUT_MS",
    use: "read",
    doc:
      "How long a write waits for another process's write before failing with 'board is busy' (default 10000).",
  },
  {
    name: "HERMES_HOST_ID",
    use: "read",
    doc:
      "This host's name in leases and worker records (default: the hostname); set it where containers share a hostname, or to play several hosts on one machine.",
  },
  {
    name: "HERMES_PROFILE",
    use: "worker",
    doc: "The worker's profile; also the author of a person's comments when set.",
  },
  {
    name: "HERMES_PROFILE_NAME",
    use: "read",
    doc: "Author name for a person's comments and tasks (before HERMES_PROFILE, USER).",
  },
  {
    name: "HERMES_TENANT",
    use: "worker",
    doc: "Default tenant of tasks created (set for workers of tenant tasks).",
  },
  {
    name: "HERMES_KANBAN_TASK",
    use: "worker",
    doc: "The task a worker holds; verbs default to it and may act only on it.",
  },
  {
    name: "HERMES_KANBAN_RUN_ID",
    use: "worker",
    doc: "The worker's run: its fencing token; writes from a superseded or ended run are refused.",
  },
  {
    name: "HERMES_KANBAN_ENDPOINT",
    use: "worker",
    doc:
      "The worker endpoint's Unix socket: a worker's verbs reach its task through it, proven by the run's secret file (default: <HERMES_HOME>/kanban/endpoint/worker.sock).",
  },
  {
    name: "HERMES_KANBAN_WORKSPACE",
    use: "worker",
    doc: "Absolute path of the worker's workspace (also its working directory).",
  },
  {
    name: "HERMES_KANBAN_BRANCH",
    use: "worker",
    doc: "The task's git branch (`create --branch`), set only when it has one.",
  },
  {
    name: "HERMES_KANBAN_GOAL_MODE",
    use: "worker",
    doc: "`1` for a task created with `--goal`: the agent runs Hermes's goal loop.",
  },
  {
    name: "HERMES_KANBAN_GOAL_MAX_TURNS",
    use: "worker",
    doc: "The goal loop's turn budget (`--goal-max-turns`), with `--goal` only.",
  },
  { name: "HERMES_NOTIFY_EVENT", use: "hook", doc: "Event kind, for the notifier's command hook." },
  { name: "HERMES_NOTIFY_TASK", use: "hook", doc: "Task id, for the notifier's command hook." },
  {
    name: "HERMES_NOTIFY_DELIVERY",
    use: "hook",
    doc: "Delivery id, for the notifier's command hook (for de-duplication).",
  },
  {
    name: "HERMES_GATEWAY_CONFINED",
    use: "read",
    doc:
      "Set by a gateway started from source on the child it runs with narrowed permissions (the scope, as JSON); a gateway that sees it never relaunches. Not for setting by hand.",
  },
  {
    name: "HERMES_DEBUG_PERMISSIONS",
    use: "read",
    doc:
      "Any value: each command says on stderr which of run and net it kept (the rest are revoked at start).",
  },
  { name: "NO_COLOR", use: "read", doc: "Any value turns colour off." },
];

/** A variable Hermes v0.18 reads that is not listed above, and what happens to it here. */
export interface HermesVar {
  name: string;
  here: string;
}

/**
 * Hermes's other kanban variables (from its source). Those of the same name above mean the same
 * here; these are not read, for the reason given.
 */
export const OTHER_HERMES_ENV: readonly HermesVar[] = [
  {
    name: "HERMES_KANBAN_CRASH_GRACE_SECONDS",
    here:
      "not read: a worker's end is judged by its exit file and process identity, with no grace period to wait out",
  },
  {
    name: "HERMES_KANBAN_CLAIM_LOCK",
    here: "not read: a worker's writes are fenced by HERMES_KANBAN_RUN_ID instead",
  },
  {
    name: "HERMES_KANBAN_BRANCH",
    here: "not set: a worktree task's branch is hermes/<task id>",
  },
  {
    name:
      "HERMES_KANBAN_GOAL_MODE, HERMES_KANBAN_GOAL_MAX_TURNS, HERMES_KANBAN_SPECIFY_MAX_TOKENS, HERMES_KANBAN_STOP_NUDGE",
    here: "not read: Hermes's own agent loop",
  },
];
