/** `hermes kanban claim`: take a ready task by hand, as the dispatcher would. */

import { claimable, taskJson, workspaceRoots } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { get } from "../../lib/config/config.ts";
import { boardPaths, ensurePrivateDir } from "../../lib/config/paths.ts";
import { secretPath } from "../../lib/endpoint/protocol.ts";
import { newRunSecret, writeSecretFile } from "../../lib/endpoint/secret.ts";
import { hostName } from "../../lib/workers/identity.ts";
import { prepareWorkspace } from "../../lib/workers/workspace.ts";
import { claimTtl, DEFAULT_CLAIM_TTL_SECONDS, iso } from "./heartbeat.ts";

export const spec: CommandSpec = {
  name: "claim",
  needs: ["run"],
  summary: "claim a ready task (lock <host>:<pid>) and print its workspace",
  description: "Claim a ready task whose parents are done: it becomes running under the lock " +
    "<host>:<pid> of this command, a run is opened, and the lease lasts --ttl seconds unless " +
    "heartbeats extend it. The task's workspace is prepared first, as the dispatcher would " +
    "(a scratch dir, an existing dir: path, or a git worktree); if that fails nothing is claimed. " +
    "The run gets its secret, as a dispatched one does, in a 0600 file next to its log (--json: " +
    "secret_file), so a worker started by hand with HERMES_KANBAN_TASK and HERMES_KANBAN_RUN_ID " +
    "can report.",
  args: [{ name: "id", description: "task id" }],
  options: [{
    long: "ttl",
    value: "seconds",
    description: "lease length (300, 90s, 15m, 2h)",
    defaultText: `$HERMES_KANBAN_CLAIM_TTL_SECONDS or ${DEFAULT_CLAIM_TTL_SECONDS}`,
  }],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const id = (arg(input, "id") ?? "").trim();
  const ttl = claimTtl(ctx, str(input, "ttl"));
  const store = ctx.store();
  const before = store.requireTask(id);
  let workspace: string | null = null;
  // Prepare only a claimable task (the claim below refuses the rest with the reason), and
  // before claiming, so a workspace that cannot be made leaves the task untouched.
  if (claimable(before)) {
    const config = await ctx.config();
    workspace = await prepareWorkspace(
      before,
      boardPaths(ctx.home, ctx.board),
      workspaceRoots(ctx.home, get(config, "kanban.workspace_roots")),
      { defaultRepo: get(config, "kanban.worktree_repo") || null },
    );
  }
  const lock = `${hostName()}:${Deno.pid}`;
  const { secret, hash } = newRunSecret();
  const { task, run } = store.tx(() => {
    const c = store.claim(id, lock, ttl);
    store.recordRunSecret(c.run.id, c.task.id, hash);
    return c;
  });
  const secretFile = secretPath(ctx.home, ctx.board, task.id, run.id);
  ensurePrivateDir(boardPaths(ctx.home, ctx.board).logs);
  writeSecretFile(secretFile, secret);
  if (ctx.json) {
    ctx.printJson({
      task: taskJson(task),
      run_id: run.id,
      lock,
      expires: task.claim_expires,
      workspace,
      secret_file: secretFile,
    });
    return 0;
  }
  ctx.print(`Claimed ${task.id}`);
  ctx.print(`Workspace: ${workspace}`);
  ctx.warn(`lease ${lock} until ${iso(task.claim_expires)}; heartbeat to keep it`);
  return 0;
}
