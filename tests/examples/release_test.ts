/**
 * The release recipe and the permission list: `deno task compile*` build every target with
 * the one list, deno.json's `default` permission set, and everything the binary loads at run
 * time; the list stays narrow and covers what the code reads; a refused permission is named in
 * one line. (`deno compile` itself needs a runtime download this machine cannot make.)
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { ENV_VARS } from "../../lib/config/env_vars.ts";
import { INHERITED_ENV } from "../../lib/workers/worker_env.ts";
import { baseEnv, hermes, MAIN, PERMISSION_FLAGS } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const DENO_JSON = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`));
const TASKS: Record<string, string> = DENO_JSON.tasks;

/** A permission set of deno.json. */
interface PermissionSet {
  [kind: string]: boolean | string[] | { allow?: string[] | boolean; ignore?: boolean } | undefined;
}
const SETS: Record<string, PermissionSet> = DENO_JSON.permissions;
const RELEASE = SETS.default;
/** The release set's environment allow-list. */
const ENV_ALLOW = (RELEASE.env as { allow: string[] }).allow;

/** Targets the release is built for, by task suffix. */
const TARGETS: Record<string, string> = {
  "linux-x64": "x86_64-unknown-linux-gnu",
  "linux-arm64": "aarch64-unknown-linux-gnu",
  "macos-x64": "x86_64-apple-darwin",
  "macos-arm64": "aarch64-apple-darwin",
  "windows-x64": "x86_64-pc-windows-msvc",
};

/** Source files of the program (not tests, not benchmarks). */
function programSources(): string[] {
  const out: string[] = [`${ROOT}main.ts`];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(dir)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) walk(p);
      else if (e.name.endsWith(".ts")) out.push(p);
    }
  };
  walk(`${ROOT}lib`);
  walk(`${ROOT}commands`);
  return out;
}

/** Modules loaded by URL at run time (Worker entry points), which `deno compile` cannot see. */
function runtimeModules(): string[] {
  const found: string[] = [];
  for (const file of programSources()) {
    const text = Deno.readTextFileSync(file);
    for (const m of text.matchAll(/new URL\("(\.{1,2}\/[^"]+\.ts)", import\.meta\.url\)/g)) {
      found.push(new URL(m[1], `file://${file}`).pathname.slice(ROOT.length));
    }
  }
  return [...new Set(found)].sort();
}

/** Options of a `deno compile` task line, as [flag, value] pairs (value "" for switches). */
function compileArgs(task: string): string[] {
  const words = task.split(/\s+/);
  equal(words[0], "deno");
  equal(words[1], "compile");
  equal(words[2], "-P", "the permission list is deno.json's permission set");
  equal(words[3], "--no-prompt");
  equal(words.at(-1), "main.ts");
  return words.slice(4, -1);
}

function valuesOf(args: string[], flag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === flag) out.push(args[i + 1]);
  return out;
}

Deno.test("compile tasks build every target with the release list, the board and the workers", async () => {
  const modules = runtimeModules();
  ok(modules.includes("lib/gateway/dispatcher_worker.ts"), `found ${modules}`);
  const names = ["compile", ...Object.keys(TARGETS).map((t) => `compile:${t}`)];
  const outputs = new Set<string>();
  for (const name of names) {
    ok(TASKS[name], `deno.json has task ${name}`);
    const args = compileArgs(TASKS[name]);
    const includes = valuesOf(args, "--include");
    ok(includes.includes("ui/dist"), `${name} embeds the web board`);
    for (const m of modules) ok(includes.includes(m), `${name} includes ${m}`);
    for (const inc of includes) ok(Deno.statSync(`${ROOT}${inc}`), `${inc} exists`);
    const [out] = valuesOf(args, "--output");
    ok(out?.startsWith("dist/hermes"), `${name} writes under dist/`);
    outputs.add(out);
    const target = name.split(":")[1];
    deepEqual(valuesOf(args, "--target"), target ? [TARGETS[target]] : []);
    if (target === "windows-x64") ok(out.endsWith(".exe"));
  }
  equal(outputs.size, names.length, "every target has its own output file");
  deepEqual(
    TASKS["compile:all"].split("&&").map((s) => s.trim()),
    Object.keys(TARGETS).map((t) => `deno task compile:${t}`),
  );

  // Every flag and target must be one this deno's compile accepts.
  const help = new TextDecoder().decode(
    (await new Deno.Command(Deno.execPath(), { args: ["compile", "--help"] }).output()).stdout,
  );
  const flags = ["-P", "--no-prompt", ...compileArgs(TASKS["compile:linux-x64"])]
    .filter((w) => w.startsWith("--"))
    .map((w) => w.split("=")[0]);
  for (const f of new Set(flags)) {
    match(help, new RegExp(`\\s${f}[\\s\\[=,]`), `compile takes ${f}`);
  }
  const bad = await new Deno.Command(Deno.execPath(), {
    args: ["compile", "--target", "no-such-target", "main.ts"],
    stderr: "piped",
  }).output();
  const accepted = new TextDecoder().decode(bad.stderr);
  for (const t of Object.values(TARGETS)) ok(accepted.includes(t), `deno compile knows ${t}`);
});

Deno.test("release permission set grants nothing wholesale and is written once", () => {
  deepEqual(Object.keys(RELEASE).sort(), ["env", "net", "read", "run", "sys", "write"]);
  deepEqual(RELEASE.sys, ["hostname"], "sys is scoped");
  ok(!("all" in RELEASE) && !("ffi" in RELEASE) && !("import" in RELEASE));
  const env = RELEASE.env as { allow: unknown; ignore: unknown };
  ok(Array.isArray(env.allow) && env.allow.length > 0, "env is scoped");
  equal(env.ignore, true, "variables outside the list read as unset");
  // The tests' own set is the release set plus CI (tests/support/requires.ts reads it).
  deepEqual(SETS.test, { ...RELEASE, env: { ...env, allow: [...ENV_ALLOW, "CI"] } });
  equal(DENO_JSON.test.permissions, "test");
  equal(DENO_JSON.compile.permissions, "default");
  for (const [name, cmd] of Object.entries(TASKS)) {
    if (/^deno (run|test|compile)/.test(cmd)) {
      match(cmd, /^deno \w+ (-q )?-P(=\w+)? --no-prompt /, `task ${name} uses a permission set`);
      ok(!/--allow-|-A\b/.test(cmd), `task ${name} adds no permission flag`);
    }
  }
  ok(!existsSync(`${ROOT}permissions.flags`), "no second copy of the list");
  const doc = Deno.readTextFileSync(`${ROOT}docs/reference/permissions.md`);
  for (const kind of Object.keys(RELEASE)) ok(doc.includes(`--allow-${kind}`), `documents ${kind}`);
  ok(doc.includes("--no-prompt"));
});

function existsSync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("release env list covers every variable the program reads", () => {
  const allowed = (name: string) =>
    ENV_ALLOW.some((p) => p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : p === name);
  const read = new Set<string>([
    ...ENV_VARS.map((v) => v.name),
    ...INHERITED_ENV,
  ]);
  for (const file of programSources()) {
    const text = Deno.readTextFileSync(file);
    for (const m of text.matchAll(/\benv(?:\.get)?\("([A-Z_][A-Z0-9_]*)"\)/g)) read.add(m[1]);
  }
  ok(read.has("HERMES_HOME") && read.has("PATH") && read.size > 15, [...read].join(","));
  for (const name of read) ok(allowed(name), `${name} is in the release set's env list`);
});

Deno.test("release env list hides other variables, so LOG_STREAM cannot leak into --json", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, "kanban:\n  max_workers: 2\n");
  const r = await hermes(["kanban", "dispatch", "--dry-run", "--json"], {
    env: { ...home.env, LOG_STREAM: "1", LOG_TOKENS: "1" },
  });
  equal(r.code, 0, r.stderr);
  equal(r.json<{ dry_run: boolean }>().dry_run, true);
});

/** Run main.ts with the release set less one kind of permission. */
async function without(kind: string, args: string[], env: Record<string, string>) {
  // A bare --deny-sys leaves the set's sys=hostname granted (Deno 2.9.6); name it.
  const deny = kind === "sys" ? "--deny-sys=hostname" : `--deny-${kind}`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PERMISSION_FLAGS, deny, MAIN, ...args],
    env: { ...baseEnv(), ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("a permission hermes is refused is named in one line, never a stack trace", async () => {
  await using home = await tempHome();
  const cases: [string, string[]][] = [
    ["write", ["kanban", "create", "needs a disk"]],
    ["read", ["kanban", "list"]],
    ["net", ["gateway", "run", "--port", "0"]],
    ["sys", ["gateway", "run", "--no-dashboard"]],
    ["run", ["gateway", "run", "--no-dashboard"]],
  ];
  for (const [kind, args] of cases) {
    const r = await without(kind, args, home.env);
    equal(r.code, 1, `without --allow-${kind}: ${r.stderr}`);
    const lines = r.stderr.trim().split("\n").filter((l) => !/\[(INF|DBG)\]/.test(l));
    equal(lines.length, 1, `one line: ${r.stderr}`);
    match(lines[0], new RegExp(`^hermes: permission denied: hermes needs ${kind} access`));
    match(lines[0], new RegExp(`--allow-${kind}`));
    ok(!/\n\s+at /.test(r.stderr), "no stack trace");
  }
  const j = await without("write", ["kanban", "create", "x", "--json"], home.env);
  equal(j.code, 1);
  equal(JSON.parse(j.stdout).error.code, "permission_denied");
});
