/** `hermes kanban context`: the markdown a worker is given about its task. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { taskIdArg } from "./task_arg.ts";

export const spec: CommandSpec = {
  name: "context",
  needs: ["endpoint"],
  summary: "print a task's worker context (markdown)",
  description: "Print the worker context of a task: its meta data and body, prior attempts " +
    "(last 10), parents' results, recent work of its assignee (last 5) and the comment thread " +
    "(last 30). Long fields are cut (body 8 KB, fields 4 KB, comments 2 KB) with a note of how " +
    "much was left out. --json: {task_id, context}.",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const id = taskIdArg(ctx, arg(input, "id"));
  const text = await (await ctx.verbs()).context({ task_id: id });
  if (ctx.json) {
    ctx.printJson({ task_id: id, context: text });
    return 0;
  }
  ctx.stdout.write(text);
  return 0;
}
