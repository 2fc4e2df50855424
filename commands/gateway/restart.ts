/** `hermes gateway restart`: stop the gateway if it runs, then start it in the background. */

import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { report, startReporting } from "./start.ts";
import { RUN_OPTIONS } from "./run_options.ts";
import { STOP_OPTIONS, stopWith } from "./stop.ts";

export const spec: CommandSpec = {
  name: "restart",
  needs: ["run", "net"],
  summary: "stop the gateway if it runs, then start it again; workers keep running",
  description:
    "Restart the gateway. Running workers are left alone: the new gateway adopts the live " +
    "ones and reclaims the dead ones.",
  options: [...RUN_OPTIONS, ...STOP_OPTIONS],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const stopped = await stopWith(ctx, input);
  if (stopped.wasRunning && !ctx.json) ctx.warn(`Stopped gateway (pid ${stopped.pid})`);
  // The gateway was just stopped: one running now was started by someone else, and restarting
  // nothing is a failure the caller should see.
  report(ctx, await startReporting(ctx, input, { ifNotRunning: false }));
  return 0;
}
