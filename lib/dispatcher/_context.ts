/**
 * What every dispatcher service is built from (as River's services share one base): the
 * board's queries, the one clock, the logger, the settings read once from config, and the
 * registry of the workers this process started.
 */

import { type WorkspaceRoots, workspaceRoots } from "../board/validate.ts";
import { type BoardPaths, boardPaths, type Config, get } from "../config/mod.ts";
import { endpointPath, secretPath } from "../endpoint/protocol.ts";
import { removeSecretFile } from "../endpoint/secret.ts";
import type { DispatchStore } from "../store/engine.ts";
import {
  loadProfiles,
  type ProcIdentity,
  type Profile,
  type SandboxSettings,
  sandboxSettings,
} from "../workers/mod.ts";
import type { LogFn } from "../log/mod.ts";
import { boardSeconds, type MsClock } from "./clock.ts";
import type { ExitStatus } from "./policy.ts";

/** Log hook: the gateway routes it to its logger; the CLI to stderr with -v. */
export type DispatcherLog = LogFn;

/** The config keys the dispatcher reads, read once. */
export interface Settings {
  failureLimit: number;
  maxWorkers: number;
  ttl: number;
  defaultMaxRuntime: number;
  graceMs: number;
  backoffBase: number;
  backoffMax: number;
  /** Where dir: workspaces and worktree repositories may be. */
  roots: WorkspaceRoots;
  defaultRepo: string | null;
  logMaxBytes: number;
  sandbox: SandboxSettings;
  /** `kanban.default_assignee`: the profile unassigned ready tasks get; null for none. */
  defaultAssignee: string | null;
}

/** Read the dispatcher's settings from config; `failureLimit` overrides kanban.failure_limit. */
export function readSettings(
  home: string,
  cfg: Config,
  failureLimit: number | undefined,
): Settings {
  return {
    failureLimit: failureLimit ?? get(cfg, "kanban.failure_limit"),
    maxWorkers: get(cfg, "kanban.max_workers"),
    ttl: get(cfg, "kanban.claim_ttl_seconds"),
    defaultMaxRuntime: get(cfg, "kanban.default_max_runtime_seconds"),
    graceMs: get(cfg, "kanban.kill_grace_seconds") * 1000,
    backoffBase: get(cfg, "kanban.retry_backoff_seconds"),
    backoffMax: get(cfg, "kanban.retry_backoff_max_seconds"),
    roots: workspaceRoots(home, get(cfg, "kanban.workspace_roots")),
    logMaxBytes: get(cfg, "kanban.log_max_bytes"),
    sandbox: sandboxSettings(cfg),
    defaultAssignee: get(cfg, "kanban.default_assignee").trim() || null,
    defaultRepo: cfg.has("kanban.worktree_repo")
      ? (cfg.get("kanban.worktree_repo") as string | null) || null
      : null,
  };
}

/** A worker this dispatcher started. */
export interface Child {
  taskId: string;
  runId: number;
  pid: number;
  identity: ProcIdentity;
  profile: Profile;
  logPath: string;
  createdAt: number;
  /** Clock ms at its spawn: its runtime is measured from here, to the millisecond. */
  spawnedAt: number;
  /** Its max runtime in seconds when it was spawned (the tick's views re-read it). */
  maxRuntime: number | null;
  /** Its spawn row is committed; exits are applied only after that. */
  recorded: boolean;
  exit: ExitStatus | null;
  /** Set when we stop it ourselves: its exit then only records the status. */
  stop: null | "timed_out" | "closed" | "shutdown";
  /** Board time its lease runs out, as last written (the fence while the board is unreachable). */
  leaseUntil: number | null;
}

/** The shared base of the dispatcher's services over one board. */
export class DispatchContext {
  readonly store: DispatchStore;
  readonly clock: MsClock;
  readonly log: DispatcherLog;
  readonly home: string;
  readonly board: string;
  readonly paths: BoardPaths;
  readonly profiles: Map<string, Profile>;
  readonly settings: Settings;
  readonly lock: string;
  readonly signal: AbortSignal | undefined;
  readonly baseEnv: Record<string, string>;
  /** The worker endpoint's socket every worker is given (HERMES_KANBAN_ENDPOINT). */
  readonly endpointSocket: string;

  /** Workers this dispatcher started, by run id. */
  readonly children = new Map<number, Child>();
  /** Runs of other processes this dispatcher has seen alive (adopted). */
  readonly observed = new Set<number>();
  /** Runs whose worker we are stopping right now. */
  readonly stopping = new Set<number>();
  /**
   * Claims to give back once the board answers again (their release could not be written: a
   * worker stopped when its lease lapsed unrenewed, a spawn that could not be recorded), by run.
   */
  readonly unreleased = new Map<number, { taskId: string; reason: string }>();
  readonly #background = new Set<Promise<unknown>>();

  constructor(o: {
    store: DispatchStore;
    clock: MsClock;
    log: DispatcherLog;
    home: string;
    board: string;
    config: Config;
    failureLimit?: number;
    lock: string;
    signal?: AbortSignal;
    baseEnv?: Record<string, string>;
  }) {
    this.store = o.store;
    this.clock = o.clock;
    this.log = o.log;
    this.home = o.home;
    this.board = o.board;
    this.paths = boardPaths(o.home, o.board);
    this.profiles = loadProfiles(o.config);
    this.settings = readSettings(o.home, o.config, o.failureLimit);
    this.lock = o.lock;
    this.signal = o.signal;
    this.baseEnv = o.baseEnv ?? {};
    this.endpointSocket = endpointPath(o.home);
  }

  /** A run's worker has ended: its secret file goes (the board keeps only the hash). */
  dropSecret(taskId: string, runId: number): void {
    removeSecretFile(secretPath(this.home, this.board, taskId, runId));
  }

  /** Board time (unix seconds) from the dispatcher's clock. */
  now(): number {
    return boardSeconds(this.clock());
  }

  /** The profile named `name`, if any. */
  profileOf(name: string | null): Profile | undefined {
    return name ? this.profiles.get(name) : undefined;
  }

  /** The effective max runtime: the task's own, else its profile's, else the board default. */
  limitOf(taskMaxRuntime: number | null, p: Profile | undefined): number | null {
    if (taskMaxRuntime !== null) return taskMaxRuntime;
    if (p?.maxRuntimeSeconds !== null && p?.maxRuntimeSeconds !== undefined) {
      return p.maxRuntimeSeconds;
    }
    return this.settings.defaultMaxRuntime > 0 ? this.settings.defaultMaxRuntime : null;
  }

  /** Keep a background promise (a stop under way) until it settles; its failure is logged. */
  track(p: Promise<unknown>): void {
    const q = p.catch((e) => this.log("warning", `could not stop a worker tree: ${message(e)}`));
    this.#background.add(q);
    q.finally(() => this.#background.delete(q));
  }

  /** Wait for every background promise to settle. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#background]);
  }
}

/** An error's message. */
export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** True when some process is still in process group `pgid` (one syscall, no /proc scan). */
export function groupExists(pgid: number): boolean {
  try {
    // SIGCONT is harmless to running processes and wakes stopped ones before they are killed.
    Deno.kill(-pgid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

/** True when `path` exists (any error reads as absent). */
export function fileExists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
