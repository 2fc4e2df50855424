/** `hermes gateway start`: start the gateway in the background and wait until it is ready. */

import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { loadConfig } from "../../lib/config/config.ts";
import { liveGateway } from "../../lib/gateway/control.ts";
import { listenAddress } from "../../lib/gateway/host.ts";
import { GatewayStartError, startInBackground } from "../../lib/gateway/launcher.ts";
import { homePaths } from "../../lib/config/paths.ts";
import { readRunFlags, RUN_OPTIONS, runFlagsArgv } from "./run_options.ts";

export const spec: CommandSpec = {
  name: "start",
  summary: "start the gateway in the background; prints its pid and dashboard URL",
  description:
    "Start 'hermes gateway run' in the background, logging to <HERMES_HOME>/logs/gateway.log, " +
    "and return once it is ready. Does nothing if a gateway already runs for this HERMES_HOME.",
  options: RUN_OPTIONS,
  examples: ["hermes gateway start", "hermes gateway start --port 9000"],
};

/** Print what `start` (and `restart`) report. */
export function report(
  ctx: Ctx,
  r: { pid: number; url: string | null; log: string; already: boolean },
): void {
  if (ctx.json) {
    ctx.printJson({ running: true, started: !r.already, pid: r.pid, url: r.url, log: r.log });
    return;
  }
  ctx.print(
    r.already ? `Gateway already running (pid ${r.pid})` : `Gateway started (pid ${r.pid})`,
  );
  if (r.url) ctx.print(`Dashboard: ${r.url}`);
  ctx.print(`Log: ${r.log}`);
}

/** Start unless running; returns what to report. */
export async function startGateway(
  ctx: Ctx,
  input: ParsedInput,
): Promise<{ pid: number; url: string | null; log: string; already: boolean }> {
  const flags = readRunFlags(input);
  const rec = liveGateway(ctx.home);
  if (rec) {
    return {
      pid: rec.identity.pid,
      url: rec.url,
      log: homePaths(ctx.home).gatewayLog,
      already: true,
    };
  }
  // Refuse what `run` would refuse before anything starts: bad config, an exposed host.
  const config = await loadConfig(ctx.home, ctx.env);
  if (!flags.noDashboard) listenAddress(config, flags.host, flags.port);
  const started = await startInBackground(ctx.home, runFlagsArgv(flags));
  return { ...started, already: false };
}

/** Start, and when the background gateway dies, show what it logged before the error. */
export async function startReporting(
  ctx: Ctx,
  input: ParsedInput,
): Promise<{ pid: number; url: string | null; log: string; already: boolean }> {
  try {
    return await startGateway(ctx, input);
  } catch (e) {
    if (e instanceof GatewayStartError && e.tail.length && !ctx.json) {
      ctx.warn("The gateway's last words:");
      for (const line of e.tail) ctx.warn(`  ${line}`);
    }
    throw e;
  }
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  report(ctx, await startReporting(ctx, input));
  return 0;
}
