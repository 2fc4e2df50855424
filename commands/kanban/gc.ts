/** `hermes kanban gc`: reclaim disk from finished work: scratch dirs, old events, old logs. */

import { parseCount } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { cleanupLine } from "./worktree_cleanup.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { collectGarbage } from "../../lib/maintenance/mod.ts";

export const spec: CommandSpec = {
  name: "gc",
  needs: ["run"],
  summary: "remove archived tasks' scratch dirs, old events of finished tasks, old logs",
  description: "Remove what finished work leaves behind on this board: the scratch workspaces " +
    "of archived tasks (only inside the board's workspaces directory), their git worktrees " +
    "when clean, events older than " +
    "--event-retention-days of done and archived tasks, and files in the board's logs " +
    "directory not modified for --log-retention-days. --dry-run shows what would go.",
  options: [
    {
      long: "event-retention-days",
      value: "days",
      description: "keep events of finished tasks this long",
      defaultText: "30",
    },
    {
      long: "log-retention-days",
      value: "days",
      description: "keep worker logs this long",
      defaultText: "30",
    },
    { long: "dry-run", description: "print what would be removed; remove nothing" },
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const eventDays = parseCount("--event-retention-days", str(input, "eventRetentionDays") ?? 30);
  const logDays = parseCount("--log-retention-days", str(input, "logRetentionDays") ?? 30);
  const dry = flag(input, "dryRun");
  const { workspaces, worktrees, events, logs } = await collectGarbage({
    home: ctx.home,
    board: ctx.board,
    store: ctx.store(),
    now: ctx.clock(),
    nowMs: Date.now(),
    eventRetentionDays: eventDays,
    logRetentionDays: logDays,
    dryRun: dry,
  });

  if (ctx.json) {
    ctx.printJson({ dry_run: dry, workspaces, worktrees, events_removed: events, logs });
    return 0;
  }
  const verb = dry ? "Would remove" : "Removed";
  const lines: string[] = [];
  for (const w of workspaces) lines.push(`${verb} workspace ${w.path} (${w.task_id})`);
  for (const w of worktrees) {
    lines.push(dry ? `${verb} worktree ${w.path} (${w.task_id}) if clean` : cleanupLine(w));
  }
  if (events) {
    lines.push(
      `${verb} ${events} event${
        events === 1 ? "" : "s"
      } older than ${eventDays} days of done/archived tasks`,
    );
  }
  for (const f of logs) lines.push(`${verb} log ${f}`);
  ctx.print(lines.length ? lines.join("\n") : "Nothing to remove");
  return 0;
}
