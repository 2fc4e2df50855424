import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { readStatsAsync } from "../../lib/workers/mod.ts";
import { openDb } from "../support/board.ts";
import { hermes, spawnHermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";

Deno.test("dispatch --until-idle gives up on a task that cannot spawn without waiting for the sweep", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    `${home.path}/config.yaml`,
    "kanban:\n  profiles:\n    ghost:\n      command: [no-such-program-hermes-test]\n      completion: exit_code\n",
  );
  const c = await hermes(["kanban", "create", "typo", "--assignee", "ghost", "--json"], {
    env: home.env,
  });
  equal(c.code, 0, c.stderr);
  const started = Date.now();
  const r = await hermes(["kanban", "dispatch", "--until-idle", "--json"], { env: home.env });
  // The sweep interval is 60 s; the retry after a failed spawn must not wait for it.
  ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  equal(r.code, 1, r.stderr);
  const shown = await hermes(["kanban", "show", c.json<{ id: string }>().id, "--json"], {
    env: home.env,
  });
  const t = shown.json<{ task: { status: string; last_failure_error: string } }>().task;
  equal(t.status, "blocked");
  ok(/not found|no-such-program/.test(t.last_failure_error ?? ""), t.last_failure_error);
});

Deno.test("workers get the dispatcher's lease length, so their heartbeats extend by as much", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  claim_ttl_seconds: 1234\n");
  const c = await hermes([
    "kanban",
    "create",
    "ttl",
    "--assignee",
    "shell",
    "--body",
    'echo "ttl=$HERMES_KANBAN_CLAIM_TTL_SECONDS"',
    "--json",
  ], { env: home.env });
  const r = await hermes(["kanban", "dispatch", "--until-idle"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const shown = await hermes(["kanban", "show", c.json<{ id: string }>().id, "--json"], {
    env: home.env,
  });
  ok(shown.json<{ task: { result: string } }>().task.result.includes("ttl=1234"));
});

/** A `hermes` run in the background: its output once it exits. */
function startHermes(
  args: string[],
  env: Record<string, string>,
): { child: Deno.ChildProcess; output: Promise<Deno.CommandOutput>; ended: () => boolean } {
  const child = spawnHermes(args, env);
  let ended = false;
  const output = child.output().finally(() => ended = true);
  return { child, output, ended: () => ended };
}

/** A `hermes` run that may hang: its result once it exits, else null after the deadline (it is killed). */
async function hermesWithin(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Deno.CommandOutput | null> {
  const run = startHermes(args, env);
  try {
    await waitFor(run.ended, { timeoutMs, what: `hermes ${args.join(" ")} to exit` });
  } catch {
    run.child.kill("SIGKILL");
    await run.output;
    return null;
  }
  return await run.output;
}

/** True while `pid` is a live process (a zombie, dead but not reaped, does not count). */
async function running(pid: number): Promise<boolean> {
  const st = (await readStatsAsync([pid])).get(pid);
  return st !== undefined && st.state !== "Z" && st.state !== "X";
}

async function createSlow(
  env: Record<string, string>,
  title: string,
  maxRuntime: string,
  body: string,
): Promise<{ id: string; workspace: string }> {
  const c = await hermes([
    "kanban",
    "create",
    title,
    "--assignee",
    "shell",
    "--max-runtime",
    maxRuntime,
    "--body",
    body,
    "--json",
  ], { env });
  equal(c.code, 0, c.stderr);
  const id = c.json<{ id: string }>().id;
  return { id, workspace: `${env.HERMES_HOME}/kanban/workspaces/${id}` };
}

function sleepPid(workspace: string, name = "pid"): number | null {
  try {
    return Number(Deno.readTextFileSync(`${workspace}/${name}`).trim()) || null;
  } catch {
    return null;
  }
}

/** Stop what a failed run of the test left behind (a dispatch that never stopped its worker). */
function killLeftover(pid: number | null): void {
  if (pid === null) return;
  try {
    Deno.kill(pid, "SIGKILL");
  } catch { /* already gone */ }
}

Deno.test("dispatch --until-idle stops a worker's whole group at its max runtime and exits 1", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  kill_grace_seconds: 0.3\n");
  // The background sleep outlives every deadline here: only the 1 s limit can end the run.
  const { id, workspace } = await createSlow(
    home.env,
    "slow",
    "1s",
    "sleep 600 & echo $! > pid; wait",
  );
  const out = await hermesWithin(
    ["kanban", "dispatch", "--until-idle", "--failure-limit", "1", "--json"],
    home.env,
    30_000,
  );
  const pid = sleepPid(workspace);
  try {
    ok(out, "dispatch --until-idle returned long before the worker's sleep would end");
    const stderr = new TextDecoder().decode(out.stderr);
    equal(out.code, 1, stderr);
    const summary = JSON.parse(new TextDecoder().decode(out.stdout));
    deepEqual(summary.timed_out, [id]);
    deepEqual(summary.auto_blocked, [id]);
    deepEqual(summary.finished.blocked, [id]);
    ok(pid, "the worker wrote its sleep's pid");
    equal(await running(pid), false, "the background sleep was killed with its group");
    const shown = await hermes(["kanban", "show", id, "--json"], { env: home.env });
    const d = shown.json<{
      task: { status: string };
      runs: { status: string; error: string }[];
      events: { kind: string; payload: Record<string, unknown> | null }[];
    }>();
    equal(d.task.status, "blocked");
    deepEqual(d.runs.map((r) => r.status), ["gave_up"]);
    match(d.runs[0].error, /^timed out once \(last: elapsed \d+s > limit 1s\)$/);
    const gaveUp = d.events.find((e) => e.kind === "gave_up");
    deepEqual([gaveUp?.payload?.cause, gaveUp?.payload?.limit_seconds], ["timed_out", 1]);
  } finally {
    killLeftover(pid);
  }
});

Deno.test("dispatch --until-idle stops a worker on time while another is still being stopped", async () => {
  await using home = await tempHome();
  // A long grace period: the first worker ignores SIGTERM and is stopped only after it.
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  kill_grace_seconds: 4\n");
  const stubborn = await createSlow(
    home.env,
    "ignores TERM",
    "1s",
    "trap '' TERM; sleep 600 & echo $! > pid; wait; wait",
  );
  const plain = await createSlow(home.env, "plain", "2s", "sleep 600 & echo $! > pid; wait");
  const out = await hermesWithin(
    ["kanban", "dispatch", "--until-idle", "--failure-limit", "1", "--json"],
    home.env,
    40_000,
  );
  const pids = [sleepPid(stubborn.workspace), sleepPid(plain.workspace)];
  try {
    ok(out, "dispatch --until-idle returned");
    equal(out.code, 1, new TextDecoder().decode(out.stderr));
    const db = openDb(home.path);
    let order: string[];
    try {
      order = (db.prepare(
        "SELECT task_id FROM task_events WHERE kind = 'gave_up' ORDER BY id",
      ).all() as { task_id: string }[]).map((r) => r.task_id);
    } finally {
      db.close();
    }
    // The plain worker's limit falls due while the stubborn one sits out its grace period:
    // it is stopped then, not after that stop is over.
    deepEqual(order, [plain.id, stubborn.id]);
    for (const pid of pids) ok(pid && !(await running(pid)), `sleep ${pid} was killed`);
  } finally {
    pids.forEach(killLeftover);
  }
});

Deno.test("dispatch --until-idle stops the worker of a reclaimed task and runs it again", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  kill_grace_seconds: 0.3\n");
  // The first run hangs; the run after the reclaim finds its pid file and finishes.
  const { id, workspace } = await createSlow(
    home.env,
    "hangs once",
    "1h",
    "if [ -f pid ]; then exit 0; fi; sleep 600 & echo $! > pid; wait",
  );
  const dispatch = startHermes(["kanban", "dispatch", "--until-idle", "--json"], home.env);
  let pid: number | null = null;
  try {
    pid = await waitFor(() => sleepPid(workspace), { timeoutMs: 20_000, what: "the first run" });
    const r = await hermes(["kanban", "reclaim", id, "--reason", "hung"], { env: home.env });
    equal(r.code, 0, r.stderr);
    await waitFor(dispatch.ended, { timeoutMs: 30_000, what: "dispatch --until-idle to finish" });
    const out = await dispatch.output;
    equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const summary = JSON.parse(new TextDecoder().decode(out.stdout));
    deepEqual(summary.killed, [id], "the dispatcher stopped the reclaimed run's worker");
    deepEqual(summary.finished.done, [id]);
    equal(await running(pid), false, "the first run's sleep went with its group");
    const runs = await hermes(["kanban", "runs", id, "--json"], { env: home.env });
    deepEqual(runs.json<{ status: string; error: string | null }[]>().map((x) => x.status), [
      "reclaimed",
      "done",
    ]);
  } finally {
    if (!dispatch.ended()) dispatch.child.kill("SIGKILL");
    await dispatch.output;
    killLeftover(pid);
  }
});
