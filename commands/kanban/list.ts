/** `hermes kanban list`: the board as lines or JSON. Read-only. */

import { type Status, STATUSES, type Task, taskJson, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { listFilter } from "../../lib/ops/tasks.ts";
import { pad } from "../../lib/cli/output.ts";
import type { ListRow } from "../../lib/store/mod.ts";

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
  scheduled: "⏱",
  ready: "▶",
  running: "●",
  blocked: "⊘",
  review: "?",
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

/** What precedes an id on every line but the first: the newline, the status icon, a space. */
const NEXT = Object.fromEntries(STATUSES.map((st) => [st, `\n${ICONS[st]} `])) as Record<
  Status,
  string
>;

/**
 * taskLine()'s layout of every row, one line each (tests/commands/list_lines_test.ts checks
 * both agree). Built for a 10,000-task board at start-up, before the JIT warms up, where every
 * piece of a line costs: what lies between the id and the title depends only on the status,
 * assignee and tenant, of which a board has a handful of combinations, so it is made once per
 * combination; a row then adds four pieces by index to one array of known size, joined once
 * (seven pieces, push, or a string per line cost up to twice as much).
 */
export function listLines(rows: readonly ListRow[]): string {
  if (rows.length === 0) return "";
  const middles = new Map<Status, Map<string | null, Map<string | null, string>>>();
  const parts = new Array<string>(rows.length * 4 + 1);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const status = row[1];
    const assignee = row[2];
    const tenant = row[3];
    let byAssignee = middles.get(status);
    if (byAssignee === undefined) middles.set(status, byAssignee = new Map());
    let byTenant = byAssignee.get(assignee);
    if (byTenant === undefined) byAssignee.set(assignee, byTenant = new Map());
    let middle = byTenant.get(tenant);
    if (middle === undefined) {
      middle = `  ${pad(status, 8)}  ${pad(assignee ?? "-", 20)}${tenant ? ` [${tenant}]` : ""}  `;
      byTenant.set(tenant, middle);
    }
    parts[k++] = NEXT[status];
    parts[k++] = row[0];
    parts[k++] = middle;
    parts[k++] = row[4];
  }
  parts[0] = parts[0].slice(1);
  parts[k] = "\n";
  return parts.join("");
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
  const rows = ctx.store().listRows(filter);
  if (rows.length === 0) {
    ctx.print("(no matching tasks)");
    return 0;
  }
  ctx.stdout.write(listLines(rows));
  return 0;
}
