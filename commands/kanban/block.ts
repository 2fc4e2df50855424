/** `hermes kanban block`: park tasks that need input, with the reason in the thread. */

import { BLOCK_KINDS, isTaskId, type Task } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { BlockTask } from "../../lib/ops/tasks.ts";
import { forEachId, leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "block",
  needs: ["endpoint"],
  summary: "block a ready or running task (the reason goes into its comments)",
  description: "Block a ready or running task until someone unblocks it. The reason is added " +
    "to the task's comments as 'BLOCKED: <reason>'. Inside a worker the id may be left out; a " +
    "worker may block only its own task. --ids blocks several tasks with the same reason. " +
    "--kind types the reason, as Hermes does: 'dependency' waits for the task's parents (todo, " +
    "or ready when they are done), never for a person; 'needs_input', 'capability' and " +
    "'transient' block for a person. A task blocked again for the same kind (or untyped again) " +
    "after an unblock goes to triage instead, so an unblocker cannot spin it forever; " +
    "completing the task resets that count.",
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
  }, {
    long: "kind",
    value: "kind",
    description: `typed reason: ${BLOCK_KINDS.join(", ")} (default: untyped)`,
  }],
  examples: [
    "hermes kanban block t_1a2b3c4d waiting for the staging credentials",
    "hermes kanban block t_1a2b3c4d --kind dependency needs the schema task first",
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
  const kind = str(input, "kind");
  // A bad kind is one usage error, not one per id.
  BlockTask.parse({ task_id: ids[0], kind }, "text");
  const verbs = await ctx.verbs();
  return await forEachId(ctx, ids, async (id) => {
    const { task } = await verbs.block({ task_id: id, reason, kind });
    return { line: landing(task, reason), task };
  });
}

/** Where a block put the task, in Hermes's words (a dependency or a loop lands elsewhere). */
function landing(t: Task, reason: string): string {
  const suffix = reason ? `: ${reason}` : "";
  if (t.status === "blocked") return `Blocked ${t.id}${suffix}`;
  if (t.status === "triage") {
    return `${t.id} → triage (unblock loop detected — needs a human decision)${suffix}`;
  }
  return `${t.id} → ${t.status} (dependency wait)${suffix}`;
}
