/** `hermes kanban boards`: list, create and remove boards (one database each). */

import { UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { printableLine, table } from "../../lib/cli/output.ts";
import { arg, flag } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { createBoard, listBoards, removeBoard } from "../../lib/store/boards.ts";

export const spec: CommandSpec = {
  name: "boards",
  needs: [],
  summary: "list, create or remove boards",
  description: "Each board is its own database: 'default' is <HERMES_HOME>/kanban.db, others " +
    "live in <HERMES_HOME>/kanban/boards/<name>/. Pick one with --board or HERMES_KANBAN_BOARD. " +
    "'rm' refuses the default board, and a board with tasks unless --force.",
  args: [
    { name: "action", description: "list (default), create or rm", required: false },
    { name: "name", description: "board name for create / rm", required: false },
  ],
  options: [{ long: "force", description: "rm: remove the board even if it has tasks" }],
  examples: [
    "hermes kanban boards create research",
    "hermes kanban create 'survey the field' --board research",
    "hermes kanban boards rm research --force",
  ],
};

function needName(action: string, name: string | undefined): string {
  const n = name?.trim();
  if (!n) {
    throw new UsageError(`a board name is required: hermes kanban boards ${action} <name>`);
  }
  return n;
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const action = (arg(input, "action") ?? "list").trim();
  const name = arg(input, "name");
  if (action === "list" || action === "ls") {
    if (name !== undefined) throw new UsageError("'boards list' takes no name");
    const boards = listBoards(ctx.home).map((b) => ({ ...b, current: b.name === ctx.board }));
    if (ctx.json) {
      ctx.printJson(boards);
      return 0;
    }
    ctx.stdout.write(table(boards.map((b) => [
      b.current ? "*" : " ",
      b.name,
      b.tasks !== null ? `${b.tasks} task${b.tasks === 1 ? "" : "s"}` : b.exists ? "?" : "(new)",
      b.path,
    ])));
    for (const b of boards) if (b.error) ctx.warn(`hermes: ${printableLine(b.error)}`);
    return 0;
  }
  if (action === "create") {
    const info = createBoard(ctx.home, needName(action, name));
    if (ctx.json) {
      ctx.printJson({ ...info, current: info.name === ctx.board });
      return 0;
    }
    ctx.print(`Created board '${info.name}' at ${info.path}`);
    ctx.warn(`use it with --board ${info.name} or HERMES_KANBAN_BOARD=${info.name}`);
    return 0;
  }
  if (action === "rm" || action === "remove") {
    const info = removeBoard(ctx.home, needName(action, name), flag(input, "force"));
    if (ctx.json) {
      ctx.printJson({ ok: true, name: info.name, path: info.path, tasks: info.tasks });
      return 0;
    }
    ctx.print(
      `Removed board '${info.name}'${info.tasks ? ` and its ${info.tasks} tasks` : ""}`,
    );
    return 0;
  }
  throw new UsageError(`unknown boards action '${action}': expected list, create or rm`);
}
