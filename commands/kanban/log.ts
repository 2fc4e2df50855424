/** `hermes kanban log`: the worker log of a task's latest (or a given) run. */

import { NotFoundError, parseCount } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { readTail } from "../../lib/workers/log_tail.ts";
import { openDispatch } from "../../lib/store/engine.ts";
import { taskIdArg } from "./task_arg.ts";

export const spec: CommandSpec = {
  name: "log",
  needs: [],
  summary: "print the worker log of a task's latest run (or of --run N)",
  args: [{ name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false }],
  options: [
    { long: "tail", value: "bytes", description: "print only the last BYTES of the log" },
    { long: "run", value: "n", description: "the run id to show (see 'hermes kanban runs')" },
  ],
  examples: ["hermes kanban log t_1a2b3c4d --tail 4000"],
};

/** Largest log we print whole (logs are capped by kanban.log_max_bytes anyway). */
const WHOLE_LOG_BYTES = 64 * 1024 * 1024;

export function run(ctx: Ctx, input: ParsedInput): number {
  const id = taskIdArg(ctx, arg(input, "id"));
  const tailRaw = str(input, "tail");
  const runRaw = str(input, "run");
  const tail = tailRaw === undefined ? WHOLE_LOG_BYTES : parseCount("--tail", tailRaw, 1);
  const runId = runRaw === undefined ? null : parseCount("--run", runRaw, 1);
  const store = ctx.store();
  store.requireTask(id);
  const runs = openDispatch(store).runLogs(id);
  let chosen = runs.find((r) => r.logPath !== null) ?? null;
  if (runId !== null) {
    chosen = runs.find((r) => r.runId === runId) ?? null;
    if (!chosen) {
      throw new NotFoundError(
        `task ${id} has no run ${runId}${
          runs.length ? ` (its runs: ${runs.map((r) => r.runId).reverse().join(", ")})` : ""
        }`,
        "no_run",
      );
    }
  }
  const path = chosen?.logPath ?? null;
  const got = path ? readTail(path, tail) : null;
  if (ctx.json) {
    ctx.printJson({
      task_id: id,
      run_id: chosen?.runId ?? null,
      path,
      exists: got !== null,
      size_bytes: got?.size ?? 0,
      content: got?.text ?? "",
      truncated: got?.truncated ?? false,
    });
    return 0;
  }
  if (!got) {
    ctx.warn(`(no log for ${id} — task may not have spawned yet)`);
    return 0;
  }
  ctx.stdout.write(got.text);
  return 0;
}
