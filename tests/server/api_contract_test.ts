/** REST contract of the dashboard API: every endpoint's shape, errors and safety rules. */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { resolveConfig } from "../../lib/config/config.ts";
import { METRICS } from "../../lib/server/metrics.ts";
import { foreignWrite, snapshot } from "../support/board.ts";
import { METRICS_TOKEN, startServer } from "./server_support.ts";

const API = "/api/plugins/kanban";

type Obj = Record<string, unknown>;
type Err = { detail: string; error: { code: string; message: string } };

function errShape(body: unknown, code?: string): Err {
  const e = body as Err;
  equal(typeof e.detail, "string");
  equal(e.error.message, e.detail);
  if (code) equal(e.error.code, code);
  return e;
}

async function create(s: Awaited<ReturnType<typeof startServer>>, body: Obj): Promise<Obj> {
  const r = await s.call<{ task: Obj }>("POST", `${API}/tasks`, body);
  equal(r.status, 200, JSON.stringify(r.body));
  return r.body.task;
}

Deno.test("board groups cards by status with Hermes's fields and counts", async () => {
  await using s = await startServer();
  const a = await create(s, { title: "parent", assignee: "shell", tenant: "acme" });
  const b = await create(s, { title: "child", parents: [a.id] });
  await s.call("POST", `${API}/tasks/${b.id}/comments`, { body: "hello" });
  const r = await s.call<Obj>("GET", `${API}/board`);
  equal(r.status, 200);
  const cols = r.body.columns as Array<{ name: string; tasks: Obj[] }>;
  deepEqual(cols.map((c) => c.name), [
    "triage",
    "todo",
    "scheduled",
    "ready",
    "running",
    "blocked",
    "review",
    "done",
  ]);
  const ready = cols.find((c) => c.name === "ready")!.tasks;
  const todo = cols.find((c) => c.name === "todo")!.tasks;
  deepEqual(ready.map((t) => t.title), ["parent"]);
  deepEqual(todo.map((t) => t.title), ["child"]);
  deepEqual(ready[0].link_counts, { parents: 0, children: 1 });
  deepEqual(ready[0].progress, { done: 0, total: 1 });
  deepEqual(todo[0].link_counts, { parents: 1, children: 0 });
  equal(todo[0].comment_count, 1);
  equal(todo[0].progress, null);
  equal(ready[0].run_started_at, null);
  const age = ready[0].age as Obj;
  equal(typeof age.created_age_seconds, "number");
  equal(age.started_age_seconds, null);
  deepEqual(r.body.tenants, ["acme"]);
  deepEqual(r.body.assignees, ["shell"]);
  ok((r.body.latest_event_id as number) >= 3);
  equal(typeof r.body.now, "number");
  const t = await s.call<Obj>("GET", `${API}/board?tenant=acme&include_archived=true`);
  const names = (t.body.columns as Array<{ name: string; tasks: Obj[] }>).map((c) => c.name);
  equal(names.at(-1), "archived");
  deepEqual(
    (t.body.columns as Array<{ tasks: Obj[] }>).flatMap((c) => c.tasks.map((x) => x.title)),
    ["parent"],
  );
});

Deno.test("task detail has comments, events, links, parents, children and runs", async () => {
  await using s = await startServer();
  const a = await create(s, { title: "a" });
  const b = await create(s, { title: "b", parents: [a.id], body: "# do it" });
  await s.call("POST", `${API}/tasks/${b.id}/comments`, { body: "note", author: "ann" });
  const r = await s.call<Obj>("GET", `${API}/tasks/${b.id}`);
  equal(r.status, 200);
  equal((r.body.task as Obj).body, "# do it");
  deepEqual(r.body.links, { parents: [a.id], children: [] });
  deepEqual((r.body.parents as Obj[]).map((p) => [p.id, p.title, p.status]), [[
    a.id,
    "a",
    "ready",
  ]]);
  deepEqual((r.body.comments as Obj[]).map((c) => [c.author, c.body]), [["ann", "note"]]);
  deepEqual((r.body.events as Obj[]).map((e) => e.kind), ["created", "commented"]);
  ok((r.body.events as Obj[]).every((e) => "run_id" in e));
  deepEqual(r.body.runs, []);
  const missing = await s.call("GET", `${API}/tasks/t_00000000`);
  equal(missing.status, 404);
  errShape(missing.body, "not_found");
  const bad = await s.call("GET", `${API}/tasks/..%2f..%2fetc`);
  equal(bad.status, 404);
});

Deno.test("create takes every CLI field and validates them", async () => {
  await using s = await startServer();
  const p = await create(s, { title: "p" });
  const t = await create(s, {
    title: "  full  ",
    body: "body",
    assignee: " shell ",
    tenant: "t1",
    priority: 5,
    workspace_kind: "dir",
    workspace_path: `${s.home.path}/x/`,
    parents: [p.id],
    idempotency_key: "k1",
    max_runtime_seconds: 0,
    max_retries: 3,
    skills: [" a ", "b", "a"],
    created_by: "me",
  });
  deepEqual(
    [t.title, t.assignee, t.tenant, t.priority, t.workspace_kind, t.workspace_path, t.status],
    ["full", "shell", "t1", 5, "dir", `${s.home.path}/x`, "todo"],
  );
  deepEqual([t.max_runtime_seconds, t.max_retries, t.skills, t.created_by], [
    0,
    3,
    ["a", "b"],
    "me",
  ]);
  const again = await s.call<Obj>("POST", `${API}/tasks`, {
    title: "other",
    idempotency_key: "k1",
  });
  equal(again.body.existed, true);
  equal((again.body.task as Obj).id, t.id);
  const tri = await create(s, { title: "tri", triage: true, assignee: "shell" });
  equal(tri.status, "triage");
  const before = snapshot(s.home.path);
  const cases: Array<[Obj, number, string]> = [
    [{}, 422, "invalid_body"],
    [{ title: "   " }, 400, "invalid_title"],
    [{ title: 5 }, 422, "invalid_body"],
    [{ title: "x", priority: "high" }, 422, "invalid_body"],
    [{ title: "x", priority: 5000 }, 422, "invalid_body"],
    [{ title: "x", parents: ["t_deadbeef"] }, 404, "not_found"],
    [{ title: "x", workspace_kind: "dir", workspace_path: "rel/path" }, 400, "invalid_path"],
    [{ title: "x", workspace_kind: "dir", workspace_path: "/a/../b" }, 400, "invalid_path"],
    [{ title: "x", workspace_kind: "dir" }, 400, "invalid_path"],
    [{ title: "x", workspace_kind: "cloud" }, 400, "invalid_workspace"],
    [
      { title: "x", workspace_kind: "dir", workspace_path: "/srv/x" },
      403,
      "workspace_outside_roots",
    ],
    [
      { title: "x", workspace_kind: "worktree", workspace_path: "/srv/repo" },
      403,
      "workspace_outside_roots",
    ],
    [{ title: "x", skills: ["a,b"] }, 400, "invalid_skill"],
    [{ title: "x", max_retries: 0 }, 422, "invalid_body"],
    [{ title: "x", body: "é".repeat(600_000) }, 413, "too_large"],
  ];
  for (const [body, status, code] of cases) {
    const r = await s.call("POST", `${API}/tasks`, body);
    equal(r.status, status, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(r.body)}`);
    errShape(r.body, code);
  }
  deepEqual(snapshot(s.home.path), before);
});

Deno.test("POST /tasks takes dir: paths under kanban.workspace_roots only, once listed", async () => {
  const root = await Deno.makeTempDir({ prefix: "hermes-root-" });
  try {
    const config = resolveConfig({ kanban: { workspace_roots: [root] } }, () => undefined);
    await using s = await startServer({ config });
    const inRoot = await s.call<Obj>("POST", `${API}/tasks`, {
      title: "in",
      workspace_kind: "dir",
      workspace_path: `${root}/app`,
    });
    equal(inRoot.status, 200, JSON.stringify(inRoot.body));
    equal((inRoot.body.task as Obj).workspace_path, `${root}/app`);
    const before = snapshot(s.home.path);
    // With a list, HERMES_HOME is no longer a root of its own.
    for (const path of [`${s.home.path}/x`, `${root}-sibling/x`, "/"]) {
      const r = await s.call<Obj>("POST", `${API}/tasks`, {
        title: "out",
        workspace_kind: "dir",
        workspace_path: path,
      });
      equal(r.status, 403, path);
      errShape(r.body, "workspace_outside_roots");
      match(
        (r.body.error as Obj).message as string,
        new RegExp(`is outside kanban\\.workspace_roots \\(${root}\\)$`),
      );
    }
    deepEqual(snapshot(s.home.path), before);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("create warns when no dispatcher will pick the task up", async () => {
  let running = false;
  let throws = false;
  await using s = await startServer({
    presence: () => {
      if (throws) return Promise.reject(new Error("probe broke"));
      return Promise.resolve({
        running,
        message: running ? "" : "No gateway is running — run: hermes gateway start",
      });
    },
  });
  const warned = await s.call<Obj>("POST", `${API}/tasks`, { title: "w", assignee: "shell" });
  match(String(warned.body.warning), /hermes gateway start/);
  for (const body of [{ title: "tri", assignee: "shell", triage: true }, { title: "nobody" }]) {
    const r = await s.call<Obj>("POST", `${API}/tasks`, body);
    equal(r.status, 200);
    ok(!("warning" in r.body), `no warning for ${body.title}`);
  }
  running = true;
  const silent = await s.call<Obj>("POST", `${API}/tasks`, { title: "s", assignee: "shell" });
  ok(!("warning" in silent.body));
  throws = true;
  const broken = await s.call<Obj>("POST", `${API}/tasks`, { title: "b", assignee: "shell" });
  equal(broken.status, 200);
  ok(!("warning" in broken.body));
  equal((broken.body.task as Obj).status, "ready");
});

Deno.test("patch moves tasks only where the state machine allows", async () => {
  await using s = await startServer();
  const parent = await create(s, { title: "parent" });
  const child = await create(s, { title: "child", parents: [parent.id] });
  const patch = (id: unknown, body: Obj) => s.call<Obj>("PATCH", `${API}/tasks/${id}`, body);

  const running = await patch(parent.id, { status: "running" });
  equal(running.status, 400);
  errShape(running.body, "running_refused");

  const early = await patch(child.id, { status: "ready" });
  equal(early.status, 409);
  match(errShape(early.body, "parents_pending").detail, /parent\(s\) not done.*'parent'/);

  const blocked = await patch(parent.id, { status: "blocked", block_reason: "need input" });
  equal((blocked.body.task as Obj).status, "blocked");
  const unblocked = await patch(parent.id, { status: "ready" });
  equal((unblocked.body.task as Obj).status, "ready");
  const done = await patch(parent.id, { status: "done", result: "ok", summary: "all good" });
  equal((done.body.task as Obj).status, "done");
  equal((done.body.task as Obj).result, "ok");

  const kid = await s.call<{ task: Obj }>("GET", `${API}/tasks/${child.id}`);
  equal(kid.body.task.status, "ready", "completing the parent promotes the child");

  for (const to of ["ready", "todo", "triage", "blocked"]) {
    const r = await patch(parent.id, { status: to });
    equal(r.status, 409, `done → ${to}`);
    errShape(r.body, "terminal");
  }
  const archived = await patch(parent.id, { status: "archived" });
  equal((archived.body.task as Obj).status, "archived");
  const revive = await patch(parent.id, { status: "ready" });
  equal(revive.status, 409);

  const tri = await patch(child.id, { status: "triage" });
  equal((tri.body.task as Obj).status, "triage");
  const todo = await patch(child.id, { status: "todo" });
  equal((todo.body.task as Obj).status, "todo");
  const unknown = await patch(child.id, { status: "sideways" });
  equal(unknown.status, 400);
  errShape(unknown.body, "unknown_status");
  const notBlockable = await patch(child.id, { status: "blocked" });
  equal(notBlockable.status, 409);
});

Deno.test("patch edits fields together or not at all", async () => {
  await using s = await startServer();
  const t = await create(s, { title: "edit me", assignee: "a" });
  const r = await s.call<{ task: Obj }>("PATCH", `${API}/tasks/${t.id}`, {
    assignee: "b",
    priority: 7,
    title: "edited",
    body: "new body",
  });
  equal(r.status, 200);
  deepEqual([r.body.task.assignee, r.body.task.priority, r.body.task.title, r.body.task.body], [
    "b",
    7,
    "edited",
    "new body",
  ]);
  const before = snapshot(s.home.path);
  const bad = await s.call("PATCH", `${API}/tasks/${t.id}`, { assignee: "c", status: "running" });
  equal(bad.status, 400);
  const empty = await s.call("PATCH", `${API}/tasks/${t.id}`, { assignee: "c", title: "  " });
  equal(empty.status, 400);
  deepEqual(snapshot(s.home.path), before, "a refused patch writes nothing");
  const after = await s.call<{ task: Obj }>("GET", `${API}/tasks/${t.id}`);
  equal(after.body.task.assignee, "b");
  const unassign = await s.call<{ task: Obj }>("PATCH", `${API}/tasks/${t.id}`, { assignee: "" });
  equal(unassign.body.task.assignee, null);
  const none = await s.call("PATCH", `${API}/tasks/t_00000000`, { priority: 1 });
  equal(none.status, 404);
});

Deno.test("patch refuses a new assignee for a running task, as assign does", async () => {
  await using s = await startServer();
  const t = await create(s, { title: "busy", assignee: "a" });
  const id = String(t.id);
  const store = openBoard(s.home.path, "default");
  try {
    store.claim(id, "test:1", 900);
  } finally {
    store.close();
  }
  const before = snapshot(s.home.path);
  const r = await s.call("PATCH", `${API}/tasks/${id}`, { assignee: "b", priority: 3 });
  equal(r.status, 409);
  const e = errShape(r.body, "running");
  match(e.detail, new RegExp(`^cannot reassign ${id}: currently running \\(claimed\\)`));
  deepEqual(snapshot(s.home.path), before, "nothing written");
  const same = await s.call<{ task: Obj }>("PATCH", `${API}/tasks/${id}`, { assignee: "a" });
  equal(same.status, 200, "the same assignee is no change");
});

Deno.test("bulk applies to each id on its own and reports partial failures", async () => {
  await using s = await startServer();
  const a = await create(s, { title: "a" });
  const b = await create(s, { title: "b", parents: [a.id] });
  const r = await s.call<{ results: Obj[] }>("POST", `${API}/tasks/bulk`, {
    ids: [a.id, b.id, "t_00000000", "junk"],
    status: "blocked",
    priority: 3,
  });
  equal(r.status, 200);
  deepEqual(r.body.results.map((x) => [x.id, x.ok]), [
    [a.id, true],
    [b.id, false],
    ["t_00000000", false],
    ["junk", false],
  ]);
  match(String(r.body.results[1].error), /cannot block/);
  const bt = await s.call<{ task: Obj }>("GET", `${API}/tasks/${b.id}`);
  equal(bt.body.task.priority, 0, "a failed id keeps its priority too");
  const arch = await s.call<{ results: Obj[] }>("POST", `${API}/tasks/bulk`, {
    ids: [a.id, b.id],
    archive: true,
  });
  deepEqual(arch.body.results.map((x) => x.ok), [true, true]);
  equal((await s.call("POST", `${API}/tasks/bulk`, { ids: [] })).status, 400);
  equal((await s.call("POST", `${API}/tasks/bulk`, { ids: [a.id] })).status, 400);
});

Deno.test("comments: add one, refuse empty or unknown task", async () => {
  await using s = await startServer();
  const t = await create(s, { title: "c" });
  const r = await s.call<Obj>("POST", `${API}/tasks/${t.id}/comments`, {
    body: "  looks good  ",
    author: "rev\u0007iewer",
  });
  equal(r.status, 200);
  equal(r.body.ok, true);
  deepEqual([(r.body.comment as Obj).author, (r.body.comment as Obj).body], [
    "reviewer",
    "looks good",
  ]);
  equal((await s.call("POST", `${API}/tasks/${t.id}/comments`, { body: "  " })).status, 400);
  equal((await s.call("POST", `${API}/tasks/${t.id}/comments`, {})).status, 422);
  equal((await s.call("POST", `${API}/tasks/t_00000000/comments`, { body: "x" })).status, 404);
});

Deno.test("links: add, list, refuse cycles and self-links, remove", async () => {
  await using s = await startServer();
  const a = await create(s, { title: "a" });
  const b = await create(s, { title: "b" });
  const add = await s.call<Obj>("POST", `${API}/links`, { parent_id: a.id, child_id: b.id });
  deepEqual([add.status, add.body.ok], [200, true]);
  const list = await s.call<Obj>("GET", `${API}/links`);
  deepEqual(list.body.links, [{ parent_id: a.id, child_id: b.id }]);
  const demoted = await s.call<{ task: Obj }>("GET", `${API}/tasks/${b.id}`);
  equal(demoted.body.task.status, "todo");
  // Hermes answers every refused link with 400; its clients rely on that, not on 409.
  const cycle = await s.call("POST", `${API}/links`, { parent_id: b.id, child_id: a.id });
  equal(cycle.status, 400);
  match(errShape(cycle.body, "cycle").detail, /would create a cycle/);
  const self = await s.call("POST", `${API}/links`, { parent_id: a.id, child_id: a.id });
  equal(self.status, 400);
  match(errShape(self.body, "self_link").detail, /cannot depend on itself/);
  const unknown = await s.call("POST", `${API}/links`, { parent_id: a.id, child_id: "t_00000000" });
  equal(unknown.status, 404);
  errShape(unknown.body, "not_found");
  deepEqual((await s.call<Obj>("GET", `${API}/links`)).body.links, [
    { parent_id: a.id, child_id: b.id },
  ]);
  const del = await s.call<Obj>("DELETE", `${API}/links?parent_id=${a.id}&child_id=${b.id}`);
  deepEqual([del.status, del.body.ok], [200, true]);
  const again = await s.call("DELETE", `${API}/links?parent_id=${a.id}&child_id=${b.id}`);
  equal(again.status, 404);
  equal((await s.call("DELETE", `${API}/links?parent_id=${a.id}`)).status, 400);
});

Deno.test("stats, assignees and config have Hermes's shapes", async () => {
  await using s = await startServer({
    config: new Map<string, unknown>([["kanban.profiles", { coder: { command: ["x"] } }]]),
  });
  await create(s, { title: "a", assignee: "coder" });
  await create(s, { title: "b", assignee: "ghost" });
  const stats = await s.call<Obj>("GET", `${API}/stats`);
  deepEqual(stats.body.by_status, { ready: 2 });
  deepEqual(Object.keys(stats.body).sort(), [
    "by_assignee",
    "by_status",
    "now",
    "oldest_ready_age_seconds",
  ]);
  const as = await s.call<{ assignees: Obj[] }>("GET", `${API}/assignees`);
  deepEqual(as.body.assignees.map((a) => [a.name, a.on_disk, a.counts]), [
    ["coder", true, { ready: 1 }],
    ["ghost", false, { ready: 1 }],
    ["shell", true, {}],
  ]);
  const cfg = await s.call<Obj>("GET", `${API}/config`);
  deepEqual(
    [
      cfg.body.default_tenant,
      cfg.body.lane_by_profile,
      cfg.body.include_archived_by_default,
      cfg.body.render_markdown,
    ],
    ["", true, false, true],
  );
  deepEqual(cfg.body.dispatcher, { running: true, message: "" });
});

Deno.test("log returns the tail of a run's log and never leaves the logs directory", async () => {
  await using s = await startServer();
  const t = await create(s, { title: "logged", assignee: "shell" });
  const id = String(t.id);
  const store = openBoard(s.home.path, "default");
  const { run } = store.claim(id, "test:1", 60);
  // The log path a spawn records; readers take it from the run, never rebuild it.
  const log = `${s.home.path}/kanban/logs/${id}.${run.id}.log`;
  foreignWrite(
    s.home.path,
    "INSERT INTO hx_run_procs (run_id, task_id, log_path) VALUES (?, ?, ?)",
    run.id,
    id,
    log,
  );
  store.close();
  const none = await s.call<Obj>("GET", `${API}/tasks/${id}/log`);
  deepEqual([none.status, none.body.exists, none.body.content], [200, false, ""]);
  await Deno.mkdir(`${s.home.path}/kanban/logs`, { recursive: true });
  await Deno.writeTextFile(log, "line one\nline two\n");
  const full = await s.call<Obj>("GET", `${API}/tasks/${id}/log`);
  deepEqual(
    [
      full.body.task_id,
      full.body.run_id,
      full.body.exists,
      full.body.size_bytes,
      full.body.truncated,
    ],
    [id, run.id, true, 18, false],
  );
  equal(full.body.content, "line one\nline two\n");
  const tail = await s.call<Obj>("GET", `${API}/tasks/${id}/log?tail=9`);
  deepEqual([tail.body.content, tail.body.truncated], ["line two\n", true]);
  // A tail that starts inside a character keeps only whole characters.
  await Deno.writeTextFile(log, "ééé\n");
  const cut = await s.call<Obj>("GET", `${API}/tasks/${id}/log?tail=6`);
  deepEqual([cut.body.content, cut.body.truncated, cut.body.size_bytes], ["éé\n", true, 7]);
  equal((await s.call("GET", `${API}/tasks/${id}/log?tail=0`)).status, 400);
  equal((await s.call("GET", `${API}/tasks/${id}/log?run=999`)).status, 404);
  // A symlink planted in the logs dir pointing elsewhere is not followed.
  await Deno.remove(log);
  await Deno.writeTextFile(`${s.home.path}/secret.txt`, "secret");
  await Deno.symlink(`${s.home.path}/secret.txt`, log);
  const link = await s.call<Obj>("GET", `${API}/tasks/${id}/log`);
  deepEqual([link.body.exists, link.body.content], [false, ""]);
});

Deno.test("dispatch answers 503 without a dispatcher and passes through with one", async () => {
  {
    await using s = await startServer({
      noDispatcherReason: "kanban.dispatch_in_gateway is false",
    });
    const r = await s.call("POST", `${API}/dispatch`);
    equal(r.status, 503);
    match(
      errShape(r.body, "no_dispatcher").detail,
      /dispatch_in_gateway is false.*hermes gateway start/,
    );
  }
  const seen: unknown[] = [];
  await using s = await startServer({
    dispatch: (req) => {
      seen.push(req);
      return Promise.resolve({ spawned: [], promoted: 0 });
    },
  });
  const r = await s.call<Obj>("POST", `${API}/dispatch?dry_run=true&max=3`);
  deepEqual([r.status, r.body], [200, { spawned: [], promoted: 0 }]);
  const r2 = await s.call<Obj>("POST", `${API}/dispatch`, { dry_run: false });
  equal(r2.status, 200);
  deepEqual(seen, [{ dryRun: true, max: 3 }, { dryRun: false, max: 8 }]);
  equal((await s.call("POST", `${API}/dispatch?max=0`)).status, 400);
});

Deno.test("boards lists the default board; ?board= selects one and refuses bad names", async () => {
  await using s = await startServer();
  await create(s, { title: "x" });
  const r = await s.call<{ boards: Obj[] }>("GET", `${API}/boards`);
  deepEqual(r.body.boards.map((b) => [b.slug, b.total]), [["default", 1]]);
  const missing = await s.call("GET", `${API}/board?board=nope`);
  equal(missing.status, 404);
  errShape(missing.body, "no_board");
  const bad = await s.call("GET", `${API}/board?board=../../etc`);
  equal(bad.status, 400);
  errShape(bad.body, "invalid_board");
  openBoard(s.home.path, "other", { create: true }).close();
  const other = await s.call<Obj>("POST", `${API}/tasks?board=other`, { title: "on other" });
  equal(other.status, 200);
  const view = await s.call<{ columns: Array<{ tasks: Obj[] }> }>(
    "GET",
    `${API}/board?board=other`,
  );
  deepEqual(view.body.columns.flatMap((c) => c.tasks.map((t) => t.title)), ["on other"]);
});

Deno.test("healthz is open; metrics need the metrics token and report counts and stats", async () => {
  await using s = await startServer({
    stats: () => ({
      boards: ["default"],
      ticks: 12,
      spawnedTotal: 3,
      lastTick: {
        board: "default",
        at: 1_700_000_000_000,
        durationMs: 250,
        spawned: 1,
        reclaimed: 0,
        crashed: 0,
        timedOut: 0,
        promoted: 0,
        autoBlocked: 0,
      },
      lastTickAt: 1_700_000_000_000,
      running: 1,
      ready: 0,
      stuck: null,
      draining: false,
    }),
  });
  await create(s, { title: "m" });
  const h = await s.fetch("/healthz", { auth: false });
  deepEqual([h.status, await h.json()], [200, { ok: true, version: "test" }]);
  const denied = await s.fetch("/metrics", { auth: false });
  equal(denied.status, 401);
  await denied.body?.cancel();
  const m = await s.fetch("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  equal(m.status, 200);
  match(m.headers.get("content-type") ?? "", /^text\/plain; version=0.0.4/);
  const text = await m.text();
  match(text, /^hermes_tasks\{board="default",status="ready"\} 1$/m);
  match(text, /^hermes_dispatcher_ticks_total 12$/m);
  match(text, /^hermes_spawns_total 3$/m);
  match(text, /^hermes_failures_total 0$/m);
  match(text, /^hermes_dispatcher_up 1$/m);
  match(text, /^hermes_dispatcher_last_tick_seconds 0.25$/m);
  match(text, /^hermes_dispatcher_last_tick_timestamp_seconds 1700000000$/m);
  deepEqual(
    [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((t) => `${t[1]} ${t[2]}`),
    Object.values(METRICS).map((d) => `${d.name} ${d.type}`),
    "the page shows every defined metric (the docs' list), in order, and nothing else",
  );
});

Deno.test("unknown routes and methods answer 404 and 405 with the error shape", async () => {
  await using s = await startServer();
  const r = await s.call("GET", `${API}/nothing`);
  equal(r.status, 404);
  errShape(r.body, "not_found");
  const m = await s.call("PUT", `${API}/board`, {});
  equal(m.status, 405);
  errShape(m.body, "method_not_allowed");
  const page = await s.fetch("/no/such/page", { auth: false });
  equal(page.status, 404);
  await page.body?.cancel();
});

Deno.test("the board view carries an ETag; an unchanged board answers 304 to it, any change a new view", async () => {
  await using s = await startServer();
  await create(s, { title: "first" });
  const get = (path: string, etag?: string) =>
    s.fetch(`${API}${path}`, { headers: etag ? { "if-none-match": etag } : {} });
  const r1 = await get("/board");
  equal(r1.status, 200);
  const etag = r1.headers.get("etag")!;
  match(etag, /^W\/"[^"]+"$/);
  await r1.arrayBuffer();

  const same = await get("/board", etag);
  equal(same.status, 304);
  equal(same.headers.get("etag"), etag);
  equal((await same.arrayBuffer()).byteLength, 0, "a 304 has no body");
  equal((await get("/board", `"other", ${etag}`)).status, 304, "one of a list matches");

  const other = await get("/board?include_archived=true", etag);
  equal(other.status, 200, "another query is another view");
  ok(other.headers.get("etag") !== etag);
  await other.arrayBuffer();

  // A change through this server, then one by another process's connection.
  await create(s, { title: "second" });
  const r2 = await get("/board", etag);
  equal(r2.status, 200);
  const etag2 = r2.headers.get("etag")!;
  ok(etag2 !== etag);
  const titles = ((await r2.json()).columns as Array<{ tasks: Obj[] }>).flatMap((c) => c.tasks)
    .map((t) => t.title);
  deepEqual(titles.sort(), ["first", "second"]);
  equal((await get("/board", etag2)).status, 304);
  foreignWrite(s.home.path, "UPDATE tasks SET priority = 5 WHERE title = 'first'");
  const r3 = await get("/board", etag2);
  equal(r3.status, 200, "a commit by another connection changes the view");
  await r3.arrayBuffer();
});
