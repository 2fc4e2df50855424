import { deepEqual, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";
import { withBoard } from "../board/fixtures.ts";

/** Two running tasks; the worker holds `mine` with run `runId`. */
function twoRunning(home: string) {
  return withBoard(home, (s) => {
    const mine = s.createTask({ title: "mine", assignee: "w" }).task.id;
    const other = s.createTask({ title: "other", assignee: "w" }).task.id;
    const { run } = s.claim(mine, "h:1", 900);
    s.claim(other, "h:1", 900);
    return { mine, other, runId: run.id };
  });
}

/** The environment of a worker holding `task` as run `runId`, with its profile when given. */
function workerEnv(
  base: Record<string, string>,
  task: string,
  runId: number,
  profile?: string,
): Record<string, string> {
  const env = { ...base, HERMES_KANBAN_TASK: task, HERMES_KANBAN_RUN_ID: String(runId) };
  return profile === undefined ? env : { ...env, HERMES_PROFILE: profile };
}

Deno.test("kanban worker may not complete, block or heartbeat another task", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  const env = workerEnv(home.env, mine, runId, "w");
  const before = snapshot(home.path);
  const c = await hermes(["kanban", "complete", other, "--json"], { env });
  equal(c.code, 1);
  equal(
    c.json<{ results: { error: { code: string } }[] }>().results[0].error.code,
    "not_your_task",
  );
  const b = await hermes(["kanban", "block", other, "stuck"], { env });
  equal(b.code, 1);
  match(b.stderr, /^hermes: a worker may only block the task it holds \(t_\w+\), not t_\w+\n$/);
  const h = await hermes(["kanban", "heartbeat", other, "--json"], { env });
  equal(h.code, 1);
  deepEqual(h.json<{ error: { code: string } }>().error.code, "not_your_task");
  deepEqual(snapshot(home.path), before, "refusals write nothing");
});

Deno.test("kanban worker with a stale run id is refused on its own task", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  const env = workerEnv(home.env, mine, runId + 7);
  for (const argv of [["complete"], ["block", "stuck"], ["heartbeat"]]) {
    const r = await hermes(["kanban", ...argv], { env });
    equal(r.code, 1, argv[0]);
    match(r.stderr, new RegExp(`run ${runId + 7} no longer holds ${mine}`));
  }
});

Deno.test("kanban worker completes its own task by default, with its current run", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  const env = workerEnv(home.env, mine, runId);
  const h = await hermes(["kanban", "heartbeat", "--note", "half way"], { env });
  equal(h.code, 0, h.stderr);
  const c = await hermes(["kanban", "complete", "--summary", "done it"], { env });
  equal(c.code, 0, c.stderr);
  equal(c.stdout, `Completed ${mine}\n`);
  const again = await hermes(["kanban", "complete"], { env });
  equal(again.code, 0, "a repeated completion by the same worker is a no-op success");
});

Deno.test("kanban worker blocks its own task with a reason and no id", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  const env = workerEnv(home.env, mine, runId);
  const b = await hermes(["kanban", "block", "need", "the", "API", "key"], { env });
  equal(b.code, 0, b.stderr);
  equal(b.stdout, `Blocked ${mine}: need the API key\n`);
});

Deno.test("kanban worker comments as its profile and may not choose an author", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  const env = workerEnv(home.env, mine, runId, "writer");
  const own = await hermes(["kanban", "comment", "found", "it", "--json"], { env });
  equal(own.code, 0, own.stderr);
  const c = own.json<{ task_id: string; author: string; body: string }>();
  deepEqual([c.task_id, c.author, c.body], [mine, "writer", "found it"]);
  const elsewhere = await hermes(["kanban", "comment", other, "see", "mine"], { env });
  equal(elsewhere.code, 0, "a worker may comment on other tasks");
  const before = snapshot(home.path);
  const forged = await hermes(["kanban", "comment", mine, "hi", "--author", "boss", "--json"], {
    env,
  });
  equal(forged.code, 1);
  equal(forged.json<{ error: { code: string } }>().error.code, "author_override");
  deepEqual(snapshot(home.path), before);
});

Deno.test("kanban worker's create makes a child of its task unless --parent is given", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  const env = workerEnv(home.env, mine, runId, "w");
  const parentsOf = async (id: string) => {
    const s = await hermes(["kanban", "show", id, "--json"], { env: home.env });
    equal(s.code, 0, s.stderr);
    return s.json<{ parents: { id: string }[] }>().parents.map((p) => p.id);
  };
  const child = await hermes(["kanban", "create", "follow-up", "--assignee", "w", "--json"], {
    env,
  });
  equal(child.code, 0, child.stderr);
  const c = child.json<{ id: string; status: string }>();
  equal(c.status, "todo", "it waits for the worker's task");
  deepEqual(await parentsOf(c.id), [mine]);
  const free = await hermes(
    ["kanban", "create", "unrelated", "--assignee", "w", "--parent", "none", "--json"],
    { env },
  );
  equal(free.code, 0, free.stderr);
  const f = free.json<{ id: string; status: string }>();
  deepEqual([f.status, await parentsOf(f.id)], ["ready", []]);
  const named = await hermes(["kanban", "create", "after other", "--parent", other, "--json"], {
    env,
  });
  equal(named.code, 0, named.stderr);
  deepEqual(await parentsOf(named.json<{ id: string }>().id), [other]);
  const mixed = await hermes(["kanban", "create", "x", "--parent", "none", "--parent", other], {
    env,
  });
  equal(mixed.code, 2);
  match(mixed.stderr, /^hermes: --parent none means no parent; it cannot be given with ids\n$/);
});

Deno.test("create outside a worker has no parent by default and takes --parent none", async () => {
  await using home = await tempHome();
  const a = await hermes(["kanban", "create", "a", "--json"], { env: home.env });
  const b = await hermes(["kanban", "create", "b", "--parent", "none", "--json"], {
    env: home.env,
  });
  for (const r of [a, b]) {
    equal(r.code, 0, r.stderr);
    equal(r.json<{ status: string }>().status, "ready");
  }
});
