/** What one dispatcher tick did: Hermes's DispatchResult fields plus ours. */

import type { Tally } from "./policy.ts";

/** A worker the tick started (or, dry, would start). */
export interface SpawnedEntry {
  task_id: string;
  assignee: string;
  /** Workspace path; empty in a dry run (nothing is prepared). */
  workspace: string;
}

/** The result record of a tick. Hermes's fields first, then ours. */
export interface DispatchResult {
  /** Claims put back to ready without spending the task's budget. */
  reclaimed: number;
  crashed: string[];
  timed_out: string[];
  /** Tasks blocked as gave_up because their failure budget ran out. */
  auto_blocked: string[];
  promoted: number;
  spawned: SpawnedEntry[];
  skipped_unassigned: string[];
  /** Ready tasks whose assignee names no profile (they fail to spawn and give up at the limit). */
  skipped_nonspawnable: string[];
  /** Finished by their worker's exit status (exit_code mode). */
  completed: string[];
  /** Blocked by their worker's exit status (exit_code mode, or 78). */
  blocked: string[];
  /** Exit 75: put back with a backoff, budget not spent. */
  retry_later: string[];
  spawn_failed: string[];
  protocol_violations: string[];
  claim_extended: string[];
  reclaim_deferred: string[];
  /** Workers stopped because someone else closed their run (block, archive, reassign). */
  killed: string[];
  /** Scheduled tasks whose time came: ready again (todo while a parent is not done). */
  schedule_due: string[];
  dry_run: boolean;
  /**
   * Present (true) when the tick did nothing because another dispatcher held the board's tick
   * lock (Hermes's `skipped_locked`): that one is making progress on the board.
   */
  skipped_locked?: true;
}

/** An empty result. */
export function emptyResult(dryRun = false): DispatchResult {
  return {
    reclaimed: 0,
    crashed: [],
    timed_out: [],
    auto_blocked: [],
    promoted: 0,
    spawned: [],
    skipped_unassigned: [],
    skipped_nonspawnable: [],
    completed: [],
    blocked: [],
    retry_later: [],
    spawn_failed: [],
    protocol_violations: [],
    claim_extended: [],
    reclaim_deferred: [],
    killed: [],
    schedule_due: [],
    dry_run: dryRun,
  };
}

const LISTS = [
  "crashed",
  "timed_out",
  "auto_blocked",
  "spawned",
  "completed",
  "blocked",
  "retry_later",
  "spawn_failed",
  "protocol_violations",
  "claim_extended",
  "reclaim_deferred",
  "killed",
  "schedule_due",
] as const;

/** Add `from` into `into` (lists appended, counts summed, skipped lists without repeats). */
export function mergeResult(into: DispatchResult, from: DispatchResult): DispatchResult {
  into.reclaimed += from.reclaimed;
  into.promoted += from.promoted;
  for (const k of LISTS) (into[k] as unknown[]).push(...from[k]);
  for (const k of ["skipped_unassigned", "skipped_nonspawnable"] as const) {
    for (const id of from[k]) if (!into[k].includes(id)) into[k].push(id);
  }
  return into;
}

/** True when the tick changed nothing and found nothing to report. */
export function isQuiet(r: DispatchResult): boolean {
  return r.reclaimed === 0 && r.promoted === 0 && LISTS.every((k) => r[k].length === 0);
}

/** Count one outcome where the policy says it belongs. */
export function tally(r: DispatchResult, where: Tally, taskId: string): void {
  if (where === "reclaimed") r.reclaimed++;
  else r[where].push(taskId);
}
