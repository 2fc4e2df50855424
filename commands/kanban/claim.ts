/** `hermes kanban claim`: take a ready task by hand, as the dispatcher would. */

import { StoreError, type Task, taskJson } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { boardPaths, ensurePrivateDir } from "../../lib/config/paths.ts";
import { hostName } from "../../lib/workers/identity.ts";
import { claimTtl, DEFAULT_CLAIM_TTL_SECONDS, iso } from "./heartbeat.ts";

export const spec: CommandSpec = {
  name: "claim",
  summary: "claim a ready task (lock <host>:<pid>) and print its workspace",
  description: "Claim a ready task whose parents are done: it becomes running under the lock " +
    "<host>:<pid> of this command, a run is opened, and the lease lasts --ttl seconds unless " +
    "heartbeats extend it. Prints the workspace (a scratch or dir workspace is created).",
  args: [{ name: "id", description: "task id" }],
  options: [{
    long: "ttl",
    value: "seconds",
    description: "lease length (300, 90s, 15m, 2h)",
    defaultText: `$HERMES_KANBAN_CLAIM_TTL_SECONDS or ${DEFAULT_CLAIM_TTL_SECONDS}`,
  }],
};

/** Where the task's worker works; scratch and dir workspaces are created. Null: not known here. */
function workspaceOf(ctx: Ctx, task: Task): string | null {
  if (task.workspace_kind === "worktree") return task.workspace_path;
  const path = task.workspace_path ??
    `${boardPaths(ctx.home, ctx.board).workspaces}/${task.id}`;
  ensurePrivateDir(path);
  return path;
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const id = (arg(input, "id") ?? "").trim();
  const ttl = claimTtl(ctx, str(input, "ttl"));
  const lock = `${hostName()}:${Deno.pid}`;
  const { task, run } = ctx.store().claim(id, lock, ttl);
  let workspace: string | null;
  try {
    workspace = workspaceOf(ctx, task);
  } catch (e) {
    throw new StoreError(
      `claimed ${task.id}, but could not create its workspace: ${(e as Error).message}`,
      "workspace",
    );
  }
  if (ctx.json) {
    ctx.printJson({
      task: taskJson(task),
      run_id: run.id,
      lock,
      expires: task.claim_expires,
      workspace,
    });
    return 0;
  }
  ctx.print(`Claimed ${task.id}`);
  ctx.print(`Workspace: ${workspace ?? "(git worktree: created by the worker)"}`);
  ctx.warn(`lease ${lock} until ${iso(task.claim_expires)}; heartbeat to keep it`);
  return 0;
}
