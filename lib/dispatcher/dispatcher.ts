/**
 * The dispatcher over one board: a tick turns ready tasks into running workers, and every
 * ended, overdue or lost worker into a recorded outcome. It composes four services around
 * the pure policy (policy.ts), as River and graphile-worker split theirs — the reaper
 * (expired leases, dead and overdue workers), the claimer (claims and spawns), the outcome
 * recorder (batched exits) and the waker — all reading one injected clock; RunViews
 * gathers the facts the policy decides on, for the reaper and the dry run alike. It holds one
 * open board connection, watches its own children, adopts live workers a previous process
 * left behind, and keeps no globals, so the gateway can host it in a Deno Worker.
 */

import { accepts, STATUS_RULES } from "../board/mod.ts";
import { type Config, ensurePrivateDir } from "../config/mod.ts";
import { openBoard, type Store } from "../store/mod.ts";
import { type DispatchStore, openDispatch } from "../store/engine.ts";
import { hostName, workerCreateRules } from "../workers/mod.ts";
import { acquireEndpoint, releaseEndpoint, type WorkerEndpoint } from "../endpoint/server.ts";
import { DispatchContext, type DispatcherLog, message } from "./_context.ts";
import { Claimer } from "./_claimer.ts";
import { boardSeconds, type MsClock, systemMsClock } from "./clock.ts";
import { dryRun } from "./_dry_run.ts";
import { EgressProxies } from "./_egress_proxies.ts";
import { OutcomeRecorder } from "./_outcome_recorder.ts";
import * as policy from "./policy.ts";
import { Reaper } from "./_reaper.ts";
import { RunViews } from "./_run_views.ts";
import { type DispatchResult, emptyResult, mergeResult } from "./result.ts";
import { Waker } from "./_waker.ts";
import { TickLock } from "./dispatch_lock.ts";

export type { DispatcherLog } from "./_context.ts";
export { exitPathFor } from "./_run_views.ts";

/** How often adopted workers (not our children) are checked for liveness while waiting. */
const ADOPTED_POLL_MS = 250;
/** A loop with workers running wakes at least this often (log caps, liveness of the unwatched). */
const RUNNING_WAKE_MS = 5000;
/** Delay before retrying a task whose spawn just failed. */
const SPAWN_RETRY_MS = 1000;
/** Delay before a loop tries again a tick that another dispatcher's tick lock held off. */
const LOCKED_RETRY_MS = 100;
/** How long a tick asked for on its own (the CLI, POST /dispatch) waits for the tick lock. */
export const ONE_SHOT_LOCK_WAIT_MS = 3000;

/** Options for a dispatcher over one board. */
export interface DispatcherOptions {
  home: string;
  board: string;
  config: Config;
  /**
   * An open board to use (left open by close()); otherwise the dispatcher opens its own,
   * on `clock`. A board given here should read the same clock.
   */
  store?: Store;
  /** The one clock (unix ms) every decision reads; the system clock by default. */
  clock?: MsClock;
  /** Quick-check the board's integrity when opening it (long-running hosts). */
  integrityCheck?: boolean;
  /** Shutdown: the tick in flight finishes, no new claims, loops return. */
  signal?: AbortSignal;
  /** Environment the worker environment is built from (the spawner keeps an allow-list). */
  baseEnv?: Record<string, string>;
  /** Overrides kanban.failure_limit (`--failure-limit`). */
  failureLimit?: number;
  /** Lock written on claims; default `<host>:<pid>` as Hermes writes it. */
  lock?: string;
  log?: DispatcherLog;
}

/** Options of one tick. */
export interface TickOptions {
  /** Report what would happen; change nothing, kill nothing. */
  dryRun?: boolean;
  /** Spawn at most this many workers in this tick. */
  max?: number;
  /** Claim only this task. */
  taskId?: string;
  /**
   * Do not wait for the workers this tick stops (kill grace periods): a later tick reports
   * them. Loops tick so, so that one stop never holds up the deadlines of other workers.
   */
  detach?: boolean;
  /**
   * How long to wait for the board's tick lock when another dispatcher holds it (default 0:
   * skip the tick at once, as Hermes does, with `skipped_locked`).
   */
  lockWaitMs?: number;
}

/** Options of a dispatch loop. */
export interface LoopOptions {
  /** Return once nothing is ready or running (the CLI's --until-idle). */
  untilIdle?: boolean;
  /** Seconds between safety sweeps when nothing wakes the loop. */
  intervalSeconds?: number;
  /** How often PRAGMA data_version is polled for changes by other processes. */
  pollMs?: number;
  max?: number;
  taskId?: string;
  /** Called after every tick. */
  onTick?: (result: DispatchResult) => void;
}

/** What a loop did, and how the tasks it dispatched ended. */
export interface LoopSummary {
  result: DispatchResult;
  ticks: number;
  /** Tasks this loop claimed (or was asked to dispatch), by final status. */
  finished: { done: string[]; blocked: string[]; other: string[] };
}

/** A snapshot for the gateway's status and telemetry. */
export interface DispatcherStats {
  ticks: number;
  /** Unix ms of the last tick's start. */
  last_tick_at: number | null;
  last_tick_ms: number | null;
  live_workers: number;
  spawns: number;
  failures: number;
  /** Recent create→spawn latencies in ms (task created_at has second precision). */
  create_to_spawn_ms: number[];
}

/** One dispatcher over one board. */
export class Dispatcher {
  readonly #ctx: DispatchContext;
  readonly #ownsStore: boolean;
  readonly #waker: Waker;
  readonly #outcomes: OutcomeRecorder;
  readonly #views: RunViews;
  readonly #reaper: Reaper;
  readonly #claimer: Claimer;
  readonly #proxies: EgressProxies;
  readonly #endpoint: WorkerEndpoint;
  readonly #tickLock: TickLock;
  #ticking: Promise<DispatchResult> | null = null;
  #closed = false;
  #seenVersion = 0;
  #ticks = 0;
  #lastTickAt: number | null = null;
  #lastTickMs: number | null = null;

  constructor(opts: DispatcherOptions) {
    const clock = opts.clock ?? systemMsClock;
    const log = opts.log ?? (() => {});
    this.#ownsStore = opts.store === undefined;
    const board = opts.store ??
      openBoard(opts.home, opts.board, {
        create: true,
        integrityCheck: opts.integrityCheck,
        clock: () => boardSeconds(clock()),
      });
    this.#ctx = new DispatchContext({
      store: openDispatch(board),
      clock,
      log,
      home: opts.home,
      board: opts.board,
      config: opts.config,
      failureLimit: opts.failureLimit,
      lock: opts.lock ?? `${hostName()}:${Deno.pid}`,
      signal: opts.signal,
      baseEnv: opts.baseEnv,
    });
    this.#waker = new Waker(clock);
    this.#proxies = new EgressProxies(opts.home, log);
    this.#outcomes = new OutcomeRecorder(this.#ctx, () => this.wake());
    this.#views = new RunViews(this.#ctx);
    this.#reaper = new Reaper(this.#ctx, this.#outcomes, this.#waker, this.#proxies, this.#views);
    this.#claimer = new Claimer(this.#ctx, this.#outcomes, this.#waker, this.#proxies);
    this.#seenVersion = this.#ctx.store.dataVersion();
    this.#tickLock = new TickLock(this.#ctx.paths.tickLock);
    ensurePrivateDir(this.#ctx.paths.logs);
    // Workers reach their tasks through the endpoint: served here unless another process does.
    const endpointSettings = {
      ttlSeconds: this.#ctx.settings.ttl,
      rules: workerCreateRules(opts.config, this.#ctx.profiles),
      workspaceRoots: this.#ctx.settings.roots,
    };
    this.#endpoint = acquireEndpoint(opts.home, endpointSettings, (level, m) => log(level, m));
    this.#endpoint.register(opts.board, board, endpointSettings);
    try {
      this.#endpoint.claimIfVacant();
    } catch (e) {
      log("warning", `cannot serve the worker endpoint: ${message(e)}`);
    }
    opts.signal?.addEventListener("abort", () => this.wake(), { once: true });
  }

  /** Another process committed since the last tick (or the board cannot be asked: look). */
  #versionMoved(): boolean {
    try {
      return this.#ctx.store.dataVersion() !== this.#seenVersion;
    } catch {
      return true;
    }
  }

  /** The claim lock this dispatcher writes. */
  get lock(): string {
    return this.#ctx.lock;
  }

  /** The board's dispatcher queries (for tests and the CLI). */
  get store(): DispatchStore {
    return this.#ctx.store;
  }

  /** Wake a waiting loop now (a task became ready, a child exited). */
  wake(): void {
    this.#waker.wake();
  }

  /** A copy of the telemetry counters. */
  stats(): DispatcherStats {
    return {
      ticks: this.#ticks,
      last_tick_at: this.#lastTickAt,
      last_tick_ms: this.#lastTickMs,
      live_workers: this.#ctx.children.size,
      spawns: this.#claimer.spawns,
      failures: this.#outcomes.failures,
      create_to_spawn_ms: [...this.#claimer.latencies],
    };
  }

  /** One dispatch_once; ticks never overlap. */
  async tick(opts: TickOptions = {}): Promise<DispatchResult> {
    if (this.#closed) throw new Error("dispatcher is closed");
    while (this.#ticking) await this.#ticking.catch(() => {});
    if (opts.dryRun) return dryRun(this.#ctx, this.#views, opts);
    const p = this.#tickOnce(opts);
    this.#ticking = p;
    try {
      return await p;
    } finally {
      this.#ticking = null;
    }
  }

  /**
   * Tick until aborted (the daemon), or until nothing is ready or running
   * (`untilIdle`). Between ticks it sleeps until another process commits, a
   * child exits, a deadline falls due, or the interval passes.
   */
  async run(opts: LoopOptions = {}): Promise<LoopSummary> {
    const { store, signal, clock } = this.#ctx;
    const total = emptyResult();
    const seen = new Set<string>(opts.taskId ? [opts.taskId] : []);
    const intervalMs = (opts.intervalSeconds ?? 60) * 1000;
    const pollMs = opts.pollMs ?? 5;
    let ticks = 0;
    while (!signal?.aborted && !this.#closed) {
      let r: DispatchResult;
      try {
        // Read before the tick: a commit by another process during it must wake the next wait.
        this.#seenVersion = store.dataVersion();
        r = await this.tick({ max: opts.max, taskId: opts.taskId, detach: true });
      } catch (e) {
        if (opts.untilIdle) throw e;
        this.#ctx.log("error", `dispatcher tick failed: ${message(e)}`);
        // Unreachable (PostgreSQL): no claims happen, and workers whose leases lapse stop.
        this.#reaper.fenceLapsed(this.#ctx.now());
        await this.#waker.sleep(Math.min(intervalMs, 1000));
        continue;
      }
      ticks++;
      mergeResult(total, r);
      for (const s of r.spawned) seen.add(s.task_id);
      for (const id of [...r.spawn_failed, ...r.auto_blocked]) seen.add(id);
      opts.onTick?.(r);
      if (opts.untilIdle && this.#idle(opts.taskId)) break;
      await this.#waker.waitForChange(
        Math.min(clock() + intervalMs, this.#waker.dueAt),
        pollMs,
        () => this.#versionMoved(),
        () => signal?.aborted === true || this.#closed,
      );
    }
    if (this.#closed) {
      return { result: total, ticks, finished: { done: [], blocked: [], other: [] } };
    }
    // Exits applied after the last tick belong to this loop's account too.
    this.#outcomes.flush();
    this.#outcomes.takeCarry(total);
    const statuses = store.statuses([...seen]);
    const finished = { done: [] as string[], blocked: [] as string[], other: [] as string[] };
    for (const id of seen) {
      const s = statuses.get(id);
      (s === "done" ? finished.done : s === "blocked" ? finished.blocked : finished.other).push(id);
    }
    return { result: total, ticks, finished };
  }

  /**
   * Stop every worker this dispatcher started and put its task back to ready
   * without spending its budget (a container's PID 1 shutting down). Returns how many.
   */
  stopWorkers(reason = "dispatcher shut down"): Promise<number> {
    return this.#reaper.stopAll(reason);
  }

  /** Finish background work and close the board if we opened it. Workers keep running. */
  async close(): Promise<void> {
    if (this.#closed) return;
    while (this.#ticking) await this.#ticking.catch(() => {});
    await this.#ctx.settled();
    this.#outcomes.flush();
    this.#closed = true;
    this.#outcomes.closed = true;
    this.#waker.disarm();
    this.wake();
    this.#proxies.releaseAll();
    this.#endpoint.unregister(this.#ctx.board, this.#ctx.store.board);
    releaseEndpoint(this.#endpoint);
    this.#tickLock.close();
    if (this.#ownsStore) this.#ctx.store.board.close();
  }

  /** `await using` support. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** One tick under the board's tick lock; skipped (`skipped_locked`) while another holds it. */
  async #tickOnce(opts: TickOptions): Promise<DispatchResult> {
    // The common case takes the lock at once, without yielding to the event loop.
    const wait = opts.lockWaitMs ?? 0;
    if (!this.#tickLock.tryTake() && !(wait > 0 && await this.#tickLock.take(wait))) {
      const res = emptyResult();
      res.skipped_locked = true;
      this.#waker.due(this.#ctx.clock() + LOCKED_RETRY_MS);
      return res;
    }
    try {
      return await this.#tickLocked(opts);
    } finally {
      this.#tickLock.release();
    }
  }

  async #tickLocked(opts: TickOptions): Promise<DispatchResult> {
    const { store, clock, signal } = this.#ctx;
    // The tick's own duration is telemetry about our CPU, not a decision: a monotonic timer.
    const t0 = performance.now();
    this.#lastTickAt = clock();
    this.#waker.reset();
    const res = emptyResult();
    this.#outcomes.flush();
    this.#outcomes.takeCarry(res);
    if (this.#ctx.unreleased.size) this.#reaper.releasePending();
    await this.#serveEndpoint();
    const now = this.#ctx.now();
    const detach = opts.detach === true;
    // One cheap look decides which steps have anything to do: an idle tick is one query.
    const probe = store.probe();

    // 1-3. Running tasks: reclaim expired claims, detect dead workers, stop overdue ones.
    const reaped = this.#reaper.reapRunning(probe.running, now, res);
    const { rows, views } = reaped;
    if (reaped.stops.length) await this.#reaper.settle(reaped.stops, res, detach);
    this.#reaper.capLogs(rows);
    // Workers whose run someone else closed (block, archive, reclaim, complete).
    if (probe.unreaped) await this.#reaper.reapClosed(now, res, detach);

    // 4. Scheduled tasks whose time came wait again; todo tasks whose parents are done are
    // promoted (a woken task with done parents is ready at once, so it is claimed this tick).
    if (probe.scheduled) res.schedule_due = store.wakeDue(now);
    if (probe.promotable) res.promoted = store.promoteAll();

    // 5-6. Claim ready tasks in one transaction, then spawn them.
    const more = res.promoted > 0 || res.schedule_due.length > 0 || rows.length > 0;
    if ((probe.ready || more) && !signal?.aborted) {
      const claims = this.#claimer.claim(opts, res, now);
      if (claims.length) {
        try {
          await this.#claimer.spawn(claims, res);
        } catch (e) {
          this.#claimer.release(claims, `dispatcher error while spawning: ${message(e)}`);
          throw e;
        }
      }
    }

    const retryAt = probe.ready || rows.length > 0 ? store.nextRetryAt(now) : null;
    const due = policy.nextDeadline(views, retryAt, now);
    // The next scheduled time wakes the loop when it comes, not a sweep later; a schedule
    // set or moved meanwhile is a commit, which wakes the loop to look again.
    if (probe.scheduled) {
      const at = store.nextScheduledAt(now);
      if (at !== null) this.#waker.due(at * 1000);
    }
    const w = this.#waker;
    if (due.at !== null) w.due(due.at * 1000);
    if (due.inMs !== null) w.due(reaped.seenAt + due.inMs);
    if (reaped.adopted) w.due(clock() + ADOPTED_POLL_MS);
    if (rows.length) w.due(clock() + RUNNING_WAKE_MS);
    // A task whose spawn failed is ready again: retry soon, not at the next sweep (the
    // failure limit bounds how often).
    if (res.spawn_failed.length) w.due(clock() + SPAWN_RETRY_MS);
    this.#ticks++;
    this.#lastTickMs = performance.now() - t0;
    return res;
  }

  /** Serve the worker endpoint when nobody else does (a failure is logged, not fatal). */
  async #serveEndpoint(): Promise<void> {
    try {
      await this.#endpoint.ensure(performance.now());
    } catch (e) {
      this.#ctx.log("warning", `cannot serve the worker endpoint: ${message(e)}`);
    }
  }

  /** Nothing of ours is running or settling, and nothing is ready or running on the board. */
  #idle(taskId?: string): boolean {
    const { children, stopping, store } = this.#ctx;
    if (children.size || this.#outcomes.pending || stopping.size || this.#reaper.unsettled) {
      return false;
    }
    if (taskId) {
      const t = store.task(taskId);
      return !t || (!accepts("claim", t.status) && !STATUS_RULES[t.status].holdsRun);
    }
    if (store.inFlight().running > 0) return false;
    const now = this.#ctx.now();
    return store.candidates({ now, exclude: [], limit: 1, ignoreBackoff: true }).length === 0;
  }
}
