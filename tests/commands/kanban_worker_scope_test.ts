/**
 * The worker verbs of `hermes kanban` run inside a worker: through the worker endpoint (served
 * here, in the test process), as the run the environment names, proven by the run's secret file.
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";
import { withBoard } from "../board/fixtures.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { secretPath } from "../../lib/endpoint/protocol.ts";
import { issueRunSecret, serveEndpoint } from "../support/runs.ts";

/** Two running tasks; the worker holds `mine` with run `runId`, whose secret is issued. */
function twoRunning(home: string) {
  return withBoard(home, (s) => {
    const mine = s.createTask({ title: "mine", assignee: "w" }).task.id;
    const other = s.createTask({ title: "other", assignee: "w" }).task.id;
    const { run } = s.claim(mine, "h:1", 900);
    issueRunSecret(home, s, mine, run.id);
    const theirs = s.claim(other, "h:1", 900).run;
    issueRunSecret(home, s, other, theirs.id);
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

/** The board of `home`, with the worker endpoint served for it until disposed. */
function served(home: string, allowed: string[] = []) {
  const store = openBoard(home, "default");
  const endpoint = serveEndpoint(home, store, { allowed, unconfined: ["shell"] });
  return {
    store,
    [Symbol.dispose]() {
      endpoint.close();
      store.close();
    },
  };
}

Deno.test("kanban worker may not complete, block or heartbeat another task", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  using _board = served(home.path);
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

Deno.test("kanban worker whose run was taken over is refused on its own task", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  withBoard(home.path, (s) => {
    s.reclaim(mine, "stuck");
    issueRunSecret(home.path, s, mine, s.claim(mine, "h:2", 900).run.id);
  });
  using _board = served(home.path);
  const env = workerEnv(home.env, mine, runId);
  for (const argv of [["complete"], ["block", "stuck"], ["heartbeat"], ["comment", "late"]]) {
    const r = await hermes(["kanban", ...argv], { env });
    equal(r.code, 1, argv[0]);
    match(r.stderr, new RegExp(`run ${runId} no longer holds ${mine}`));
  }
});

Deno.test("kanban worker completes its own task by default, with its current run", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  using _board = served(home.path);
  const env = workerEnv(home.env, mine, runId);
  const h = await hermes(["kanban", "heartbeat", "--note", "half way"], { env });
  equal(h.code, 0, h.stderr);
  const c = await hermes(["kanban", "complete", "--summary", "done it"], { env });
  equal(c.code, 0, c.stderr);
  equal(c.stdout, `Completed ${mine}\n`);
  const again = await hermes(["kanban", "complete"], { env });
  equal(again.code, 0, "a repeated completion by the same worker is a no-op success");
  // Its run has ended: nothing it asks for changes the board any more.
  const late = await hermes(["kanban", "comment", "one more thing"], { env });
  equal(late.code, 1);
  match(late.stderr, new RegExp(`run ${runId} no longer holds ${mine}`));
});

Deno.test("kanban worker blocks its own task with a reason and no id", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  using _board = served(home.path);
  const env = workerEnv(home.env, mine, runId);
  const b = await hermes(["kanban", "block", "need", "the", "API", "key"], { env });
  equal(b.code, 0, b.stderr);
  equal(b.stdout, `Blocked ${mine}: need the API key\n`);
});

Deno.test("kanban worker comments as its profile, on its own task only, and may not choose an author", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  using _board = served(home.path);
  const env = workerEnv(home.env, mine, runId, "writer");
  const own = await hermes(["kanban", "comment", "found", "it", "--json"], { env });
  equal(own.code, 0, own.stderr);
  const c = own.json<{ task_id: string; author: string; body: string }>();
  // The author is the run's profile (`w`), whatever HERMES_PROFILE says.
  deepEqual([c.task_id, c.author, c.body], [mine, "w", "found it"]);
  const before = snapshot(home.path);
  const elsewhere = await hermes(["kanban", "comment", other, "see", "mine"], { env });
  equal(elsewhere.code, 1);
  match(elsewhere.stderr, /^hermes: a worker may comment only on its own task/);
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
  using _board = served(home.path, ["w"]);
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
  const c = child.json<{ id: string; status: string; created_by: string }>();
  deepEqual([c.status, c.created_by], ["todo", "w"], "it waits for the worker's task");
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
  // No assignee: not one a worker may give tasks to without review.
  deepEqual(named.json<{ status: string }>().status, "triage");
  deepEqual(await parentsOf(named.json<{ id: string }>().id), [other]);
  const mixed = await hermes(["kanban", "create", "x", "--parent", "none", "--parent", other], {
    env,
  });
  equal(mixed.code, 2);
  match(mixed.stderr, /^hermes: --parent none means no parent; it cannot be given with ids\n$/);
  const forged = await hermes(["kanban", "create", "x", "--created-by", "boss", "--json"], { env });
  equal(forged.code, 1);
  equal(forged.json<{ error: { code: string } }>().error.code, "author_override");
});

Deno.test("kanban worker's tasks land in triage unless kanban.worker_create_assignees lists their assignee", async () => {
  await using home = await tempHome();
  const { mine, runId } = twoRunning(home.path);
  using _board = served(home.path, ["reviewed", "shell"]);
  const env = workerEnv(home.env, mine, runId, "w");
  const make = async (assignee: string) => {
    const r = await hermes(
      ["kanban", "create", `for ${assignee}`, "--assignee", assignee, "--parent", "none", "--json"],
      { env },
    );
    equal(r.code, 0, r.stderr);
    return r.json<{ status: string; assignee: string | null }>();
  };
  const listed = await make("reviewed");
  deepEqual([listed.status, listed.assignee], ["ready", "reviewed"]);
  const unlisted = await make("other");
  deepEqual([unlisted.status, unlisted.assignee], ["triage", "other"]);
  // shell is never a worker's to give, even when config lists it: triage, unassigned.
  const shell = await make("shell");
  deepEqual([shell.status, shell.assignee], ["triage", null]);
});

Deno.test("kanban worker links only its own task and the tasks it created", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  using board = served(home.path, ["w"]);
  const env = workerEnv(home.env, mine, runId, "w");
  const made = async (title: string) => {
    const r = await hermes(["kanban", "create", title, "--assignee", "w", "--json"], { env });
    equal(r.code, 0, r.stderr);
    return r.json<{ id: string }>().id;
  };
  const a = await made("a");
  const b = await made("b");
  const ok1 = await hermes(["kanban", "link", a, b], { env });
  equal(ok1.code, 0, ok1.stderr);
  deepEqual(board.store.showTask(b).parents.map((p) => p.id).sort(), [a, mine].sort());
  const before = snapshot(home.path);
  for (const [parent, child] of [[other, b], [a, other], [other, mine]]) {
    const r = await hermes(["kanban", "link", parent, child], { env });
    equal(r.code, 1, `${parent} -> ${child}`);
    match(r.stderr, /^hermes: a worker may link only its own task .* and the tasks it created/);
  }
  deepEqual(snapshot(home.path), before);
});

Deno.test("kanban worker whose dispatcher is gone works the board directly, with its secret", async () => {
  await using home = await tempHome();
  const { mine, other, runId } = twoRunning(home.path);
  // Nobody serves the endpoint: an unconfined worker opens the board, as the same worker.
  const env = workerEnv(home.env, mine, runId, "w");
  const refused = await hermes(["kanban", "complete", other], { env });
  equal(refused.code, 1);
  match(refused.stderr, /may only complete the task it holds/);
  // Without the run's secret file, it proves nothing.
  const file = secretPath(home.path, "default", mine, runId);
  const secret = Deno.readTextFileSync(file);
  Deno.removeSync(file);
  const unproven = await hermes(["kanban", "heartbeat", "--json"], { env });
  equal(unproven.code, 1);
  equal(unproven.json<{ error: { code: string } }>().error.code, "not_authenticated");
  Deno.writeTextFileSync(file, secret, { mode: 0o600 });
  const done = await hermes(["kanban", "complete", "--summary", "fine"], { env });
  equal(done.code, 0, done.stderr);
});
