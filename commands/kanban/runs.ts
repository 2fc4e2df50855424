/** `hermes kanban runs`: every attempt at a task. */

import type { Ctx } from "../../lib/cli/context.ts";
import { age, table } from "../../lib/cli/output.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { iso } from "./heartbeat.ts";
import { taskIdArg } from "./task_arg.ts";

export const spec: CommandSpec = {
  name: "runs",
  needs: [],
  summary: "list a task's attempts (runs), oldest first",
  description: "List a task's attempts, oldest first: status, profile, start, elapsed time, and " +
    "the summary or error. --json prints the run rows as a list.",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
};

function oneLine(s: string | null, max = 80): string {
  if (!s) return "";
  const line = s.trim().split("\n")[0];
  return [...line].length > max ? [...line].slice(0, max - 1).join("") + "…" : line;
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const id = taskIdArg(ctx, arg(input, "id"));
  const store = ctx.store();
  store.requireTask(id);
  const runs = store.runs(id);
  if (ctx.json) {
    ctx.printJson(runs);
    return 0;
  }
  if (runs.length === 0) {
    ctx.print(`(no runs for ${id} — it has not been claimed)`);
    return 0;
  }
  const now = ctx.clock();
  const rows = [["RUN", "STATUS", "PROFILE", "STARTED", "ELAPSED", "SUMMARY / ERROR"]];
  for (const r of runs) {
    // Clock skew between hosts can put an end before its start: never print a negative time.
    const elapsed = Math.max(0, (r.ended_at ?? now) - r.started_at);
    rows.push([
      `#${r.id}`,
      r.status,
      r.profile ?? "-",
      iso(r.started_at),
      age(elapsed),
      oneLine(r.summary ?? r.error),
    ]);
  }
  ctx.stdout.write(table(rows));
  return 0;
}
