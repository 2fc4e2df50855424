/**
 * The store: the only module that speaks SQL. Open a board with `openBoard` and use the
 * `Store` interface; the dispatcher's and the notifier's views of it come from engine.ts.
 * Nothing outside lib/store sees the SQLite implementation or its connection.
 */

import { boardPaths, ensurePrivateDir } from "../config/paths.ts";
import { SqlBoardStore } from "./board_store.ts";
import { DEFAULT_BUSY_TIMEOUT_MS } from "./connection.ts";
import type { Clock, Store } from "./types.ts";

// Types only: `export *` would make every command load this module at start-up.
export type * from "./types.ts";
export { DEFAULT_BUSY_TIMEOUT_MS } from "./connection.ts";
export { cutError, PATCH_COLUMNS, SOMEONE, systemClock } from "./board_store.ts";
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
): Store {
  const paths = boardPaths(home, board);
  if (opts.create) {
    ensurePrivateDir(home);
    if (paths.db !== `${home}/kanban.db`) ensurePrivateDir(paths.dir);
  }
  return SqlBoardStore.open(
    paths.db,
    {
      create: opts.create ?? false,
      busyTimeoutMs: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      integrityCheck: opts.integrityCheck,
    },
    opts.clock,
  );
}
// Named here so they are public; import them directly where start-up time matters.
export type * from "./boards.ts";
export type * from "./doctor.ts";
export type * from "./engine.ts";
