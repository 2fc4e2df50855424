/** `hermes kanban diagnostics`: what is wrong with the board's tasks, and what to do about it. */

import type { Ctx } from "../../lib/cli/context.ts";
import { str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { pad, printableLine } from "../../lib/cli/output.ts";
import { get } from "../../lib/config/config.ts";
import { diagnosticConfig, diagnostics } from "../../lib/ops/diagnostics.ts";

export const spec: CommandSpec = {
  name: "diagnostics",
  needs: [],
  aliases: ["diag"],
  summary: "list tasks in distress (made-up card ids, crash loops, stuck or stranded tasks)",
  description: "Run Hermes's diagnostic rules over the board's tasks (every task not archived, " +
    "or --task): completions refused for made-up created_cards, summaries naming unknown task " +
    "ids, repeated failures at the failure limit, crash streaks, tasks blocked a day without a " +
    "word, tasks blocked again after every unblock, and ready tasks nothing claims within 30 " +
    "minutes. Each comes with a severity (warning, error, critical) and what to do. The web " +
    "board shows the same on its cards. Exit 0 whether or not anything is found.",
  options: [
    {
      long: "severity",
      value: "level",
      description: "only diagnostics at or above: warning, error or critical",
    },
    { long: "task", value: "id", description: "only this task" },
  ],
  examples: [
    "hermes kanban diagnostics",
    "hermes kanban diagnostics --severity error --json",
    "hermes kanban diag --task t_1a2b3c4d",
  ],
};

const MARK: Record<string, string> = { warning: "⚠", error: "!!", critical: "!!!" };

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const config = await ctx.config();
  const out = diagnostics(ctx.store(), {
    task_id: str(input, "task"),
    severity: str(input, "severity"),
  }, {
    now: ctx.clock(),
    config: diagnosticConfig(get(config, "kanban.failure_limit")),
    wire: "text",
  });
  if (ctx.json) {
    ctx.printJson(out);
    return 0;
  }
  if (out.count === 0) {
    ctx.print("No active diagnostics on this board.");
    return 0;
  }
  const lines = [
    `${out.count} active diagnostic(s) on ${out.diagnostics.length} task(s):`,
    "",
  ];
  for (const t of out.diagnostics) {
    lines.push(
      `  ${t.task_id}  ${pad(t.task_status, 8)}  ${pad(`@${t.task_assignee ?? "-"}`, 18)}  ${
        printableLine(t.task_title)
      }`,
    );
    for (const d of t.diagnostics) {
      lines.push(`    ${MARK[d.severity]} [${d.severity}] ${d.kind}: ${printableLine(d.title)}`);
      for (const a of d.actions.filter((a) => a.suggested)) lines.push(`       → ${a.label}`);
    }
    lines.push("");
  }
  ctx.stdout.write(lines.join("\n"));
  return 0;
}
