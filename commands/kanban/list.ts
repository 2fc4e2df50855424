/** `hermes kanban list`: the board as lines or JSON. Read-only. */

import { type Status, type Task, taskJson, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { listFilter } from "../../lib/ops/mod.ts";
import { pad, writeBytes } from "../../lib/cli/output.ts";

export const spec: CommandSpec = {
  name: "list",
  aliases: ["ls"],
  summary: "list tasks (archived ones only with --archived)",
  options: [
    { long: "mine", description: "only tasks assigned to $HERMES_PROFILE" },
    { long: "assignee", value: "profile", description: "only tasks assigned to this profile" },
    { long: "status", value: "status", repeatable: true, description: "only tasks in this status" },
    { long: "tenant", value: "name", description: "only tasks of this tenant" },
    { long: "archived", description: "include archived tasks" },
    { long: "limit", value: "n", description: "print at most n tasks" },
  ],
};

/** Status icons, as Hermes prints them. */
export const ICONS: Record<Status, string> = {
  triage: "?",
  todo: "◻",
  ready: "▶",
  running: "●",
  blocked: "⊘",
  done: "✓",
  archived: "—",
};

/** One human line per task. */
export function taskLine(t: Task): string {
  const tenant = t.tenant ? ` [${t.tenant}]` : "";
  return `${ICONS[t.status]} ${t.id}  ${pad(t.status, 8)}  ${
    pad(t.assignee ?? "-", 20)
  }${tenant}  ${t.title}`;
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
  }, "text");
  if (ctx.json) {
    ctx.stdout.write(JSON.stringify(ctx.store().listTasks(filter).map(taskJson)) + "\n");
    return 0;
  }
  // The store renders taskLine()'s layout itself: a 10,000-task board lists within the
  // start-up budget only that way (bench/cli_bench.ts; tests check both agree).
  const text = ctx.store().listText(filter, ICONS);
  if (text.length === 0) {
    ctx.print("(no matching tasks)");
    return 0;
  }
  writeBytes(ctx.stdout, text);
  return 0;
}
