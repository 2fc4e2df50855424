/** Boards in known states for the state-machine tests (built through the store, in-process). */

import { SATISFYING_STATUSES, type Status, STATUSES } from "../../lib/board/mod.ts";
import { type Actor, openBoard, type Store } from "../../lib/store/mod.ts";

/** A person at a terminal. */
export const PERSON: Actor = { kind: "person", name: "tester" };

/** Open (creating) a board of `home`. */
export function openTestBoard(home: string, board = "default"): Store {
  return openBoard(home, board, { create: true });
}

/** Run `fn` on a board of `home`, closing it afterwards. */
export function withBoard<T>(home: string, fn: (s: Store) => T, board = "default"): T {
  const s = openTestBoard(home, board);
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

/**
 * One task in each status, all assigned to `writer`. The todo task waits on an extra ready
 * task (its parent), which is not part of the map; the scheduled one has no time.
 */
export function taskInEachStatus(s: Store): Record<Status, string> {
  const mk = (title: string, extra: { triage?: boolean; parents?: string[] } = {}) =>
    s.createTask({ title, assignee: "writer", ...extra }).task.id;
  const gate = mk("gate");
  const ids = {
    triage: mk("triage", { triage: true }),
    todo: mk("todo", { parents: [gate] }),
    scheduled: mk("scheduled"),
    ready: mk("ready"),
    running: mk("running"),
    blocked: mk("blocked"),
    review: mk("review"),
    done: mk("done"),
    archived: mk("archived"),
  };
  s.perform(ids.scheduled, { op: "schedule", until: null, reason: null }, PERSON);
  s.perform(ids.review, { op: "review", reviewer: null, note: null }, PERSON);
  s.claim(ids.running, "test-host:1", 900);
  s.block(ids.blocked, "needs input", PERSON);
  s.complete(ids.done, { result: "r" }, PERSON);
  s.archive(ids.archived);
  return ids;
}

/**
 * Hermes's fuzzed invariants that a single board must always hold (I1-I4, I6, I9), read
 * through the store's interface so that every backend is held to them.
 * Returns the violations; empty means consistent.
 */
export function invariantViolations(s: Store): string[] {
  const bad: string[] = [];
  const known = new Set<string>(STATUSES);
  const satisfied = new Set<string>(SATISFYING_STATUSES);
  s.read(() => {
    for (const t of s.listTasks({ includeArchived: true })) {
      const runs = s.runs(t.id);
      if (t.current_run_id !== null) {
        const run = runs.find((r) => r.id === t.current_run_id);
        if (!run || run.ended_at !== null) bad.push(`I1 ${t.id} points at a run that is not open`);
      }
      for (const r of runs) {
        if (r.ended_at === null && r.id !== t.current_run_id) {
          bad.push(`I2 run ${r.id} is open but orphaned`);
        }
        if (r.outcome !== null && r.ended_at === null) {
          bad.push(`I6 run ${r.id} has an outcome but no end`);
        }
      }
      if (!known.has(t.status)) bad.push(`I3 ${t.id} has an unknown status`);
      if (t.claim_lock !== null && t.status !== "running") {
        bad.push(`I4 ${t.id} holds a lock while not running`);
      }
      if (t.status === "todo") {
        const parents = s.relatives(t.id).parents;
        if (parents.length > 0 && parents.every((p) => satisfied.has(p.status))) {
          bad.push(`I9 ${t.id} is todo although all its parents are done`);
        }
      }
    }
  });
  return bad;
}
