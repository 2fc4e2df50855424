/** `hermes kanban promote`: move tasks out of triage or todo. */

import type { Ctx } from "../../lib/cli/context.ts";
import { args } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "promote",
  needs: [],
  summary: "move triage/todo tasks to ready (todo while a parent is not done)",
  description: "Move tasks out of triage: to ready when all their parents are done, else to " +
    "todo (they become ready when the parents finish). A todo task is promoted only once its " +
    "parents are done. Exit 1 if any id could not be promoted.",
  args: [{ name: "ids", description: "task ids", variadic: true }],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const store = ctx.store();
  return forEachId(ctx, ids, (id) => {
    const task = store.promote(id);
    const note = task.status === "todo" ? "todo: waiting on parents" : task.status;
    return { line: `Promoted ${task.id} (${note})`, task };
  });
}
