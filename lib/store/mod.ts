/**
 * The store: the only module that speaks SQL. Open a board with `openBoard` and use the
 * `Store` interface; the dispatcher's and the notifier's views of it come from engine.ts.
 * Nothing outside lib/store sees the SQLite implementation or its connection.
 */

import {
  boardExists,
  boardPaths,
  DEFAULT_BOARD,
  ensurePrivateDir,
  type Env,
  homePaths,
  resolveHome,
} from "../config/paths.ts";
import { SqlBoardStore } from "./board_store.ts";
import { createError, DEFAULT_BUSY_TIMEOUT_MS } from "./connection.ts";
import type { PgBackend } from "./_pg_store.ts";
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
  /** Where HERMES_KANBAN_DB_URL is looked up (default: the process environment). */
  env?: Env;
}

/** The process environment, as far as this thread may read it. */
const processEnv: Env = (name) => {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
};

/** Per HERMES_HOME: its PostgreSQL database, or null for SQLite files (see prepareStore). */
const backends = new Map<string, PgBackend | null>();

/**
 * Find where `home`'s boards live — PostgreSQL when `HERMES_KANBAN_DB_URL` or `kanban.db_url`
 * names a database, else SQLite files — and load the PostgreSQL store when needed. Every
 * thread that opens boards calls it once first (the CLI's main, the gateway's workers):
 * openBoard itself is synchronous and cannot load the driver. SQLite users load nothing.
 */
export async function prepareStore(home: string, env: Env = processEnv): Promise<void> {
  let url = env("HERMES_KANBAN_DB_URL")?.trim() ?? "";
  const mentioned = url !== "" || configMentionsDb(home);
  let config: import("../config/config.ts").Config | null = null;
  if (mentioned) {
    const { loadConfig, get } = await import("../config/config.ts");
    config = await loadConfig(home, env);
    url = get(config, "kanban.db_url").trim();
  }
  if (!url) {
    backends.set(home, null);
    return;
  }
  const { PgBackend } = await import("./_pg_store.ts");
  const { get } = await import("../config/config.ts");
  backends.set(
    home,
    new PgBackend({
      url,
      env,
      home: env("HOME"),
      connectTimeoutSeconds: config ? get(config, "kanban.db_connect_timeout_seconds") : 10,
      statementTimeoutSeconds: config ? get(config, "kanban.db_statement_timeout_seconds") : 30,
    }),
  );
}

/**
 * True when the boards of the home `env` names may live in PostgreSQL: HERMES_KANBAN_DB_URL
 * is set, or config.yaml mentions db_url (a cheap look, before any argument is read; it may say
 * yes for a commented-out key). False when no home can be named.
 */
export function boardsInDatabase(env: Env = processEnv): boolean {
  if (env("HERMES_KANBAN_DB_URL")?.trim()) return true;
  try {
    return configMentionsDb(resolveHome(env));
  } catch {
    return false; // the command reports a bad HERMES_HOME itself
  }
}

/** True when config.yaml may set kanban.db_url (a cheap look before parsing any YAML). */
function configMentionsDb(home: string): boolean {
  try {
    return Deno.readTextFileSync(homePaths(home).config).includes("db_url");
  } catch {
    return false;
  }
}

/**
 * The PostgreSQL database of `home`'s boards, or null when they are SQLite files. Throws when
 * PostgreSQL is configured but prepareStore has not run in this thread.
 */
export function pgBackend(home: string, env: Env = processEnv): PgBackend | null {
  const known = backends.get(home);
  if (known !== undefined) return known;
  if (env("HERMES_KANBAN_DB_URL")?.trim() || configMentionsDb(home)) {
    throw new Error(
      `internal: the store of ${home} was not prepared (prepareStore) before a board was opened`,
    );
  }
  backends.set(home, null);
  return null;
}

/**
 * Whether opening board `board` of `home` may create its database: the default board always;
 * a named board Hermes described (its board.json) but never opened, for SQLite files. On
 * PostgreSQL a board is its schema, and a board.json is only one host's description of it: a
 * board archived or deleted elsewhere is not made again by opening it here.
 */
export function createsOnOpen(home: string, board: string): boolean {
  if (board === DEFAULT_BOARD) return true;
  return pgBackend(home) === null && boardExists(home, board);
}

/** Open board `board` under `home`. */
export function openBoard(
  home: string,
  board: string,
  opts: OpenBoardOptions = {},
): Store {
  const pg = pgBackend(home, opts.env);
  if (pg) {
    return pg.openBoard(board, {
      create: opts.create ?? false,
      busyTimeoutMs: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      clock: opts.clock,
    });
  }
  const paths = boardPaths(home, board);
  if (opts.create) {
    try {
      ensurePrivateDir(home);
      if (paths.db !== `${home}/kanban.db`) ensurePrivateDir(paths.dir);
    } catch (e) {
      throw createError(e, `board ${paths.db}`);
    }
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
export type * from "./board_meta.ts";
export type * from "./doctor.ts";
export type * from "./engine.ts";
export type * from "./postgres.ts";
export type * from "./migrate.ts";
