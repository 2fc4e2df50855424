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
}

/** All environment variables, in README order. */
export const ENV_VARS: readonly EnvVarDef[] = [
  {
    name: "HERMES_HOME",
    use: "read",
    doc: "Home of boards, config.yaml, logs and the gateway's files (default ~/.hermes).",
  },
  {
    name: "HERMES_KANBAN_BOARD",
    use: "read",
    doc: "Board to use when --board is not given (default: default).",
  },
  ...KEYS.flatMap((k): EnvVarDef[] =>
    k.env ? [{ name: k.env, use: "read", doc: k.envDoc ?? `Overrides ${k.name}.` }] : []
  ),
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
