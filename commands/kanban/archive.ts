/** `hermes kanban archive`: hide tasks from the board for good. */

import type { Ctx } from "../../lib/cli/context.ts";
import { args } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import type { Task } from "../../lib/board/mod.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";
import { cleanupLine, cleanWorktree } from "./worktree_cleanup.ts";

export const spec: CommandSpec = {
  name: "archive",
  needs: ["run"],
  summary: "archive tasks (hidden from list; archived parents count as done)",
  description: "Archive tasks in any status but archived. A running task's run closes as " +
    "reclaimed (the dispatcher stops its worker). Archived parents count as done, so waiting " +
    "children may become ready. A worktree workspace is removed when it has no uncommitted " +
    "changes (its branch hermes/<task> stays). Exit 1 if any id could not be archived.",
  args: [{ name: "ids", description: "task ids", variadic: true }],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const store = ctx.store();
  const archived: Task[] = [];
  const code = forEachId(ctx, ids, (id) => {
    const task = store.archive(id);
    archived.push(task);
    return { line: `Archived ${task.id}`, task };
  });
  for (const task of archived) {
    const c = await cleanWorktree(ctx, task);
    if (c) ctx.warn(cleanupLine(c));
  }
  return code;
}
