/**
 * The dispatcher and the statuses Hermes v0.18 added: a scheduled task runs at its time (the
 * loop's waker sleeps until the earliest one; a schedule set by another process wakes it to
 * look again), and a task in review is claimed for its reviewer, after the ready ones.
 */

import { provenWorker } from "../support/runs.ts";
import { deepEqual, equal, ok } from "../support/assert.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { waitFor } from "../support/wait.ts";
import { eventKinds, fixture, lastEvent, runsOf } from "./fixture.ts";

const PERSON = { kind: "person", name: "ann" } as const;

/** Unix seconds now. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

Deno.test("a scheduled task runs at its time, not a sweep later: the loop sleeps until it", async () => {
  await using fx = await fixture();
  const t = fx.create("later", { body: "exit 0" });
  const due = nowSeconds() + 2;
  fx.store.perform(t.id, { op: "schedule", until: due, reason: "after the deploy" }, PERSON);
  equal(fx.task(t.id).status, "scheduled");
  const stop = new AbortController();
  const d = fx.dispatcher({ signal: stop.signal });
  // A sweep an hour apart: only the waker's deadline can start the task within the wait below.
  const loop = d.run({ intervalSeconds: 3600 });
  try {
    await waitFor(() => fx.task(t.id).status === "done", {
      timeoutMs: 20_000,
      what: "the scheduled task to run and finish",
    });
  } finally {
    stop.abort();
    await loop;
  }
  const [run] = runsOf(fx.db, t.id);
  ok(Number(run.started_at) >= due, `started at ${run.started_at}, due at ${due}`);
  deepEqual(lastEvent(fx.db, t.id, "schedule_due"), { status: "ready", due_at: due });
  deepEqual(
    eventKinds(fx.db, t.id).filter((k) => ["scheduled", "schedule_due", "claimed"].includes(k)),
    ["scheduled", "schedule_due", "claimed"],
  );
  equal(fx.db.prepare("SELECT COUNT(*) AS n FROM hx_task_schedule").get()?.n, 0, "time forgotten");
});

Deno.test("a schedule set by another process wakes a sleeping loop, which then waits for its time", async () => {
  await using fx = await fixture();
  const stop = new AbortController();
  const d = fx.dispatcher({ signal: stop.signal });
  const loop = d.run({ intervalSeconds: 3600 });
  try {
    // The loop has ticked once (nothing to do) and sleeps; another connection creates a task
    // and schedules it, in one commit.
    await waitFor(() => d.stats().ticks >= 1, { what: "the first tick" });
    const other = openBoard(fx.home.path, "default", { create: false });
    const due = nowSeconds() + 2;
    let id = "";
    try {
      other.tx(() => {
        id = other.createTask({ title: "later", body: "exit 0", assignee: "shell" }).task.id;
        other.perform(id, { op: "schedule", until: due, reason: null }, PERSON);
      });
    } finally {
      other.close();
    }
    const t = fx.task(id);
    await waitFor(() => fx.task(t.id).status === "done", {
      timeoutMs: 20_000,
      what: "the task scheduled meanwhile to run",
    });
    ok(Number(runsOf(fx.db, t.id)[0].started_at) >= due, "not before its time");
  } finally {
    stop.abort();
    await loop;
  }
});

Deno.test("a scheduled task without a time waits until someone releases it; unblock releases it early", async () => {
  await using fx = await fixture();
  const t = fx.create("parked", { body: "exit 0" });
  const early = fx.create("early", { body: "exit 0" });
  fx.store.perform(t.id, { op: "schedule", until: null, reason: "when the freeze ends" }, PERSON);
  fx.store.perform(early.id, { op: "schedule", until: nowSeconds() + 3600, reason: null }, PERSON);
  const d = fx.dispatcher();
  const r = await d.tick();
  deepEqual([r.spawned.length, r.schedule_due], [0, []]);
  equal(d.store.nextScheduledAt(nowSeconds()) !== null, true, "the timed one is armed");
  fx.store.unblock(early.id, "needed now");
  await d.tick();
  await waitFor(() => fx.task(early.id).status === "done", { what: "the released task to run" });
  equal(fx.task(t.id).status, "scheduled");
  equal(d.store.nextScheduledAt(nowSeconds()), null, "the released task's time is gone");
});

Deno.test("a task in review is claimed for its reviewer, after the ready tasks, without asking its parents", async () => {
  await using fx = await fixture(`
kanban:
  kill_grace_seconds: 0.3
  max_workers: 1
`);
  const gate = fx.create("gate", { assignee: null });
  const reviewed = fx.create("reviewed", { body: "exit 0" });
  fx.store.perform(reviewed.id, { op: "review", reviewer: "shell", note: "PR 7" }, PERSON);
  // A parent linked since: a review does not wait for it (Hermes does not ask again).
  fx.store.link(gate.id, reviewed.id);
  const ready = fx.create("ready first", { body: "exit 0" });
  const d = fx.dispatcher();
  const first = await d.tick();
  deepEqual(first.spawned.map((s) => s.task_id), [ready.id], "one slot: the ready task first");
  await waitFor(() => fx.task(ready.id).status === "done", { what: "the ready task" });
  const second = await d.tick();
  deepEqual(second.spawned.map((s) => s.task_id), [reviewed.id]);
  equal(lastEvent(fx.db, reviewed.id, "claimed")?.source_status, "review");
  // The reviewer's exit 0 (exit_code completion) approves it.
  await waitFor(() => fx.task(reviewed.id).status === "done", { what: "the review to approve" });
  deepEqual(runsOf(fx.db, reviewed.id).map((r) => r.status), ["done"]);
});

Deno.test("a reviewer sends the work back: its worker is stopped, the task goes back to its worker", async () => {
  await using fx = await fixture();
  const t = fx.create("write the docs", { body: "sleep 30", assignee: "writer" });
  fx.store.perform(t.id, { op: "review", reviewer: "shell", note: null }, PERSON);
  const d = fx.dispatcher();
  equal((await d.tick()).spawned.length, 1);
  await waitFor(() => fx.task(t.id).worker_pid !== null, { what: "the reviewer to start" });
  const task = fx.task(t.id);
  // The reviewer proves its run as the dispatcher's worker would (the run's secret, hashed).
  const reviewer = provenWorker(fx.store, t.id, task.current_run_id!, "shell");
  fx.store.perform(t.id, { op: "send_back", reason: "the examples fail", to: null }, reviewer);
  const after = fx.task(t.id);
  deepEqual([after.status, after.assignee], ["ready", "writer"]);
  await waitFor(async () => (await d.tick()).killed.includes(t.id), {
    what: "the reviewer's process to be stopped",
  });
  equal(runsOf(fx.db, t.id)[0].status, "sent_back", "the reviewer's run");
  ok(fx.store.showTask(t.id).comments.some((c) => c.body === "SENT BACK: the examples fail"));
});
