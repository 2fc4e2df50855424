import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import type { SpawnRequest } from "../../lib/workers/mod.ts";
import { MAX_BODY_BYTES, validateBody } from "../../lib/board/mod.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import {
  capLog,
  identityOf,
  inputFiles,
  killTree,
  liveness,
  readExitFile,
  SpawnError,
  spawnWorker,
  workerEnv,
} from "../../lib/workers/mod.ts";
import { liveInGroup, makeProfile, makeTask, procInfo, request, spawnRef } from "./fixtures.ts";

const ONLY_LINUX = Deno.build.os !== "linux";

Deno.test("spawnWorker runs the shell body, logs its output and records exit 3", async () => {
  await using home = await tempHome();
  const req = request(home.path, makeTask({ body: "echo hi; echo oops >&2; exit 3" }));
  const w = spawnRef(req);
  deepEqual(await w.exited, { code: 3, signal: null });
  equal(readExitFile(req.exitPath), 3);
  equal(Deno.readTextFileSync(req.logPath), "hi\noops\n");
  equal(req.logPath, `${req.paths.logs}/${req.task.id}.1.log`);
  equal(Deno.statSync(req.logPath).mode! & 0o777, 0o600);
  equal(Deno.statSync(req.paths.logs).mode! & 0o777, 0o700);
});

Deno.test("spawnWorker renders a configured argv and runs it in the workspace", async () => {
  await using home = await tempHome();
  const ws = `${home.path}/ws`;
  Deno.mkdirSync(ws);
  const task = makeTask({ title: "it's {body} & more" });
  const req = request(home.path, task, {
    workspace: ws,
    runId: 7,
    profile: makeProfile(["sh", "-c", 'printf "%s|" "$@" "$PWD"', "x", "{task_id}", "{title}"]),
  });
  const w = spawnRef(req);
  deepEqual(await w.exited, { code: 0, signal: null });
  equal(Deno.readTextFileSync(req.logPath), `${task.id}|it's {body} & more|${ws}|`);
  equal(readExitFile(req.exitPath), 0);
});

Deno.test("spawnWorker gives the worker a clean environment with HERMES_* set", async () => {
  await using home = await tempHome();
  const task = makeTask({ tenant: "acme", body: "env" });
  const req = request(home.path, task, {
    runId: 42,
    baseEnv: {
      PATH: Deno.env.get("PATH")!,
      HOME: "/home/someone",
      LANG: "C.UTF-8",
      SECRET_TOKEN: "must-not-leak",
      // The boards' database stays the dispatcher's (workers reach the board by the endpoint).
      HERMES_KANBAN_DB_URL: "postgres://hermes:pw@db/hermes",
      PGPASSWORD: "pw",
      PGPASSFILE: "/home/someone/.pgpass",
      HERMES_KANBAN_TASK: "t_deadbeef",
      TERM: "xterm-256color",
    },
    profile: makeProfile(["sh", "-c", "{body}"], { name: "ops", env: { EXTRA: "1" } }),
  });
  // A variable of this very process must not reach the worker either.
  Deno.env.set("HERMES_TEST_PARENT_ONLY", "leaked");
  try {
    await spawnRef(req).exited;
  } finally {
    Deno.env.delete("HERMES_TEST_PARENT_ONLY");
  }
  const env = Object.fromEntries(
    Deno.readTextFileSync(req.logPath).trim().split("\n").map((l) => {
      const i = l.indexOf("=");
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
  equal(env.SECRET_TOKEN, undefined, "a parent variable outside the allow-list leaks");
  for (const name of ["HERMES_KANBAN_DB_URL", "PGPASSWORD", "PGPASSFILE"]) {
    equal(env[name], undefined, `${name} reaches the worker`);
  }
  equal(env.HERMES_TEST_PARENT_ONLY, undefined, "the dispatcher's own environment leaks");
  equal(env.HERMES_KANBAN_TASK, task.id);
  equal(env.HERMES_KANBAN_RUN_ID, "42");
  equal(env.HERMES_KANBAN_BOARD, "default");
  equal(env.HERMES_HOME, home.path);
  equal(env.HERMES_KANBAN_WORKSPACE, home.path);
  equal(env.HERMES_PROFILE, "ops");
  equal(env.HERMES_TENANT, "acme");
  equal(env.HOME, "/home/someone");
  equal(env.LANG, "C.UTF-8");
  equal(env.TERM, "dumb");
  equal(env.EXTRA, "1");
  const allowed = new Set([
    ...Object.keys(workerEnv(req)),
    "PWD",
    "SHLVL",
    "OLDPWD",
    "_",
  ]);
  deepEqual(Object.keys(env).filter((k) => !allowed.has(k)), []);
});

Deno.test(
  "spawnWorker makes the worker its own session and process-group leader",
  { ignore: ONLY_LINUX },
  async () => {
    await using home = await tempHome();
    const gate = `${home.path}/go`;
    const req = request(
      home.path,
      makeTask({ body: `while [ ! -e ${gate} ]; do sleep 0.02; done` }),
    );
    const w = spawnRef(req);
    try {
      const info = await waitFor(async () => {
        const i = await procInfo(w.pid);
        return i && i.sid === w.pid ? i : null;
      }, { what: "setsid" });
      equal(info.pgid, w.pid);
      await w.identityReady;
      ok(w.identity.startTicks !== null, "identityReady fills in the start time");
      equal(liveness(w.identity), "alive");
      deepEqual(identityOf(w.pid), w.identity);
    } finally {
      Deno.writeTextFileSync(gate, "");
    }
    deepEqual(await w.exited, { code: 0, signal: null });
  },
);

/** The SpawnError a spawn throws, or null when it started a worker. */
function spawnFailure(req: SpawnRequest): SpawnError | null {
  try {
    spawnWorker(req);
  } catch (e) {
    if (e instanceof SpawnError) return e;
    throw e;
  }
  return null;
}

Deno.test("spawnWorker reports a missing command as command_not_found, before spawning", async () => {
  await using home = await tempHome();
  const req = request(home.path, makeTask(), {
    profile: makeProfile(["hermes-no-such-program-xyz", "{task_id}"]),
  });
  const err = spawnFailure(req);
  equal(err?.cause, "command_not_found");
  match(err!.message, /'hermes-no-such-program-xyz' not found on PATH/);
  throws(() => Deno.statSync(req.logPath), Deno.errors.NotFound, "nothing was started");
});

Deno.test("spawnWorker tells permission_denied and workspace failures apart", async () => {
  await using home = await tempHome();
  const script = `${home.path}/not-executable.sh`;
  Deno.writeTextFileSync(script, "#!/bin/sh\nexit 0\n");
  Deno.chmodSync(script, 0o644);
  const denied = request(home.path, makeTask(), { profile: makeProfile([script]) });
  equal(spawnFailure(denied)?.cause, "permission_denied");
  const noWs = request(home.path, makeTask(), { workspace: `${home.path}/missing` });
  equal(spawnFailure(noWs)?.cause, "workspace");
  const relWs = request(home.path, makeTask(), { workspace: "relative/dir" });
  equal(spawnFailure(relWs)?.cause, "workspace");
  const fileWs = request(home.path, makeTask(), { workspace: script });
  equal(spawnFailure(fileWs)?.cause, "workspace");
});

Deno.test("killTree stops a worker's whole tree, grandchildren included", {
  ignore: ONLY_LINUX,
}, async () => {
  await using home = await tempHome();
  const req = request(home.path, makeTask({ body: "sleep 100 & sleep 100 & wait" }));
  const w = spawnRef(req);
  // Wrapper, the body's subshell and two sleeps.
  await waitFor(async () => (await liveInGroup(w.pid)).length >= 4, { what: "the tree to start" });
  equal(await killTree(w.pid, 5000, w.identity), "exited");
  deepEqual(await liveInGroup(w.pid), []);
  const st = await w.exited;
  equal(st.code, 143, "the wrapper records the TERM the command died of");
  equal(readExitFile(req.exitPath), 143);
});

Deno.test("killTree sends SIGKILL after the grace period to a tree that ignores TERM", {
  ignore: ONLY_LINUX,
}, async () => {
  await using home = await tempHome();
  const ready = `${home.path}/ready`;
  const req = request(
    home.path,
    makeTask({ body: `trap '' TERM; sleep 100 & touch ${ready}; wait` }),
  );
  const w = spawnRef(req);
  await waitFor(() => Deno.statSync(ready), { what: "the trap to be set" });
  const t0 = performance.now();
  equal(await killTree(w.pid, 300, w.identity), "killed");
  ok(performance.now() - t0 >= 300, "SIGKILL came before the grace period ended");
  deepEqual(await liveInGroup(w.pid), []);
  deepEqual(await w.exited, { code: null, signal: "SIGKILL" });
  equal(readExitFile(req.exitPath), null, "a killed wrapper writes no exit file");
});

Deno.test("killTree stops what a worker left running after it exited", {
  ignore: ONLY_LINUX,
}, async () => {
  await using home = await tempHome();
  const req = request(home.path, makeTask({ body: "sleep 100 & exit 0" }));
  const w = spawnRef(req);
  deepEqual(await w.exited, { code: 0, signal: null });
  equal((await liveInGroup(w.pid)).length, 1, "the orphaned sleep is still in the group");
  equal(await killTree(w.pid, 2000, w.identity), "exited");
  deepEqual(await liveInGroup(w.pid), []);
});

Deno.test("killTree on a finished worker or an unknown pid is 'gone' and never throws", async () => {
  await using home = await tempHome();
  const w = spawnRef(request(home.path, makeTask({ body: "true" })));
  await w.exited;
  equal(await killTree(w.pid, 100, w.identity), "gone");
  equal(await killTree(4_000_000, 100), "gone");
  equal(await killTree(1, 100), "failed", "never signals init or every process");
  equal(await killTree(0, 100), "failed");
  equal(await killTree(-5, 100), "failed");
});

Deno.test("a reused pid is judged dead and never signalled", { ignore: ONLY_LINUX }, async () => {
  await using home = await tempHome();
  const gate = `${home.path}/go`;
  const w = spawnRef(
    request(home.path, makeTask({ body: `while [ ! -e ${gate} ]; do sleep 0.02; done` })),
  );
  try {
    await waitFor(async () => (await procInfo(w.pid))?.pgid === w.pid, { what: "setsid" });
    await w.identityReady;
    // The same pid with another start time: an earlier process that held this pid.
    const stale = { ...w.identity, startTicks: (w.identity.startTicks ?? 0) + 1 };
    equal(liveness(stale), "dead");
    equal(liveness({ ...w.identity, bootId: "another-boot" }), "dead");
    equal(liveness({ ...w.identity, host: "elsewhere" }), "unknown");
    equal(await killTree(w.pid, 100, stale), "gone");
    equal(await killTree(w.pid, 100, { ...w.identity, host: "elsewhere" }), "failed");
    equal(liveness(w.identity), "alive", "the live process was signalled");
  } finally {
    Deno.writeTextFileSync(gate, "");
  }
  deepEqual(await w.exited, { code: 0, signal: null });
});

Deno.test("a worker outlives its parent and its exit code can be adopted", {
  ignore: ONLY_LINUX,
}, async () => {
  await using home = await tempHome();
  const gate = `${home.path}/go`;
  const fixture = new URL("./spawn_and_exit.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-read",
      "--allow-write",
      "--allow-run",
      "--allow-env",
      "--allow-sys=hostname",
      fixture,
      home.path,
      `while [ ! -e ${gate} ]; do sleep 0.02; done; exit 4`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const { identity, exitPath } = JSON.parse(new TextDecoder().decode(out.stdout));
  equal(liveness(identity), "alive", "the worker died with its parent");
  equal(readExitFile(exitPath), null);
  Deno.writeTextFileSync(gate, "");
  await waitFor(() => liveness(identity) === "dead", { what: "the worker to exit" });
  equal(readExitFile(exitPath), 4);
});

Deno.test("readExitFile is null for a missing, empty or garbled file", async () => {
  await using home = await tempHome();
  const p = `${home.path}/x.exit`;
  equal(readExitFile(p), null);
  Deno.writeTextFileSync(p, "");
  equal(readExitFile(p), null);
  Deno.writeTextFileSync(p, "12abc\n");
  equal(readExitFile(p), null);
  Deno.writeTextFileSync(p, "75\n");
  equal(readExitFile(p), 75);
});

Deno.test("capLog keeps the newest half from a line start, after a marker", async () => {
  await using home = await tempHome();
  const p = `${home.path}/run.log`;
  const lines = Array.from({ length: 1000 }, (_, i) => `line ${String(i).padStart(4, "0")}`);
  const text = lines.join("\n") + "\n";
  Deno.writeTextFileSync(p, text, { mode: 0o600 });
  capLog(p, 100_000);
  equal(Deno.readTextFileSync(p), text, "a log under the cap is left alone");
  capLog(p, 4096);
  const capped = Deno.readTextFileSync(p);
  ok(capped.length <= 4096, `capped to ${capped.length}`);
  const [marker, first] = capped.split("\n");
  match(marker, /^\[hermes: log over 4096 bytes; \d+ older bytes dropped\]$/);
  match(first, /^line \d{4}$/);
  ok(capped.endsWith("line 0999\n"));
  ok(capped.length > 2048 - 20, "about half is kept");
  equal(Deno.statSync(p).mode! & 0o777, 0o600);
  // Appends keep going to the end, as a worker's O_APPEND writes would.
  Deno.writeTextFileSync(p, "after\n", { append: true });
  ok(Deno.readTextFileSync(p).endsWith("line 0999\nafter\n"));
  capLog(`${home.path}/missing.log`, 4096);
});

Deno.test("spawnWorker runs a 1 MiB shell body through a file, not one argument (no E2BIG)", async () => {
  await using home = await tempHome();
  // 1 MiB exactly: a comment line filling the space, then the command that proves it ran.
  const tail = "\necho ran-to-the-end\n";
  const body = "#" + "x".repeat(1024 * 1024 - 1 - tail.length) + tail;
  equal(new TextEncoder().encode(body).length, 1024 * 1024);
  const req = request(home.path, makeTask({ body }));
  const w = spawnRef(req);
  deepEqual(await w.exited, { code: 0, signal: null }, Deno.readTextFileSync(req.logPath));
  equal(Deno.readTextFileSync(req.logPath), "ran-to-the-end\n");
  const inputs = inputFiles(req.logPath);
  throws(() => Deno.statSync(inputs.bodyPath), Deno.errors.NotFound, "body file removed");
});

Deno.test("spawnWorker hands {prompt_file} and {body_file} as private files, removed after the run", async () => {
  await using home = await tempHome();
  const task = makeTask({ body: "naïve body ✓" });
  const req = request(home.path, task, {
    prompt: "a long prompt ✓\n".repeat(20_000),
    profile: makeProfile([
      "sh",
      "-c",
      'stat -c %a "$1" "$2"; cat "$2"; wc -c <"$1"',
      "x",
      "{prompt_file}",
      "{body_file}",
    ]),
  });
  const w = spawnRef(req);
  deepEqual(await w.exited, { code: 0, signal: null }, Deno.readTextFileSync(req.logPath));
  const promptBytes = new TextEncoder().encode(req.prompt).length;
  equal(Deno.readTextFileSync(req.logPath), `600\n600\nnaïve body ✓${promptBytes}\n`);
  const inputs = inputFiles(req.logPath);
  for (const p of [inputs.bodyPath, inputs.promptPath]) {
    throws(() => Deno.statSync(p), Deno.errors.NotFound, `${p} removed`);
  }
});

Deno.test("body limit counts UTF-8 bytes: 1 MiB of two-byte text is refused, half as many characters pass", () => {
  const tooBig = "é".repeat(600_000); // 600 000 characters, 1 200 000 bytes
  ok(tooBig.length < MAX_BODY_BYTES);
  throws(() => validateBody(tooBig), /body is too large: 1200000 bytes \(limit 1048576 bytes\)/);
  equal(validateBody("é".repeat(512 * 1024)), "é".repeat(512 * 1024));
  throws(() => validateBody("é".repeat(512 * 1024) + "x"), /too large/);
});
