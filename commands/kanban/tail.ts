/** `hermes kanban tail`: follow one task's events. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { taskIdArg } from "./task_arg.ts";
import { follow, followOptions, intervalMs, sinceId } from "./watch.ts";

export const spec: CommandSpec = {
  name: "tail",
  needs: [],
  summary: "print a task's events, then follow new ones",
  description: "Print a task's events from the start (or after --since), then keep printing " +
    "new ones until interrupted (SIGINT or SIGTERM end it with exit 0). With --json, one " +
    "event object per line.",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
  options: followOptions("1.0", "0 (the task's first event)"),
};

export function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const id = taskIdArg(ctx, arg(input, "id"));
  const every = intervalMs(str(input, "interval"), 1.0);
  const since = sinceId(str(input, "since")) ?? 0;
  ctx.store().requireTask(id);
  return follow(ctx, { taskId: id }, since, every, flag(input, "once"));
}
