/** `hermes kanban unblock`: let blocked (or scheduled) tasks run again. */

import type { Ctx } from "../../lib/cli/context.ts";
import { args, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { unblock } from "../../lib/ops/tasks.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "unblock",
  needs: [],
  summary: "unblock blocked or scheduled tasks (ready again, or todo while a parent is not done)",
  description: "Move blocked tasks, and scheduled ones before their time, back to ready, or to " +
    "todo while one of their parents is not done yet. Resets the failure counter (not the " +
    "block-loop count: see 'block --kind'). --reason adds 'UNBLOCK: <reason>' to each task's " +
    "comments. Exit 1 if any id could not be unblocked.",
  args: [{ name: "ids", description: "task ids", variadic: true }],
  options: [{ long: "reason", value: "text", description: "why (added to the comments)" }],
  examples: ["hermes kanban unblock t_1a2b3c4d --reason 'staging credentials are in the vault'"],
};

export function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const reason = str(input, "reason");
  const store = ctx.store();
  const op = { actor: ctx.actor, author: ctx.actor.name, wire: "text" } as const;
  return forEachId(ctx, ids, (id) => {
    const task = unblock(store, { task_id: id, reason }, op);
    const note = task.status === "todo" ? "todo: waiting on parents" : task.status;
    return {
      line: `Unblocked ${task.id} (${note})${reason?.trim() ? `: ${reason.trim()}` : ""}`,
      task,
    };
  });
}
