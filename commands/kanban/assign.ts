/** `hermes kanban assign`: give a task to a profile, or take it away. */

import { taskJson, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { assign } from "../../lib/ops/tasks.ts";

export const spec: CommandSpec = {
  name: "assign",
  needs: [],
  summary: "assign a task to a profile ('none' unassigns)",
  description: "Assign a task to a profile; 'none', '-' or 'null' unassigns it. A running task " +
    "is refused (exit 1): its worker holds the claim. Use 'reassign --reclaim' to release it " +
    "and reassign in one step, or 'reclaim' first.",
  args: [
    { name: "id", description: "task id" },
    { name: "profile", description: "profile name, or none / - / null to unassign" },
  ],
  examples: ["hermes kanban assign t_1a2b3c4d writer", "hermes kanban assign t_1a2b3c4d none"],
};

const UNASSIGN = new Set(["none", "-", "null"]);

/** The assignee a profile argument means: null for the unassign words. */
export function parseAssignee(raw: string): string | null {
  const p = raw.trim();
  if (UNASSIGN.has(p.toLowerCase())) return null;
  if (!p || /[\s\p{Cc}]/u.test(p)) {
    throw new UsageError(
      `invalid profile name '${raw}': use a profile name without spaces, or 'none' to unassign`,
      "invalid_assignee",
    );
  }
  return p;
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const assignee = parseAssignee(arg(input, "profile") ?? "");
  const task = assign(ctx.store(), { task_id: arg(input, "id"), assignee });
  if (ctx.json) ctx.printJson(taskJson(task));
  else ctx.print(`Assigned ${task.id} to ${task.assignee ?? "(unassigned)"}`);
  return 0;
}
