/** Where things live under HERMES_HOME. Every path is absolute; nothing resolves from the CWD. */

import { UsageError } from "../board/errors.ts";
import { validateBoardName } from "../board/validate.ts";

/** The name of the board kept at `<home>/kanban.db`. */
export const DEFAULT_BOARD = "default";

/** Environment lookup (injected so tests and workers can pass their own). */
export type Env = (name: string) => string | undefined;

/** Where a warning about the environment goes (one line, no prefix). */
export type EnvWarn = (message: string) => void;

/**
 * `raw` without `.`/`..` segments, repeated or trailing slashes. Hermes expands `~/` in its own
 * path variables: `tilde` does the same with HOME.
 */
export function cleanPath(name: string, raw: string, env: Env, tilde = true): string {
  let p = raw.trim();
  const home = env("HOME")?.trim();
  if (tilde && (p === "~" || p.startsWith("~/")) && home) p = home + p.slice(1);
  if (!p.startsWith("/")) {
    throw new UsageError(`${name} must be an absolute path, got '${raw.trim()}'`, "invalid_path");
  }
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

/** The home and board of a database path laid out as Hermes lays boards out, else null. */
export function boardOfDbPath(db: string): { home: string; board: string } | null {
  const named = /^(.*)\/kanban\/boards\/([^/]+)\/kanban\.db$/.exec(db);
  if (named) {
    try {
      const board = validateBoardName(named[2]);
      if (board !== DEFAULT_BOARD) return { home: named[1] || "/", board };
    } catch { /* not a board's directory */ }
    return null;
  }
  const def = /^(.*)\/kanban\.db$/.exec(db);
  return def ? { home: def[1] || "/", board: DEFAULT_BOARD } : null;
}

/**
 * HERMES_HOME, else Hermes's HERMES_KANBAN_HOME, else the home of Hermes's HERMES_KANBAN_DB,
 * else `~/.hermes`. `warn` hears when HERMES_HOME and HERMES_KANBAN_HOME differ (ours is used).
 */
export function resolveHome(env: Env, warn: EnvWarn = () => {}): string {
  const ours = env("HERMES_HOME")?.trim();
  const alias = env("HERMES_KANBAN_HOME")?.trim();
  if (ours) {
    const home = cleanPath("HERMES_HOME", ours, env, false);
    if (alias && cleanPath("HERMES_KANBAN_HOME", alias, env) !== home) {
      warn(
        `HERMES_HOME (${home}) and Hermes's HERMES_KANBAN_HOME (${alias}) differ; using HERMES_HOME`,
      );
    }
    return home;
  }
  if (alias) return cleanPath("HERMES_KANBAN_HOME", alias, env);
  const db = env("HERMES_KANBAN_DB")?.trim();
  const of = db ? boardOfDbPath(cleanPath("HERMES_KANBAN_DB", db, env)) : null;
  if (of) return of.home;
  const home = env("HOME")?.trim();
  if (!home) throw new UsageError("neither HERMES_HOME nor HOME is set", "invalid_path");
  return `${home.replace(/\/+$/, "")}/.hermes`;
}

/** Paths of one board's files. */
export interface BoardPaths {
  board: string;
  /** The SQLite file. */
  db: string;
  /** Hermes's per-board dispatch lock: flock'd by a dispatcher for each tick. */
  tickLock: string;
  /** The board's metadata (display name, description, default workdir), as Hermes keeps it. */
  meta: string;
  /** Directory holding the board's kanban files (logs, workspaces). */
  dir: string;
  logs: string;
  workspaces: string;
}

/** Paths for a board: default at `<home>/kanban.db`, others at `<home>/kanban/boards/<name>/`. */
export function boardPaths(home: string, board: string): BoardPaths {
  const named = board !== DEFAULT_BOARD;
  const dir = named ? `${boardsDir(home)}/${board}` : `${home}/kanban`;
  const db = named ? `${dir}/kanban.db` : `${home}/kanban.db`;
  return {
    board,
    db,
    tickLock: `${db}.dispatch.lock`,
    meta: `${boardsDir(home)}/${board}/board.json`,
    dir,
    logs: `${dir}/logs`,
    workspaces: `${dir}/workspaces`,
  };
}

/** Directory holding named boards. */
export function boardsDir(home: string): string {
  return `${home}/kanban/boards`;
}

/** Home-level files. */
export function homePaths(home: string) {
  return {
    config: `${home}/config.yaml`,
    gatewayPid: `${home}/gateway.pid`,
    gatewayLock: `${home}/gateway.lock`,
    gatewayState: `${home}/gateway_state.json`,
    gatewayLog: `${home}/logs/gateway.log`,
    /** Hermes's current-board file: the board a command uses when none is named. */
    currentBoard: `${home}/kanban/current`,
    /** Hermes's dispatcher singleton: flock'd for its life by the one process that dispatches. */
    dispatcherLock: `${home}/kanban/.dispatcher.lock`,
    /** Where `boards rm` moves a board (as Hermes does). */
    archivedBoards: `${boardsDir(home)}/_archived`,
    logsDir: `${home}/logs`,
  };
}

/** Create a directory (and parents) with mode 0700. */
export function ensurePrivateDir(path: string): void {
  try {
    Deno.mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
  }
}
