/** `hermes kanban reclaim`: release a running task's claim now (recovery from a stuck worker). */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { reclaim } from "../../lib/ops/tasks.ts";

export const spec: CommandSpec = {
  name: "reclaim",
  needs: [],
  summary: "release the claim of a running task now (its worker is stopped)",
  description: "Release a running task's claim at once, whatever its lease says: its run closes " +
    "as reclaimed, the task is ready again with a fresh failure count, and the dispatcher stops " +
    "the old worker's process tree. Exit 1 if the task is not running (or no such task).",
  args: [{ name: "id", description: "task id" }],
  options: [{
    long: "reason",
    value: "text",
    description: "why (recorded on the reclaimed event and the run)",
  }],
  examples: ["hermes kanban reclaim t_1a2b3c4d --reason 'stuck in a loop'"],
};

/** Run the verb; exit status 0 (errors are thrown to main.ts). */
export function run(ctx: Ctx, input: ParsedInput): number {
  const task = reclaim(ctx.store(), { task_id: arg(input, "id"), reason: str(input, "reason") });
  if (ctx.json) ctx.printJson({ ok: true, task_id: task.id });
  else ctx.print(`Reclaimed ${task.id}`);
  return 0;
}
