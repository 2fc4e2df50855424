/**
 * Fuzzed command lines. A fixed-seed generator mixes the real verbs and flags (read from
 * the command registry) with garbage: unknown flags, missing values, `--`, negative and
 * huge numbers, bad ids, bad JSON, bad durations, unicode, control characters and
 * 100 KB strings. Each line runs in-process through `main()` against a temp HERMES_HOME;
 * a sample also runs as a real subprocess. Every run must end with exit 0, 1 or 2, say
 * nothing resembling a stack trace or an unexpected error, keep stderr to a few lines,
 * and leave the board intact: rows are only added by creates that succeeded, a usage
 * error changes nothing, and `PRAGMA integrity_check` stays ok. Nothing outside the board is
 * touched either: the paths planted in the arguments (a `$(touch …)`, `dir:` and `worktree:`
 * workspaces, `../../../etc/passwd`) end the run exactly as they started it.
 *
 * HERMES_FUZZ_CASES sets the number of in-process cases (default 10000); HERMES_FUZZ_SEED
 * the seed. A failure prints the seed and the case number, which reproduce it.
 */

import { equal, ok } from "../support/assert.ts";
import type { DatabaseSync } from "node:sqlite";
import { main } from "../../main.ts";
import { STATUSES } from "../../lib/board/mod.ts";
import type { Sink } from "../../lib/cli/output.ts";
import { GROUPS } from "../../commands/registry.ts";
import type { CommandSpec, OptionSpec } from "../../lib/cli/spec.ts";
import { openDb } from "../support/board.ts";
import { baseEnv, hermes } from "../support/cli.ts";
import { prng } from "../support/prng.ts";

const CASES = Number(Deno.env.get("HERMES_FUZZ_CASES") ?? "10000");
const SEED = Number(Deno.env.get("HERMES_FUZZ_SEED") ?? 0x4e12_2026);
/** Command lines also run as real subprocesses. */
const SUBPROCESS_CASES = 100;

/** Created only if some verb ran an argument through a shell. */
const PWNED = "/tmp/hermes-fuzz-pwned";
/** Paths the generator puts in arguments; no verb may create, change or remove them. */
const PLANTED = [
  PWNED,
  "/tmp/hermes-fuzz-dir",
  `${Deno.cwd()}/relative`,
  "/abs",
  "/etc/passwd",
];

/** A path's kind, contents, size, mode and mtime, or "absent": equal strings, same path. */
async function footprint(path: string): Promise<string> {
  let st: Deno.FileInfo;
  try {
    st = await Deno.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "absent";
    throw e;
  }
  let what = "other";
  if (st.isFile) {
    const sum = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
    what = `file sha256=${
      [...new Uint8Array(sum)].map((b) => b.toString(16).padStart(2, "0")).join("")
    }`;
  } else if (st.isDirectory) {
    what = `dir [${[...Deno.readDirSync(path)].map((e) => e.name).sort().join(",")}]`;
  } else if (st.isSymlink) {
    what = `symlink -> ${await Deno.readLink(path)}`;
  }
  return `${what} size=${st.size} mode=${st.mode?.toString(8)} mtime=${st.mtime?.getTime()}`;
}

/**
 * Verbs left out of the in-process run: they block (daemon, gateway run, mcp serve on
 * stdin) or start processes that outlive the case (gateway start/restart). `dispatch`,
 * `watch` and `tail` run with a flag that keeps them finite and harmless, put first.
 */
const SKIP = new Set([
  "kanban daemon",
  "gateway run",
  "gateway start",
  "gateway restart",
  "mcp serve",
]);
const FORCED: Record<string, string[]> = {
  "kanban dispatch": ["--dry-run"],
  "kanban watch": ["--once"],
  "kanban tail": ["--once"],
};
/** Flags the generator must never add after a forced one (they would lift it). */
const FORBIDDEN = new Set(["--until-idle", "--dry-run", "--once"]);

interface Verb {
  group: string;
  name: string;
  aliases: string[];
  spec: CommandSpec;
  options: OptionSpec[];
}

async function loadVerbs(): Promise<Verb[]> {
  const out: Verb[] = [];
  for (const g of GROUPS) {
    for (const e of g.entries) {
      const spec = (await e.load()).spec;
      const own = new Set((spec.options ?? []).map((o) => o.long));
      out.push({
        group: g.name,
        name: e.name,
        aliases: e.aliases ?? [],
        spec,
        options: [...(spec.options ?? []), ...g.common.filter((o) => !own.has(o.long))],
      });
    }
  }
  return out;
}

/** The generator: valid pieces, plausible mistakes and garbage, by a fixed seed. */
class Gen {
  readonly rand: () => number;
  /** Ids of tasks that exist on the default board. */
  readonly ids: string[] = [];
  constructor(seed: number) {
    this.rand = prng(seed);
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  garbage(): string {
    return this.pick<() => string>([
      () => "",
      () => " ",
      () => "-",
      () => "--",
      () => "---",
      () => "-1",
      () => "--=x",
      () => "-zq",
      () => `--no-such-${this.int(0, 9)}`,
      () => "\u0000nul",
      () => "line1\nline2\r\n",
      () => "\u202eevil",
      () => "e\u0301\u0301\u0301",
      () => "🦀".repeat(this.int(1, 300)),
      () => "x".repeat(this.pick([1_000, 100_000])),
      () => "'; DROP TABLE tasks; --",
      () => `$(touch ${PWNED})`,
      () => "../../../etc/passwd",
      () => "%s%n%x",
      () => "\x1b[31mred\x1b[0m",
      () => "NaN",
      () => "Infinity",
      () => "1e309",
      () => "-0",
      () => "99999999999999999999",
      () => "0x1f",
      () => String(-this.int(1, 1e6)),
      () => "t_" + "0".repeat(8),
      () => "t_zzzzzzzz",
      () => this.id(),
    ])();
  }

  id(): string {
    if (this.ids.length && this.chance(0.7)) return this.pick(this.ids);
    return this.pick(["t_00000000", "t_deadbeef", "T_DEADBEEF", "t_123", "t_", "1", "abc"]);
  }

  number(): string {
    return this.chance(0.6) ? String(this.int(0, 20)) : this.pick([
      "-1",
      "-0",
      "0",
      "1.5",
      "1e3",
      "NaN",
      "",
      " 3 ",
      "0x10",
      "99999999999999999999",
      "ten",
    ]);
  }

  duration(): string {
    return this.pick([
      "30s",
      "5m",
      "1h",
      "2d",
      "90",
      "0",
      "-5m",
      "1x",
      "",
      "1e3s",
      "P1D",
      "forever",
      "1.5h",
      "5 m",
    ]);
  }

  json(): string {
    return this.pick([
      '{"a":1}',
      '{"nested":{"k":[1,2,3]}}',
      "[]",
      "null",
      "42",
      '"str"',
      '{"a":',
      "{'a':1}",
      "{a:1}",
      "",
      "[".repeat(this.int(1, 5000)),
      "[".repeat(2000) + "]".repeat(2000),
      '{"__proto__":{"polluted":true}}',
      JSON.stringify({ big: "x".repeat(50_000) }),
    ]);
  }

  text(): string {
    return this.chance(0.6)
      ? this.pick(["fix the build", "write docs", "ünïcödé ✓", "a b c", "shell", "echo hi", "x"])
      : this.garbage();
  }

  /** A value for an option, by its placeholder. */
  value(o: OptionSpec, verb: Verb): string {
    if (this.chance(0.15)) return this.garbage();
    const v = o.value ?? "";
    switch (v) {
      case "id":
        return this.id();
      case "id,id":
        return Array.from({ length: this.int(1, 3) }, () => this.id()).join(",");
      case "n":
      case "seconds":
      case "days":
      case "bytes":
      case "event-id":
        return this.number();
      case "duration":
        return this.duration();
      case "json":
        return this.json();
      case "status":
        return this.pick([...STATUSES, "bogus", "READY"]);
      case "kind":
        return this.pick([
          "scratch",
          "dir:/tmp/hermes-fuzz-dir",
          "dir:relative",
          "dir:",
          "worktree",
          "worktree:/abs",
          "bogus",
        ]);
      case "a,b":
        return this.pick(["completed,blocked", "created", "nope", ",", ""]);
      case "profile":
        return this.pick(["shell", "claude", "nobody", ""]);
      case "name":
        return verb.name === "boards" || o.long === "board"
          ? this.pick(["default", "alpha", "beta", "Bad Name", "../up", "a".repeat(200)])
          : this.text();
      default:
        return this.text();
    }
  }

  /** A positional argument for `name`. */
  positional(name: string, verb: Verb): string {
    if (this.chance(0.15)) return this.garbage();
    if (/id|parent|child/.test(name)) return this.id();
    if (name === "action") {
      return this.pick(
        verb.name === "boards"
          ? ["list", "create", "rm", "switch", "show", "bogus"]
          : ["list", "show", "add", "check", "bogus"],
      );
    }
    if (name === "profile") return this.pick(["shell", "nobody", "claude"]);
    if (name === "name") {
      return this.pick(["alpha", "beta", "claude", "codex", "default", "Bad Name", "../x"]);
    }
    return this.text();
  }

  /** One command line. */
  argv(verbs: readonly Verb[]): { argv: string[]; verb: Verb | null } {
    if (this.chance(0.03)) {
      return {
        argv: this.pick([[], ["--help"], ["--version"], ["help"], ["nope"], [this.garbage()]]),
        verb: null,
      };
    }
    const verb = this.pick(verbs);
    const head = [
      verb.group,
      this.chance(0.1) && verb.aliases.length ? this.pick(verb.aliases) : verb.name,
    ];
    if (this.chance(0.02)) head[1] = this.garbage();
    if (this.chance(0.02)) return { argv: [...head, "--help"], verb };
    const words: string[] = [];
    for (const a of verb.spec.args ?? []) {
      if (a.required === false && this.chance(0.4)) continue;
      const n = a.variadic ? this.int(1, 3) : 1;
      for (let i = 0; i < n; i++) words.push(this.positional(a.name, verb));
    }
    const nOpts = this.int(0, 4);
    for (let i = 0; i < nOpts && verb.options.length; i++) {
      const o = this.pick(verb.options);
      const flag = o.short && this.chance(0.2) ? `-${o.short}` : `--${o.long}`;
      if (!o.value) words.push(this.chance(0.05) ? `${flag}=yes` : flag);
      else if (this.chance(0.25)) words.push(`${flag}=${this.value(o, verb)}`);
      else if (this.chance(0.05)) words.push(flag); // missing value (or the next word taken)
      else words.push(flag, this.value(o, verb));
    }
    for (let i = this.chance(0.6) ? 0 : this.int(1, 2); i > 0; i--) {
      words.splice(this.int(0, words.length), 0, this.chance(0.3) ? "--" : this.garbage());
    }
    // Shuffle a little: flags before positionals, positionals after `--`, and so on.
    if (this.chance(0.3) && words.length > 1) words.reverse();
    const forced = FORCED[`${verb.group} ${verb.name}`] ?? [];
    const argv = [...head, ...forced, ...words.filter((w) => !forced.length || !isForbidden(w))];
    return { argv, verb };
  }
}

function isForbidden(word: string): boolean {
  return FORBIDDEN.has(word.split("=")[0]);
}

/** A sink that keeps what is written. */
function buffer(): Sink & { text: string } {
  const s = {
    text: "",
    isTerminal: false,
    write(t: string) {
      s.text += t;
    },
  };
  return s;
}

/** Counts that may only grow in known ways, plus the event cursor. */
function fingerprint(db: DatabaseSync): { tasks: number; rows: number; lastEvent: number } {
  const one = (sql: string) => Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
  return {
    tasks: one("SELECT COUNT(*) AS n FROM tasks"),
    rows: one(
      "SELECT (SELECT COUNT(*) FROM task_links) + (SELECT COUNT(*) FROM task_comments) + " +
        "(SELECT COUNT(*) FROM task_runs) + (SELECT COUNT(*) FROM task_events) AS n",
    ),
    lastEvent: one("SELECT MAX(id) AS n FROM task_events"),
  };
}

/** Every board database under `home`, checked with PRAGMA integrity_check. */
function checkIntegrity(home: string): void {
  const dbs = [`${home}/kanban.db`];
  try {
    for (const e of Deno.readDirSync(`${home}/kanban/boards`)) {
      dbs.push(`${home}/kanban/boards/${e.name}/kanban.db`);
    }
  } catch { /* no named boards */ }
  for (const path of dbs) {
    try {
      Deno.statSync(path);
    } catch {
      continue;
    }
    const board = path === `${home}/kanban.db` ? "default" : path.split("/").at(-2)!;
    const db = openDb(home, board);
    try {
      const r = db.prepare("PRAGMA integrity_check").get() as Record<string, unknown>;
      equal(r.integrity_check, "ok", `integrity of ${path}`);
    } finally {
      db.close();
    }
  }
}

/** Control characters that would act on a terminal (ESC only when it starts a non-colour sequence). */
// deno-lint-ignore no-control-regex
const ACTIVE = /\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]/;

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

/** True when `--json` is a flag of this command line, not the value of another option. */
function jsonGiven(argv: readonly string[], verb: Verb | null): boolean {
  if (!verb) return false;
  for (let i = 2; i < argv.length; i++) {
    const w = argv[i];
    if (w === "--") return false;
    if (w === "--json") return true;
    const o = verb.options.find((o) => w === `--${o.long}` || (o.short && w === `-${o.short}`));
    if (o?.value) i++;
  }
  return false;
}

/** The checks every case must pass; returns a description of the first broken one. */
function judge(
  argv: readonly string[],
  verb: Verb | null,
  code: number,
  stdout: string,
  stderr: string,
): string | null {
  if (![0, 1, 2].includes(code)) return `exit code ${code}`;
  for (const [name, text] of [["stdout", stdout], ["stderr", stderr]]) {
    if (STACK_FRAME.test(text)) return `stack trace on ${name}`;
    if (/\bUncaught\b/.test(text)) return `uncaught error on ${name}`;
    if (ACTIVE.test(text)) return `raw terminal control character on ${name}`;
  }
  // The catch-all for errors nobody anticipated: each one is a bug to find.
  if (/^hermes: unexpected error/m.test(stderr)) return "unexpected error";
  // A few lines, plus one per task id for verbs that act on several.
  const errLines = stderr.split("\n").filter((l) => l.trim()).length;
  if (errLines > 6 + argv.length) return `${errLines} lines on stderr`;
  if (code === 2) {
    const lines = stderr.trim().split("\n");
    if (lines.length !== 1 || !lines[0].startsWith("hermes: ")) {
      return "a usage error must be one line starting 'hermes: '";
    }
  }
  // Diagnostic verbs answer with exit 1 and say why on stdout: `gateway status` when no
  // gateway runs, `kanban doctor` when it finds problems.
  const name = argv.slice(0, 2).join(" ");
  const isStatus = name === "gateway status" || name === "kanban doctor";
  if (code !== 0 && !stderr.trim() && !isStatus) return "failed without a message";
  const wantsJson = jsonGiven(argv, verb);
  if (wantsJson && code !== 0 && stdout.trim() && !isStatus) {
    try {
      // Multi-task verbs report per task ({"results": […]}); others {"error": {…}}.
      const doc = JSON.parse(stdout);
      if ("error" in doc && typeof doc.error?.code !== "string") {
        return "--json error is not {error:{code,message}}";
      }
    } catch {
      return "--json error output is not JSON";
    }
  }
  return null;
}

function show(argv: readonly string[]): string {
  return JSON.stringify(argv.map((a) => a.length > 80 ? `${a.slice(0, 40)}…(${a.length})` : a));
}

Deno.test({
  name: "argv fuzz: generated command lines end in 0, 1 or 2, explain themselves, harm nothing",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const planted = await Promise.all(PLANTED.map(footprint));
    const outer = await Deno.makeTempDir({ prefix: "hermes-fuzz-" });
    const home = `${outer}/home`;
    await Deno.mkdir(home, { mode: 0o700 });
    const vars: Record<string, string> = {
      HERMES_HOME: home,
      NO_COLOR: "1",
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      USER: "fuzzer",
    };
    const verbs = (await loadVerbs()).filter((v) => !SKIP.has(`${v.group} ${v.name}`));
    const gen = new Gen(SEED);
    const run = async (argv: string[], extra: Record<string, string> = {}) => {
      const out = buffer();
      const err = buffer();
      const env = { ...vars, ...extra };
      const code = await main(argv, { env: (n) => env[n], stdout: out, stderr: err });
      return { code, stdout: out.text, stderr: err.text };
    };

    // A few real tasks in different states for the verbs to work on.
    for (const title of ["alpha", "beta", "gamma", "delta"]) {
      const r = await run(["kanban", "create", title, "--assignee", "shell", "--json"]);
      equal(r.code, 0, r.stderr);
      gen.ids.push(JSON.parse(r.stdout).id);
    }
    equal((await run(["kanban", "link", gen.ids[0], gen.ids[1]])).code, 0);
    equal((await run(["kanban", "complete", gen.ids[2], "--summary", "seeded"])).code, 0);
    equal((await run(["kanban", "block", gen.ids[3], "waiting"])).code, 0);

    const db = openDb(home);
    let before = fingerprint(db);
    const tally: Record<number, number> = {};
    try {
      for (let i = 0; i < CASES; i++) {
        const { argv, verb } = gen.argv(verbs);
        // Now and then act as a worker: scoped verbs, fencing tokens, garbage task ids.
        const extra: Record<string, string> = gen.chance(0.08)
          ? { HERMES_KANBAN_TASK: gen.id(), HERMES_KANBAN_RUN_ID: gen.pick(["1", "999", "x", ""]) }
          : {};
        const r = await run(argv, extra);
        tally[r.code] = (tally[r.code] ?? 0) + 1;
        const where = `case ${i} (seed ${SEED}): hermes ${show(argv)}`;
        const broken = judge(argv, verb, r.code, r.stdout, r.stderr);
        ok(
          broken === null,
          `${where}: ${broken}\nstdout: ${r.stdout.slice(0, 400)}\nstderr: ${
            r.stderr.slice(0, 800)
          }`,
        );
        const after = fingerprint(db);
        const creates = verb?.name === "create" && verb.group === "kanban" && r.code === 0;
        // `archive --rm` deletes archived tasks for good: only it removes any.
        const deletes = verb?.name === "archive" && argv.includes("--rm") && r.code !== 2;
        ok(
          after.tasks >= before.tasks || deletes,
          `${where}: tasks went from ${before.tasks} to ${after.tasks}`,
        );
        if (deletes) ok(after.tasks <= before.tasks, `${where}: archive --rm adds no task`);
        else if (!creates) equal(after.tasks, before.tasks, `${where}: only a create adds tasks`);
        else ok(after.tasks - before.tasks <= 1, `${where}: one create, one task`);
        if (r.code === 2) {
          equal(after.rows, before.rows, `${where}: a usage error changed rows`);
          equal(after.lastEvent, before.lastEvent, `${where}: a usage error wrote an event`);
        }
        if (creates) {
          const id = /\b(t_[0-9a-f]{8})\b/.exec(r.stdout)?.[1];
          if (id && !gen.ids.includes(id)) gen.ids.push(id);
        }
        before = after;
        if (i % 500 === 499) checkIntegrity(home);
      }
    } finally {
      db.close();
    }
    checkIntegrity(home);
    // Nothing escaped the home (a board or workspace named with ../).
    const outside = [...Deno.readDirSync(outer)].map((e) => e.name);
    equal(outside.join(","), "home");
    console.log("fuzz exit codes:", JSON.stringify(tally));
    ok((tally[0] ?? 0) > CASES / 10 && (tally[2] ?? 0) > CASES / 10, JSON.stringify(tally));

    // The same generator through the real binary entry, a sample of it.
    const sub = new Gen(SEED ^ 0x5a5a);
    sub.ids.push(...gen.ids);
    const subVerbs = verbs.filter((v) => v.name !== "gc" && v.name !== "profiles");
    const env = { ...baseEnv(), HERMES_HOME: home, NO_COLOR: "1", USER: "fuzzer" };
    for (let i = 0; i < SUBPROCESS_CASES; i += 4) {
      // An OS argv cannot hold NUL bytes; everything else goes through as generated.
      const batch = Array.from({ length: 4 }, () => sub.argv(subVerbs)).map((c) => ({
        ...c,
        argv: c.argv.map((a) => a.replaceAll("\u0000", "")),
      }));
      const results = await Promise.all(batch.map(({ argv }) => hermes(argv, { env })));
      results.forEach((r, k) => {
        const broken = judge(batch[k].argv, batch[k].verb, r.code, r.stdout, r.stderr);
        ok(
          broken === null,
          `subprocess case ${i + k}: hermes ${show(batch[k].argv)}: ${broken}\n${
            r.stderr.slice(0, 800)
          }`,
        );
      });
    }
    checkIntegrity(home);
    await Deno.remove(outer, { recursive: true });

    equal(await footprint(PWNED), "absent", `${PWNED} exists: an argument ran through a shell`);
    for (const [i, path] of PLANTED.entries()) {
      equal(await footprint(path), planted[i], `${path} changed during the fuzz run`);
    }
  },
});

/**
 * Command lines the fuzzer once broke, kept as fixed cases: `{id}` is a ready task.
 * Each must give the exit code shown and pass the same checks; a usage error changes nothing.
 */
const REGRESSIONS: [string[], number][] = [
  // Stored a lease past the last representable date, then crashed printing it.
  [["kanban", "claim", "{id}", "--ttl", "99999999999999999999"], 2],
  [["kanban", "claim", "{id}", "--ttl", "999999999999d"], 2],
  [["kanban", "create", "x", "--max-retries", "99999999999999999999"], 2],
  // Printed a usage error as a warning: several lines, and no JSON under --json.
  [["kanban", "list", "--limit=line1\nline2\r\n"], 2],
  [["kanban", "list", "--limit", "0", "--json"], 2],
  // Echoed a control sequence into the terminal.
  [["kanban", "show", "t_\u001b]0;pwned\u0007"], 1],
  [["kanban", "assignees", "\u001b[2J"], 2],
];

Deno.test("argv fuzz regressions: lines the fuzzer once broke stay fixed", async () => {
  const home = await Deno.makeTempDir({ prefix: "hermes-fuzz-" });
  try {
    const env: Record<string, string> = { HERMES_HOME: home, NO_COLOR: "1", USER: "fuzzer" };
    const run = async (argv: string[]) => {
      const out = buffer();
      const err = buffer();
      const code = await main(argv, { env: (n) => env[n], stdout: out, stderr: err });
      return { code, stdout: out.text, stderr: err.text };
    };
    const made = await run(["kanban", "create", "target", "--json"]);
    const id = JSON.parse(made.stdout).id as string;
    const verbs = await loadVerbs();
    for (const [template, want] of REGRESSIONS) {
      const argv = template.map((a) => a.replace("{id}", id));
      const verb = verbs.find((v) => v.group === argv[0] && v.name === argv[1]) ?? null;
      const db = openDb(home);
      const before = fingerprint(db);
      const r = await run(argv);
      const after = fingerprint(db);
      db.close();
      equal(r.code, want, `hermes ${show(argv)}: ${r.stderr}`);
      equal(judge(argv, verb, r.code, r.stdout, r.stderr), null, `hermes ${show(argv)}`);
      if (want === 2) equal(JSON.stringify(after), JSON.stringify(before), "nothing changed");
      if (argv.includes("--json")) ok(JSON.parse(r.stdout).error.code, "a JSON error");
    }
    checkIntegrity(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
