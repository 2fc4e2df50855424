/** `hermes kanban notify-list`: subscriptions, configured sinks, and deliveries that failed. */

import type { Ctx } from "../../lib/cli/context.ts";
import { age, table } from "../../lib/cli/output.ts";
import { arg } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { isDeliverable, sinkDisplay, subscriptionLabel } from "../../lib/gateway/notifier/mod.ts";
import { type Delivery, openNotify } from "../../lib/store/engine.ts";

export const spec: CommandSpec = {
  name: "notify-list",
  needs: [],
  summary: "list notification subscriptions, sinks and failed deliveries",
  description:
    "Without an id: every subscription on the board, the sinks from kanban.notify with their " +
    "cursors and counts, and deliveries that need attention (failed, or being retried). " +
    "With an id: that task's subscriptions and all its deliveries.",
  args: [{ name: "id", description: "only this task", required: false }],
};

function messageOf(d: Delivery): string | null {
  try {
    const m = (JSON.parse(d.body) as { message?: unknown }).message;
    return typeof m === "string" ? m : null;
  } catch {
    return null;
  }
}

function stateText(d: Delivery): string {
  const tries = `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`;
  switch (d.state) {
    case "sent":
      return `sent (${tries})`;
    case "failed":
      return `failed after ${tries}`;
    case "sending":
      return "sending";
    default:
      return d.attempts ? `retrying (${tries} so far)` : "pending";
  }
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const taskId = arg(input, "id")?.trim() || undefined;
  const store = ctx.store();
  if (taskId) store.requireTask(taskId);
  const notify = openNotify(store);
  const subs = notify.subscriptions(taskId);
  const sinks = taskId ? [] : notify.sinks();
  const deliveries = notify.deliveries({ taskId });
  if (ctx.json) {
    ctx.printJson({
      subscriptions: subs.map((s) => ({ ...s, deliverable: isDeliverable(s.platform) })),
      sinks: sinks.map((s) => ({ ...s, sink: sinkDisplay(s.sink) })),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        sink: sinkDisplay(d.sink),
        task_id: d.task_id,
        event_id: d.event_id,
        kind: d.kind,
        state: d.state,
        attempts: d.attempts,
        last_error: d.last_error,
        message: messageOf(d),
        created_at: d.created_at,
        done_at: d.done_at,
      })),
    });
    return 0;
  }
  const now = ctx.clock();
  const out: string[] = [];
  if (subs.length === 0) {
    out.push(taskId ? `(no subscriptions on ${taskId})` : "(no subscriptions)");
  } else {
    out.push("Subscriptions:");
    out.push(
      table(subs.map((s) => [
        `  ${s.task_id}`,
        subscriptionLabel(s),
        s.user_id ? `user=${s.user_id}` : "",
        `${age(now - s.created_at)} ago`,
        isDeliverable(s.platform) ? "" : "(not delivered by this build)",
      ])).trimEnd(),
    );
  }
  if (sinks.length) {
    out.push("", "Sinks (kanban.notify):");
    out.push(
      table(sinks.map((s) => [
        `  ${sinkDisplay(s.sink)}`,
        `after event ${s.cursor}`,
        `${s.pending} pending`,
        `${s.sent} sent`,
        `${s.failed} failed`,
      ])).trimEnd(),
    );
  }
  if (deliveries.length) {
    out.push("", taskId ? "Deliveries:" : "Deliveries needing attention:");
    for (const d of deliveries) {
      out.push(
        `  #${d.id}  ${d.task_id}  ${d.kind}  ${stateText(d)}  → ${sinkDisplay(d.sink)}`,
      );
      if (d.last_error && d.state !== "sent") out.push(`      ${d.last_error}`);
    }
  }
  ctx.print(out.join("\n"));
  return 0;
}
