/**
 * Which board a command acts on, and the current-board file that remembers a choice between
 * commands. The file is Hermes's own (`<home>/kanban/current`, the board's name and a newline),
 * so a board switched in Hermes is the board this program uses, and the other way round.
 */

import { UsageError } from "../board/errors.ts";
import { validateBoardName } from "../board/validate.ts";
import {
  boardOfDbPath,
  boardPaths,
  cleanPath,
  DEFAULT_BOARD,
  ensurePrivateDir,
  type Env,
  type EnvWarn,
  homePaths,
} from "./paths.ts";
import { removeIfExists, writePrivateAtomic } from "./private_file.ts";

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

/** Remember `board` as the current one (written as Hermes writes it: the name and a newline). */
export function writeCurrentBoard(home: string, board: string): string {
  const path = homePaths(home).currentBoard;
  ensurePrivateDir(home);
  ensurePrivateDir(`${home}/kanban`);
  writePrivateAtomic(path, `${board}\n`);
  return path;
}

/** Forget the current board: commands use the default board again. */
export function clearCurrentBoard(home: string): void {
  removeIfExists(homePaths(home).currentBoard);
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

/** A board name given on a command line (`boards switch <name>`): normalised, or a usage error. */
export function boardArg(raw: string | undefined, usage: string): string {
  const n = raw?.trim();
  if (!n) throw new UsageError(`a board name is required: ${usage}`);
  return normalizeBoardName(n);
}
