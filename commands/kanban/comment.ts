/** `hermes kanban comment`: add to a task's comment thread. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "comment",
  needs: ["endpoint"],
  summary: "comment on a task",
  description: "Add a comment to a task's thread. Inside a worker (HERMES_KANBAN_TASK set) the " +
    "id may be left out, and the comment is signed with the worker's profile.",
  args: [
    { name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false },
    {
      name: "text",
      description: "the comment (words are joined with spaces)",
      variadic: true,
      required: false,
    },
  ],
  options: [
    {
      long: "author",
      value: "name",
      description: "who signs the comment (people only; workers sign as their profile)",
      defaultText: "$HERMES_PROFILE_NAME, $HERMES_PROFILE, $USER",
    },
    {
      long: "max-len",
      value: "n",
      description: "keep at most n characters of the comment (a longer one is cut, and says so)",
    },
  ],
  examples: [
    "hermes kanban comment t_1a2b3c4d 'the API key is in the vault'",
    "hermes kanban comment 'found the bug, fixing'   # inside a worker",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  // A worker's --author is refused by the operation: it signs with its profile.
  const author = str(input, "author");
  const first = arg(input, "id");
  const words = first === undefined ? args(input, "text") : [first, ...args(input, "text")];
  const { id, rest } = leadingTaskId(ctx, words);
  const c = await (await ctx.verbs()).comment({
    task_id: id,
    body: rest.join(" "),
    author,
    max_len: str(input, "maxLen"),
  });
  if (ctx.json) {
    ctx.printJson(c);
    return 0;
  }
  ctx.print(`Commented on ${c.task_id} as ${c.author} (comment ${c.id})`);
  return 0;
}
