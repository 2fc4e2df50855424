/** `hermes kanban assignees`: who has work on the board, and whether they exist as profiles. */

import type { Ctx } from "../../lib/cli/context.ts";
import { table } from "../../lib/cli/output.ts";
import type { CommandSpec } from "../../lib/cli/spec.ts";
import { get } from "../../lib/config/config.ts";
import { countsText } from "./stats.ts";

export const spec: CommandSpec = {
  name: "assignees",
  needs: [],
  summary: "assignees and configured profiles, with task counts",
  description: "Every assignee on the board and every configured profile (kanban.profiles in " +
    "config.yaml, plus the built-in 'shell'), with task counts by status. on_disk tells whether " +
    "a profile of that name exists: tasks assigned to anything else are never dispatched. " +
    "--json: [{name, on_disk, counts}].",
};

/** The profile that always exists. */
const BUILTIN_PROFILES = ["shell"];

export async function run(ctx: Ctx): Promise<number> {
  const config = await ctx.config();
  const profiles = new Set([
    ...BUILTIN_PROFILES,
    ...Object.keys(get(config, "kanban.profiles") ?? {}),
  ]);
  const counts = ctx.store().assigneeCounts();
  const names = [...new Set([...profiles, ...Object.keys(counts)])].sort();
  const rows = names.map((name) => ({
    name,
    on_disk: profiles.has(name),
    counts: counts[name] ?? {},
  }));
  if (ctx.json) {
    ctx.printJson(rows);
    return 0;
  }
  ctx.stdout.write(table([
    ["NAME", "PROFILE", "TASKS"],
    ...rows.map((r) => [r.name, r.on_disk ? "yes" : "no", countsText(r.counts) || "-"]),
  ]));
  const missing = rows.filter((r) => !r.on_disk);
  if (missing.length) {
    ctx.warn(
      `no profile for: ${
        missing.map((r) => r.name).join(", ")
      } — their tasks are never dispatched; add them under kanban.profiles in config.yaml or reassign`,
    );
  }
  return 0;
}
