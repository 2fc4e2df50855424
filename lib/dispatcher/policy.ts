/**
 * The dispatcher's decisions, as pure functions: given what the board and the
 * process table look like at one instant, what to reclaim, extend, defer, stop,
 * finish and claim. No I/O here; the services (_reaper.ts, _claimer.ts,
 * _outcome_recorder.ts) gather the facts and apply the answers, and _dry_run.ts
 * evaluates them on a snapshot.
 */

/** Liveness of a recorded worker process, as judged from this host. */
export type Liveness = "alive" | "dead" | "unknown";

/** How a profile tells the dispatcher that its work is done. */
export type CompletionMode = "report" | "exit_code";

/** Exit code a worker uses for "try again later" (rate limits, quotas): not a failure. */
export const EXIT_RETRY_LATER = 75;
/** Exit code a worker uses for "a person is needed": the task is blocked at once. */
export const EXIT_NEEDS_PERSON = 78;

/** How long a claim whose worker cannot be confirmed dead is left alone before it is looked at again. */
export const RECLAIM_DEFER_SECONDS = 120;

/** Past its max runtime plus this, an unrecorded worker is taken for dead. */
export const UNRECORDED_GRACE_SECONDS = 60;

/** One running task as the policy sees it. */
export interface RunView {
  taskId: string;
  /** The open run the task points at; null when the task runs without one (a leak). */
  runId: number | null;
  claimExpires: number | null;
  /** Start of the current run (not of the first attempt), in whole seconds. */
  startedAt: number | null;
  /**
   * How long the worker has run, in ms, when this dispatcher measured it itself (its own
   * child, from the spawn, on a monotonic clock); otherwise only `startedAt` is known.
   */
  ranMs?: number | null;
  /** Effective max runtime in seconds; null means no cap. */
  maxRuntime: number | null;
  /** True when a worker process was recorded for the run. */
  hasProc: boolean;
  /** Liveness of the recorded process (null without one). */
  liveness: Liveness | null;
  /** Exit status left by the worker when it ended (exit file), if any. */
  exitCode: number | null;
  /** This dispatcher has seen the process alive before (its own child, or adopted). */
  observed: boolean;
  /** Claimed by another dispatcher process that is still alive: its runs are its business. */
  foreign: boolean;
  /**
   * Its worker was recorded on another host of a shared board (PostgreSQL): that host's
   * gateway renews the lease while the worker lives, so an expired lease means it is gone.
   */
  remote?: boolean;
  /** Renew a live worker's lease once fewer than this many seconds are left (0: once expired). */
  renewWithin?: number;
  /** Claimed by this dispatcher, with the spawn still in progress. */
  spawning: boolean;
  /**
   * No process was recorded, but the run's log file exists: a dispatcher started the worker
   * and died before recording it, so the worker may still be running.
   */
  unrecordedStart?: boolean;
}

/** What to do about one running task. */
export type RunDecision =
  | { kind: "keep" }
  | { kind: "leak" }
  | { kind: "exited"; exitCode: number }
  | { kind: "crashed"; counted: boolean }
  | { kind: "reclaim" }
  | { kind: "extend" }
  | { kind: "defer"; reason: string }
  | { kind: "timeout"; elapsed: number; limit: number };

const KEEP: RunDecision = { kind: "keep" };

type RuntimeFacts = Pick<RunView, "maxRuntime" | "startedAt" | "ranMs">;

/**
 * Milliseconds left before a run passes its max runtime (0 or less: past it), or null
 * without a cap. Measured to the millisecond when the run's time was measured (`ranMs`);
 * otherwise counted from `startedAt`, whose whole seconds may hide up to a second of the
 * start, so the limit is taken to pass a second later: a run is never stopped early.
 */
export function runtimeLeftMs(r: RuntimeFacts, now: number): number | null {
  if (r.maxRuntime === null) return null;
  if (r.ranMs !== undefined && r.ranMs !== null) return r.maxRuntime * 1000 - r.ranMs;
  if (r.startedAt === null) return null;
  return (r.startedAt + r.maxRuntime + 1 - now) * 1000;
}

/** True once a run has outlived its max runtime, counted from the current run's start. */
export function pastRuntime(r: RuntimeFacts, now: number): boolean {
  const left = runtimeLeftMs(r, now);
  return left !== null && left <= 0;
}

/** Seconds a run has lasted, to the millisecond when it was measured. */
export function elapsedSeconds(r: RuntimeFacts, now: number): number {
  if (r.ranMs !== undefined && r.ranMs !== null) return Math.round(r.ranMs) / 1000;
  return r.startedAt === null ? 0 : now - r.startedAt;
}

/**
 * Decide one running task. Order matters: an ended worker is judged by its exit
 * status before anything else; a live worker is never reclaimed (its lease is
 * extended, or it is stopped for running too long); a worker that cannot be
 * judged from here is never handed to someone else.
 */
export function decideRun(r: RunView, now: number): RunDecision {
  if (r.runId === null) return { kind: "leak" };
  if (r.spawning) return KEEP;
  const expired = r.claimExpires !== null && r.claimExpires < now;
  if (r.foreign && !expired) return KEEP;
  if (!r.hasProc) {
    // A dispatcher that died between spawning and recording: the worker's exit file says how
    // it ended, so its finished work is recorded instead of being run again.
    if (!r.foreign && r.exitCode !== null) return { kind: "exited", exitCode: r.exitCode };
    if (!r.foreign && r.unrecordedStart && expired) {
      // Started but unrecorded: never hand the task to another worker while this one may
      // live, but no longer than its max runtime (plus a lease) after the run began.
      const limit = r.maxRuntime === null || r.startedAt === null
        ? null
        : r.startedAt + r.maxRuntime + UNRECORDED_GRACE_SECONDS;
      if (limit === null || now < limit) {
        return {
          kind: "defer",
          reason:
            "its worker was started but never recorded (the dispatcher died) and may still run",
        };
      }
    }
    // Claimed by hand (`kanban claim`) or by a dispatcher that died before spawning.
    return expired ? { kind: "reclaim" } : KEEP;
  }
  if (r.liveness === "dead") {
    if (r.exitCode !== null) return { kind: "exited", exitCode: r.exitCode };
    // A worker found dead the first time we look died while no dispatcher watched
    // (a restart of ours): that is not the task's fault.
    return { kind: "crashed", counted: r.observed };
  }
  if (r.liveness === "alive") {
    if (pastRuntime(r, now)) {
      return { kind: "timeout", elapsed: elapsedSeconds(r, now), limit: r.maxRuntime as number };
    }
    const due = r.claimExpires !== null && r.claimExpires - now < (r.renewWithin ?? 0);
    return expired || due ? { kind: "extend" } : KEEP;
  }
  // Another host's worker on a shared board: judged by its lease alone.
  if (r.remote && expired) return { kind: "reclaim" };
  if (expired) {
    return {
      kind: "defer",
      reason: "its worker runs on another host or pid namespace and cannot be confirmed dead",
    };
  }
  return KEEP;
}

/** The process that ended a run, and how. */
export interface ExitStatus {
  code: number | null;
  signal: string | null;
}

/** What a worker's exit means for its task. */
export type ExitOutcome =
  | { kind: "done" }
  | { kind: "blocked"; why: string }
  | { kind: "retry_later" }
  | { kind: "crashed"; why: string }
  | { kind: "protocol_violation"; why: string };

/** Describe an exit for messages: `exit code 3` or `killed by SIGKILL`. */
export function describeExit(e: ExitStatus): string {
  if (e.signal) return `killed by ${e.signal}`;
  return `exit code ${e.code}`;
}

/**
 * Classify a worker's exit while its run is still open (nobody reported).
 * 75 and 78 mean the same in every mode; a signal is always a crash.
 */
export function classifyExit(mode: CompletionMode, e: ExitStatus): ExitOutcome {
  if (e.signal === null && e.code === EXIT_RETRY_LATER) return { kind: "retry_later" };
  if (e.signal === null && e.code === EXIT_NEEDS_PERSON) {
    return { kind: "blocked", why: "worker exited 78: a person is needed" };
  }
  if (e.signal !== null || e.code === null) {
    return { kind: "crashed", why: `worker ${describeExit(e)}` };
  }
  if (mode === "exit_code") {
    return e.code === 0
      ? { kind: "done" }
      : { kind: "blocked", why: `worker exited with code ${e.code}` };
  }
  if (e.code === 0) {
    return {
      kind: "protocol_violation",
      why: "worker exited 0 without completing or blocking its task",
    };
  }
  return { kind: "crashed", why: `worker exited with code ${e.code} without reporting` };
}

/** Live workers on the board: in total and per profile. */
export interface LiveCounts {
  total: number;
  byProfile: ReadonlyMap<string, number>;
}

/** Concurrency limits for one claim round. */
export interface Caps {
  /** Live workers at most, all profiles together. */
  maxWorkers: number;
  /** Per-profile cap (null: none). */
  profileCap(name: string): number | null;
  /** New spawns at most in this tick (`--max`); Infinity when unset. */
  tickBudget: number;
}

/** How many tasks may be claimed now, and which profiles are full. */
export interface Budget {
  slots: number;
  /** Remaining places per capped profile. */
  remaining: Map<string, number>;
  /** Profiles with no place left (excluded from the candidate query). */
  full: string[];
}

/** Cap arithmetic over LIVE workers, so the limits hold however many ticks or dispatchers run. */
export function claimBudget(caps: Caps, live: LiveCounts, profiles: Iterable<string>): Budget {
  const slots = Math.max(0, Math.min(caps.maxWorkers - live.total, caps.tickBudget));
  const remaining = new Map<string, number>();
  const full: string[] = [];
  for (const name of profiles) {
    const cap = caps.profileCap(name);
    if (cap === null) continue;
    const left = Math.max(0, cap - (live.byProfile.get(name) ?? 0));
    remaining.set(name, left);
    if (left === 0) full.push(name);
  }
  return { slots, remaining, full };
}

/** A claim candidate, in the board's order (priority DESC, created_at ASC). */
export interface Candidate {
  id: string;
  assignee: string;
}

/**
 * Pick candidates within the budget. Returns the chosen ids and whether any were
 * passed over because their profile filled up mid-round (then the caller asks
 * again without those profiles, so tasks behind them are not starved).
 */
export function pickClaims<C extends Candidate>(
  candidates: readonly C[],
  budget: Budget,
): { chosen: C[]; passedOver: boolean } {
  const chosen: C[] = [];
  let passedOver = false;
  for (const c of candidates) {
    if (chosen.length >= budget.slots) break;
    const left = budget.remaining.get(c.assignee);
    if (left !== undefined) {
      if (left <= 0) {
        passedOver = true;
        if (!budget.full.includes(c.assignee)) budget.full.push(c.assignee);
        continue;
      }
      budget.remaining.set(c.assignee, left - 1);
      if (left - 1 === 0) budget.full.push(c.assignee);
    }
    chosen.push(c);
  }
  budget.slots -= chosen.length;
  return { chosen, passedOver };
}

/** The failure limit for a task: its own max_retries, else the board-wide limit. */
export function failureLimit(taskMaxRetries: number | null, configured: number): number {
  return Math.max(1, taskMaxRetries ?? configured);
}

/** Delay before the n-th "try later" retry (n ≥ 1): doubling from `base`, capped at `max`. */
export function retryDelay(attempt: number, base: number, max: number): number {
  const d = base * 2 ** Math.max(0, attempt - 1);
  return Math.max(0, Math.min(max, d));
}

/** Kinds of failure that spend a task's failure budget. */
export type FailureKind = "spawn_failed" | "crashed" | "timed_out" | "protocol_violation";

const FAILURE_WORDS: Record<FailureKind, string> = {
  spawn_failed: "could not be spawned",
  crashed: "crashed",
  timed_out: "timed out",
  protocol_violation: "exited without reporting",
};

/**
 * The reason written when a task gives up: names the true cause, e.g.
 * `crashed 2 times (last: worker killed by SIGKILL)` or
 * `could not be spawned 2 times (last: command not found: foo)`.
 */
export function giveUpReason(kinds: readonly FailureKind[], lastError: string): string {
  const n = kinds.length;
  const distinct = [...new Set(kinds)];
  if (distinct.length === 1) {
    const times = n === 1 ? "once" : `${n} times`;
    return `${FAILURE_WORDS[distinct[0]]} ${times} (last: ${lastError})`;
  }
  return `${n} failed attempts (${
    distinct.map((k) => FAILURE_WORDS[k]).join(", ")
  }; last: ${lastError})`;
}

/** When the next time-based decision falls due; null parts: nothing of that kind. */
export interface Deadline {
  /** Board time (unix seconds) of the earliest claim expiry, retry, or second-precision limit. */
  at: number | null;
  /** Milliseconds from the moment `ranMs` was measured to the earliest measured max runtime. */
  inMs: number | null;
}

/** Earliest time at which a time-based decision falls due. */
export function nextDeadline(
  runs: readonly RunView[],
  retryAt: number | null,
  now: number,
): Deadline {
  let at = retryAt;
  let inMs: number | null = null;
  const take = (x: number | null) => {
    if (x !== null && (at === null || x < at)) at = x;
  };
  for (const r of runs) {
    if (r.spawning || r.runId === null) continue;
    if (r.claimExpires !== null) take(r.claimExpires + 1);
    // A lease renewed before it runs out (shared boards): wake when it is due.
    if (r.claimExpires !== null && r.renewWithin) {
      const due = r.claimExpires - r.renewWithin;
      if (due > now) take(due);
    }
    const left = runtimeLeftMs(r, now);
    if (left === null) continue;
    if (r.ranMs !== undefined && r.ranMs !== null) {
      inMs = Math.max(0, Math.min(inMs ?? Infinity, left));
    } else take(now + left / 1000);
  }
  return { at, inMs };
}

/** Where an outcome is counted in a tick's result (a count, or the list of its task ids). */
export type Tally =
  | "reclaimed"
  | "crashed"
  | "timed_out"
  | "completed"
  | "blocked"
  | "retry_later"
  | "spawn_failed"
  | "protocol_violations"
  | "claim_extended"
  | "reclaim_deferred";

const FAILURE_TALLY: Record<FailureKind, Tally> = {
  spawn_failed: "spawn_failed",
  crashed: "crashed",
  timed_out: "timed_out",
  protocol_violation: "protocol_violations",
};

/** Where a counted failure is reported. */
export function failureTally(kind: FailureKind): Tally {
  return FAILURE_TALLY[kind];
}

const EXIT_TALLY: Record<ExitOutcome["kind"], Tally> = {
  done: "completed",
  blocked: "blocked",
  retry_later: "retry_later",
  crashed: "crashed",
  protocol_violation: "protocol_violations",
};

/** Where a worker's exit is reported. */
export function exitTally(out: ExitOutcome): Tally {
  return EXIT_TALLY[out.kind];
}

/**
 * Where a decision about a running task is reported once applied (null: nothing to report).
 * The tick and the dry run both count through this, so they cannot disagree.
 */
export function runTally(d: RunDecision, mode: CompletionMode): Tally | null {
  switch (d.kind) {
    case "keep":
      return null;
    case "leak":
    case "reclaim":
      return "reclaimed";
    case "crashed":
      // Not counted: put back without spending the budget.
      return d.counted ? failureTally("crashed") : "reclaimed";
    case "extend":
      return "claim_extended";
    case "defer":
      return "reclaim_deferred";
    case "timeout":
      return failureTally("timed_out");
    case "exited":
      return exitTally(classifyExit(mode, { code: d.exitCode, signal: null }));
  }
}
