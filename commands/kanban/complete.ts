/** `hermes kanban complete`: mark tasks done; their waiting children may become ready. */

import { parseJsonObject, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { args, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "complete",
  needs: ["endpoint"],
  summary: "mark tasks done (children waiting only on them become ready)",
  description: "Mark tasks done. Completing a task that is already done with the same result " +
    "(or none) changes nothing and succeeds. A worker may complete only its own task, with " +
    "its current run. Exit 1 if any id could not be completed.",
  args: [{
    name: "ids",
    description: "task ids (default: $HERMES_KANBAN_TASK)",
    variadic: true,
    required: false,
  }],
  options: [
    { long: "result", value: "text", description: "the task's result, kept on the task" },
    {
      long: "summary",
      value: "text",
      description: "hand-off summary for the run (one task only)",
    },
    {
      long: "metadata",
      value: "json",
      description: "JSON object kept with the run (one task only)",
    },
  ],
  examples: [
    "hermes kanban complete t_1a2b3c4d --result 'shipped in v1.2'",
    "hermes kanban complete --summary 'tests pass' --metadata '{\"files\":3}'   # in a worker",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const summary = str(input, "summary") ?? null;
  const metaRaw = str(input, "metadata");
  if (ids.length > 1 && (summary !== null || metaRaw !== undefined)) {
    throw new UsageError(
      "--summary and --metadata describe a single run: give exactly one task id",
      "too_many_ids",
    );
  }
  const metadata = metaRaw === undefined ? undefined : parseJsonObject("--metadata", metaRaw);
  const result = str(input, "result");
  const verbs = await ctx.verbs();
  return await forEachId(ctx, ids, async (id) => {
    const { task, changed } = await verbs.complete({ task_id: id, result, summary, metadata });
    return {
      line: changed ? `Completed ${task.id}` : `Completed ${task.id} (already done; unchanged)`,
      task,
      extra: { changed },
    };
  });
}
