/**
 * The store applies the rulebook's plans: random operation sequences (fixed seeds) run through
 * the SQLite store's verbs and, side by side, through the in-memory board of the rulebook's
 * property test; after every step both boards hold the same tasks, runs, links, retry rows,
 * comments and events, and refuse the same operations with the same codes. The dispatcher's
 * operations go through the dispatch store's verbs (which answer false, not an error, when a
 * run lost its claim).
 */

import { deepEqual, equal, fail } from "../support/assert.ts";
import {
  type Actor,
  ConflictError,
  decide,
  HermesError,
  NotFoundError,
  type Operation,
  type Task,
} from "../../lib/board/mod.ts";
import { type DispatchStore, openDispatch } from "../../lib/store/engine.ts";
import { openBoard, PATCH_COLUMNS, SOMEONE, type Store } from "../../lib/store/mod.ts";
import { BoardModel } from "../board/board_model.ts";
import { createRandom, randomSteps } from "../board/random_ops.ts";
import { NOW } from "../board/rulebook_fixtures.ts";
import { invariantViolations, withBoard } from "../board/fixtures.ts";
import { foreignRows } from "../support/board.ts";
import { tempHome } from "../support/home.ts";
import { prng } from "../support/prng.ts";

const SEQUENCES = 40;

/** The dispatcher as the dispatch store acts: its verbs name the profile, or nobody. */
const DISPATCHER: Actor = { kind: "dispatcher", name: "dispatcher" };
const STEPS = 60;

function columns(t: Task): Record<string, unknown> {
  return Object.fromEntries([...PATCH_COLUMNS].map((f) => [f, t[f]]));
}

/** Carry `op` out through the store's verb for it; returns the actor the store decides as. */
function viaStore(s: Store, id: string, op: Operation, actor: Actor): Actor {
  switch (op.op) {
    case "claim":
      s.claim(id, op.lock, op.ttlSeconds);
      return SOMEONE;
    case "heartbeat":
      s.heartbeat(id, op.note, op.ttlSeconds, actor);
      return actor;
    case "complete":
      s.complete(id, op, actor);
      return actor;
    case "block":
      s.block(id, op.reason, actor, op.kind);
      return actor;
    case "unblock":
      s.unblock(id, op.reason);
      return SOMEONE;
    case "archive":
      s.archive(id);
      return SOMEONE;
    case "promote":
      s.promote(id);
      return SOMEONE;
    case "link":
      s.link(op.parentId, id);
      return SOMEONE;
    case "unlink":
      s.unlink(op.parentId, id);
      return SOMEONE;
    case "comment":
      s.comment(id, op.author, op.body);
      return { kind: "person", name: op.author };
    case "assign":
      s.assign(id, op.assignee);
      return SOMEONE;
    case "reclaim":
      s.reclaim(id, op.reason);
      return SOMEONE;
    case "reassign":
      s.reassign(id, op.assignee, op);
      return SOMEONE;
    case "run_ended":
    case "release":
    case "extend":
    case "defer":
      if (!viaDispatch(openDispatch(s), id, op)) {
        // The dispatch store answers false for a task that is gone and for a lost run alike.
        if (s.getTask(id) === null) throw new NotFoundError(`no such task: ${id}`);
        throw new ConflictError("the dispatch store recorded nothing", "run_lost");
      }
      return DISPATCHER;
    default:
      s.perform(id, op, actor);
      return actor;
  }
}

/** The dispatcher's store verbs, as the dispatcher calls them; false when nothing was recorded. */
function viaDispatch(
  ds: DispatchStore,
  id: string,
  op: Extract<Operation, { op: "run_ended" | "release" | "extend" | "defer" }>,
): boolean {
  switch (op.op) {
    case "release":
      return ds.reclaim(id, op.runId, op.reason);
    case "extend":
      return ds.extend(id, op.runId, op.ttlSeconds, op.pid);
    case "defer":
      return ds.defer(id, op.runId, op.until, op.reason);
    case "run_ended": {
      const { runId, end } = op;
      switch (end.kind) {
        case "done":
          return ds.complete(id, runId, end.result, 0, DISPATCHER.name);
        case "blocked":
          return ds.block(id, runId, end.reason, 78, DISPATCHER.name);
        case "retry_later":
          return ds.retryLater(id, runId, end.exitCode, end.delayFor) !== null;
        case "failed":
          return ds.fail({
            taskId: id,
            runId,
            kind: end.failure,
            error: end.error,
            counted: end.counted,
            limit: end.limit,
            payload: end.payload,
            reason: end.giveUpReason,
          }).applied;
      }
    }
  }
}

/** The actor the store decides `op` as (verbs without an actor decide as SOMEONE). */
function storeActor(op: Operation, actor: Actor): Actor {
  if (op.op === "comment") return { kind: "person", name: op.author };
  if (["run_ended", "release", "extend", "defer"].includes(op.op)) return DISPATCHER;
  return [
      "claim",
      "unblock",
      "archive",
      "promote",
      "link",
      "unlink",
      "assign",
      "reclaim",
      "reassign",
    ]
      .includes(op.op)
    ? SOMEONE
    : actor;
}

function compare(s: Store, m: BoardModel, where: string): void {
  for (const [id, t] of m.tasks) {
    deepEqual(columns(s.requireTask(id)), columns(t), `${where}: task ${id}`);
    deepEqual(
      s.runs(id).map((r) => ({
        id: r.id,
        status: r.status,
        open: r.ended_at === null,
        claimExpires: r.claim_expires,
        lastHeartbeatAt: r.last_heartbeat_at,
        summary: r.summary,
        error: r.error,
      })),
      [...m.runs.values()].filter((r) => r.taskId === id).sort((a, b) => a.id - b.id)
        .map(({ taskId: _, ...r }) => r),
      `${where}: runs of ${id}`,
    );
  }
  deepEqual(
    s.events({ afterId: 0, limit: 1_000_000 }).map((e) => ({
      taskId: e.task_id,
      kind: e.kind,
      payload: e.payload,
      runId: e.run_id,
    })),
    m.events,
    `${where}: events`,
  );
  deepEqual(
    s.allLinks().map((r) => `${r.parent_id}>${r.child_id}`).sort(),
    [...m.links].sort(),
    `${where}: links`,
  );
  deepEqual(
    foreignRows<{ t: string; n: number; a: number }>(
      s.path,
      "SELECT task_id AS t, not_before AS n, attempts AS a FROM hx_task_retry ORDER BY task_id",
    ).map((r) => [r.t, { notBefore: r.n, attempts: r.a }]),
    [...m.retry].sort(([a], [b]) => a < b ? -1 : 1),
    `${where}: retry rows`,
  );
  deepEqual(
    foreignRows<{ t: string; d: number }>(
      s.path,
      "SELECT task_id AS t, due_at AS d FROM hx_task_schedule ORDER BY task_id",
    ).map((r) => [r.t, r.d]),
    [...m.schedule].sort(([a], [b]) => a < b ? -1 : 1),
    `${where}: schedule rows`,
  );
  for (const id of m.tasks.keys()) {
    equal(s.scheduledAt(id), m.schedule.get(id) ?? null, `${where}: ${id}'s time`);
  }
  equal(
    s.listTasks({ includeArchived: true }).reduce(
      (n, t) => n + s.showTask(t.id).comments.length,
      0,
    ),
    m.comments.length,
    `${where}: comments`,
  );
}

Deno.test("store applies the rulebook's plans as the in-memory board does, over random sequences", async () => {
  for (let seq = 0; seq < SEQUENCES; seq++) {
    await using home = await tempHome();
    let now = NOW;
    const s = openBoard(home.path, "default", { create: true, clock: () => now });
    try {
      const rnd = prng(0xb0a2d + seq);
      const m = new BoardModel();
      // Odd seeds keep tasks going round the dispatcher's loop; even ones roam every verb.
      const busy = seq % 2 === 1;
      const create = () => {
        const c = createRandom(m, rnd);
        const input = { title: "t", assignee: c.assignee, parents: c.parents, triage: c.triage };
        if (!c.decision.ok) {
          try {
            s.createTask(input);
            fail(`seed ${seq}: the store created what the rulebook refuses`);
          } catch (e) {
            equal((e as HermesError).code, c.decision.error.code);
          }
          return;
        }
        const { task } = s.createTask(input);
        m.create(c.decision.plan, { assignee: c.assignee }, task.id);
      };
      for (let i = 0; i < 3; i++) create();
      for (const next of randomSteps(m, rnd, now, STEPS, busy)) {
        now = next.now;
        if (next.kind === "create") {
          create();
          continue;
        }
        const { step, id, op, actor } = next;
        const where = `seed ${seq} step ${step}: ${op.op} ${JSON.stringify(op)} on ${id} by ` +
          JSON.stringify(actor);
        const d = decide(op, m.facts(id), storeActor(op, actor), now);
        try {
          viaStore(s, id, op, actor);
          if (!d.ok) {
            fail(`${where}: the store allowed what the rulebook refuses (${d.error.code})`);
          }
        } catch (e) {
          if (!(e instanceof HermesError)) throw e;
          equal(e.code, d.ok ? "(allowed)" : d.error.code, `${where}: ${e.message}`);
        }
        if (d.ok) m.apply(d.plan, now);
        compare(s, m, where);
      }
    } finally {
      s.close();
    }
  }
});

Deno.test("store: a run that ends or is released waits in todo while a parent linked since the claim is not done", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const ds = openDispatch(s);
    const outcomes: Record<string, (id: string, runId: number) => unknown> = {
      "reclaim": (id) => s.reclaim(id, "stuck"),
      "reassign --reclaim": (id) => s.reassign(id, "other", { reclaim: true, reason: null }),
      "release": (id, runId) => ds.reclaim(id, runId, "claim expired"),
      "retry later": (id, runId) => ds.retryLater(id, runId, 75, () => 60),
      "failed": (id, runId) =>
        ds.fail({
          taskId: id,
          runId,
          kind: "crashed",
          error: "gone",
          counted: true,
          limit: 3,
          reason: () => "gave up",
        }),
    };
    for (const [name, end] of Object.entries(outcomes)) {
      const id = s.createTask({ title: name, assignee: "a" }).task.id;
      const { run } = s.claim(id, "h:1", 900);
      const parent = s.createTask({ title: `${name} parent` }).task.id;
      s.link(parent, id);
      end(id, run.id);
      equal(s.requireTask(id).status, "todo", name);
      s.complete(parent, {}, SOMEONE);
      equal(s.requireTask(id).status, "ready", `${name}: ready once the parent is done`);
    }
    deepEqual(invariantViolations(s), []);
  });
});
