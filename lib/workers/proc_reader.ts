/**
 * Reading Linux /proc. Deno refuses /proc to anything short of --allow-all, which
 * the release never has, so when a direct read is refused the same files are read
 * through a short-lived `/bin/cat` child (about 1.5 ms): batched, and never on the
 * per-spawn path. With --allow-all (or a Deno that relents) reads are direct.
 */

/** The fields of /proc/<pid>/stat we use. */
export interface ProcStat {
  pid: number;
  /** R, S, D, Z, T, X, … */
  state: string;
  ppid: number;
  pgrp: number;
  sid: number;
  /** Start time in clock ticks since boot (field 22). */
  startTicks: number;
}

const STAT_LINE = /^(\d+) \((.*)\) (\S) (-?\d+) (-?\d+) (-?\d+)/;

/**
 * Parse one stat line. The command name may hold spaces or parentheses, so the
 * fields after it are found from the last ") ". (A name with a newline would
 * not parse; a worker's group leader is always our `sh` wrapper.)
 */
export function parseStat(line: string): ProcStat | null {
  const m = STAT_LINE.exec(line);
  if (!m) return null;
  const close = line.lastIndexOf(") ");
  const rest = line.slice(close + 2).split(" ");
  // rest[0] is field 3 (state); field 22 (start time) is rest[19].
  const startTicks = Number(rest[19]);
  return {
    pid: Number(m[1]),
    state: rest[0],
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    sid: Number(rest[3]),
    startTicks: Number.isFinite(startTicks) ? startTicks : 0,
  };
}

function parseMany(text: string): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const line of text.split("\n")) {
    const st = parseStat(line);
    if (st) out.set(st.pid, st);
  }
  return out;
}

let mode: "direct" | "helper" | "none" | undefined;

/** How /proc can be read here: directly, through a helper process, or not at all. */
export function procAccess(): "direct" | "helper" | "none" {
  if (mode === undefined) {
    if (Deno.build.os !== "linux") {
      mode = "none";
    } else {
      try {
        Deno.readTextFileSync("/proc/self/stat");
        mode = "direct";
      } catch (e) {
        mode = e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied
          ? "helper"
          : "none";
      }
    }
  }
  return mode;
}

const dec = new TextDecoder();

function helperCommand(args: string[]): Deno.Command {
  return new Deno.Command("/bin/cat", {
    args,
    clearEnv: true,
    env: { LC_ALL: "C" },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  });
}

function readDirect(pids: readonly number[]): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const pid of pids) {
    try {
      const st = parseStat(Deno.readTextFileSync(`/proc/${pid}/stat`).trimEnd());
      if (st) out.set(pid, st);
    } catch { /* gone */ }
  }
  return out;
}

/** Stats of the given pids that exist (one helper call for all of them). */
export function readStats(pids: readonly number[]): Map<number, ProcStat> {
  const m = procAccess();
  if (m === "direct") return readDirect(pids);
  if (m === "none" || pids.length === 0) return new Map();
  // cat exits 1 when some file is missing; the others are still printed.
  const out = helperCommand(pids.map((p) => `/proc/${p}/stat`)).outputSync();
  return parseMany(dec.decode(out.stdout));
}

/** Like readStats, without blocking the event loop while the helper runs. */
export async function readStatsAsync(pids: readonly number[]): Promise<Map<number, ProcStat>> {
  const m = procAccess();
  if (m === "direct") return readDirect(pids);
  if (m === "none" || pids.length === 0) return new Map();
  const out = await helperCommand(pids.map((p) => `/proc/${p}/stat`)).output();
  return parseMany(dec.decode(out.stdout));
}

/** Stats of every process we can see (for process-group scans). */
export async function readAllStatsAsync(): Promise<ProcStat[]> {
  const m = procAccess();
  if (m === "none") return [];
  if (m === "direct") {
    const pids: number[] = [];
    for (const e of Deno.readDirSync("/proc")) if (/^\d+$/.test(e.name)) pids.push(Number(e.name));
    return [...readDirect(pids).values()];
  }
  const out = await new Deno.Command("/bin/sh", {
    args: ["-c", "cd /proc && exec cat [0-9]*/stat 2>/dev/null"],
    clearEnv: true,
    env: { LC_ALL: "C" },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).output();
  return [...parseMany(dec.decode(out.stdout)).values()];
}

let hostFacts: { bootId: string | null; pidNs: string | null } | undefined;

/** This machine's boot id and our pid namespace (read once per process). */
export function readHostFacts(): { bootId: string | null; pidNs: string | null } {
  if (hostFacts) return hostFacts;
  const m = procAccess();
  if (m === "direct") {
    let boot: string | null = null;
    let ns: string | null = null;
    try {
      boot = Deno.readTextFileSync("/proc/sys/kernel/random/boot_id").trim() || null;
    } catch { /* unknown */ }
    try {
      ns = Deno.readLinkSync("/proc/self/ns/pid");
    } catch { /* unknown */ }
    hostFacts = { bootId: boot, pidNs: ns };
  } else if (m === "helper") {
    // The helper is our child, so /proc/self/ns/pid is in our pid namespace.
    const out = new Deno.Command("/bin/sh", {
      args: ["-c", "cat /proc/sys/kernel/random/boot_id; readlink /proc/self/ns/pid"],
      clearEnv: true,
      env: { LC_ALL: "C", PATH: "/usr/bin:/bin" },
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    const [boot, ns] = dec.decode(out.stdout).split("\n").map((s) => s.trim());
    hostFacts = { bootId: boot || null, pidNs: ns || null };
  } else {
    hostFacts = { bootId: null, pidNs: null };
  }
  return hostFacts;
}

/** What /proc says of one live process (Linux): its stat fields, memory and threads. */
export interface ProcessInfo extends ProcStat {
  /** Resident memory in bytes (VmRSS), or null when not reported (a kernel thread, a zombie). */
  rssBytes: number | null;
  threads: number | null;
}

/** Split `cat stat status …` output into one ProcessInfo per stat line and the lines after it. */
function parseInfos(text: string): Map<number, ProcessInfo> {
  const out = new Map<number, ProcessInfo>();
  let cur: ProcessInfo | null = null;
  for (const line of text.split("\n")) {
    const st = parseStat(line);
    if (st) {
      cur = { ...st, rssBytes: null, threads: null };
      out.set(st.pid, cur);
      continue;
    }
    const m = /^(Pid|VmRSS|Threads):\s+(\d+)/.exec(line);
    // A status file names its process: its lines belong to that pid's stat, if it was read.
    if (m?.[1] === "Pid") cur = out.get(Number(m[2])) ?? null;
    if (!cur) continue;
    if (m?.[1] === "VmRSS") cur.rssBytes = Number(m[2]) * 1024;
    else if (m?.[1] === "Threads") cur.threads = Number(m[2]);
  }
  return out;
}

/**
 * /proc facts of the given pids that exist (one helper call for all of them, as readStats):
 * for a worker's inspection. Empty where /proc cannot be read.
 */
export async function readProcessInfo(pids: readonly number[]): Promise<Map<number, ProcessInfo>> {
  const m = procAccess();
  if (m === "none" || pids.length === 0) return new Map();
  const files = pids.flatMap((p) => [`/proc/${p}/stat`, `/proc/${p}/status`]);
  if (m === "direct") {
    let text = "";
    for (const f of files) {
      try {
        text += Deno.readTextFileSync(f).trimEnd() + "\n";
      } catch { /* gone */ }
    }
    return parseInfos(text);
  }
  const out = await helperCommand(files).output();
  return parseInfos(dec.decode(out.stdout));
}
