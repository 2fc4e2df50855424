/** A plan (or a refusal) as lines of text, so effect tests read as specifications. */

import type { CreatePlan, Decision, Plan, PlanEvent, TaskPatch } from "../../lib/board/mod.ts";
import { NOW } from "./rulebook_fixtures.ts";

/** Times near NOW as `NOW+n`, everything else as JSON. */
function value(v: unknown): string {
  if (typeof v === "number" && Math.abs(v - NOW) < 1_000_000) {
    const d = v - NOW;
    return d === 0 ? "NOW" : d > 0 ? `NOW+${d}` : `NOW-${-d}`;
  }
  if (Array.isArray(v)) return `[${v.map(value).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{${
      Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${value(x)}`).join(", ")
    }}`;
  }
  return JSON.stringify(v);
}

function fields(o: object): string {
  return Object.entries(o).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${value(v)}`)
    .join(" ");
}

function patch(set: TaskPatch): string {
  return Object.entries(set).map(([k, v]) => `${k}=${value(v)}`).join(" ");
}

function eventLine(e: PlanEvent): string {
  return `event ${e.kind} ${value(e.payload)}${e.runId === null ? "" : ` run ${value(e.runId)}`}`;
}

/** The lines of a plan, effect by effect, in the order the store applies them. */
export function planLines(p: Plan, indent = ""): string[] {
  const out: string[] = [];
  if (!p.changed) out.push("nothing written");
  if (p.closeRun) {
    const { runId, status, ...rest } = p.closeRun;
    out.push(`close run ${runId} as ${status}${fields(rest) ? ` ${fields(rest)}` : ""}`);
  }
  if (p.openRun) out.push(`open run ${fields(p.openRun)}`);
  if (Object.keys(p.set).length) out.push(`set ${patch(p.set)}`);
  if (p.lease) out.push(`lease ${fields(p.lease)}`);
  if (p.retry) {
    out.push(
      p.retry.clear
        ? "retry cleared"
        : `retry attempts=${p.retry.attempts} not_before=${value(p.retry.notBefore)}`,
    );
  }
  if (p.link) out.push(`${p.link.add ? "link" : "unlink"} parent ${p.link.parentId}`);
  if (p.comment) out.push(`comment by ${p.comment.author}: ${value(p.comment.body)}`);
  for (const e of p.events) out.push(eventLine(e));
  if (p.schedule) {
    out.push(p.schedule.clear ? "schedule cleared" : `schedule due_at=${value(p.schedule.dueAt)}`);
  }
  for (const c of p.then) {
    out.push(`then ${c.taskId}:`);
    out.push(...planLines(c, "  "));
  }
  return out.map((l) => indent + l);
}

/** A decision as text: the plan's lines, or `refused <code> (<class>): <message>`. */
export function decisionText(d: Decision<Plan | CreatePlan>): string {
  if (!d.ok) return `refused ${d.error.code} (${d.error.constructor.name}): ${d.error.message}`;
  const p = d.plan;
  if ("event" in p) {
    const origin = p.origin ? [`origin ${p.origin.taskId} run ${p.origin.runId}`] : [];
    return [`status ${p.status}`, `link parents ${value(p.parents)}`, ...origin, eventLine(p.event)]
      .join("\n");
  }
  return planLines(p).join("\n");
}
