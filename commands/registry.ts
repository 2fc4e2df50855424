/** Every command group and verb. Verb modules load lazily so start-up pays only for what runs. */

import type { Ctx } from "../lib/cli/context.ts";
import type { CommandSpec, OptionSpec, ParsedInput } from "../lib/cli/spec.ts";

/** What a verb module exports. */
export interface CommandModule {
  spec: CommandSpec;
  run(ctx: Ctx, input: ParsedInput): Promise<number | void> | number | void;
}

/** A registry entry: the name to dispatch on and how to load the module. */
export interface Entry {
  name: string;
  aliases?: string[];
  load: () => Promise<CommandModule>;
}

/** A command group (`kanban`, `gateway`). */
export interface Group {
  name: string;
  summary: string;
  entries: Entry[];
  /** Options every verb of the group accepts. */
  common: OptionSpec[];
  footer?: string;
  /** Verb run when the group is given without one (`hermes mcp` = `hermes mcp serve`). */
  defaultVerb?: string;
}

/** Options every board verb accepts. */
export const BOARD_OPTIONS: OptionSpec[] = [
  {
    long: "board",
    value: "name",
    description:
      "board to use (default: $HERMES_KANBAN_BOARD, else the current board of 'boards switch', else 'default')",
  },
  { long: "json", description: "print machine-readable JSON on stdout" },
  { long: "debug", description: "print stack traces for unexpected errors" },
];

const k = (name: string, load: () => Promise<CommandModule>, aliases?: string[]): Entry => ({
  name,
  load,
  aliases,
});

/** The `hermes kanban` verbs. */
export const KANBAN: Group = {
  name: "kanban",
  summary: "the task board: create, link, claim, complete and inspect tasks",
  common: BOARD_OPTIONS,
  footer: "Run 'hermes kanban <command> --help' for a command's arguments and options.",
  entries: [
    k("init", () => import("./kanban/init.ts")),
    k("create", () => import("./kanban/create.ts")),
    k("list", () => import("./kanban/list.ts"), ["ls"]),
    k("show", () => import("./kanban/show.ts")),
    k("assign", () => import("./kanban/assign.ts")),
    k("reclaim", () => import("./kanban/reclaim.ts")),
    k("reassign", () => import("./kanban/reassign.ts")),
    k("link", () => import("./kanban/link.ts")),
    k("unlink", () => import("./kanban/unlink.ts")),
    k("comment", () => import("./kanban/comment.ts")),
    k("complete", () => import("./kanban/complete.ts")),
    k("edit", () => import("./kanban/edit.ts")),
    k("attach", () => import("./kanban/attach.ts")),
    k("attachments", () => import("./kanban/attachments.ts")),
    k("block", () => import("./kanban/block.ts")),
    k("unblock", () => import("./kanban/unblock.ts")),
    k("archive", () => import("./kanban/archive.ts")),
    k("promote", () => import("./kanban/promote.ts")),
    k("schedule", () => import("./kanban/schedule.ts")),
    k("review", () => import("./kanban/review.ts")),
    k("send-back", () => import("./kanban/send_back.ts")),
    k("claim", () => import("./kanban/claim.ts")),
    k("heartbeat", () => import("./kanban/heartbeat.ts")),
    k("tail", () => import("./kanban/tail.ts")),
    k("watch", () => import("./kanban/watch.ts")),
    k("stats", () => import("./kanban/stats.ts")),
    k("runs", () => import("./kanban/runs.ts")),
    k("assignees", () => import("./kanban/assignees.ts")),
    k("context", () => import("./kanban/context.ts")),
    k("gc", () => import("./kanban/gc.ts")),
    k("doctor", () => import("./kanban/doctor.ts")),
    k("diagnostics", () => import("./kanban/diagnostics.ts"), ["diag"]),
    k("boards", () => import("./kanban/boards.ts")),
    k("migrate", () => import("./kanban/migrate.ts")),
    k("profiles", () => import("./kanban/profiles.ts")),
    k("notify-subscribe", () => import("./kanban/notify_subscribe.ts")),
    k("notify-list", () => import("./kanban/notify_list.ts")),
    k("notify-unsubscribe", () => import("./kanban/notify_unsubscribe.ts")),
    k("dispatch", () => import("./kanban/dispatch.ts")),
    k("daemon", () => import("./kanban/daemon.ts")),
    k("log", () => import("./kanban/log.ts")),
  ],
};

/** `hermes mcp`: the worker tools as a Model Context Protocol server. */
export const MCP: Group = {
  name: "mcp",
  summary: "serve the kanban worker tools to agent CLIs over MCP (stdio)",
  common: BOARD_OPTIONS.filter((o) => o.long !== "json"),
  defaultVerb: "serve",
  footer: "'hermes mcp' alone runs 'hermes mcp serve'.",
  entries: [k("serve", () => import("./mcp/serve.ts"))],
};

/** The `hermes gateway` verbs. */
export const GATEWAY: Group = {
  name: "gateway",
  summary: "the long-running host of the dispatcher and dashboard: run, start, stop, status",
  common: [
    { long: "json", description: "print machine-readable JSON on stdout" },
    { long: "debug", description: "print stack traces for unexpected errors" },
  ],
  footer: "Run 'hermes gateway <command> --help' for a command's options.",
  entries: [
    k("run", () => import("./gateway/run.ts")),
    k("start", () => import("./gateway/start.ts")),
    k("stop", () => import("./gateway/stop.ts")),
    k("restart", () => import("./gateway/restart.ts")),
    k("status", () => import("./gateway/status.ts")),
  ],
};

/** Top-level groups. */
export const GROUPS: Group[] = [KANBAN, GATEWAY, MCP];

/** Find an entry by name or alias. */
export function findEntry(group: Group, name: string): Entry | undefined {
  return group.entries.find((e) => e.name === name || e.aliases?.includes(name));
}
