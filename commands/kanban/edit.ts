/** `hermes kanban edit`: correct the result of a done task (and its hand-off). */

import { parseJsonObject, taskJson } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { editResult } from "../../lib/ops/tasks.ts";

export const spec: CommandSpec = {
  name: "edit",
  needs: [],
  summary: "correct the result (and hand-off summary) of a done task",
  description: "Correct what a done task handed off: its result, and the summary (the result " +
    "when no --summary is given) and, with --metadata, the metadata of its latest completed " +
    "run; a done task without one gets a zero-length completed run. Recorded as an 'edited' " +
    "event. Exit 1 if the task is not done (or no such task).",
  args: [{ name: "id", description: "task id" }],
  options: [
    { long: "result", value: "text", description: "the corrected result (required)" },
    { long: "summary", value: "text", description: "the corrected hand-off summary" },
    { long: "metadata", value: "json", description: "JSON object for the completed run" },
  ],
  examples: [
    "hermes kanban edit t_1a2b3c4d --result 'shipped in v1.3, not v1.2'",
    "hermes kanban edit t_1a2b3c4d --result done --summary 'see PR 42' --metadata '{\"pr\":42}'",
  ],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const raw = str(input, "metadata");
  const task = editResult(ctx.store(), {
    task_id: arg(input, "id"),
    result: str(input, "result"),
    summary: str(input, "summary"),
    metadata: raw === undefined ? undefined : parseJsonObject("--metadata", raw),
  }, { actor: ctx.actor, author: ctx.actor.name, wire: "text" });
  if (ctx.json) ctx.printJson({ ok: true, task: taskJson(task) });
  else ctx.print(`Edited ${task.id}`);
  return 0;
}
