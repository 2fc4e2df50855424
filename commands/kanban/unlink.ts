/** `hermes kanban unlink`: remove a dependency. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { unlink } from "../../lib/ops/tasks.ts";

export const spec: CommandSpec = {
  name: "unlink",
  needs: [],
  summary: "remove the dependency of <child> on <parent>",
  description: "Remove the dependency of <child> on <parent>. A todo child whose remaining " +
    "parents are all done becomes ready.",
  args: [
    { name: "parent", description: "the parent task" },
    { name: "child", description: "the child task" },
  ],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const store = ctx.store();
  const { parent, child } = unlink(store, {
    parent_id: arg(input, "parent"),
    child_id: arg(input, "child"),
  });
  const status = store.getTask(child)?.status ?? null;
  if (ctx.json) {
    ctx.printJson({ ok: true, parent_id: parent, child_id: child, child_status: status });
    return 0;
  }
  ctx.print(`Unlinked ${parent} -> ${child}`);
  return 0;
}
