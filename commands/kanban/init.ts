/** `hermes kanban init`: create the board and say what to do next. */

import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec } from "../../lib/cli/spec.ts";

export const spec: CommandSpec = {
  name: "init",
  needs: [],
  summary: "create the board database (safe to run again)",
};

export function run(ctx: Ctx): number {
  const store = ctx.store();
  if (ctx.json) {
    ctx.printJson({ ok: true, board: ctx.board, path: store.path });
    return 0;
  }
  ctx.print(`Kanban DB initialized at ${store.path}`);
  ctx.print("");
  ctx.print("Next step: start the gateway so ready tasks actually get picked up.");
  ctx.print("  hermes gateway start");
  ctx.print("");
  ctx.print(
    "The gateway hosts the dispatcher: it starts a task's worker as soon as the task is ready.\n" +
      "Without a running gateway, tasks stay in 'ready'. Workers are profiles in config.yaml\n" +
      "(kanban.profiles); the built-in 'shell' profile runs a task's body with sh.",
  );
  return 0;
}
