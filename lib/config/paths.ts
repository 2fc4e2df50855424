/**
 * Where things live under HERMES_HOME, and which home and board a command uses (with Hermes's
 * variables and its current-board file). Every path is absolute; nothing resolves from the CWD.
 */

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

/**
 * Where a run's files sit, without extension: `<logs>/<task id>.<run id>` (`.log`, `.exit`,
 * `.secret`, …). Flat, so a spawn creates no directory (a directory costs more than a file).
 */
export function runFileBase(paths: BoardPaths, taskId: string, runId: number): string {
  return `${paths.logs}/${taskId}.${runId}`;
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

/** Where the board came from, highest precedence first. */
export type BoardSource = "flag" | "env" | "hermes_db" | "current_file" | "default";

/** The board a command acts on and why. */
export interface BoardChoice {
  board: string;
  source: BoardSource;
}

/** A board name as Hermes takes it: trimmed and lower-cased, then checked. */
export function normalizeBoardName(raw: string): string {
  return validateBoardName(raw.trim().toLowerCase());
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/**
 * True when the board exists as Hermes counts boards: the default board always; a named board
 * when its directory holds a database or a `board.json`.
 */
export function boardExists(home: string, board: string): boolean {
  if (board === DEFAULT_BOARD) return true;
  const p = boardPaths(home, board);
  return exists(p.db) || exists(p.meta);
}

/**
 * The board the current-board file names, or null when there is none, it names no valid board,
 * or that board no longer exists (Hermes falls through to the default the same way).
 */
export function readCurrentBoard(home: string): string | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(homePaths(home).currentBoard);
  } catch {
    return null;
  }
  try {
    const board = normalizeBoardName(text);
    return boardExists(home, board) ? board : null;
  } catch {
    return null;
  }
}

/**
 * The board Hermes's HERMES_KANBAN_DB names under `home`, or null. Hermes takes the variable as
 * the database path itself; a path that is not a board of this home is ignored with a warning.
 */
function boardOfHermesDb(home: string, env: Env, warn: EnvWarn): string | null {
  const raw = env("HERMES_KANBAN_DB")?.trim();
  if (!raw) return null;
  const path = cleanPath("HERMES_KANBAN_DB", raw, env);
  const of = boardOfDbPath(path);
  if (of && of.home === home) return of.board;
  warn(
    `Hermes's HERMES_KANBAN_DB (${path}) is not a board of ${home} ` +
      `(${home}/kanban.db or ${home}/kanban/boards/<name>/kanban.db); ignored`,
  );
  return null;
}

/**
 * The board a command acts on: `--board`, else HERMES_KANBAN_BOARD, else the board Hermes's
 * HERMES_KANBAN_DB points at, else the current-board file, else the default board. `warn` hears
 * when HERMES_KANBAN_BOARD and HERMES_KANBAN_DB disagree (ours is used) and when Hermes's
 * HERMES_KANBAN_WORKSPACES_ROOT names another place than the board's workspaces.
 */
export function selectBoard(
  flag: string | undefined,
  env: Env,
  home: string,
  warn: EnvWarn = () => {},
): BoardChoice {
  const fromFlag = flag?.trim();
  const fromEnv = env("HERMES_KANBAN_BOARD")?.trim();
  const fromDb = boardOfHermesDb(home, env, warn);
  let choice: BoardChoice;
  if (fromFlag) choice = { board: normalizeBoardName(fromFlag), source: "flag" };
  else if (fromEnv) {
    choice = { board: normalizeBoardName(fromEnv), source: "env" };
    if (fromDb !== null && fromDb !== choice.board) {
      warn(
        `HERMES_KANBAN_BOARD (${choice.board}) and Hermes's HERMES_KANBAN_DB (board ${fromDb}) ` +
          "differ; using HERMES_KANBAN_BOARD",
      );
    }
  } else if (fromDb !== null) choice = { board: fromDb, source: "hermes_db" };
  else {
    const current = readCurrentBoard(home);
    choice = current === null
      ? { board: DEFAULT_BOARD, source: "default" }
      : { board: current, source: "current_file" };
  }
  const root = env("HERMES_KANBAN_WORKSPACES_ROOT")?.trim();
  if (root) {
    const want = boardPaths(home, choice.board).workspaces;
    const got = cleanPath("HERMES_KANBAN_WORKSPACES_ROOT", root, env);
    if (got !== want) {
      warn(
        `Hermes's HERMES_KANBAN_WORKSPACES_ROOT (${got}) is not board ${choice.board}'s ` +
          `workspaces directory (${want}); ignored`,
      );
    }
  }
  return choice;
}
