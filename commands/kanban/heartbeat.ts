/** `hermes kanban heartbeat`: a running worker says it is alive; its lease is extended. */

import { parseDuration, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { taskIdArg } from "./task_arg.ts";

/** Claim lease length when neither a flag nor HERMES_KANBAN_CLAIM_TTL_SECONDS sets one. */
export const DEFAULT_CLAIM_TTL_SECONDS = 900;

/** Lease length: the flag, else HERMES_KANBAN_CLAIM_TTL_SECONDS, else 900 seconds. */
export function claimTtl(ctx: Ctx, flagValue: string | undefined): number {
  if (flagValue !== undefined) return positive("--ttl", parseDuration("--ttl", flagValue));
  const env = ctx.env("HERMES_KANBAN_CLAIM_TTL_SECONDS")?.trim();
  if (!env) return DEFAULT_CLAIM_TTL_SECONDS;
  if (!/^\d+$/.test(env)) {
    throw new UsageError(
      `HERMES_KANBAN_CLAIM_TTL_SECONDS must be a whole number of seconds, got '${env}'`,
      "invalid_config",
    );
  }
  return positive("HERMES_KANBAN_CLAIM_TTL_SECONDS", Number(env));
}

function positive(what: string, n: number): number {
  if (n < 1) {
    throw new UsageError(`${what}: the lease must be at least 1 second`, "invalid_duration");
  }
  return n;
}

/** An ISO-8601 time for unix seconds. */
export function iso(ts: number | null): string {
  return ts === null ? "-" : new Date(ts * 1000).toISOString().replace(".000Z", "Z");
}

export const spec: CommandSpec = {
  name: "heartbeat",
  needs: ["endpoint"],
  summary: "record that a running task's worker is alive (extends its lease)",
  description: "Record a heartbeat for a running task and extend its claim by the claim TTL " +
    "($HERMES_KANBAN_CLAIM_TTL_SECONDS, default 900 s); the lease never shrinks. A worker may " +
    "heartbeat only its own task, with its current run.",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
  options: [{
    long: "note",
    value: "text",
    description: "a short progress note for the event log",
  }],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const id = taskIdArg(ctx, arg(input, "id"));
  const verbs = await ctx.verbs({ ttlSeconds: claimTtl(ctx, undefined) });
  const task = await verbs.heartbeat({ task_id: id, note: str(input, "note") });
  if (ctx.json) {
    ctx.printJson({
      ok: true,
      task_id: task.id,
      run_id: task.current_run_id,
      last_heartbeat_at: task.last_heartbeat_at,
      claim_expires: task.claim_expires,
    });
    return 0;
  }
  ctx.print(`Heartbeat ${task.id} (lease until ${iso(task.claim_expires)})`);
  return 0;
}
