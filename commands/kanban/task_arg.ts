/** Resolving a task id argument, defaulting to the worker's own task. */

import { UsageError } from "../../lib/board/errors.ts";
import type { Ctx } from "../../lib/cli/context.ts";

/** The given id, else $HERMES_KANBAN_TASK, else a usage error. */
export function taskIdArg(ctx: Ctx, given: string | undefined): string {
  const id = given?.trim() || (ctx.actor.kind === "worker" ? ctx.actor.taskId : "");
  if (!id) {
    throw new UsageError(
      "a task id is required (or run inside a worker, where HERMES_KANBAN_TASK is set)",
      "missing_argument",
    );
  }
  return id;
}
