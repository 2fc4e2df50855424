/**
 * `<home>/gateway.pid`: the JSON GatewayRecord a running gateway publishes (read by
 * presence.ts, `status`, `stop`). Written atomically with mode 0600 while the gateway
 * holds its lock, so a record whose lock is free is stale by definition.
 */

import { homePaths } from "../config/paths.ts";
import { selfIdentity } from "../workers/identity.ts";
import type { GatewayRecord } from "./presence.ts";
import { removeIfExists, writePrivateAtomic } from "../config/private_file.ts";

/** The record this process publishes. */
export function ownRecord(
  url: string | null,
  dispatch: { enabled: boolean; reason: string },
  startedAt: number,
): GatewayRecord {
  return { kind: "hermes-gateway", identity: selfIdentity(), started_at: startedAt, url, dispatch };
}

/** Publish (or update) the pid file. */
export function writePidFile(home: string, rec: GatewayRecord): void {
  writePrivateAtomic(homePaths(home).gatewayPid, JSON.stringify(rec, null, 2) + "\n");
}

/** Remove the pid file, but only if it is still ours (a successor may have replaced it). */
export function removeOwnPidFile(home: string): void {
  const path = homePaths(home).gatewayPid;
  try {
    const rec = JSON.parse(Deno.readTextFileSync(path)) as Partial<GatewayRecord>;
    if (rec.identity?.pid !== Deno.pid) return;
  } catch {
    return;
  }
  removeIfExists(path);
}
