/**
 * Hermes v0.18's create fields (`--initial-status --branch --project --goal --goal-max-turns`)
 * and the per-task model (`--model`, a profile's `{model}`), through the CLI, the dashboard's
 * REST API, MCP kanban_create and a real worker.
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { snapshot } from "../support/board.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { startServer } from "../server/server_support.ts";
import { connectMcp } from "../mcp/mcp_client.ts";
import { DatabaseSync } from "node:sqlite";

type Obj = Record<string, unknown>;

Deno.test("create stores branch, project, model and goal in Hermes's columns; show prints them", async () => {
  await using home = await tempHome();
  const c = await hermes([
    "kanban",
    "create",
    "fix the parser",
    "--assignee",
    "coder",
    "--workspace",
    "worktree",
    "--branch",
    " wt/parser ",
    "--project",
    "compiler",
    "--model",
    "gpt-5",
    "--goal",
    "--goal-max-turns",
    "7",
    "--json",
  ], { env: home.env });
  equal(c.code, 0, c.stderr);
  const t = c.json<Obj>();
  deepEqual(
    [t.status, t.branch_name, t.project_id, t.model_override, t.goal_mode, t.goal_max_turns],
    ["ready", "wt/parser", "compiler", "gpt-5", true, 7],
  );
  const db = new DatabaseSync(`${home.path}/kanban.db`, { readOnly: true });
  try {
    deepEqual(
      Object.values(
        db.prepare(
          "SELECT branch_name, project_id, model_override, goal_mode, goal_max_turns FROM tasks",
        ).get()!,
      ),
      ["wt/parser", "compiler", "gpt-5", 1, 7],
    );
  } finally {
    db.close();
  }
  const shown = await hermes(["kanban", "show", String(t.id)], { env: home.env });
  match(shown.stdout, /\n {2}branch: {4}wt\/parser\n/);
  match(shown.stdout, /\n {2}project: {3}compiler\n/);
  match(shown.stdout, /\n {2}model: {5}gpt-5\n/);
  match(shown.stdout, /\n {2}goal: {6}on, at most 7 turns\n/);
  const json = await hermes(["kanban", "show", String(t.id), "--json"], { env: home.env });
  equal(json.json<{ task: Obj }>().task.model_override, "gpt-5");
  const ev = json.json<{ events: { kind: string; payload: Obj }[] }>().events[0];
  deepEqual([ev.kind, ev.payload.branch_name, ev.payload.goal_mode], [
    "created",
    "wt/parser",
    true,
  ]);
});

Deno.test("create --initial-status blocked parks the task (over --triage), as Hermes does", async () => {
  await using home = await tempHome();
  const b = await hermes(
    ["kanban", "create", "needs ops", "--initial-status", "blocked", "--triage", "--json"],
    { env: home.env },
  );
  equal(b.code, 0, b.stderr);
  equal(b.json<Obj>().status, "blocked");
  const r = await hermes(["kanban", "create", "usual", "--initial-status", "running", "--json"], {
    env: home.env,
  });
  equal(r.json<Obj>().status, "ready");
});

Deno.test("create refuses a bad initial status, branch or model with exit 2 and no write", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "init"], { env: home.env });
  const before = snapshot(home.path);
  const cases: [string[], RegExp][] = [
    [["--initial-status", "done"], /initial_status 'done': expected running or blocked/],
    [["--branch", "wt/x"], /--branch is only valid with --workspace worktree/],
    [["--workspace", "worktree", "--branch", "-D"], /--branch must not start with '-'/],
    [["--workspace", "worktree", "--branch", "a b"], /--branch must not contain whitespace/],
    [["--model", "--exec=evil"], /--model must not start with '-'/],
    [["--model", "gpt\n5"], /--model must not contain whitespace/],
    [["--goal", "--goal-max-turns", "0"], /goal_max_turns must be an integer from 1/],
  ];
  for (const [args, msg] of cases) {
    const r = await hermes(["kanban", "create", "x", ...args], { env: home.env });
    equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    match(r.stderr, msg);
  }
  deepEqual(snapshot(home.path), before);
});

Deno.test("REST POST /tasks and MCP kanban_create take Hermes's create fields", async () => {
  await using s = await startServer();
  const made = await s.call<{ task: Obj }>("POST", "/api/plugins/kanban/tasks", {
    title: "goal card",
    assignee: "coder",
    goal_mode: true,
    goal_max_turns: 3,
    initial_status: "blocked",
    model: "sonnet",
  });
  equal(made.status, 200, JSON.stringify(made.body));
  deepEqual(
    [made.body.task.status, made.body.task.goal_mode, made.body.task.goal_max_turns],
    ["blocked", true, 3],
  );
  equal(made.body.task.model_override, "sonnet");
  const bad = await s.call<Obj>("POST", "/api/plugins/kanban/tasks", {
    title: "x",
    initial_status: "review",
  });
  equal(bad.status, 400);

  await using orch = await connectMcp({ ...s.home.env, HERMES_PROFILE_NAME: "lead" });
  const tools = (await orch.client.listTools()).tools;
  const props = tools.find((t) => t.name === "kanban_create")!.inputSchema.properties as Obj;
  for (const p of ["initial_status", "project", "project_id", "goal_mode", "goal_max_turns"]) {
    equal(typeof props[p], "object", p);
  }
  const out = await orch.call("kanban_create", {
    title: "linked",
    assignee: "coder",
    project: "web",
    initial_status: "blocked",
    goal_mode: true,
  });
  equal(out.isError, false, JSON.stringify(out.data));
  const shown = await orch.call("kanban_show", { task_id: out.data.task_id });
  const t = shown.data.task as Obj;
  deepEqual([t.status, t.project_id, t.goal_mode], ["blocked", "web", true]);
});

Deno.test("a worker gets the task's model in {model} (left out without one) and Hermes's env", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    `${home.path}/config.yaml`,
    `kanban:
  profiles:
    echoer:
      command: ["sh", "-c", 'echo "[$*] goal=$HERMES_KANBAN_GOAL_MODE/$HERMES_KANBAN_GOAL_MAX_TURNS branch=$HERMES_KANBAN_BRANCH"', "sh", "-m", "{model}", "--end"]
      completion: exit_code
      sandbox: "off"
`,
  );
  const mk = async (...args: string[]) => {
    const r = await hermes(["kanban", "create", "t", "--assignee", "echoer", ...args, "--json"], {
      env: home.env,
    });
    equal(r.code, 0, r.stderr);
    return r.json<{ id: string }>().id;
  };
  const withModel = await mk("--model", "gpt-5", "--goal", "--goal-max-turns", "4");
  const without = await mk();
  await waitFor(async () => {
    await hermes(["kanban", "dispatch"], { env: home.env });
    const l = await hermes(["kanban", "list", "--json"], { env: home.env });
    return l.json<{ status: string }[]>().every((t) => t.status === "done");
  }, { timeoutMs: 30_000 });
  const log = async (id: string) => (await hermes(["kanban", "log", id], { env: home.env })).stdout;
  equal(await log(withModel), "[-m gpt-5 --end] goal=1/4 branch=\n");
  equal(await log(without), "[--end] goal=/ branch=\n");
});
