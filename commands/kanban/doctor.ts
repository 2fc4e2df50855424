/** `hermes kanban doctor`: check a board without changing it, and say what to do. */

import { parseDuration, StoreError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { age, table } from "../../lib/cli/output.ts";
import { str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { boardPaths, DEFAULT_BOARD } from "../../lib/config/mod.ts";
import {
  type BoardFacts,
  type FileFacts,
  fileFacts,
  type FileStat,
  inspectBoard,
  type RunningFact,
} from "../../lib/store/doctor.ts";
import {
  livenessMany,
  loadProfiles,
  probeSandbox,
  sandboxSettings,
  sandboxUnavailable,
} from "../../lib/workers/mod.ts";

export const spec: CommandSpec = {
  name: "doctor",
  summary: "check a board (integrity, journal, schema, file modes, stuck tasks) and say what to do",
  description: "Reads the board without changing it: the file and its modes, the WAL, SQLite's " +
    "integrity check, the journal mode and schema stamp, and tasks that are stuck — running " +
    "with an expired claim, without an open run or with a dead worker; ready with no assignee " +
    "or an unknown profile for longer than --idle; todo although no parent is pending; " +
    "profiles that ask for a sandbox this machine cannot give (it is started once to see). Every " +
    "problem comes with what to do. Exit 0 when healthy, 1 when a problem was found.",
  options: [
    {
      long: "idle",
      value: "duration",
      description: "how long a ready task may wait with no assignee or an unknown profile",
      defaultText: "10m",
    },
  ],
  examples: ["hermes kanban doctor", "hermes kanban doctor --board research --json"],
};

/** One finding and the way out of it. */
interface Problem {
  code: string;
  task_id: string | null;
  message: string;
  fix: string;
}

const octal = (mode: number) => "0" + mode.toString(8).padStart(3, "0");

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function statJson(s: FileStat | null) {
  return s === null ? null : { size: s.size, mode: octal(s.mode) };
}

/** The recovery advice for a board SQLite cannot read cleanly. */
function recoverFix(path: string): string {
  return `the file was left untouched. Stop every hermes process using it, then restore ` +
    `${path} from a backup, or salvage what SQLite can read into a new file: ` +
    `sqlite3 '${path}' .recover | sqlite3 '${path}.recovered' — check the result with ` +
    `'sqlite3 ${path}.recovered "PRAGMA integrity_check"' before moving it into place`;
}

function fileProblems(f: FileFacts, ctx: Ctx): Problem[] {
  const out: Problem[] = [];
  const init = ctx.board === DEFAULT_BOARD
    ? "hermes kanban init"
    : `hermes kanban boards create ${ctx.board}`;
  if (f.kind === "missing") {
    out.push({
      code: "no_board",
      task_id: null,
      message: `no board at ${f.path}`,
      fix: `create it: ${init}`,
    });
  }
  if (f.kind === "empty") {
    out.push({
      code: "empty_board",
      task_id: null,
      message: `${f.path} is an empty file (0 bytes), not a SQLite board; every hermes command ` +
        "refuses it (none overwrites it)",
      fix: "zero bytes hold no tasks to salvage. If tasks should be there, restore " +
        `${f.path} from a backup (a copy cut short or a failed restore leaves an empty file); ` +
        `otherwise delete it (rm '${f.path}') and run ${init}`,
    });
  }
  if (f.kind === "foreign") {
    out.push({
      code: "not_sqlite",
      task_id: null,
      message: `${f.path} is not a SQLite database (its first bytes are not a SQLite header)`,
      fix: recoverFix(f.path).replace(
        /, or salvage.*$/,
        " (or move it aside and run " + init + ")",
      ),
    });
  }
  if (f.file && (f.file.mode & 0o077) !== 0) {
    out.push({
      code: "file_mode",
      task_id: null,
      message: `${f.path} is readable by other users (mode ${octal(f.file.mode)})`,
      fix: `chmod 600 '${f.path}'`,
    });
  }
  const dir = f.path.slice(0, f.path.lastIndexOf("/"));
  if (f.dir && (f.dir.mode & 0o077) !== 0) {
    out.push({
      code: "dir_mode",
      task_id: null,
      message: `${dir} is open to other users (mode ${octal(f.dir.mode)})`,
      fix: `chmod 700 '${dir}'`,
    });
  }
  return out;
}

/** Why a running task is stuck, most specific first; empty when it is not. */
function runningReasons(t: RunningFact, dead: boolean, now: number): Problem[] {
  const release = `release it so it can run again: hermes kanban reclaim ${t.id}`;
  const out: Problem[] = [];
  if (dead) {
    out.push({
      code: "dead_worker",
      task_id: t.id,
      message: `${t.id} is running, but its worker (pid ${t.proc?.pid}) is gone`,
      fix: `the gateway's dispatcher records the crash and retries it on its next tick; ` +
        `if no gateway is running, start one (hermes gateway start) or ${release}`,
    });
  }
  if (!t.runOpen) {
    out.push({
      code: "no_open_run",
      task_id: t.id,
      message: `${t.id} is running without an open run` +
        (t.currentRunId === null ? "" : ` (run ${t.currentRunId} is closed)`),
      fix: release,
    });
  }
  if (t.claimExpires !== null && t.claimExpires < now) {
    out.push({
      code: "expired_claim",
      task_id: t.id,
      message: `${t.id} is running on a claim that expired ${age(now - t.claimExpires)} ago` +
        (t.claimLock ? ` (lock ${t.claimLock})` : ""),
      fix: `the gateway's dispatcher reclaims it on its next tick; if no gateway is running, ` +
        `start one (hermes gateway start) or ${release}`,
    });
  }
  return out;
}

async function taskProblems(
  facts: BoardFacts,
  ctx: Ctx,
  idleSeconds: number,
): Promise<Problem[]> {
  const now = ctx.clock();
  const out: Problem[] = [];
  const judged = facts.running.filter((t) => t.proc?.host && t.proc.pid !== null);
  const verdicts = judged.length
    ? livenessMany(judged.map((t) => ({ ...t.proc!, host: t.proc!.host!, pid: t.proc!.pid! })))
    : [];
  const dead = new Set(judged.filter((_, i) => verdicts[i] === "dead").map((t) => t.id));
  for (const t of facts.running) {
    const reasons = runningReasons(t, dead.has(t.id), now);
    if (reasons.length === 0) continue;
    // One entry per task: the most specific reason, with the others folded into its text.
    const [first, ...more] = reasons;
    out.push({
      ...first,
      message: [first.message, ...more.map((m) => m.message.replace(`${t.id} is running `, ""))]
        .join("; "),
    });
  }
  let profiles: Set<string> | null = null;
  try {
    profiles = new Set(loadProfiles(await ctx.config()).keys());
  } catch (e) {
    out.push({
      code: "config",
      task_id: null,
      message: `cannot check assignees against the profiles: ${(e as Error).message}`,
      fix: "fix config.yaml (hermes kanban profiles shows what it holds)",
    });
  }
  for (const t of facts.ready) {
    const idle = now - t.idleSince;
    if (idle < idleSeconds) continue;
    if (t.assignee === null || t.assignee.trim() === "") {
      out.push({
        code: "unassigned",
        task_id: t.id,
        message: `${t.id} has been ready for ${age(idle)} with no assignee (the dispatcher ` +
          "skips unassigned tasks)",
        fix: `assign it: hermes kanban assign ${t.id} <profile>`,
      });
    } else if (profiles !== null && !profiles.has(t.assignee)) {
      out.push({
        code: "unknown_profile",
        task_id: t.id,
        message: `${t.id} has been ready for ${age(idle)}, assigned to '${t.assignee}', which ` +
          "is not a profile in config.yaml",
        fix: `assign it to a known profile (hermes kanban profiles lists them): hermes kanban ` +
          `assign ${t.id} <profile>; or add '${t.assignee}' under kanban.profiles ` +
          `(hermes kanban profiles add ${t.assignee} --preset <preset>)`,
      });
    }
  }
  for (const t of facts.waiting) {
    out.push({
      code: "todo_ready",
      task_id: t.id,
      message: `${t.id} is todo, but none of its parents is pending`,
      fix:
        `promote it: hermes kanban promote ${t.id} (a running gateway also does on its next tick)`,
    });
  }
  return out;
}

/** What the machine's worker sandbox looks like to the confined profiles. */
interface SandboxFacts {
  /** Confined profiles (`sandbox: workspace`). */
  profiles: string[];
  /** null when no profile is confined (nothing was probed). */
  available: boolean | null;
  tool: string | null;
}

/** Confined profiles whose sandbox cannot be had: each would have its tasks blocked. */
async function sandboxProblems(ctx: Ctx): Promise<{ facts: SandboxFacts; problems: Problem[] }> {
  const facts: SandboxFacts = { profiles: [], available: null, tool: null };
  let config;
  let confined: string[];
  try {
    config = await ctx.config();
    confined = [...loadProfiles(config).values()].filter((p) => p.sandbox !== "off")
      .map((p) => p.name).sort();
  } catch {
    // A bad config.yaml is reported by the profile check below.
    return { facts, problems: [] };
  }
  facts.profiles = confined;
  if (confined.length === 0) return { facts, problems: [] };
  const probe = probeSandbox(sandboxSettings(config).bwrap);
  facts.available = probe.ok;
  if (probe.ok) {
    facts.tool = `${probe.tool} ${probe.version}`;
    return { facts, problems: [] };
  }
  return {
    facts,
    problems: confined.map((name) => ({
      code: "sandbox_unavailable",
      task_id: null,
      message: `profile '${name}' asks for a sandbox this machine cannot give (${probe.reason}); ` +
        "its tasks are blocked instead of run unconfined",
      fix: sandboxUnavailable(name, probe).replace(/^sandbox unavailable: [^:]+: /, ""),
    })),
  };
}

const SCHEMA_TEXT: Record<BoardFacts["schema"], string> = {
  current: "current",
  older: "older hermes schema (the next write brings it up to date)",
  newer: "written by a newer hermes (kept as it is)",
  hermes: "a Hermes board not yet opened for writing by hermes (the next write adds our tables)",
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const idleRaw = str(input, "idle");
  const idleSeconds = idleRaw === undefined ? 600 : parseDuration("--idle", idleRaw);
  const path = boardPaths(ctx.home, ctx.board).db;
  const f = fileFacts(path);
  const problems = fileProblems(f, ctx);
  const sandbox = await sandboxProblems(ctx);
  problems.push(...sandbox.problems);
  let facts: BoardFacts | null = null;
  if (f.kind === "sqlite") {
    try {
      facts = inspectBoard(path);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      problems.push({
        code: e.code,
        task_id: null,
        message: e.message,
        fix: e.code === "corrupt" ? recoverFix(path) : "see the message; then run doctor again",
      });
    }
  }
  if (facts && facts.integrity[0] !== "ok") {
    problems.push({
      code: "corrupt",
      task_id: null,
      message: `${path} failed SQLite's integrity check: ${facts.integrity.join("; ")}`,
      fix: recoverFix(path),
    });
  } else if (facts) {
    if (f.journal !== "wal") {
      problems.push({
        code: "journal_mode",
        task_id: null,
        message: `${path} is in rollback-journal mode, not WAL`,
        fix: "any hermes command that writes switches it back to WAL (for example: hermes " +
          "kanban init); WAL lets readers and the dispatcher work while a write happens",
      });
    }
    problems.push(...await taskProblems(facts, ctx, idleSeconds));
  }
  if (ctx.json) {
    ctx.printJson({
      board: ctx.board,
      path,
      healthy: problems.length === 0,
      file: { kind: f.kind, ...statJson(f.file) },
      directory: statJson(f.dir),
      wal: statJson(f.wal),
      shm: statJson(f.shm),
      journal_mode: f.journal,
      integrity: facts?.integrity ?? null,
      schema: facts ? { user_version: facts.userVersion, state: facts.schema } : null,
      pages: facts ? { size: facts.pageSize, count: facts.pageCount, free: facts.freePages } : null,
      tasks: facts?.counts ?? null,
      sandbox: sandbox.facts,
      problems,
    });
    return problems.length ? 1 : 0;
  }
  const rows: string[][] = [];
  if (f.file) {
    rows.push([
      "file",
      `${bytes(f.file.size)}, mode ${octal(f.file.mode)}` +
      (f.dir ? ` (directory ${octal(f.dir.mode)})` : "") + (f.kind === "empty" ? ", empty" : ""),
    ]);
  }
  if (f.wal) rows.push(["wal", `${bytes(f.wal.size)}, mode ${octal(f.wal.mode)}`]);
  if (f.journal) rows.push(["journal", f.journal]);
  if (facts) {
    rows.push(["integrity", facts.integrity[0] === "ok" ? "ok" : "FAILED"]);
    rows.push(["schema", `${SCHEMA_TEXT[facts.schema]} (user_version ${facts.userVersion})`]);
    const counts = Object.entries(facts.counts).filter(([, n]) => n > 0);
    rows.push([
      "tasks",
      counts.length ? counts.map(([s, n]) => `${s} ${n}`).join(", ") : "none",
    ]);
  }
  if (sandbox.facts.profiles.length) {
    rows.push([
      "sandbox",
      `${sandbox.facts.tool ?? "UNAVAILABLE"} (confined profiles: ${
        sandbox.facts.profiles.join(", ")
      })`,
    ]);
  }
  const out = [
    `Board '${ctx.board}': ${path}\n`,
    table(rows.map((r) => ["  " + r[0], r[1]])),
  ];
  if (problems.length === 0) {
    out.push("\nNo problems found.\n");
  } else {
    out.push(`\n${problems.length} problem${problems.length === 1 ? "" : "s"}:\n`);
    for (const p of problems) out.push(`  ✖ ${p.message}\n      → ${p.fix}\n`);
  }
  ctx.stdout.write(out.join(""));
  return problems.length ? 1 : 0;
}
