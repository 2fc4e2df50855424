/** `hermes kanban dispatch`, `daemon` and `log` through the real entry point. */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { snapshot } from "../support/board.ts";
import { baseEnv, hermes, hermesArgv } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";

async function create(env: Record<string, string>, ...args: string[]): Promise<string> {
  const r = await hermes(["kanban", "create", ...args, "--json"], { env });
  equal(r.code, 0, r.stderr);
  return r.json<{ id: string }>().id;
}

async function status(env: Record<string, string>, id: string): Promise<string> {
  return (await hermes(["kanban", "show", id, "--json"], { env })).json<
    { task: { status: string } }
  >().task.status;
}

Deno.test("dispatch spawns ready tasks and prints them as Hermes does", async () => {
  await using home = await tempHome();
  const id = await create(home.env, "greet", "--assignee", "shell", "--body", "echo hi");
  const r = await hermes(["kanban", "dispatch"], { env: home.env });
  equal(r.code, 0, r.stderr);
  match(r.stdout, /^Reclaimed: 0\nPromoted: 0\nSpawned: 1\n/);
  match(r.stdout, new RegExp(`  - ${id}  ->  shell  @ ${home.path}/kanban/workspaces/${id}\n`));
  // The worker outlives the one-shot command; the next tick reads its exit file.
  await waitFor(async () => {
    await hermes(["kanban", "dispatch"], { env: home.env });
    return await status(home.env, id) === "done";
  }, { timeoutMs: 20_000 });
  const log = await hermes(["kanban", "log", id], { env: home.env });
  equal(log.stdout, "hi\n");
});

Deno.test("dispatch --until-idle runs a DAG of steps and exits 0 when all are done", async () => {
  await using home = await tempHome();
  const a = await create(home.env, "build", "--assignee", "shell", "--body", "echo built");
  const b = await create(home.env, "test", "--assignee", "shell", "--body", "true", "--parent", a);
  const c = await create(home.env, "ship", "--assignee", "shell", "--body", "true", "--parent", b);
  const r = await hermes(["kanban", "dispatch", "--until-idle", "--json"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const out = r.json<{ finished: { done: string[]; blocked: string[] }; completed: string[] }>();
  deepEqual(out.finished.done.sort(), [a, b, c].sort());
  deepEqual(out.completed, [a, b, c]);
});

Deno.test("dispatch --until-idle exits 1 when a step ends blocked, leaving its children", async () => {
  await using home = await tempHome();
  const a = await create(
    home.env,
    "build",
    "--assignee",
    "shell",
    "--body",
    "echo broken >&2; exit 2",
  );
  const b = await create(home.env, "test", "--assignee", "shell", "--body", "true", "--parent", a);
  const r = await hermes(["kanban", "dispatch", "--until-idle"], { env: home.env });
  equal(r.code, 1, r.stderr);
  match(r.stdout, new RegExp(`Finished: 0 done, 1 blocked \\(blocked: ${a}\\)`));
  equal(await status(home.env, b), "todo");
});

Deno.test("dispatch --dry-run changes nothing and rejects --until-idle", async () => {
  await using home = await tempHome();
  await create(home.env, "one", "--assignee", "shell", "--body", "true");
  await create(home.env, "two", "--assignee", "shell", "--body", "true");
  const before = snapshot(home.path);
  const r = await hermes(["kanban", "dispatch", "--dry-run", "--max", "1", "--json"], {
    env: home.env,
  });
  equal(r.code, 0, r.stderr);
  const out = r.json<{ dry_run: boolean; spawned: unknown[] }>();
  equal(out.dry_run, true);
  equal(out.spawned.length, 1);
  deepEqual(snapshot(home.path), before);
  const bad = await hermes(["kanban", "dispatch", "--dry-run", "--until-idle"], { env: home.env });
  equal(bad.code, 2);
  equal(bad.stderr.trim().split("\n").length, 1);
  match(bad.stderr, /cannot be combined/);
});

Deno.test("dispatch refuses bad numbers and a task that is not ready, changing nothing", async () => {
  await using home = await tempHome();
  const a = await create(home.env, "a", "--assignee", "shell", "--body", "true");
  const b = await create(home.env, "b", "--assignee", "shell", "--body", "true", "--parent", a);
  const before = snapshot(home.path);
  const bad = await hermes(["kanban", "dispatch", "--max", "-1"], { env: home.env });
  equal(bad.code, 2);
  match(bad.stderr, /^hermes: --max: expected an integer ≥ 0, got '-1'\n$/);
  const todo = await hermes(["kanban", "dispatch", "--task", b], { env: home.env });
  equal(todo.code, 1);
  match(todo.stderr, new RegExp(`cannot dispatch ${b}: it is todo`));
  deepEqual(snapshot(home.path), before);
});

Deno.test("dispatch --task runs exactly that task", async () => {
  await using home = await tempHome();
  const a = await create(home.env, "a", "--assignee", "shell", "--body", "true");
  const b = await create(home.env, "b", "--assignee", "shell", "--body", "true");
  const r = await hermes(["kanban", "dispatch", "--task", b, "--until-idle", "--json"], {
    env: home.env,
  });
  equal(r.code, 0, r.stderr);
  deepEqual(r.json<{ finished: { done: string[] } }>().finished.done, [b]);
  equal(await status(home.env, a), "ready");
});

Deno.test("daemon without --force is a deprecation notice that exits 2", async () => {
  await using home = await tempHome();
  const r = await hermes(["kanban", "daemon"], { env: home.env });
  equal(r.code, 2);
  match(r.stderr, /^hermes kanban daemon: DEPRECATED — the dispatcher now runs/);
  match(r.stderr, /hermes gateway start/);
  equal(r.stdout, "");
  const group = await hermes(["kanban", "--help"], { env: home.env });
  match(group.stdout, /daemon\s+DEPRECATED/);
  const help = await hermes(["kanban", "daemon", "--help"], { env: home.env });
  match(help.stdout, /DEPRECATED/);
  ok(!help.stdout.includes("--force"), "the escape hatch stays out of help");
});

Deno.test("daemon --force dispatches on changes and stops cleanly on SIGTERM", async () => {
  await using home = await tempHome();
  const pidfile = `${home.path}/daemon.pid`;
  const child = new Deno.Command(Deno.execPath(), {
    args: hermesArgv(["kanban", "daemon", "--force", "--interval", "60", "--pidfile", pidfile]),
    env: { ...baseEnv(), ...home.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr: string[] = [];
  const reading = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr.push(chunk);
    }
  })();
  try {
    await waitFor(() => stderr.join("").includes("STANDALONE"), { timeoutMs: 20_000 });
    equal(Deno.readTextFileSync(pidfile).trim(), String(child.pid));
    // Far sooner than the 60 s interval: the daemon wakes when the board changes.
    const id = await create(home.env, "woken", "--assignee", "shell", "--body", "true");
    await waitFor(async () => await status(home.env, id) === "done", { timeoutMs: 20_000 });
  } finally {
    child.kill("SIGTERM");
  }
  const st = await child.status;
  await reading;
  await child.stdout.cancel();
  equal(st.code, 0, stderr.join(""));
  match(stderr.join(""), /racing for claims/);
  match(stderr.join(""), /\(dispatcher stopped\)\n$/);
  ok(!(await Deno.stat(pidfile).then(() => true, () => false)), "pidfile removed");
});

Deno.test("log prints a run's output, honours --tail and --run, and explains a missing log", async () => {
  await using home = await tempHome();
  const id = await create(
    home.env,
    "talk",
    "--assignee",
    "shell",
    "--body",
    "if [ -f again ]; then echo second run; exit 0; fi; touch again; echo first run; exit 75",
  );
  const none = await hermes(["kanban", "log", id], { env: home.env });
  equal(none.code, 0);
  equal(none.stderr, `(no log for ${id} — task may not have spawned yet)\n`);
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  retry_backoff_seconds: 0\n");
  const r = await hermes(["kanban", "dispatch", "--until-idle"], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal((await hermes(["kanban", "log", id], { env: home.env })).stdout, "second run\n");
  equal((await hermes(["kanban", "log", id, "--tail", "4"], { env: home.env })).stdout, "run\n");
  const runs = (await hermes(["kanban", "show", id, "--json"], { env: home.env })).json<
    { runs: { id: number }[] }
  >().runs;
  const first = await hermes(["kanban", "log", id, "--run", String(runs[0].id), "--json"], {
    env: home.env,
  });
  const j = first.json<{ content: string; run_id: number; exists: boolean }>();
  deepEqual([j.content, j.run_id, j.exists], ["first run\n", runs[0].id, true]);
  const missing = await hermes(["kanban", "log", id, "--run", "999"], { env: home.env });
  equal(missing.code, 1);
  match(missing.stderr, /has no run 999/);
});
