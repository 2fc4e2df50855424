/** Agent presets: `hermes kanban profiles --presets`, `profiles add NAME --preset P`, the worker prompt. */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { parse } from "yaml";
import type { Task } from "../../lib/board/mod.ts";
import { longFlags } from "../../lib/workers/flag_drift.ts";
import { parseProfile, renderArgv } from "../../lib/workers/profiles.ts";
import {
  buildWorkerPrompt,
  findPreset,
  geminiSettingsPath,
  MAX_PROMPT_CHARS,
  PRESETS,
} from "../../lib/workers/presets.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

const VARS = {
  task_id: "t_0123abcd",
  title: "fix the bug",
  prompt: "PROMPT",
  workspace: "/ws",
  body: "echo hi",
  body_file: "/logs/t.1.body",
  prompt_file: "/logs/t.1.prompt",
  run_id: "42",
  board: "ops",
};

const target = { name: "coder", home: "/srv/hermes", hermes: ["/usr/bin/hermes"] };

Deno.test("presets each give a valid profile whose argv the dispatcher can fill", () => {
  deepEqual(PRESETS.map((p) => p.name), ["claude", "codex", "gemini", "aider", "hermes", "shell"]);
  for (const p of PRESETS) {
    const { entry } = p.build(target);
    const profile = parseProfile("coder", entry);
    equal(profile.completion, p.completion, p.name);
    equal(profile.command[0], p.program, p.name);
    const argv = renderArgv(profile, VARS);
    ok(!argv.some((a) => /\{(task_id|run_id|board|prompt|body)\}/.test(a)), `${p.name}: ${argv}`);
  }
});

Deno.test("agent presets are confined to their workspace and their provider's hosts", () => {
  const confinement = Object.fromEntries(PRESETS.map((p) => {
    const profile = parseProfile("coder", p.build(target).entry);
    return [p.name, [profile.sandbox, profile.network]];
  }));
  deepEqual(confinement, {
    claude: ["workspace", ["api.anthropic.com"]],
    codex: ["workspace", ["api.openai.com"]],
    gemini: [
      "workspace",
      ["generativelanguage.googleapis.com", "oauth2.googleapis.com", "cloudcode-pa.googleapis.com"],
    ],
    aider: ["workspace", ["api.openai.com", "api.anthropic.com"]],
    // hermes-agent works the board through HERMES_HOME, which a sandbox hides.
    hermes: ["off", "full"],
    // The owner's own commands, like the built-in shell profile.
    shell: ["off", "full"],
  });
  // Even under kanban.sandbox: off, a preset's own `sandbox: workspace` holds.
  const claude = parseProfile("c", PRESETS[0].build(target).entry, undefined, { sandbox: "off" });
  equal(claude.sandbox, "workspace");
  deepEqual(claude.writable, ["~/.claude", "~/.claude.json"]);
});

Deno.test("claude preset hands the MCP server the worker's identity inline", () => {
  const profile = parseProfile("coder", findPreset("claude").build(target).entry);
  const argv = renderArgv(profile, VARS);
  equal(argv[argv.indexOf("-p") + 1], "PROMPT");
  const config = JSON.parse(argv[argv.indexOf("--mcp-config") + 1]);
  deepEqual(config.mcpServers.hermes, {
    type: "stdio",
    command: "/usr/bin/hermes",
    args: ["mcp"],
    env: {
      HERMES_HOME: "/srv/hermes",
      HERMES_KANBAN_TASK: "t_0123abcd",
      HERMES_KANBAN_RUN_ID: "42",
      HERMES_KANBAN_BOARD: "ops",
      HERMES_PROFILE: "coder",
    },
  });
  equal(argv[argv.indexOf("--allowedTools") + 1], "mcp__hermes");
});

Deno.test("codex preset sets the server and its env with -c overrides", () => {
  const argv = renderArgv(parseProfile("coder", findPreset("codex").build(target).entry), VARS);
  deepEqual(argv.slice(0, 2), ["codex", "exec"]);
  equal(argv.at(-1), "PROMPT");
  const overrides = argv.flatMap((a, i) => argv[i - 1] === "-c" ? [a] : []);
  ok(overrides.includes('mcp_servers.hermes.command="/usr/bin/hermes"'));
  ok(overrides.includes('mcp_servers.hermes.args=["mcp"]'));
  ok(overrides.includes(
    'mcp_servers.hermes.env={HERMES_HOME="/srv/hermes",HERMES_KANBAN_TASK="t_0123abcd",' +
      'HERMES_KANBAN_RUN_ID="42",HERMES_KANBAN_BOARD="ops",HERMES_PROFILE="coder"}',
  ));
});

Deno.test("hermes preset runs hermes-agent as its own dispatcher does, with no --skills", () => {
  const argv = renderArgv(parseProfile("coder", findPreset("hermes").build(target).entry), VARS);
  deepEqual(argv, [
    "hermes",
    "-p",
    "coder",
    "--cli",
    "--accept-hooks",
    "chat",
    "-q",
    "work kanban task t_0123abcd",
  ]);
});

Deno.test("each preset passes only the long flags checked against its agent's help", () => {
  // The versions and sources are in docs/reference/mcp.md ("Verified flags").
  const checked: Record<string, string[]> = {
    claude: ["--mcp-config", "--allowedTools", "--permission-mode"],
    codex: ["--skip-git-repo-check", "--sandbox"],
    gemini: ["--skip-trust", "--approval-mode"],
    aider: ["--yes-always", "--no-pretty", "--no-check-update", "--message"],
    hermes: ["--cli", "--accept-hooks"],
    shell: [],
  };
  for (const p of PRESETS) {
    deepEqual(longFlags(p.build(target).entry.command), checked[p.name], p.name);
  }
});

Deno.test("a home path with braces is not mistaken for a placeholder", () => {
  const odd = { ...target, home: "/data/{board}/h" };
  for (const name of ["claude", "codex"]) {
    const argv = renderArgv(parseProfile("coder", findPreset(name).build(odd).entry), VARS);
    ok(argv.some((a) => a.includes("/data/{board}/h")), name);
  }
});

Deno.test("profiles --presets lists every preset, as a table and as JSON", async () => {
  await using home = await tempHome();
  const table = await hermes(["kanban", "profiles", "--presets"], { env: home.env });
  equal(table.code, 0, table.stderr);
  for (const p of PRESETS) {
    const agent = p.agent.replace(/[()]/g, "\\$&");
    match(table.stdout, new RegExp(`^${p.name}\\s+${agent}\\s+${p.completion}`, "m"));
  }
  const json = await hermes(["kanban", "profiles", "--presets", "--json"], { env: home.env });
  const list = json.json<
    { preset: string; completion: string; profile: { command: string[] } }[]
  >();
  deepEqual(list.map((p) => [p.preset, p.completion]), PRESETS.map((p) => [p.name, p.completion]));
  // Listing writes nothing.
  deepEqual([...Deno.readDirSync(home.path)].map((e) => e.name), []);
});

Deno.test("profiles add writes a preset into config.yaml, keeping the rest and its comments", async () => {
  await using home = await tempHome();
  const original = [
    "# my settings",
    "kanban:",
    "  max_workers: 3 # small machine",
    "  profiles:",
    "    # runs tests",
    '    tester: {command: ["sh", "-c", "{body}"], completion: exit_code}',
    "dashboard:",
    "  port: 9000",
    "",
  ].join("\n");
  const path = `${home.path}/config.yaml`;
  Deno.writeTextFileSync(path, original, { mode: 0o644 });
  const r = await hermes(["kanban", "profiles", "add", "coder", "--preset", "claude"], {
    env: home.env,
  });
  equal(r.code, 0, r.stderr);
  match(r.stdout, /Added profile 'coder' \(preset claude\)/);
  const text = Deno.readTextFileSync(path);
  for (
    const kept of ["# my settings", "max_workers: 3 # small machine", "# runs tests", "port: 9000"]
  ) {
    ok(text.includes(kept), `kept: ${kept}\n${text}`);
  }
  equal(Deno.statSync(path).mode! & 0o777, 0o600);
  const doc = parse(text);
  equal(doc.kanban.profiles.tester.completion, "exit_code");
  equal(doc.kanban.profiles.coder.command[0], "claude");
  equal(doc.kanban.profiles.coder.completion, "report");
  // Confined by default: its workspace, its own state, its provider's API host.
  equal(doc.kanban.profiles.coder.sandbox, "workspace");
  deepEqual(doc.kanban.profiles.coder.network, ["api.anthropic.com"]);
  deepEqual(doc.kanban.profiles.coder.writable, ["~/.claude", "~/.claude.json"]);
  ok(!text.includes("sandbox: off for now"), "the old caveat is gone");
  // --sandbox off opts out, and drops what only a sandbox could hold the worker to.
  const free = await hermes(
    ["kanban", "profiles", "add", "free", "--preset", "claude", "--sandbox", "off"],
    { env: home.env },
  );
  equal(free.code, 0, free.stderr);
  const unconfined = parse(Deno.readTextFileSync(path)).kanban.profiles.free;
  equal(unconfined.sandbox, "off");
  deepEqual([unconfined.network, unconfined.writable], [undefined, undefined]);
  const listed = await hermes(["kanban", "profiles", "--json"], { env: home.env });
  equal(listed.code, 0, listed.stderr);
  ok(listed.json<{ name: string }[]>().some((p) => p.name === "coder"));
});

Deno.test("profiles add refuses to replace a profile without --force and rejects bad input", async () => {
  await using home = await tempHome();
  const env = home.env;
  equal(
    (await hermes(["kanban", "profiles", "add", "coder", "--preset", "codex"], { env })).code,
    0,
  );
  const path = `${home.path}/config.yaml`;
  const before = Deno.readTextFileSync(path);
  const again = await hermes(["kanban", "profiles", "add", "coder", "--preset", "aider"], { env });
  equal(again.code, 1);
  match(again.stderr, /^hermes: profile 'coder' already exists .*--force/);
  const bad = await hermes(["kanban", "profiles", "add", "x", "--preset", "vim"], { env });
  equal(bad.code, 2);
  match(
    bad.stderr,
    /^hermes: unknown preset 'vim' \(presets: claude, codex, gemini, aider, hermes, shell\)/,
  );
  const noName = await hermes(["kanban", "profiles", "add", "--preset", "claude"], { env });
  equal(noName.code, 2);
  const badName = await hermes(["kanban", "profiles", "add", "no spaces", "--preset", "claude"], {
    env,
  });
  equal(badName.code, 2);
  equal(Deno.readTextFileSync(path), before);
  const forced = await hermes([
    "kanban",
    "profiles",
    "add",
    "coder",
    "--preset",
    "aider",
    "--force",
  ], {
    env,
  });
  equal(forced.code, 0, forced.stderr);
  match(forced.stdout, /Replaced profile 'coder'/);
  equal(parse(Deno.readTextFileSync(path)).kanban.profiles.coder.completion, "exit_code");
});

Deno.test("profiles add --preset gemini writes its MCP settings file beside config.yaml", async () => {
  await using home = await tempHome();
  const r = await hermes(["kanban", "profiles", "add", "gem", "--preset", "gemini", "--json"], {
    env: home.env,
  });
  equal(r.code, 0, r.stderr);
  const settingsPath = geminiSettingsPath(home.path, "gem");
  deepEqual(r.json<{ files: string[] }>().files, [settingsPath]);
  equal(Deno.statSync(settingsPath).mode! & 0o777, 0o600);
  const server = JSON.parse(Deno.readTextFileSync(settingsPath)).mcpServers.hermes;
  equal(server.args.at(-1), "mcp");
  equal(server.env.HERMES_KANBAN_TASK, "$HERMES_KANBAN_TASK");
  equal(server.env.HERMES_HOME, home.path);
  const doc = parse(Deno.readTextFileSync(`${home.path}/config.yaml`));
  equal(doc.kanban.profiles.gem.env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH, settingsPath);
});

function task(id: string, title: string): Task {
  return { id, title } as Task;
}

Deno.test("worker prompt tells a report-mode worker how to report, then gives its context", () => {
  const p = buildWorkerPrompt(task("t_0123abcd", "fix the bug"), "# Kanban task t_0123abcd: fix");
  match(p, /Your task is t_0123abcd: fix the bug/);
  for (const tool of ["kanban_complete", "kanban_block", "kanban_comment", "kanban_heartbeat"]) {
    ok(p.includes(tool), tool);
  }
  match(p, /summary/);
  match(p, /reason/);
  ok(p.trimEnd().endsWith("# Kanban task t_0123abcd: fix"));
  const exit = buildWorkerPrompt(task("t_0123abcd", "x"), "ctx", { completion: "exit_code" });
  ok(!exit.includes("kanban_complete"));
  match(exit, /exit 0 when the work is done/);
});

Deno.test("worker prompt cuts a huge context to fit one argument", () => {
  const p = buildWorkerPrompt(task("t_0123abcd", "x"), "y".repeat(MAX_PROMPT_CHARS * 2));
  ok(p.length <= MAX_PROMPT_CHARS, `${p.length}`);
  match(p, /context cut at \d+ characters; call kanban_show for the rest/);
});

Deno.test("profiles add --sandbox overrides the preset's confinement", async () => {
  await using home = await tempHome();
  const env = home.env;
  const off = await hermes(
    ["kanban", "profiles", "add", "coder", "--preset", "claude", "--sandbox", "off"],
    { env },
  );
  equal(off.code, 0, off.stderr);
  const shell = await hermes(
    ["kanban", "profiles", "add", "jail", "--preset", "shell", "--sandbox", "workspace"],
    { env },
  );
  equal(shell.code, 0, shell.stderr);
  const doc = parse(Deno.readTextFileSync(`${home.path}/config.yaml`));
  equal(doc.kanban.profiles.coder.sandbox, "off");
  equal(doc.kanban.profiles.coder.network, undefined, "a network list needs a sandbox");
  equal(doc.kanban.profiles.jail.sandbox, "workspace");
  const listed = await hermes(["kanban", "profiles", "--json"], { env });
  const by = Object.fromEntries(
    listed.json<{ name: string; sandbox: string; network: unknown }[]>().map((p) => [p.name, p]),
  );
  deepEqual([by.coder.sandbox, by.coder.network], ["off", "full"]);
  deepEqual([by.jail.sandbox, by.jail.network], ["workspace", "none"]);
  const bad = await hermes(
    ["kanban", "profiles", "add", "x", "--preset", "claude", "--sandbox", "strict"],
    { env },
  );
  equal(bad.code, 2);
  match(bad.stderr, /^hermes: --sandbox must be workspace or off, got 'strict'/);
  const alone = await hermes(["kanban", "profiles", "--sandbox", "off"], { env });
  equal(alone.code, 2);
  match(alone.stderr, /--sandbox needs 'add NAME'/);
});
