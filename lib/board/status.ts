/** Task and run statuses, as Hermes names them. Their rules are in rulebook.ts. */

import { UsageError } from "./errors.ts";

/** Every status a task can have, in board column order (Hermes v0.18's). */
export const STATUSES = [
  "triage",
  "todo",
  "scheduled",
  "ready",
  "running",
  "blocked",
  "review",
  "done",
  "archived",
] as const;

/** A task status. */
export type Status = typeof STATUSES[number];

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
  "scheduled",
  "review",
  "sent_back",
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
