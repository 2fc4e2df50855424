/** Task statuses and the state machine's rules, as Hermes defines them. */

import { InvalidStateError, UsageError } from "./errors.ts";

/** Every status a task can have, in board column order. */
export const STATUSES = [
  "triage",
  "todo",
  "ready",
  "running",
  "blocked",
  "done",
  "archived",
] as const;

/** A task status. */
export type Status = typeof STATUSES[number];

/** Statuses from which a task never moves again by itself. */
export const TERMINAL: ReadonlySet<Status> = new Set(["done", "archived"]);

/** Run statuses; the outcome column mirrors them (running → NULL, done → completed). */
export const RUN_STATUSES = [
  "running",
  "done",
  "blocked",
  "crashed",
  "timed_out",
  "spawn_failed",
  "gave_up",
  "reclaimed",
  "retry_later",
  "protocol_violation",
] as const;

/** A run status. */
export type RunStatus = typeof RUN_STATUSES[number];

/** The outcome column written when a run closes with a status. */
export function runOutcome(status: RunStatus): string | null {
  if (status === "running") return null;
  if (status === "done") return "completed";
  return status;
}

/** True when `s` names a status. */
export function isStatus(s: string): s is Status {
  return (STATUSES as readonly string[]).includes(s);
}

/** Parse a user-supplied status, refusing unknown values. */
export function parseStatus(s: string): Status {
  const v = s.trim().toLowerCase();
  if (!isStatus(v)) {
    throw new UsageError(`unknown status '${s}': expected one of ${STATUSES.join(", ")}`);
  }
  return v;
}

/** Actions that move a task between statuses. */
export type Action = "complete" | "block" | "unblock" | "archive" | "claim" | "promote" | "assign";

const ALLOWED: Record<Action, ReadonlySet<Status>> = {
  complete: new Set(["running", "ready", "blocked"]),
  block: new Set(["running", "ready"]),
  unblock: new Set(["blocked"]),
  archive: new Set(["triage", "todo", "ready", "running", "blocked", "done"]),
  claim: new Set(["ready"]),
  promote: new Set(["triage", "todo"]),
  assign: new Set(["triage", "todo", "ready", "blocked", "done", "archived", "running"]),
};

/** True when the state machine lets `action` apply to a task in `from`. */
export function canApply(action: Action, from: Status): boolean {
  return ALLOWED[action].has(from);
}

/** Throw an explanation when `action` is not allowed from `from`. */
export function assertCanApply(action: Action, from: Status, id: string): void {
  if (canApply(action, from)) return;
  const allowed = [...ALLOWED[action]].join(", ");
  throw new InvalidStateError(
    `cannot ${action} ${id}: it is ${from} (${action} needs one of: ${allowed})`,
  );
}

/** The status a new task starts in. */
export function initialStatus(opts: { triage: boolean; parentsDone: boolean }): Status {
  if (opts.triage) return "triage";
  return opts.parentsDone ? "ready" : "todo";
}

/** Parents count as satisfied when done or archived (Hermes's later rule). */
export function parentSatisfied(status: Status): boolean {
  return status === "done" || status === "archived";
}
