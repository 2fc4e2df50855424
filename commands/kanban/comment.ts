/** `hermes kanban comment`: add to a task's comment thread. */

import { PermissionError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { comment } from "../../lib/ops/tasks.ts";
import { leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "comment",
  needs: [],
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
  ],
  examples: [
    "hermes kanban comment t_1a2b3c4d 'the API key is in the vault'",
    "hermes kanban comment 'found the bug, fixing'   # inside a worker",
  ],
};

/** The author asked for with --author: a worker signs with its profile and may not choose. */
function authorFor(ctx: Ctx, given: string | undefined): string | undefined {
  if (given !== undefined && ctx.actor.kind === "worker") {
    throw new PermissionError(
      "a worker cannot choose the author of its comments (they are signed with its profile); " +
        "drop --author",
      "author_override",
    );
  }
  return given;
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const author = authorFor(ctx, str(input, "author"));
  const first = arg(input, "id");
  const words = first === undefined ? args(input, "text") : [first, ...args(input, "text")];
  const { id, rest } = leadingTaskId(ctx, words);
  const c = comment(ctx.store(), { task_id: id, body: rest.join(" "), author }, {
    actor: ctx.actor,
    author: ctx.actor.name,
    wire: "text",
  });
  if (ctx.json) {
    ctx.printJson(c);
    return 0;
  }
  ctx.print(`Commented on ${c.task_id} as ${c.author} (comment ${c.id})`);
  return 0;
}
