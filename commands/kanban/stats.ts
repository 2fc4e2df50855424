/** `hermes kanban stats`: counts by status and assignee, and how long work has waited. */

import { STATUSES } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { age, table } from "../../lib/cli/output.ts";
import type { CommandSpec } from "../../lib/cli/spec.ts";

export const spec: CommandSpec = {
  name: "stats",
  needs: [],
  summary: "task counts by status and assignee; age of the oldest ready task",
  description: "Task counts by status (every status, zeros included) and by assignee, and the " +
    "age of the oldest ready task. --json: {by_status, by_assignee, oldest_ready_age_seconds, now}.",
};

/** `counts` in status order, as `ready=1, done=3`. */
export function countsText(counts: Record<string, number>): string {
  return STATUSES.filter((s) => counts[s]).map((s) => `${s}=${counts[s]}`).join(", ");
}

export function run(ctx: Ctx): number {
  const s = ctx.store().stats();
  const by_status: Record<string, number> = {};
  for (const st of STATUSES) by_status[st] = s.by_status[st] ?? 0;
  if (ctx.json) {
    ctx.printJson({ ...s, by_status });
    return 0;
  }
  const out = [table(STATUSES.map((st) => [st, String(by_status[st])]))];
  const names = Object.keys(s.by_assignee).sort();
  if (names.length) {
    out.push("By assignee:\n");
    out.push(table(names.map((n) => ["  " + n, countsText(s.by_assignee[n])])));
  }
  out.push(
    `Oldest ready task: ${
      s.oldest_ready_age_seconds === null ? "-" : age(s.oldest_ready_age_seconds)
    }\n`,
  );
  ctx.stdout.write(out.join(""));
  return 0;
}
