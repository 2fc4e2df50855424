/** Messages between the gateway and the notifier's Worker (see worker.ts). */

import type { LogLevel, PollReport } from "./notifier.ts";

/**
 * Host → worker: start once, then stop. With `notify` (the raw `kanban.notify` value the
 * host already read) the worker never reads config.yaml; without it, the worker reads and
 * hot-reloads config.yaml itself, which needs env access to LOG_TOKENS and LOG_STREAM
 * (the YAML parser's debug switches).
 */
export type NotifierCommand =
  | { type: "init"; home: string; env: Record<string, string>; notify?: unknown }
  | { type: "stop" };

/** Worker → host. `stopped` is always the last message; the worker then closes. */
export type NotifierReply =
  | { type: "ready" }
  | { type: "log"; level: LogLevel; message: string }
  | { type: "error"; message: string }
  | { type: "stopped"; totals: PollReport | null };
