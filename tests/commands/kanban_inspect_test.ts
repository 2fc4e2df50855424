import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { PERSON, withBoard } from "../board/fixtures.ts";
import { issueRunSecret } from "../support/runs.ts";

Deno.test("kanban stats counts every status and assignee", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    s.createTask({ title: "a", assignee: "ann" });
    const b = s.createTask({ title: "b", assignee: "ann" }).task.id;
    s.complete(b, {}, PERSON);
    s.createTask({ title: "c", triage: true });
  });
  const j = await hermes(["kanban", "stats", "--json"], { env: home.env });
  equal(j.code, 0, j.stderr);
  const st = j.json<{
    by_status: Record<string, number>;
    by_assignee: Record<string, Record<string, number>>;
    oldest_ready_age_seconds: number | null;
    now: number;
  }>();
  deepEqual(st.by_status, {
    triage: 1,
    todo: 0,
    scheduled: 0,
    ready: 1,
    running: 0,
    blocked: 0,
    review: 0,
    done: 1,
    archived: 0,
  });
  deepEqual(st.by_assignee, { ann: { ready: 1, done: 1 } });
  ok(st.oldest_ready_age_seconds !== null && st.oldest_ready_age_seconds >= 0);
  ok(Math.abs(st.now - Date.now() / 1000) < 60);
  const h = await hermes(["kanban", "stats"], { env: home.env });
  match(h.stdout, /^triage +1\ntodo +0\nscheduled +0\nready +1\n/);
  match(h.stdout, /By assignee:\n +ann +ready=1, done=1\n/);
  match(h.stdout, /Oldest ready task: \d+s\n$/);
});

Deno.test("kanban runs lists attempts oldest first", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => {
    const id = s.createTask({ title: "x", assignee: "w" }).task.id;
    s.claim(id, "h:1", 900);
    s.block(id, "no credentials", PERSON);
    s.unblock(id);
    s.claim(id, "h:1", 900);
    return id;
  });
  const j = await hermes(["kanban", "runs", id, "--json"], { env: home.env });
  equal(j.code, 0, j.stderr);
  const runs = j.json<{ status: string; profile: string; error: string | null }[]>();
  deepEqual(runs.map((r) => [r.status, r.profile, r.error]), [
    ["blocked", "w", "no credentials"],
    ["running", "w", null],
  ]);
  const h = await hermes(["kanban", "runs", id], { env: home.env });
  const lines = h.stdout.trim().split("\n");
  match(lines[0], /^RUN +STATUS +PROFILE +STARTED +ELAPSED +SUMMARY \/ ERROR$/);
  match(lines[1], /^#\d+ +blocked +w +\S+Z +\d+s +no credentials$/);
  equal(lines.length, 3);
  const none = withBoard(home.path, (s) => s.createTask({ title: "y" }).task.id);
  const empty = await hermes(["kanban", "runs", none], { env: home.env });
  match(empty.stdout, /no runs/);
  equal((await hermes(["kanban", "runs", "t_00000000"], { env: home.env })).code, 1);
});

Deno.test("kanban assignees tells configured profiles from unknown assignees", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    `${home.path}/config.yaml`,
    'kanban:\n  profiles:\n    writer:\n      command: ["echo", "{task_id}"]\n',
  );
  withBoard(home.path, (s) => {
    s.createTask({ title: "a", assignee: "writer" });
    s.createTask({ title: "b", assignee: "ghost" });
    s.createTask({ title: "c", assignee: "shell" });
  });
  const j = await hermes(["kanban", "assignees", "--json"], { env: home.env });
  equal(j.code, 0, j.stderr);
  deepEqual(j.json(), [
    { name: "ghost", on_disk: false, counts: { ready: 1 } },
    { name: "shell", on_disk: true, counts: { ready: 1 } },
    { name: "writer", on_disk: true, counts: { ready: 1 } },
  ]);
  const h = await hermes(["kanban", "assignees"], { env: home.env });
  match(
    h.stdout,
    /^NAME +PROFILE +TASKS\nghost +no +ready=1\nshell +yes +ready=1\nwriter +yes +ready=1\n$/,
  );
  match(h.stderr, /no profile for: ghost/);
});

Deno.test("kanban context prints the worker context, defaulting to the worker's task", async () => {
  await using home = await tempHome();
  const { parent, id, run } = withBoard(home.path, (s) => {
    const parent = s.createTask({ title: "research", assignee: "w" }).task.id;
    s.complete(parent, { summary: "found three sources" }, PERSON);
    const id = s.createTask({ title: "write up", body: "use the sources", parents: [parent] })
      .task.id;
    s.comment(id, "ann", "keep it short");
    const run = s.claim(id, "h:1", 900).run.id;
    issueRunSecret(home.path, s, id, run);
    return { parent, id, run };
  });
  const h = await hermes(["kanban", "context"], {
    env: { ...home.env, HERMES_KANBAN_TASK: id, HERMES_KANBAN_RUN_ID: String(run) },
  });
  equal(h.code, 0, h.stderr);
  match(h.stdout, new RegExp(`^# Kanban task ${id}: write up\n`));
  match(h.stdout, /## Body\n\nuse the sources\n/);
  match(
    h.stdout,
    new RegExp(`## Parent task results\n\n### ${parent}: research \\(done\\)\nfound three sources`),
  );
  match(h.stdout, /## Comment thread\n\n\*\*ann\*\* · \S+\nkeep it short\n$/);
  const j = await hermes(["kanban", "context", id, "--json"], { env: home.env });
  const ctx = j.json<{ task_id: string; context: string }>();
  equal(ctx.task_id, id);
  equal(ctx.context, h.stdout);
  equal((await hermes(["kanban", "context"], { env: home.env })).code, 2, "no id, no worker");
});
