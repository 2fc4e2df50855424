/**
 * Random sequences of board operations and dispatcher ticks (fixed seed, real
 * `true`/`false` workers), with the board's invariants (INVARIANTS) checked after every step.
 */

import { deepEqual, equal, ok } from "../support/assert.ts";
import type { DatabaseSync } from "node:sqlite";
import type { Task } from "../../lib/board/mod.ts";
import { readAllStatsAsync } from "../../lib/workers/mod.ts";
import { waitFor } from "../support/wait.ts";
import { prng } from "../support/prng.ts";
import { fixture, pids } from "./fixture.ts";

const SEQUENCES = 200;
const STEPS = 16;
const MAX_WORKERS = 3;

const CONFIG = `
kanban:
  kill_grace_seconds: 0.2
  retry_backoff_seconds: 0
  max_workers: ${MAX_WORKERS}
  failure_limit: 2
`;

function rows(db: DatabaseSync, sql: string): unknown[] {
  return db.prepare(sql).all();
}

/** The invariants; each query returns the rows that break one. */
const INVARIANTS: Record<string, string> = {
  "no task has two open runs (claimed twice)":
    "SELECT task_id FROM task_runs WHERE ended_at IS NULL GROUP BY task_id HAVING COUNT(*) > 1",
  "no running task without its open run": `SELECT id FROM tasks t WHERE status = 'running'
     AND NOT EXISTS (SELECT 1 FROM task_runs r WHERE r.id = t.current_run_id
                     AND r.task_id = t.id AND r.ended_at IS NULL)`,
  "current_run_id points at an open run": `SELECT id FROM tasks t WHERE current_run_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM task_runs r WHERE r.id = t.current_run_id AND r.ended_at IS NULL)`,
  "every open run belongs to a running task pointing at it": `SELECT r.id FROM task_runs r
     WHERE r.ended_at IS NULL AND NOT EXISTS (SELECT 1 FROM tasks t
       WHERE t.current_run_id = r.id AND t.status = 'running')`,
  "a claim lock exists only while running":
    "SELECT id FROM tasks WHERE status != 'running' AND claim_lock IS NOT NULL",
  "children are never ready or running before their parents are done": `SELECT c.id
     FROM task_links l JOIN tasks c ON c.id = l.child_id JOIN tasks p ON p.id = l.parent_id
     WHERE c.status IN ('ready', 'running') AND p.status NOT IN ('done', 'archived')`,
  "a todo task never has all its parents done": `SELECT t.id FROM tasks t WHERE t.status = 'todo'
     AND NOT EXISTS (SELECT 1 FROM task_links l JOIN tasks p ON p.id = l.parent_id
       WHERE l.child_id = t.id AND p.status NOT IN ('done', 'archived'))`,
  "an outcome implies an end, and starts precede ends": `SELECT id FROM task_runs
     WHERE (outcome IS NOT NULL AND ended_at IS NULL) OR (ended_at IS NOT NULL AND outcome IS NULL)
        OR ended_at < started_at`,
  "every event's run exists": `SELECT e.id FROM task_events e WHERE e.run_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM task_runs r WHERE r.id = e.run_id)`,
  "a task succeeds at most once":
    "SELECT task_id FROM task_runs WHERE status = 'done' GROUP BY task_id HAVING COUNT(*) > 1",
  "a done task has its completion time":
    "SELECT id FROM tasks WHERE status = 'done' AND completed_at IS NULL",
  "statuses are valid": `SELECT id FROM tasks WHERE status NOT IN
     ('triage', 'todo', 'ready', 'running', 'blocked', 'done', 'archived')`,
};

function check(db: DatabaseSync, where: string): void {
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const bad = rows(db, sql);
    deepEqual(bad, [], `${where}: ${name}`);
  }
  const counts = rows(db, "SELECT status, COUNT(*) AS n FROM tasks GROUP BY status") as {
    n: number;
  }[];
  const total = Number((db.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number }).n);
  equal(counts.reduce((a, r) => a + Number(r.n), 0), total, `${where}: status counts add up`);
  const running = Number(
    (db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE status = 'running'").get() as { n: number })
      .n,
  );
  ok(running <= MAX_WORKERS, `${where}: ${running} running > max_workers ${MAX_WORKERS}`);
}

Deno.test("dispatcher invariants hold over random operations and ticks", async () => {
  const rand = prng(0x5eed);
  const pick = <T>(xs: readonly T[]): T | undefined =>
    xs.length ? xs[Math.floor(rand() * xs.length)] : undefined;
  const person = { kind: "person" as const, name: "fuzz" };
  let ops = 0;
  for (let seq = 0; seq < SEQUENCES; seq++) {
    await using fx = await fixture(CONFIG);
    const d = fx.dispatcher();
    const tasks: Task[] = [];
    const live = (statuses: string[]) =>
      tasks.map((t) => fx.store.getTask(t.id)!).filter((t) => statuses.includes(t.status));
    for (let step = 0; step < STEPS; step++) {
      const r = rand();
      const where = `sequence ${seq} step ${step}`;
      try {
        if (r < 0.3) {
          for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
            const parents = [...new Set([pick(tasks), pick(tasks)])].filter((t) =>
              t !== undefined && rand() < 0.4
            ).map((t) => t!.id);
            const b = rand();
            const body = b < 0.5
              ? "true"
              : b < 0.7
              ? "sleep 0.02"
              : b < 0.85
              ? "false"
              : "[ -f again ] || { touch again; exit 75; }";
            tasks.push(fx.create(`t${step}.${n}`, {
              body,
              parents,
              assignee: rand() < 0.9 ? "shell" : null,
            }));
          }
        } else if (r < 0.6) {
          await d.tick();
        } else if (r < 0.7) {
          await waitFor(() => d.stats().live_workers === 0, { what: `${where}: workers` });
        } else if (r < 0.78) {
          const t = pick(live(["ready", "blocked", "running"]));
          if (t) fx.store.complete(t.id, { result: "by hand" }, person);
        } else if (r < 0.86) {
          const t = pick(live(["ready", "running"]));
          if (t) fx.store.block(t.id, "by hand", person);
        } else if (r < 0.92) {
          const t = pick(live(["blocked"]));
          if (t) fx.store.unblock(t.id);
        } else if (r < 0.96) {
          const t = pick(live(["todo", "ready", "running", "blocked", "done"]));
          if (t) fx.store.archive(t.id);
        } else {
          const t = pick(live(["running", "ready"]));
          // Reassigning with --reclaim closes a live worker's run: the dispatcher must stop it.
          if (t) {
            fx.store.reassign(t.id, rand() < 0.5 ? "shell" : null, { reclaim: true, reason: null });
          }
        }
      } catch (e) {
        // Operations refused by the rules (a race with a worker finishing) are fine; bugs are not.
        if (!(e instanceof Error) || !/cannot|refused|no longer/.test(e.message)) throw e;
      }
      ops++;
      check(fx.db, where);
    }
    const summary = await d.run({ untilIdle: true, pollMs: 2 });
    ok(summary.ticks >= 1);
    check(fx.db, `sequence ${seq} drained`);
    equal(
      Number(
        (fx.db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE status = 'running'").get() as {
          n: number;
        }).n,
      ),
      0,
      `sequence ${seq}: nothing left running`,
    );
    const groups = new Set(pids(fx.db).map((p) => p.pid));
    await waitFor(
      async () =>
        (await readAllStatsAsync()).every((s) =>
          !groups.has(s.pgrp) || s.state === "Z" || s.state === "X"
        ),
      { what: `sequence ${seq}: no worker process left` },
    );
  }
  ok(ops === SEQUENCES * STEPS);
});
