/** `hermes kanban review`: hand finished work to a reviewer profile. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { review } from "../../lib/ops/tasks.ts";
import { parseAssignee } from "./assign.ts";
import { leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  needs: [],
  name: "review",
  summary: "send a task's finished work to review, for a reviewer profile",
  description:
    "Move a running, ready or blocked task to review, assigned to --reviewer (default: " +
    "its assignee). The dispatcher starts the reviewer on it as it starts ready tasks (after " +
    "them, without waiting for parents); the reviewer approves with 'complete' or gives it back " +
    "with 'send-back'. A worker may send its own task to review: its run ends as 'review', " +
    "with the note as its summary. The note is added to the comments as 'REVIEW: <note>'.",
  args: [
    { name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false },
    {
      name: "note",
      description: "what to look at (words are joined)",
      variadic: true,
      required: false,
    },
  ],
  options: [{ long: "reviewer", value: "profile", description: "the profile that reviews it" }],
  examples: ["hermes kanban review t_1a2b3c4d --reviewer qa PR #12 is open"],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const first = arg(input, "id");
  const words = first === undefined ? args(input, "note") : [first, ...args(input, "note")];
  const { id, rest } = leadingTaskId(ctx, words);
  const given = str(input, "reviewer");
  const note = rest.join(" ").trim();
  const task = review(ctx.store(), {
    task_id: id,
    reviewer: given === undefined ? null : parseAssignee(given),
    note,
  }, { actor: ctx.actor, author: ctx.actor.name, wire: "text" });
  if (ctx.json) ctx.printJson({ ok: true, task_id: task.id, reviewer: task.assignee });
  else ctx.print(`${task.id} → review (reviewer: ${task.assignee ?? "(unassigned)"})`);
  return 0;
}
