/**
 * Deno Worker entry of the gateway's embedded dispatcher. It runs with narrowed
 * permissions (HERMES_HOME and the workspace roots; sh, git, the process tools and
 * the profile commands; no env, no net), so synchronous SQLite never blocks the
 * gateway's event loop and a bug here cannot reach beyond what dispatching needs.
 *
 * One Dispatcher per board under HERMES_HOME. Each one's loop sleeps until a change
 * wakes it: the board's WAL file is watched, so a task created, unblocked or promoted
 * by any process is claimed within milliseconds; the interval remains a safety sweep.
 */

/// <reference lib="deno.worker" />

import { get } from "../config/config.ts";
import { DEFAULT_BOARD } from "../config/paths.ts";
import { Dispatcher } from "../dispatcher/dispatcher.ts";
import { type DispatchResult, isQuiet } from "../dispatcher/result.ts";
import { commandAvailable } from "../workers/command_path.ts";
import { loadProfiles } from "../workers/profiles.ts";
import { boardsOnDisk } from "../store/boards.ts";
import { ChangeWatcher } from "./change_watch.ts";
import { StuckDetector } from "../dispatcher/stuck.ts";
import { diagnoseStuck } from "./health.ts";
import {
  emptyStats,
  type FromDispatcher,
  type GatewayStats,
  type LogLevel,
  type StuckWarning,
  type TickSummary,
  type ToDispatcher,
} from "./messages.ts";
import { installSandboxKill } from "./sandbox_kill.ts";

/** How often the loops poll PRAGMA data_version as a backstop to the file watcher. */
const BACKSTOP_POLL_MS = 1000;
/** Tick interval while draining (workers' exits are still events; this catches the rest). */
const DRAIN_TICK_MS = 250;
/** Re-checks of data_version after a WAL event that showed no new commit yet. */
const TRAILING_MS = [1, 2, 4, 6, 8, 11, 15, 20, 30, 50, 100];
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
  /** Re-checks scheduled after a file event that did not show a new commit yet. */
  trailing: ReturnType<typeof setTimeout>[];
  /** Spawns since the last health sample. */
  spawnedSinceSample: number;
  lastSampleAt: number;
  ready: number;
  running: number;
}

const post = (m: FromDispatcher) => self.postMessage(m);
const log = (level: LogLevel, message: string, props?: Record<string, unknown>) =>
  post({ type: "log", level, message, props });

let init: Init | null = null;
/** Aborted on drain or shutdown: loops return and nothing new is claimed. */
const claimsOff = new AbortController();
let stopping = false;
const boards = new Map<string, BoardRun>();
let watcher: ChangeWatcher | null = null;
let pollMs = BACKSTOP_POLL_MS;
let started = false;
let draining = false;
let stats: GatewayStats = emptyStats();
let statsQueued = false;

function env(): (name: string) => string | undefined {
  const e = init?.env ?? {};
  return (name) => e[name];
}

function publishStats(): void {
  if (statsQueued) return;
  statsQueued = true;
  setTimeout(() => {
    statsQueued = false;
    let running = 0;
    let ready = 0;
    let stuck: StuckWarning | null = stats.stuck;
    for (const b of boards.values()) {
      running += b.running;
      ready += b.ready;
    }
    if (stuck && !boards.get(stuck.board)?.health.stuck) stuck = null;
    stats = { ...stats, boards: [...boards.keys()], running, ready, stuck, draining };
    post({ type: "stats", stats });
  }, 50);
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

/** After each tick: counters, a log line when something happened, health telemetry. */
function afterTick(run: BoardRun, r: DispatchResult): void {
  const d = run.dispatcher;
  const st = d.stats();
  const flight = d.store.inFlight();
  // A long-running host checkpoints the WAL now and then so it cannot grow without bound.
  d.store.board.conn.maybeCheckpoint();
  run.ready = flight.ready;
  run.running = flight.running;
  const summary = summarize(run.board, r, st.last_tick_ms ?? 0);
  stats.ticks++;
  stats.lastTickAt = Date.now();
  stats.spawnedTotal += summary.spawned;
  run.spawnedSinceSample += summary.spawned;
  if (!isQuiet(r)) {
    stats.lastTick = summary;
    log("info", "tick", {
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
  if (init && now - run.lastSampleAt >= init.intervalMs) {
    const waiting = draining ? 0 : flight.ready;
    const due = run.health.record(waiting, run.spawnedSinceSample, now);
    run.spawnedSinceSample = 0;
    run.lastSampleAt = now;
    if (due !== null) {
      const cause = diagnose(run);
      stats.stuck = { board: run.board, ticks: due, cause, at: now };
      log(
        "warning",
        `kanban dispatcher stuck: ready queue non-empty for ${due} consecutive ticks but 0 workers spawned: ${cause}`,
        { board: run.board },
      );
    }
  }
  publishStats();
}

function diagnose(run: BoardRun): string {
  const cfg = init!.config;
  try {
    const tasks = run.dispatcher.store.board.listTasks({ status: ["ready", "running"] });
    const waiting = tasks.filter((t) => t.status === "ready" && t.assignee && !t.claim_lock);
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
      path: env()("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
      live,
      liveByProfile,
      maxWorkers: get<number>(cfg, "kanban.max_workers"),
    });
  } catch (e) {
    return `cannot tell why: ${(e as Error).message}`;
  }
}

function addBoard(board: string): void {
  if (boards.has(board) || !init || claimsOff.signal.aborted) return;
  let dispatcher: Dispatcher;
  try {
    dispatcher = new Dispatcher({
      home: init.home,
      board,
      config: init.config,
      integrityCheck: true,
      signal: claimsOff.signal,
      baseEnv: init.env,
      log: (level, message, fields) =>
        log(level === "warn" ? "warning" : level, message, { board, ...fields }),
    });
  } catch (e) {
    log("error", `cannot dispatch board ${board}: ${(e as Error).message}`, { board });
    return;
  }
  const run: BoardRun = {
    board,
    dispatcher,
    loop: Promise.resolve(),
    seen: dispatcher.store.dataVersion(),
    health: new StuckDetector(),
    trailing: [],
    spawnedSinceSample: 0,
    lastSampleAt: Date.now(),
    ready: 0,
    running: 0,
  };
  boards.set(board, run);
  if (started) startLoop(run);
}

function startLoop(run: BoardRun): void {
  run.loop = run.dispatcher.run({
    intervalSeconds: init!.intervalMs / 1000,
    pollMs,
    max: draining ? 0 : undefined,
    onTick: (r) => afterTick(run, r),
  }).catch((e) =>
    log("error", `dispatcher loop failed: ${(e as Error).message}`, {
      board: run.board,
    })
  );
}

function rescan(): void {
  if (!init) return;
  const before = boards.size;
  const names = new Set([DEFAULT_BOARD, ...boardsOnDisk(init.home)]);
  for (const b of names) addBoard(b);
  watcher?.update([...boards.keys()]);
  if (boards.size !== before) publishStats();
}

/** Wake the board's loop if another connection committed since we last looked. */
function checkVersion(run: BoardRun): boolean {
  // After shutdown the board is closed; a late trailing check must not touch it.
  if (stopping) return false;
  // data_version ignores this connection's own commits, so our own writes never wake us.
  // `seen` moves here, not after a tick: a commit landing during a tick must still wake it.
  const v = run.dispatcher.store.dataVersion();
  if (v === run.seen) return false;
  run.seen = v;
  run.dispatcher.wake();
  return true;
}

function onChange(board: string): void {
  const run = boards.get(board);
  if (!run) {
    rescan();
    return;
  }
  if (checkVersion(run)) return;
  // The event fires when the WAL frames are written, which can be just before the commit
  // is published in the WAL index: look again shortly after, a few times.
  for (const t of run.trailing) clearTimeout(t);
  run.trailing = TRAILING_MS.map((ms) => setTimeout(() => checkVersion(run), ms));
}

async function start(msg: Init): Promise<void> {
  init = msg;
  const killPath = commandAvailable("kill", env()("PATH") ?? "") ?? "/bin/kill";
  if (!installSandboxKill(killPath)) log("warning", "kill(1) not found: workers cannot be stopped");
  watcher = new ChangeWatcher(msg.home, {
    changed: onChange,
    // A new board's directory appears before its database: look again a little later too.
    boardsMaybeChanged: () => {
      rescan();
      for (const ms of [20, 100, 300]) setTimeout(() => !stopping && rescan(), ms);
    },
    failed: (e) => {
      log("warning", `file watcher unavailable (${e.message}); polling for changes instead`);
      pollMs = FALLBACK_POLL_MS;
    },
  });
  rescan();
  post({ type: "ready", boards: [...boards.keys()] });
  if (msg.initialDelayMs > 0) {
    await new Promise<void>((r) => {
      const t = setTimeout(r, msg.initialDelayMs);
      claimsOff.signal.addEventListener("abort", () => {
        clearTimeout(t);
        r();
      }, { once: true });
    });
  }
  if (stopping) return;
  started = true;
  for (const run of boards.values()) startLoop(run);
  // New boards appear without a WAL event on a watched directory; sweep for them.
  const sweep = setInterval(() => {
    if (stopping) clearInterval(sweep);
    else if (!draining) rescan();
  }, msg.intervalMs);
  // Pick up new boards and re-arm the WAL watches if a file was recreated (a few stats a second).
  const rearm = setInterval(() => {
    if (stopping) clearInterval(rearm);
    else if (!draining) rescan();
  }, REARM_MS);
}

async function dispatchOnce(m: Extract<ToDispatcher, { type: "dispatch" }>): Promise<void> {
  const board = m.board ?? DEFAULT_BOARD;
  const run = boards.get(board);
  if (!run) {
    post({ type: "dispatch_result", id: m.id, result: null, error: `no board named '${board}'` });
    return;
  }
  try {
    const result = await run.dispatcher.tick({
      dryRun: m.dryRun,
      max: draining ? 0 : m.max ?? undefined,
    });
    if (!m.dryRun) afterTick(run, result);
    post({ type: "dispatch_result", id: m.id, result });
  } catch (e) {
    post({ type: "dispatch_result", id: m.id, result: null, error: (e as Error).message });
  }
}

/**
 * Drain: no new claims, but running workers are still watched to the end. Aborting
 * the dispatchers' signal ends their loops and turns claiming off; a slower loop of
 * plain ticks keeps reaping exits and recording outcomes until shutdown.
 */
function drain(): void {
  if (draining) return;
  draining = true;
  claimsOff.abort();
  for (const run of boards.values()) {
    run.dispatcher.wake();
    const previous = run.loop;
    run.loop = previous.then(async () => {
      while (!stopping) {
        try {
          afterTick(run, await run.dispatcher.tick());
        } catch (e) {
          log("error", `drain tick failed: ${(e as Error).message}`, { board: run.board });
        }
        await new Promise((r) => setTimeout(r, DRAIN_TICK_MS));
      }
    });
  }
  publishStats();
}

async function shutdown(stopWorkers: boolean): Promise<void> {
  stopping = true;
  claimsOff.abort();
  watcher?.close();
  const runs = [...boards.values()];
  for (const r of runs) {
    for (const t of r.trailing) clearTimeout(t);
    r.dispatcher.wake();
  }
  await Promise.allSettled(runs.map((r) => r.loop));
  let requeued = 0;
  if (stopWorkers) {
    const counts = await Promise.allSettled(
      runs.map((r) => r.dispatcher.stopWorkers("gateway shut down")),
    );
    for (const c of counts) if (c.status === "fulfilled") requeued += c.value;
  }
  await Promise.allSettled(runs.map((r) => r.dispatcher.close()));
  post({ type: "stopped", requeued });
}

self.onmessage = (e: MessageEvent<ToDispatcher>) => {
  const m = e.data;
  switch (m.type) {
    case "init":
      start(m).catch((err) => post({ type: "fatal", message: (err as Error).message }));
      break;
    case "wake":
      for (const r of boards.values()) r.dispatcher.wake();
      break;
    case "dispatch":
      dispatchOnce(m);
      break;
    case "drain":
      drain();
      break;
    case "shutdown":
      shutdown(m.stopWorkers).catch((err) =>
        post({ type: "fatal", message: (err as Error).message })
      );
      break;
  }
};
