/** Removing an archived task's git worktree (clean ones only), for `archive` and `gc`. */

import type { Task } from "../board/mod.ts";
import type { BoardPaths } from "../config/mod.ts";
import { removeWorktree, worktreePath } from "../workers/workspace.ts";

/** What happened to a worktree: removed, or kept with the reason. */
export interface WorktreeCleanup {
  task_id: string;
  path: string;
  removed: boolean;
  reason?: string;
}

/** The archived task's worktree, if it has one on disk. */
export function worktreeOf(paths: BoardPaths, task: Task): string | null {
  if (task.status !== "archived" || task.workspace_kind !== "worktree") return null;
  const path = worktreePath(paths, task.id);
  try {
    Deno.lstatSync(path);
    return path;
  } catch {
    return null;
  }
}

/**
 * Remove an archived task's worktree. A worktree with uncommitted changes is kept (work is
 * never thrown away); its branch `hermes/<task>` always stays.
 */
export async function cleanWorktree(
  paths: BoardPaths,
  task: Task,
): Promise<WorktreeCleanup | null> {
  const path = worktreeOf(paths, task);
  if (path === null) return null;
  try {
    await removeWorktree(task, paths);
    return { task_id: task.id, path, removed: true };
  } catch (e) {
    return { task_id: task.id, path, removed: false, reason: (e as Error).message };
  }
}
