/** `hermes kanban doctor`: check a board without changing it, and say what to do. */

import { parseDuration } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { table } from "../../lib/cli/output.ts";
import { str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { type BoardFacts, diagnose, type FileStat, octal } from "../../lib/maintenance/mod.ts";

export const spec: CommandSpec = {
  name: "doctor",
  needs: ["run"],
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

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function statJson(s: FileStat | null) {
  return s === null ? null : { size: s.size, mode: octal(s.mode) };
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
  const { path, file: f, facts, sandbox, problems } = await diagnose({
    home: ctx.home,
    board: ctx.board,
    now: ctx.clock(),
    idleSeconds,
    config: () => ctx.config(),
  });
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
      sandbox,
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
    const stamp = f.kind === "postgres" ? "version" : "user_version";
    rows.push(["schema", `${SCHEMA_TEXT[facts.schema]} (${stamp} ${facts.userVersion})`]);
    const counts = Object.entries(facts.counts).filter(([, n]) => n > 0);
    rows.push([
      "tasks",
      counts.length ? counts.map(([s, n]) => `${s} ${n}`).join(", ") : "none",
    ]);
  }
  if (sandbox.profiles.length) {
    rows.push([
      "sandbox",
      `${sandbox.tool ?? "UNAVAILABLE"} (confined profiles: ${sandbox.profiles.join(", ")})`,
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
