/**
 * The messages the gateway's main thread exchanges with its two Deno Workers: the
 * dispatcher worker (lib/gateway/dispatcher_worker.ts) and the dashboard's server
 * worker (lib/server/worker.ts). Everything crossing a worker boundary is one of
 * these unions, so both sides are checked by the compiler.
 */

import type { Config } from "../config/config.ts";
import type { LogLevel } from "../log/logger.ts";
import type { ProcessInfo } from "../workers/proc_reader.ts";

// Workers send log lines to the main thread, which owns the logger; one vocabulary for both.
export type { LogLevel };

/** What one dispatcher tick did, summed over the boards it covered. */
export interface TickSummary {
  /** Board the tick ran on. */
  board: string;
  /** Epoch milliseconds when the tick finished. */
  at: number;
  durationMs: number;
  spawned: number;
  reclaimed: number;
  crashed: number;
  timedOut: number;
  promoted: number;
  autoBlocked: number;
}

/** Why the ready queue is not being drained, as the health check judged it. */
export interface StuckWarning {
  board: string;
  /** Consecutive ticks with ready work and no spawn. */
  ticks: number;
  /** One line naming the cause (no such profile, command not found, cap reached, permission denied, …). */
  cause: string;
  /** Epoch milliseconds of the warning. */
  at: number;
}

/** The dispatcher's state as the gateway reports it (status, dashboard, state file). */
export interface GatewayStats {
  /** Boards the dispatcher covers. */
  boards: string[];
  /** Ticks run since start. */
  ticks: number;
  /** Workers spawned since start. */
  spawnedTotal: number;
  /** The last tick that did something, or null. */
  lastTick: TickSummary | null;
  /** Epoch milliseconds of the last tick of any kind (idle ones too), or null. */
  lastTickAt: number | null;
  /** Tasks running now, over all boards. */
  running: number;
  /** Ready, assigned, unclaimed tasks waiting for a worker. */
  ready: number;
  /** The most recent stuck warning, while the condition lasts. */
  stuck: StuckWarning | null;
  /** True once `stop --drain` asked the dispatcher to stop claiming. */
  draining: boolean;
  /**
   * Hermes's dispatcher lock (`<home>/kanban/.dispatcher.lock`): held by this gateway, waited
   * for (another process, such as a Hermes gateway, holds it: nothing is dispatched), or
   * unavailable (the file cannot be opened; dispatching goes on without it). Null before start.
   */
  dispatchLock?: "held" | "waiting" | "unavailable" | null;
}

/** Stats before the first tick. */
export function emptyStats(): GatewayStats {
  return {
    boards: [],
    ticks: 0,
    spawnedTotal: 0,
    lastTick: null,
    lastTickAt: null,
    running: 0,
    ready: 0,
    stuck: null,
    draining: false,
    dispatchLock: null,
  };
}

/** A one-shot dispatch asked for by the dashboard (`POST /dispatch`). */
export interface DispatchRequest {
  id: number;
  /** Board to dispatch; the default board when absent. */
  board?: string;
  dryRun: boolean;
  max: number | null;
}

// ---------------------------------------------------------------------------
// main ↔ server worker (lib/server/worker.ts)
// ---------------------------------------------------------------------------

/** main → server worker. */
export type ToServer =
  | {
    type: "init";
    home: string;
    host: string;
    port: number;
    token: string;
    /** The read-only token `/metrics` takes (the dashboard token is refused there). */
    metricsToken: string;
    /** PEM certificate and key: serve HTTPS. */
    tls?: { cert: string; key: string } | null;
    version: string;
    config: Config;
    /** The gateway's environment (the database URL and password may come from it). */
    env?: Record<string, string>;
    /** Whether this gateway dispatches, and why not (for the create warning and the UI). */
    dispatch: { enabled: boolean; reason: string };
  }
  | { type: "stats"; stats: GatewayStats }
  | { type: "dispatch_result"; id: number; result: unknown; error?: string }
  /** What /proc says of the pids asked for (the dashboard runs nothing itself). */
  | { type: "proc_info_result"; id: number; info: ProcessInfo[]; error?: string }
  | { type: "shutdown" };

/** server worker → main. */
export type FromServer =
  | { type: "listening"; url: string }
  | { type: "error"; message: string }
  | ({ type: "dispatch" } & DispatchRequest)
  | { type: "wake" }
  /** Inspect worker processes (GET /runs/:id/inspect). */
  | { type: "proc_info"; id: number; pids: number[] }
  | { type: "log"; level: LogLevel; message: string; props?: Record<string, unknown> }
  | { type: "closed" };

// ---------------------------------------------------------------------------
// main ↔ dispatcher worker (lib/gateway/dispatcher_worker.ts)
// ---------------------------------------------------------------------------

/** main → dispatcher worker. */
export type ToDispatcher =
  | {
    type: "init";
    home: string;
    config: Config;
    /** The gateway's environment: the worker has no env permission and builds workers' env from this. */
    env: Record<string, string>;
    version: string;
    intervalMs: number;
    initialDelayMs: number;
  }
  | { type: "wake" }
  | ({ type: "dispatch" } & DispatchRequest)
  | { type: "drain" }
  | {
    type: "shutdown";
    /** Stop live workers and put their tasks back to ready (PID 1 or --stop-workers). */
    stopWorkers: boolean;
  };

/** dispatcher worker → main. */
export type FromDispatcher =
  | { type: "ready"; boards: string[] }
  | { type: "log"; level: LogLevel; message: string; props?: Record<string, unknown> }
  | { type: "stats"; stats: GatewayStats }
  | { type: "dispatch_result"; id: number; result: unknown; error?: string }
  | { type: "stopped"; requeued: number }
  | { type: "fatal"; message: string };
