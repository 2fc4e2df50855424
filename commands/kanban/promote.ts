/** `hermes kanban promote`: move tasks out of triage or todo. */

import type { Ctx } from "../../lib/cli/context.ts";
import { args, flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { promote } from "../../lib/ops/tasks.ts";
import { forEachId, idsOrWorkerTask } from "./task_ids.ts";

export const spec: CommandSpec = {
  name: "promote",
  needs: [],
  summary: "move triage/todo tasks to ready (todo while a parent is not done)",
  description: "Move tasks out of triage: to ready when all their parents are done, else to " +
    "todo (they become ready when the parents finish). A todo task is promoted only once its " +
    "parents are done, unless --force: then it is ready at once (the dispatcher still starts " +
    "it only when its parents are done). --dry-run says what would happen and changes " +
    "nothing. Exit 1 if any id could not be promoted.",
  args: [{ name: "ids", description: "task ids", variadic: true }],
  options: [
    { long: "force", description: "ready even while a parent is not done" },
    { long: "dry-run", description: "check the promotion without changing anything" },
    { long: "reason", value: "text", description: "why (recorded on the promoted event)" },
  ],
  examples: [
    "hermes kanban promote t_1a2b3c4d",
    "hermes kanban promote t_1a2b3c4d --force --reason 'parent is done in all but name'",
    "hermes kanban promote t_1a2b3c4d t_5e6f7a8b --dry-run --json",
  ],
};

export function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const ids = idsOrWorkerTask(ctx, args(input, "ids"));
  const store = ctx.store();
  const force = flag(input, "force");
  const dryRun = flag(input, "dryRun");
  const reason = str(input, "reason");
  const op = { actor: ctx.actor, author: ctx.actor.name, wire: "text" } as const;
  return forEachId(ctx, ids, (id) => {
    const r = promote(store, { task_id: id, force, dry_run: dryRun, reason }, op);
    const note = r.status === "todo" ? "todo: waiting on parents" : r.status;
    return {
      line: r.dryRun
        ? `Would promote ${r.task.id} (${note}; dry run, nothing changed)`
        : `Promoted ${r.task.id} (${note}${force ? ", forced" : ""})`,
      task: r.task,
      extra: { status: r.status, dry_run: r.dryRun, forced: force },
    };
  });
}
