/** `hermes gateway stop`: stop the background gateway gracefully, escalating after a timeout. */

import { UsageError } from "../../lib/board/errors.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, OptionSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { stopGateway, type StopOutcome } from "../../lib/gateway/control.ts";

/** Options of `stop` (and `restart`). */
export const STOP_OPTIONS: OptionSpec[] = [
  {
    long: "drain",
    description: "stop claiming new tasks and wait for running ones to finish first",
  },
  {
    long: "timeout",
    value: "seconds",
    description:
      "with --drain: how long to wait for running tasks (default 600); otherwise how long to " +
      "wait for the gateway to exit before SIGKILL (default 10)",
  },
];

export const spec: CommandSpec = {
  name: "stop",
  needs: ["run"],
  summary: "stop the gateway (SIGTERM, then SIGKILL after a timeout); --drain waits for tasks",
  description:
    "Stop the gateway of this HERMES_HOME. Running workers are separate processes and keep " +
    "running; the next gateway adopts them. With --drain the gateway first stops claiming and " +
    "waits for running tasks to finish.",
  options: STOP_OPTIONS,
  examples: ["hermes gateway stop", "hermes gateway stop --drain --timeout 3600"],
};

/** Stop with the parsed options. */
export function stopWith(ctx: Ctx, input: ParsedInput): Promise<StopOutcome> {
  const drain = flag(input, "drain");
  const t = str(input, "timeout");
  let seconds: number | null = null;
  if (t !== undefined) {
    seconds = Number(t);
    if (!Number.isFinite(seconds) || seconds < 0 || t.trim() === "") {
      throw new UsageError(`--timeout must be a number of seconds, got '${t}'`);
    }
  }
  return stopGateway(ctx.home, {
    drain,
    drainTimeoutMs: (drain ? seconds ?? 600 : 0) * 1000,
    termTimeoutMs: (!drain && seconds !== null ? seconds : 10) * 1000,
    progress: ctx.json ? undefined : (m) => ctx.warn(m),
  });
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const r = await stopWith(ctx, input);
  if (ctx.json) {
    ctx.printJson({
      stopped: r.wasRunning,
      pid: r.pid,
      killed: r.killed,
      drain_timed_out: r.drainTimedOut,
      still_running: r.stillRunning,
    });
    return 0;
  }
  if (!r.wasRunning) {
    ctx.print("No gateway is running");
    return 0;
  }
  if (r.drainTimedOut) {
    ctx.warn(`drain timed out with ${r.stillRunning} task(s) still running; they keep running`);
  }
  ctx.print(`Gateway stopped (pid ${r.pid}${r.killed ? ", killed with SIGKILL" : ""})`);
  return 0;
}
