/**
 * Who holds Hermes's dispatcher lock (`<home>/kanban/.dispatcher.lock`), for `gateway status`:
 * this home's gateway (it says so in its state file and in the lock file), a Hermes gateway (found
 * by the record Hermes keeps in its `gateway.lock`, in this home or one of its profiles), or a
 * process we cannot name.
 */

import { homePaths } from "../config/paths.ts";
import { readOwnHolder } from "../dispatcher/dispatch_lock.ts";
import { dispatcherLockHeld } from "./_lock.ts";
import { hostName, identityOf } from "../workers/identity.ts";

/** The dispatcher lock as `gateway status` reports it. */
export interface DispatchLockReport {
  path: string;
  held: boolean;
  /** `gateway`: this home's gateway; `hermes`: a Hermes gateway; `unknown`: someone else. */
  holder: "gateway" | "hermes" | "unknown" | null;
  pid: number | null;
  host: string | null;
  /** The HERMES_HOME of a Hermes gateway holding it. */
  home: string | null;
  /** This home's gateway runs but waits for the lock. */
  waiting: boolean;
}

/** A Hermes gateway's record (`{pid, kind: "hermes-gateway", argv, start_time}`) if it lives. */
function hermesGateway(dir: string): { pid: number; home: string } | null {
  for (const file of ["gateway.lock", "gateway.pid"]) {
    try {
      const rec = JSON.parse(Deno.readTextFileSync(`${dir}/${file}`));
      // Ours write {kind, identity: {pid, …}}; Hermes's write the pid at the top.
      if (rec?.kind !== "hermes-gateway" || typeof rec.pid !== "number" || "identity" in rec) {
        continue;
      }
      if (identityOf(rec.pid) !== null) return { pid: rec.pid, home: dir };
    } catch { /* absent, empty or not JSON */ }
  }
  return null;
}

/** Live Hermes gateways of `home`: its own, then its profiles' (`<home>/profiles/<name>`). */
function hermesGateways(home: string): { pid: number; home: string }[] {
  const dirs = [home];
  try {
    for (const e of Deno.readDirSync(`${home}/profiles`)) {
      if (e.isDirectory) dirs.push(`${home}/profiles/${e.name}`);
    }
  } catch { /* no profiles */ }
  return dirs.sort().flatMap((d) => hermesGateway(d) ?? []);
}

/**
 * Report the dispatcher lock. `ours` is this home's live gateway, with what its state file says
 * about the lock (null when no gateway of ours runs).
 */
export function dispatchLockReport(
  home: string,
  ours: { pid: number; lock: "held" | "waiting" | "unavailable" | null } | null,
): DispatchLockReport {
  const path = homePaths(home).dispatcherLock;
  const base = { path, pid: null, host: null, home: null, waiting: ours?.lock === "waiting" };
  if (ours?.lock === "held") {
    return { ...base, held: true, holder: "gateway", pid: ours.pid, host: hostName() };
  }
  if (!dispatcherLockHeld(home)) return { ...base, held: false, holder: null };
  const own = readOwnHolder(home);
  if (own && ours && own.pid === ours.pid) {
    // Taken a moment ago: the state file has not caught up yet.
    return { ...base, held: true, holder: "gateway", pid: own.pid, host: own.host, waiting: false };
  }
  const hermes = hermesGateways(home);
  if (hermes.length) {
    return {
      ...base,
      held: true,
      holder: "hermes",
      pid: hermes[0].pid,
      host: hostName(),
      home: hermes[0].home,
    };
  }
  return { ...base, held: true, holder: "unknown" };
}
