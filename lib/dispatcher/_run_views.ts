/**
 * The facts the policy decides on about the running tasks: for each, whether its worker is
 * ours, another live dispatcher's, alive, dead (and how it ended), or unknown from here.
 * /proc is read once per look for all of them; the liveness of other dispatchers is cached
 * briefly on the dispatcher's clock.
 */

import type { ProcRecord, RunningRow } from "../store/engine.ts";
import {
  hostName,
  type Liveness,
  livenessMany,
  readExitFile,
  readStats,
  runFiles,
} from "../workers/mod.ts";
import { type DispatchContext, fileExists } from "./_context.ts";
import type * as policy from "./policy.ts";

/** How long an answer to "is that other dispatcher alive?" is trusted. */
const OWNER_CACHE_MS = 1000;

/** Exit file of a run, next to its log (`<run>.log` → `<run>.exit`, as runFiles names them). */
export function exitPathFor(logPath: string): string {
  return logPath.replace(/\.log$/, "") + ".exit";
}

/** Builds the policy's views of the running tasks. */
export class RunViews {
  readonly #ctx: DispatchContext;
  /** Liveness of other dispatcher processes by pid, with the clock ms it was read. */
  readonly #owners = new Map<number, { alive: boolean; at: number }>();

  constructor(ctx: DispatchContext) {
    this.#ctx = ctx;
  }

  /**
   * Gather the facts the policy needs about the running tasks: /proc is read once
   * for all of them (a helper process under the release permissions). With `live`,
   * processes seen alive are remembered as adopted. Runtimes are measured at clock ms `at`.
   */
  of(
    rows: readonly RunningRow[],
    now: number,
    live: boolean,
    at = this.#ctx.clock(),
  ): policy.RunView[] {
    const { children, stopping, observed, paths } = this.#ctx;
    const owners = this.#ownersAlive(rows.map((r) => r.claimLock));
    // A board shared with other hosts' gateways: renew leases at half time, and judge the
    // other hosts' workers by their leases.
    const shared = this.#ctx.store.board.shared;
    const renewWithin = shared ? Math.floor(this.#ctx.settings.ttl / 2) : 0;
    const here = hostName();
    const views: policy.RunView[] = rows.map((row) => {
      const child = row.runId === null ? undefined : children.get(row.runId);
      const base = {
        taskId: row.taskId,
        runId: row.runId,
        claimExpires: row.claimExpires,
        startedAt: row.runStartedAt,
        maxRuntime: this.#ctx.limitOf(
          row.taskMaxRuntime,
          this.#ctx.profileOf(row.runProfile ?? row.assignee),
        ),
        foreign: false,
        remote: shared && row.proc !== null && row.proc.host !== here,
        renewWithin,
        spawning: false,
        exitCode: null,
        observed: false,
      };
      if (child) {
        // Our own child: its exit arrives as an event, never judged from /proc.
        const busy = !child.recorded || child.exit !== null || stopping.has(child.runId);
        return {
          ...base,
          hasProc: true,
          liveness: "alive",
          observed: true,
          spawning: busy,
          ranMs: at - child.spawnedAt,
        };
      }
      if (row.runId !== null && stopping.has(row.runId)) {
        return { ...base, hasProc: row.proc !== null, liveness: null, spawning: true };
      }
      const owner = this.#ownerPid(row.claimLock);
      const foreign = owner !== null && owners.has(owner);
      if (row.proc === null && !foreign && row.runId !== null) {
        // Its claimer is gone without recording a worker: the run's own files tell whether
        // one was started (the wrapper creates the log) and how it ended (the exit file).
        const { logPath } = runFiles(paths, row.taskId, row.runId);
        const exitCode = exitFileCode(logPath);
        const unrecordedStart = exitCode === null && fileExists(logPath);
        return { ...base, foreign, hasProc: false, liveness: null, exitCode, unrecordedStart };
      }
      return { ...base, foreign, hasProc: row.proc !== null, liveness: null };
    });
    // Only processes nobody else watches need a look (another dispatcher's, once its lease lapsed).
    const look = views.flatMap((v, i) =>
      v.hasProc && v.liveness === null && !v.spawning &&
        (!v.foreign || (v.claimExpires !== null && v.claimExpires < now))
        ? [i]
        : []
    );
    if (look.length) {
      const lv: Liveness[] = livenessMany(look.map((i) => rows[i].proc as ProcRecord));
      look.forEach((i, k) => {
        const row = rows[i];
        const v = views[i];
        v.liveness = lv[k];
        v.observed = row.runId !== null && observed.has(row.runId);
        if (lv[k] === "dead") v.exitCode = exitFileCode(row.logPath);
        if (live && lv[k] === "alive" && row.runId !== null && !v.foreign) {
          observed.add(row.runId);
        }
      });
    }
    return views;
  }

  /** The claim belongs to another dispatcher that is alive (its logs are its business). */
  foreignLock(lock: string | null): boolean {
    const pid = this.#ownerPid(lock);
    return pid !== null && this.#owners.get(pid)?.alive === true;
  }

  /** Pid of the dispatcher that wrote `lock`, when it is another process on this host. */
  #ownerPid(lock: string | null): number | null {
    if (lock === null || lock === this.#ctx.lock) return null;
    const i = lock.lastIndexOf(":");
    const pid = Number(lock.slice(i + 1));
    if (i < 0 || lock.slice(0, i) !== hostName() || !Number.isInteger(pid) || pid === Deno.pid) {
      return null;
    }
    return pid;
  }

  /** Which claim owners (other dispatchers on this host) are alive; cached briefly, read in one batch. */
  #ownersAlive(locks: readonly (string | null)[]): Set<number> {
    const nowMs = this.#ctx.clock();
    const want = new Set<number>();
    for (const l of locks) {
      const pid = this.#ownerPid(l);
      if (pid !== null) want.add(pid);
    }
    const stale = [...want].filter((p) => {
      const c = this.#owners.get(p);
      return !c || nowMs - c.at > OWNER_CACHE_MS;
    });
    if (stale.length) {
      const stats = readStats(stale);
      for (const p of stale) {
        const st = stats.get(p);
        this.#owners.set(p, { alive: !!st && st.state !== "Z" && st.state !== "X", at: nowMs });
      }
    }
    for (const p of this.#owners.keys()) if (!want.has(p)) this.#owners.delete(p);
    return new Set([...want].filter((p) => this.#owners.get(p)?.alive));
  }
}

/** The exit status a worker left next to its log, if any. */
export function exitFileCode(logPath: string | null): number | null {
  if (!logPath) return null;
  try {
    return readExitFile(exitPathFor(logPath));
  } catch {
    return null;
  }
}
