/**
 * The dispatcher-presence probe: is a gateway running for this HERMES_HOME with its
 * dispatcher on? Used to warn when a ready task would sit idle. A probe that fails
 * answers "running" with no message, so it never cries wolf.
 */

import type { Env } from "../config/paths.ts";
import { homePaths } from "../config/paths.ts";
import { liveness, type ProcIdentity } from "../workers/identity.ts";

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

/** The live gateway's record, or null when none runs (stale pid files are ignored). */
export function runningGateway(home: string): GatewayRecord | null {
  const rec = readGatewayRecord(home);
  if (!rec) return null;
  return liveness(rec.identity) === "dead" ? null : rec;
}

/** (running, message) — message explains what to do when nothing will dispatch. */
export function dispatcherPresence(
  home: string,
  _env: Env,
): Promise<{ running: boolean; message: string }> {
  try {
    const rec = runningGateway(home);
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
