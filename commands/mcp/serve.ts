/** `hermes mcp serve` (also plain `hermes mcp`): the worker tools as an MCP server on stdio. */

import { UsageError } from "../../lib/board/errors.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec } from "../../lib/cli/spec.ts";
import { get } from "../../lib/config/mod.ts";
import denoJson from "../../deno.json" with { type: "json" };

export const spec: CommandSpec = {
  name: "serve",
  summary: "serve the kanban worker tools over MCP on stdin/stdout",
  description: "Run a Model Context Protocol server on stdin/stdout offering kanban_show, " +
    "kanban_complete, kanban_block, kanban_heartbeat, kanban_comment, kanban_create and " +
    "kanban_link. An agent CLI starts it as a stdio MCP server. Inside a worker " +
    "(HERMES_KANBAN_TASK set) the tools act as that worker: they default to its task, may " +
    "complete, block or heartbeat only that task, and HERMES_KANBAN_RUN_ID is checked as a " +
    "fencing token. Without HERMES_KANBAN_TASK they act as you and every tool needs a " +
    "task_id. Stops when the client closes stdin or on SIGINT/SIGTERM.",
  examples: [
    "hermes mcp                       # what an agent's MCP config runs",
    `claude -p 'work your task' --mcp-config '{"mcpServers":{"hermes":{"command":"hermes","args":["mcp"]}}}'`,
  ],
};

/** HERMES_KANBAN_RUN_ID, refused when set to something that is not a run id. */
function checkRunId(ctx: Ctx): void {
  const raw = ctx.env("HERMES_KANBAN_RUN_ID")?.trim();
  if (ctx.actor.kind === "worker" && raw && !/^\d+$/.test(raw)) {
    throw new UsageError(
      `HERMES_KANBAN_RUN_ID must be a run id (a whole number), got '${raw}'; ` +
        "it is set by the dispatcher for each run",
      "invalid_env",
    );
  }
}

export async function run(ctx: Ctx): Promise<number> {
  checkRunId(ctx);
  const config = await ctx.config();
  const store = ctx.store();
  const actor = ctx.actor;
  let tenant = ctx.env("HERMES_TENANT")?.trim() || null;
  if (actor.kind === "worker") {
    const task = store.getTask(actor.taskId);
    if (!task) {
      ctx.warn(
        `hermes mcp: task ${actor.taskId} (HERMES_KANBAN_TASK) is not on board '${ctx.board}'`,
      );
    }
    tenant ??= task?.tenant ?? null;
  }
  const { serveMcp } = await import("../../lib/mcp/server.ts");
  await serveMcp({
    scope: {
      store: () => store,
      actor,
      tenant,
      claimTtlSeconds: get(config, "kanban.claim_ttl_seconds"),
    },
    version: denoJson.version,
    log: (line) => ctx.warn(line),
    signal: ctx.handleShutdown(),
  });
  return 0;
}
