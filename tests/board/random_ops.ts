/** Random operations, actors and new tasks over a BoardModel, for the property tests. */

import {
  type Actor,
  BLOCK_KINDS,
  type CreatePlan,
  type Decision,
  type FailureKind,
  type Operation,
  planCreate,
  STATUSES,
} from "../../lib/board/mod.ts";
import type { BoardModel } from "./board_model.ts";
import { giveUpReason } from "./rulebook_fixtures.ts";

/** The board-wide failure limit the random failures use. */
export const FAILURE_LIMIT = 2;
const FAILURES: FailureKind[] = ["spawn_failed", "crashed", "timed_out", "protocol_violation"];

/** A random source in [0, 1). */
export type Rnd = () => number;
/** One of `xs`. */
export const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** A random new task: its create input (some parents may be unknown) and the decision. */
export function createRandom(m: BoardModel, rnd: Rnd): {
  triage: boolean;
  assignee: string | null;
  parents: string[];
  decision: Decision<CreatePlan>;
} {
  const parents = [...m.tasks.keys()].filter(() => rnd() < 0.25);
  if (rnd() < 0.05) parents.push("t_nope0001");
  const triage = rnd() < 0.15;
  const assignee = rnd() < 0.8 ? "writer" : null;
  const decision = planCreate({
    triage,
    parents: parents.map((id) => ({ id, status: m.tasks.get(id)?.status ?? null })),
    assignee,
    tenant: null,
    skills: null,
  });
  return { triage, assignee, parents, decision };
}

/** A task to act on (now and then an unknown id); `busy` favours ready, running, review ones. */
export function pickTask(m: BoardModel, rnd: Rnd, busy = false): string {
  if (rnd() < 0.03) return "t_nope0001";
  const live = [...m.tasks].filter(([, t]) =>
    t.status === "ready" || t.status === "running" || t.status === "review"
  );
  if (busy && live.length && rnd() < 0.8) return pick(rnd, live)[0];
  return pick(rnd, [...m.tasks.keys()]);
}

/**
 * A random operation on task `id`, with facts as the model knows them; `busy` favours claims
 * and run ends, so tasks go round the dispatcher's loop (retries, failure streaks) often.
 */
export function randomOp(
  m: BoardModel,
  rnd: Rnd,
  id: string,
  now: number,
  busy = false,
): Operation {
  const t = m.tasks.get(id);
  const runId = rnd() < 0.85 ? t?.current_run_id ?? 1 : 1 + Math.floor(rnd() * 20);
  const other = pick(rnd, [...m.tasks.keys(), "t_nope0001"]);
  const complete = { result: rnd() < 0.5 ? "r" : null, summary: null, metadata: null };
  const busyPick = busy && rnd() < 0.6 ? (rnd() < 0.4 ? 0 : 25) : null;
  switch (busyPick ?? Math.floor(rnd() * 26)) {
    case 0:
    case 1:
      return { op: "claim", lock: "host:1", ttlSeconds: 60 };
    case 2:
      return { op: "heartbeat", note: null, ttlSeconds: pick(rnd, [5, 60, 600]) };
    case 3:
      return { op: "complete", ...complete };
    case 4:
      return {
        op: "block",
        reason: rnd() < 0.5 ? "why" : "",
        kind: rnd() < 0.4 ? null : pick(rnd, [...BLOCK_KINDS, "someday"]),
      };
    case 5:
      return { op: "unblock", reason: rnd() < 0.3 ? "go" : null };
    case 6:
      return { op: "archive" };
    case 7:
      return { op: "promote" };
    case 8:
      return { op: "recompute" };
    case 9:
      return rnd() < 0.5
        ? { op: "assign", assignee: pick(rnd, ["writer", "editor", null]) }
        : { op: "reassign", assignee: "editor", reclaim: rnd() < 0.5, reason: null };
    case 10:
      return { op: "reclaim", reason: null };
    case 11:
      return {
        op: "link",
        parentId: other,
        parent: m.tasks.get(other)?.status ?? null,
        cycle: other !== id && m.reaches(id, other),
        linked: m.links.has(`${other}>${id}`),
      };
    case 12: {
      const parent = rnd() < 0.8 ? pick(rnd, [...m.parentIds(id), other]) : other;
      return { op: "unlink", parentId: parent, linked: m.links.has(`${parent}>${id}`) };
    }
    case 13:
      return { op: "comment", author: "ann", body: "note" };
    case 14:
    case 15:
      return { op: "move", to: pick(rnd, [...STATUSES, "doing"]), reason: "", ...complete };
    case 16:
      return { op: "release", runId: rnd() < 0.2 ? null : runId, reason: "lease expired" };
    case 17:
      return rnd() < 0.5
        ? { op: "extend", runId, ttlSeconds: 60, pid: 1 }
        : { op: "defer", runId, until: now + 120, reason: "cannot tell" };
    case 18:
      return {
        op: "schedule",
        until: rnd() < 0.3 ? null : now + pick(rnd, [-5, 10, 40, 200]),
        reason: rnd() < 0.5 ? "later" : null,
      };
    case 19:
      return { op: "wake" };
    case 20:
      return {
        op: "review",
        reviewer: pick(rnd, [null, "editor"]),
        note: rnd() < 0.5 ? "PR 1" : null,
      };
    case 21:
      return { op: "send_back", reason: "fix it", to: pick(rnd, [null, null, "writer"]) };
    default: {
      const end = pick(rnd, ["done", "blocked", "retry_later", "failed", "failed"] as const);
      switch (end) {
        case "done":
          return { op: "run_ended", runId, end: { kind: "done", result: "out" } };
        case "blocked":
          return { op: "run_ended", runId, end: { kind: "blocked", reason: "needs a person" } };
        case "retry_later":
          return {
            op: "run_ended",
            runId,
            end: { kind: "retry_later", exitCode: 75, delayFor: (n) => 2 ** n },
          };
        case "failed":
          return {
            op: "run_ended",
            runId,
            end: {
              kind: "failed",
              failure: pick(rnd, FAILURES),
              error: "it broke",
              counted: rnd() < 0.9,
              limit: FAILURE_LIMIT,
              payload: {},
              giveUpReason,
            },
          };
      }
    }
  }
}

/** A random actor for `op` on `id`, mostly the dispatcher for its own operations. */
export function randomActor(m: BoardModel, rnd: Rnd, id: string, op: Operation): Actor {
  const dispatcherOp = ["run_ended", "release", "extend", "defer"].includes(op.op);
  if (dispatcherOp && rnd() < 0.9) return { kind: "dispatcher", name: "writer" };
  const run = m.tasks.get(id)?.current_run_id ?? null;
  // Workers ask only for the worker verbs, and have a run while their task runs; now and then
  // one asks for more, or without a run, and is refused.
  const workerVerb = ["heartbeat", "complete", "block", "comment", "link"].includes(op.op);
  if ((!workerVerb || run === null) && rnd() < 0.9) {
    return pick<Actor>(rnd, [{ kind: "person", name: "ann" }, {
      kind: "dashboard",
      name: "dashboard",
    }]);
  }
  return pick<Actor>(rnd, [
    { kind: "person", name: "ann" },
    { kind: "dashboard", name: "dashboard" },
    { kind: "worker", name: "writer", taskId: id, runId: run },
    { kind: "worker", name: "writer", taskId: id, runId: null },
    { kind: "worker", name: "writer", taskId: id, runId: (run ?? 0) + 1 },
    { kind: "worker", name: "editor", taskId: pick(rnd, [...m.tasks.keys()]), runId: 1 },
  ]);
}

/** One step of a random sequence: the time it happens at, then a new task or an operation. */
export type RandomStep =
  & { step: number; now: number }
  & ({ kind: "create" } | { kind: "op"; id: string; op: Operation; actor: Actor });

/**
 * The `steps` steps of a random sequence starting at `now`, drawn one at a time so each sees
 * the board as the caller left it after the one before (the caller creates on "create").
 */
export function* randomSteps(
  m: BoardModel,
  rnd: Rnd,
  now: number,
  steps: number,
  busy: boolean,
): Generator<RandomStep> {
  for (let step = 0; step < steps; step++) {
    now += 1 + Math.floor(rnd() * 30);
    if (rnd() < 0.08) {
      yield { step, now, kind: "create" };
      continue;
    }
    const id = pickTask(m, rnd, busy);
    const op = randomOp(m, rnd, id, now, busy);
    const actor = randomActor(m, rnd, id, op);
    yield { step, now, kind: "op", id, op, actor };
  }
}
