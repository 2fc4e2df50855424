/**
 * The dispatcher-presence probe: is a gateway running for this HERMES_HOME with its
 * dispatcher on? Used to warn when a ready task would sit idle. A probe that fails
 * answers "running" with no message, so it never cries wolf.
 */

import type { Env } from "../config/paths.ts";
import { homePaths } from "../config/paths.ts";
import type { ProcIdentity } from "../workers/identity.ts";
import { dispatcherLockHeld, gatewayLockHeld } from "./_lock.ts";

/** What the gateway writes to `gateway.pid` while it runs. */
export interface GatewayRecord {
  kind: "hermes-gateway";
  identity: ProcIdentity;
  started_at: number;
  url: string | null;
  dispatch: { enabled: boolean; reason: string };
}

/** Read the gateway's pid file; null if absent or unreadable. */
export function readGatewayRecord(home: string): GatewayRecord | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(homePaths(home).gatewayPid);
  } catch {
    return null;
  }
  const rec = JSON.parse(text) as GatewayRecord;
  if (rec?.kind !== "hermes-gateway" || typeof rec.identity?.pid !== "number") return null;
  return rec;
}

/**
 * The live gateway's record, or null when none runs. A gateway is alive exactly while
 * it holds `gateway.lock`, so a pid file left by a dead (or pid-reused) process is
 * ignored without reading /proc, which Deno only allows with --allow-all.
 */
export function runningGateway(home: string): GatewayRecord | null {
  if (!gatewayLockHeld(home)) return null;
  return readGatewayRecord(home);
}

/** (running, message) — message explains what to do when nothing will dispatch. */
export function dispatcherPresence(
  home: string,
  _env: Env,
): Promise<{ running: boolean; message: string }> {
  try {
    const held = gatewayLockHeld(home);
    const rec = held ? readGatewayRecord(home) : null;
    // Lock held but no record yet: a gateway is starting; we cannot tell more, so stay quiet.
    if (held && !rec) return Promise.resolve({ running: true, message: "" });
    if (rec && rec.dispatch.enabled) {
      return Promise.resolve({
        running: true,
        message: `gateway pid=${rec.identity.pid}, dispatch enabled`,
      });
    }
    if (rec) {
      return Promise.resolve({
        running: false,
        message:
          `The gateway (pid ${rec.identity.pid}) is running with its dispatcher off (${rec.dispatch.reason}). ` +
          "The task will sit in 'ready' until you set kanban.dispatch_in_gateway: true in config.yaml " +
          "(and unset HERMES_KANBAN_DISPATCH_IN_GATEWAY) and restart it: hermes gateway restart",
      });
    }
    // No gateway of ours, but someone holds Hermes's dispatcher lock: a Hermes gateway dispatches.
    if (dispatcherLockHeld(home)) {
      return Promise.resolve({
        running: true,
        message: "another process (a Hermes gateway) holds the dispatcher lock and dispatches",
      });
    }
    return Promise.resolve({
      running: false,
      message: "No gateway is running — the task will sit in 'ready' until you start one:\n" +
        "  hermes gateway start\n" +
        "The gateway hosts the dispatcher and picks the task up as soon as it is up.",
    });
  } catch {
    return Promise.resolve({ running: true, message: "" });
  }
}
