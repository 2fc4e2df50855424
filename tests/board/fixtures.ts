/** Boards in known states for the state-machine tests (built through the store, in-process). */

import type { Status } from "../../lib/board/mod.ts";
import { type Actor, openBoard, type SqliteBoardStore } from "../../lib/store/mod.ts";

/** A person at a terminal. */
export const PERSON: Actor = { kind: "person", name: "tester" };

/** Open (creating) a board of `home`. */
export function openTestBoard(home: string, board = "default"): SqliteBoardStore {
  return openBoard(home, board, { create: true });
}

/** Run `fn` on a board of `home`, closing it afterwards. */
export function withBoard<T>(home: string, fn: (s: SqliteBoardStore) => T, board = "default"): T {
  const s = openTestBoard(home, board);
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

/**
 * One task in each status, all assigned to `writer`. The todo task waits on an extra ready
 * task (its parent), which is not part of the map.
 */
export function taskInEachStatus(s: SqliteBoardStore): Record<Status, string> {
  const mk = (title: string, extra: { triage?: boolean; parents?: string[] } = {}) =>
    s.createTask({ title, assignee: "writer", ...extra }).task.id;
  const gate = mk("gate");
  const ids = {
    triage: mk("triage", { triage: true }),
    todo: mk("todo", { parents: [gate] }),
    ready: mk("ready"),
    running: mk("running"),
    blocked: mk("blocked"),
    done: mk("done"),
    archived: mk("archived"),
  };
  s.claim(ids.running, "test-host:1", 900);
  s.block(ids.blocked, "needs input", PERSON);
  s.complete(ids.done, { result: "r" }, PERSON);
  s.archive(ids.archived);
  return ids;
}

/**
 * Hermes's fuzzed invariants that a single board must always hold (I1-I4, I6, I9).
 * Returns the violations; empty means consistent.
 */
export function invariantViolations(s: SqliteBoardStore): string[] {
  const bad: string[] = [];
  const q = <T>(sql: string) => s.conn.all<T>(sql);
  for (
    const r of q<{ id: string }>(
      `SELECT t.id FROM tasks t LEFT JOIN task_runs r ON r.id = t.current_run_id
       WHERE t.current_run_id IS NOT NULL AND (r.id IS NULL OR r.ended_at IS NOT NULL)`,
    )
  ) bad.push(`I1 ${r.id} points at a run that is not open`);
  for (
    const r of q<{ id: number }>(
      `SELECT r.id FROM task_runs r WHERE r.ended_at IS NULL AND NOT EXISTS
         (SELECT 1 FROM tasks t WHERE t.current_run_id = r.id)`,
    )
  ) bad.push(`I2 run ${r.id} is open but orphaned`);
  for (
    const r of q<{ id: string }>(
      `SELECT id FROM tasks WHERE status NOT IN
         ('triage','todo','ready','running','blocked','done','archived')`,
    )
  ) bad.push(`I3 ${r.id} has an unknown status`);
  for (
    const r of q<{ id: string }>(
      "SELECT id FROM tasks WHERE claim_lock IS NOT NULL AND status != 'running'",
    )
  ) bad.push(`I4 ${r.id} holds a lock while not running`);
  for (
    const r of q<{ id: number }>(
      "SELECT id FROM task_runs WHERE outcome IS NOT NULL AND ended_at IS NULL",
    )
  ) bad.push(`I6 run ${r.id} has an outcome but no end`);
  for (
    const r of q<{ id: string }>(
      `SELECT t.id FROM tasks t WHERE t.status = 'todo'
         AND EXISTS (SELECT 1 FROM task_links l WHERE l.child_id = t.id)
         AND NOT EXISTS (SELECT 1 FROM task_links l JOIN tasks p ON p.id = l.parent_id
           WHERE l.child_id = t.id AND p.status NOT IN ('done', 'archived'))`,
    )
  ) bad.push(`I9 ${r.id} is todo although all its parents are done`);
  return bad;
}
