/**
 * `hermes kanban doctor`'s judgement: from what the store reads off a board (lib/store/doctor.ts)
 * and the machine (live processes, profiles, the sandbox), the problems found and what to do
 * about each. Nothing here changes the board.
 */

import { StoreError } from "../board/mod.ts";
import { age } from "../cli/output.ts";
import { boardPaths, type Config, DEFAULT_BOARD } from "../config/mod.ts";
import {
  type BoardFacts,
  type FileFacts,
  fileFacts,
  inspectBoard,
  inspectPgBoard,
  type RunningFact,
} from "../store/doctor.ts";
import { pgBackend } from "../store/mod.ts";
import type { PgBackend } from "../store/postgres.ts";
import {
  livenessMany,
  loadProfiles,
  probeSandbox,
  sandboxSettings,
  sandboxUnavailable,
} from "../workers/mod.ts";

export type { BoardFacts, FileFacts, FileStat } from "../store/doctor.ts";

/** One finding and the way out of it. */
export interface Problem {
  code: string;
  task_id: string | null;
  message: string;
  fix: string;
}

/** Permission bits as `chmod` takes them (`0600`). */
export const octal = (mode: number): string => "0" + mode.toString(8).padStart(3, "0");

/** The recovery advice for a board SQLite cannot read cleanly. */
function recoverFix(path: string): string {
  return `the file was left untouched. Stop every hermes process using it, then restore ` +
    `${path} from a backup, or salvage what SQLite can read into a new file: ` +
    `sqlite3 '${path}' .recover | sqlite3 '${path}.recovered' — check the result with ` +
    `'sqlite3 ${path}.recovered "PRAGMA integrity_check"' before moving it into place`;
}

function fileProblems(f: FileFacts, board: string): Problem[] {
  const out: Problem[] = [];
  const init = board === DEFAULT_BOARD
    ? "hermes kanban init"
    : `hermes kanban boards create ${board}`;
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

/** How long past its time a scheduled task may stay scheduled before doctor says so. */
const OVERDUE_GRACE_SECONDS = 120;

async function taskProblems(
  facts: BoardFacts,
  opts: DiagnoseOptions,
): Promise<Problem[]> {
  const now = opts.now;
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
    profiles = new Set(loadProfiles(await opts.config()).keys());
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
    if (idle < opts.idleSeconds) continue;
    if (t.assignee === null || t.assignee.trim() === "") {
      out.push({
        code: "unassigned",
        task_id: t.id,
        message: `${t.id} has been ${t.status} for ${age(idle)} with no assignee (the ` +
          "dispatcher skips unassigned tasks)",
        fix: `assign it: hermes kanban assign ${t.id} <profile>`,
      });
    } else if (profiles !== null && !profiles.has(t.assignee)) {
      out.push({
        code: "unknown_profile",
        task_id: t.id,
        message: `${t.id} has been ${t.status} for ${age(idle)}, assigned to '${t.assignee}', ` +
          "which is not a profile in config.yaml",
        fix: `assign it to a known profile (hermes kanban profiles lists them): hermes kanban ` +
          `assign ${t.id} <profile>; or add '${t.assignee}' under kanban.profiles ` +
          `(hermes kanban profiles add ${t.assignee} --preset <preset>)`,
      });
    }
  }
  for (const t of facts.overdue) {
    const late = now - t.dueAt;
    // A dispatcher wakes a task at its time; one still scheduled a while later was not woken.
    if (late < OVERDUE_GRACE_SECONDS) continue;
    out.push({
      code: "schedule_overdue",
      task_id: t.id,
      message: `${t.id} was scheduled until ${new Date(t.dueAt * 1000).toISOString()} (${
        age(late)
      } ago) and is still scheduled: no dispatcher woke it`,
      fix: `start one (hermes gateway start), or release it now: hermes kanban unblock ${t.id}`,
    });
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
export interface SandboxFacts {
  /** Confined profiles (`sandbox: workspace`). */
  profiles: string[];
  /** null when no profile is confined (nothing was probed). */
  available: boolean | null;
  tool: string | null;
}

/** Confined profiles whose sandbox cannot be had: each would have its tasks blocked. */
async function sandboxProblems(
  config: () => Promise<Config>,
): Promise<{ facts: SandboxFacts; problems: Problem[] }> {
  const facts: SandboxFacts = { profiles: [], available: null, tool: null };
  let resolved: Config;
  let confined: string[];
  try {
    resolved = await config();
    confined = [...loadProfiles(resolved).values()].filter((p) => p.sandbox !== "off")
      .map((p) => p.name).sort();
  } catch {
    // A bad config.yaml is reported by the profile check below.
    return { facts, problems: [] };
  }
  facts.profiles = confined;
  if (confined.length === 0) return { facts, problems: [] };
  const probe = probeSandbox(sandboxSettings(resolved).bwrap);
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

/** What to look at. */
export interface DiagnoseOptions {
  home: string;
  board: string;
  /** Now, in the board's units (seconds). */
  now: number;
  /** How long a ready task may wait with no assignee or an unknown profile. */
  idleSeconds: number;
  /** config.yaml, read when the profiles are needed; a bad file becomes a problem. */
  config(): Promise<Config>;
}

/** Everything doctor found: the facts it read and the problems, most basic first. */
export interface Diagnosis {
  path: string;
  file: FileFacts;
  /** null when the file is not a readable SQLite board. */
  facts: BoardFacts | null;
  sandbox: SandboxFacts;
  problems: Problem[];
}

/** Check a board in PostgreSQL: reachable, its schema version, its tasks. */
async function diagnosePg(pg: PgBackend, opts: DiagnoseOptions): Promise<Diagnosis> {
  const path = `${pg.display} (board ${opts.board})`;
  const f: FileFacts = {
    path,
    kind: "postgres",
    file: null,
    dir: null,
    wal: null,
    shm: null,
    journal: null,
  };
  const sandbox = await sandboxProblems(opts.config);
  const problems: Problem[] = [...sandbox.problems];
  let facts: BoardFacts | null = null;
  try {
    facts = inspectPgBoard(pg, opts.board);
    if (facts === null) {
      problems.push({
        code: "no_board",
        task_id: null,
        message: `no board at ${path}`,
        fix: `create it: ${
          opts.board === DEFAULT_BOARD
            ? "hermes kanban init"
            : `hermes kanban boards create ${opts.board}`
        }`,
      });
    }
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    problems.push({
      code: e.code,
      task_id: null,
      message: e.message,
      fix: "check that PostgreSQL runs, that kanban.db_url names it and that the login works; " +
        "then run doctor again",
    });
  }
  if (facts) problems.push(...await taskProblems(facts, opts));
  return { path, file: f, facts, sandbox: sandbox.facts, problems };
}

/** Check a board without changing it. */
export async function diagnose(opts: DiagnoseOptions): Promise<Diagnosis> {
  const pg = pgBackend(opts.home);
  if (pg) return await diagnosePg(pg, opts);
  const path = boardPaths(opts.home, opts.board).db;
  const f = fileFacts(path);
  const problems = fileProblems(f, opts.board);
  const sandbox = await sandboxProblems(opts.config);
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
    problems.push(...await taskProblems(facts, opts));
  }
  return { path, file: f, facts, sandbox: sandbox.facts, problems };
}
