/**
 * Random sequences of operations by random actors (fixed seeds), decided by the rulebook and
 * applied to an in-memory board (board_model.ts); the board's invariants are checked after
 * every step.
 */

import { deepEqual, ok } from "../support/assert.ts";
import {
  decide,
  needsChildren,
  parentSatisfied,
  type Status,
  STATUSES,
} from "../../lib/board/mod.ts";
import { prng } from "../support/prng.ts";
import { BoardModel } from "./board_model.ts";
import { createRandom, FAILURE_LIMIT, randomSteps } from "./random_ops.ts";
import { NOW, seenBy } from "./rulebook_fixtures.ts";

const SEQUENCES = 300;
const STEPS = 60;

/** Every broken invariant of the board, in words. */
function violations(m: BoardModel, manualTodo: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  const open = [...m.runs.values()].filter((r) => r.open);
  for (const [id, t] of m.tasks) {
    const running = t.status === "running";
    const mine = open.filter((r) => r.taskId === id);
    if (running && (mine.length !== 1 || mine[0].id !== t.current_run_id)) {
      bad.push(`${id} is running without exactly one open run that it points at`);
    }
    if (!running && (mine.length !== 0 || t.current_run_id !== null)) {
      bad.push(`${id} is ${t.status} but holds run ${t.current_run_id} / ${mine.length} open`);
    }
    if (running !== (t.claim_lock !== null)) {
      bad.push(`${id} is ${t.status} with lock ${t.claim_lock}`);
    }
    const parents = m.parentIds(id).map((p) => m.tasks.get(p)!.status);
    if (t.status === "ready" && !parents.every(parentSatisfied)) {
      bad.push(`${id} is ready although a parent is not done (${parents})`);
    }
    if (
      t.status === "todo" && parents.length > 0 && parents.every(parentSatisfied) &&
      !manualTodo.has(id)
    ) bad.push(`${id} waits in todo although its parents are done`);
    if (t.status === "done" && t.completed_at === null) bad.push(`${id} is done without a time`);
    if (t.consecutive_failures >= FAILURE_LIMIT && !["blocked", "archived"].includes(t.status)) {
      bad.push(`${id} is ${t.status} with ${t.consecutive_failures} failures`);
    }
    if (m.schedule.has(id) && t.status !== "scheduled") {
      bad.push(`${id} is ${t.status} but keeps a scheduled time`);
    }
    if (t.status === "done" && (t.block_kind !== null || t.block_recurrences !== 0)) {
      bad.push(`${id} is done but remembers block ${t.block_kind} x${t.block_recurrences}`);
    }
    const successes = [...m.runs.values()].filter((r) => r.taskId === id && r.status === "done");
    if (successes.length > 1) bad.push(`${id} succeeded ${successes.length} times`);
  }
  for (const r of m.runs.values()) {
    if (r.open !== (r.status === "running")) bad.push(`run ${r.id} is ${r.status}, open=${r.open}`);
  }
  for (const e of m.events) {
    if (e.runId !== null && !m.runs.has(e.runId)) bad.push(`event ${e.kind} names run ${e.runId}`);
    if (!m.tasks.has(e.taskId)) bad.push(`event ${e.kind} names task ${e.taskId}`);
  }
  return bad;
}

Deno.test("rulebook keeps the board's invariants over random operation sequences", () => {
  let applied = 0;
  const seen = new Set<string>();
  for (let seq = 0; seq < SEQUENCES; seq++) {
    const rnd = prng(0x5eed + seq);
    const m = new BoardModel();
    // Odd seeds keep tasks going round the dispatcher's loop; even ones roam every verb.
    const busy = seq % 2 === 1;
    const manualTodo = new Set<string>();
    const create = () => {
      const c = createRandom(m, rnd);
      if (c.decision.ok) m.create(c.decision.plan, { assignee: c.assignee });
    };
    for (let i = 0; i < 3; i++) create();
    for (const next of randomSteps(m, rnd, NOW, STEPS, busy)) {
      if (next.kind === "create") {
        create();
        continue;
      }
      const { step, now, id, op, actor } = next;
      // As the store tells them to the actor (a worker with a run has proven it).
      const facts = seenBy(m.facts(id), actor);
      const d = decide(op, facts, actor, now);
      const where = `seed ${seq} step ${step}: ${op.op} ${JSON.stringify(op)} on ${id} ` +
        `(${facts.task?.status}) by ${actor.kind}`;
      seen.add(`${op.op}:${d.ok ? "ok" : d.error.code}`);
      if (!d.ok) continue;
      const plan = d.plan;
      ok(!plan.changed || plan.events.length > 0, `${where}: a change without an event`);
      // The store reads children only where needsChildren says so: without them the plan is
      // the same but for the children it readies.
      const bare = decide(op, { ...facts, children: [] }, actor, now);
      ok(bare.ok, where);
      deepEqual({ ...bare.plan, then: [] }, { ...plan, then: [] }, where);
      if (!needsChildren(op)) deepEqual(plan.then, [], `${where}: readies children`);
      const before = m.statuses();
      m.apply(plan, now);
      applied++;
      const after = m.statuses();
      for (const [tid, was] of Object.entries(before)) {
        const is = after[tid];
        if (is !== was) manualTodo.delete(tid);
        if (was === "archived") ok(is === "archived", `${where}: ${tid} left archived for ${is}`);
        if (was === "done" && is !== "done") {
          ok(
            is === "archived" && tid === id &&
              (op.op === "archive" || (op.op === "move" && op.to === "archived")),
            `${where}: ${tid} left done for ${is}`,
          );
        }
      }
      if (op.op === "move" && after[id] === "todo" && before[id] !== "todo") manualTodo.add(id);
      deepEqual(violations(m, manualTodo), [], where);
    }
  }
  // The sequences reach deep states: every operation was both allowed and refused somewhere.
  // (Workers may ask for few operations, so a fifth of the steps applying is plenty.)
  ok(applied > SEQUENCES * STEPS / 5, `only ${applied} plans applied`);
  for (
    const name of [
      "claim",
      "complete",
      "block",
      "unblock",
      "link",
      "unlink",
      "move",
      "run_ended",
      "schedule",
      "wake",
      "review",
      "send_back",
    ]
  ) {
    ok([...seen].some((s) => s === `${name}:ok`), `${name} never allowed`);
    ok(
      [...seen].some((s) => s.startsWith(`${name}:`) && s !== `${name}:ok`),
      `${name} never refused`,
    );
  }
  for (
    const code of [
      "not_your_task",
      "stale_run",
      "run_lost",
      "parents_pending",
      "cycle",
      "not_due",
      "not_in_review",
      "invalid_time",
      "invalid_block_kind",
    ]
  ) {
    ok([...seen].some((s) => s.endsWith(`:${code}`)), `no refusal ${code}`);
  }
});

Deno.test("rulebook status rules cover every status", () => {
  const statuses: Status[] = [...STATUSES];
  deepEqual(statuses.filter(parentSatisfied), ["done", "archived"]);
});
