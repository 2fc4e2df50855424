/**
 * The dispatcher: a tick turns ready tasks into running workers, and every
 * ended, overdue or lost worker into a recorded outcome. It holds one open board
 * connection, watches its own children, adopts live workers a previous process
 * left behind, and keeps no globals, so the gateway can host it in a Deno Worker.
 */

import type { Task } from "../board/mod.ts";
// Not re-exported by board/mod.ts (it is the `context` verb's renderer).
import { buildWorkerContext } from "../board/worker_context.ts";
import { type BoardPaths, boardPaths, type Config, ensurePrivateDir, get } from "../config/mod.ts";
import { openBoard, type SqliteBoardStore } from "../store/mod.ts";
import {
  type DispatchClaim,
  DispatchStore,
  EXIT_UNKNOWN,
  type ProcRecord,
  type RunningRow,
  type SpawnRecord,
  type UnreapedRow,
} from "../store/engine.ts";
import {
  acquireProxy,
  capLog,
  type EgressProxy,
  hostName,
  isLocal,
  killTree,
  type Liveness,
  livenessMany,
  loadProfiles,
  prepareScratch,
  prepareWorkspace,
  type ProcIdentity,
  type Profile,
  proxySocketPath,
  readExitFile,
  readStats,
  releaseProxy,
  resolveProfile,
  runFiles,
  type SandboxRequest,
  type SandboxSettings,
  sandboxSettings,
  SpawnError,
  spawnWorker,
} from "../workers/mod.ts";
// The {prompt} text is the agents' business (presets.ts); not re-exported by workers/mod.ts.
import { buildWorkerPrompt } from "../workers/presets.ts";
import { outputTail } from "../workers/log_tail.ts";
import * as policy from "./policy.ts";
import { type DispatchResult, emptyResult, isQuiet, mergeResult } from "./result.ts";
import { signalExitCode } from "./signals.ts";

/** How much of a worker's output becomes the task's result (exit_code mode). */
const RESULT_CHARS = 4000;
/** How much of a worker's output goes into a block reason. */
const REASON_CHARS = 480;
/** How often adopted workers (not our children) are checked for liveness while waiting. */
const ADOPTED_POLL_MS = 250;
/** Samples of create→spawn latency kept for stats(). */
const LATENCY_SAMPLES = 256;
/** How often the logs of running workers are checked against kanban.log_max_bytes. */
const LOG_CAP_EVERY_MS = 1000;
/** A loop with workers running wakes at least this often (log caps, liveness of the unwatched). */
const RUNNING_WAKE_MS = 5000;
/** Delay before retrying a task whose spawn just failed. */
const SPAWN_RETRY_MS = 1000;
/** How long an answer to "is that other dispatcher alive?" is trusted. */
const OWNER_CACHE_MS = 1000;

/** Log hook: the gateway routes it to its logger; the CLI to stderr with -v. */
export type DispatcherLog = (
  level: "debug" | "info" | "warn" | "error",
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** Options for a dispatcher over one board. */
export interface DispatcherOptions {
  home: string;
  board: string;
  config: Config;
  /** An open board to use (left open by close()); otherwise the dispatcher opens its own. */
  store?: SqliteBoardStore;
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

interface Child {
  taskId: string;
  runId: number;
  pid: number;
  identity: ProcIdentity;
  profile: Profile;
  logPath: string;
  createdAt: number;
  /** performance.now() at its spawn: its runtime is measured from here, to the millisecond. */
  spawnedAt: number;
  /** Its max runtime in seconds when it was spawned (the tick's views re-read it). */
  maxRuntime: number | null;
  /** Its spawn row is committed; exits are applied only after that. */
  recorded: boolean;
  exit: policy.ExitStatus | null;
  /** Set when we stop it ourselves: its exit then only records the status. */
  stop: null | "timed_out" | "closed" | "shutdown";
}

interface SpawnFailure {
  task: Task;
  runId: number;
  error: string;
  cause: string;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Exit file of a run, next to its log (`<run>.log` → `<run>.exit`, as runFiles names them). */
export function exitPathFor(logPath: string): string {
  return logPath.replace(/\.log$/, "") + ".exit";
}

/** True when some process is still in process group `pgid` (one syscall, no /proc scan). */
function groupExists(pgid: number): boolean {
  try {
    // SIGCONT is harmless to running processes and wakes stopped ones before they are killed.
    Deno.kill(-pgid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

/** One dispatcher over one board. */
export class Dispatcher {
  readonly #store: DispatchStore;
  readonly #ownsStore: boolean;
  readonly #home: string;
  readonly #board: string;
  readonly #paths: BoardPaths;
  readonly #profiles: Map<string, Profile>;
  readonly #signal: AbortSignal | undefined;
  readonly #baseEnv: Record<string, string>;
  readonly #lock: string;
  readonly #log: DispatcherLog;
  readonly #failureLimit: number;
  readonly #maxWorkers: number;
  readonly #ttl: number;
  readonly #defaultMaxRuntime: number;
  readonly #graceMs: number;
  readonly #backoffBase: number;
  readonly #backoffMax: number;
  readonly #roots: string[];
  readonly #defaultRepo: string | null;
  readonly #logMaxBytes: number;
  readonly #sandbox: SandboxSettings;
  /** Egress proxies of the profiles with a network host list, by profile name. */
  readonly #proxies = new Map<string, EgressProxy>();
  #logsCappedAt = 0;

  readonly #children = new Map<number, Child>();
  /** Runs of other processes this dispatcher has seen alive (adopted). */
  readonly #observed = new Set<number>();
  /** Runs whose worker we are stopping right now. */
  readonly #stopping = new Set<number>();
  #pending: Child[] = [];
  #flushQueued = false;
  /** Outcomes applied between ticks (child exits), reported by the next tick. */
  #carry = emptyResult();
  readonly #background = new Set<Promise<unknown>>();
  /** Stops started by a detached tick whose outcome is not yet in #carry. */
  #unsettled = 0;
  #ticking: Promise<DispatchResult> | null = null;
  #closed = false;

  /** Liveness of other dispatcher processes by pid, with the time it was read. */
  readonly #owners = new Map<number, { alive: boolean; at: number }>();

  #woken = false;
  #sleeper: (() => void) | null = null;
  #seenVersion = 0;
  /** Unix ms at which a time-based decision falls due (timeouts, expiries, backoff, grace). */
  #dueAt = Infinity;
  /** Wakes the loop at #dueAt, whichever tick armed it (a loop's or one asked for directly). */
  #dueTimer: ReturnType<typeof setTimeout> | undefined;

  #stats: DispatcherStats = {
    ticks: 0,
    last_tick_at: null,
    last_tick_ms: null,
    live_workers: 0,
    spawns: 0,
    failures: 0,
    create_to_spawn_ms: [],
  };

  constructor(opts: DispatcherOptions) {
    this.#home = opts.home;
    this.#board = opts.board;
    this.#paths = boardPaths(opts.home, opts.board);
    const cfg = opts.config;
    this.#profiles = loadProfiles(cfg);
    this.#failureLimit = opts.failureLimit ?? get<number>(cfg, "kanban.failure_limit");
    this.#maxWorkers = get<number>(cfg, "kanban.max_workers");
    this.#ttl = get<number>(cfg, "kanban.claim_ttl_seconds");
    this.#defaultMaxRuntime = get<number>(cfg, "kanban.default_max_runtime_seconds");
    this.#graceMs = get<number>(cfg, "kanban.kill_grace_seconds") * 1000;
    this.#backoffBase = get<number>(cfg, "kanban.retry_backoff_seconds");
    this.#backoffMax = get<number>(cfg, "kanban.retry_backoff_max_seconds");
    this.#roots = get<string[]>(cfg, "kanban.workspace_roots");
    this.#logMaxBytes = get<number>(cfg, "kanban.log_max_bytes");
    this.#sandbox = sandboxSettings(cfg);
    this.#defaultRepo = cfg.has("kanban.worktree_repo")
      ? (cfg.get("kanban.worktree_repo") as string | null) || null
      : null;
    this.#signal = opts.signal;
    this.#baseEnv = opts.baseEnv ?? {};
    this.#lock = opts.lock ?? `${hostName()}:${Deno.pid}`;
    this.#log = opts.log ?? (() => {});
    this.#ownsStore = opts.store === undefined;
    const board = opts.store ??
      openBoard(opts.home, opts.board, { create: true, integrityCheck: opts.integrityCheck });
    this.#store = new DispatchStore(board);
    this.#seenVersion = this.#store.dataVersion();
    ensurePrivateDir(this.#paths.logs);
    opts.signal?.addEventListener("abort", () => this.wake(), { once: true });
  }

  /** The claim lock this dispatcher writes. */
  get lock(): string {
    return this.#lock;
  }

  /** The board's dispatcher queries (for tests and the CLI). */
  get store(): DispatchStore {
    return this.#store;
  }

  /** Wake a waiting loop now (a task became ready, a child exited). */
  wake(): void {
    this.#woken = true;
    const s = this.#sleeper;
    this.#sleeper = null;
    s?.();
  }

  /** A copy of the telemetry counters. */
  stats(): DispatcherStats {
    return {
      ...this.#stats,
      live_workers: this.#children.size,
      create_to_spawn_ms: [...this.#stats.create_to_spawn_ms],
    };
  }

  /** One dispatch_once; ticks never overlap. */
  async tick(opts: TickOptions = {}): Promise<DispatchResult> {
    if (this.#closed) throw new Error("dispatcher is closed");
    while (this.#ticking) await this.#ticking.catch(() => {});
    if (opts.dryRun) return this.#plan(opts);
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
    const total = emptyResult();
    const seen = new Set<string>(opts.taskId ? [opts.taskId] : []);
    const intervalMs = (opts.intervalSeconds ?? 60) * 1000;
    const pollMs = opts.pollMs ?? 5;
    let ticks = 0;
    while (!this.#signal?.aborted && !this.#closed) {
      let r: DispatchResult;
      // Read before the tick: a commit by another process during it must wake the next wait.
      this.#seenVersion = this.#store.dataVersion();
      try {
        r = await this.tick({ max: opts.max, taskId: opts.taskId, detach: true });
      } catch (e) {
        if (opts.untilIdle) throw e;
        this.#log("error", `dispatcher tick failed: ${message(e)}`);
        await this.#sleep(Math.min(intervalMs, 1000));
        continue;
      }
      ticks++;
      mergeResult(total, r);
      for (const s of r.spawned) seen.add(s.task_id);
      for (const id of [...r.spawn_failed, ...r.auto_blocked]) seen.add(id);
      opts.onTick?.(r);
      if (opts.untilIdle && this.#idle(opts.taskId)) break;
      await this.#waitForChange(Math.min(Date.now() + intervalMs, this.#dueAt), pollMs);
    }
    if (this.#closed) {
      return { result: total, ticks, finished: { done: [], blocked: [], other: [] } };
    }
    // Exits applied after the last tick belong to this loop's account too.
    this.#flushExits();
    mergeResult(total, this.#carry);
    this.#carry = emptyResult();
    const statuses = this.#store.statuses([...seen]);
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
  async stopWorkers(reason = "dispatcher shut down"): Promise<number> {
    // A worker being stopped already (past its runtime, or its run closed) is left to that stop.
    const kids = [...this.#children.values()].filter((c) =>
      c.recorded && c.exit === null && !this.#stopping.has(c.runId)
    );
    await Promise.all(kids.map(async (c) => {
      c.stop = "shutdown";
      this.#stopping.add(c.runId);
      try {
        const how = await killTree(c.pid, this.#graceMs, c.identity);
        if (how !== "failed") this.#store.reclaim(c.taskId, c.runId, reason);
      } finally {
        this.#stopping.delete(c.runId);
      }
    }));
    return kids.length;
  }

  /** Finish background work and close the board if we opened it. Workers keep running. */
  async close(): Promise<void> {
    if (this.#closed) return;
    while (this.#ticking) await this.#ticking.catch(() => {});
    await Promise.allSettled([...this.#background]);
    this.#flushExits();
    this.#closed = true;
    this.#disarm();
    this.wake();
    for (const p of this.#proxies.values()) releaseProxy(p);
    this.#proxies.clear();
    if (this.#ownsStore) this.#store.board.close();
  }

  /** `await using` support. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- the tick ----

  async #tickOnce(opts: TickOptions): Promise<DispatchResult> {
    const t0 = performance.now();
    this.#stats.last_tick_at = Date.now();
    this.#woken = false;
    this.#disarm();
    const res = emptyResult();
    this.#flushExits();
    if (!isQuiet(this.#carry)) {
      mergeResult(res, this.#carry);
      this.#carry = emptyResult();
    }
    const now = this.#store.now();
    // One cheap look decides which steps have anything to do: an idle tick is one query.
    const probe = this.#store.probe();

    // 1-3. Running tasks: reclaim expired claims, detect dead workers, stop overdue ones.
    const rows = probe.running ? this.#store.running() : [];
    const stops: Promise<DispatchResult>[] = [];
    // One instant for the measured runtimes and the deadline armed from them.
    const seenAt = { clock: Date.now(), perf: performance.now() };
    const views = this.#views(rows, now, true, seenAt.perf);
    const open = new Set<number>();
    let adopted = false;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const view = views[i];
      if (row.runId !== null) open.add(row.runId);
      if (view.liveness === "alive" && !this.#children.has(row.runId ?? -1) && !view.foreign) {
        adopted = true;
        this.#adoptProxy(row.runProfile ?? row.assignee);
      }
      this.#act(row, policy.decideRun(view, now), now, res, stops);
    }
    for (const id of this.#observed) if (!open.has(id)) this.#observed.delete(id);
    await this.#settle(stops, res, opts.detach === true);
    this.#capLogs(rows);

    // Workers whose run someone else closed (block, archive, reclaim, complete).
    if (probe.unreaped) {
      await this.#settle(this.#sweepClosed(now), res, opts.detach === true);
    }

    // 4. Promote todo tasks whose parents are done.
    if (probe.promotable) res.promoted = this.#store.promoteAll();

    // 5-6. Claim ready tasks in one transaction, then spawn them.
    if ((probe.ready || res.promoted > 0 || rows.length > 0) && !this.#signal?.aborted) {
      const claims = this.#claim(opts, res, now);
      if (claims.length) {
        try {
          await this.#spawn(claims, res);
        } catch (e) {
          this.#release(claims, `dispatcher error while spawning: ${message(e)}`);
          throw e;
        }
      }
    }

    const retryAt = probe.ready || rows.length > 0 ? this.#store.nextRetryAt(now) : null;
    const due = policy.nextDeadline(views, retryAt, now);
    if (due.at !== null) this.#due(due.at * 1000);
    if (due.inMs !== null) this.#due(seenAt.clock + due.inMs);
    if (adopted) this.#due(Date.now() + ADOPTED_POLL_MS);
    if (rows.length) this.#due(Date.now() + RUNNING_WAKE_MS);
    // A task whose spawn failed is ready again: retry soon, not at the next sweep (the
    // failure limit bounds how often).
    if (res.spawn_failed.length) this.#due(Date.now() + SPAWN_RETRY_MS);
    this.#stats.ticks++;
    this.#stats.last_tick_ms = performance.now() - t0;
    return res;
  }

  /** Keep running workers' logs under kanban.log_max_bytes (checked at most once a second). */
  #capLogs(rows: readonly RunningRow[]): void {
    const nowMs = Date.now();
    if (rows.length === 0 || nowMs - this.#logsCappedAt < LOG_CAP_EVERY_MS) return;
    this.#logsCappedAt = nowMs;
    for (const r of rows) {
      if (!r.logPath || this.#foreignLock(r.claimLock)) continue;
      try {
        capLog(r.logPath, this.#logMaxBytes);
      } catch (e) {
        this.#log("warn", `could not cap log ${r.logPath}: ${message(e)}`);
      }
    }
  }

  /** The claim belongs to another dispatcher that is alive (its logs are its business). */
  #foreignLock(lock: string | null): boolean {
    const pid = this.#ownerPid(lock);
    return pid !== null && this.#owners.get(pid)?.alive === true;
  }

  /** Arm the wake-up for a decision falling due at unix ms `ms`, unless one comes sooner. */
  #due(ms: number): void {
    if (ms >= this.#dueAt) return;
    this.#dueAt = ms;
    clearTimeout(this.#dueTimer);
    this.#dueTimer = setTimeout(() => {
      this.#dueTimer = undefined;
      this.#dueAt = Infinity;
      this.wake();
    }, Math.max(0, ms - Date.now()));
    // It only wakes a loop, which keeps the process alive by itself while it waits.
    Deno.unrefTimer(this.#dueTimer);
  }

  #disarm(): void {
    clearTimeout(this.#dueTimer);
    this.#dueTimer = undefined;
    this.#dueAt = Infinity;
  }

  #profileOf(name: string | null): Profile | undefined {
    return name ? this.#profiles.get(name) : undefined;
  }

  #maxRuntime(row: RunningRow): number | null {
    return this.#limitOf(row.taskMaxRuntime, this.#profileOf(row.runProfile ?? row.assignee));
  }

  /** The effective max runtime: the task's own, else its profile's, else the board default. */
  #limitOf(taskMaxRuntime: number | null, p: Profile | undefined): number | null {
    if (taskMaxRuntime !== null) return taskMaxRuntime;
    if (p?.maxRuntimeSeconds !== null && p?.maxRuntimeSeconds !== undefined) {
      return p.maxRuntimeSeconds;
    }
    return this.#defaultMaxRuntime > 0 ? this.#defaultMaxRuntime : null;
  }

  /** Pid of the dispatcher that wrote `lock`, when it is another process on this host. */
  #ownerPid(lock: string | null): number | null {
    if (lock === null || lock === this.#lock) return null;
    const i = lock.lastIndexOf(":");
    const pid = Number(lock.slice(i + 1));
    if (i < 0 || lock.slice(0, i) !== hostName() || !Number.isInteger(pid) || pid === Deno.pid) {
      return null;
    }
    return pid;
  }

  /** Which claim owners (other dispatchers on this host) are alive; cached briefly, read in one batch. */
  #ownersAlive(locks: readonly (string | null)[]): Set<number> {
    const nowMs = Date.now();
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

  #exitFileCode(logPath: string | null): number | null {
    if (!logPath) return null;
    try {
      return readExitFile(exitPathFor(logPath));
    } catch {
      return null;
    }
  }

  /**
   * Gather the facts the policy needs about the running tasks: /proc is read once
   * for all of them (a helper process under the release permissions). With `live`,
   * processes seen alive are remembered as adopted.
   */
  #views(
    rows: readonly RunningRow[],
    now: number,
    live: boolean,
    perfNow: number,
  ): policy.RunView[] {
    const owners = this.#ownersAlive(rows.map((r) => r.claimLock));
    const views: policy.RunView[] = rows.map((row) => {
      const child = row.runId === null ? undefined : this.#children.get(row.runId);
      const base = {
        taskId: row.taskId,
        runId: row.runId,
        claimExpires: row.claimExpires,
        startedAt: row.runStartedAt,
        maxRuntime: this.#maxRuntime(row),
        foreign: false,
        spawning: false,
        exitCode: null,
        observed: false,
      };
      if (child) {
        // Our own child: its exit arrives as an event, never judged from /proc.
        const busy = !child.recorded || child.exit !== null || this.#stopping.has(child.runId);
        return {
          ...base,
          hasProc: true,
          liveness: "alive",
          observed: true,
          spawning: busy,
          ranMs: perfNow - child.spawnedAt,
        };
      }
      if (row.runId !== null && this.#stopping.has(row.runId)) {
        return { ...base, hasProc: row.proc !== null, liveness: null, spawning: true };
      }
      const owner = this.#ownerPid(row.claimLock);
      const foreign = owner !== null && owners.has(owner);
      if (row.proc === null && !foreign && row.runId !== null) {
        // Its claimer is gone without recording a worker: the run's own files tell whether
        // one was started (the wrapper creates the log) and how it ended (the exit file).
        const { logPath } = runFiles(this.#paths, row.taskId, row.runId);
        const exitCode = this.#exitFileCode(logPath);
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
        v.observed = row.runId !== null && this.#observed.has(row.runId);
        if (lv[k] === "dead") v.exitCode = this.#exitFileCode(row.logPath);
        if (live && lv[k] === "alive" && row.runId !== null && !v.foreign) {
          this.#observed.add(row.runId);
        }
      });
    }
    return views;
  }

  #act(
    row: RunningRow,
    d: policy.RunDecision,
    now: number,
    res: DispatchResult,
    stops: Promise<DispatchResult>[],
  ): void {
    const { taskId } = row;
    const runId = row.runId as number;
    const pid = row.proc?.pid ?? null;
    switch (d.kind) {
      case "keep":
        return;
      case "leak":
        if (this.#store.reclaim(taskId, null, "task was running without an open run")) {
          res.reclaimed++;
        }
        return;
      case "reclaim":
        if (
          this.#store.reclaim(
            taskId,
            runId,
            `claim by ${row.claimLock ?? "?"} expired and no worker process was recorded`,
          )
        ) res.reclaimed++;
        return;
      case "extend":
        if (this.#store.extend(taskId, runId, this.#ttl, pid)) res.claim_extended.push(taskId);
        return;
      case "defer":
        if (this.#store.defer(taskId, runId, now + policy.RECLAIM_DEFER_SECONDS, d.reason)) {
          res.reclaim_deferred.push(taskId);
        }
        return;
      case "crashed":
        this.#observed.delete(runId);
        this.#clearGroup(row.proc as ProcRecord);
        if (d.counted) {
          this.#failure(
            taskId,
            runId,
            "crashed",
            `worker pid ${pid} died without leaving an exit status`,
            { pid, claimer: row.claimLock },
            EXIT_UNKNOWN,
            res,
          );
        } else if (
          this.#store.reclaim(
            taskId,
            runId,
            `worker pid ${pid} was already gone when this dispatcher first looked (not counted)`,
            EXIT_UNKNOWN,
          )
        ) res.reclaimed++;
        return;
      case "exited":
        this.#observed.delete(runId);
        if (row.proc) this.#clearGroup(row.proc);
        this.#applyEnded(
          taskId,
          runId,
          this.#profileOf(row.runProfile ?? row.assignee),
          { code: d.exitCode, signal: null },
          d.exitCode,
          row.logPath ?? runFiles(this.#paths, taskId, runId).logPath,
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
  async #settle(
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
      this.#unsettled++;
      this.#track(
        p.then((r) => mergeResult(this.#carry, r)).finally(() => {
          this.#unsettled--;
          this.wake();
        }),
      );
    }
  }

  async #stopOverdue(
    row: RunningRow,
    d: { elapsed: number; limit: number },
  ): Promise<DispatchResult> {
    const res = emptyResult();
    const runId = row.runId as number;
    const pid = (row.proc as ProcRecord).pid;
    const child = this.#children.get(runId);
    if (child) child.stop = "timed_out";
    this.#stopping.add(runId);
    try {
      const how = await killTree(pid, this.#graceMs, row.proc as ProcRecord, {
        ownChild: child !== undefined && child.exit === null,
      });
      if (how === "failed") {
        const until = this.#store.now() + policy.RECLAIM_DEFER_SECONDS;
        const why = `worker pid ${pid} is past its max runtime but could not be stopped`;
        if (this.#store.defer(row.taskId, runId, until, why)) res.reclaim_deferred.push(row.taskId);
        return res;
      }
      // Whole seconds in the text and the payload, as Hermes writes them.
      const elapsed = Math.floor(d.elapsed);
      this.#failure(
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
        child ? undefined : this.#exitFileCode(row.logPath) ?? EXIT_UNKNOWN,
        res,
      );
      return res;
    } finally {
      this.#stopping.delete(runId);
    }
  }

  /**
   * Stop live workers whose run was closed by someone else (the stops are returned, under
   * way); record the ends of dead ones.
   */
  #sweepClosed(now: number): Promise<DispatchResult>[] {
    const rows = this.#store.unreaped();
    const kills: Promise<DispatchResult>[] = [];
    const graceS = Math.ceil(this.#graceMs / 1000);
    const strangers = rows.filter((u) => !this.#children.has(u.runId));
    const lvs = new Map<number, Liveness>();
    if (strangers.length) {
      const lv = livenessMany(strangers.map((u) => u.proc));
      strangers.forEach((u, i) => lvs.set(u.runId, lv[i]));
    }
    for (const u of rows) {
      if (this.#stopping.has(u.runId)) continue;
      const child = this.#children.get(u.runId);
      if (child && (child.exit !== null || !child.recorded)) continue;
      const lv = child ? "alive" : lvs.get(u.runId) ?? "unknown";
      if (lv === "unknown") continue;
      if (lv === "dead") {
        this.#store.tx(() =>
          this.#store.recordExit(u.runId, this.#exitFileCode(u.logPath) ?? EXIT_UNKNOWN)
        );
        continue;
      }
      // A worker that reported done gets a moment to exit by itself before its leftovers go.
      if (u.status === "done" && now < u.endedAt + graceS) {
        this.#due((u.endedAt + graceS + 1) * 1000);
        continue;
      }
      kills.push(this.#stopClosed(u, child));
    }
    return kills;
  }

  async #stopClosed(u: UnreapedRow, child: Child | undefined): Promise<DispatchResult> {
    const res = emptyResult();
    if (child) child.stop = "closed";
    this.#stopping.add(u.runId);
    try {
      const how = await killTree(u.proc.pid, this.#graceMs, u.proc, {
        ownChild: child !== undefined && child.exit === null,
      });
      if (how === "failed") return res;
      if (how !== "gone") res.killed.push(u.taskId);
      if (!child) {
        this.#store.tx(() =>
          this.#store.recordExit(u.runId, this.#exitFileCode(u.logPath) ?? EXIT_UNKNOWN)
        );
      }
      return res;
    } finally {
      this.#stopping.delete(u.runId);
    }
  }

  // ---- claims and spawns ----

  #caps(opts: TickOptions): policy.Caps {
    return {
      maxWorkers: this.#maxWorkers,
      profileCap: (name) => this.#profiles.get(name)?.maxConcurrent ?? null,
      tickBudget: opts.max ?? Infinity,
    };
  }

  /** Claim up to the budget in ONE transaction (conditional UPDATEs: a task is claimed once). */
  #claim(opts: TickOptions, res: DispatchResult, now: number): DispatchClaim[] {
    const taskId = opts.taskId ?? null;
    if (taskId === null) res.skipped_unassigned = this.#store.unassignedReady();
    // A cheap look first, so an idle board never takes the write lock.
    if (this.#store.candidates({ now, exclude: [], limit: 1, taskId }).length === 0) return [];
    const caps = this.#caps(opts);
    return this.#store.tx(() => {
      const budget = policy.claimBudget(caps, this.#store.liveCounts(), this.#profiles.keys());
      const out: DispatchClaim[] = [];
      for (let round = 0; round < 16 && budget.slots > 0; round++) {
        const cands = this.#store.candidates({
          now,
          exclude: budget.full,
          limit: budget.slots,
          taskId,
        });
        if (cands.length === 0) break;
        const { chosen, passedOver } = policy.pickClaims(cands, budget);
        for (const c of chosen) {
          const claim = this.#store.claim(c.id, this.#lock, this.#ttl);
          if (claim) out.push(claim);
        }
        if (!passedOver) break;
      }
      return out;
    });
  }

  /** The sandbox a profile's workers run in, or null when they run unconfined. */
  #sandboxFor(profile: Profile): SandboxRequest | null {
    if (profile.sandbox === "off") return null;
    return {
      network: profile.network,
      deny: this.#sandbox.deny,
      writable: [...this.#sandbox.writable, ...profile.writable],
      bwrap: this.#sandbox.bwrap,
      proxy: Array.isArray(profile.network) ? this.#proxyFor(profile) : null,
    };
  }

  /** The socket of the egress proxy of a profile with a host list, started on first use. */
  #proxyFor(profile: Profile): string {
    const running = this.#proxies.get(profile.name);
    if (running) return running.path;
    const path = proxySocketPath(this.#home, profile.name);
    const dir = path.slice(0, path.lastIndexOf("/"));
    // sun_path holds 108 bytes on Linux, 104 on macOS.
    if (new TextEncoder().encode(path).length > 100) {
      throw new SpawnError(
        "sandbox_unavailable",
        `sandbox unavailable: the egress proxy's socket path ${path} is too long: use a ` +
          `shorter HERMES_HOME or profile name, or set network: none or full for profile ${profile.name}`,
      );
    }
    const hosts = profile.network as readonly string[];
    let proxy: EgressProxy;
    try {
      ensurePrivateDir(dir);
      proxy = acquireProxy(path, hosts, (m) => this.#log("warn", `${profile.name}: ${m}`));
    } catch (e) {
      throw new SpawnError(
        "sandbox_unavailable",
        `sandbox unavailable: cannot start the egress proxy at ${path} (${message(e)}): fix ` +
          `it, or set network: none or full for profile ${profile.name}`,
      );
    }
    this.#proxies.set(profile.name, proxy);
    this.#log("debug", `egress proxy for ${profile.name} at ${path}: ${hosts.join(", ")}`);
    return path;
  }

  /** A worker left by an earlier dispatcher gets its egress proxy back. */
  #adoptProxy(name: string | null): void {
    const profile = name ? this.#profiles.get(name) : undefined;
    if (!profile || profile.sandbox === "off" || !Array.isArray(profile.network)) return;
    try {
      this.#proxyFor(profile);
    } catch (e) {
      this.#log("warn", `adopted worker of ${profile.name} has no network: ${message(e)}`);
    }
  }

  #prompt(profile: Profile, task: Task): string {
    if (!profile.command.some((a) => a.includes("{prompt}") || a.includes("{prompt_file}"))) {
      return `work kanban task ${task.id}`;
    }
    const context = buildWorkerContext(this.#store.board.workerContextData(task.id));
    return buildWorkerPrompt(task, context, { completion: profile.completion });
  }

  /** Put back claims that got neither a recorded worker nor a recorded failure (not counted). */
  #release(claims: DispatchClaim[], reason: string): void {
    for (const { task, runId } of claims) {
      const c = this.#children.get(runId);
      if (c?.recorded) continue;
      try {
        this.#store.reclaim(task.id, runId, reason);
      } catch (e) {
        this.#log("error", `could not release claim of ${task.id}: ${message(e)}`);
      }
    }
  }

  async #spawn(claims: DispatchClaim[], res: DispatchResult): Promise<void> {
    const records: SpawnRecord[] = [];
    const ready: Promise<unknown>[] = [];
    const started: Child[] = [];
    const failures: SpawnFailure[] = [];
    // Workspaces that may wait (dir: checks, git worktrees) first, concurrently; then every
    // spawn in one synchronous run, so the start times of the whole batch are read by one
    // /proc helper. A scratch directory is made inside that run, right before its spawn,
    // while the workers started before it run on the other core.
    const prepared = await Promise.all(claims.map(async ({ task, runId }) => {
      const resolved = resolveProfile(this.#profiles, task.assignee);
      if ("error" in resolved) {
        if (resolved.cause === "unknown_profile") res.skipped_nonspawnable.push(task.id);
        failures.push({ task, runId, error: resolved.error, cause: resolved.cause });
        return null;
      }
      if (task.workspace_kind === "scratch") {
        return { task, runId, profile: resolved.profile, workspace: null };
      }
      try {
        const workspace = await prepareWorkspace(task, this.#paths, this.#roots, {
          defaultRepo: this.#defaultRepo,
        });
        return { task, runId, profile: resolved.profile, workspace };
      } catch (e) {
        failures.push({ task, runId, error: message(e), cause: "workspace" });
        return null;
      }
    }));
    for (const p of prepared) {
      if (p === null) continue;
      const { task, runId, profile } = p;
      let workspace: string;
      try {
        workspace = p.workspace ?? prepareScratch(task, this.#paths);
      } catch (e) {
        failures.push({ task, runId, error: message(e), cause: "workspace" });
        continue;
      }
      const { logPath, exitPath } = runFiles(this.#paths, task.id, runId);
      try {
        const h = spawnWorker({
          profile,
          task,
          runId,
          workspace,
          board: this.#board,
          home: this.#home,
          logPath,
          exitPath,
          baseEnv: this.#baseEnv,
          prompt: this.#prompt(profile, task),
          claimTtlSeconds: this.#ttl,
          sandbox: this.#sandboxFor(profile),
        });
        const child: Child = {
          taskId: task.id,
          runId,
          pid: h.pid,
          identity: h.identity,
          profile,
          logPath,
          createdAt: task.created_at,
          spawnedAt: performance.now(),
          maxRuntime: this.#limitOf(task.max_runtime_seconds, profile),
          recorded: false,
          exit: null,
          stop: null,
        };
        this.#children.set(runId, child);
        h.exited.then(
          (st) => this.#onExit(child, { code: st.code ?? null, signal: st.signal ?? null }),
          () => this.#onExit(child, { code: null, signal: null }),
        );
        started.push(child);
        ready.push(h.identityReady);
        records.push({ taskId: task.id, runId, proc: h.identity, logPath, workspace });
        res.spawned.push({ task_id: task.id, assignee: profile.name, workspace });
      } catch (e) {
        const cause = e instanceof SpawnError ? String(e.cause) : "other";
        failures.push({ task, runId, error: message(e), cause });
      }
    }
    // Start times are read in one batch after the spawns; the records need them.
    await Promise.all(ready);
    let orphans: number[];
    try {
      orphans = this.#store.recordSpawns(records);
    } catch (e) {
      // Unrecorded workers would run beside a later claim: stop them; their claims expire.
      for (const c of started) {
        c.stop = "shutdown";
        this.#track(killTree(c.pid, this.#graceMs, c.identity));
      }
      throw e;
    }
    const nowMs = Date.now();
    const perfNow = performance.now();
    for (const c of started) {
      // Its max runtime falls due while the loop may sleep: wake it then, not at a sweep.
      if (c.maxRuntime !== null) this.#due(nowMs + c.maxRuntime * 1000 - (perfNow - c.spawnedAt));
      c.recorded = true;
      this.#stats.spawns++;
      const lat = this.#stats.create_to_spawn_ms;
      lat.push(Math.max(0, nowMs - c.createdAt * 1000));
      if (lat.length > LATENCY_SAMPLES) lat.shift();
    }
    if (failures.length) {
      this.#store.tx(() => {
        for (const f of failures) {
          if (f.cause === "sandbox_unavailable") {
            // Retrying cannot help and running unconfined is not an option: a person decides.
            if (this.#store.block(f.task.id, f.runId, f.error, null, "hermes")) {
              res.blocked.push(f.task.id);
              this.#log("warn", `task ${f.task.id} blocked: ${f.error}`, { task: f.task.id });
            }
            continue;
          }
          this.#failure(f.task.id, f.runId, "spawn_failed", f.error, { cause: f.cause }, null, res);
        }
      });
    }
    for (const runId of orphans) {
      const c = this.#children.get(runId);
      if (!c || c.exit !== null) continue;
      c.stop = "closed";
      res.killed.push(c.taskId);
      this.#track(killTree(c.pid, this.#graceMs, c.identity));
    }
    this.#flushExits();
  }

  // ---- outcomes ----

  #failure(
    taskId: string,
    runId: number,
    kind: policy.FailureKind,
    error: string,
    payload: Record<string, unknown>,
    exitCode: number | null | undefined,
    res: DispatchResult,
  ): void {
    const r = this.#store.fail({
      taskId,
      runId,
      kind,
      error,
      counted: true,
      limit: this.#failureLimit,
      payload,
      exitCode,
      reason: policy.giveUpReason,
    });
    if (!r.applied) return;
    this.#stats.failures++;
    const list = kind === "crashed"
      ? res.crashed
      : kind === "timed_out"
      ? res.timed_out
      : kind === "spawn_failed"
      ? res.spawn_failed
      : res.protocol_violations;
    list.push(taskId);
    if (r.gaveUp) {
      res.auto_blocked.push(taskId);
      this.#log("warn", `task ${taskId} gave up: ${r.reason}`, { task: taskId, run: runId });
    }
  }

  /** Apply a worker's end while its run may still be open: complete, block, retry or fail. */
  #applyEnded(
    taskId: string,
    runId: number,
    profile: Profile | undefined,
    st: policy.ExitStatus,
    code: number,
    logPath: string | null,
    pid: number | null,
    res: DispatchResult,
  ): void {
    const out = policy.classifyExit(profile?.completion ?? "report", st);
    const actor = profile?.name ?? "worker";
    switch (out.kind) {
      case "done":
        if (
          this.#store.complete(
            taskId,
            runId,
            outputTail(logPath, RESULT_CHARS) || null,
            code,
            actor,
          )
        ) {
          res.completed.push(taskId);
        }
        return;
      case "blocked": {
        const tail = outputTail(logPath, REASON_CHARS - out.why.length);
        if (this.#store.block(taskId, runId, tail ? `${out.why}: ${tail}` : out.why, code, actor)) {
          res.blocked.push(taskId);
        }
        return;
      }
      case "retry_later":
        if (
          this.#store.retryLater(
            taskId,
            runId,
            code,
            (n) => policy.retryDelay(n, this.#backoffBase, this.#backoffMax),
          )
        ) res.retry_later.push(taskId);
        return;
      case "crashed":
      case "protocol_violation": {
        const tail = outputTail(logPath, 200);
        this.#failure(
          taskId,
          runId,
          out.kind,
          tail ? `${out.why}; last output: ${tail}` : out.why,
          { pid, exit_code: code },
          code,
          res,
        );
        return;
      }
    }
  }

  #onExit(child: Child, st: policy.ExitStatus): void {
    child.exit = st;
    this.#pending.push(child);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      setTimeout(() => {
        this.#flushQueued = false;
        this.#flushExits();
      }, 0);
    }
    this.wake();
  }

  /** Apply queued child exits, all in one transaction, then clear their groups' leftovers. */
  #flushExits(): void {
    if (this.#closed || this.#pending.length === 0) return;
    const ready = this.#pending.filter((c) => c.recorded);
    if (ready.length === 0) return;
    this.#pending = this.#pending.filter((c) => !c.recorded);
    const res = emptyResult();
    try {
      this.#store.tx(() => {
        for (const c of ready) {
          const st = c.exit as policy.ExitStatus;
          const code = st.signal
            ? signalExitCode(st.signal) ?? EXIT_UNKNOWN
            : st.code ?? EXIT_UNKNOWN;
          if (c.stop) this.#store.recordExit(c.runId, code);
          else this.#applyEnded(c.taskId, c.runId, c.profile, st, code, c.logPath, c.pid, res);
        }
      });
    } catch (e) {
      this.#pending.push(...ready);
      this.#log("error", `could not record worker exits: ${message(e)}`);
      return;
    }
    mergeResult(this.#carry, res);
    for (const c of ready) {
      this.#children.delete(c.runId);
      try {
        // A stat is cheaper than capLog's open, and most logs are far below the cap.
        if (Deno.statSync(c.logPath).size > this.#logMaxBytes) capLog(c.logPath, this.#logMaxBytes);
      } catch { /* missing, or the log is evidence, not a reason to fail */ }
      // The leader is gone; whatever it left running in its group goes too.
      if (c.stop === null && groupExists(c.pid)) {
        this.#track(killTree(c.pid, this.#graceMs, c.identity));
      }
    }
  }

  /** A worker's leader is dead: stop whatever it left running in its process group. */
  #clearGroup(proc: ProcRecord): void {
    if (isLocal(proc) && groupExists(proc.pid)) {
      this.#track(killTree(proc.pid, this.#graceMs, proc));
    }
  }

  #track(p: Promise<unknown>): void {
    const q = p.catch((e) => this.#log("warn", `could not stop a worker tree: ${message(e)}`));
    this.#background.add(q);
    q.finally(() => this.#background.delete(q));
  }

  // ---- waiting ----

  #idle(taskId?: string): boolean {
    if (this.#children.size || this.#pending.length || this.#stopping.size || this.#unsettled) {
      return false;
    }
    if (taskId) {
      const t = this.#store.task(taskId);
      return !t || (t.status !== "ready" && t.status !== "running");
    }
    if (this.#store.inFlight().running > 0) return false;
    const now = this.#store.now();
    return this.#store.candidates({ now, exclude: [], limit: 1, ignoreBackoff: true }).length ===
      0;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.#sleeper === done) this.#sleeper = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#sleeper = done;
    });
  }

  async #waitForChange(untilMs: number, pollMs: number): Promise<void> {
    while (!this.#woken && !this.#signal?.aborted && !this.#closed) {
      const left = untilMs - Date.now();
      if (left <= 0) return;
      if (this.#store.dataVersion() !== this.#seenVersion) return;
      await this.#sleep(Math.min(pollMs, left));
    }
  }

  // ---- dry run ----

  /** What a tick would do, from one read snapshot; nothing is written or killed. */
  #plan(opts: TickOptions): DispatchResult {
    const res = emptyResult(true);
    return this.#store.read(() => {
      const now = this.#store.now();
      const rows = this.#store.running();
      const views = this.#views(rows, now, false, performance.now());
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const d = policy.decideRun(views[i], now);
        switch (d.kind) {
          case "leak":
          case "reclaim":
            res.reclaimed++;
            break;
          case "crashed":
            if (d.counted) res.crashed.push(row.taskId);
            else res.reclaimed++;
            break;
          case "extend":
            res.claim_extended.push(row.taskId);
            break;
          case "defer":
            res.reclaim_deferred.push(row.taskId);
            break;
          case "timeout":
            res.timed_out.push(row.taskId);
            break;
          case "exited": {
            const p = this.#profileOf(row.runProfile ?? row.assignee);
            const out = policy.classifyExit(p?.completion ?? "report", {
              code: d.exitCode,
              signal: null,
            });
            const list = {
              done: res.completed,
              blocked: res.blocked,
              retry_later: res.retry_later,
              crashed: res.crashed,
              protocol_violation: res.protocol_violations,
            }[out.kind];
            list.push(row.taskId);
            break;
          }
        }
      }
      res.promoted = this.#store.promotable().length;
      const taskId = opts.taskId ?? null;
      if (taskId === null) res.skipped_unassigned = this.#store.unassignedReady();
      const budget = policy.claimBudget(
        this.#caps(opts),
        this.#store.liveCounts(),
        this.#profiles.keys(),
      );
      const cands = this.#store.candidates({
        now,
        exclude: budget.full,
        limit: budget.slots,
        taskId,
      });
      for (const c of policy.pickClaims(cands, budget).chosen) {
        const r = resolveProfile(this.#profiles, c.assignee);
        if ("error" in r) res.skipped_nonspawnable.push(c.id);
        else res.spawned.push({ task_id: c.id, assignee: c.assignee, workspace: "" });
      }
      return res;
    });
  }
}

/** True when `path` exists (any error reads as absent). */
function fileExists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
