/**
 * Random sequences of operations by random actors (fixed seeds), decided by the rulebook and
 * applied to an in-memory board (board_model.ts); the board's invariants are checked after
 * every step.
 */

import { deepEqual, ok } from "node:assert/strict";
import {
  type Actor,
  decide,
  type FailureKind,
  needsChildren,
  type Operation,
  parentSatisfied,
  planCreate,
  type Status,
  STATUSES,
} from "../../lib/board/mod.ts";
import { prng } from "../support/prng.ts";
import { BoardModel } from "./board_model.ts";
import { giveUpReason, NOW } from "./rulebook_fixtures.ts";

const SEQUENCES = 300;
const STEPS = 60;
const FAILURE_LIMIT = 2;
const FAILURES: FailureKind[] = ["spawn_failed", "crashed", "timed_out", "protocol_violation"];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** Create a task with random parents among the board's; refused ones are skipped. */
function createRandom(m: BoardModel, rnd: Rnd): void {
  const ids = [...m.tasks.keys()];
  const parents = ids.filter(() => rnd() < 0.25);
  if (rnd() < 0.05) parents.push("t_nope0001");
  const d = planCreate({
    triage: rnd() < 0.15,
    parents: parents.map((id) => ({ id, status: m.tasks.get(id)?.status ?? null })),
    assignee: rnd() < 0.8 ? "writer" : null,
    tenant: null,
    skills: null,
  });
  if (d.ok) m.create(d.plan, { assignee: rnd() < 0.8 ? "writer" : null });
}

function randomOp(m: BoardModel, rnd: Rnd, id: string, now: number): Operation {
  const t = m.tasks.get(id);
  const runId = rnd() < 0.85 ? t?.current_run_id ?? 1 : 1 + Math.floor(rnd() * 20);
  const other = pick(rnd, [...m.tasks.keys(), "t_nope0001"]);
  const complete = { result: rnd() < 0.5 ? "r" : null, summary: null, metadata: null };
  switch (Math.floor(rnd() * 22)) {
    case 0:
    case 1:
      return { op: "claim", lock: "host:1", ttlSeconds: 60 };
    case 2:
      return { op: "heartbeat", note: null, ttlSeconds: 60 };
    case 3:
      return { op: "complete", ...complete };
    case 4:
      return { op: "block", reason: rnd() < 0.5 ? "why" : "" };
    case 5:
      return { op: "unblock" };
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

function randomActor(m: BoardModel, rnd: Rnd, id: string, op: Operation): Actor {
  const dispatcherOp = ["run_ended", "release", "extend", "defer"].includes(op.op);
  if (dispatcherOp && rnd() < 0.9) return { kind: "dispatcher", name: "writer" };
  const run = m.tasks.get(id)?.current_run_id ?? null;
  return pick<Actor>(rnd, [
    { kind: "person", name: "ann" },
    { kind: "dashboard", name: "dashboard" },
    { kind: "worker", name: "writer", taskId: id, runId: run },
    { kind: "worker", name: "writer", taskId: id, runId: null },
    { kind: "worker", name: "writer", taskId: id, runId: (run ?? 0) + 1 },
    { kind: "worker", name: "editor", taskId: pick(rnd, [...m.tasks.keys()]), runId: 1 },
  ]);
}

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
    const manualTodo = new Set<string>();
    let now = NOW;
    for (let i = 0; i < 3; i++) createRandom(m, rnd);
    for (let step = 0; step < STEPS; step++) {
      now += 1 + Math.floor(rnd() * 30);
      if (rnd() < 0.08) {
        createRandom(m, rnd);
        continue;
      }
      const id = rnd() < 0.03 ? "t_nope0001" : pick(rnd, [...m.tasks.keys()]);
      const op = randomOp(m, rnd, id, now);
      const actor = randomActor(m, rnd, id, op);
      const facts = m.facts(id);
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
  ok(applied > SEQUENCES * STEPS / 4, `only ${applied} plans applied`);
  for (
    const name of ["claim", "complete", "block", "unblock", "link", "unlink", "move", "run_ended"]
  ) {
    ok([...seen].some((s) => s === `${name}:ok`), `${name} never allowed`);
    ok(
      [...seen].some((s) => s.startsWith(`${name}:`) && s !== `${name}:ok`),
      `${name} never refused`,
    );
  }
  for (const code of ["not_your_task", "stale_run", "run_lost", "parents_pending", "cycle"]) {
    ok([...seen].some((s) => s.endsWith(`:${code}`)), `no refusal ${code}`);
  }
});

Deno.test("rulebook status rules cover every status", () => {
  const statuses: Status[] = [...STATUSES];
  deepEqual(statuses.filter(parentSatisfied), ["done", "archived"]);
});
