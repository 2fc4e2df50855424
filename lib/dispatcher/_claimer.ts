/**
 * The claimer: claims ready tasks within the caps in one transaction (conditional
 * UPDATEs, so a task is claimed once however many dispatchers run), then spawns their
 * workers and records them. What could not start is recorded as a failure, or put back.
 */

import type { Task } from "../board/mod.ts";
// Not re-exported by board/mod.ts (it is the `context` verb's renderer).
import { buildWorkerContext } from "../board/worker_context.ts";
import type { DispatchClaim, SpawnRecord } from "../store/engine.ts";
import { newRunSecret } from "../endpoint/secret.ts";
import { readBoardMeta } from "../store/board_meta.ts";
import {
  killTree,
  prepareScratch,
  prepareWorkspace,
  type Profile,
  resolveProfile,
  runFiles,
  type SandboxRequest,
  SpawnError,
  spawnWorker,
} from "../workers/mod.ts";
// The {prompt} text is the agents' business (presets.ts); not re-exported by workers/mod.ts.
import { buildWorkerPrompt } from "../workers/presets.ts";
import { type Child, type DispatchContext, message } from "./_context.ts";
import type { EgressProxies } from "./_egress_proxies.ts";
import type { OutcomeRecorder } from "./_outcome_recorder.ts";
import * as policy from "./policy.ts";
import type { DispatchResult } from "./result.ts";
import type { Waker } from "./_waker.ts";

/** Samples of create→spawn latency kept for stats(). */
const LATENCY_SAMPLES = 256;

/** What a claim round may take: `--max` and `--task`. */
export interface ClaimOptions {
  max?: number;
  taskId?: string;
}

interface SpawnFailure {
  task: Task;
  runId: number;
  error: string;
  cause: string;
}

/** The concurrency caps of a claim round. */
export function capsOf(ctx: DispatchContext, opts: ClaimOptions): policy.Caps {
  return {
    maxWorkers: ctx.settings.maxWorkers,
    profileCap: (name) => ctx.profiles.get(name)?.maxConcurrent ?? null,
    tickBudget: opts.max ?? Infinity,
  };
}

/** Claims ready tasks and spawns their workers. */
export class Claimer {
  readonly #ctx: DispatchContext;
  readonly #outcomes: OutcomeRecorder;
  readonly #waker: Waker;
  readonly #proxies: EgressProxies;
  /** Workers started (telemetry). */
  spawns = 0;
  /** Recent create→spawn latencies in ms. */
  readonly latencies: number[] = [];
  /** Secrets of the runs just claimed, until their workers are started (never kept longer). */
  readonly #secrets = new Map<number, string>();

  constructor(
    ctx: DispatchContext,
    outcomes: OutcomeRecorder,
    waker: Waker,
    proxies: EgressProxies,
  ) {
    this.#ctx = ctx;
    this.#outcomes = outcomes;
    this.#waker = waker;
    this.#proxies = proxies;
  }

  /** Claim up to the budget in ONE transaction (conditional UPDATEs: a task is claimed once). */
  claim(opts: ClaimOptions, res: DispatchResult, now: number): DispatchClaim[] {
    const { store, profiles, lock, settings } = this.#ctx;
    const taskId = opts.taskId ?? null;
    if (taskId === null) res.skipped_unassigned = this.#assignDefault(store.unassignedReady());
    // A cheap look first, so an idle board never takes the write lock.
    if (store.candidates({ now, exclude: [], limit: 1, taskId }).length === 0) return [];
    const caps = capsOf(this.#ctx, opts);
    return store.tx(() => {
      const budget = policy.claimBudget(caps, store.liveCounts(), profiles.keys());
      // A board shared with other hosts: their gateways may have profiles this one lacks, so
      // their tasks are left to them rather than failed here as an unknown profile.
      const elsewhere = store.board.shared
        ? Object.keys(store.board.assigneeCounts()).filter((a) => !profiles.has(a))
        : [];
      const out: DispatchClaim[] = [];
      for (let round = 0; round < 16 && budget.slots > 0; round++) {
        const exclude = elsewhere.length ? [...budget.full, ...elsewhere] : budget.full;
        const cands = store.candidates({ now, exclude, limit: budget.slots, taskId });
        if (cands.length === 0) break;
        const { chosen, passedOver } = policy.pickClaims(cands, budget);
        for (const c of chosen) {
          const claim = store.claim(c.id, lock, settings.ttl);
          if (!claim) continue;
          // The run's secret: its hash is committed with the claim, before any worker can ask.
          const { secret, hash } = newRunSecret();
          store.board.recordRunSecret(claim.runId, claim.task.id, hash);
          this.#secrets.set(claim.runId, secret);
          out.push(claim);
        }
        if (!passedOver) break;
      }
      return out;
    });
  }

  /**
   * Give unassigned ready tasks to `kanban.default_assignee` when it names a profile (as Hermes's
   * dispatcher does), each in its own transaction; returns the ids still unassigned.
   */
  #assignDefault(ids: string[]): string[] {
    const { store, profiles, settings } = this.#ctx;
    const name = settings.defaultAssignee;
    if (ids.length === 0 || name === null || !profiles.has(name)) return ids;
    const left: string[] = [];
    for (const id of ids) {
      try {
        store.board.assign(id, name);
      } catch (e) {
        // Someone else moved it meanwhile (assigned, claimed, blocked): theirs to decide.
        this.#ctx.log("warning", `could not give ${id} to ${name}: ${message(e)}`);
        left.push(id);
      }
    }
    return left;
  }

  /** Put back claims that got neither a recorded worker nor a recorded failure (not counted). */
  release(claims: DispatchClaim[], reason: string): void {
    for (const { task, runId } of claims) {
      const c = this.#ctx.children.get(runId);
      if (c?.recorded) continue;
      try {
        this.#ctx.store.reclaim(task.id, runId, reason);
      } catch (e) {
        // Given back on the first tick that can write, rather than when its lease expires.
        this.#ctx.unreleased.set(runId, { taskId: task.id, reason });
        this.#ctx.log(
          "error",
          `could not release claim of ${task.id} yet (retried on the next tick): ${message(e)}`,
        );
      }
    }
  }

  /** Start the workers of `claims`, record them, and record what could not start. */
  async spawn(claims: DispatchClaim[], res: DispatchResult): Promise<void> {
    try {
      await this.#spawn(claims, res);
    } finally {
      for (const { runId } of claims) this.#secrets.delete(runId);
    }
  }

  async #spawn(claims: DispatchClaim[], res: DispatchResult): Promise<void> {
    const ctx = this.#ctx;
    const { store, settings } = ctx;
    const records: SpawnRecord[] = [];
    const ready: Promise<unknown>[] = [];
    const started: Child[] = [];
    const failures: SpawnFailure[] = [];
    // Workspaces that may wait (dir: checks, git worktrees) first, concurrently; then every
    // spawn in one synchronous run, so the start times of the whole batch are read by one
    // /proc helper. A scratch directory is made inside that run, right before its spawn,
    // while the workers started before it run on the other core.
    const prepared = await Promise.all(claims.map(async ({ task, runId }) => {
      const resolved = resolveProfile(ctx.profiles, task.assignee);
      if ("error" in resolved) {
        if (resolved.cause === "unknown_profile") res.skipped_nonspawnable.push(task.id);
        failures.push({ task, runId, error: resolved.error, cause: resolved.cause });
        return null;
      }
      if (task.workspace_kind === "scratch") {
        return { task, runId, profile: resolved.profile, workspace: null };
      }
      try {
        // A board's default workdir (board.json, as Hermes keeps it) anchors its worktree tasks.
        const boardRepo = task.workspace_kind === "worktree"
          ? readBoardMeta(ctx.home, ctx.board).default_workdir
          : null;
        const workspace = await prepareWorkspace(task, ctx.paths, settings.roots, {
          defaultRepo: boardRepo || settings.defaultRepo,
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
        workspace = p.workspace ?? prepareScratch(task, ctx.paths);
      } catch (e) {
        failures.push({ task, runId, error: message(e), cause: "workspace" });
        continue;
      }
      const { logPath, exitPath } = runFiles(ctx.paths, task.id, runId);
      try {
        const h = spawnWorker({
          profile,
          task,
          runId,
          workspace,
          board: ctx.board,
          home: ctx.home,
          logPath,
          exitPath,
          baseEnv: ctx.baseEnv,
          prompt: this.#prompt(profile, task),
          claimTtlSeconds: settings.ttl,
          sandbox: this.#sandboxFor(profile),
          endpoint: this.#endpointFor(runId),
          attachmentsDir: `${ctx.paths.attachments}/${task.id}`,
        });
        const child: Child = {
          taskId: task.id,
          runId,
          pid: h.pid,
          identity: h.identity,
          profile,
          logPath,
          createdAt: task.created_at,
          spawnedAt: ctx.clock(),
          maxRuntime: ctx.limitOf(task.max_runtime_seconds, profile),
          recorded: false,
          exit: null,
          stop: null,
          leaseUntil: task.claim_expires,
        };
        ctx.children.set(runId, child);
        h.exited.then(
          (st) =>
            this.#outcomes.exited(child, { code: st.code ?? null, signal: st.signal ?? null }),
          () => this.#outcomes.exited(child, { code: null, signal: null }),
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
      orphans = store.recordSpawns(records);
    } catch (e) {
      // Unrecorded workers would run beside a later claim: stop them; their claims expire.
      for (const c of started) {
        c.stop = "shutdown";
        ctx.track(killTree(c.pid, settings.graceMs, c.identity));
      }
      throw e;
    }
    const nowMs = ctx.clock();
    for (const c of started) {
      // Its max runtime falls due while the loop may sleep: wake it then, not at a sweep.
      if (c.maxRuntime !== null) this.#waker.due(c.spawnedAt + c.maxRuntime * 1000);
      c.recorded = true;
      this.spawns++;
      this.latencies.push(Math.max(0, nowMs - c.createdAt * 1000));
      if (this.latencies.length > LATENCY_SAMPLES) this.latencies.shift();
    }
    if (failures.length) {
      store.tx(() => {
        for (const f of failures) {
          if (f.cause === "sandbox_unavailable") {
            // Retrying cannot help and running unconfined is not an option: a person decides.
            if (store.block(f.task.id, f.runId, f.error, null, "hermes")) {
              res.blocked.push(f.task.id);
              ctx.log("warning", `task ${f.task.id} blocked: ${f.error}`, { task: f.task.id });
            }
            continue;
          }
          this.#outcomes.failure(
            f.task.id,
            f.runId,
            "spawn_failed",
            f.error,
            { cause: f.cause },
            null,
            res,
          );
        }
      });
    }
    for (const runId of orphans) {
      const c = ctx.children.get(runId);
      if (!c || c.exit !== null) continue;
      c.stop = "closed";
      res.killed.push(c.taskId);
      ctx.track(killTree(c.pid, settings.graceMs, c.identity));
    }
    this.#outcomes.flush();
  }

  #prompt(profile: Profile, task: Task): string {
    if (!profile.command.some((a) => a.includes("{prompt}") || a.includes("{prompt_file}"))) {
      return `work kanban task ${task.id}`;
    }
    const context = buildWorkerContext(this.#ctx.store.board.workerContextData(task.id));
    return buildWorkerPrompt(task, context, { completion: profile.completion });
  }

  /** The endpoint and secret of run `runId` (claimed by this claimer), or null without a secret. */
  #endpointFor(runId: number): { socket: string; secret: string } | null {
    const secret = this.#secrets.get(runId);
    return secret ? { socket: this.#ctx.endpointSocket, secret } : null;
  }

  /** The sandbox a profile's workers run in, or null when they run unconfined. */
  #sandboxFor(profile: Profile): SandboxRequest | null {
    if (profile.sandbox === "off") return null;
    const { sandbox } = this.#ctx.settings;
    return {
      network: profile.network,
      deny: sandbox.deny,
      writable: [...sandbox.writable, ...profile.writable],
      bwrap: sandbox.bwrap,
      proxy: Array.isArray(profile.network) ? this.#proxies.socketFor(profile) : null,
    };
  }
}
