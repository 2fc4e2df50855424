/** The store: the only module that speaks SQL. Open a board, then use BoardStore. */

import { boardPaths, ensurePrivateDir } from "../config/paths.ts";
import { type Clock, SqliteBoardStore } from "./board_store.ts";
import { DEFAULT_BUSY_TIMEOUT_MS } from "./connection.ts";

// Types only: `export *` would make every command load this module at start-up.
export type * from "./types.ts";
export { Connection, DEFAULT_BUSY_TIMEOUT_MS, mapSqliteError } from "./connection.ts";
export {
  type Clock,
  cutError,
  PATCH_COLUMNS,
  SOMEONE,
  SqliteBoardStore,
  systemClock,
} from "./board_store.ts";
export { SCHEMA_VERSION } from "./schema.ts";

/** Options for opening a board by name. */
export interface OpenBoardOptions {
  /** Create the board (and HERMES_HOME) if missing. */
  create?: boolean;
  busyTimeoutMs?: number;
  integrityCheck?: boolean;
  clock?: Clock;
}

/** Open board `board` under `home`. */
export function openBoard(
  home: string,
  board: string,
  opts: OpenBoardOptions = {},
): SqliteBoardStore {
  const paths = boardPaths(home, board);
  if (opts.create) {
    ensurePrivateDir(home);
    if (paths.db !== `${home}/kanban.db`) ensurePrivateDir(paths.dir);
  }
  return SqliteBoardStore.open(
    paths.db,
    {
      create: opts.create ?? false,
      busyTimeoutMs: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      integrityCheck: opts.integrityCheck,
    },
    opts.clock,
  );
}
