/**
 * Process identity: host, boot, pid namespace, pid and start time. A lease tied
 * to all of them is never mistaken for a reused pid or another container's pid.
 */

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

function readText(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return null;
  }
}

let cachedHost: string | null = null;
let cachedBoot: string | null | undefined;
let cachedNs: string | null | undefined;

/** This machine's hostname. */
export function hostName(): string {
  if (cachedHost === null) {
    try {
      cachedHost = Deno.hostname();
    } catch {
      cachedHost = "localhost";
    }
  }
  return cachedHost;
}

/** Linux boot id (changes every boot), or null elsewhere. */
export function bootId(): string | null {
  if (cachedBoot === undefined) {
    cachedBoot = readText("/proc/sys/kernel/random/boot_id")?.trim() ?? null;
  }
  return cachedBoot;
}

/** This process's pid namespace (`pid:[4026531836]`), or null where unknown. */
export function pidNamespace(): string | null {
  if (cachedNs === undefined) {
    try {
      cachedNs = Deno.readLinkSync("/proc/self/ns/pid");
    } catch {
      cachedNs = null;
    }
  }
  return cachedNs;
}

/** Parse /proc/<pid>/stat: state letter and start ticks. */
export function procStat(pid: number): { state: string; startTicks: number } | null {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return null;
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  const fields = text.slice(close + 2).split(" ");
  // fields[0] is field 3 (state); start time is field 22 → index 19.
  const startTicks = Number(fields[19]);
  return { state: fields[0], startTicks: Number.isFinite(startTicks) ? startTicks : 0 };
}

/** Identity of process `pid` on this host, or null if it does not exist. */
export function identityOf(pid: number): ProcIdentity | null {
  const st = procStat(pid);
  if (st === null && Deno.build.os === "linux") return null;
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

/** Is the recorded process still the same live process? Zombies count as dead. */
export function liveness(id: ProcIdentity): Liveness {
  if (id.host !== hostName()) return "unknown";
  if (id.bootId !== null && bootId() !== null && id.bootId !== bootId()) return "dead";
  if ((id.pidNs ?? null) !== pidNamespace()) return "unknown";
  if (Deno.build.os !== "linux") return "unknown";
  const st = procStat(id.pid);
  if (!st) return "dead";
  if (st.state === "Z" || st.state === "X") return "dead";
  if (id.startTicks !== null && st.startTicks !== id.startTicks) return "dead";
  return "alive";
}
