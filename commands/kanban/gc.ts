/** `hermes kanban gc`: reclaim disk from finished work: scratch dirs, old events, old logs. */

import { parseCount } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import {
  cleanupLine,
  cleanWorktree,
  type WorktreeCleanup,
  worktreeOf,
} from "./worktree_cleanup.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { boardPaths } from "../../lib/config/paths.ts";

export const spec: CommandSpec = {
  name: "gc",
  summary: "remove archived tasks' scratch dirs, old events of finished tasks, old logs",
  description: "Remove what finished work leaves behind on this board: the scratch workspaces " +
    "of archived tasks (only inside the board's workspaces directory), their git worktrees " +
    "when clean, events older than " +
    "--event-retention-days of done and archived tasks, and files in the board's logs " +
    "directory not modified for --log-retention-days. --dry-run shows what would go.",
  options: [
    {
      long: "event-retention-days",
      value: "days",
      description: "keep events of finished tasks this long",
      defaultText: "30",
    },
    {
      long: "log-retention-days",
      value: "days",
      description: "keep worker logs this long",
      defaultText: "30",
    },
    { long: "dry-run", description: "print what would be removed; remove nothing" },
  ],
};

const DAY = 86_400;

function lstat(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** Files under `dir` (recursively, not following links) last modified before `cutoffMs`. */
function oldFiles(dir: string, cutoffMs: number): string[] {
  const out: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return out;
    throw e;
  }
  for (const e of entries) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...oldFiles(path, cutoffMs));
    else if (e.isFile) {
      const mtime = lstat(path)?.mtime?.getTime();
      if (mtime !== undefined && mtime < cutoffMs) out.push(path);
    }
  }
  return out.sort();
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const eventDays = parseCount("--event-retention-days", str(input, "eventRetentionDays") ?? 30);
  const logDays = parseCount("--log-retention-days", str(input, "logRetentionDays") ?? 30);
  const dry = flag(input, "dryRun");
  const store = ctx.store();
  const paths = boardPaths(ctx.home, ctx.board);

  // Scratch dirs of archived tasks, never anything outside the board's workspaces dir.
  const workspaces: { task_id: string; path: string }[] = [];
  const archived = store.listTasks({ status: ["archived"] });
  for (const t of archived) {
    if (t.workspace_kind !== "scratch") continue;
    const path = t.workspace_path ?? `${paths.workspaces}/${t.id}`;
    if (!path.startsWith(paths.workspaces + "/") || path.split("/").includes("..")) continue;
    if (!lstat(path)) continue;
    if (!dry) Deno.removeSync(path, { recursive: true });
    workspaces.push({ task_id: t.id, path });
  }

  // Worktrees of archived tasks: removed when clean, kept (and said so) when not.
  const worktrees: WorktreeCleanup[] = [];
  for (const t of archived) {
    if (dry) {
      const path = await worktreeOf(ctx, t);
      if (path) worktrees.push({ task_id: t.id, path, removed: false, reason: "dry run" });
      continue;
    }
    const c = await cleanWorktree(ctx, t);
    if (c) worktrees.push(c);
  }

  const events = store.pruneEvents(ctx.clock() - eventDays * DAY, dry);

  const logs = oldFiles(paths.logs, Date.now() - logDays * DAY * 1000);
  if (!dry) { for (const f of logs) Deno.removeSync(f); }

  if (ctx.json) {
    ctx.printJson({ dry_run: dry, workspaces, worktrees, events_removed: events, logs });
    return 0;
  }
  const verb = dry ? "Would remove" : "Removed";
  const lines: string[] = [];
  for (const w of workspaces) lines.push(`${verb} workspace ${w.path} (${w.task_id})`);
  for (const w of worktrees) {
    lines.push(dry ? `${verb} worktree ${w.path} (${w.task_id}) if clean` : cleanupLine(w));
  }
  if (events) {
    lines.push(
      `${verb} ${events} event${
        events === 1 ? "" : "s"
      } older than ${eventDays} days of done/archived tasks`,
    );
  }
  for (const f of logs) lines.push(`${verb} log ${f}`);
  ctx.print(lines.length ? lines.join("\n") : "Nothing to remove");
  return 0;
}
