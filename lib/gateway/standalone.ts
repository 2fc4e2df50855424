/**
 * The dispatcher without a gateway (`hermes kanban daemon --force`, deprecated): one board's
 * loop in this process, a pid file, and the same stuck detector the gateway's health
 * telemetry uses, so a queue that stops moving is reported here too.
 */

import type { Config } from "../config/config.ts";
import {
  Dispatcher,
  type DispatcherOptions,
  type DispatchResult,
  StuckDetector,
} from "../dispatcher/mod.ts";
import type { Logger } from "../log/logger.ts";

/** What the standalone loop needs. */
export interface StandaloneOptions {
  home: string;
  board: string;
  config: Config;
  /** The open board (left open). */
  store: NonNullable<DispatcherOptions["store"]>;
  /** Shutdown: the tick in flight finishes, then the loop returns. */
  signal: AbortSignal;
  /** Environment the workers' environment is built from. */
  baseEnv: Record<string, string>;
  failureLimit?: number;
  /** Spawn at most this many workers per tick. */
  max?: number;
  intervalSeconds: number;
  /** A file to hold this process's pid while the loop runs. */
  pidfile?: string;
  /** Called once the pid file is written, before the first tick. */
  started(): void;
  /** Called after every tick. */
  onTick(result: DispatchResult): void;
  /** The dispatcher's messages, a pid file not written, a stuck queue. */
  log: Logger;
}

/** The warning when ready work has not been started for `ticks` ticks in a row. */
export function stuckWarning(ticks: number): string {
  return `kanban dispatcher stuck: ready queue non-empty for ${ticks} consecutive ticks ` +
    "but 0 workers spawned. Check assignees (unassigned or unknown profiles), " +
    "'hermes kanban profiles', and the concurrency caps.";
}

/**
 * Run the loop until `signal` aborts: write the pid file, call `started`, tick, and at the end
 * close the dispatcher and remove the pid file.
 */
export async function runStandalone(o: StandaloneOptions): Promise<void> {
  if (o.pidfile) {
    try {
      Deno.writeTextFileSync(o.pidfile, `${Deno.pid}\n`, { mode: 0o644 });
    } catch (e) {
      o.log.warning(`warning: could not write pidfile ${o.pidfile}: ${(e as Error).message}`);
    }
  }
  o.started();
  const dispatcher = new Dispatcher({
    home: o.home,
    board: o.board,
    config: o.config,
    store: o.store,
    signal: o.signal,
    baseEnv: o.baseEnv,
    failureLimit: o.failureLimit,
    log: (level, msg) => o.log.log(level, msg),
  });
  const health = new StuckDetector();
  try {
    await dispatcher.run({
      intervalSeconds: o.intervalSeconds,
      max: o.max,
      onTick: (r) => {
        o.onTick(r);
        const waiting = dispatcher.store.inFlight().ready + r.skipped_unassigned.length;
        const due = health.record(waiting, r.spawned.length, Date.now());
        if (due !== null) o.log.warning(stuckWarning(due));
      },
    });
  } finally {
    await dispatcher.close();
    if (o.pidfile) {
      try {
        Deno.removeSync(o.pidfile);
      } catch { /* already gone */ }
    }
  }
}
