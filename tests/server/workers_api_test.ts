/**
 * The worker, run and recovery endpoints Hermes's dashboard plugin added (under
 * /api/plugins/kanban): workers/active, runs/{id}, runs/{id}/inspect, runs/{id}/terminate,
 * tasks/{id}/reclaim and /reassign, DELETE tasks/{id}, diagnostics, and the cards' warnings.
 * Live processes and the gateway's relay are in tests/gateway/worker_endpoints_test.ts.
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { openBoard, type Store } from "../../lib/store/mod.ts";
import { foreignWrite, snapshot } from "../support/board.ts";
import { startServer } from "./server_support.ts";

const API = "/api/plugins/kanban";
type Obj = Record<string, unknown>;

/** A running task of coder whose worker process is recorded as `pid`. */
function running(store: Store, home: string, pid: number, title = "build") {
  const id = store.createTask({ title, assignee: "coder" }).task.id;
  const run = store.claim(id, "host:1", 900).run.id;
  foreignWrite(home, "UPDATE task_runs SET worker_pid = ? WHERE id = ?", pid, run);
  foreignWrite(home, "UPDATE tasks SET worker_pid = ? WHERE id = ?", pid, id);
  foreignWrite(
    home,
    "INSERT INTO hx_run_procs (run_id, task_id, host, pid, start_ticks, log_path) VALUES (?, ?, 'h', ?, 77, NULL)",
    run,
    id,
    pid,
  );
  return { id, run };
}

Deno.test("workers/active lists open runs with a worker, and runs/{id} returns one run", async () => {
  await using s = await startServer();
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const a = running(store, s.home.path, 4242, "a");
    const idle = store.createTask({ title: "idle", assignee: "coder" }).task.id;
    store.claim(idle, "host:2", 900); // claimed, no worker recorded yet
    const r = await s.call<{ workers: Obj[]; count: number; checked_at: number }>(
      "GET",
      `${API}/workers/active`,
    );
    equal(r.status, 200);
    equal(r.body.count, 1);
    const [w] = r.body.workers;
    deepEqual(
      [w.run_id, w.task_id, w.task_title, w.task_status, w.task_assignee, w.profile, w.worker_pid],
      [a.run, a.id, "a", "running", "coder", "coder", 4242],
    );
    equal(typeof r.body.checked_at, "number");

    const one = await s.call<{ run: Obj }>("GET", `${API}/runs/${a.run}`);
    deepEqual([one.status, one.body.run.id, one.body.run.task_id], [200, a.run, a.id]);
    for (const bad of ["999999", "0", "x", "-1"]) {
      const no = await s.call<{ detail: string }>("GET", `${API}/runs/${bad}`);
      equal(no.status, 404, bad);
      equal(no.body.detail, `run ${bad} not found`);
    }
  } finally {
    store.close();
  }
});

Deno.test("runs/{id}/inspect returns the task, its runs, the log tail and what /proc says", async () => {
  const asked: number[][] = [];
  await using s = await startServer({
    processInfo: (pids) => {
      asked.push(pids);
      return Promise.resolve(
        new Map(
          pids.filter((p) => p !== 5000).map((pid) => [pid, {
            pid,
            state: "S",
            ppid: 1,
            pgrp: pid,
            sid: pid,
            startTicks: pid === 4242 ? 77 : 12,
            rssBytes: 1024 * 1024,
            threads: 3,
          }]),
        ),
      );
    },
  });
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const a = running(store, s.home.path, 4242);
    const logs = `${s.home.path}/kanban/logs`;
    Deno.mkdirSync(logs, { recursive: true });
    Deno.writeTextFileSync(`${logs}/${a.id}.log`, "line 1\nline 2\n");
    foreignWrite(
      s.home.path,
      "UPDATE hx_run_procs SET log_path = ? WHERE run_id = ?",
      `${logs}/${a.id}.log`,
      a.run,
    );
    const r = await s.call<Obj>("GET", `${API}/runs/${a.run}/inspect?tail=7`);
    equal(r.status, 200, JSON.stringify(r.body));
    deepEqual([r.body.run_id, r.body.task_id, r.body.alive, r.body.pid, r.body.reason], [
      a.run,
      a.id,
      true,
      4242,
      null,
    ]);
    deepEqual(r.body.process, {
      pid: 4242,
      state: "S",
      ppid: 1,
      pgrp: 4242,
      start_ticks: 77,
      rss_bytes: 1048576,
      threads: 3,
      host: "h",
      exit_code: null,
    });
    equal((r.body.task as Obj).id, a.id);
    deepEqual((r.body.runs as Obj[]).map((x) => x.id), [a.run]);
    deepEqual([(r.body.log as Obj).content, (r.body.log as Obj).truncated], ["line 2\n", true]);
    deepEqual(asked, [[4242]]);

    // The pid now belongs to another process (its start time differs): the worker is gone.
    const b = running(store, s.home.path, 4343, "b");
    const reused = await s.call<Obj>("GET", `${API}/runs/${b.run}/inspect`);
    deepEqual([reused.body.alive, reused.body.process], [false, null]);
    match(reused.body.reason as string, /another process has its pid/);
    const gone = running(store, s.home.path, 5000, "c");
    const dead = await s.call<Obj>("GET", `${API}/runs/${gone.run}/inspect`);
    deepEqual([dead.body.alive, dead.body.reason], [false, "process not found"]);
    const bare = store.createTask({ title: "never ran" }).task.id;
    store.complete(bare, { summary: "by hand" }, { kind: "person", name: "ann" });
    const closed = store.runs(bare)[0].id;
    const none = await s.call<Obj>("GET", `${API}/runs/${closed}/inspect`);
    deepEqual([none.body.alive, none.body.reason], [false, "no worker process recorded"]);
  } finally {
    store.close();
  }
});

Deno.test("runs/{id}/inspect says so when /proc cannot be read, instead of failing", async () => {
  await using s = await startServer({ processInfo: () => Promise.reject(new Error("no /proc")) });
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const a = running(store, s.home.path, 4242);
    const r = await s.call<Obj>("GET", `${API}/runs/${a.run}/inspect`);
    equal(r.status, 200);
    deepEqual([r.body.alive, r.body.reason], [null, "the process cannot be inspected here"]);
  } finally {
    store.close();
  }
});

Deno.test("runs/{id}/terminate and tasks/{id}/reclaim release the claim; reassign moves it on", async () => {
  const woken: string[] = [];
  await using s = await startServer({ onWrite: (b) => woken.push(b) });
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const a = running(store, s.home.path, 4242, "a");
    const t = await s.call<Obj>("POST", `${API}/runs/${a.run}/terminate`, { reason: "looping" });
    deepEqual([t.status, t.body], [200, { ok: true, run_id: a.run, task_id: a.id }]);
    deepEqual(woken, ["default"], "the dispatcher is woken to stop the worker");
    const run = store.runRow(a.run)!;
    deepEqual([run.status, run.error], ["reclaimed", "manual_reclaim: looping"]);
    equal(store.requireTask(a.id).status, "ready");
    const again = await s.call<{ error: { code: string } }>(
      "POST",
      `${API}/runs/${a.run}/terminate`,
      {},
    );
    deepEqual([again.status, again.body.error.code], [409, "run_ended"]);
    equal((await s.call("POST", `${API}/runs/99999/terminate`, {})).status, 404);

    const b = running(store, s.home.path, 4343, "b");
    const rec = await s.call<Obj>("POST", `${API}/tasks/${b.id}/reclaim`, {});
    deepEqual([rec.status, rec.body], [200, { ok: true, task_id: b.id }]);
    const not = await s.call<{ detail: string }>("POST", `${API}/tasks/${b.id}/reclaim`, {});
    deepEqual([not.status, not.body.detail], [
      409,
      `cannot reclaim ${b.id} (not running or unknown id)`,
    ]);
    const bad = await s.call("POST", `${API}/tasks/${b.id}/reclaim`, { reason: 7 });
    equal(bad.status, 422);

    const c = running(store, s.home.path, 4444, "c");
    const refused = await s.call<{ detail: string }>("POST", `${API}/tasks/${c.id}/reassign`, {
      profile: "reviewer",
    });
    equal(refused.status, 409);
    match(refused.body.detail, /pass --reclaim to release first/);
    const moved = await s.call<Obj>("POST", `${API}/tasks/${c.id}/reassign`, {
      profile: "reviewer",
      reclaim_first: true,
      reason: "smarter model",
    });
    deepEqual([moved.status, moved.body], [200, { ok: true, task_id: c.id, assignee: "reviewer" }]);
    const ct = store.requireTask(c.id);
    deepEqual([ct.status, ct.assignee], ["ready", "reviewer"]);
    const un = await s.call<Obj>("POST", `${API}/tasks/${c.id}/reassign`, { profile: "" });
    deepEqual([un.status, un.body.assignee], [200, null]);
  } finally {
    store.close();
  }
});

Deno.test("DELETE tasks/{id} removes an archived task for good and refuses the others", async () => {
  await using s = await startServer();
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const keep = store.createTask({ title: "keep" }).task.id;
    const gone = store.createTask({ title: "gone", parents: [keep] }).task.id;
    const before = snapshot(s.home.path);
    const no = await s.call<{ error: { code: string } }>("DELETE", `${API}/tasks/${gone}`);
    deepEqual([no.status, no.body.error.code], [409, "not_archived"]);
    deepEqual(snapshot(s.home.path), before);
    store.archive(gone);
    const r = await s.call<Obj>("DELETE", `${API}/tasks/${gone}`);
    deepEqual([r.status, r.body], [200, { deleted: true, task_id: gone }]);
    equal(store.getTask(gone), null);
    equal((await s.call("GET", `${API}/tasks/${gone}`)).status, 404);
    equal((await s.call("DELETE", `${API}/tasks/${gone}`)).status, 404);
    equal(store.requireTask(keep).status, "ready");
  } finally {
    store.close();
  }
});

Deno.test("diagnostics lists tasks in distress; cards carry their warnings; bulk reassign reclaims first", async () => {
  await using s = await startServer();
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const now = Math.floor(Date.now() / 1000);
    const stranded = store.createTask({ title: "nobody", assignee: "typo" }).task.id;
    foreignWrite(
      s.home.path,
      "UPDATE task_events SET created_at = ? WHERE task_id = ?",
      now - 4 * 3600,
      stranded,
    );
    const fine = store.createTask({ title: "fine" }).task.id;
    const r = await s.call<{ diagnostics: Obj[]; count: number }>("GET", `${API}/diagnostics`);
    equal(r.status, 200);
    deepEqual(r.body.diagnostics.map((t) => [t.task_id, t.task_title, t.task_status]), [
      [stranded, "nobody", "ready"],
    ]);
    const [d] = r.body.diagnostics[0].diagnostics as Obj[];
    deepEqual([d.kind, d.severity], ["stranded_in_ready", "critical"]);
    equal(r.body.count, 1);
    const crit = await s.call<{ count: number }>("GET", `${API}/diagnostics?severity=critical`);
    equal(crit.body.count, 1);
    const bad = await s.call("GET", `${API}/diagnostics?severity=loud`);
    equal(bad.status, 400);

    const board = await s.call<{ columns: { name: string; tasks: Obj[] }[] }>(
      "GET",
      `${API}/board`,
    );
    const cards = board.body.columns.flatMap((c) => c.tasks);
    const w = cards.find((c) => c.id === stranded)!.warnings as Obj;
    deepEqual([w.count, w.highest_severity, w.kinds], [1, "critical", { stranded_in_ready: 1 }]);
    equal(cards.find((c) => c.id === fine)!.warnings, null);

    const a = running(store, s.home.path, 4242, "a");
    const bulk = await s.call<{ results: Obj[] }>("POST", `${API}/tasks/bulk`, {
      ids: [a.id, fine],
      assignee: "reviewer",
      reclaim_first: true,
    });
    deepEqual(bulk.body.results, [{ id: a.id, ok: true }, { id: fine, ok: true }]);
    deepEqual(
      [store.requireTask(a.id).status, store.requireTask(a.id).assignee],
      ["ready", "reviewer"],
    );
  } finally {
    store.close();
  }
});
