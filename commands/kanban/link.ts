/** `hermes kanban link`: make one task wait for another. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";

export const spec: CommandSpec = {
  name: "link",
  needs: ["endpoint"],
  summary: "make <child> depend on <parent>",
  description: "Make <child> depend on <parent>. A ready child whose new parent is not done " +
    "goes back to todo. Self-links and links that would make a cycle are refused.",
  args: [
    { name: "parent", description: "task that must be done first" },
    { name: "child", description: "task that waits for it" },
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const { parent, child, child_status: status } = await (await ctx.verbs()).link({
    parent_id: arg(input, "parent"),
    child_id: arg(input, "child"),
  });
  if (ctx.json) {
    ctx.printJson({ ok: true, parent_id: parent, child_id: child, child_status: status });
    return 0;
  }
  ctx.print(`Linked ${parent} -> ${child}`);
  return 0;
}
