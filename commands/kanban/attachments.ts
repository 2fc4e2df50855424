/** `hermes kanban attachments`: list a task's attachments. */

import type { Ctx } from "../../lib/cli/context.ts";
import { table } from "../../lib/cli/output.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { attachmentJson } from "../../lib/ops/attachments.ts";
import { taskIdArg } from "./task_arg.ts";

export const spec: CommandSpec = {
  name: "attachments",
  needs: [],
  summary: "list a task's attached files, oldest first",
  description: "List a task's attachments: id, size, content type, name and where the file is. " +
    "--json prints them as a list of Hermes's attachment objects.",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const id = taskIdArg(ctx, arg(input, "id"));
  const list = ctx.store().listAttachments(id);
  if (ctx.json) {
    ctx.printJson(list.map(attachmentJson));
    return 0;
  }
  if (list.length === 0) {
    ctx.print(`(no attachments on ${id})`);
    return 0;
  }
  const rows = [["ID", "SIZE", "TYPE", "NAME", "PATH"]];
  for (const a of list) {
    rows.push([`#${a.id}`, String(a.size), a.content_type ?? "-", a.filename, a.stored_path]);
  }
  ctx.print(table(rows));
  return 0;
}
