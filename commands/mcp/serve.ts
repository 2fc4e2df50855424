/** `hermes mcp serve` (also plain `hermes mcp`): the worker tools as an MCP server on stdio. */

import { NotFoundError, UsageError } from "../../lib/board/errors.ts";
import { validateBoardName, workspaceRoots } from "../../lib/board/validate.ts";
import { DEFAULT_BOARD } from "../../lib/config/paths.ts";
import { metricsTokenPath, tokenPath } from "../../lib/gateway/dashboard_token.ts";
import { openBoard, type Store } from "../../lib/store/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec } from "../../lib/cli/spec.ts";
import { get } from "../../lib/config/mod.ts";
import { localVerbs } from "../../lib/ops/tasks.ts";
import denoJson from "../../deno.json" with { type: "json" };

export const spec: CommandSpec = {
  name: "serve",
  needs: ["endpoint"],
  summary: "serve the kanban worker tools over MCP on stdin/stdout",
  description: "Run a Model Context Protocol server on stdin/stdout offering kanban_show, " +
    "kanban_complete, kanban_block, kanban_heartbeat, kanban_comment, kanban_create and " +
    "kanban_link, and to orchestrators also kanban_list and kanban_unblock. An agent CLI " +
    "starts it as a stdio MCP server. Inside a worker (HERMES_KANBAN_TASK set) the tools act " +
    "as that worker: they default to its task, may complete, block or heartbeat only that " +
    "task, work only on its board, and reach the board through the run's endpoint " +
    "(HERMES_KANBAN_ENDPOINT) with the run's secret. Without HERMES_KANBAN_TASK they act as " +
    "you (an orchestrator): every tool needs a task_id and may name any board with its board " +
    "argument. Secrets (API keys, tokens, the dashboard token) are masked in what the tools " +
    "store and return. Stops when the client closes stdin or on SIGINT/SIGTERM.",
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
  const actor = ctx.actor;
  const tenant = ctx.env("HERMES_TENANT")?.trim() || null;
  const ttlSeconds = get(config, "kanban.claim_ttl_seconds");
  // A worker's tools go through its run's endpoint: the board is not opened here (a confined
  // worker could not), and each call says so in one line when nothing can be reached.
  const roots = workspaceRoots(ctx.home, get(config, "kanban.workspace_roots"));
  const verbs = await ctx.verbs({ wire: "json", ttlSeconds, workspaceRoots: roots });
  // A person (an orchestrator) may name any board: opened on first use, kept until the end.
  const opened = new Map<string, Store>();
  const storeOf = (name: string | null): Store => {
    const b = name ?? ctx.board;
    if (b === ctx.board) return ctx.store();
    let s = opened.get(b);
    if (!s) {
      s = openNamedBoard(ctx, b);
      opened.set(b, s);
    }
    return s;
  };
  const boards = actor.kind === "worker" ? undefined : {
    store: storeOf,
    verbs: (name: string | null) =>
      localVerbs(storeOf(name), {
        actor,
        author: actor.name,
        wire: "json",
        ttlSeconds,
        workspaceRoots: roots,
      }),
  };
  const { serveMcp } = await import("../../lib/mcp/server.ts");
  try {
    await serveMcp({
      scope: {
        verbs,
        boards,
        board: ctx.board,
        actor,
        tenant,
        secrets: installationSecrets(ctx.home),
      },
      version: denoJson.version,
      log: (line) => ctx.warn(line),
      signal: ctx.handleShutdown(),
    });
  } finally {
    for (const s of opened.values()) s.close();
  }
  return 0;
}

/** Another board a tool names: it must exist (only the default board is made on first use). */
function openNamedBoard(ctx: Ctx, name: string): Store {
  const board = validateBoardName(name);
  try {
    return openBoard(ctx.home, board, { create: board === DEFAULT_BOARD });
  } catch (e) {
    if ((e as { code?: string }).code === "no_board") {
      throw new NotFoundError(`no board named '${board}'`, "no_board");
    }
    throw e;
  }
}

/** The tokens of this installation, masked wherever a tool payload holds them. */
function installationSecrets(home: string): string[] {
  const out: string[] = [];
  for (const path of [tokenPath(home), metricsTokenPath(home)]) {
    try {
      const t = Deno.readTextFileSync(path).trim();
      if (t) out.push(t);
    } catch { /* no such token yet: nothing to mask */ }
  }
  return out;
}
