/** `hermes gateway start`: start the gateway in the background and wait until it is ready. */

import type { Ctx } from "../../lib/cli/context.ts";
import { flag } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { listenAddress } from "../../lib/gateway/host.ts";
import { GatewayStartError, startGateway, type StartResult } from "../../lib/gateway/launcher.ts";
import { readRunFlags, RUN_OPTIONS, runFlagsArgv } from "./run_options.ts";

export const spec: CommandSpec = {
  name: "start",
  needs: ["run", "net"],
  summary: "start the gateway in the background; prints its pid and dashboard URL",
  description:
    "Start 'hermes gateway run' in the background, logging to <HERMES_HOME>/logs/gateway.log, " +
    "and return once it is ready. If a gateway already runs for this HERMES_HOME it starts " +
    "nothing and exits 1, or 0 with --if-not-running.",
  options: [
    ...RUN_OPTIONS,
    {
      long: "if-not-running",
      description:
        "a gateway already running for this HERMES_HOME is success (exit 0), not an error",
    },
  ],
  examples: [
    "hermes gateway start",
    "hermes gateway start --port 9000",
    "hermes gateway start --if-not-running",
  ],
};

/** Print what `start` (and `restart`) report. */
export function report(ctx: Ctx, r: StartResult): void {
  if (ctx.json) {
    ctx.printJson({ running: true, started: !r.already, pid: r.pid, url: r.url, log: r.log });
    return;
  }
  ctx.print(
    r.already ? `Gateway already running (pid ${r.pid})` : `Gateway started (pid ${r.pid})`,
  );
  if (r.url) {
    ctx.print(`Dashboard: ${r.url}`);
    ctx.print("Sign in: 'hermes gateway status --show-token' prints the URL with the token");
  }
  ctx.print(`Log: ${r.log}`);
}

/** Start, and when the background gateway dies, show what it logged before the error. */
export async function startReporting(
  ctx: Ctx,
  input: ParsedInput,
  opts: { ifNotRunning: boolean },
): Promise<StartResult> {
  try {
    const flags = readRunFlags(input);
    return await startGateway(ctx.home, {
      runArgs: runFlagsArgv(flags),
      ifNotRunning: opts.ifNotRunning,
      preflight: async () => {
        const config = await ctx.config();
        const addr = flags.noDashboard
          ? null
          : listenAddress(config, flags.host, flags.port, flags);
        // From source the background gateway starts narrowed, as `gateway run` would relaunch.
        const c = await import("../../lib/gateway/confinement.ts");
        if (c.relaunchBlocker(ctx.env) !== null) return null;
        return c.confinedLaunch(c.gatewayScope(ctx.home, config, ctx.env, addr));
      },
    });
  } catch (e) {
    if (e instanceof GatewayStartError && e.tail.length && !ctx.json) {
      ctx.warn("The gateway's last words:");
      for (const line of e.tail) ctx.warn(`  ${line}`);
    }
    throw e;
  }
}

/** Run `hermes gateway start`. */
export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  report(ctx, await startReporting(ctx, input, { ifNotRunning: flag(input, "ifNotRunning") }));
  return 0;
}
