/**
 * Boards: one SQLite file per board under HERMES_HOME, or, when kanban.db_url names
 * PostgreSQL, one schema per board in that database; list, create and remove them.
 */

import { DatabaseSync } from "node:sqlite";
import { ConflictError, NotFoundError, StoreError, UsageError } from "../board/errors.ts";
import { validateBoardName } from "../board/validate.ts";
import { boardPaths, boardsDir, DEFAULT_BOARD } from "../config/paths.ts";
import { openBoard, pgBackend } from "./mod.ts";

/** What `boards list` shows about a board. */
export interface BoardInfo {
  name: string;
  /** The board's SQLite file, or its PostgreSQL address (no password). */
  path: string;
  exists: boolean;
  /** Number of tasks (archived included); null when the board is missing or unreadable. */
  tasks: number | null;
  /** Why the tasks could not be counted. */
  error?: string;
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

/** Count a board's tasks without migrating or writing it. */
export function countTasks(dbPath: string): number {
  // SQLite reads zero bytes as an empty database; this one is a board that lost its contents.
  if (Deno.statSync(dbPath).size === 0) {
    throw new StoreError(
      `cannot read board ${dbPath}: it is an empty file (0 bytes)`,
      "unreadable",
    );
  }
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(dbPath, { readOnly: true, timeout: 5_000 });
    const row = db.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number };
    return Number(row.n);
  } catch (e) {
    throw new StoreError(
      `cannot read board ${dbPath}: ${(e as Error).message.split("\n")[0]}`,
      "unreadable",
    );
  } finally {
    db?.close();
  }
}

/** Describe one board. */
export function boardInfo(home: string, name: string): BoardInfo {
  const pg = pgBackend(home);
  if (pg) {
    const path = `${pg.display} (board ${name})`;
    try {
      const tasks = pg.countTasks(name);
      return tasks === null
        ? { name, path, exists: false, tasks: null }
        : { name, path, exists: true, tasks };
    } catch (e) {
      return { name, path, exists: false, tasks: null, error: (e as Error).message };
    }
  }
  const path = boardPaths(home, name).db;
  if (!exists(path)) return { name, path, exists: false, tasks: null };
  try {
    return { name, path, exists: true, tasks: countTasks(path) };
  } catch (e) {
    return { name, path, exists: true, tasks: null, error: (e as Error).message };
  }
}

/** Named boards (the default left out) whose database file (or schema) exists, sorted by name. */
export function namedBoardsOnDisk(home: string): string[] {
  const pg = pgBackend(home);
  if (pg) return pg.boards().filter((b) => b !== DEFAULT_BOARD);
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(boardsDir(home))) {
      if (!entry.isDirectory || entry.name === DEFAULT_BOARD) continue;
      try {
        validateBoardName(entry.name);
      } catch {
        continue; // not a board directory we made
      }
      if (exists(boardPaths(home, entry.name).db)) names.push(entry.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return names.sort();
}

/**
 * Names of the boards whose database file exists, the default first, from the file system
 * alone (no database is opened). Never throws: the gateway polls it, and an unreadable entry
 * under HERMES_HOME must not stop the gateway.
 */
export function boardsOnDisk(home: string): string[] {
  let pg;
  try {
    pg = pgBackend(home);
    if (pg) return pg.boards();
  } catch {
    return pg ? [DEFAULT_BOARD] : []; // an unreachable database: the default board only
  }
  let named: string[] = [];
  try {
    named = namedBoardsOnDisk(home);
  } catch { /* an unreadable boards directory: no named boards this time */ }
  let hasDefault = false;
  try {
    hasDefault = exists(boardPaths(home, DEFAULT_BOARD).db);
  } catch { /* an unreadable home: no default board this time */ }
  return hasDefault ? [DEFAULT_BOARD, ...named] : named;
}

/** The default board (always listed, even before it is created), then named boards by name. */
export function listBoards(home: string): BoardInfo[] {
  return [DEFAULT_BOARD, ...namedBoardsOnDisk(home)].map((n) => boardInfo(home, n));
}

/** Create a board: its directory (0700) and an initialised database (0600). */
export function createBoard(home: string, name: string): BoardInfo {
  validateBoardName(name);
  const pg = pgBackend(home);
  if (pg) {
    pg.createBoard(name);
    return { name, path: `${pg.display} (board ${name})`, exists: true, tasks: 0 };
  }
  const path = boardPaths(home, name).db;
  if (exists(path)) {
    throw new ConflictError(`board '${name}' already exists (${path})`, "board_exists");
  }
  openBoard(home, name, { create: true }).close();
  return { name, path, exists: true, tasks: 0 };
}

/** Remove a named board's directory (database, logs, workspaces). Refuses a board with tasks unless `force`. */
export function removeBoard(home: string, name: string, force: boolean): BoardInfo {
  validateBoardName(name);
  if (name === DEFAULT_BOARD) {
    throw new UsageError(
      `the default board cannot be removed (${
        boardPaths(home, name).db
      }); archive its tasks instead`,
      "default_board",
    );
  }
  const pg = pgBackend(home);
  if (pg) {
    const info = boardInfo(home, name);
    if (!info.exists) {
      throw new NotFoundError(
        `no board named '${name}' (see 'hermes kanban boards list')`,
        "no_board",
      );
    }
    if (info.tasks !== null && info.tasks > 0 && !force) {
      throw new ConflictError(
        `board '${name}' has ${info.tasks} task${
          info.tasks === 1 ? "" : "s"
        }; pass --force to remove it with its tasks, logs and workspaces`,
        "board_not_empty",
      );
    }
    pg.dropBoard(name);
    try {
      Deno.removeSync(boardPaths(home, name).dir, { recursive: true });
    } catch { /* no logs or workspaces on this host */ }
    return { name, path: info.path, exists: false, tasks: info.tasks };
  }
  const paths = boardPaths(home, name);
  if (!exists(paths.db)) {
    throw new NotFoundError(
      `no board named '${name}' (see 'hermes kanban boards list')`,
      "no_board",
    );
  }
  let tasks: number | null = null;
  try {
    tasks = countTasks(paths.db);
  } catch (e) {
    if (!force) {
      throw new ConflictError(
        `${(e as Error).message}; pass --force to remove board '${name}' anyway`,
        "board_unreadable",
      );
    }
  }
  if (tasks !== null && tasks > 0 && !force) {
    throw new ConflictError(
      `board '${name}' has ${tasks} task${
        tasks === 1 ? "" : "s"
      }; pass --force to remove it with its tasks, logs and workspaces`,
      "board_not_empty",
    );
  }
  Deno.removeSync(paths.dir, { recursive: true });
  return { name, path: paths.db, exists: false, tasks };
}
