/** `hermes kanban block`: park tasks that need input, with the reason in the thread. */

import { isTaskId } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, list } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { forEachId, leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "block",
  needs: ["endpoint"],
  summary: "block a ready or running task (the reason goes into its comments)",
  description: "Block a ready or running task until someone unblocks it. The reason is added " +
    "to the task's comments as 'BLOCKED: <reason>'. Inside a worker the id may be left out; a " +
    "worker may block only its own task. --ids blocks several tasks with the same reason.",
  args: [
    { name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false },
    {
      name: "reason",
      description: "why (words are joined with spaces)",
      variadic: true,
      required: false,
    },
  ],
  options: [{
    long: "ids",
    value: "id,id",
    repeatable: true,
    description: "more task ids to block with the same reason (comma-separated)",
  }],
  examples: [
    "hermes kanban block t_1a2b3c4d waiting for the staging credentials",
    "hermes kanban block --ids t_1a2b3c4d,t_5e6f7a8b 'release freeze'",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const first = arg(input, "id");
  const words = first === undefined ? args(input, "reason") : [first, ...args(input, "reason")];
  const extra = list(input, "ids").flatMap((s) => s.split(",")).map((s) => s.trim()).filter(
    Boolean,
  );
  let ids: string[];
  let reasonWords: string[];
  if (extra.length) {
    // With --ids every positional word is the reason, unless the first one is a task id.
    const lead = words[0] !== undefined && isTaskId(words[0].trim());
    ids = [...new Set([...(lead ? [words[0].trim()] : []), ...extra])];
    reasonWords = lead ? words.slice(1) : words;
  } else {
    const { id, rest } = leadingTaskId(ctx, words);
    ids = [id];
    reasonWords = rest;
  }
  const reason = reasonWords.join(" ").trim();
  const verbs = await ctx.verbs();
  return await forEachId(ctx, ids, async (id) => {
    const { task } = await verbs.block({ task_id: id, reason });
    return { line: `Blocked ${task.id}${reason ? `: ${reason}` : ""}`, task };
  });
}
