/**
 * Stopping a worker's whole process tree. Every worker is the leader of its own
 * process group, so signalling the group (-pgid) reaches its children and
 * grandchildren, and even orphans it left behind after its leader exited.
 */

import { isLocal, liveness, type ProcIdentity } from "./identity.ts";
import { procAccess, readAllStatsAsync, readStatsAsync } from "./proc_reader.ts";

/** Result of killTree. */
export type KillResult = "exited" | "killed" | "gone" | "failed";

/** How long to wait for a group to vanish after SIGKILL (uninterruptible sleep can delay it). */
const KILL_WAIT_MS = 5000;
/** How long a freshly spawned wrapper may take to become its group's leader (setsid). */
const LEADER_WAIT_MS = 500;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Live (non-zombie) processes whose process group is `pgid`. Empty where /proc is unknown. */
export async function groupMembers(pgid: number): Promise<number[]> {
  const all = await readAllStatsAsync();
  return all.filter((s) => s.pgrp === pgid && s.state !== "Z" && s.state !== "X").map((s) => s.pid);
}

function signalGroup(pgid: number, sig: Deno.Signal): "ok" | "gone" | "denied" {
  try {
    Deno.kill(-pgid, sig);
    return "ok";
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "gone";
    return "denied";
  }
}

/** True while the group has a member that is not a zombie. */
async function groupAlive(pgid: number): Promise<boolean> {
  // SIGCONT is harmless to a running process, and ESRCH answers without reading /proc.
  if (signalGroup(pgid, "SIGCONT") === "gone") return false;
  // Zombies keep a group signallable (an init that does not reap leaves them for good).
  if (procAccess() === "none") return true;
  return (await groupMembers(pgid)).length > 0;
}

/**
 * Wait until the group has no live member (true) or `ms` pass (false). Time is kept by a
 * timer, not by the looks: a look reads /proc through a helper and can take a while under
 * load, and one under way when time is up is not waited for, so a grace period ends on time.
 */
async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  let over = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), ms));
  const look = async (): Promise<boolean> => {
    let step = 10;
    while (!over) {
      if (!(await groupAlive(pgid))) return true;
      await delay(step);
      step = Math.min(step * 2, 100);
    }
    return false;
  };
  const looking = look();
  // A look that fails after time is up has nobody left to tell.
  looking.catch(() => {});
  try {
    return await Promise.race([looking, timeUp]);
  } finally {
    over = true;
    clearTimeout(timer);
  }
}

async function stopGroup(pgid: number, graceMs: number, termSent = false): Promise<KillResult> {
  if (!termSent) {
    const term = signalGroup(pgid, "SIGTERM");
    if (term === "gone") return "gone";
    if (term === "denied") return "failed";
  }
  // Stopped members only act on TERM once continued.
  signalGroup(pgid, "SIGCONT");
  if (graceMs > 0 && await waitGroupGone(pgid, graceMs)) return "exited";
  const kill = signalGroup(pgid, "SIGKILL");
  if (kill === "denied") return "failed";
  return await waitGroupGone(pgid, KILL_WAIT_MS) ? "killed" : "failed";
}

/**
 * Stop a worker's whole process group: SIGTERM (and SIGCONT, so stopped members
 * see it), SIGKILL after `graceMs`, then wait with a deadline until no live member
 * is left. With `identity`, a pid that now belongs to another process is never
 * signalled. "gone": nothing was running; "exited": gone within the grace;
 * "killed": SIGKILL was needed; "failed": not ours to judge, not signallable, or
 * it outlived SIGKILL. Never throws.
 *
 * With `ownChild`, the caller vouches that `pid` is its own child and not yet reaped, so
 * the pid cannot have been reused: the group is signalled at once, without reading /proc
 * first (which takes a helper process, slow under load, while a deadline is due). A group
 * that does not exist yet (the wrapper before its setsid) takes the careful path.
 */
export async function killTree(
  pid: number,
  graceMs: number,
  identity?: ProcIdentity | null,
  opts: { ownChild?: boolean } = {},
): Promise<KillResult> {
  // kill(-1) and kill(0) would hit every process or our own group.
  if (!Number.isInteger(pid) || pid <= 1 || pid === Deno.pid) return "failed";
  try {
    if (identity) {
      if (identity.pid !== pid) return "failed";
      // Another host or pid namespace: we cannot see it, let alone signal it.
      if (!isLocal(identity)) return liveness(identity) === "dead" ? "gone" : "failed";
    }
    if (opts.ownChild && signalGroup(pid, "SIGTERM") === "ok") {
      return await stopGroup(pid, Math.max(0, graceMs), true);
    }
    if (procAccess() !== "none") {
      let leader = (await readStatsAsync([pid])).get(pid);
      if (leader && leader.state !== "Z" && leader.state !== "X") {
        if (identity?.startTicks != null && leader.startTicks !== identity.startTicks) {
          // The pid was reused, so our group (whose id it was) has no members left.
          return "gone";
        }
        // Just after spawn the wrapper may not have called setsid yet.
        const deadline = Date.now() + LEADER_WAIT_MS;
        while (leader && leader.pgrp !== pid && Date.now() < deadline) {
          await delay(10);
          leader = (await readStatsAsync([pid])).get(pid);
        }
        if (leader && leader.pgrp !== pid) return "failed";
        if (leader) return await stopGroup(pid, Math.max(0, graceMs));
      }
      // Gone or a zombie leader: orphans of its group may still run.
      if (!(await groupAlive(pid))) return "gone";
    }
    return await stopGroup(pid, Math.max(0, graceMs));
  } catch {
    return "failed";
  }
}
