import { deepEqual, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";
import { withBoard } from "../board/fixtures.ts";

Deno.test("kanban assign sets, clears and reassigns a task", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "x" }).task.id);
  const a = await hermes(["kanban", "assign", id, "writer"], { env: home.env });
  equal(a.code, 0, a.stderr);
  equal(a.stdout, `Assigned ${id} to writer\n`);
  for (const word of ["none", "-", "null"]) {
    const u = await hermes(["kanban", "assign", id, word, "--json"], { env: home.env });
    equal(u.code, 0, u.stderr);
    equal(u.json<{ assignee: string | null }>().assignee, null, word);
  }
  const h = await hermes(["kanban", "assign", id, "none"], { env: home.env });
  equal(h.stdout, `Assigned ${id} to (unassigned)\n`);
  const bad = await hermes(["kanban", "assign", id, "two words"], { env: home.env });
  equal(bad.code, 2);
  const missing = await hermes(["kanban", "assign", "t_00000000", "w"], { env: home.env });
  equal(missing.code, 1);
  equal(missing.stderr, "hermes: no such task: t_00000000\n");
});

/** A task assigned to `a` and claimed by host `h:1`, on the board of `home`. */
function runningTask(home: string): string {
  return withBoard(home, (s) => {
    const id = s.createTask({ title: "x", assignee: "a" }).task.id;
    s.claim(id, "h:1", 900);
    return id;
  });
}

Deno.test("kanban assign refuses a running task with exit 1, changing nothing", async () => {
  await using home = await tempHome();
  const id = runningTask(home.path);
  const before = snapshot(home.path);
  const r = await hermes(["kanban", "assign", id, "b"], { env: home.env });
  equal(r.code, 1);
  equal(r.stdout, "");
  equal(
    r.stderr,
    `hermes: cannot reassign ${id}: currently running (claimed). ` +
      "Wait for completion or reclaim the stale lock first.\n",
  );
  const j = await hermes(["kanban", "assign", id, "b", "--json"], { env: home.env });
  equal(j.code, 1);
  equal(j.json<{ error: { code: string } }>().error.code, "running");
  deepEqual(snapshot(home.path), before, "nothing written");
  const shown = await hermes(["kanban", "show", id, "--json"], { env: home.env });
  const d = shown.json<
    { task: { status: string; assignee: string }; runs: { ended_at: null }[] }
  >();
  deepEqual([d.task.status, d.task.assignee, d.runs.map((x) => x.ended_at)], ["running", "a", [
    null,
  ]]);
});

Deno.test("kanban reclaim releases a running task's claim and refuses anything else", async () => {
  await using home = await tempHome();
  const [id, idle] = withBoard(home.path, (s) => {
    const id = s.createTask({ title: "x", assignee: "a" }).task.id;
    s.claim(id, "h:1", 900);
    return [id, s.createTask({ title: "idle", assignee: "a" }).task.id];
  });
  const r = await hermes(["kanban", "reclaim", id, "--reason", "stuck in a loop"], {
    env: home.env,
  });
  equal(r.code, 0, r.stderr);
  equal(r.stdout, `Reclaimed ${id}\n`);
  const shown = await hermes(["kanban", "show", id, "--json"], { env: home.env });
  const d = shown.json<{
    task: { status: string };
    runs: { status: string; error: string }[];
    events: { kind: string; payload: unknown }[];
  }>();
  equal(d.task.status, "ready");
  deepEqual(d.runs.map((x) => [x.status, x.error]), [[
    "reclaimed",
    "manual_reclaim: stuck in a loop",
  ]]);
  deepEqual(d.events.find((e) => e.kind === "reclaimed")?.payload, {
    manual: true,
    reason: "stuck in a loop",
    prev_lock: "h:1",
  });
  const before = snapshot(home.path);
  for (const target of [id, idle, "t_00000000"]) {
    const no = await hermes(["kanban", "reclaim", target], { env: home.env });
    equal(no.code, 1, target);
    equal(no.stderr, `hermes: cannot reclaim ${target} (not running or unknown id)\n`);
  }
  deepEqual(snapshot(home.path), before, "a refused reclaim writes nothing");
  const c = withBoard(home.path, (s) => {
    s.claim(idle, "h:2", 900);
    return idle;
  });
  const j = await hermes(["kanban", "reclaim", c, "--json"], { env: home.env });
  deepEqual(j.json(), { ok: true, task_id: c });
});

Deno.test("kanban reassign needs --reclaim for a running task", async () => {
  await using home = await tempHome();
  const id = runningTask(home.path);
  const before = snapshot(home.path);
  const no = await hermes(["kanban", "reassign", id, "b"], { env: home.env });
  equal(no.code, 1);
  equal(
    no.stderr,
    `hermes: cannot reassign ${id} (unknown id, or still running — pass --reclaim to release first)\n`,
  );
  deepEqual(snapshot(home.path), before, "nothing written");
  const r = await hermes(["kanban", "reassign", id, "b", "--reclaim"], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(r.stdout, `Reassigned ${id} to b (claim reclaimed)\n`);
  const shown = await hermes(["kanban", "show", id, "--json"], { env: home.env });
  const d = shown.json<{ task: { status: string; assignee: string }; runs: { error: string }[] }>();
  deepEqual([d.task.status, d.task.assignee], ["ready", "b"]);
  equal(d.runs[0].error, "manual_reclaim: reassign");
  const idle = await hermes(["kanban", "reassign", id, "none", "--json"], { env: home.env });
  deepEqual(idle.json(), { ok: true, task_id: id, assignee: null });
  const plain = await hermes(["kanban", "reassign", id, "c"], { env: home.env });
  equal(plain.stdout, `Reassigned ${id} to c\n`);
  const missing = await hermes(["kanban", "reassign", "t_00000000", "c", "--reclaim"], {
    env: home.env,
  });
  equal(missing.code, 1);
  const bad = await hermes(["kanban", "reassign", id, "two words"], { env: home.env });
  equal(bad.code, 2);
});

Deno.test("kanban link and unlink move the child between todo and ready", async () => {
  await using home = await tempHome();
  const [p, c] = withBoard(home.path, (s) => [
    s.createTask({ title: "p" }).task.id,
    s.createTask({ title: "c" }).task.id,
  ]);
  const l = await hermes(["kanban", "link", p, c], { env: home.env });
  equal(l.code, 0, l.stderr);
  equal(l.stdout, `Linked ${p} -> ${c}\n`);
  const u = await hermes(["kanban", "unlink", p, c, "--json"], { env: home.env });
  deepEqual(u.json(), { ok: true, parent_id: p, child_id: c, child_status: "ready" });
  const l2 = await hermes(["kanban", "link", p, c, "--json"], { env: home.env });
  deepEqual(l2.json(), { ok: true, parent_id: p, child_id: c, child_status: "todo" });
  const u2 = await hermes(["kanban", "unlink", p, c], { env: home.env });
  equal(u2.stdout, `Unlinked ${p} -> ${c}\n`);
});

Deno.test("kanban link refuses self-links, unknown ids and cycles without writing", async () => {
  await using home = await tempHome();
  const [a, b] = withBoard(home.path, (s) => {
    const a = s.createTask({ title: "a" }).task.id;
    const b = s.createTask({ title: "b", parents: [a] }).task.id;
    return [a, b];
  });
  const before = snapshot(home.path);
  const cases: [string[], number, RegExp][] = [
    [["link", a, a], 1, /^hermes: a task cannot depend on itself\n$/],
    [["link", a, "t_00000000"], 1, /^hermes: unknown task\(s\): t_00000000\n$/],
    [["link", b, a], 1, new RegExp(`^hermes: linking ${b} -> ${a} would create a cycle\n$`)],
    [["unlink", b, a], 1, new RegExp(`^hermes: No such link: ${b} -> ${a}\n$`)],
    [["link", a], 2, /missing argument <child>/],
  ];
  for (const [argv, code, msg] of cases) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    equal(r.code, code, argv.join(" "));
    match(r.stderr, msg);
  }
  const j = await hermes(["kanban", "link", b, a, "--json"], { env: home.env });
  equal(j.json<{ error: { code: string } }>().error.code, "cycle");
  deepEqual(snapshot(home.path), before);
});

Deno.test("kanban comment adds to the thread, signed by the person", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "x" }).task.id);
  const env = { ...home.env, USER: "ann" };
  const c = await hermes(["kanban", "comment", id, "the", "key", "is", "in", "the", "vault"], {
    env,
  });
  equal(c.code, 0, c.stderr);
  match(c.stdout, new RegExp(`^Commented on ${id} as ann \\(comment \\d+\\)\n$`));
  const j = await hermes(["kanban", "comment", id, "thanks", "--author", "bob", "--json"], { env });
  const cm = j.json<{ author: string; body: string; task_id: string }>();
  deepEqual([cm.author, cm.body, cm.task_id], ["bob", "thanks", id]);
  const show = await hermes(["kanban", "show", id, "--json"], { env });
  deepEqual(
    show.json<{ comments: { author: string; body: string }[] }>().comments.map((x) => [
      x.author,
      x.body,
    ]),
    [["ann", "the key is in the vault"], ["bob", "thanks"]],
  );
});

Deno.test("kanban comment refuses empty text, bad authors and unknown tasks", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "x" }).task.id);
  const before = snapshot(home.path);
  const cases: [string[], number][] = [
    [["comment", id], 2],
    [["comment", id, "   "], 2],
    [["comment"], 2],
    [["comment", id, "hi", "--author", ""], 2],
    [["comment", "t_00000000", "hi"], 1],
  ];
  for (const [argv, code] of cases) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    equal(r.code, code, argv.join(" "));
    equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
  deepEqual(snapshot(home.path), before);
});
