/**
 * Process identity: host, boot, pid namespace, pid and start time. A lease tied
 * to all of them is never mistaken for a reused pid or another container's pid.
 */

import { procAccess, type ProcStat, readHostFacts, readStats } from "./proc_reader.ts";

export type { ProcStat } from "./proc_reader.ts";

/** Who a process is, as precisely as this platform allows. */
export interface ProcIdentity {
  host: string;
  bootId: string | null;
  pidNs: string | null;
  pid: number;
  /** Start time in clock ticks since boot (Linux /proc/<pid>/stat field 22). */
  startTicks: number | null;
}

/** Liveness of a recorded process, judged from here. */
export type Liveness = "alive" | "dead" | "unknown";

let cachedHost: string | null = null;

/**
 * This host's identity in leases and process records: HERMES_HOST_ID when set (containers
 * that share a hostname, tests that play several hosts), else the machine's hostname.
 */
export function hostName(): string {
  if (cachedHost === null) {
    let id: string | undefined;
    try {
      id = Deno.env.get("HERMES_HOST_ID")?.trim();
    } catch { /* a worker without env access is told its id (setHostId) */ }
    if (id) cachedHost = id;
    else {
      try {
        cachedHost = Deno.hostname();
      } catch {
        cachedHost = "localhost";
      }
    }
  }
  return cachedHost;
}

/** Set this thread's host identity from HERMES_HOST_ID as its environment record holds it. */
export function setHostId(id: string | undefined): void {
  if (id?.trim()) cachedHost = id.trim();
}

/** Linux boot id (changes every boot), or null elsewhere. */
export function bootId(): string | null {
  return readHostFacts().bootId;
}

/** This process's pid namespace (`pid:[4026531836]`), or null where unknown. */
export function pidNamespace(): string | null {
  return readHostFacts().pidNs;
}

/**
 * Parse /proc/<pid>/stat: state letter, start ticks, parent, group and session.
 * Under the release permissions this costs a helper process (see proc_reader.ts).
 */
export function procStat(pid: number): ProcStat | null {
  return readStats([pid]).get(pid) ?? null;
}

/** Identity of process `pid` on this host, or null if it does not exist. */
export function identityOf(pid: number): ProcIdentity | null {
  const st = procStat(pid);
  if (st === null && procAccess() !== "none") return null;
  return {
    host: hostName(),
    bootId: bootId(),
    pidNs: pidNamespace(),
    pid,
    startTicks: st?.startTicks ?? null,
  };
}

/** Identity of this process. */
export function selfIdentity(): ProcIdentity {
  return identityOf(Deno.pid) ?? {
    host: hostName(),
    bootId: bootId(),
    pidNs: pidNamespace(),
    pid: Deno.pid,
    startTicks: null,
  };
}

/** True when `id` was recorded in this host, boot and pid namespace, so we can judge it. */
export function isLocal(id: Pick<ProcIdentity, "host" | "bootId" | "pidNs">): boolean {
  return id.host === hostName() && (id.bootId ?? null) === bootId() &&
    (id.pidNs ?? null) === pidNamespace();
}

/** What can be said about `id` without looking at its process, or null to look. */
function judgeFromAfar(id: ProcIdentity): Liveness | null {
  if (id.host !== hostName()) return "unknown";
  if (id.bootId !== null && bootId() !== null && id.bootId !== bootId()) return "dead";
  if ((id.pidNs ?? null) !== pidNamespace()) return "unknown";
  if (procAccess() === "none") return "unknown";
  return null;
}

function judge(id: ProcIdentity, st: ProcStat | undefined): Liveness {
  if (!st) return "dead";
  if (st.state === "Z" || st.state === "X") return "dead";
  if (id.startTicks !== null && st.startTicks !== id.startTicks) return "dead";
  return "alive";
}

/** Is the recorded process still the same live process? Zombies count as dead. */
export function liveness(id: ProcIdentity): Liveness {
  return judgeFromAfar(id) ?? judge(id, readStats([id.pid]).get(id.pid));
}

/** liveness() of many processes at once: one /proc read (helper call) for all of them. */
export function livenessMany(ids: readonly ProcIdentity[]): Liveness[] {
  const far = ids.map(judgeFromAfar);
  const look = ids.filter((_, i) => far[i] === null).map((id) => id.pid);
  const stats = look.length ? readStats(look) : new Map<number, ProcStat>();
  return ids.map((id, i) => far[i] ?? judge(id, stats.get(id.pid)));
}
