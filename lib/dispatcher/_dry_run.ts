/**
 * The dry run: one read snapshot of the board, and the policy evaluated on it. Every
 * outcome is counted through the same tallies the tick uses, so what a dry run prints is
 * what a tick would report; nothing is written, spawned or killed.
 */

import { resolveProfile } from "../workers/mod.ts";
import type { DispatchContext } from "./_context.ts";
import { capsOf, type ClaimOptions } from "./_claimer.ts";
import * as policy from "./policy.ts";
import { type DispatchResult, emptyResult, tally } from "./result.ts";
import type { RunViews } from "./_run_views.ts";

/** What the policy needs to decide one tick, read in one snapshot. */
export interface Snapshot {
  /** Board time (unix seconds). */
  now: number;
  /** The running tasks as the policy sees them, with their profile's completion mode. */
  runs: { view: policy.RunView; mode: policy.CompletionMode }[];
  promotable: number;
  /** Scheduled tasks whose time has come (a tick wakes them). */
  scheduleDue: string[];
  /** Ready tasks without an assignee (null when one task was asked for). */
  unassigned: string[] | null;
  live: policy.LiveCounts;
  /** Claim candidates in the board's order, each with whether a profile can spawn it. */
  candidates: (policy.Candidate & { spawnable: boolean })[];
}

/** Read the snapshot a tick with `opts` would decide on. */
export function takeSnapshot(
  ctx: DispatchContext,
  views: RunViews,
  opts: ClaimOptions,
): Snapshot {
  const { store, profiles } = ctx;
  return store.read(() => {
    const now = ctx.now();
    const rows = store.running();
    const seen = views.of(rows, now, false);
    const live = store.liveCounts();
    const budget = policy.claimBudget(capsOf(ctx, opts), live, profiles.keys());
    const taskId = opts.taskId ?? null;
    const cands = store.candidates({ now, exclude: budget.full, limit: budget.slots, taskId });
    return {
      now,
      runs: rows.map((row, i) => ({
        view: seen[i],
        mode: ctx.profileOf(row.runProfile ?? row.assignee)?.completion ?? "report",
      })),
      promotable: store.promotable().length,
      scheduleDue: store.dueScheduled(now),
      unassigned: taskId === null ? store.unassignedReady() : null,
      live,
      candidates: cands.map((c) => ({
        ...c,
        spawnable: !("error" in resolveProfile(profiles, c.assignee)),
      })),
    };
  });
}

/** What a tick would report, by the policy alone (pure). */
export function evaluate(
  snap: Snapshot,
  caps: policy.Caps,
  profiles: Iterable<string>,
): DispatchResult {
  const res = emptyResult(true);
  for (const { view, mode } of snap.runs) {
    const where = policy.runTally(policy.decideRun(view, snap.now), mode);
    if (where !== null) tally(res, where, view.taskId);
  }
  res.promoted = snap.promotable;
  res.schedule_due = [...snap.scheduleDue];
  if (snap.unassigned !== null) res.skipped_unassigned = snap.unassigned;
  const budget = policy.claimBudget(caps, snap.live, profiles);
  for (const c of policy.pickClaims(snap.candidates, budget).chosen) {
    if (!c.spawnable) res.skipped_nonspawnable.push(c.id);
    else res.spawned.push({ task_id: c.id, assignee: c.assignee, workspace: "" });
  }
  return res;
}

/** Dry-run a tick: snapshot, then evaluate. */
export function dryRun(ctx: DispatchContext, views: RunViews, opts: ClaimOptions): DispatchResult {
  return evaluate(takeSnapshot(ctx, views, opts), capsOf(ctx, opts), ctx.profiles.keys());
}
