/**
 * The worker endpoint's wire: where it listens, where a run's secret is handed over, and the one
 * request and reply a connection carries (a line of JSON each way). Small, so a worker's CLI
 * loads next to nothing to find it.
 *
 * Why one socket per HERMES_HOME rather than one per run: Deno grants Unix sockets by exact path
 * (`--allow-net=unix:<path>`), so the gateway's dispatcher Worker can be given this one path and
 * no network at all, where sockets made per run would need the whole network. A request names its
 * run and proves it with the run's secret; see docs/reference/security.md.
 */

import type { ErrorKind } from "../board/errors.ts";
import { boardPaths, runFileBase } from "../config/paths.ts";

/** The verbs the endpoint answers besides `ping`. */
export const ENDPOINT_OPS = [
  "show",
  "context",
  "comment",
  "heartbeat",
  "complete",
  "block",
  "create",
  "link",
] as const;

/** One of ENDPOINT_OPS. */
export type EndpointOp = (typeof ENDPOINT_OPS)[number];

/** The protocol version a request carries. */
export const PROTOCOL_VERSION = 1;

/** Largest request the endpoint reads (a 1 MiB body, JSON-escaped, fits with room to spare). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** One request: a verb of run `run` on board `board`, with the run's secret. */
export interface EndpointRequest {
  v: number;
  op: EndpointOp | "ping";
  board?: string;
  run?: number;
  secret?: string;
  /** How `input` was given (`text`: the command line's strings). */
  wire?: "text" | "json";
  /** The operation's fields (lib/ops/tasks.ts names). */
  input?: Record<string, unknown>;
  /** `show`: how many of the latest events to include. */
  events?: number;
}

/** The reply: the verb's result, or the refusal with the code and kind every front door maps. */
export type EndpointReply =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; kind: ErrorKind; message: string } };

/** The directory of the worker endpoint: bound (read-only) into every confined worker's sandbox. */
export function endpointDir(home: string): string {
  return `${home}/kanban/endpoint`;
}

/** The Unix socket the dispatcher serves the worker verbs on (HERMES_KANBAN_ENDPOINT). */
export function endpointPath(home: string): string {
  return `${endpointDir(home)}/worker.sock`;
}

/**
 * Where a server makes its socket before renaming it into place: Deno removes a listener's path
 * when the listener closes, which after a takeover would be the successor's socket; a renamed
 * socket is left alone.
 */
export function endpointStagingPath(home: string): string {
  return `${endpointPath(home)}.new`;
}

/**
 * The 0600 file a run's secret is handed to its worker in, next to its log:
 * `<logs>/<task id>.<run id>.secret`. A worker finds it from HERMES_HOME, HERMES_KANBAN_BOARD,
 * HERMES_KANBAN_TASK and HERMES_KANBAN_RUN_ID, which the agent presets already pass on.
 */
export function secretPath(home: string, board: string, taskId: string, runId: number): string {
  return `${runFileBase(boardPaths(home, board), taskId, runId)}.secret`;
}

/** A run secret as issued: 32 random bytes in base64url (43 characters). */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The secret in the file at `path`, or null when there is none (or it is not one). */
export function readSecretFile(path: string): string | null {
  try {
    const s = Deno.readTextFileSync(path).trim();
    return SECRET_PATTERN.test(s) ? s : null;
  } catch {
    return null;
  }
}

/** Longest socket path the platforms take (sun_path: 108 bytes on Linux, 104 on macOS). */
export const MAX_SOCKET_PATH_BYTES = 100;
