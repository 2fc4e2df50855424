/**
 * Deno Worker entry of the gateway's embedded dispatcher. It runs with narrowed
 * permissions (HERMES_HOME and the workspace roots; sh, git, the process tools and
 * the profile commands; no env, no net), so synchronous SQLite never blocks the
 * gateway's event loop and a bug here cannot reach beyond what dispatching needs.
 *
 * One Dispatcher per board under HERMES_HOME. Each one's loop sleeps until a change
 * wakes it: the store's change feed watches the boards' WAL files, so a task created,
 * unblocked or promoted by any process is claimed within milliseconds; the interval
 * remains a safety sweep. All state lives in one DispatcherWorker; the module only
 * connects it to the Worker's message port.
 */

/// <reference lib="deno.worker" />

import { VERB_FROM } from "../board/rulebook.ts";
import { get } from "../config/config.ts";
import { DEFAULT_BOARD } from "../config/paths.ts";
import { Dispatcher, ONE_SHOT_LOCK_WAIT_MS } from "../dispatcher/dispatcher.ts";
import { type HeldDispatcherLock, tryDispatcherLock } from "../dispatcher/dispatch_lock.ts";
import { homePaths } from "../config/paths.ts";
import { type DispatchResult, isQuiet } from "../dispatcher/result.ts";
import { commandAvailable } from "../workers/command_path.ts";
import { setHostId } from "../workers/identity.ts";
import { loadProfiles } from "../workers/profiles.ts";
import { boardsOnDisk } from "../store/boards.ts";
import { ChangeFeed } from "../store/engine.ts";
import { prepareStore } from "../store/mod.ts";
// Loaded with the worker: prepareStore imports it for PostgreSQL boards, and a Worker may not
// read module files at run time.
import "../store/postgres.ts";
import { sleep } from "./abortable_sleep.ts";
import { StuckDetector } from "../dispatcher/stuck.ts";
import { diagnoseStuck } from "./_health.ts";
import {
  emptyStats,
  type FromDispatcher,
  type GatewayStats,
  type LogLevel,
  type StuckWarning,
  type TickSummary,
  type ToDispatcher,
} from "./messages.ts";
import { installSandboxKill } from "./_sandbox_kill.ts";

/** How often the loops poll PRAGMA data_version as a backstop to the file watcher. */
const BACKSTOP_POLL_MS = 1000;
/** Tick interval while draining (workers' exits are still events; this catches the rest). */
const DRAIN_TICK_MS = 250;
/** How often boards are looked for and the WAL watches checked for recreated files. */
const REARM_MS = 1000;
/** Poll interval when the file watcher is unavailable (inotify limits, exotic file systems). */
const FALLBACK_POLL_MS = 20;

type Init = Extract<ToDispatcher, { type: "init" }>;

interface BoardRun {
  board: string;
  dispatcher: Dispatcher;
  loop: Promise<unknown>;
  /** data_version on the dispatcher's own connection at the last wake (own commits excluded). */
  seen: number;
  health: StuckDetector;
  /** Spawns since the last health sample. */
  spawnedSinceSample: number;
  lastSampleAt: number;
  ready: number;
  running: number;
}

/** The gateway's dispatchers, one per board, behind the Worker's message port. */
export class DispatcherWorker {
  readonly #post: (m: FromDispatcher) => void;
  readonly #sandboxKill: boolean;
  #init: Init | null = null;
  /** Aborted on drain or shutdown: loops return and nothing new is claimed. */
  readonly #claimsOff = new AbortController();
  /** Aborted on shutdown: the sweeps stop. */
  readonly #stopped = new AbortController();
  readonly #boards = new Map<string, BoardRun>();
  #feed: ChangeFeed | null = null;
  #pollMs = BACKSTOP_POLL_MS;
  #started = false;
  #draining = false;
  #stats: GatewayStats = emptyStats();
  #statsQueued = false;
  /** Hermes's dispatcher lock while this gateway holds it. */
  #lock: HeldDispatcherLock | null = null;

  /**
   * `post` sends to the gateway. `sandboxKill` routes Deno.kill through kill(1) in this
   * scope, as the sandboxed Worker needs (a test hosting the class in its own scope does not).
   */
  constructor(post: (m: FromDispatcher) => void, opts: { sandboxKill?: boolean } = {}) {
    this.#post = post;
    this.#sandboxKill = opts.sandboxKill ?? true;
  }

  /** Handle one message from the gateway. */
  receive(m: ToDispatcher): void {
    switch (m.type) {
      case "init":
        this.#start(m).catch((err) => this.#post({ type: "fatal", message: err.message }));
        break;
      case "wake":
        for (const r of this.#boards.values()) r.dispatcher.wake();
        break;
      case "dispatch":
        this.#dispatchOnce(m);
        break;
      case "drain":
        this.#drain();
        break;
      case "shutdown":
        this.#shutdown(m.stopWorkers).catch((err) =>
          this.#post({ type: "fatal", message: (err as Error).message })
        );
        break;
    }
  }

  get #stopping(): boolean {
    return this.#stopped.signal.aborted;
  }

  #log(level: LogLevel, message: string, props?: Record<string, unknown>): void {
    this.#post({ type: "log", level, message, props });
  }

  #env(name: string): string | undefined {
    return this.#init?.env[name];
  }

  #publishStats(): void {
    if (this.#statsQueued) return;
    this.#statsQueued = true;
    setTimeout(() => {
      this.#statsQueued = false;
      let running = 0;
      let ready = 0;
      let stuck: StuckWarning | null = this.#stats.stuck;
      for (const b of this.#boards.values()) {
        running += b.running;
        ready += b.ready;
      }
      if (stuck && !this.#boards.get(stuck.board)?.health.stuck) stuck = null;
      this.#stats = {
        ...this.#stats,
        boards: [...this.#boards.keys()],
        running,
        ready,
        stuck,
        draining: this.#draining,
      };
      this.#post({ type: "stats", stats: this.#stats });
    }, 50);
  }

  /** After each tick: counters, a log line when something happened, health telemetry. */
  #afterTick(run: BoardRun, r: DispatchResult): void {
    const d = run.dispatcher;
    const st = d.stats();
    let flight = { ready: run.ready, running: run.running };
    try {
      flight = d.store.inFlight();
    } catch { /* the board cannot be asked now: keep the last counts */ }
    // A long-running host checkpoints the WAL now and then so it cannot grow without bound.
    d.store.board.maybeCheckpoint();
    run.ready = flight.ready;
    run.running = flight.running;
    const summary = summarize(run.board, r, st.last_tick_ms ?? 0);
    const stats = this.#stats;
    stats.ticks++;
    stats.lastTickAt = Date.now();
    stats.spawnedTotal += summary.spawned;
    run.spawnedSinceSample += summary.spawned;
    if (!isQuiet(r)) {
      stats.lastTick = summary;
      this.#log("info", "tick", {
        board: run.board,
        ms: summary.durationMs,
        spawned: summary.spawned,
        reclaimed: summary.reclaimed,
        crashed: summary.crashed,
        timed_out: summary.timedOut,
        promoted: summary.promoted,
        auto_blocked: summary.autoBlocked,
        completed: r.completed.length,
        blocked: r.blocked.length,
        spawn_failed: r.spawn_failed.length,
      });
    }
    // Health counts sweeps (one per dispatch interval), not change-driven ticks, so a busy board
    // does not fill HEALTH_WINDOW in seconds.
    const now = Date.now();
    if (this.#init && now - run.lastSampleAt >= this.#init.intervalMs) {
      const waiting = this.#draining ? 0 : flight.ready;
      const due = run.health.record(waiting, run.spawnedSinceSample, now);
      run.spawnedSinceSample = 0;
      run.lastSampleAt = now;
      if (due !== null) {
        const cause = this.#diagnose(run);
        stats.stuck = { board: run.board, ticks: due, cause, at: now };
        this.#log(
          "warning",
          `kanban dispatcher stuck: ready queue non-empty for ${due} consecutive ticks but 0 workers spawned: ${cause}`,
          { board: run.board },
        );
      }
    }
    this.#publishStats();
  }

  #diagnose(run: BoardRun): string {
    const cfg = this.#init!.config;
    try {
      const tasks = run.dispatcher.store.board.listTasks({
        status: [...VERB_FROM.claim, "running"],
      });
      // Waiting to be claimed: ready, or in review for a reviewer.
      const waiting = tasks.filter((t) => t.status !== "running" && t.assignee && !t.claim_lock);
      const liveByProfile: Record<string, number> = {};
      let live = 0;
      for (const t of tasks) {
        if (t.status !== "running") continue;
        live++;
        if (t.assignee) liveByProfile[t.assignee] = (liveByProfile[t.assignee] ?? 0) + 1;
      }
      return diagnoseStuck({
        waiting,
        profiles: loadProfiles(cfg),
        path: this.#env("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
        live,
        liveByProfile,
        maxWorkers: get(cfg, "kanban.max_workers"),
      });
    } catch (e) {
      return `cannot tell why: ${(e as Error).message}`;
    }
  }

  #addBoard(board: string): void {
    const init = this.#init;
    if (this.#boards.has(board) || !init || this.#claimsOff.signal.aborted) return;
    let dispatcher: Dispatcher;
    try {
      dispatcher = new Dispatcher({
        home: init.home,
        board,
        config: init.config,
        integrityCheck: true,
        signal: this.#claimsOff.signal,
        baseEnv: init.env,
        log: (level, message, fields) => this.#log(level, message, { board, ...fields }),
      });
    } catch (e) {
      this.#log("error", `cannot dispatch board ${board}: ${(e as Error).message}`, { board });
      return;
    }
    const run: BoardRun = {
      board,
      dispatcher,
      loop: Promise.resolve(),
      seen: dispatcher.store.dataVersion(),
      health: new StuckDetector(),
      spawnedSinceSample: 0,
      lastSampleAt: Date.now(),
      ready: 0,
      running: 0,
    };
    this.#boards.set(board, run);
    if (this.#started) this.#startLoop(run);
  }

  #startLoop(run: BoardRun): void {
    run.loop = run.dispatcher.run({
      intervalSeconds: this.#init!.intervalMs / 1000,
      pollMs: this.#pollMs,
      max: this.#draining ? 0 : undefined,
      onTick: (r) => this.#afterTick(run, r),
    }).catch((e) =>
      this.#log("error", `dispatcher loop failed: ${(e as Error).message}`, { board: run.board })
    );
  }

  #rescan(): void {
    const init = this.#init;
    if (!init || this.#stopping) return;
    const before = this.#boards.size;
    const names = new Set([DEFAULT_BOARD, ...boardsOnDisk(init.home)]);
    for (const b of names) this.#addBoard(b);
    this.#feed?.watch([...this.#boards.keys()]);
    if (this.#boards.size !== before) this.#publishStats();
  }

  /** Wake the board's loop if another connection committed since we last looked. */
  #checkVersion(board: string): boolean {
    const run = this.#boards.get(board);
    if (!run) {
      this.#rescan();
      return true;
    }
    // After shutdown the board is closed; a late trailing check must not touch it.
    if (this.#stopping) return true;
    // data_version ignores this connection's own commits, so our own writes never wake us.
    // `seen` moves here, not after a tick: a commit landing during a tick must still wake it.
    let v: number;
    try {
      v = run.dispatcher.store.dataVersion();
    } catch {
      // The board cannot be asked (a database down): let the loop's tick find out and say so.
      run.dispatcher.wake();
      return true;
    }
    if (v === run.seen) return false;
    run.seen = v;
    run.dispatcher.wake();
    return true;
  }

  async #start(msg: Init): Promise<void> {
    this.#init = msg;
    if (this.#sandboxKill) {
      const killPath = commandAvailable("kill", this.#env("PATH") ?? "") ?? "/bin/kill";
      if (!installSandboxKill(killPath)) {
        this.#log("warning", "kill(1) not found: workers cannot be stopped");
      }
    }
    // Where the boards live (SQLite files or PostgreSQL), as the gateway's environment says.
    await prepareStore(msg.home, (k) => msg.env[k]);
    setHostId(msg.env.HERMES_HOST_ID);
    this.#feed = new ChangeFeed(msg.home);
    this.#feed.subscribe({
      changed: (board) => this.#checkVersion(board),
      // A new board's directory appears before its database: look again a little later too.
      boardsChanged: () => {
        this.#rescan();
        for (const ms of [20, 100, 300]) setTimeout(() => this.#rescan(), ms);
      },
      failed: (e) => {
        this.#log(
          "warning",
          `file watcher unavailable (${e.message}); polling for changes instead`,
        );
        this.#pollMs = FALLBACK_POLL_MS;
      },
    });
    this.#rescan();
    this.#post({ type: "ready", boards: [...this.#boards.keys()] });
    if (msg.initialDelayMs > 0) await sleep(msg.initialDelayMs, this.#claimsOff.signal);
    if (this.#stopping) return;
    if (!(await this.#awaitDispatcherLock())) return;
    this.#started = true;
    for (const run of this.#boards.values()) this.#startLoop(run);
    // New boards appear without a WAL event on a watched directory, and a recreated WAL file
    // needs a new watch: look for both a few times a second (a few stats each).
    this.#sweep(Math.min(msg.intervalMs, REARM_MS));
  }

  /**
   * Take Hermes's dispatcher lock before dispatching anything, as a Hermes gateway does; while
   * another process holds it, look again every second (Hermes's gateway gives up until restarted;
   * ours starts dispatching once the other one stops). False when shut down meanwhile.
   */
  async #awaitDispatcherLock(): Promise<boolean> {
    const home = this.#init!.home;
    let misses = 0;
    while (!this.#claimsOff.signal.aborted) {
      const got = tryDispatcherLock(home, "gateway", Math.floor(Date.now() / 1000));
      if (got !== null) {
        if (got === "unavailable") {
          this.#log(
            "warning",
            `cannot open the dispatcher lock ${
              homePaths(home).dispatcherLock
            }; dispatching without it`,
          );
        } else {
          this.#lock = got;
          if (misses > 1) this.#log("info", "the dispatcher lock is free again; dispatching");
        }
        this.#stats.dispatchLock = got === "unavailable" ? "unavailable" : "held";
        this.#publishStats();
        return true;
      }
      // Said from the second miss on: the first may be a status probe's instant shared lock.
      misses++;
      this.#stats.dispatchLock = "waiting";
      this.#publishStats();
      if (misses === 2) {
        this.#log(
          "warning",
          `another process (a Hermes gateway?) holds the dispatcher lock ${
            homePaths(home).dispatcherLock
          }; this gateway does not dispatch until it is free (see 'hermes gateway status')`,
        );
      }
      await sleep(REARM_MS, this.#claimsOff.signal);
    }
    return false;
  }

  async #sweep(everyMs: number): Promise<void> {
    const signal = this.#stopped.signal;
    while (!signal.aborted) {
      await sleep(everyMs, signal);
      if (!signal.aborted && !this.#draining) this.#rescan();
    }
  }

  async #dispatchOnce(m: Extract<ToDispatcher, { type: "dispatch" }>): Promise<void> {
    const board = m.board ?? DEFAULT_BOARD;
    if (this.#stats.dispatchLock === "waiting" || this.#stats.dispatchLock === null) {
      this.#post({
        type: "dispatch_result",
        id: m.id,
        result: null,
        error: this.#stats.dispatchLock === null
          ? "the dispatcher is starting"
          : "another process holds the dispatcher lock; this gateway does not dispatch",
      });
      return;
    }
    const run = this.#boards.get(board);
    if (!run) {
      this.#post({
        type: "dispatch_result",
        id: m.id,
        result: null,
        error: `no board named '${board}'`,
      });
      return;
    }
    try {
      const result = await run.dispatcher.tick({
        lockWaitMs: ONE_SHOT_LOCK_WAIT_MS,
        dryRun: m.dryRun,
        max: this.#draining ? 0 : m.max ?? undefined,
      });
      if (!m.dryRun) this.#afterTick(run, result);
      this.#post({ type: "dispatch_result", id: m.id, result });
    } catch (e) {
      this.#post({ type: "dispatch_result", id: m.id, result: null, error: (e as Error).message });
    }
  }

  /**
   * Drain: no new claims, but running workers are still watched to the end. Aborting
   * the dispatchers' signal ends their loops and turns claiming off; a slower loop of
   * plain ticks keeps reaping exits and recording outcomes until shutdown.
   */
  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    this.#claimsOff.abort();
    // Never dispatched (the lock was someone else's): there is nothing of ours to watch.
    if (!this.#started) {
      this.#publishStats();
      return;
    }
    // Counted now, claims off: the drain's first report must not carry a count from before it.
    for (const run of this.#boards.values()) {
      try {
        const flight = run.dispatcher.store.inFlight();
        run.ready = flight.ready;
        run.running = flight.running;
      } catch (e) {
        this.#log("error", `drain: cannot count running tasks: ${(e as Error).message}`, {
          board: run.board,
        });
      }
    }
    for (const run of this.#boards.values()) {
      run.dispatcher.wake();
      const previous = run.loop;
      run.loop = previous.then(async () => {
        while (!this.#stopping) {
          try {
            this.#afterTick(run, await run.dispatcher.tick());
          } catch (e) {
            this.#log("error", `drain tick failed: ${(e as Error).message}`, { board: run.board });
          }
          await sleep(DRAIN_TICK_MS, this.#stopped.signal);
        }
      });
    }
    this.#publishStats();
  }

  async #shutdown(stopWorkers: boolean): Promise<void> {
    this.#stopped.abort();
    this.#claimsOff.abort();
    this.#feed?.close();
    const runs = [...this.#boards.values()];
    for (const r of runs) r.dispatcher.wake();
    await Promise.allSettled(runs.map((r) => r.loop));
    let requeued = 0;
    if (stopWorkers) {
      const counts = await Promise.allSettled(
        runs.map((r) => r.dispatcher.stopWorkers("gateway shut down")),
      );
      for (const c of counts) if (c.status === "fulfilled") requeued += c.value;
    }
    await Promise.allSettled(runs.map((r) => r.dispatcher.close()));
    this.#lock?.release();
    this.#lock = null;
    this.#post({ type: "stopped", requeued });
  }
}

function summarize(board: string, r: DispatchResult, durationMs: number): TickSummary {
  return {
    board,
    at: Date.now(),
    durationMs: Math.round(durationMs * 10) / 10,
    spawned: r.spawned.length,
    reclaimed: r.reclaimed,
    crashed: r.crashed.length,
    timedOut: r.timed_out.length,
    promoted: r.promoted,
    autoBlocked: r.auto_blocked.length,
  };
}

// Only when loaded as a Worker: a test may import the class.
if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  const worker = new DispatcherWorker((m) => self.postMessage(m));
  self.onmessage = (e: MessageEvent<ToDispatcher>) => worker.receive(e.data);
}
