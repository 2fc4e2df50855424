/** Removing an archived task's git worktree (clean ones only), for `archive` and `gc`. */

import type { Task } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { boardPaths } from "../../lib/config/mod.ts";
import type { WorktreeCleanup } from "../../lib/maintenance/worktrees.ts";

/**
 * Remove an archived task's worktree if clean (lib/maintenance/worktrees.ts); loaded on demand,
 * so `archive` pays for git handling only when it has a worktree to remove.
 */
export async function cleanWorktree(ctx: Ctx, task: Task): Promise<WorktreeCleanup | null> {
  // Other workspaces have no worktree: no need to load git handling for them.
  if (task.workspace_kind !== "worktree") return null;
  const { cleanWorktree } = await import("../../lib/maintenance/worktrees.ts");
  return cleanWorktree(boardPaths(ctx.home, ctx.board), task);
}

/** One message line about a cleanup, for stderr. */
export function cleanupLine(c: WorktreeCleanup): string {
  return c.removed
    ? `Removed worktree ${c.path} (${c.task_id}; branch hermes/${c.task_id} kept)`
    : `Kept worktree ${c.path} (${c.task_id}): ${c.reason}`;
}
