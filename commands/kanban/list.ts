/** `hermes kanban list`: the board as lines or JSON. Read-only. */

import { LIST_SORTS, type Status, type Task, taskJson, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { listFilter } from "../../lib/ops/tasks.ts";
import { renderLine, writeBytes } from "../../lib/cli/output.ts";
import type { LineCell } from "../../lib/store/mod.ts";

export const spec: CommandSpec = {
  name: "list",
  needs: [],
  aliases: ["ls"],
  summary: "list tasks (archived ones only with --archived)",
  options: [
    { long: "mine", description: "only tasks assigned to $HERMES_PROFILE" },
    { long: "assignee", value: "profile", description: "only tasks assigned to this profile" },
    { long: "status", value: "status", repeatable: true, description: "only tasks in this status" },
    { long: "tenant", value: "name", description: "only tasks of this tenant" },
    { long: "archived", description: "include archived tasks" },
    { long: "limit", value: "n", description: "print at most n tasks" },
    {
      long: "sort",
      value: "order",
      description: `order: ${LIST_SORTS.join(", ")}`,
      defaultText: "priority",
    },
  ],
};

/** Status icons, as Hermes prints them. */
export const ICONS: Record<Status, string> = {
  triage: "?",
  todo: "◻",
  scheduled: "⏱",
  ready: "▶",
  running: "●",
  blocked: "⊘",
  review: "?",
  done: "✓",
  archived: "—",
};

/**
 * A task's line in `kanban list`, as Hermes prints it: icon, id, status, assignee, [tenant],
 * title. The store renders a whole listing from it (Store.renderLines); renderLine() makes
 * the same line of one task.
 */
export const LIST_LINE: readonly LineCell[] = [
  { column: "status", map: ICONS },
  { text: " " },
  { column: "id" },
  { text: "  " },
  { column: "status", width: 8 },
  { text: "  " },
  { column: "assignee", whenNull: "-", width: 20 },
  { column: "tenant", around: [" [", "]"] },
  { text: "  " },
  { column: "title" },
];

/** One human line per task. */
export function taskLine(t: Task): string {
  return renderLine(LIST_LINE, t);
}

export function run(ctx: Ctx, input: ParsedInput): number {
  let assignee = str(input, "assignee");
  if (flag(input, "mine")) {
    const me = ctx.env("HERMES_PROFILE")?.trim();
    if (!me) {
      throw new UsageError(
        "--mine needs HERMES_PROFILE to be set (or use --assignee NAME)",
        "missing_profile",
      );
    }
    assignee = me;
  }
  const filter = listFilter({
    assignee,
    status: list(input, "status"),
    tenant: str(input, "tenant"),
    include_archived: flag(input, "archived"),
    limit: str(input, "limit"),
    sort: str(input, "sort"),
  }, "text");
  if (ctx.json) {
    ctx.stdout.write(JSON.stringify(ctx.store().listTasks(filter).map(taskJson)) + "\n");
    return 0;
  }
  const lines = ctx.store().renderLines(filter, LIST_LINE);
  if (lines.length === 0) {
    ctx.print("(no matching tasks)");
    return 0;
  }
  writeBytes(ctx.stdout, lines);
  return 0;
}
