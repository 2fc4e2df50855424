/** `hermes kanban attach`: attach a file to a task. */

import { UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { boardPaths, get } from "../../lib/config/mod.ts";
import { attach, attachmentJson, contentTypeOf } from "../../lib/ops/attachments.ts";

export const spec: CommandSpec = {
  name: "attach",
  needs: [],
  summary: "attach a file to a task (its workers read it)",
  description: "Copy a file into the board's attachments directory (0600, under a generated " +
    "name; the given name is kept as its label) and record it on the task, with an 'attached' " +
    "event. Its workers find it in their context, read-only at its path (a confined worker " +
    "too). At most kanban.attachment_max_bytes (25 MiB by default).",
  args: [
    { name: "id", description: "task id" },
    { name: "file", description: "the file to attach ('-' for standard input, with --name)" },
  ],
  options: [
    { long: "name", value: "name", description: "the label to keep", defaultText: "its name" },
    {
      long: "content-type",
      value: "type",
      description: "its media type, e.g. application/pdf",
      defaultText: "by its extension",
    },
  ],
  examples: [
    "hermes kanban attach t_1a2b3c4d ./spec.pdf",
    "curl -s https://example.com/data.csv | hermes kanban attach t_1a2b3c4d - --name data.csv",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const id = arg(input, "id") ?? "";
  const file = arg(input, "file") ?? "";
  const given = str(input, "name");
  if (file === "-" && given === undefined) {
    throw new UsageError("attaching standard input needs --name", "bad_option");
  }
  const name = given ?? file;
  const config = await ctx.config();
  let data: ReadableStream<Uint8Array>;
  if (file === "-") {
    data = Deno.stdin.readable;
  } else {
    let f: Deno.FsFile;
    try {
      f = await Deno.open(file, { read: true });
      if (!(await f.stat()).isFile) {
        f.close();
        throw new UsageError(`${file} is not a file`, "bad_file");
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, "bad_file");
    }
    data = f.readable;
  }
  const a = await attach(
    ctx.store(),
    boardPaths(ctx.home, ctx.board),
    {
      task_id: id,
      filename: name,
      content_type: str(input, "contentType") ?? contentTypeOf(name),
      uploaded_by: ctx.actor.name,
    },
    data,
    {
      actor: ctx.actor,
      maxBytes: get(config, "kanban.attachment_max_bytes") as number,
    },
  );
  if (ctx.json) ctx.printJson(attachmentJson(a));
  else ctx.print(`Attached ${a.filename} to ${a.task_id} (#${a.id}, ${a.size} bytes)`);
  return 0;
}
