/**
 * `hermes kanban boards`: list, create, switch, show, rename, set-default-workdir and remove
 * boards, as Hermes's verb does (one database each, a board.json, the current-board file).
 */

import { UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { printableLine, table } from "../../lib/cli/output.ts";
import { arg, flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { boardArg } from "../../lib/config/board_selection.ts";
import { selectBoard } from "../../lib/config/paths.ts";
import { createBoard, removeBoard, switchBoard, updateBoard } from "../../lib/ops/boards.ts";
import { type BoardInfo, boardInfo, existingBoard, listBoards } from "../../lib/store/boards.ts";

export const spec: CommandSpec = {
  name: "boards",
  needs: [],
  summary: "list, create, switch, show, rename or remove boards",
  description: "Each board is its own database: 'default' is <HERMES_HOME>/kanban.db, others " +
    "live in <HERMES_HOME>/kanban/boards/<name>/ beside their board.json (display name, " +
    "description, default workdir). A command uses --board, else HERMES_KANBAN_BOARD, else the " +
    "board 'boards switch' remembered (<HERMES_HOME>/kanban/current, shared with Hermes), else " +
    "'default'. Actions: list [--all]; create <name> [--name --description --icon --color " +
    "--default-workdir --switch] (an existing board is described again); switch <name> (alias " +
    "use); show (alias current); rename <name> <display name>; set-default-workdir <name> [path] " +
    "(no path clears it); rm <name> (aliases remove, delete) moves the board to " +
    "<HERMES_HOME>/kanban/boards/_archived/<name>-<time>/, --delete removes it for good (a board " +
    "with tasks only with --force; 'boards delete' is 'rm --delete'). With kanban.db_url a board " +
    "is a schema of that database and rm renames it aside (--delete drops it). --board does not " +
    "apply here.",
  args: [
    {
      name: "action",
      description: "list (default), create, switch, show, rename, set-default-workdir or rm",
      required: false,
    },
    { name: "board", description: "the board's name", required: false },
    {
      name: "value",
      description: "rename: the display name; set-default-workdir: the path",
      required: false,
    },
  ],
  options: [
    { long: "all", description: "list: include archived boards" },
    { long: "name", value: "text", description: "create: display name (default: from the name)" },
    { long: "description", value: "text", description: "create: a description" },
    { long: "icon", value: "text", description: "create: an icon for the dashboard" },
    { long: "color", value: "text", description: "create: a colour for the dashboard (#8b5cf6)" },
    {
      long: "default-workdir",
      value: "path",
      description: "create: the repository the board's worktree tasks that name none anchor on",
    },
    { long: "switch", description: "create: make the new board the current one" },
    { long: "delete", description: "rm: delete the board instead of archiving it" },
    { long: "force", description: "rm --delete: delete even a board with tasks" },
  ],
  examples: [
    "hermes kanban boards create research --name 'Research' --switch",
    "hermes kanban boards switch default",
    "hermes kanban boards set-default-workdir research /srv/repos/research",
    "hermes kanban boards rm research",
  ],
};

/** The options each action takes; any other given is a usage error. */
const ACTION_OPTIONS: Record<string, string[]> = {
  list: ["all"],
  create: ["name", "description", "icon", "color", "defaultWorkdir", "switch"],
  rm: ["delete", "force"],
};

const ALIASES: Record<string, string> = {
  ls: "list",
  new: "create",
  use: "switch",
  current: "show",
  remove: "rm",
  delete: "rm",
};

function checkOptions(action: string, input: ParsedInput): void {
  const allowed = new Set(["board", "json", "debug", ...(ACTION_OPTIONS[action] ?? [])]);
  for (const [key, v] of Object.entries(input.opts)) {
    if (v === undefined || v === false || allowed.has(key)) continue;
    const long = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const owner = Object.entries(ACTION_OPTIONS).find(([, o]) => o.includes(key))?.[0];
    throw new UsageError(
      `--${long} is not an option of 'boards ${action}'${owner ? ` (it is for '${owner}')` : ""}`,
    );
  }
}

function countsText(b: BoardInfo): string {
  if (b.error) return "?";
  if (!b.exists) return "(new)";
  const parts = Object.entries(b.counts).map(([s, n]) => `${s}=${n}`);
  return parts.length ? parts.join(", ") : "(empty)";
}

function describe(ctx: Ctx, b: BoardInfo): void {
  ctx.print(`  Display name: ${printableLine(b.name)}`);
  if (b.description) ctx.print(`  Description:  ${printableLine(b.description)}`);
  if (b.default_workdir) ctx.print(`  Workdir:      ${b.default_workdir}`);
  ctx.print(`  DB path:      ${b.db_path}`);
}

export function run(ctx: Ctx, input: ParsedInput): number {
  const given = (arg(input, "action") ?? "list").trim();
  const action = ALIASES[given] ?? given;
  const name = arg(input, "board");
  const value = arg(input, "value");
  const now = ctx.clock();
  const usage = (rest: string) => `hermes kanban boards ${given} ${rest}`;
  const noMore = (what: string | undefined) => {
    if (what !== undefined) throw new UsageError(`'boards ${given}' takes no '${what}'`);
  };
  if (
    !["list", "create", "switch", "show", "rename", "set-default-workdir", "rm"].includes(action)
  ) {
    throw new UsageError(
      `unknown boards action '${given}': expected list, create, switch, show, rename, ` +
        "set-default-workdir or rm",
    );
  }
  checkOptions(action, input);
  // Board management acts on the boards themselves: --board does not apply (as in Hermes).
  const current = selectBoard(undefined, ctx.env, ctx.home).board;

  if (action === "list") {
    noMore(name);
    const boards = listBoards(ctx.home, { current, includeArchived: flag(input, "all") });
    if (ctx.json) {
      ctx.printJson(boards);
      return 0;
    }
    ctx.stdout.write(table(boards.map((b) => [
      b.is_current ? "*" : " ",
      b.slug,
      printableLine(b.name) + (b.archived ? " [archived]" : ""),
      countsText(b),
    ])));
    ctx.print(`Current board: ${current}`);
    for (const b of boards) if (b.error) ctx.warn(`hermes: ${printableLine(b.error)}`);
    return 0;
  }

  if (action === "show") {
    noMore(name);
    const b = boardInfo(ctx.home, current, current);
    if (ctx.json) {
      ctx.printJson(b);
      return 0;
    }
    ctx.print(`Current board: ${b.slug}`);
    describe(ctx, b);
    ctx.print(`  Tasks:        ${b.total} total${b.total ? ` (${countsText(b)})` : ""}`);
    return 0;
  }

  const slug = boardArg(name, usage("<name>"));
  if (action === "create") {
    noMore(value);
    const r = createBoard(ctx.home, {
      slug,
      name: str(input, "name"),
      description: str(input, "description"),
      icon: str(input, "icon"),
      color: str(input, "color"),
      default_workdir: str(input, "defaultWorkdir"),
      switch: flag(input, "switch"),
    }, now);
    if (ctx.json) {
      ctx.printJson({ ...r.board, created: r.created });
      return 0;
    }
    ctx.print(`Board '${r.board.slug}' ${r.created ? "created" : "already exists"}.`);
    describe(ctx, r.board);
    if (flag(input, "switch")) ctx.print(`  Switched to '${r.board.slug}'.`);
    else if (!r.board.is_current) {
      ctx.warn(
        `use it with --board ${slug}, or make it current: hermes kanban boards switch ${slug}`,
      );
    }
    return 0;
  }

  if (action === "switch") {
    noMore(value);
    const board = switchBoard(ctx.home, slug, now);
    const pinned = ctx.env("HERMES_KANBAN_BOARD")?.trim();
    if (ctx.json) ctx.printJson({ current: board });
    else ctx.print(`Active board is now '${board}'.`);
    if (pinned && pinned !== board) {
      ctx.warn(`hermes: HERMES_KANBAN_BOARD=${pinned} is set and still wins in this environment`);
    }
    return 0;
  }

  if (action === "rename") {
    if (value === undefined) {
      throw new UsageError(`a display name is required: ${usage("<name> <display name>")}`);
    }
    const b = updateBoard(ctx.home, existingBoard(ctx.home, slug), { name: value }, now);
    if (ctx.json) ctx.printJson(b);
    else ctx.print(`Board '${b.slug}' renamed to '${printableLine(b.name)}'.`);
    return 0;
  }

  if (action === "set-default-workdir") {
    const b = updateBoard(
      ctx.home,
      existingBoard(ctx.home, slug),
      { default_workdir: value ?? null },
      now,
    );
    if (ctx.json) ctx.printJson(b);
    else if (b.default_workdir) {
      ctx.print(`Board '${b.slug}' default workdir set to '${b.default_workdir}'.`);
    } else ctx.print(`Board '${b.slug}' default workdir cleared.`);
    return 0;
  }

  // rm
  noMore(value);
  const r = removeBoard(ctx.home, slug, {
    deleteIt: flag(input, "delete") || given === "delete",
    force: flag(input, "force"),
    now,
  });
  if (ctx.json) {
    ctx.printJson(r);
    return 0;
  }
  if (r.action === "archived") {
    ctx.print(`Board '${r.slug}' archived → ${r.new_path}`);
    if (r.recover) ctx.warn(`recover it with: ${r.recover}`);
    else {ctx.warn(
        `recover it by moving that directory back to ${ctx.home}/kanban/boards/${r.slug}/`,
      );}
  } else ctx.print(`Board '${r.slug}' deleted${r.tasks ? ` with its ${r.tasks} tasks` : ""}.`);
  return 0;
}
