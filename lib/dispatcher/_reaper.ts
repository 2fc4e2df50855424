/**
 * The reaper (River's rescuer): looks at every running task and applies the policy's
 * decision — reclaim expired claims without a worker, extend the leases of live workers,
 * record the ends of dead ones, stop the overdue — and stops the workers of runs someone
 * else closed. It decides on the facts RunViews gathers (/proc in one batch per tick);
 * time comes from the dispatcher's clock.
 */

import type { ProcRecord, RunningRow, UnreapedRow } from "../store/engine.ts";
import { EXIT_UNKNOWN } from "../store/engine.ts";
import {
  capLog,
  isLocal,
  killTree,
  type Liveness,
  livenessMany,
  runFiles,
} from "../workers/mod.ts";
import { type Child, type DispatchContext, groupExists, message } from "./_context.ts";
import type { EgressProxies } from "./_egress_proxies.ts";
import type { OutcomeRecorder } from "./_outcome_recorder.ts";
import * as policy from "./policy.ts";
import { type DispatchResult, emptyResult, mergeResult, tally } from "./result.ts";
import { exitFileCode, type RunViews } from "./_run_views.ts";
import type { Waker } from "./_waker.ts";

/** How often the logs of running workers are checked against kanban.log_max_bytes. */
const LOG_CAP_EVERY_MS = 1000;

/** What one reaping pass saw: the running rows, the policy's views of them, any adoption. */
export interface Reaped {
  rows: RunningRow[];
  views: policy.RunView[];
  /** Some live worker of an earlier dispatcher was adopted. */
  adopted: boolean;
  /** Clock ms at which the views' runtimes were measured. */
  seenAt: number;
  /** Stops of overdue workers under way, for settle(). */
  stops: Promise<DispatchResult>[];
}

/** Reaps expired leases, dead and overdue workers, and workers of closed runs. */
export class Reaper {
  readonly #ctx: DispatchContext;
  readonly #outcomes: OutcomeRecorder;
  readonly #waker: Waker;
  readonly #proxies: EgressProxies;
  readonly #views: RunViews;
  #logsCappedAt = -Infinity;
  /** Stops started by a detached tick whose outcome is not yet carried. */
  unsettled = 0;

  constructor(
    ctx: DispatchContext,
    outcomes: OutcomeRecorder,
    waker: Waker,
    proxies: EgressProxies,
    views: RunViews,
  ) {
    this.#views = views;
    this.#ctx = ctx;
    this.#outcomes = outcomes;
    this.#waker = waker;
    this.#proxies = proxies;
  }

  /**
   * Decide and act on every running task. Stops of overdue workers are returned under way,
   * for settle(); on an idle board this is synchronous and cheap.
   */
  reapRunning(running: boolean, now: number, res: DispatchResult): Reaped {
    const { store, children, observed } = this.#ctx;
    const rows = running ? store.running() : [];
    const stops: Promise<DispatchResult>[] = [];
    // One instant for the measured runtimes and the deadline armed from them.
    const seenAt = this.#ctx.clock();
    const views = this.#views.of(rows, now, true, seenAt);
    const open = new Set<number>();
    let adopted = false;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const view = views[i];
      if (row.runId !== null) open.add(row.runId);
      const own = row.runId === null ? undefined : children.get(row.runId);
      if (own) own.leaseUntil = row.claimExpires;
      if (view.liveness === "alive" && !children.has(row.runId ?? -1) && !view.foreign) {
        adopted = true;
        this.#proxies.adopt(this.#ctx.profileOf(row.runProfile ?? row.assignee));
      }
      this.#act(row, policy.decideRun(view, now), now, res, stops);
    }
    for (const id of observed) if (!open.has(id)) observed.delete(id);
    return { rows, views, adopted, seenAt, stops };
  }

  /** Stop live workers of runs someone else closed (block, archive, reclaim, complete). */
  async reapClosed(now: number, res: DispatchResult, detach: boolean): Promise<void> {
    await this.settle(this.#sweepClosed(now), res, detach);
  }

  /**
   * The board cannot be reached: stop every worker of ours whose lease has run out unrenewed,
   * since another host may have taken its task over meanwhile (its late writes would be
   * refused anyway: fencing). Their tasks are released once the board answers again
   * (releaseLapsed). Returns how many were stopped.
   */
  fenceLapsed(now: number): number {
    const { children, stopping, unreleased, settings } = this.#ctx;
    let n = 0;
    for (const c of children.values()) {
      if (!c.recorded || c.exit !== null || c.stop !== null || stopping.has(c.runId)) continue;
      if (c.leaseUntil === null || now < c.leaseUntil) continue;
      c.stop = "shutdown";
      stopping.add(c.runId);
      unreleased.set(c.runId, {
        taskId: c.taskId,
        reason: "its lease ran out while the board could not be reached",
      });
      n++;
      this.#ctx.log(
        "warning",
        `the lease of task ${c.taskId} (run ${c.runId}) ran out while the board could not be ` +
          "reached: its worker is stopped, another host may take the task over",
      );
      this.#ctx.track(
        killTree(c.pid, settings.graceMs, c.identity).finally(() => stopping.delete(c.runId)),
      );
    }
    return n;
  }

  /**
   * Give back the claims whose release could not be written before (fenceLapsed, a spawn that
   * could not be recorded); fenced: a task another host has taken over meanwhile stays there.
   */
  releasePending(): void {
    const { unreleased, store } = this.#ctx;
    for (const [runId, { taskId, reason }] of [...unreleased]) {
      store.reclaim(taskId, runId, reason);
      unreleased.delete(runId);
    }
  }

  /**
   * Stop every worker this dispatcher started and put its task back to ready without
   * spending its budget. Returns how many.
   */
  async stopAll(reason: string): Promise<number> {
    const { children, stopping, store, settings } = this.#ctx;
    // A worker being stopped already (past its runtime, or its run closed) is left to that stop.
    const kids = [...children.values()].filter((c) =>
      c.recorded && c.exit === null && !stopping.has(c.runId)
    );
    await Promise.all(kids.map(async (c) => {
      c.stop = "shutdown";
      stopping.add(c.runId);
      try {
        const how = await killTree(c.pid, settings.graceMs, c.identity);
        if (how !== "failed") {
          store.reclaim(c.taskId, c.runId, reason);
          this.#ctx.dropSecret(c.taskId, c.runId);
        }
      } finally {
        stopping.delete(c.runId);
      }
    }));
    return kids.length;
  }

  #act(
    row: RunningRow,
    d: policy.RunDecision,
    now: number,
    res: DispatchResult,
    stops: Promise<DispatchResult>[],
  ): void {
    const { store, observed, settings } = this.#ctx;
    const { taskId } = row;
    const runId = row.runId as number;
    const pid = row.proc?.pid ?? null;
    const profile = this.#ctx.profileOf(row.runProfile ?? row.assignee);
    const count = (applied: boolean) => {
      const where = policy.runTally(d, profile?.completion ?? "report");
      if (applied && where !== null) tally(res, where, taskId);
    };
    switch (d.kind) {
      case "keep":
        return;
      case "leak":
        count(store.reclaim(taskId, null, "task was running without an open run"));
        return;
      case "reclaim":
        count(store.reclaim(
          taskId,
          runId,
          `claim by ${row.claimLock ?? "?"} expired and no worker process was recorded`,
        ));
        return;
      case "extend": {
        const extended = store.extend(taskId, runId, settings.ttl, pid);
        const own = this.#ctx.children.get(runId);
        if (extended && own) own.leaseUntil = now + settings.ttl;
        count(extended);
        return;
      }
      case "defer":
        count(store.defer(taskId, runId, now + policy.RECLAIM_DEFER_SECONDS, d.reason));
        return;
      case "crashed":
        observed.delete(runId);
        this.#ctx.dropSecret(taskId, runId);
        this.#clearGroup(row.proc as ProcRecord);
        if (d.counted) {
          this.#outcomes.failure(
            taskId,
            runId,
            "crashed",
            `worker pid ${pid} died without leaving an exit status`,
            { pid, claimer: row.claimLock },
            EXIT_UNKNOWN,
            res,
          );
        } else {
          count(store.reclaim(
            taskId,
            runId,
            `worker pid ${pid} was already gone when this dispatcher first looked (not counted)`,
            EXIT_UNKNOWN,
          ));
        }
        return;
      case "exited":
        observed.delete(runId);
        this.#ctx.dropSecret(taskId, runId);
        if (row.proc) this.#clearGroup(row.proc);
        this.#outcomes.ended(
          taskId,
          runId,
          profile,
          { code: d.exitCode, signal: null },
          d.exitCode,
          row.logPath ?? runFiles(this.#ctx.paths, taskId, runId).logPath,
          pid,
          res,
        );
        return;
      case "timeout":
        stops.push(this.#stopOverdue(row, d));
        return;
    }
  }

  /**
   * Outcomes of the workers a tick is stopping. A loop does not wait for them: a stop can
   * take the whole kill grace period, and the deadlines of other workers must not wait
   * behind it, so a later tick reports them. A tick asked for on its own waits for them.
   */
  async settle(
    stops: Promise<DispatchResult>[],
    res: DispatchResult,
    detach: boolean,
  ): Promise<void> {
    if (stops.length === 0) return;
    if (!detach) {
      for (const r of await Promise.all(stops)) mergeResult(res, r);
      return;
    }
    for (const p of stops) {
      this.unsettled++;
      this.#ctx.track(
        p.then((r) => this.#outcomes.carry(r)).finally(() => {
          this.unsettled--;
          this.#waker.wake();
        }),
      );
    }
  }

  async #stopOverdue(
    row: RunningRow,
    d: { elapsed: number; limit: number },
  ): Promise<DispatchResult> {
    const { children, stopping, store, settings } = this.#ctx;
    const res = emptyResult();
    const runId = row.runId as number;
    const pid = (row.proc as ProcRecord).pid;
    const child = children.get(runId);
    if (child) child.stop = "timed_out";
    stopping.add(runId);
    try {
      const how = await killTree(pid, settings.graceMs, row.proc as ProcRecord, {
        ownChild: child !== undefined && child.exit === null,
      });
      if (how === "failed") {
        const until = this.#ctx.now() + policy.RECLAIM_DEFER_SECONDS;
        const why = `worker pid ${pid} is past its max runtime but could not be stopped`;
        if (store.defer(row.taskId, runId, until, why)) res.reclaim_deferred.push(row.taskId);
        return res;
      }
      if (!child) this.#ctx.dropSecret(row.taskId, runId);
      // Whole seconds in the text and the payload, as Hermes writes them.
      const elapsed = Math.floor(d.elapsed);
      this.#outcomes.failure(
        row.taskId,
        runId,
        "timed_out",
        `elapsed ${elapsed}s > limit ${d.limit}s`,
        {
          pid,
          elapsed_seconds: elapsed,
          limit_seconds: d.limit,
          sigkill: how === "killed",
        },
        child ? undefined : exitFileCode(row.logPath) ?? EXIT_UNKNOWN,
        res,
      );
      return res;
    } finally {
      stopping.delete(runId);
    }
  }

  /**
   * Stop live workers whose run was closed by someone else (the stops are returned, under
   * way); record the ends of dead ones.
   */
  #sweepClosed(now: number): Promise<DispatchResult>[] {
    const { store, children, stopping, settings } = this.#ctx;
    const rows = store.unreaped();
    const kills: Promise<DispatchResult>[] = [];
    const graceS = Math.ceil(settings.graceMs / 1000);
    const strangers = rows.filter((u) => !children.has(u.runId));
    const lvs = new Map<number, Liveness>();
    if (strangers.length) {
      const lv = livenessMany(strangers.map((u) => u.proc));
      strangers.forEach((u, i) => lvs.set(u.runId, lv[i]));
    }
    for (const u of rows) {
      if (stopping.has(u.runId)) continue;
      const child = children.get(u.runId);
      // A child we have stopped already is left to its exit, which may not have been reaped yet
      // (a zombie leader would be "stopped" again and counted twice).
      if (child && (child.exit !== null || !child.recorded || child.stop !== null)) continue;
      const lv = child ? "alive" : lvs.get(u.runId) ?? "unknown";
      if (lv === "unknown") continue;
      if (lv === "dead") {
        store.tx(() => store.recordExit(u.runId, exitFileCode(u.logPath) ?? EXIT_UNKNOWN));
        this.#ctx.dropSecret(u.taskId, u.runId);
        continue;
      }
      // A worker that reported done gets a moment to exit by itself before its leftovers go.
      if (u.status === "done" && now < u.endedAt + graceS) {
        this.#waker.due((u.endedAt + graceS + 1) * 1000);
        continue;
      }
      kills.push(this.#stopClosed(u, child));
    }
    return kills;
  }

  async #stopClosed(u: UnreapedRow, child: Child | undefined): Promise<DispatchResult> {
    const { stopping, store, settings } = this.#ctx;
    const res = emptyResult();
    if (child) child.stop = "closed";
    stopping.add(u.runId);
    try {
      const how = await killTree(u.proc.pid, settings.graceMs, u.proc, {
        ownChild: child !== undefined && child.exit === null,
      });
      if (how === "failed") {
        // Not stopped: a later sweep tries again.
        if (child) child.stop = null;
        return res;
      }
      if (how !== "gone") res.killed.push(u.taskId);
      if (!child) {
        store.tx(() => store.recordExit(u.runId, exitFileCode(u.logPath) ?? EXIT_UNKNOWN));
        this.#ctx.dropSecret(u.taskId, u.runId);
      }
      return res;
    } finally {
      stopping.delete(u.runId);
    }
  }

  /** A worker's leader is dead: stop whatever it left running in its process group. */
  #clearGroup(proc: ProcRecord): void {
    if (isLocal(proc) && groupExists(proc.pid)) {
      this.#ctx.track(killTree(proc.pid, this.#ctx.settings.graceMs, proc));
    }
  }

  /** Keep running workers' logs under kanban.log_max_bytes (checked at most once a second). */
  capLogs(rows: readonly RunningRow[]): void {
    const nowMs = this.#ctx.clock();
    if (rows.length === 0 || nowMs - this.#logsCappedAt < LOG_CAP_EVERY_MS) return;
    this.#logsCappedAt = nowMs;
    for (const r of rows) {
      if (!r.logPath || this.#views.foreignLock(r.claimLock)) continue;
      try {
        capLog(r.logPath, this.#ctx.settings.logMaxBytes);
      } catch (e) {
        this.#ctx.log("warning", `could not cap log ${r.logPath}: ${message(e)}`);
      }
    }
  }
}
