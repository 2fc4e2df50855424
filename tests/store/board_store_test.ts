import { deepEqual, equal, ok, throws } from "../support/assert.ts";
import {
  InvalidRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
  type Status,
  STATUSES,
} from "../../lib/board/mod.ts";
import { type Actor, openBoard, type Store } from "../../lib/store/mod.ts";
import { tempHome } from "../support/home.ts";
import { provenWorker } from "../support/runs.ts";
import {
  invariantViolations,
  openTestBoard,
  PERSON,
  taskInEachStatus,
  withBoard,
} from "../board/fixtures.ts";
import { foreignWrite } from "../support/board.ts";

/** What an action does to a task in a status: the status after, or a refusal. */
type Outcome = Status | "refused";

interface Row {
  apply: (s: Store, id: string) => unknown;
  /** The event kind an allowed action writes. */
  event: string;
  expect: Record<Status, Outcome>;
}

const R = "refused";

/** Allowed from every status, which it keeps, but refused while the task runs. */
const KEPT_UNLESS_RUNNING: Row["expect"] = {
  triage: "triage",
  todo: "todo",
  scheduled: "scheduled",
  ready: "ready",
  running: R,
  blocked: "blocked",
  review: "review",
  done: "done",
  archived: "archived",
};

/**
 * Hermes's state machine, action by action, with its later guards: parents must be done at claim
 * and unblock, and archived parents count as done.
 */
const TABLE: Record<string, Row> = {
  complete: {
    apply: (s, id) => s.complete(id, { result: "r" }, PERSON),
    event: "completed",
    // done → done: completing again with the same result is a no-op success.
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: "done",
      running: "done",
      blocked: "done",
      review: "done",
      done: "done",
      archived: R,
    },
  },
  block: {
    apply: (s, id) => s.block(id, "why", PERSON),
    event: "blocked",
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: "blocked",
      running: "blocked",
      blocked: R,
      review: R,
      done: R,
      archived: R,
    },
  },
  unblock: {
    apply: (s, id) => s.unblock(id),
    event: "unblocked",
    expect: {
      triage: R,
      todo: R,
      scheduled: "ready",
      ready: R,
      running: R,
      blocked: "ready",
      review: R,
      done: R,
      archived: R,
    },
  },
  archive: {
    apply: (s, id) => s.archive(id),
    event: "archived",
    expect: {
      triage: "archived",
      todo: "archived",
      scheduled: "archived",
      ready: "archived",
      running: "archived",
      blocked: "archived",
      review: "archived",
      done: "archived",
      archived: R,
    },
  },
  claim: {
    apply: (s, id) => s.claim(id, "other-host:2", 900),
    event: "claimed",
    // A task in review is claimed for its reviewer.
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: "running",
      running: R,
      blocked: R,
      review: "running",
      done: R,
      archived: R,
    },
  },
  promote: {
    apply: (s, id) => s.promote(id),
    event: "promoted",
    // The todo fixture waits on an undone parent, so promoting it is refused.
    expect: {
      triage: "ready",
      todo: R,
      scheduled: "ready",
      ready: R,
      running: R,
      blocked: R,
      review: R,
      done: R,
      archived: R,
    },
  },
  heartbeat: {
    apply: (s, id) => s.heartbeat(id, null, 900, PERSON),
    event: "heartbeat",
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: R,
      running: "running",
      blocked: R,
      review: R,
      done: R,
      archived: R,
    },
  },
  assign: {
    apply: (s, id) => s.assign(id, "other"),
    event: "assigned",
    // A running task's worker holds the claim: refused, as Hermes refuses it.
    expect: KEPT_UNLESS_RUNNING,
  },
  reclaim: {
    apply: (s, id) => s.reclaim(id, "stuck"),
    event: "reclaimed",
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: R,
      running: "ready",
      blocked: R,
      review: R,
      done: R,
      archived: R,
    },
  },
  reassign: {
    apply: (s, id) => s.reassign(id, "other", { reclaim: false, reason: null }),
    event: "assigned",
    expect: KEPT_UNLESS_RUNNING,
  },
  "reassign --reclaim": {
    apply: (s, id) => s.reassign(id, "other", { reclaim: true, reason: null }),
    event: "assigned",
    expect: {
      triage: "triage",
      todo: "todo",
      scheduled: "scheduled",
      ready: "ready",
      running: "ready",
      blocked: "blocked",
      review: "review",
      done: "done",
      archived: "archived",
    },
  },
  schedule: {
    apply: (s, id) => s.perform(id, { op: "schedule", until: null, reason: "later" }, PERSON),
    event: "scheduled",
    expect: {
      triage: R,
      todo: "scheduled",
      scheduled: "scheduled",
      ready: "scheduled",
      running: "scheduled",
      blocked: "scheduled",
      review: R,
      done: R,
      archived: R,
    },
  },
  review: {
    apply: (s, id) => s.perform(id, { op: "review", reviewer: "editor", note: null }, PERSON),
    event: "review_requested",
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: "review",
      running: "review",
      blocked: "review",
      review: R,
      done: R,
      archived: R,
    },
  },
  "send back": {
    apply: (s, id) => s.perform(id, { op: "send_back", reason: "fix", to: null }, PERSON),
    event: "sent_back",
    // A running task that is not being reviewed cannot be sent back.
    expect: {
      triage: R,
      todo: R,
      scheduled: R,
      ready: R,
      running: R,
      blocked: R,
      review: "ready",
      done: R,
      archived: R,
    },
  },
};

function eventCount(s: Store, id: string): number {
  return s.events({ afterId: 0, taskId: id, limit: 1_000_000 }).length;
}

for (const [action, row] of Object.entries(TABLE)) {
  Deno.test(`store ${action} follows the state machine from every status`, async () => {
    await using home = await tempHome();
    const s = openTestBoard(home.path);
    try {
      const ids = taskInEachStatus(s);
      for (const from of STATUSES) {
        const id = ids[from];
        const want = row.expect[from];
        const before = eventCount(s, id);
        if (want === R) {
          throws(() => row.apply(s, id), InvalidStateError, `${action} from ${from}`);
          equal(s.requireTask(id).status, from, `${action} from ${from} left the status`);
          equal(eventCount(s, id), before, `${action} from ${from} wrote no event`);
        } else {
          row.apply(s, id);
          equal(s.requireTask(id).status, want, `${action} from ${from}`);
          const last = s.events({ afterId: 0, taskId: id, limit: 1000 }).at(-1);
          if (!(action === "complete" && from === "done")) {
            equal(last?.kind, row.event, `${action} from ${from} wrote its event`);
          }
        }
        deepEqual(invariantViolations(s), [], `invariants after ${action} from ${from}`);
      }
    } finally {
      s.close();
    }
  });
}

Deno.test("store refusals name the task, its status and what the action needs", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const ids = taskInEachStatus(s);
    throws(
      () => s.complete(ids.triage, {}, PERSON),
      /cannot complete t_\w+: it is triage \(complete needs running, ready, blocked or review\)/,
    );
    throws(
      () => s.claim(ids.running, "h:1", 900),
      /cannot claim t_\w+: status=running lock=test-host:1/,
    );
    throws(
      () => s.unblock(ids.ready),
      /cannot unblock t_\w+: it is ready, not blocked or scheduled/,
    );
    throws(() => s.promote(ids.todo), /parents are not all done/);
    throws(() => s.archive(ids.archived), /already archived/);
  });
});

Deno.test("store completing a done task with another result is refused", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const { done } = taskInEachStatus(s);
    deepEqual(s.complete(done, { result: "r" }, PERSON).changed, false);
    throws(() => s.complete(done, { result: "other" }, PERSON), InvalidStateError);
    equal(s.requireTask(done).result, "r");
  });
});

Deno.test("store completing a task promotes its children once all their parents are done", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const a = s.createTask({ title: "a" }).task.id;
    const b = s.createTask({ title: "b" }).task.id;
    const fanIn = s.createTask({ title: "c", parents: [a, b] }).task.id;
    const chain = s.createTask({ title: "d", parents: [fanIn] }).task.id;
    const triaged = s.createTask({ title: "e", parents: [a], triage: true }).task.id;
    s.complete(a, {}, PERSON);
    equal(s.requireTask(fanIn).status, "todo", "fan-in waits for every parent");
    equal(s.requireTask(triaged).status, "triage", "triage is never promoted by itself");
    s.complete(b, {}, PERSON);
    equal(s.requireTask(fanIn).status, "ready");
    equal(s.requireTask(chain).status, "todo", "grandchildren wait for their own parent");
    deepEqual(invariantViolations(s), []);
  });
});

Deno.test("store archived parents count as done", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const p = s.createTask({ title: "p" }).task.id;
    const c = s.createTask({ title: "c", parents: [p] }).task.id;
    s.archive(p);
    equal(s.requireTask(c).status, "ready");
  });
});

Deno.test("store link demotes a ready child unless the parent is done, and refuses cycles", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const a = s.createTask({ title: "a" }).task.id;
    const b = s.createTask({ title: "b" }).task.id;
    const c = s.createTask({ title: "c" }).task.id;
    const done = s.createTask({ title: "done" }).task.id;
    s.complete(done, {}, PERSON);
    s.link(done, c);
    equal(s.requireTask(c).status, "ready", "a done parent does not demote");
    s.link(a, b);
    s.link(b, c);
    equal(s.requireTask(b).status, "todo");
    equal(s.requireTask(c).status, "todo");
    throws(() => s.link(c, a), InvalidRequestError);
    throws(() => s.link(c, a), /linking t_\w+ -> t_\w+ would create a cycle/);
    throws(() => s.link(a, a), /a task cannot depend on itself/);
    throws(() => s.link(a, "t_00000000"), NotFoundError);
    throws(() => s.unlink(c, a), /No such link/);
    s.unlink(a, b);
    equal(s.requireTask(b).status, "ready", "unlink recomputes readiness");
    deepEqual(invariantViolations(s), []);
  });
});

Deno.test("store claim and unblock respect undone parents", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const p = s.createTask({ title: "p" }).task.id;
    const c = s.createTask({ title: "c" }).task.id;
    s.block(c, "wait", PERSON);
    s.link(p, c);
    s.unblock(c);
    equal(s.requireTask(c).status, "todo", "unblock with an undone parent goes to todo");
    // A ready task with an undone parent can only come from a foreign writer; claim still refuses.
    foreignWrite(home.path, "UPDATE tasks SET status = 'ready' WHERE id = ?", c);
    throws(() => s.claim(c, "h:1", 900), /parents are not all done/);
  });
});

Deno.test("store promote moves a todo task whose parents are done and a triage task with pending parents to todo", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const p = s.createTask({ title: "p" }).task.id;
    const t = s.createTask({ title: "t", triage: true, parents: [p] }).task.id;
    equal(s.promote(t).status, "todo");
    const lone = s.createTask({ title: "lone" }).task.id;
    foreignWrite(home.path, "UPDATE tasks SET status = 'todo' WHERE id = ?", lone);
    equal(s.promote(lone).status, "ready");
  });
});

Deno.test("store assign refuses a running task with Hermes's message and changes nothing", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const id = s.createTask({ title: "x", assignee: "a" }).task.id;
    const { run } = s.claim(id, "h:1", 900);
    const before = s.requireTask(id);
    throws(
      () => s.assign(id, "b"),
      (e: Error) =>
        e instanceof InvalidStateError && e.code === "running" &&
        e.message === `cannot reassign ${id}: currently running (claimed). ` +
            "Wait for completion or reclaim the stale lock first.",
    );
    deepEqual(s.requireTask(id), before);
    equal(s.runRow(run.id)?.ended_at, null, "the run stays open");
  });
});

Deno.test("store reclaim closes the run as a manual reclaim and resets the failure count", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const id = s.createTask({ title: "x", assignee: "a" }).task.id;
    const { run } = s.claim(id, "h:1", 900);
    foreignWrite(
      home.path,
      "UPDATE tasks SET consecutive_failures = 1, last_failure_error = 'x' WHERE id = ?",
      id,
    );
    const t = s.reclaim(id, "stuck");
    deepEqual(
      [t.status, t.claim_lock, t.current_run_id, t.consecutive_failures, t.last_failure_error],
      ["ready", null, null, 0, null],
    );
    const r = s.runRow(run.id)!;
    deepEqual([r.status, r.outcome, r.error], ["reclaimed", "reclaimed", "manual_reclaim: stuck"]);
    const ev = s.events({ afterId: 0, taskId: id, kinds: ["reclaimed"] }).at(-1);
    deepEqual([ev?.run_id, ev?.payload], [run.id, {
      manual: true,
      reason: "stuck",
      prev_lock: "h:1",
    }]);
    // Without a reason the run names the lock it took away.
    const again = s.claim(id, "h:2", 900).run;
    s.reclaim(id, null);
    equal(s.runRow(again.id)?.error, "manual_reclaim lock=h:2");
    throws(
      () => s.reclaim(id, null),
      /^InvalidStateError: cannot reclaim t_\w+ \(not running or unknown id\)$/,
    );
    throws(() => s.reclaim("t_00000000", null), NotFoundError);
    deepEqual(invariantViolations(s), []);
  });
});

Deno.test("store reassign releases a running task only with reclaim, in one transaction", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const id = s.createTask({ title: "x", assignee: "a" }).task.id;
    const { run } = s.claim(id, "h:1", 900);
    throws(
      () => s.reassign(id, "b", { reclaim: false, reason: null }),
      /cannot reassign t_\w+ \(unknown id, or still running — pass --reclaim to release first\)/,
    );
    equal(s.requireTask(id).assignee, "a");
    const { task, reclaimed } = s.reassign(id, "b", { reclaim: true, reason: null });
    deepEqual([task.status, task.assignee, reclaimed], ["ready", "b", true]);
    equal(s.runRow(run.id)?.error, "manual_reclaim: reassign");
    const kinds = s.events({ afterId: 0, taskId: id }).map((e) => e.kind);
    deepEqual(kinds.slice(-2), ["reclaimed", "assigned"]);
    deepEqual(s.reassign(id, null, { reclaim: true, reason: null }).reclaimed, false);
    throws(() => s.reassign("t_00000000", "b", { reclaim: true, reason: null }), NotFoundError);
    deepEqual(invariantViolations(s), []);
  });
});

Deno.test("store workers may complete, block and heartbeat only their own task with its current run", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const mine = s.createTask({ title: "mine" }).task.id;
    const other = s.createTask({ title: "other" }).task.id;
    // The first run's worker goes stale: its claim is reclaimed and the task claimed again.
    const first = s.claim(mine, "h:1", 900).run;
    const stale: Actor = provenWorker(s, mine, first.id);
    s.reclaim(mine, "stuck");
    const { run } = s.claim(mine, "h:1", 900);
    s.claim(other, "h:1", 900);
    const worker: Actor = provenWorker(s, mine, run.id);
    const forged: Actor = { ...worker, credential: "0".repeat(64) };
    for (
      const [verb, act] of [
        ["complete", (a: Actor, id: string) => s.complete(id, {}, a)],
        ["block", (a: Actor, id: string) => s.block(id, "x", a)],
        ["heartbeat", (a: Actor, id: string) => s.heartbeat(id, null, 900, a)],
      ] as const
    ) {
      throws(() => act(worker, other), PermissionError, `${verb} of another task`);
      throws(() => act(worker, other), /may only .* the task it holds/);
      throws(() => act(stale, mine), /no longer holds/, `${verb} with a stale run`);
      throws(() => act(forged, mine), /prove its run/, `${verb} without the run's secret`);
    }
    equal(s.requireTask(other).status, "running");
    s.heartbeat(mine, "alive", 900, worker);
    equal(s.complete(mine, { summary: "ok" }, worker).task.status, "done");
  });
});

Deno.test("store heartbeat extends the lease and never shortens it", async () => {
  await using home = await tempHome();
  let now = 1_000_000;
  const s = openBoard(home.path, "default", { create: true, clock: () => now });
  try {
    const id = s.createTask({ title: "x" }).task.id;
    const { run } = s.claim(id, "h:1", 100);
    equal(s.requireTask(id).claim_expires, now + 100);
    now += 50;
    equal(s.heartbeat(id, null, 100, PERSON).claim_expires, now + 100);
    equal(s.heartbeat(id, null, 10, PERSON).claim_expires, now + 100, "a short TTL never shrinks");
    equal(s.runRow(run.id)?.claim_expires, now + 100, "nor does it shrink the run's lease");
  } finally {
    s.close();
  }
});

Deno.test("store worker context data caps attempts and comments and finds hand-offs", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const parent = s.createTask({ title: "parent", assignee: "w" }).task.id;
    s.claim(parent, "h:1", 900);
    s.complete(parent, { result: "the result", summary: "the summary" }, PERSON);
    const resultOnly = s.createTask({ title: "r" }).task.id;
    s.complete(resultOnly, { result: "only a result" }, PERSON);
    const id = s.createTask({ title: "t", assignee: "w", parents: [parent, resultOnly] }).task.id;
    for (let i = 0; i < 12; i++) {
      s.claim(id, "h:1", 900);
      // A new reason each time, or the unblock-loop breaker would send it to triage.
      s.block(id, `attempt ${i + 1}`, PERSON, i % 2 ? "capability" : "needs_input");
      s.unblock(id);
    }
    s.claim(id, "h:1", 900);
    for (let i = 0; i < 35; i++) s.comment(id, "a", `c${i}`);
    const d = s.workerContextData(id);
    equal(d.attempts.length, 10);
    equal(d.attemptsOmitted, 2);
    deepEqual(d.attempts.map((a) => a.number), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    equal(d.attempts[9].run.error, "attempt 12");
    equal(d.comments.length, 30);
    equal(d.commentsOmitted, 17, "12 BLOCKED comments and 35 plain ones, 30 shown");
    equal(d.comments.at(-1)?.body, "c34");
    deepEqual(d.parents.map((p) => p.handoff), ["the summary", "only a result"]);
    deepEqual(d.recent.map((r) => r.task.id), [parent]);
  });
});

Deno.test("store pruneEvents removes only old events of done and archived tasks", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const done = s.createTask({ title: "d" }).task.id;
    s.complete(done, {}, PERSON);
    const live = s.createTask({ title: "l" }).task.id;
    foreignWrite(home.path, "UPDATE task_events SET created_at = 100");
    equal(s.pruneEvents(200, true), 2, "dry run counts created + completed");
    equal(s.events({ afterId: 0, taskId: done }).length, 2, "dry run deletes nothing");
    equal(s.pruneEvents(50, false), 0, "nothing older than the cutoff");
    equal(s.pruneEvents(200, false), 2);
    equal(s.events({ afterId: 0, taskId: done }).length, 0);
    equal(s.events({ afterId: 0, taskId: live }).length, 1);
  });
});

Deno.test("store dataVersion moves when another connection commits", async () => {
  await using home = await tempHome();
  const a = openTestBoard(home.path);
  const b = openTestBoard(home.path);
  try {
    const v0 = a.dataVersion();
    equal(a.dataVersion(), v0, "stable while nothing happens");
    b.createTask({ title: "x" });
    ok(a.dataVersion() !== v0);
  } finally {
    a.close();
    b.close();
  }
});
