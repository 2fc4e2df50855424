/** Removing an archived task's git worktree (clean ones only), for `archive` and `gc`. */

import type { Task } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { boardPaths } from "../../lib/config/mod.ts";

/** What happened to a worktree: removed, or kept with the reason. */
export interface WorktreeCleanup {
  task_id: string;
  path: string;
  removed: boolean;
  reason?: string;
}

/** The archived task's worktree, if it has one on disk. */
export async function worktreeOf(ctx: Ctx, task: Task): Promise<string | null> {
  if (task.status !== "archived" || task.workspace_kind !== "worktree") return null;
  const { worktreePath } = await import("../../lib/workers/workspace.ts");
  const path = worktreePath(boardPaths(ctx.home, ctx.board), task.id);
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
export async function cleanWorktree(ctx: Ctx, task: Task): Promise<WorktreeCleanup | null> {
  const path = await worktreeOf(ctx, task);
  if (path === null) return null;
  const { removeWorktree } = await import("../../lib/workers/workspace.ts");
  try {
    await removeWorktree(task, boardPaths(ctx.home, ctx.board));
    return { task_id: task.id, path, removed: true };
  } catch (e) {
    return { task_id: task.id, path, removed: false, reason: (e as Error).message };
  }
}

/** One message line about a cleanup, for stderr. */
export function cleanupLine(c: WorktreeCleanup): string {
  return c.removed
    ? `Removed worktree ${c.path} (${c.task_id}; branch hermes/${c.task_id} kept)`
    : `Kept worktree ${c.path} (${c.task_id}): ${c.reason}`;
}
