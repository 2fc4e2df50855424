/**
 * `hermes kanban daemon`: DEPRECATED. The dispatcher runs inside the gateway.
 * Without the hidden --force it explains where it went and exits 2; with it,
 * the old standalone loop runs, for hosts that cannot run the gateway.
 */

import { UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { isQuiet } from "../../lib/dispatcher/mod.ts";
import { runStandalone } from "../../lib/gateway/standalone.ts";
import { dispatchLimits, renderResult, workerBaseEnv } from "./dispatch.ts";

export const spec: CommandSpec = {
  name: "daemon",
  needs: ["run", "net"],
  summary: "DEPRECATED — the dispatcher now runs in the gateway; use `hermes gateway start`",
  description: "DEPRECATED — the dispatcher now runs inside the gateway: run " +
    "'hermes gateway start'. This command only prints that advice and exits 2.",
  options: [
    {
      long: "interval",
      value: "seconds",
      description: "seconds between safety sweeps",
      defaultText: "60",
    },
    { long: "max", value: "n", description: "spawn at most N workers per tick" },
    {
      long: "failure-limit",
      value: "n",
      description: "failed attempts before a task gives up (default: kanban.failure_limit)",
    },
    { long: "pidfile", value: "path", description: "write this process's pid to a file" },
    { long: "verbose", short: "v", description: "print each tick's outcome" },
    { long: "force", description: "run the standalone loop anyway", hidden: true },
  ],
};

/** The advice printed instead of running (exit 2). */
export const DEPRECATION = `hermes kanban daemon: DEPRECATED — the dispatcher now runs
inside the gateway. Start it with:

  hermes gateway start      # the gateway, with its embedded dispatcher

Tasks are picked up as soon as they become ready, plus a safety sweep every
kanban.dispatch_interval_seconds (60 by default). In config.yaml:

  kanban:
    dispatch_in_gateway: true          # the default
    dispatch_interval_seconds: 60

A gateway and a standalone daemon on the same board race each other for
claims. Only if you cannot run the gateway, rerun with --force.`;

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  if (!flag(input, "force")) {
    ctx.warn(DEPRECATION);
    return 2;
  }
  const intervalRaw = str(input, "interval");
  const interval = intervalRaw === undefined ? 60 : Number(intervalRaw);
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new UsageError(
      `--interval: expected a positive number of seconds, got '${intervalRaw}'`,
      "invalid_number",
    );
  }
  const { max, failureLimit } = dispatchLimits(input);
  const verbose = flag(input, "verbose");
  const pidfile = str(input, "pidfile");
  const config = await ctx.config();
  const store = ctx.store();
  await runStandalone({
    home: ctx.home,
    board: ctx.board,
    config,
    store,
    signal: ctx.handleShutdown(),
    baseEnv: workerBaseEnv(ctx),
    failureLimit,
    max,
    intervalSeconds: interval,
    pidfile,
    started: () =>
      ctx.warn(
        `Kanban dispatcher running STANDALONE via --force (interval=${interval}s, pid=${Deno.pid}). ` +
          "Ctrl-C to stop. NOTE: if a gateway also runs with dispatch_in_gateway=true (the default), " +
          "two dispatchers are racing for claims on this board.",
      ),
    onTick: (r) => {
      if (verbose && !isQuiet(r)) {
        ctx.print(`[${new Date().toISOString()}] ${renderResult(r).join("; ")}`);
      }
    },
    log: ctx.log,
  });
  ctx.warn("(dispatcher stopped)");
  return 0;
}
