import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { readStatsAsync } from "../../lib/workers/mod.ts";
import { openDb } from "../support/board.ts";
import { baseEnv, hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { needing, probe } from "../support/requires.ts";
import { waitFor } from "../support/wait.ts";
import { gatewayCommand, readStateFile, runGateway, writeConfig } from "./gateway_support.ts";

interface Row {
  status: string;
  consecutive_failures: number;
}

function task(home: string, id: string): Row {
  const db = openDb(home);
  try {
    return db.prepare("SELECT status, consecutive_failures FROM tasks WHERE id = ?").get(
      id,
    ) as unknown as Row;
  } finally {
    db.close();
  }
}

function runOutcomes(home: string, id: string): (string | null)[] {
  const db = openDb(home);
  try {
    return (db.prepare("SELECT outcome FROM task_runs WHERE task_id = ? ORDER BY id").all(id) as {
      outcome: string | null;
    }[]).map((r) => r.outcome);
  } finally {
    db.close();
  }
}

async function create(home: { env: Record<string, string> }, body: string): Promise<string> {
  const r = await hermes(
    ["kanban", "create", "t", "--assignee", "shell", "--body", body, "--json"],
    {
      env: home.env,
    },
  );
  equal(r.code, 0, r.stderr);
  return r.json<{ id: string }>().id;
}

/** The worker pid recorded for a task's current run, once its spawn is committed. */
function recordedPid(home: string, id: string): number | null {
  const db = openDb(home);
  try {
    const r = db.prepare(
      "SELECT p.pid FROM hx_run_procs p JOIN tasks t ON t.current_run_id = p.run_id WHERE t.id = ?",
    ).get(id) as { pid: number | null } | undefined;
    return r?.pid ?? null;
  } finally {
    db.close();
  }
}

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, 0 as unknown as Deno.Signal);
    return true;
  } catch {
    return false;
  }
}

Deno.test("gateway dispatcher starts a task created by the CLI at once, not at the next sweep", async () => {
  await using home = await tempHome();
  writeConfig(home.path, "kanban:\n  dispatch_interval_seconds: 3600\n");
  await using gw = await runGateway(home, ["--no-dashboard", "--log-level", "debug"]);
  const id = await create(home, "echo hello");
  const t0 = Date.now();
  await waitFor(() => task(home.path, id).status === "done", { timeoutMs: 10_000, what: "done" })
    .catch((e) => {
      throw new Error(`${e.message}; gateway log:\n${gw.stderr()}`);
    });
  ok(Date.now() - t0 < 5_000, "finished long before the hour-long sweep");
  // The log line may reach us a moment after the database says done.
  await waitFor(() => /tick board=default ms=\S+ spawned=1/.test(gw.stderr()), {
    what: "tick log line",
  });
  await waitFor(() =>
    (readStateFile(home.path)?.stats as { spawnedTotal: number }).spawnedTotal >= 1
  );
});

Deno.test("gateway stops a worker's whole group at its max runtime, not at the next sweep", async () => {
  await using home = await tempHome();
  writeConfig(
    home.path,
    "kanban:\n  dispatch_interval_seconds: 3600\n  kill_grace_seconds: 0.3\n  failure_limit: 1\n",
  );
  await using gw = await runGateway(home);
  const r = await hermes([
    "kanban",
    "create",
    "slow",
    "--assignee",
    "shell",
    "--max-runtime",
    "1s",
    "--body",
    "sleep 600 & echo $! > pid; wait",
    "--json",
  ], { env: home.env });
  equal(r.code, 0, r.stderr);
  const id = r.json<{ id: string }>().id;
  const pidFile = `${home.path}/kanban/workspaces/${id}/pid`;
  // The sleep outlives every deadline here and the sweep is an hour away: only a timer
  // armed for the 1 s limit ends this run in time.
  const sleepPid = await waitFor(() => Number(Deno.readTextFileSync(pidFile).trim()), {
    what: "the worker's sleep",
  });
  try {
    await waitFor(() => task(home.path, id).status === "blocked", {
      timeoutMs: 30_000,
      what: "the task to give up at its max runtime",
    }).catch((e) => {
      throw new Error(`${e.message}; gateway log:\n${gw.stderr()}`);
    });
    deepEqual(runOutcomes(home.path, id), ["gave_up"]);
    const st = (await readStatsAsync([sleepPid])).get(sleepPid);
    ok(st === undefined || st.state === "Z", "the background sleep was killed with its group");
  } finally {
    // Workers outlive a gateway: a failed run of this test must not leave the sleep behind.
    try {
      Deno.kill(sleepPid, "SIGKILL");
    } catch { /* already gone */ }
  }
});

Deno.test("gateway restart adopts a live worker, which finishes its task exactly once", async () => {
  await using home = await tempHome();
  const marker = `${home.path}/go`;
  let id = "";
  {
    await using gw = await runGateway(home);
    id = await create(
      home,
      `i=0; while [ ! -e ${marker} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; echo finished`,
    );
    await waitFor(() => recordedPid(home.path, id), { what: "worker on record" });
    gw.kill("SIGTERM");
    equal((await gw.status).code, 0);
  }
  equal(task(home.path, id).status, "running", "the worker outlives the gateway");
  await using _gw2 = await runGateway(home);
  Deno.writeTextFileSync(marker, "");
  await waitFor(() => task(home.path, id).status === "done", { timeoutMs: 15_000, what: "done" });
  deepEqual(runOutcomes(home.path, id), ["completed"]);
});

Deno.test("gateway killed with SIGKILL mid-run loses nothing after a restart", async () => {
  await using home = await tempHome();
  const marker = `${home.path}/go`;
  const ids: string[] = [];
  {
    await using gw = await runGateway(home);
    ids.push(
      await create(
        home,
        `i=0; while [ ! -e ${marker} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done`,
      ),
    );
    // Mid-run: the worker's spawn is on record (not the instant between claim and spawn).
    await waitFor(() => recordedPid(home.path, ids[0]), { what: "worker on record" });
    gw.kill("SIGKILL");
    await gw.status;
  }
  // Work created while no gateway runs waits for the next one.
  ids.push(await create(home, "true"), await create(home, "true"));
  await using gw2 = await runGateway(home);
  Deno.writeTextFileSync(marker, "");
  await waitFor(() => ids.every((id) => task(home.path, id).status === "done"), {
    timeoutMs: 15_000,
    what: "all done",
  }).catch((e) => {
    const states = ids.map((id) =>
      `${id} ${task(home.path, id).status} ${runOutcomes(home.path, id)}`
    );
    throw new Error(`${e.message}\n${states.join("\n")}\n${gw2.stderr()}`);
  });
  for (const id of ids) {
    deepEqual(runOutcomes(home.path, id), ["completed"], id);
    equal(task(home.path, id).consecutive_failures, 0);
  }
});

Deno.test("gateway with --stop-workers stops running workers on SIGTERM and requeues their tasks", async () => {
  await using home = await tempHome();
  const pidFile = `${home.path}/worker.pid`;
  await using gw = await runGateway(home, ["--no-dashboard", "--stop-workers"]);
  const id = await create(home, `echo $$ > ${pidFile}; exec sleep 60`);
  await waitFor(() => task(home.path, id).status === "running", { what: "running" });
  const workerPid = await waitFor(() => {
    const t = Deno.readTextFileSync(pidFile).trim();
    return t ? Number(t) : null;
  }, { what: "worker pid" });
  ok(alive(workerPid));
  gw.kill("SIGTERM");
  equal((await gw.status).code, 0, gw.stderr());
  const t = task(home.path, id);
  equal(t.status, "ready", "put back to ready");
  equal(t.consecutive_failures, 0, "not counted as a failure");
  await waitFor(() => !alive(workerPid), { timeoutMs: 5_000, what: "worker gone" });
  match(gw.stderr(), /put their tasks back to ready tasks=1/);
});

/** Why this machine cannot give the gateway a pid namespace of its own, or null. */
const NO_PID_NAMESPACE = await probe(
  "cannot make a pid namespace (needs root and util-linux's unshare)",
  "unshare",
  ["--pid", "--fork", "--mount-proc", "true"],
);

// In a fresh pid namespace the worker's group id is tiny (like 9), which once made kill(1)
// read `-s TERM -- -9` as a bad option: this test caught it.
Deno.test(needing(NO_PID_NAMESPACE, {
  name: "gateway as PID 1 stops its workers on SIGTERM and requeues their tasks",
  fn: pidOneStopsWorkers,
}));

async function pidOneStopsWorkers(): Promise<void> {
  await using home = await tempHome();
  // unshare makes the gateway PID 1 of a new pid namespace; killing unshare sends it SIGTERM.
  const gw = await gatewayCommand(home.path, ["--no-dashboard"], { ...baseEnv(), ...home.env });
  const child = new Deno.Command("unshare", {
    args: [
      "--pid",
      "--fork",
      "--mount-proc",
      "--kill-child=SIGTERM",
      Deno.execPath(),
      ...gw.args,
    ],
    env: gw.env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const errText = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  const pump = (async () => {
    while (true) {
      const { value, done } = await errText.read();
      if (done) break;
      err += value;
    }
  })();
  try {
    await waitFor(() => readStateFile(home.path)?.phase === "ready", { what: "ready" });
    equal(readStateFile(home.path)?.pid, 1);
    const id = await create(home, "exec sleep 60");
    await waitFor(() => recordedPid(home.path, id), { what: "worker on record" });
    child.kill("SIGKILL");
    await waitFor(() => readStateFile(home.path)?.phase === "stopped", {
      timeoutMs: 10_000,
      what: "stopped",
    });
    await pump;
    const t = task(home.path, id);
    equal(t.status, "ready", `${t.status} ${runOutcomes(home.path, id)}\n${err}`);
    equal(t.consecutive_failures, 0);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* gone */ }
    await child.status;
  }
}

Deno.test("gateway dispatcher waits kanban.dispatch_initial_delay_seconds before its first tick", async () => {
  await using home = await tempHome();
  writeConfig(home.path, "kanban:\n  dispatch_initial_delay_seconds: 1.5\n");
  const t0 = Date.now();
  await using _gw = await runGateway(home);
  const id = await create(home, "true");
  await waitFor(() => task(home.path, id).status === "done", { timeoutMs: 10_000, what: "done" });
  const ms = Date.now() - t0;
  ok(ms >= 1500, `done after ${ms} ms, before the initial delay had passed`);
});

Deno.test("gateway dispatches a named board created while it runs", async () => {
  await using home = await tempHome();
  writeConfig(home.path, "kanban:\n  dispatch_interval_seconds: 3600\n");
  await using _gw = await runGateway(home);
  const b = await hermes(["kanban", "boards", "create", "ops"], { env: home.env });
  equal(b.code, 0, b.stderr);
  const c = await hermes(
    [
      "kanban",
      "create",
      "on ops",
      "--board",
      "ops",
      "--assignee",
      "shell",
      "--body",
      "true",
      "--json",
    ],
    { env: home.env },
  );
  equal(c.code, 0, c.stderr);
  const id = c.json<{ id: string }>().id;
  await waitFor(async () => {
    const s = await hermes(["kanban", "show", id, "--board", "ops", "--json"], { env: home.env });
    return s.json<{ task: { status: string } }>().task.status === "done";
  }, { timeoutMs: 10_000, what: "done on the named board" });
});

Deno.test("gateway restart records the outcome of a worker that ended while no gateway ran", async () => {
  await using home = await tempHome();
  const marker = `${home.path}/go`;
  const done = `${home.path}/worker-done`;
  let id = "";
  {
    await using gw = await runGateway(home);
    id = await create(
      home,
      `i=0; while [ ! -e ${marker} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; touch ${done}`,
    );
    await waitFor(() => recordedPid(home.path, id), { what: "worker on record" });
    gw.kill("SIGTERM");
    await gw.status;
  }
  const pid = recordedPid(home.path, id)!;
  Deno.writeTextFileSync(marker, "");
  await waitFor(() => !alive(pid), { what: "worker exited with no gateway" });
  ok(Deno.statSync(done).isFile);
  equal(task(home.path, id).status, "running", "nobody has looked yet");
  await using _gw2 = await runGateway(home);
  await waitFor(() => task(home.path, id).status === "done", { timeoutMs: 10_000, what: "done" });
  deepEqual(runOutcomes(home.path, id), ["completed"]);
});
