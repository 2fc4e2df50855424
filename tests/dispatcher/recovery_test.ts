/**
 * Leases and recovery: expired claims, live workers whose lease ran out, workers
 * that cannot be judged, workers found dead, runs closed by someone else,
 * leftovers after completion, concurrency caps, dry runs and shutdown.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { readStats } from "../../lib/workers/mod.ts";
import { waitFor } from "../support/wait.ts";
import {
  eventKinds,
  fixture,
  groupGone,
  lastEvent,
  runsOf,
  TEST_CONFIG,
  tickUntil,
} from "./fixture.ts";

function dbSnapshot(db: import("node:sqlite").DatabaseSync): string {
  const out: Record<string, unknown> = {};
  for (const t of ["tasks", "task_runs", "task_events", "hx_run_procs", "hx_task_retry"]) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
  }
  return JSON.stringify(out);
}

Deno.test("an expired claim without a worker is reclaimed, not counted, and dispatched again", async () => {
  await using fx = await fixture();
  const t = fx.create("claimed by hand", { body: "echo second try" });
  fx.store.claim(t.id, "somebody:4242", 60);
  const d = fx.dispatcher();
  equal((await d.tick()).reclaimed, 0, "a live claim is left alone");
  fx.skew.seconds = 61;
  const r = await d.tick();
  equal(r.reclaimed, 1);
  deepEqual(r.spawned.map((s) => s.task_id), [t.id]);
  await tickUntil(d, () => fx.task(t.id).status === "done");
  deepEqual(runsOf(fx.db, t.id).map((x) => x.status), ["reclaimed", "done"]);
  equal(lastEvent(fx.db, t.id, "reclaimed")?.stale_lock, "somebody:4242");
  equal(fx.task(t.id).consecutive_failures, 0);
});

Deno.test("a live worker whose lease ran out gets its claim extended, never a second worker", async () => {
  await using fx = await fixture();
  const t = fx.create("long", { body: "sleep 30" });
  const first = fx.dispatcher();
  await first.tick();
  await first.close();
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  fx.skew.seconds = 1000; // past the 900 s lease, within the 3600 s max runtime
  const second = fx.dispatcher();
  const r = await second.tick();
  deepEqual(r.claim_extended, [t.id]);
  equal(r.spawned.length, 0);
  equal(runsOf(fx.db, t.id).length, 1);
  ok(fx.task(t.id).claim_expires! > fx.store.now());
  equal(lastEvent(fx.db, t.id, "claim_extended")?.pid, pid);
});

Deno.test("a claim whose worker cannot be judged from here is deferred, not reclaimed", async () => {
  await using fx = await fixture();
  const t = fx.create("elsewhere");
  const { run } = fx.store.claim(t.id, "otherhost:99", 60);
  fx.db.prepare(
    `INSERT INTO hx_run_procs (run_id, task_id, host, boot_id, pid_ns, pid, start_ticks, log_path)
     VALUES (?, ?, 'otherhost', 'b', 'ns', 99, 1, NULL)`,
  ).run(run.id, t.id);
  fx.skew.seconds = 61;
  const d = fx.dispatcher();
  const r = await d.tick();
  deepEqual(r.reclaim_deferred, [t.id]);
  equal(r.reclaimed, 0);
  equal(fx.task(t.id).status, "running");
  equal(fx.task(t.id).current_run_id, run.id);
  match(String(lastEvent(fx.db, t.id, "reclaim_deferred")?.reason), /cannot be confirmed dead/);
  equal((await d.tick()).reclaim_deferred.length, 0, "deferred for a while, not every tick");
});

Deno.test("a worker found dead when a dispatcher starts is reclaimed without counting", async () => {
  await using fx = await fixture();
  const t = fx.create("orphaned", {
    body: "if [ -f once ]; then echo fine; exit 0; fi; touch once; sleep 30",
  });
  const first = fx.dispatcher();
  await first.tick();
  await first.close();
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  await waitFor(() => Deno.statSync(`${fx.home.path}/kanban/workspaces/${t.id}/once`).isFile);
  Deno.kill(pid, "SIGKILL");
  // SIGKILL lands asynchronously; the point is a worker that is already dead when looked at.
  await waitFor(() => {
    const st = readStats([pid]).get(pid);
    return !st || st.state === "Z" || st.state === "X";
  }, { what: "the worker to die" });
  const second = fx.dispatcher();
  await tickUntil(second, () => fx.task(t.id).status === "done");
  deepEqual(runsOf(fx.db, t.id).map((r) => r.status), ["reclaimed", "done"]);
  equal(runsOf(fx.db, t.id)[0].exit_code, -1);
  ok(!eventKinds(fx.db, t.id).includes("crashed"));
  await waitFor(() => groupGone(pid), { what: "the dead worker's sleep to be stopped" });
});

Deno.test("blocking a running task by hand stops its worker's whole tree", async () => {
  await using fx = await fixture();
  const t = fx.create("stuck", { body: "sleep 30 & sleep 30; wait" });
  const d = fx.dispatcher();
  await d.tick();
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  fx.store.block(t.id, "wrong approach", { kind: "person", name: "ann" });
  const r = await d.tick();
  deepEqual(r.killed, [t.id]);
  ok(await groupGone(pid));
  equal(fx.task(t.id).status, "blocked");
  await waitFor(() => runsOf(fx.db, t.id)[0].exit_code !== null, { what: "the exit recorded" });
  equal((await d.tick()).killed.length, 0, "nothing left to stop");
});

Deno.test("archiving a running task stops a worker this dispatcher did not start", async () => {
  await using fx = await fixture();
  const t = fx.create("abandoned", { body: "sleep 30" });
  const first = fx.dispatcher();
  await first.tick();
  await first.close();
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  fx.store.archive(t.id);
  const second = fx.dispatcher();
  deepEqual((await second.tick()).killed, [t.id]);
  ok(await groupGone(pid));
  // The wrapper records the TERM-killed command's status; without it, -1 (unknown).
  ok(runsOf(fx.db, t.id)[0].exit_code !== null, "its end is recorded so it is not swept again");
});

Deno.test("whatever a finished worker left running in its group is stopped", async () => {
  await using fx = await fixture();
  const t = fx.create("leaky", { body: "sleep 30 & echo started a helper" });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "done");
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  await waitFor(() => groupGone(pid), { what: "the leftover sleep to be killed" });
  equal(fx.task(t.id).result, "started a helper");
});

Deno.test("the global and per-profile caps count live workers across ticks", async () => {
  await using fx = await fixture(`${TEST_CONFIG.replace("max_workers: 8", "max_workers: 3")}
  profiles:
    solo:
      command: ["sh", "-c", "{body}"]
      completion: exit_code
      max_concurrent: 1
`);
  const shell = Array.from({ length: 5 }, (_, i) => fx.create(`s${i}`, { body: "sleep 0.2" }));
  const solo = Array.from(
    { length: 3 },
    (_, i) => fx.create(`o${i}`, { assignee: "solo", body: "sleep 0.2" }),
  );
  const d = fx.dispatcher();
  let maxLive = 0;
  let maxSolo = 0;
  await tickUntil(d, () => {
    const live = fx.db.prepare(
      "SELECT assignee, COUNT(*) AS n FROM tasks WHERE status = 'running' GROUP BY assignee",
    ).all() as { assignee: string; n: number }[];
    maxLive = Math.max(maxLive, live.reduce((a, r) => a + Number(r.n), 0));
    maxSolo = Math.max(maxSolo, Number(live.find((r) => r.assignee === "solo")?.n ?? 0));
    return [...shell, ...solo].every((t) => fx.task(t.id).status === "done");
  });
  equal(maxLive, 3);
  equal(maxSolo, 1);
});

Deno.test("a dry run reports what a tick would do and changes nothing, honouring --max", async () => {
  await using fx = await fixture();
  const a = fx.create("a", { body: "true" });
  fx.create("b", { body: "true" });
  fx.create("c", { body: "true" });
  fx.create("nobody", { assignee: null });
  const stale = fx.create("stale", { body: "true" });
  fx.store.claim(stale.id, "gone:1", 60);
  const child = fx.create("child", { body: "true", parents: [a.id] });
  fx.db.prepare("UPDATE tasks SET status = 'done' WHERE id = ?").run(a.id);
  fx.skew.seconds = 61;
  const before = dbSnapshot(fx.db);
  const d = fx.dispatcher();
  const r = await d.tick({ dryRun: true, max: 1 });
  equal(dbSnapshot(fx.db), before);
  equal(r.dry_run, true);
  equal(r.reclaimed, 1);
  equal(r.promoted, 1);
  equal(r.spawned.length, 1);
  equal(r.spawned[0].workspace, "");
  equal(r.skipped_unassigned.length, 1);
  equal(fx.task(child.id).status, "todo");
});

Deno.test("a running task without an open run is put back to ready", async () => {
  await using fx = await fixture();
  const t = fx.create("leaked", { assignee: null });
  fx.db.prepare("UPDATE tasks SET status = 'running', claim_lock = 'x:1' WHERE id = ?").run(t.id);
  const r = await fx.dispatcher().tick();
  equal(r.reclaimed, 1);
  equal(fx.task(t.id).status, "ready");
  equal(fx.task(t.id).claim_lock, null);
});

Deno.test("stopWorkers puts running tasks back to ready without spending their budget", async () => {
  await using fx = await fixture();
  const t = fx.create("interrupted", { body: "sleep 30" });
  const d = fx.dispatcher();
  await d.tick();
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  equal(await d.stopWorkers("gateway stopping"), 1);
  equal(fx.task(t.id).status, "ready");
  equal(fx.task(t.id).consecutive_failures, 0);
  match(String(runsOf(fx.db, t.id)[0].error), /gateway stopping/);
  ok(await groupGone(pid));
});

Deno.test("an aborted dispatcher finishes its tick but claims nothing new", async () => {
  await using fx = await fixture();
  const t = fx.create("later", { body: "true" });
  const ac = new AbortController();
  const d = fx.dispatcher({ signal: ac.signal });
  ac.abort();
  equal((await d.tick()).spawned.length, 0);
  equal(fx.task(t.id).status, "ready");
  const summary = await d.run({ untilIdle: true });
  equal(summary.ticks, 0);
});
