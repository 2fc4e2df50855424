/**
 * Stopping a running gateway from another process: optionally drain (SIGUSR1: no new
 * claims, wait for running tasks), then SIGTERM, then SIGKILL after a timeout. A
 * signal is only ever sent while the gateway lock is held and the pid file names the
 * same process, so a reused pid is never signalled.
 */

import { gatewayLockHeld } from "./_lock.ts";
import { type GatewayRecord, readGatewayRecord } from "./presence.ts";
import { readState } from "./_state_file.ts";

/** How `stop` went. */
export interface StopOutcome {
  /** False when no gateway was running. */
  wasRunning: boolean;
  pid: number | null;
  /** The gateway had to be killed with SIGKILL. */
  killed: boolean;
  /** With --drain: tasks still running when the drain timed out. */
  drainTimedOut: boolean;
  stillRunning: number;
}

/** Options for stopping. */
export interface StopOptions {
  drain: boolean;
  /** With drain: how long to wait for running tasks. */
  drainTimeoutMs: number;
  /** How long to wait for an exit after SIGTERM before SIGKILL. */
  termTimeoutMs: number;
  /** Progress messages for a person. */
  progress?: (msg: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The running gateway's record while its lock is held, else null. */
export function liveGateway(home: string): GatewayRecord | null {
  if (!gatewayLockHeld(home)) return null;
  return readGatewayRecord(home);
}

function signalIfSame(home: string, pid: number, sig: Deno.Signal): boolean {
  const rec = liveGateway(home);
  if (!rec || rec.identity.pid !== pid) return false;
  try {
    Deno.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

async function waitExit(home: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() <= deadline) {
    if (!gatewayLockHeld(home)) return true;
    await sleep(25);
  }
  return !gatewayLockHeld(home);
}

/** Stop the gateway of `home`. */
export async function stopGateway(home: string, opts: StopOptions): Promise<StopOutcome> {
  const rec = liveGateway(home);
  if (!rec) {
    return { wasRunning: false, pid: null, killed: false, drainTimedOut: false, stillRunning: 0 };
  }
  const pid = rec.identity.pid;
  let drainTimedOut = false;
  let stillRunning = 0;
  if (opts.drain) {
    if (!signalIfSame(home, pid, "SIGUSR1")) {
      return { wasRunning: false, pid, killed: false, drainTimedOut: false, stillRunning: 0 };
    }
    const deadline = Date.now() + opts.drainTimeoutMs;
    let announced = -1;
    while (true) {
      const st = readState(home);
      if (!gatewayLockHeld(home)) break;
      if (st && st.pid === pid && st.stats.draining) {
        stillRunning = st.stats.running;
        if (stillRunning === 0) break;
        if (stillRunning !== announced) {
          opts.progress?.(`draining: waiting for ${stillRunning} running task(s)`);
          announced = stillRunning;
        }
      }
      if (Date.now() > deadline) {
        drainTimedOut = true;
        break;
      }
      await sleep(100);
    }
  }
  if (!signalIfSame(home, pid, "SIGTERM")) {
    return { wasRunning: true, pid, killed: false, drainTimedOut, stillRunning };
  }
  if (await waitExit(home, opts.termTimeoutMs)) {
    return { wasRunning: true, pid, killed: false, drainTimedOut, stillRunning };
  }
  opts.progress?.(
    `the gateway (pid ${pid}) did not stop within ${opts.termTimeoutMs / 1000} s; sending SIGKILL`,
  );
  signalIfSame(home, pid, "SIGKILL");
  await waitExit(home, 5_000);
  return { wasRunning: true, pid, killed: true, drainTimedOut, stillRunning };
}
