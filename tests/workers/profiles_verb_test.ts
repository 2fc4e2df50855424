import { deepEqual, equal, match } from "node:assert/strict";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

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
  match(lines[3], /^shell\s+builtin\s+exit_code\s+-\s+-\s+off\s+ok\s+sh -c \{body\}$/);
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
