/**
 * `hermes kanban gc`: reclaim disk from finished work — the scratch workspaces and clean git
 * worktrees of archived tasks, old events of finished tasks, old worker logs.
 */

import { boardPaths } from "../config/mod.ts";
import type { BoardStore } from "../store/mod.ts";
import { cleanWorktree, type WorktreeCleanup, worktreeOf } from "./worktrees.ts";

const DAY = 86_400;

/** What to collect. */
export interface GcOptions {
  home: string;
  board: string;
  store: BoardStore;
  /** Now, in the board's units (seconds): events are judged against it. */
  now: number;
  /** Now in epoch milliseconds: log files are judged against it (their mtime). */
  nowMs: number;
  eventRetentionDays: number;
  logRetentionDays: number;
  /** Report what would go; remove nothing. */
  dryRun: boolean;
}

/** What was removed (or would be, in a dry run). */
export interface GcReport {
  workspaces: { task_id: string; path: string }[];
  worktrees: WorktreeCleanup[];
  events: number;
  logs: string[];
}

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

/** Remove what finished work left behind on one board. */
export async function collectGarbage(o: GcOptions): Promise<GcReport> {
  const dry = o.dryRun;
  const paths = boardPaths(o.home, o.board);

  // Scratch dirs of archived tasks, never anything outside the board's workspaces dir.
  const workspaces: { task_id: string; path: string }[] = [];
  const archived = o.store.listTasks({ status: ["archived"] });
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
      const path = worktreeOf(paths, t);
      if (path) worktrees.push({ task_id: t.id, path, removed: false, reason: "dry run" });
      continue;
    }
    const c = await cleanWorktree(paths, t);
    if (c) worktrees.push(c);
  }

  const events = o.store.pruneEvents(o.now - o.eventRetentionDays * DAY, dry);

  const logs = oldFiles(paths.logs, o.nowMs - o.logRetentionDays * DAY * 1000);
  if (!dry) { for (const f of logs) Deno.removeSync(f); }
  return { workspaces, worktrees, events, logs };
}
