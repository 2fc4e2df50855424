/** `hermes kanban show`: one task with parents, children, comments, runs and events. */

import { taskDetailJson } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { taskIdArg } from "./task_arg.ts";

export const spec: CommandSpec = {
  name: "show",
  needs: ["endpoint"],
  summary: "show a task: body, links, comments, runs, recent events",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
};

function when(ts: number | null): string {
  return ts === null ? "-" : new Date(ts * 1000).toISOString().replace(".000Z", "Z");
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const id = taskIdArg(ctx, arg(input, "id"));
  const d = await (await ctx.verbs()).show({ task_id: id }, ctx.json ? 50 : 20);
  if (ctx.json) {
    ctx.printJson(taskDetailJson(d));
    return 0;
  }
  const t = d.task;
  const out: string[] = [];
  out.push(`${t.id}  ${t.title}`);
  out.push(`  status:    ${t.status}`);
  if (t.status === "scheduled") {
    out.push(
      `  until:     ${
        d.scheduled_until ? when(d.scheduled_until) : "released by unblock or promote"
      }`,
    );
  }
  out.push(`  assignee:  ${t.assignee ?? "-"}`);
  out.push(`  priority:  ${t.priority}`);
  if (t.tenant) out.push(`  tenant:    ${t.tenant}`);
  out.push(`  workspace: ${t.workspace_kind}${t.workspace_path ? `:${t.workspace_path}` : ""}`);
  out.push(`  created:   ${when(t.created_at)} by ${t.created_by ?? "-"}`);
  if (t.started_at) out.push(`  started:   ${when(t.started_at)}`);
  if (t.completed_at) out.push(`  completed: ${when(t.completed_at)}`);
  if (t.max_runtime_seconds !== null) out.push(`  max runtime: ${t.max_runtime_seconds}s`);
  if (t.skills?.length) out.push(`  skills:    ${t.skills.join(", ")}`);
  if (t.block_kind !== null || t.block_recurrences > 0) {
    out.push(
      `  blocked:   ${t.block_kind ?? "untyped"}, ${t.block_recurrences} time(s) since it last ` +
        "completed",
    );
  }
  if (t.consecutive_failures) {
    out.push(`  failures:  ${t.consecutive_failures} (${t.last_failure_error ?? ""})`);
  }
  if (t.body) out.push("", "Body:", ...t.body.split("\n").map((l) => `  ${l}`));
  if (t.result) out.push("", "Result:", ...t.result.split("\n").map((l) => `  ${l}`));
  if (d.parents.length) {
    out.push(
      "",
      "Parents:",
      ...d.parents.map((p) => `  ${p.id}  ${p.status}  ${p.title}`),
    );
  }
  if (d.children.length) {
    out.push(
      "",
      "Children:",
      ...d.children.map((c) => `  ${c.id}  ${c.status}  ${c.title}`),
    );
  }
  if (d.comments.length) {
    out.push("", "Comments:");
    for (const c of d.comments) {
      out.push(`  [${when(c.created_at)}] ${c.author}: ${c.body.split("\n").join("\n    ")}`);
    }
  }
  if (d.runs.length) {
    out.push("", "Runs:");
    for (const r of d.runs) {
      const extra = [
        r.profile ?? "-",
        r.worker_pid ? `pid ${r.worker_pid}` : "",
        r.exit_code !== null ? `exit ${r.exit_code}` : "",
      ]
        .filter(Boolean).join(", ");
      out.push(
        `  #${r.id}  ${r.status}  ${when(r.started_at)} → ${when(r.ended_at)}  (${extra})${
          r.error ? `  ${r.error}` : ""
        }`,
      );
      if (r.summary) out.push(`    summary: ${r.summary.split("\n").join("\n    ")}`);
    }
  }
  if (d.events.length) {
    out.push("", "Events:");
    for (const e of d.events) {
      out.push(
        `  ${when(e.created_at)}  ${e.kind}${e.payload ? "  " + JSON.stringify(e.payload) : ""}`,
      );
    }
  }
  ctx.print(out.join("\n"));
  return 0;
}
