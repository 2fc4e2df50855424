/** `hermes gateway run`: the gateway in the foreground (the container entrypoint). */

import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { type Config, get } from "../../lib/config/config.ts";
import { readRunFlags, RUN_OPTIONS, type RunFlags, runFlagsArgv } from "./run_options.ts";

export const spec: CommandSpec = {
  name: "run",
  needs: ["run", "net"],
  summary: "run the gateway in the foreground (dispatcher + dashboard); logs to stderr",
  description:
    "Run the gateway in the foreground: it hosts the dispatcher, which starts workers for " +
    "ready tasks as soon as they are ready, and the dashboard. Logs go to stderr. SIGINT or " +
    "SIGTERM stop it within 3 seconds; running workers are left alone (a new gateway adopts " +
    "them) unless it runs as PID 1 or with --stop-workers.",
  options: RUN_OPTIONS,
  examples: [
    "hermes gateway run",
    "hermes gateway run --log-format json --port 0",
    "HERMES_KANBAN_DISPATCH_IN_GATEWAY=0 hermes gateway run   # dashboard only",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const flags = readRunFlags(input);
  const config = await ctx.config();
  const relaunched = await relaunchNarrowed(ctx, input, flags, config);
  if (relaunched !== null) return relaunched;
  const [{ setupLogging }, { runGateway }, deno] = await Promise.all([
    import("../../lib/log/logtape.ts"),
    import("../../lib/gateway/host.ts"),
    import("../../deno.json", { with: { type: "json" } }),
  ]);
  const log = await setupLogging({
    format: flags.logFormat ?? get(config, "gateway.log_format"),
    level: flags.logLevel ?? get(config, "gateway.log_level"),
  });
  try {
    return await runGateway({
      home: ctx.home,
      env: ctx.env,
      config,
      version: deno.default.version,
      log,
      hostFlag: flags.host,
      portFlag: flags.port,
      tls: flags.tls,
      insecureLan: flags.insecureLan,
      dashboard: !flags.noDashboard,
      // In a container the gateway is PID 1: nobody adopts orphaned workers after it.
      stopWorkers: flags.stopWorkers || Deno.pid === 1,
      // SIGHUP too: a closed terminal stops the gateway cleanly rather than killing it.
      signal: ctx.handleShutdown(["SIGHUP"]),
    });
  } finally {
    await log.close();
  }
}

/**
 * From source, run the gateway again as a child with write and net narrowed to what it needs
 * (lib/gateway/confinement.ts) and return its exit status; null when this process is the one to
 * run it (a compiled binary, the relaunched child, or a process started with less than the
 * release set, which a relaunch must not widen).
 */
async function relaunchNarrowed(
  ctx: Ctx,
  input: ParsedInput,
  flags: RunFlags,
  config: Config,
): Promise<number | null> {
  const c = await import("../../lib/gateway/confinement.ts");
  if (c.relaunchBlocker(ctx.env) !== null) return null;
  const { listenAddress } = await import("../../lib/gateway/host.ts");
  // Refuse a bad address here, before a child is started for it.
  const addr = flags.noDashboard ? null : listenAddress(config, flags.host, flags.port, flags);
  const launch = c.confinedLaunch(c.gatewayScope(ctx.home, config, ctx.env, addr));
  if (!launch) {
    ctx.warn(
      "hermes: warning: a path of HERMES_HOME or kanban.workspace_roots contains a comma, which " +
        "a permission flag cannot carry; the gateway runs with the release permission set",
    );
    return null;
  }
  // PID 1 (a container) is this process, not the child: it must still stop its workers.
  const pid1 = Deno.pid === 1 && !flags.stopWorkers ? ["--stop-workers"] : [];
  const debug = input.opts.debug === true ? ["--debug"] : [];
  return await c.relaunchGateway(["run", ...runFlagsArgv(flags), ...pid1, ...debug], launch);
}
