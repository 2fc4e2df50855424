/** `hermes kanban unblock`: let blocked tasks run again. */

import type { Ctx } from "../../lib/cli/context.ts";
import { args } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "unblock",
  needs: [],
  summary: "unblock tasks (ready again, or todo while a parent is not done)",
  description: "Move blocked tasks back to ready, or to todo while one of their parents is not " +
    "done yet. Resets the failure counter. Exit 1 if any id could not be unblocked.",
  args: [{ name: "ids", description: "task ids", variadic: true }],
};

export function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const store = ctx.store();
  return forEachId(ctx, ids, (id) => {
    const task = store.unblock(id);
    const note = task.status === "todo" ? "todo: waiting on parents" : task.status;
    return { line: `Unblocked ${task.id} (${note})`, task };
  });
}
