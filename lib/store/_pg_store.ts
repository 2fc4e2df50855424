/**
 * The PostgreSQL backend: boards as PostgreSQL schemas of one database (`hermes_<board>`),
 * opened, created, migrated, listed and removed. Loaded by mod.ts's `prepareStore` only when
 * `kanban.db_url` / `HERMES_KANBAN_DB_URL` names a PostgreSQL database, so SQLite users never
 * load the driver.
 */

import type { NotFoundError } from "../board/errors.ts";
import { type Clock, SqlBoardStore } from "./board_store.ts";
import type { ConnectOptions } from "./_pg_bridge.ts";
import { mapPgError, noPgBoard, pgBoardPath, PgConnection } from "./_pg_connection.ts";
import {
  archivedSchemaOf,
  ident,
  PG_MIGRATIONS,
  PG_SCHEMA_VERSION,
  PG_VERSION_TABLE,
  schemaOf,
} from "./_pg_schema.ts";
import { type EnvLookup, type PgOptions, pgOptions } from "./_pg_url.ts";
import { PgBridge } from "./_pg_bridge.ts";

/** Settings of a PostgreSQL store (kanban.db_* keys). */
export interface PgSettings {
  url: string;
  env: EnvLookup;
  home: string | undefined;
  connectTimeoutSeconds?: number;
  statementTimeoutSeconds?: number;
}

/** How to open a board. */
export interface PgOpenOptions {
  create: boolean;
  busyTimeoutMs: number;
  clock?: Clock;
  /** Never migrate (doctor): an older schema is read as it is. */
  readOnly?: boolean;
}

/** The channel every gateway listens on for boards created or removed. */
export const BOARDS_CHANNEL = "hermes_boards";

/** A PostgreSQL database holding boards. */
export class PgBackend {
  readonly options: PgOptions;
  readonly #settings: PgSettings;

  constructor(settings: PgSettings) {
    this.#settings = settings;
    this.options = pgOptions(settings.url, settings.env, settings.home);
  }

  /** The URL without its password. */
  get display(): string {
    return this.options.display;
  }

  /** Connection settings for a session on `schema` (or none). */
  connect(schema: string | null, busyTimeoutMs: number): ConnectOptions {
    const o = this.options;
    const settings: Record<string, string> = {
      lock_timeout: String(Math.max(1, busyTimeoutMs)),
      statement_timeout: String((this.#settings.statementTimeoutSeconds ?? 30) * 1000),
      // Idle sessions inside a transaction are a bug; do not let one hold the board's lock.
      idle_in_transaction_session_timeout: String(
        Math.max(60_000, (this.#settings.statementTimeoutSeconds ?? 30) * 2000),
      ),
    };
    if (schema !== null) settings.search_path = ident(schema);
    return {
      host: o.host,
      port: o.port,
      database: o.database,
      user: o.user,
      password: o.password,
      sslmode: o.sslmode,
      connectTimeoutSeconds: this.#settings.connectTimeoutSeconds ?? 10,
      settings,
    };
  }

  #session(board: string | null, busyTimeoutMs: number): PgConnection {
    const schema = board === null ? "public" : schemaOf(board);
    return new PgConnection({
      connect: this.connect(board === null ? null : schema, busyTimeoutMs),
      schema,
      path: board === null ? this.display : pgBoardPath(this.display, board),
      password: this.options.password,
      busyTimeoutMs,
      // A statement's own limit, a reconnect, and a margin: past that the network is gone.
      callTimeoutMs: ((this.#settings.statementTimeoutSeconds ?? 30) +
            (this.#settings.connectTimeoutSeconds ?? 10) + 5) * 1000 + busyTimeoutMs,
    });
  }

  /** Open board `board`, creating or migrating its schema when allowed. */
  openBoard(board: string, opts: PgOpenOptions): SqlBoardStore {
    const conn = this.#session(board, opts.busyTimeoutMs);
    try {
      const version = this.#version(conn);
      if (version === null && !opts.create) throw noPgBoard(conn.path);
      if (!opts.readOnly && (version === null || version < PG_SCHEMA_VERSION)) {
        this.#migrate(conn, board);
      }
      return new SqlBoardStore(conn, opts.clock);
    } catch (e) {
      conn.close();
      throw e;
    }
  }

  /** The schema version of the session's board, or null when the board does not exist. */
  #version(conn: PgConnection): number | null {
    const row = conn.get<{ has: boolean }>(
      "SELECT to_regclass(CAST(? AS text)) IS NOT NULL AS has",
      `${ident(conn.schema)}.hx_schema_version`,
    );
    if (!row?.has) return null;
    return Number(conn.value("SELECT COALESCE(MAX(version), 0) FROM hx_schema_version") ?? 0);
  }

  /** Create the board's schema and run the steps it lacks, once, under an advisory lock. */
  #migrate(conn: PgConnection, board: string): void {
    const schema = ident(conn.schema);
    const now = Math.floor(Date.now() / 1000);
    // Two processes creating one board: the second waits, then finds every step done.
    let sql = `BEGIN; SELECT pg_advisory_xact_lock(hashtext('hermes migrate ' || ${
      literal(conn.schema)
    }));
      CREATE SCHEMA IF NOT EXISTS ${schema}; SET LOCAL search_path TO ${schema};
      ${PG_VERSION_TABLE};`;
    conn.exec(sql);
    try {
      const done = new Set(
        conn.all<{ version: number }>("SELECT version FROM hx_schema_version")
          .map((r) => Number(r.version)),
      );
      sql = "";
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue;
        sql +=
          `${m.sql};\nINSERT INTO hx_schema_version (version, name, applied_at) VALUES (${m.version}, ${
            literal(m.name)
          }, ${now});\n`;
      }
      if (sql) {
        sql += `INSERT INTO hx_meta (key, value) VALUES ('board', ${
          literal(board)
        }) ON CONFLICT DO NOTHING; NOTIFY ${BOARDS_CHANNEL};`;
      }
      conn.exec(`${sql} COMMIT`);
    } catch (e) {
      try {
        conn.exec("ROLLBACK");
      } catch { /* the original error matters more */ }
      throw e;
    }
  }

  /** Run statements outside any board (creating databases, for one): one simple query. */
  adminExec(sql: string): void {
    const conn = this.#session(null, 10_000);
    try {
      conn.exec(sql);
    } finally {
      conn.close();
    }
  }

  /** The schema version of board `board`, or null when it does not exist. */
  schemaVersion(board: string): number | null {
    const conn = this.#session(board, 5_000);
    try {
      return this.#version(conn);
    } finally {
      conn.close();
    }
  }

  /** Names of the boards in the database, sorted (the default one included when it exists). */
  boards(): string[] {
    const conn = this.#session(null, 5_000);
    try {
      const schemas = conn.all<{ nspname: string }>(
        `SELECT n.nspname FROM pg_namespace n
         WHERE n.nspname LIKE 'hermes\\_%' AND to_regclass(quote_ident(n.nspname) || '.hx_meta') IS NOT NULL`,
      ).map((r) => String(r.nspname));
      const names: string[] = [];
      for (const s of schemas) {
        const name = conn.value(`SELECT value FROM ${ident(s)}.hx_meta WHERE key = 'board'`);
        if (typeof name === "string" && schemaOf(name) === s) names.push(name);
      }
      return names.sort();
    } finally {
      conn.close();
    }
  }

  /** Tasks on board `board` by status (archived included), or null when it does not exist. */
  countByStatus(board: string): Record<string, number> | null {
    const conn = this.#session(board, 5_000);
    try {
      if (this.#version(conn) === null) return null;
      const rows = conn.all<{ status: string; n: number }>(
        "SELECT status, COUNT(*) AS n FROM tasks GROUP BY status ORDER BY status",
      );
      return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
    } finally {
      conn.close();
    }
  }

  /** Drop board `board` and everything on it. */
  dropBoard(board: string): void {
    const conn = this.#session(null, 10_000);
    try {
      conn.exec(
        `DROP SCHEMA IF EXISTS ${ident(schemaOf(board))} CASCADE; NOTIFY ${BOARDS_CHANNEL}`,
      );
    } finally {
      conn.close();
    }
  }

  /**
   * Archive board `board`: its schema renamed to archivedSchemaOf(board, now), which no board
   * name maps to (so it is listed no more), recoverable by renaming it back. Returns both names.
   */
  archiveBoard(board: string, now: number): { from: string; to: string } {
    const from = schemaOf(board);
    const to = archivedSchemaOf(board, now);
    const conn = this.#session(null, 10_000);
    try {
      conn.exec(
        `ALTER SCHEMA ${ident(from)} RENAME TO ${ident(to)}; NOTIFY ${BOARDS_CHANNEL}`,
      );
    } finally {
      conn.close();
    }
    return { from, to };
  }

  /**
   * Call `onChange(board)` on this thread's event loop when another process commits to one of
   * `boards`, and `onBoards()` when a board is created or removed. Returns the unsubscribe.
   */
  listen(
    boards: readonly string[],
    onChange: (board: string) => void,
    onBoards: () => void,
  ): () => void {
    const bridge = PgBridge.get();
    const key = this.display;
    const options = this.connect(null, 5_000);
    const offs: Array<() => void> = [];
    try {
      for (const b of boards) {
        offs.push(bridge.listen(key, options, schemaOf(b), () => onChange(b)));
      }
      offs.push(bridge.listen(key, options, BOARDS_CHANNEL, onBoards));
    } catch (e) {
      for (const off of offs) off();
      throw mapPgError(e, {
        path: this.display,
        password: this.options.password,
        busyTimeoutMs: 5_000,
      });
    }
    return () => {
      for (const off of offs) off();
    };
  }
}

/** `s` as a SQL string literal. */
function literal(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** The board does not exist on PostgreSQL. */
export function noSuchBoard(display: string, board: string): NotFoundError {
  return noPgBoard(pgBoardPath(display, board));
}
