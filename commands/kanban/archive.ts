/** `hermes kanban archive`: hide tasks from the board for good; `--rm` deletes archived ones. */

import type { Ctx } from "../../lib/cli/context.ts";
import { args, flag } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import type { Task } from "../../lib/board/mod.ts";
import { deleteTask } from "../../lib/ops/tasks.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";
import { cleanupLine, cleanWorktree } from "./worktree_cleanup.ts";

export const spec: CommandSpec = {
  name: "archive",
  needs: ["run"],
  summary: "archive tasks (hidden from list; archived parents count as done); --rm deletes",
  description: "Archive tasks in any status but archived. A running task's run closes as " +
    "reclaimed (the dispatcher stops its worker). Archived parents count as done, so waiting " +
    "children may become ready. A worktree workspace is removed when it has no uncommitted " +
    "changes (its branch hermes/<task> stays). With --rm the ids must name archived tasks, " +
    "and each is deleted for good with its links, comments, events, runs and subscriptions " +
    "(refused while its worker was not yet seen to exit). Exit 1 if any id could not be " +
    "archived (or deleted).",
  args: [{ name: "ids", description: "task ids", variadic: true }],
  options: [{
    long: "rm",
    description: "permanently delete these already-archived tasks instead",
  }],
  examples: [
    "hermes kanban archive t_1a2b3c4d",
    "hermes kanban archive --rm t_1a2b3c4d t_5e6f7a8b",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const store = ctx.store();
  if (flag(input, "rm")) {
    const op = { actor: ctx.actor, author: ctx.actor.name, wire: "text" } as const;
    // forEachId reports each id with the task afterwards; a deleted one is the task before.
    return forEachId(ctx, ids, (id) => {
      const task = store.requireTask(id);
      deleteTask(store, { task_id: id }, op);
      return { line: `Deleted ${id}`, task, extra: { deleted: true } };
    });
  }
  const archived: Task[] = [];
  const code = await forEachId(ctx, ids, (id) => {
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
