/**
 * Copying a board between its SQLite file and a PostgreSQL database (`hermes kanban migrate`):
 * every table of the board — tasks, links, comments, events, runs, attachments, subscriptions,
 * and our own process records, retry times, schedules, run secrets, task origins and notifier
 * state — row for row, ids and order kept, from one
 * read snapshot into one write transaction, which commits only when each table's count on the
 * target equals the source's. The target board must be empty.
 */

import { ConflictError, NotFoundError, StoreError } from "../board/errors.ts";
import { boardPaths, ensurePrivateDir, type Env } from "../config/paths.ts";
import { SqlBoardStore } from "./board_store.ts";
import { DEFAULT_BUSY_TIMEOUT_MS } from "./connection.ts";
import type { Db, SqlValue } from "./_db.ts";
import { BOARD_TABLES, ID_TABLES } from "./_pg_schema.ts";
import { PgBackend } from "./_pg_store.ts";

/** One table copied. */
export interface TableCount {
  table: string;
  /** Rows on the source. */
  source: number;
  /** Rows on the target afterwards. */
  target: number;
}

/** What a migration did. */
export interface MigrateResult {
  board: string;
  from: string;
  to: string;
  tables: TableCount[];
}

/** Tables whose rows carry SQLite's rowid (insertion order), kept on copy. */
const ROWID_TABLES: ReadonlySet<string> = new Set(["tasks", "kanban_notify_subs"]);

/** Rows per INSERT statement. */
const BATCH = 100;

function columns(db: Db, table: string): string[] {
  if (db.dialect.name === "sqlite") {
    const cols = db.all<{ name: string }>(`PRAGMA table_info(${table})`).map((r) => r.name);
    return ROWID_TABLES.has(table) ? ["rowid", ...cols] : cols;
  }
  return db.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
    table,
  ).map((r) => r.column_name);
}

function count(db: Db, table: string): number {
  return Number(db.value(`SELECT COUNT(*) FROM ${table}`) ?? 0);
}

/** Copy every board table of `from` into the empty board `to`; both stay open. */
export function copyBoard(from: SqlBoardStore, to: SqlBoardStore): TableCount[] {
  const src = from.conn;
  const dst = to.conn;
  return src.read(() =>
    dst.tx(() => {
      if (count(dst, "tasks") > 0) {
        throw new ConflictError(
          `board ${to.path} already has tasks; migrate copies into an empty board only`,
          "board_not_empty",
        );
      }
      const out: TableCount[] = [];
      for (const table of BOARD_TABLES) {
        const have = new Set(columns(dst, table));
        const cols = columns(src, table).filter((c) => have.has(c));
        const order = ROWID_TABLES.has(table) ? "rowid" : ID_TABLES.has(table) ? "id" : "1";
        const rows = src.rows<SqlValue[]>(
          `SELECT ${cols.join(", ")} FROM ${table} ORDER BY ${order}`,
        );
        dst.run(`DELETE FROM ${table}`);
        for (let i = 0; i < rows.length; i += BATCH) {
          const batch = rows.slice(i, i + BATCH);
          const one = `(${cols.map(() => "?").join(", ")})`;
          dst.run(
            `INSERT INTO ${table} (${cols.join(", ")}) VALUES ${batch.map(() => one).join(", ")}`,
            ...batch.flat(),
          );
        }
        const got = count(dst, table);
        const had = count(src, table);
        if (got !== had) {
          throw new StoreError(
            `migrate: ${table} has ${had} rows on ${from.path} but ${got} on ${to.path}; nothing was copied`,
            "count_mismatch",
          );
        }
        out.push({ table, source: had, target: got });
      }
      if (dst.dialect.name === "postgres") {
        // Ids were copied as they were: new rows must be numbered after them.
        for (
          const [table, col] of [
            ...[...ID_TABLES].map((t) => [t, "id"]),
            ...[...ROWID_TABLES].map((t) => [t, "rowid"]),
          ]
        ) {
          dst.value(
            `SELECT setval(pg_get_serial_sequence(CAST(? AS text), CAST(? AS text)),
               COALESCE((SELECT MAX(${col}) FROM ${table}), 0) + 1, false)`,
            table,
            col,
          );
        }
      }
      return out;
    })
  );
}

/** Options of a migration. */
export interface MigrateOptions {
  home: string;
  board: string;
  env: Env;
  /** Copy the SQLite board into this PostgreSQL database… */
  to?: string;
  /** …or copy the board from this PostgreSQL database into the SQLite file. */
  from?: string;
}

/** `hermes kanban migrate`: copy board `board` between its SQLite file and PostgreSQL. */
export function migrate(o: MigrateOptions): MigrateResult {
  const url = o.to ?? o.from;
  if (!url || (o.to && o.from)) throw new Error("migrate needs exactly one of to and from");
  const pg = new PgBackend({ url, env: o.env, home: o.env("HOME") });
  const db = boardPaths(o.home, o.board).db;
  let sqlite: SqlBoardStore | null = null;
  let remote: SqlBoardStore | null = null;
  try {
    if (o.to) {
      try {
        sqlite = SqlBoardStore.open(db, { create: false, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS });
      } catch (e) {
        if (e instanceof NotFoundError) {
          throw new NotFoundError(`no SQLite board at ${db} to copy`, "no_board");
        }
        throw e;
      }
      remote = pg.openBoard(o.board, { create: true, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS });
      const tables = copyBoard(sqlite, remote);
      return { board: o.board, from: sqlite.path, to: remote.path, tables };
    }
    remote = pg.openBoard(o.board, { create: false, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS });
    ensurePrivateDir(o.home);
    const paths = boardPaths(o.home, o.board);
    if (paths.db !== `${o.home}/kanban.db`) ensurePrivateDir(paths.dir);
    sqlite = SqlBoardStore.open(db, { create: true, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS });
    const tables = copyBoard(remote, sqlite);
    return { board: o.board, from: remote.path, to: sqlite.path, tables };
  } finally {
    sqlite?.close();
    remote?.close();
  }
}
