/**
 * What the store's classes need of a database: synchronous statements, transactions, a change
 * counter, and the few SQL spellings in which SQLite and PostgreSQL differ. SQLite's
 * `Connection` (connection.ts) and PostgreSQL's `PgConnection` (_pg_connection.ts) implement
 * it, so one set of store classes (board_store.ts, _dispatch_store.ts, _notify_store.ts,
 * _dashboard_queries.ts) serves both. The SQL the classes write is the common subset of the
 * two engines (`?` placeholders, `ON CONFLICT`, `EXISTS`, `WITH RECURSIVE`, a `rowid`
 * column); the rest goes through `Dialect` (SQLITE_DIALECT in connection.ts, POSTGRES_DIALECT in
 * _pg_connection.ts). Types only: the hot CLI verbs load no module for it.
 */

/** A statement parameter: what both engines bind. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** The spellings that differ between the engines, as functions of SQL text. */
export interface Dialect {
  readonly name: "sqlite" | "postgres";
  /** The larger of two values (SQLite's scalar MAX, PostgreSQL's GREATEST). */
  greatest(a: string, b: string): string;
  /** A JSON array, as text, of `expr` over the rows of an aggregate query ('[]' when none). */
  jsonArrayText(expr: string): string;
  /** A subquery yielding column `value` for each string of the JSON array bound at `param`. */
  jsonTextElements(param: string): string;
  /**
   * One printf-style call: the format is the first bound parameter, `args` the values. `%s`
   * prints a value (NULL as ''), `%%` a percent sign (SQLite's printf, PostgreSQL's format).
   */
  printf(args: readonly string[]): string;
  /** The conversion of printf that pads a value with spaces on the right to `width` characters. */
  padded(width: number): string;
  /**
   * One query returning a single value: `line` of every task row of `where`, in `order`, at
   * most `limit` (a " LIMIT n" clause or ""), joined with "\n" and ended with "\n", as UTF-8
   * bytes; NULL when there is no row.
   */
  joinLines(line: string, where: string, order: string, limit: string): string;
  /** The text of member `key` (a plain name) of the JSON object text `expr`; NULL when absent. */
  jsonMember(expr: string, key: string): string;
  /** A query of column `name`: every table of the board that has a column named `column`. */
  tablesWithColumn(column: string): string;
  /** The LIMIT parameter that means "no limit". */
  readonly noLimit: number | null;
}

/** One open database session of a board. */
export interface Db {
  /** What messages name the board by (a file, or a URL without its password). */
  readonly path: string;
  readonly dialect: Dialect;
  /** What a cheap probe at open found damaged, or null. */
  readonly damage: string | null;
  /** Run a statement; `lastId` is the id of the row an INSERT made (0 when none). */
  run(sql: string, ...params: SqlValue[]): { changes: number; lastId: number };
  /**
   * A write whose result nobody reads. Inside a transaction it may be sent with the next
   * statement instead of on its own (PostgreSQL: one round trip less); an error it causes
   * then surfaces there, and the transaction still commits all or nothing.
   */
  write(sql: string, ...params: SqlValue[]): void;
  /** The first row, or undefined. */
  get<T>(sql: string, ...params: SqlValue[]): T | undefined;
  /** Every row. */
  all<T>(sql: string, ...params: SqlValue[]): T[];
  /** Every row as an array of column values. */
  rows<T extends unknown[]>(sql: string, ...params: SqlValue[]): T[];
  /** First column of the first row. */
  value(sql: string, ...params: SqlValue[]): unknown;
  /** One write transaction (one writer per board at a time); nests inline. */
  tx<T>(fn: () => T): T;
  /** Several reads in one snapshot; nests inline. */
  read<T>(fn: () => T): T;
  /** Moves whenever another session commits to the board. */
  dataVersion(): number;
  /**
   * Moves whenever this session commits a change (SQLite: rows changed, total_changes();
   * PostgreSQL: its transactions that wrote). With dataVersion, a token of the board's state.
   */
  totalChanges(): number;
  /** Upkeep for long-running processes. */
  maybeCheckpoint(): void;
  /** Close the session (idempotent). */
  close(): void;
}
