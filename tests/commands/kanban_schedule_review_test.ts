/**
 * The verbs of Hermes v0.18's statuses and block kinds through the CLI's front door: schedule
 * (its time forms, with and without a time), list/show/stats of the new statuses, unblock
 * --reason and promote releasing early, block --kind routing and the loop breaker, review and
 * send-back, and doctor on a schedule nobody woke.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { foreignWrite, snapshot } from "../support/board.ts";

type Env = { env: Record<string, string> };

async function create(o: Env, title: string, ...flags: string[]): Promise<string> {
  const r = await hermes(
    ["kanban", "create", title, "--assignee", "writer", ...flags, "--json"],
    o,
  );
  equal(r.code, 0, r.stderr);
  return r.json<{ id: string }>().id;
}

async function status(o: Env, id: string): Promise<string> {
  const r = await hermes(["kanban", "show", id, "--json"], o);
  equal(r.code, 0, r.stderr);
  return r.json<{ task: { status: string } }>().task.status;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

Deno.test("kanban schedule takes a time as its first word or --at, else parks the task without one", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const a = await create(o, "a");
  const b = await create(o, "b");
  const c = await create(o, "c");
  const before = nowSeconds();
  const ra = await hermes(["kanban", "schedule", a, "2h", "after", "the", "deploy", "--json"], o);
  equal(ra.code, 0, ra.stderr);
  const [res] = ra.json<{ results: { scheduled_until: number; task: { status: string } }[] }>()
    .results;
  equal(res.task.status, "scheduled");
  ok(Math.abs(res.scheduled_until - (before + 7200)) <= 2, `${res.scheduled_until}`);
  const rb = await hermes(["kanban", "schedule", b, "--at", "2030-01-02T03:04:05Z", "why"], o);
  equal(rb.code, 0, rb.stderr);
  equal(rb.stdout, `Scheduled ${b} until 2030-01-02T03:04:05.000Z: why\n`);
  // Hermes's form: a reason and no time (a bare number is a word of the reason).
  const rc = await hermes(["kanban", "schedule", c, "3", "reviewers", "are", "away"], o);
  equal(rc.code, 0, rc.stderr);
  equal(rc.stdout, `Scheduled ${c}: 3 reviewers are away\n`);

  const show = (await hermes(["kanban", "show", a, "--json"], o)).json<{
    scheduled_until: number;
    comments: { body: string }[];
    events: { kind: string; payload: Record<string, unknown> }[];
  }>();
  equal(show.scheduled_until, res.scheduled_until);
  deepEqual(show.comments.map((x) => x.body), ["SCHEDULED: after the deploy"]);
  deepEqual(show.events.at(-1)?.payload, {
    reason: "after the deploy",
    until: res.scheduled_until,
  });
  const human = await hermes(["kanban", "show", c], o);
  match(human.stdout, /status: {4}scheduled\n {2}until: {5}released by unblock or promote\n/);

  const list = await hermes(["kanban", "list", "--status", "scheduled", "--json"], o);
  equal(list.code, 0, list.stderr);
  deepEqual(list.json<{ id: string }[]>().map((t) => t.id).sort(), [a, b, c].sort());
  const lines = await hermes(["kanban", "list", "--status", "scheduled"], o);
  match(lines.stdout, new RegExp(`^⏱ ${a}  scheduled  writer`, "m"));
  const stats = await hermes(["kanban", "stats", "--json"], o);
  equal(stats.json<{ by_status: Record<string, number> }>().by_status.scheduled, 3);
});

Deno.test("kanban schedule refuses a bad or past time with exit 2 and writes nothing", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const id = await create(o, "t");
  const before = snapshot(home.path);
  for (
    const [argv, re] of [
      [["--at", "tomorrowish"], /invalid time 'tomorrowish'/],
      [["--at", "2026-02-30"], /no such date/],
      [["--at", "2001-01-01T00:00Z"], /a time that has passed/],
    ] as const
  ) {
    const r = await hermes(["kanban", "schedule", id, ...argv], o);
    equal(r.code, 2, r.stderr);
    equal(r.stderr.trim().split("\n").length, 1);
    match(r.stderr, re);
  }
  deepEqual(snapshot(home.path), before);
  const done = await create(o, "done");
  equal((await hermes(["kanban", "complete", done], o)).code, 0);
  const r = await hermes(["kanban", "schedule", done, "1h"], o);
  equal(r.code, 1);
  match(r.stderr, /cannot schedule t_\w+: it is done \(schedule needs todo, scheduled, ready/);
});

Deno.test("kanban unblock --reason and promote release a scheduled task early", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const parent = await create(o, "parent");
  const a = await create(o, "a");
  const b = await create(o, "b", "--parent", parent);
  for (const id of [a, b]) equal((await hermes(["kanban", "schedule", id, "1d"], o)).code, 0);
  const u = await hermes(["kanban", "unblock", a, "--reason", "needed now"], o);
  equal(u.code, 0, u.stderr);
  equal(u.stdout, `Unblocked ${a} (ready): needed now\n`);
  const shown = (await hermes(["kanban", "show", a, "--json"], o)).json<{
    scheduled_until: number | null;
    comments: { body: string }[];
  }>();
  deepEqual([shown.scheduled_until, shown.comments.at(-1)?.body], [null, "UNBLOCK: needed now"]);
  const p = await hermes(["kanban", "promote", b], o);
  equal(p.code, 0, p.stderr);
  equal(await status(o, b), "todo", "released, but its parent is not done");
});

Deno.test("kanban block --kind routes as Hermes does, and a same-cause re-block goes to triage", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const gate = await create(o, "gate", "--triage");
  const dep = await create(o, "dep");
  // Running, then made to wait for a parent that is not done (a running task stays running).
  equal((await hermes(["kanban", "claim", dep], o)).code, 0);
  equal((await hermes(["kanban", "link", gate, dep], o)).code, 0);
  const d = await hermes(["kanban", "block", dep, "--kind", "dependency", "needs", "gate"], o);
  equal(d.code, 0, d.stderr);
  equal(d.stdout, `${dep} → todo (dependency wait): needs gate\n`);

  const t = await create(o, "loop");
  const first = await hermes(["kanban", "block", t, "--kind", "needs_input", "which", "key?"], o);
  equal(first.stdout, `Blocked ${t}: which key?\n`);
  equal((await hermes(["kanban", "unblock", t], o)).code, 0);
  const again = await hermes(
    ["kanban", "block", t, "--kind", "needs_input", "still?", "--json"],
    o,
  );
  equal(again.code, 0, again.stderr);
  const task = again.json<{
    results: { task: { status: string; block_kind: string; block_recurrences: number } }[];
  }>().results[0].task;
  deepEqual([task.status, task.block_kind, task.block_recurrences], ["triage", "needs_input", 2]);
  const human = await hermes(["kanban", "show", t], o);
  match(human.stdout, /blocked: {3}needs_input, 2 time\(s\) since it last completed/);

  const bad = await hermes(["kanban", "block", t, "--kind", "someday"], o);
  equal(bad.code, 2);
  match(bad.stderr, /kind must be one of dependency, needs_input, capability, transient/);
});

Deno.test("kanban review hands a task to a reviewer; send-back returns it to its worker", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const t = await create(o, "write the docs");
  const r = await hermes(["kanban", "review", t, "--reviewer", "qa", "PR", "#12"], o);
  equal(r.code, 0, r.stderr);
  equal(r.stdout, `${t} → review (reviewer: qa)\n`);
  const list = await hermes(["kanban", "list", "--status", "review", "--json"], o);
  deepEqual(list.json<{ id: string; assignee: string }[]>().map((x) => [x.id, x.assignee]), [
    [t, "qa"],
  ]);
  const none = await hermes(["kanban", "send-back", t], o);
  equal(none.code, 2);
  match(none.stderr, /say what to fix/);
  const s = await hermes(["kanban", "send-back", t, "the", "examples", "fail", "--json"], o);
  equal(s.code, 0, s.stderr);
  deepEqual(s.json(), { ok: true, task_id: t, status: "ready", assignee: "writer" });
  const shown = (await hermes(["kanban", "show", t, "--json"], o)).json<{
    comments: { body: string }[];
  }>();
  deepEqual(shown.comments.map((c) => c.body), ["REVIEW: PR #12", "SENT BACK: the examples fail"]);
  // Approval is a completion.
  equal((await hermes(["kanban", "review", t], o)).code, 0);
  equal((await hermes(["kanban", "complete", t, "--result", "merged"], o)).code, 0);
  equal(await status(o, t), "done");
  const stats = await hermes(["kanban", "stats", "--json"], o);
  equal(stats.json<{ by_status: Record<string, number> }>().by_status.review, 0);
});

Deno.test("kanban doctor names a scheduled task nobody woke at its time", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const t = await create(o, "late");
  equal((await hermes(["kanban", "schedule", t, "1h"], o)).code, 0);
  foreignWrite(
    home.path,
    "UPDATE hx_task_schedule SET due_at = due_at - 7200 WHERE task_id = ?",
    t,
  );
  const r = await hermes(["kanban", "doctor", "--json"], o);
  const problems = r.json<{ problems: { code: string; task_id: string; fix: string }[] }>()
    .problems.filter((p) => p.task_id === t);
  deepEqual(problems.map((p) => p.code), ["schedule_overdue"]);
  match(problems[0].fix, new RegExp(`hermes kanban unblock ${t}`));
});
