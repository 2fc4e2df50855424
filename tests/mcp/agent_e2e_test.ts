/**
 * End to end: a scripted stand-in agent (tests/support/fake_agent.ts, which takes Claude
 * Code's flags) configured with the Claude preset's MCP wiring and confinement works a chain of
 * three tasks, first under `hermes kanban dispatch --until-idle`, then under the gateway.
 */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { stringify } from "yaml";
import { openBoard, type Store } from "../../lib/store/mod.ts";
import { findPreset } from "../../lib/workers/presets.ts";
import { hermes, MAIN, PERMISSION_FLAGS } from "../support/cli.ts";
import { type TempHome, tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";

const FAKE_AGENT = new URL("../support/fake_agent.ts", import.meta.url).pathname;

/** How a worker runs deno scripts of this checkout from any directory. */
function denoRun(script: string): string[] {
  return [
    Deno.execPath(),
    "run",
    "--quiet",
    ...PERMISSION_FLAGS,
    script,
  ];
}

/** config.yaml with profile `agent`: the Claude preset, with the fake agent as the program. */
function writeConfig(home: TempHome): void {
  const { entry } = findPreset("claude").build({
    name: "agent",
    home: home.path,
    hermes: denoRun(MAIN),
  });
  equal(entry.command[0], "claude");
  entry.command = [...denoRun(FAKE_AGENT), ...entry.command.slice(1)];
  // Confined as the preset writes it: the agent reports through `hermes mcp`, which reaches the
  // board only through the worker endpoint. Its provider is not called, so it needs no network.
  equal(entry.sandbox, "workspace");
  entry.network = "none";
  const denoDir = Deno.env.get("DENO_DIR");
  if (denoDir) entry.env = { ...entry.env, DENO_DIR: denoDir };
  const config = {
    kanban: { profiles: { agent: entry }, dispatch_interval_seconds: 1 },
    dashboard: { port: 0 },
  };
  Deno.writeTextFileSync(`${home.path}/config.yaml`, stringify(config), { mode: 0o600 });
}

/** Three tasks, each waiting for the one before. */
function chain(store: Store): string[] {
  const a = store.createTask({ title: "design the schema", assignee: "agent" }).task.id;
  const b = store.createTask({ title: "write the migration", assignee: "agent", parents: [a] })
    .task.id;
  const c = store.createTask({ title: "document it", assignee: "agent", parents: [b] }).task.id;
  return [a, b, c];
}

/** Each task's status, run outcomes and worker log tail: the message when a test fails. */
function diagnose(store: Store, ids: string[]): string {
  return ids.map((id) => {
    const t = store.requireTask(id);
    const runs = store.runs(id).map((r) => {
      let log = "";
      try {
        log = r.log_path ? Deno.readTextFileSync(r.log_path).split("\n").slice(-8).join("\n") : "";
      } catch { /* no log */ }
      return `  run ${r.id} ${r.status} exit=${r.exit_code} ${r.error ?? ""}\n${log}`;
    });
    return [`${id} ${t.status}`, ...runs].join("\n");
  }).join("\n");
}

/** The chain ran in order, handed off by results, and every run says so. */
function checkHistory(store: Store, [a, b, c]: string[]): void {
  const names: Record<string, string> = { [a]: "A", [b]: "B", [c]: "C" };
  const seq = store.events({ afterId: 0, kinds: ["claimed", "promoted", "completed"] })
    .filter((e) => names[e.task_id])
    .map((e) => `${e.kind} ${names[e.task_id]}`);
  deepEqual(seq, [
    "claimed A",
    "completed A",
    "promoted B",
    "claimed B",
    "completed B",
    "promoted C",
    "claimed C",
    "completed C",
  ]);
  const want = [
    [a, "nothing", 0],
    [b, `${a} is done`, 1],
    [c, `${b} is done`, 1],
  ] as const;
  for (const [id, received, n] of want) {
    const t = store.requireTask(id);
    equal(t.status, "done", `${names[id]} done`);
    const runs = store.runs(id);
    equal(runs.length, 1, `${names[id]} ran once`);
    const run = runs[0];
    deepEqual([run.status, run.profile, run.summary], [
      "done",
      "agent",
      `did ${id}; received: ${received}`,
    ]);
    equal(run.metadata?.handoffs_received, n);
    ok(Deno.statSync(`${run.metadata?.cwd}/${id}.txt`).isFile, "the agent worked in its workspace");
  }
  for (const id of [a, b, c]) {
    const thread = store.showTask(id).comments.map((x) => [x.author, x.body]);
    deepEqual(thread, [["agent", `working on ${id}`]]);
  }
}

Deno.test("agent works a three-task chain over MCP under dispatch --until-idle", async () => {
  await using home = await tempHome();
  writeConfig(home);
  const store = openBoard(home.path, "default", { create: true });
  try {
    const ids = chain(store);
    const r = await hermes(["kanban", "dispatch", "--until-idle"], { env: home.env });
    equal(r.code, 0, `dispatch failed: ${r.stderr}\n${diagnose(store, ids)}`);
    checkHistory(store, ids);
  } finally {
    store.close();
  }
});

Deno.test("agent works a three-task chain over MCP under the gateway", async () => {
  await using home = await tempHome();
  writeConfig(home);
  const store = openBoard(home.path, "default", { create: true });
  let stopped;
  try {
    const started = await hermes(["gateway", "start", "--json"], { env: home.env });
    equal(started.code, 0, `gateway start failed: ${started.stderr}`);
    const ids = chain(store);
    await waitFor(() => ids.every((id) => store.requireTask(id).status === "done"), {
      timeoutMs: 60_000,
      what: "the chain to finish under the gateway",
    }).catch((e) => {
      throw new Error(`${e.message}\n${diagnose(store, ids)}`);
    });
    checkHistory(store, ids);
  } finally {
    stopped = await hermes(["gateway", "stop"], { env: home.env });
    store.close();
  }
  equal(stopped.code, 0, `gateway stop failed: ${stopped.stderr}`);
});
