import { deepEqual, doesNotMatch, equal, match, ok } from "../support/assert.ts";
import { existsSync } from "node:fs";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { procInfo } from "./fixtures.ts";

const CONFIG = `kanban:
  profiles:
    coder:
      command: [hermes-test-missing-agent, -p, "{prompt}"]
      env: {API_KEY: very-secret}
      max_concurrent: 2
      max_runtime_seconds: 900
      description: writes code
    lister:
      command: [ls, "{workspace}"]
      completion: exit_code
`;

Deno.test("kanban profiles lists built-in and configured profiles and marks a missing command", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, CONFIG);
  const r = await hermes(["kanban", "profiles"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  match(lines[0], /^NAME\s+SOURCE\s+COMPLETION\s+MAX\s+RUNTIME\s+SANDBOX\s+PROGRAM\s+COMMAND$/);
  match(
    lines[1],
    /^coder\s+config\s+report\s+2\s+900s\s+off\s+MISSING\s+hermes-test-missing-agent -p \{prompt\}$/,
  );
  match(lines[2], /^lister\s+config\s+exit_code\s+-\s+-\s+off\s+ok\s+ls \{workspace\}$/);
  match(lines[3], /^shell\s+builtin\s+exit_code\s+-\s+-\s+off\s+ok\s+sh \{body_file\}$/);
  equal(lines.length, 4);
  match(r.stderr, /^hermes: profile 'coder': 'hermes-test-missing-agent' not found on PATH/);
  equal(r.stderr.trim().split("\n").length, 1);
});

Deno.test("kanban profiles --json never shows env values; --check fails on a missing command", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, CONFIG);
  const r = await hermes(["kanban", "profiles", "--json", "--check"], { env: home.env });
  equal(r.code, 1);
  const rows = r.json<Record<string, unknown>[]>();
  deepEqual(rows.map((p) => [p.name, p.source, p.available]), [
    ["coder", "config", false],
    ["lister", "config", true],
    ["shell", "builtin", true],
  ]);
  deepEqual(rows[0].env, ["API_KEY"]);
  equal(r.stdout.includes("very-secret"), false);
  deepEqual(
    {
      command: rows[0].command,
      completion: rows[0].completion,
      max_concurrent: rows[0].max_concurrent,
      max_runtime_seconds: rows[0].max_runtime_seconds,
      description: rows[0].description,
      program_path: rows[0].program_path,
    },
    {
      command: ["hermes-test-missing-agent", "-p", "{prompt}"],
      completion: "report",
      max_concurrent: 2,
      max_runtime_seconds: 900,
      description: "writes code",
      program_path: null,
    },
  );
  match(String(rows[1].program_path), /\/ls$/);

  Deno.writeTextFileSync(
    `${home.path}/config.yaml`,
    "kanban:\n  profiles:\n    lister: {command: [ls]}\n",
  );
  const ok = await hermes(["kanban", "profiles", "--check"], { env: home.env });
  equal(ok.code, 0, ok.stderr);
  equal(ok.stderr, "");
});

Deno.test("kanban profiles refuses a bad profile with exit 2 and one line naming the key", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(
    `${home.path}/config.yaml`,
    "kanban:\n  profiles:\n    coder: {command: [claude], completion: maybe}\n",
  );
  const r = await hermes(["kanban", "profiles"], { env: home.env });
  equal(r.code, 2);
  equal(r.stdout, "");
  match(
    r.stderr,
    /^hermes: config\.yaml: kanban\.profiles\.coder\.completion must be report or exit_code, got "maybe"\n$/,
  );
  const j = await hermes(["kanban", "profiles", "--json"], { env: home.env });
  equal(j.code, 2);
  equal(j.json<{ error: { code: string } }>().error.code, "invalid_config");
});

/** A temp directory of stand-in agent CLIs (real executables), removed afterwards. */
async function fakeAgents(scripts: Record<string, string>) {
  const dir = await Deno.makeTempDir({ prefix: "hermes-fake-agents-" });
  for (const [name, body] of Object.entries(scripts)) {
    Deno.writeTextFileSync(`${dir}/${name}`, `#!/bin/sh\n${body}`, { mode: 0o755 });
  }
  return {
    dir,
    write(name: string, body: string) {
      Deno.writeTextFileSync(`${dir}/${name}`, `#!/bin/sh\n${body}`, { mode: 0o755 });
    },
    async [Symbol.asyncDispose]() {
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** A `claude` that prints its version and a help listing `flags`, and notes how it was run. */
function claudeScript(log: string, flags: string[]): string {
  return `env > "${log}/env-$1"
cat > "${log}/stdin-$1"
case "$1" in
  --version) echo "2.1.332 (Claude Code)" ;;
  --help) printf 'Usage: claude [options] [prompt]\\n\\nOptions:\\n'
          for f in ${flags.join(" ")}; do printf '  %s <value>   something\\n' "$f"; done ;;
  *) exit 2 ;;
esac
`;
}

Deno.test("kanban profiles --check warns about each flag the agent's --help no longer lists", async () => {
  await using home = await tempHome();
  await using bin = await fakeAgents({});
  const log = `${bin.dir}/log`;
  Deno.mkdirSync(log);
  bin.write("claude", claudeScript(log, ["-p, --print", "--mcp-config", "--allowedTools,"]));
  // codex lists its exec options only under `codex exec --help`.
  bin.write(
    "codex",
    `case "$*" in
  --version) echo "codex-cli 0.171.0" ;;
  "exec --help") echo "  --skip-git-repo-check"; echo "  -s, --sandbox <SANDBOX_MODE>" ;;
  --help) echo "Usage: codex [OPTIONS] [PROMPT]" ;;
  *) exit 2 ;;
esac
`,
  );
  const env = { ...home.env, PATH: `${bin.dir}:${Deno.env.get("PATH")}` };
  for (const [name, preset] of [["coder", "claude"], ["cx", "codex"]]) {
    const add = await hermes(["kanban", "profiles", "add", name, "--preset", preset], { env });
    equal(add.code, 0, add.stderr);
  }

  const r = await hermes(["kanban", "profiles", "--check"], { env });
  equal(r.code, 1, r.stderr);
  deepEqual(r.stderr.trimEnd().split("\n"), [
    "hermes: profile 'coder': --permission-mode is not an option of 'claude' (2.1.332 (Claude " +
    "Code)): 'claude --help' does not list it (see docs/reference/workers.md)",
  ]);
  // The probes ran with no stdin and a clean environment (nothing of hermes's own).
  equal(Deno.readTextFileSync(`${log}/stdin---help`), "");
  const seen = Deno.readTextFileSync(`${log}/env---help`);
  doesNotMatch(seen, /HERMES_/);
  match(seen, /^TERM=dumb$/m);

  const j = await hermes(["kanban", "profiles", "--check", "--json"], { env });
  equal(j.code, 1);
  const rows = j.json<{ name: string; flag_check: Record<string, unknown> | null }[]>();
  deepEqual(rows.find((p) => p.name === "coder")?.flag_check, {
    help_command: ["claude", "--help"],
    version: "2.1.332 (Claude Code)",
    drifted: ["--permission-mode"],
    problem: null,
  });
  deepEqual(rows.find((p) => p.name === "cx")?.flag_check, {
    help_command: ["codex", "exec", "--help"],
    version: "codex-cli 0.171.0",
    drifted: [],
    problem: null,
  });
  equal(rows.find((p) => p.name === "shell")?.flag_check, null, "sh has no long flag to check");

  // Without --check nothing is run and nothing is judged.
  Deno.removeSync(`${log}/env---help`);
  const plain = await hermes(["kanban", "profiles", "--json"], { env });
  equal(plain.code, 0, plain.stderr);
  equal(plain.json<{ flag_check: unknown }[]>()[0].flag_check, null);
  equal(existsSync(`${log}/env---help`), false);

  bin.write(
    "claude",
    claudeScript(log, ["-p, --print", "--mcp-config", "--allowedTools,", "--permission-mode"]),
  );
  const fixed = await hermes(["kanban", "profiles", "--check"], { env });
  equal(fixed.code, 0, fixed.stderr);
  equal(fixed.stderr, "");
});

Deno.test("kanban profiles --check stops an agent whose --help hangs, and its children", async () => {
  await using home = await tempHome();
  await using bin = await fakeAgents({});
  // --help starts a child that would outlive a kill of the script alone.
  bin.write(
    "aider",
    `case "$1" in
  --version) echo "aider 0.86.2" ;;
  --help) sleep 300 & echo $! > "${bin.dir}/sleeper"; wait ;;
esac
`,
  );
  const env = { ...home.env, PATH: `${bin.dir}:${Deno.env.get("PATH")}` };
  const add = await hermes(["kanban", "profiles", "add", "ai", "--preset", "aider"], { env });
  equal(add.code, 0, add.stderr);
  const r = await hermes(["kanban", "profiles", "--check", "--timeout", "2"], { env });
  equal(r.code, 1);
  match(
    r.stderr,
    /^hermes: profile 'ai': cannot check the flags of 'aider' \(aider 0\.86\.2\): 'aider --help' did not finish within 2 s\n$/,
  );
  const bad = await hermes(["kanban", "profiles", "--check", "--timeout", "soon"], { env });
  equal(bad.code, 2);
  match(bad.stderr, /^hermes: --timeout must be a number of seconds/);
  const sleeper = Number(Deno.readTextFileSync(`${bin.dir}/sleeper`));
  const row = await procInfo(sleeper);
  // A killed child nobody has reaped yet is a zombie: gone all the same.
  ok(row === null || row.stat.startsWith("Z"), `the --help's child was stopped: ${row?.stat}`);
});

const CONFINED = `kanban:
  profiles:
    jail:
      command: [sh, -c, "{body}"]
      completion: exit_code
      sandbox: workspace
      writable: ["~/.cache/jail"]
    open:
      command: [sh, -c, "{body}"]
      completion: exit_code
      sandbox: workspace
      network: full
`;

Deno.test("kanban profiles shows each profile's confinement", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, CONFINED);
  const r = await hermes(["kanban", "profiles", "--json"], { env: home.env });
  const rows = r.json<Record<string, unknown>[]>();
  const by = Object.fromEntries(rows.map((p) => [p.name, p]));
  deepEqual(
    [by.jail.sandbox, by.jail.network, by.jail.writable],
    ["workspace", "none", ["~/.cache/jail"]],
  );
  deepEqual([by.open.sandbox, by.open.network], ["workspace", "full"]);
  deepEqual([by.shell.sandbox, by.shell.network, by.shell.sandbox_available], [
    "off",
    "full",
    null,
  ]);
  const text = await hermes(["kanban", "profiles"], { env: home.env });
  const lines = text.stdout.split("\n");
  if (by.jail.sandbox_available) {
    equal(r.code, 0, r.stderr);
    match(String(by.jail.sandbox_tool), /^(bwrap|sandbox-exec) /);
    match(lines.find((l) => l.startsWith("jail"))!, /\sworkspace, net none\s/);
    match(lines.find((l) => l.startsWith("open"))!, /\sworkspace, net full\s/);
  } else {
    match(String(by.jail.sandbox_problem), /^sandbox unavailable: /);
  }
  match(lines.find((l) => l.startsWith("shell"))!, /\soff\s/);
});

Deno.test("kanban profiles --check fails, with the fix, where a profile's sandbox cannot be had", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(
    `${home.path}/config.yaml`,
    CONFINED + "sandbox:\n  bwrap: /nonexistent/hermes-test/bwrap\n",
  );
  const r = await hermes(["kanban", "profiles", "--check"], { env: home.env });
  equal(r.code, 1);
  match(r.stdout, /^jail\s.*\sUNAVAILABLE\s/m);
  match(r.stdout, /^shell\s.*\soff\s/m);
  match(
    r.stderr,
    /^hermes: profile 'jail': sandbox unavailable: bubblewrap not found at \/nonexistent\/hermes-test\/bwrap.*or set `sandbox: off` for profile jail$/m,
  );
  const j = await hermes(["kanban", "profiles", "--json"], { env: home.env });
  const jail = j.json<Record<string, unknown>[]>().find((p) => p.name === "jail")!;
  equal(jail.sandbox_available, false);
  equal(jail.sandbox_tool, null);
});
