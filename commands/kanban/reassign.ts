/** `hermes kanban reassign`: give a task to another profile, reclaiming a running one first. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { reassign } from "../../lib/ops/tasks.ts";
import { parseAssignee } from "./assign.ts";

export const spec: CommandSpec = {
  name: "reassign",
  needs: [],
  summary: "assign a task to another profile; --reclaim releases a running one first",
  description: "Assign a task to another profile ('none', '-' or 'null' unassigns it). A running " +
    "task is refused unless --reclaim is given: then its claim is released first, as 'reclaim' " +
    "does (run reclaimed, task ready, the dispatcher stops the old worker), and the next worker " +
    "runs under the new profile.",
  args: [
    { name: "id", description: "task id" },
    { name: "profile", description: "profile name, or none / - / null to unassign" },
  ],
  options: [
    {
      long: "reclaim",
      description: "release an active claim before reassigning (required if the task is running)",
    },
    {
      long: "reason",
      value: "text",
      description: "why (recorded on the reclaimed event; default 'reassign')",
    },
  ],
  examples: [
    "hermes kanban reassign t_1a2b3c4d reviewer",
    "hermes kanban reassign t_1a2b3c4d coder-large --reclaim --reason 'model keeps looping'",
  ],
};

/** Run the verb; exit status 0 (errors are thrown to main.ts). */
export function run(ctx: Ctx, input: ParsedInput): number {
  const assignee = parseAssignee(arg(input, "profile") ?? "");
  const reclaim = flag(input, "reclaim");
  const { task } = reassign(ctx.store(), {
    task_id: arg(input, "id"),
    assignee,
    reclaim,
    reason: str(input, "reason"),
  });
  if (ctx.json) ctx.printJson({ ok: true, task_id: task.id, assignee: task.assignee });
  else {
    ctx.print(
      `Reassigned ${task.id} to ${task.assignee ?? "(unassigned)"}` +
        (reclaim ? " (claim reclaimed)" : ""),
    );
  }
  return 0;
}
