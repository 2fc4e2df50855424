/**
 * Boards on disk, laid out as Hermes lays them out: one SQLite file per board under HERMES_HOME
 * (the default at `<home>/kanban.db`, others in `<home>/kanban/boards/<name>/`), each with its
 * board.json; list, create, describe, archive and remove them. When kanban.db_url names
 * PostgreSQL, a board is one schema of that database instead (shared by every host), and its
 * board.json, logs and workspaces stay under each host's HERMES_HOME (a default workdir is a
 * path on that host).
 */

import { DatabaseSync } from "node:sqlite";
import { ConflictError, NotFoundError, StoreError, UsageError } from "../board/errors.ts";
import { validateBoardName } from "../board/validate.ts";
import {
  boardExists,
  boardPaths,
  boardsDir,
  DEFAULT_BOARD,
  ensurePrivateDir,
  homePaths,
  normalizeBoardName,
  readCurrentBoard,
} from "../config/paths.ts";
import { clearCurrentBoard } from "../config/board_selection.ts";
import {
  type BoardMeta,
  type BoardMetaPatch,
  readBoardMeta,
  writeBoardMeta,
} from "./board_meta.ts";
import { openBoard, pgBackend } from "./mod.ts";
import type { PgBackend } from "./_pg_store.ts";

/** What `boards list` shows about a board: Hermes's fields, then ours. */
export interface BoardInfo extends BoardMeta {
  /** The board's SQLite file, or its PostgreSQL address (no password) and board. */
  db_path: string;
  is_current: boolean;
  /** Tasks by status (archived included); empty when the board is missing or unreadable. */
  counts: Record<string, number>;
  total: number;
  /** The database file (or schema) exists (the default board's is made on first use). */
  exists: boolean;
  /** Why the tasks could not be counted. */
  error?: string;
}

/** What `boards rm` did. */
export interface RemovedBoard {
  slug: string;
  action: "archived" | "deleted";
  /** Where an archived board went; empty when deleted. */
  new_path: string;
  /** Its task count, when it could be read. */
  tasks: number | null;
  /** How to undo an archive on PostgreSQL (the statement that renames its schema back). */
  recover?: string;
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

/** Count a board's tasks by status without migrating or writing it. */
export function countByStatus(dbPath: string): Record<string, number> {
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
    const rows = db.prepare(
      "SELECT status, COUNT(*) AS n FROM tasks GROUP BY status ORDER BY status",
    )
      .all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } catch (e) {
    throw new StoreError(
      `cannot read board ${dbPath}: ${(e as Error).message.split("\n")[0]}`,
      "unreadable",
    );
  } finally {
    db?.close();
  }
}

/** What messages and listings call board `name` of a PostgreSQL database. */
function pgPath(pg: PgBackend, name: string): string {
  return `${pg.display} (board ${name})`;
}

/** Describe one board; `current` is the board commands use when none is named. */
export function boardInfo(home: string, name: string, current: string): BoardInfo {
  const pg = pgBackend(home);
  const path = pg ? pgPath(pg, name) : boardPaths(home, name).db;
  const meta = readBoardMeta(home, name);
  if (pg) {
    const base = { ...meta, db_path: path, is_current: name === current, counts: {}, total: 0 };
    try {
      const counts = pg.countByStatus(name);
      if (counts === null) return { ...base, exists: false };
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      return { ...base, counts, total, exists: true };
    } catch (e) {
      return { ...base, exists: false, error: (e as Error).message };
    }
  }
  const base = { ...meta, db_path: path, is_current: name === current, counts: {}, total: 0 };
  if (!exists(path)) return { ...base, exists: false };
  try {
    const counts = countByStatus(path);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { ...base, counts, total, exists: true };
  } catch (e) {
    return { ...base, exists: true, error: (e as Error).message };
  }
}

/**
 * Named boards (the default left out) sorted by name: those whose database file exists, and with
 * `described`, also those Hermes made with only a board.json so far.
 */
export function namedBoardsOnDisk(home: string, described = false): string[] {
  // On PostgreSQL a board is its schema: a board.json alone describes nothing there.
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
      const p = boardPaths(home, entry.name);
      if (exists(p.db) || (described && exists(p.meta))) names.push(entry.name);
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

/**
 * The default board (always listed, even before it is created), then named boards by name;
 * archived ones (board.json says so) only with `includeArchived`, as Hermes lists them.
 */
export function listBoards(
  home: string,
  opts: { current?: string; includeArchived?: boolean } = {},
): BoardInfo[] {
  const current = opts.current ?? readCurrentBoard(home) ?? DEFAULT_BOARD;
  return [DEFAULT_BOARD, ...namedBoardsOnDisk(home, true)]
    .map((n) => boardInfo(home, n, current))
    .filter((b) => b.slug === DEFAULT_BOARD || opts.includeArchived || !b.archived);
}

/** What `boards create` did. */
export interface CreatedBoard {
  board: BoardInfo;
  /** False when the board was there already (creating is idempotent, as in Hermes). */
  created: boolean;
}

/**
 * Create a board: its directory (0700), board.json and an initialised database (0600). A board
 * that exists already is left with its tasks; the fields given update its board.json (as Hermes's
 * create does). `now` stamps a first write of board.json.
 */
export function createBoard(
  home: string,
  rawName: string,
  patch: BoardMetaPatch,
  now: number,
): CreatedBoard {
  const name = normalizeBoardName(rawName);
  const existed = name !== DEFAULT_BOARD && hasBoard(home, name);
  writeBoardMeta(home, name, patch, now);
  openBoard(home, name, { create: true }).close();
  return {
    board: boardInfo(home, name, readCurrentBoard(home) ?? DEFAULT_BOARD),
    created: !existed,
  };
}

/**
 * True when board `name` exists: as Hermes counts boards for SQLite files (boardExists), as a
 * schema on PostgreSQL.
 */
export function hasBoard(home: string, name: string): boolean {
  const pg = pgBackend(home);
  if (!pg) return boardExists(home, name);
  return name === DEFAULT_BOARD || pg.schemaVersion(name) !== null;
}

/**
 * A board that must exist: its normalised name, or not found. On PostgreSQL a board made by
 * another host is described on this one (its board.json written with the defaults), so that
 * this host's current-board file may name it.
 */
export function existingBoard(home: string, rawName: string, now?: number): string {
  const name = normalizeBoardName(rawName);
  if (pgBackend(home) && name !== DEFAULT_BOARD && hasBoard(home, name)) {
    if (now !== undefined && !boardExists(home, name)) writeBoardMeta(home, name, {}, now);
    return name;
  }
  if (!boardExists(home, name)) {
    throw new NotFoundError(
      `no board named '${name}' (see 'hermes kanban boards list')`,
      "no_board",
    );
  }
  return name;
}

/** Update a board's board.json (display name, description, icon, colour, default workdir). */
export function describeBoard(
  home: string,
  rawName: string,
  patch: BoardMetaPatch,
  now: number,
): BoardInfo {
  const name = existingBoard(home, rawName, now);
  writeBoardMeta(home, name, patch, now);
  return boardInfo(home, name, readCurrentBoard(home) ?? DEFAULT_BOARD);
}

/**
 * Remove a named board, as Hermes does: by default its directory (database, logs, workspaces,
 * board.json) moves to `<home>/kanban/boards/_archived/<name>-<unix seconds>/`, recoverable by
 * moving it back. `deleteIt` removes it for good instead, which a board with tasks refuses unless
 * `force`. If the current-board file names the board, it is cleared (back to the default).
 */
export function removeBoard(
  home: string,
  rawName: string,
  opts: { deleteIt: boolean; force: boolean; now: number },
): RemovedBoard {
  const name = normalizeBoardName(rawName);
  if (name === DEFAULT_BOARD) {
    throw new UsageError(
      `the default board cannot be removed (${
        boardPaths(home, name).db
      }); archive its tasks instead`,
      "default_board",
    );
  }
  const pg = pgBackend(home);
  if (pg) return removePgBoard(home, pg, name, opts);
  const paths = boardPaths(home, name);
  if (!exists(paths.dir)) {
    throw new NotFoundError(
      `no board named '${name}' (see 'hermes kanban boards list')`,
      "no_board",
    );
  }
  let tasks: number | null = null;
  let unreadable: string | null = null;
  if (exists(paths.db)) {
    try {
      tasks = Object.values(countByStatus(paths.db)).reduce((a, b) => a + b, 0);
    } catch (e) {
      unreadable = (e as Error).message;
    }
  } else tasks = 0;
  if (opts.deleteIt && !opts.force) {
    if (unreadable !== null) {
      throw new ConflictError(
        `${unreadable}; pass --force to delete board '${name}' anyway`,
        "board_unreadable",
      );
    }
    if (tasks !== null && tasks > 0) {
      throw new ConflictError(
        `board '${name}' has ${tasks} task${
          tasks === 1 ? "" : "s"
        }; pass --force to delete it with its tasks, logs and workspaces (without --delete it is archived, recoverable)`,
        "board_not_empty",
      );
    }
  }
  if (readCurrentBoard(home) === name) clearCurrentBoard(home);
  if (opts.deleteIt) {
    Deno.removeSync(paths.dir, { recursive: true });
    return { slug: name, action: "deleted", new_path: "", tasks };
  }
  const root = homePaths(home).archivedBoards;
  ensurePrivateDir(root);
  let target = `${root}/${name}-${opts.now}`;
  for (let n = 1; exists(target); n++) target = `${root}/${name}-${opts.now}-${n}`;
  Deno.renameSync(paths.dir, target);
  return { slug: name, action: "archived", new_path: target, tasks };
}

/**
 * Remove board `name` of a PostgreSQL database, as removeBoard does a file: archived (default),
 * its schema renamed aside (`hermes__archived_<unix seconds>_<name>`, recoverable by renaming it
 * back) and this host's directory moved to `_archived`; or, with `deleteIt`, dropped with this
 * host's directory (which a board with tasks refuses unless `force`). Other hosts keep their
 * own directories of it.
 */
function removePgBoard(
  home: string,
  pg: PgBackend,
  name: string,
  opts: { deleteIt: boolean; force: boolean; now: number },
): RemovedBoard {
  const counts = pg.countByStatus(name);
  if (counts === null) {
    throw new NotFoundError(
      `no board named '${name}' (see 'hermes kanban boards list')`,
      "no_board",
    );
  }
  const tasks = Object.values(counts).reduce((a, b) => a + b, 0);
  if (opts.deleteIt && !opts.force && tasks > 0) {
    throw new ConflictError(
      `board '${name}' has ${tasks} task${
        tasks === 1 ? "" : "s"
      }; pass --force to delete it with its tasks, logs and workspaces (without --delete it is archived, recoverable)`,
      "board_not_empty",
    );
  }
  if (readCurrentBoard(home) === name) clearCurrentBoard(home);
  const dir = boardPaths(home, name).dir;
  if (opts.deleteIt) {
    pg.dropBoard(name);
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* no logs or workspaces of it on this host */ }
    return { slug: name, action: "deleted", new_path: "", tasks };
  }
  const { from, to } = pg.archiveBoard(name, opts.now);
  if (exists(dir)) {
    const root = homePaths(home).archivedBoards;
    ensurePrivateDir(root);
    let target = `${root}/${name}-${opts.now}`;
    for (let n = 1; exists(target); n++) target = `${root}/${name}-${opts.now}-${n}`;
    Deno.renameSync(dir, target);
  }
  return {
    slug: name,
    action: "archived",
    new_path: `${pg.display} (schema ${to})`,
    tasks,
    recover: `ALTER SCHEMA "${to}" RENAME TO "${from}"`,
  };
}
