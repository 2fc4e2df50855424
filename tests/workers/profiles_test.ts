import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import { UsageError } from "../../lib/board/mod.ts";
import { resolveConfig } from "../../lib/config/mod.ts";
import {
  commandAvailable,
  loadProfiles,
  locateCommand,
  renderArgv,
  resolveProfile,
  workerEnv,
} from "../../lib/workers/mod.ts";
import { tempHome } from "../support/home.ts";
import { makeProfile, makeTask } from "./fixtures.ts";

const noEnv = () => undefined;

function profilesFrom(profiles: unknown) {
  return loadProfiles(resolveConfig({ kanban: { profiles } }, noEnv));
}

/** The message of the UsageError `f` throws. */
function configError(f: () => unknown): string {
  let msg = "";
  throws(() => {
    try {
      f();
    } catch (e) {
      msg = (e as Error).message;
      throw e;
    }
  }, UsageError);
  return msg;
}

const VARS = {
  task_id: "t_0000abcd",
  title: "Fix {body} & 'quotes'",
  prompt: "work kanban task t_0000abcd",
  workspace: "/tmp/ws",
  body: "echo hi",
  body_file: "/logs/t.1.body",
  prompt_file: "/logs/t.1.prompt",
  run_id: "9",
  board: "default",
  model: "",
};

Deno.test("loadProfiles always has the built-in shell profile in exit_code mode", () => {
  const p = loadProfiles(resolveConfig({}, noEnv));
  deepEqual([...p.keys()], ["shell"]);
  const shell = p.get("shell")!;
  deepEqual(shell.command, ["sh", "{body_file}"]);
  equal(shell.completion, "exit_code");
  equal(shell.builtin, true);
});

Deno.test("loadProfiles reads every key of a configured profile, completion report by default", () => {
  const p = profilesFrom({
    coder: {
      command: ["claude", "-p", "{prompt}", 3],
      env: { MODEL: "opus", RETRIES: 2, VERBOSE: true },
      max_concurrent: 2,
      max_runtime_seconds: 1800,
      description: "writes code",
    },
  }).get("coder")!;
  deepEqual(p, {
    name: "coder",
    command: ["claude", "-p", "{prompt}", "3"],
    env: { MODEL: "opus", RETRIES: "2", VERBOSE: "true" },
    maxConcurrent: 2,
    maxRuntimeSeconds: 1800,
    completion: "report",
    description: "writes code",
    builtin: false,
    sandbox: "off",
    network: "full",
    writable: [],
  });
});

Deno.test("a configured shell profile overrides the built-in one key by key", () => {
  const shell = profilesFrom({ shell: { max_concurrent: 1, env: { CI: "1" } } }).get("shell")!;
  deepEqual(shell.command, ["sh", "{body_file}"]);
  equal(shell.completion, "exit_code");
  equal(shell.maxConcurrent, 1);
  deepEqual(shell.env, { CI: "1" });
  equal(shell.builtin, false);
});

Deno.test("loadProfiles refuses bad profiles with one line naming the key", () => {
  const cases: [unknown, RegExp][] = [
    [{ x: { command: "claude -p" } }, /kanban\.profiles\.x\.command must be a list of arguments/],
    [{ x: { command: [] } }, /kanban\.profiles\.x\.command must be a non-empty list/],
    [{ x: {} }, /kanban\.profiles\.x\.command is required/],
    [{ x: "claude" }, /kanban\.profiles\.x must be a mapping/],
    [{ x: { command: ["a"], completion: "done" } }, /kanban\.profiles\.x\.completion must be/],
    [{ x: { command: ["a"], max_concurrent: 0 } }, /kanban\.profiles\.x\.max_concurrent must be/],
    [
      { x: { command: ["a"], max_runtime_seconds: 1.5 } },
      /kanban\.profiles\.x\.max_runtime_seconds must be a whole number/,
    ],
    [{ x: { command: ["a"], max_concurency: 2 } }, /kanban\.profiles\.x\.max_concurency is not/],
    [{ x: { command: ["a"], env: ["A=1"] } }, /kanban\.profiles\.x\.env must be a mapping/],
    [{ x: { command: ["a"], env: { "A-B": "1" } } }, /env\.A-B is not a valid variable name/],
    [
      { x: { command: ["a"], env: { HERMES_KANBAN_TASK: "t" } } },
      /env\.HERMES_KANBAN_TASK is set by the dispatcher/,
    ],
    [
      { x: { command: ["a"], env: { HERMES_KANBAN_DB_URL: "postgres://h/db" } } },
      /env\.HERMES_KANBAN_DB_URL would give workers the boards' database/,
    ],
    [{ x: { command: ["a", "{taskid}"] } }, /command\[1\] uses unknown placeholder \{taskid\}/],
    [{ x: { command: ["", "b"] } }, /command\[0\] must name a program/],
    [{ "bad name": { command: ["a"] } }, /is not a valid profile name/],
    [{ x: { command: ["a"], sandbox: "strict" } }, /x\.sandbox must be workspace or off/],
    [{ x: { command: ["a"], sandbox: "workspace", network: "some" } }, /x\.network must be none/],
    [{ x: { command: ["a"], sandbox: "workspace", network: [] } }, /empty list of hosts/],
    [{ x: { command: ["a"], sandbox: "workspace", network: ["a b"] } }, /x\.network\[0\] must be/],
    [{ x: { command: ["a"], network: "none" } }, /x\.network is "none", which needs sandbox/],
    [{ x: { command: ["a"], sandbox: "workspace", writable: ["rel"] } }, /writable\[0\] must be/],
    [{ x: { command: ["a"], sandbox: "workspace", writable: ["/a/../b"] } }, /'\.\.' segments/],
  ];
  for (const [profiles, re] of cases) {
    const msg = configError(() => profilesFrom(profiles));
    match(msg, /^config\.yaml: /);
    match(msg, re);
    equal(msg.split("\n").length, 1, msg);
  }
});

Deno.test("resolveProfile tells an unassigned task from an unknown profile", () => {
  const p = profilesFrom({ coder: { command: ["claude"] } });
  equal((resolveProfile(p, "coder") as { profile: { name: string } }).profile.name, "coder");
  deepEqual(resolveProfile(p, null), { error: "task has no assignee", cause: "unassigned" });
  const r = resolveProfile(p, "writer");
  ok("cause" in r);
  equal(r.cause, "unknown_profile");
  match(r.error, /unknown profile 'writer'.*known: coder, shell/);
});

Deno.test("renderArgv fills placeholders once, inside words too, and keeps {{x}} literal", () => {
  const p = makeProfile(["run", "--task={task_id}", "{title}", "{{task_id}}", "{run_id}@{board}"]);
  deepEqual(renderArgv(p, VARS), [
    "run",
    "--task=t_0000abcd",
    "Fix {body} & 'quotes'",
    "{task_id}",
    "9@default",
  ]);
  const jq = makeProfile(["jq", "{a: .b}", "{prompt}"]);
  deepEqual(renderArgv(jq, VARS), ["jq", "{a: .b}", "work kanban task t_0000abcd"]);
});

Deno.test("renderArgv fills {model}, and leaves it out with its option when the task has none", () => {
  const p = makeProfile(["agent", "-m", "{model}", "--model={model}", "--x", "{{model}}"]);
  deepEqual(renderArgv(p, { ...VARS, model: "gpt-5" }), [
    "agent",
    "-m",
    "gpt-5",
    "--model=gpt-5",
    "--x",
    "{model}",
  ]);
  deepEqual(renderArgv(p, VARS), ["agent", "--x", "{model}"]);
  // An option that uses a placeholder itself is not a flag of {model}'s: it stays.
  const q = makeProfile(["agent", "--task={task_id}", "{model}", "{prompt}"]);
  deepEqual(renderArgv(q, VARS), ["agent", "--task=t_0000abcd", "work kanban task t_0000abcd"]);
});

Deno.test("commandAvailable finds programs on PATH and ignores relative PATH entries", async () => {
  await using home = await tempHome();
  const bin = `${home.path}/bin`;
  Deno.mkdirSync(bin);
  Deno.writeTextFileSync(`${bin}/hello`, "#!/bin/sh\necho hi\n");
  Deno.chmodSync(`${bin}/hello`, 0o755);
  Deno.writeTextFileSync(`${bin}/nox`, "#!/bin/sh\n");
  Deno.chmodSync(`${bin}/nox`, 0o644);
  equal(commandAvailable("hello", `/nonexistent:${bin}`), `${bin}/hello`);
  equal(commandAvailable("hello", "/usr/bin:/bin"), null);
  equal(commandAvailable("hello", `.:bin`), null, "relative PATH entries are never searched");
  equal(commandAvailable(`${bin}/hello`, ""), `${bin}/hello`);
  equal(commandAvailable("nox", bin), null);
  const nox = locateCommand("nox", bin);
  ok("cause" in nox);
  equal(nox.cause, "permission_denied");
  ok(commandAvailable("sh", Deno.env.get("PATH")!)?.endsWith("/sh"));
  // A removed program is noticed even after a cached lookup.
  Deno.removeSync(`${bin}/hello`);
  equal(commandAvailable("hello", `/nonexistent:${bin}`), null);
});

Deno.test("loadProfiles refuses every HERMES_ variable the dispatcher sets for a worker", () => {
  const env = workerEnv({
    profile: makeProfile(["true"]),
    task: makeTask({ tenant: "acme" }),
    runId: 1,
    workspace: "/tmp",
    board: "default",
    home: "/tmp/home",
    baseEnv: {},
    claimTtlSeconds: 900,
  });
  const set = Object.keys(env).filter((k) => k.startsWith("HERMES_"));
  ok(set.includes("HERMES_KANBAN_CLAIM_TTL_SECONDS"), set.join(" "));
  for (const name of set) {
    const msg = configError(() => profilesFrom({ x: { command: ["a"], env: { [name]: "1" } } }));
    match(msg, new RegExp(`env\\.${name} is set by the dispatcher`));
  }
});

Deno.test("a profile's sandbox defaults to kanban.sandbox, its network to none when confined", () => {
  const off = profilesFrom({ a: { command: ["a"] } }).get("a")!;
  equal(off.sandbox, "off");
  equal(off.network, "full");
  const cfg = resolveConfig({
    kanban: {
      sandbox: "workspace",
      profiles: {
        a: { command: ["a"] },
        b: { command: ["b"], sandbox: "off" },
        c: { command: ["c"], network: "full", writable: ["~/.cache/c", "/var/c"] },
      },
    },
  }, noEnv);
  const p = loadProfiles(cfg);
  equal(p.get("a")!.sandbox, "workspace");
  equal(p.get("a")!.network, "none");
  equal(p.get("b")!.sandbox, "off");
  deepEqual(p.get("c")!.writable, ["~/.cache/c", "/var/c"]);
  equal(p.get("c")!.network, "full");
  // The built-in shell runs the owner's own commands: kanban.sandbox does not confine it.
  equal(p.get("shell")!.sandbox, "off");
  const confinedShell = loadProfiles(resolveConfig({
    kanban: { profiles: { shell: { sandbox: "workspace" } } },
  }, noEnv)).get("shell")!;
  equal(confinedShell.sandbox, "workspace");
  deepEqual(confinedShell.command, ["sh", "{body_file}"]);
});

Deno.test("a network host list is kept, lower-cased; a bad port is refused", () => {
  const p = profilesFrom({
    a: { command: ["a"], sandbox: "workspace", network: ["API.example.com", "b.example:8443"] },
  }).get("a")!;
  deepEqual(p.network, ["api.example.com", "b.example:8443"]);
  match(
    configError(() =>
      profilesFrom({ a: { command: ["a"], sandbox: "workspace", network: ["a.example:70000"] } })
    ),
    /kanban\.profiles\.a\.network has a port out of range/,
  );
  // Without a sandbox a list could not be held to: refused, never run as full.
  match(
    configError(() => profilesFrom({ a: { command: ["a"], network: ["a.example"] } })),
    /network is \["a\.example"\], which needs sandbox: workspace/,
  );
});

Deno.test("kanban.shell_profile: false removes the built-in shell profile", () => {
  const p = loadProfiles(resolveConfig({ kanban: { shell_profile: false } }, noEnv));
  deepEqual([...p.keys()], []);
  ok("error" in resolveProfile(p, "shell"));
  // A profile the owner names `shell` then stands alone: no built-in keys are merged in.
  const own = loadProfiles(resolveConfig({
    kanban: { shell_profile: false, profiles: { shell: { command: ["bash", "-c", "{body}"] } } },
  }, noEnv)).get("shell")!;
  deepEqual(own.command, ["bash", "-c", "{body}"]);
  equal(own.completion, "report");
});

Deno.test("sandbox.deny and sandbox.writable must be absolute or ~/ paths", () => {
  match(
    configError(() => loadProfiles(resolveConfig({ sandbox: { deny: ["secrets"] } }, noEnv))),
    /sandbox\.deny\[0\] must be an absolute path or start with ~\//,
  );
  match(
    configError(() => loadProfiles(resolveConfig({ sandbox: { writable: "/x" } }, noEnv))),
    /sandbox\.writable must be a list of strings/,
  );
  loadProfiles(resolveConfig({ sandbox: { deny: ["~/.vault", "/srv/keys"] } }, noEnv));
});
