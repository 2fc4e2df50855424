/**
 * The verbs and flags Hermes added by v0.18, through the real binary: edit, promote --force
 * --dry-run, archive --rm, comment --max-len, list --sort and diagnostics.
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { foreignWrite, snapshot } from "../support/board.ts";
import { PERSON, withBoard } from "../board/fixtures.ts";

Deno.test("kanban edit corrects a done task's result and hand-off; refuses a task not done", async () => {
  await using home = await tempHome();
  const [done, open] = withBoard(home.path, (s) => {
    const d = s.createTask({ title: "d", assignee: "w" }).task.id;
    s.claim(d, "h:1", 900);
    s.complete(d, { result: "v1.2", summary: "shipped" }, PERSON);
    return [d, s.createTask({ title: "o" }).task.id];
  });
  const r = await hermes([
    "kanban",
    "edit",
    done,
    "--result",
    "v1.3",
    "--summary",
    "shipped in v1.3",
    "--metadata",
    '{"pr": 42}',
  ], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(r.stdout, `Edited ${done}\n`);
  const shown = await hermes(["kanban", "show", done, "--json"], { env: home.env });
  const d = shown.json<
    { task: { result: string }; runs: { summary: string; metadata: unknown }[] }
  >();
  deepEqual([d.task.result, d.runs[0].summary, d.runs[0].metadata], [
    "v1.3",
    "shipped in v1.3",
    { pr: 42 },
  ]);

  const before = snapshot(home.path);
  const no = await hermes(["kanban", "edit", open, "--result", "x"], { env: home.env });
  deepEqual([no.code, no.stderr], [1, `hermes: cannot edit ${open}: it is ready, not done\n`]);
  const missing = await hermes(["kanban", "edit", done], { env: home.env });
  equal(missing.code, 2);
  match(missing.stderr, /^hermes: result is required/);
  const badMeta = await hermes(["kanban", "edit", done, "--result", "x", "--metadata", "[1]"], {
    env: home.env,
  });
  equal(badMeta.code, 2);
  deepEqual(snapshot(home.path), before, "refusals write nothing");
});

Deno.test("kanban promote --dry-run changes nothing; --force readies a task waiting on parents", async () => {
  await using home = await tempHome();
  const child = withBoard(home.path, (s) => {
    const gate = s.createTask({ title: "gate" }).task.id;
    return s.createTask({ title: "child", parents: [gate] }).task.id;
  });
  const plain = await hermes(["kanban", "promote", child], { env: home.env });
  equal(plain.code, 1);
  equal(
    plain.stderr,
    `hermes: cannot promote ${child}: its parents are not all done yet (use --force to override)\n`,
  );
  const before = snapshot(home.path);
  const dry = await hermes(["kanban", "promote", child, "--force", "--dry-run", "--json"], {
    env: home.env,
  });
  equal(dry.code, 0, dry.stderr);
  const [res] = dry.json<{ results: Record<string, unknown>[] }>().results;
  deepEqual([res.ok, res.status, res.dry_run, res.forced], [true, "ready", true, true]);
  equal((res.task as { status: string }).status, "todo");
  deepEqual(snapshot(home.path), before, "a dry run writes nothing");

  const forced = await hermes(["kanban", "promote", child, "--force", "--reason", "hotfix"], {
    env: home.env,
  });
  equal(forced.code, 0, forced.stderr);
  equal(forced.stdout, `Promoted ${child} (ready, forced)\n`);
  const ev = withBoard(home.path, (s) => s.showTask(child).events.at(-1)!);
  deepEqual([ev.kind, ev.payload], ["promoted", {
    from: "todo",
    status: "ready",
    forced: true,
    reason: "hotfix",
  }]);
});

Deno.test("kanban archive --rm deletes archived tasks for good and refuses the others", async () => {
  await using home = await tempHome();
  const [a, b, live] = withBoard(home.path, (s) => {
    const a = s.createTask({ title: "a" }).task.id;
    const b = s.createTask({ title: "b", parents: [a] }).task.id;
    s.comment(a, "ann", "note");
    s.archive(a);
    return [a, b, s.createTask({ title: "live" }).task.id];
  });
  const r = await hermes(["kanban", "archive", "--rm", a, live, "--json"], { env: home.env });
  equal(r.code, 1, "one of the ids was refused");
  const res = r.json<{ results: { id: string; ok: boolean; error?: { code: string } }[] }>()
    .results;
  deepEqual(res.map((x) => [x.id, x.ok, x.error?.code ?? null]), [
    [a, true, null],
    [live, false, "not_archived"],
  ]);
  withBoard(home.path, (s) => {
    equal(s.getTask(a), null);
    deepEqual(s.showTask(b).parents, []);
    equal(s.requireTask(live).status, "ready");
  });
  const again = await hermes(["kanban", "archive", "--rm", a], { env: home.env });
  deepEqual([again.code, again.stderr], [1, `hermes: no such task: ${a}\n`]);
});

Deno.test("kanban comment --max-len cuts a long comment and says so", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "x" }).task.id);
  const long = "word ".repeat(40).trim();
  const r = await hermes(["kanban", "comment", id, long, "--max-len", "60"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const short = await hermes(["kanban", "comment", id, "short", "--max-len", "60"], {
    env: home.env,
  });
  equal(short.code, 0);
  const bodies = withBoard(home.path, (s) => s.showTask(id).comments.map((c) => c.body));
  deepEqual(bodies, ["word word word word word\n\n[trimmed to 60 chars by --max-len]", "short"]);
  equal([...bodies[0]].length <= 60, true);
  for (const bad of ["0", "-3", "many"]) {
    const no = await hermes(["kanban", "comment", id, "x", "--max-len", bad], { env: home.env });
    equal(no.code, 2, bad);
    match(no.stderr, /max_len must be a positive whole number/);
  }
});

Deno.test("kanban list --sort orders the listing and refuses an unknown order", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    for (const [title, priority] of [["b", 1], ["c", 5], ["a", 1]] as const) {
      const id = s.createTask({ title, priority }).task.id;
      foreignWrite(
        home.path,
        "UPDATE tasks SET created_at = ? WHERE id = ?",
        title.charCodeAt(0),
        id,
      );
    }
  });
  const titles = async (...extra: string[]) => {
    const r = await hermes(["kanban", "list", ...extra, "--json"], { env: home.env });
    equal(r.code, 0, r.stderr);
    return r.json<{ title: string }[]>().map((t) => t.title).join("");
  };
  equal(await titles(), "cab");
  equal(await titles("--sort", "title"), "abc");
  equal(await titles("--sort", "created-desc"), "cba");
  const human = await hermes(["kanban", "list", "--sort", "priority-desc"], { env: home.env });
  deepEqual(human.stdout.split("\n").filter(Boolean).map((l) => l.trim().at(-1)), ["a", "b", "c"]);
  const bad = await hermes(["kanban", "list", "--sort", "newest"], { env: home.env });
  equal(bad.code, 2);
  match(bad.stderr, /^hermes: unknown sort 'newest': expected one of priority, /);
});

Deno.test("kanban diagnostics lists tasks in distress, most urgent first, by severity and task", async () => {
  await using home = await tempHome();
  const now = Math.floor(Date.now() / 1000);
  const [stranded, failing] = withBoard(home.path, (s) => {
    const stranded = s.createTask({ title: "nobody picks me", assignee: "typo" }).task.id;
    const failing = s.createTask({ title: "keeps failing", assignee: "coder" }).task.id;
    s.block(failing, "gave up", PERSON);
    s.createTask({ title: "fine" });
    return [stranded, failing];
  });
  foreignWrite(
    home.path,
    "UPDATE task_events SET created_at = ? WHERE task_id = ?",
    now - 3000,
    stranded,
  );
  foreignWrite(
    home.path,
    "UPDATE tasks SET consecutive_failures = 4, last_failure_error = 'exit 127' WHERE id = ?",
    failing,
  );
  const all = await hermes(["kanban", "diagnostics", "--json"], { env: home.env });
  equal(all.code, 0, all.stderr);
  const out = all.json<{
    count: number;
    diagnostics: { task_id: string; diagnostics: { kind: string; severity: string }[] }[];
  }>();
  deepEqual(
    out.diagnostics.map((t) => [t.task_id, t.diagnostics.map((d) => `${d.kind}:${d.severity}`)]),
    [[failing, ["repeated_failures:critical"]], [stranded, ["stranded_in_ready:warning"]]],
  );
  equal(out.count, 2);

  const human = await hermes(["kanban", "diag", "--severity", "error"], { env: home.env });
  equal(human.code, 0);
  match(human.stdout, /^1 active diagnostic\(s\) on 1 task\(s\):/);
  match(human.stdout, new RegExp(`${failing}  blocked .* keeps failing`));
  match(human.stdout, /!!! \[critical\] repeated_failures: Agent failure x4: exit 127/);

  const one = await hermes(["kanban", "diagnostics", "--task", stranded, "--json"], {
    env: home.env,
  });
  deepEqual(one.json<{ diagnostics: { task_id: string }[] }>().diagnostics.map((t) => t.task_id), [
    stranded,
  ]);
  const none = await hermes(
    ["kanban", "diagnostics", "--severity", "critical", "--task", stranded],
    {
      env: home.env,
    },
  );
  equal(none.stdout, "No active diagnostics on this board.\n");
  const unknown = await hermes(["kanban", "diagnostics", "--task", "t_00000000"], {
    env: home.env,
  });
  deepEqual([unknown.code, unknown.stderr], [1, "hermes: no such task: t_00000000\n"]);
});
