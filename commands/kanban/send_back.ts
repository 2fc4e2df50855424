/** `hermes kanban send-back`: a reviewer returns the work to its worker with what to fix. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { sendBack } from "../../lib/ops/tasks.ts";
import { parseAssignee } from "./assign.ts";
import { leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  needs: [],
  name: "send-back",
  summary: "send a task in review back to its worker with what to fix",
  description: "Give a task in review (or being reviewed: its reviewer's own run) back: it waits " +
    "again — ready, or todo while a parent is not done — assigned to the profile it had before " +
    "review, or to --to. The reason is added to the comments as 'SENT BACK: <reason>'; a " +
    "reviewer's run ends as 'sent_back'. Approving is 'complete'.",
  args: [
    { name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false },
    { name: "reason", description: "what to fix (required)", variadic: true, required: false },
  ],
  options: [{ long: "to", value: "profile", description: "give it to this profile instead" }],
  examples: ["hermes kanban send-back t_1a2b3c4d the tests fail on main"],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const first = arg(input, "id");
  const words = first === undefined ? args(input, "reason") : [first, ...args(input, "reason")];
  const { id, rest } = leadingTaskId(ctx, words);
  const to = str(input, "to");
  const task = sendBack(ctx.store(), {
    task_id: id,
    reason: rest.join(" "),
    to: to === undefined ? null : parseAssignee(to),
  }, { actor: ctx.actor, author: ctx.actor.name, wire: "text" });
  if (ctx.json) {
    ctx.printJson({ ok: true, task_id: task.id, status: task.status, assignee: task.assignee });
  } else ctx.print(`Sent ${task.id} back to ${task.assignee ?? "(unassigned)"} (${task.status})`);
  return 0;
}
