/**
 * Which status moves the dashboard allows, and how each is carried out. Pure: shared by the
 * server (PATCH and bulk) and the web board (which explains a refused drag before sending it).
 *
 * Safer than Hermes's dashboard: nothing moves a task to `running` (only a claim does), a
 * done or archived task is never revived by a status write, and `ready` needs every parent
 * done (checked by the store, which knows the parents).
 */

import { type Status, STATUSES } from "../board/status.ts";

/** Statuses, in board column order: the board's own list. */
export const MOVE_STATUSES = STATUSES;

/** A task status as the dashboard sees it. */
export type MoveStatus = Status;

/** How an allowed move is applied. */
export type MovePlan =
  | { kind: "noop" }
  | { kind: "complete" }
  | { kind: "block" }
  | { kind: "unblock" }
  | { kind: "archive" }
  | { kind: "direct"; to: "triage" | "todo" | "ready" };

/** A refused move: HTTP status, stable code, and a sentence saying why and what to do. */
export interface MoveRefusal {
  refused: true;
  http: 400 | 409;
  code: string;
  message: string;
}

/** True when `s` names a status. */
export function isMoveStatus(s: string): s is MoveStatus {
  return (MOVE_STATUSES as readonly string[]).includes(s);
}

/** Decide how to move a task from `from` to `to`, or why it cannot be moved. */
export function planMove(id: string, from: MoveStatus, to: string): MovePlan | MoveRefusal {
  const refuse = (message: string, code = "invalid_move", http: 400 | 409 = 409): MoveRefusal => ({
    refused: true,
    http,
    code,
    message,
  });
  if (!isMoveStatus(to)) {
    return refuse(
      `unknown status: ${to} (expected one of ${MOVE_STATUSES.join(", ")})`,
      "unknown_status",
      400,
    );
  }
  if (to === "running") {
    return refuse(
      "Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)",
      "running_refused",
      400,
    );
  }
  if (from === to) return { kind: "noop" };
  if (from === "archived") {
    return refuse(
      `${id} is archived; a status write never revives it — create a new task instead`,
      "terminal",
    );
  }
  if (from === "done") {
    if (to === "archived") return { kind: "archive" };
    return refuse(
      `${id} is done; a status write never reopens it — create a follow-up task instead`,
      "terminal",
    );
  }
  switch (to) {
    case "archived":
      return { kind: "archive" };
    case "done":
      if (from === "running" || from === "ready" || from === "blocked") return { kind: "complete" };
      return refuse(
        `cannot complete ${id}: it is ${from}; only ready, running or blocked tasks can be completed`,
      );
    case "blocked":
      if (from === "running" || from === "ready") return { kind: "block" };
      return refuse(
        `cannot block ${id}: it is ${from}; only ready or running tasks can be blocked`,
      );
    case "ready":
      if (from === "blocked") return { kind: "unblock" };
      return { kind: "direct", to: "ready" };
    case "todo":
    case "triage":
      if (from === "running") {
        return refuse(
          `cannot move ${id} to ${to} while it runs: move it to ready first (that stops its worker)`,
        );
      }
      return { kind: "direct", to };
  }
}

/** Every status a task in `from` may be moved to (for buttons and drop targets). */
export function allowedMoves(id: string, from: MoveStatus): MoveStatus[] {
  return MOVE_STATUSES.filter((to) => {
    if (to === from) return false;
    const p = planMove(id, from, to);
    return !("refused" in p);
  });
}
