/**
 * One session on a PostgreSQL board, behind the store's synchronous `Db` interface: each
 * statement is a blocking round trip through the bridge (_pg_bridge.ts).
 *
 * Transactions keep SQLite's semantics: a write transaction first locks the board's one
 * `hx_version` row (`SELECT … FOR UPDATE`, waiting at most the busy timeout), so writers of one
 * board take turns exactly as SQLite's BEGIN IMMEDIATE makes them, and the rulebook's
 * read-decide-write stays correct at READ COMMITTED without serialization retries; readers never
 * wait. A transaction that wrote bumps the counter and NOTIFYs the board's channel in the
 * round trip of its COMMIT, so other processes' change feeds wake at once and `dataVersion()`
 * (the counter, less this session's own commits) moves exactly when another session committed.
 * `read()` is one REPEATABLE READ, READ ONLY snapshot.
 */

import { HermesError, NotFoundError, StoreError } from "../board/errors.ts";
import type { Db, Dialect, SqlValue } from "./_db.ts";
import { type ConnectOptions, PgBridge, PgError } from "./_pg_bridge.ts";
import { ID_TABLES, ident } from "./_pg_schema.ts";
import { scrub } from "./_pg_url.ts";

/** PostgreSQL's spellings. */
export const POSTGRES_DIALECT: Dialect = {
  name: "postgres",
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
  jsonArrayText: (expr) => `COALESCE(json_agg(${expr})::text, '[]')`,
  jsonTextElements: (param) =>
    // Through text: a parameter typed json would be JSON-encoded again by the driver.
    `SELECT json_array_elements_text(CAST(CAST(${param} AS text) AS json)) AS value`,
  // Typed: an untyped parameter cannot be format()'s format.
  printf: (args) => `format(${["CAST(? AS text)", ...args].join(", ")})`,
  // format() pads by characters and never cuts a longer value; NULL prints as ''.
  padded: (width) => `%-${width}s`,
  // An aggregate may see its rows in any order: they are numbered in the listing's order.
  joinLines: (line, where, order, limit) =>
    `SELECT convert_to(string_agg(line, chr(10) ORDER BY n) || chr(10), 'UTF8')
     FROM (SELECT ${line} AS line, row_number() OVER (ORDER BY ${order}) AS n
           FROM tasks ${where} ORDER BY ${order}${limit}) AS lines`,
  jsonMember: (expr, key) => `(CAST(${expr} AS json) ->> '${key}')`,
  tablesWithColumn: (column) =>
    `SELECT c.table_name AS name FROM information_schema.columns c
     JOIN information_schema.tables t
       ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND c.column_name = '${column}'
       AND t.table_type = 'BASE TABLE'`,
  noLimit: null,
};

/** SQLite-flavoured SQL (`?` placeholders) as PostgreSQL's (`$n`), with RETURNING id for inserts. */
const translated = new Map<string, string>();

/** Translate one statement (cached: the store's statements are a fixed set). */
export function toPostgres(sql: string): string {
  let out = translated.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  let quoted: string | null = null;
  out = "";
  for (const c of sql) {
    if (quoted) {
      if (c === quoted) quoted = null;
      out += c;
    } else if (c === "'" || c === '"') {
      quoted = c;
      out += c;
    } else out += c === "?" ? `$${++n}` : c;
  }
  const insert = /^\s*INSERT\s+INTO\s+(\w+)/i.exec(out);
  if (insert && ID_TABLES.has(insert[1]) && !/\bRETURNING\b/i.test(out)) out += " RETURNING id";
  translated.set(sql, out);
  return out;
}

/** What the store's messages call a PostgreSQL board. */
export function pgBoardPath(display: string, board: string): string {
  return `${display} (board ${board})`;
}

/** How a session is opened. */
export interface PgSessionOptions {
  connect: ConnectOptions;
  /** The board's PostgreSQL schema. */
  schema: string;
  /** What messages name the board by (no password). */
  path: string;
  /** The password, to scrub from any driver message. */
  password: string | null;
  busyTimeoutMs: number;
  /** How long one round trip may take before the database counts as unreachable. */
  callTimeoutMs: number;
}

/** SQLSTATE classes and driver codes that mean the database could not be reached. */
function unreachable(code: string | null): boolean {
  if (code === null) return false;
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" ||
    code === "ECONNREFUSED" || code === "ECONNRESET" || code === "CONNECT_TIMEOUT" ||
    code === "CONNECTION_CLOSED" || code === "CONNECTION_ENDED" ||
    code === "CONNECTION_DESTROYED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" ||
    code === "ETIMEDOUT" || code === "EPIPE" || code === "bridge_timeout";
}

/** Translate a bridge or database error into one of ours, naming the board, never the password. */
export function mapPgError(
  e: unknown,
  o: Pick<PgSessionOptions, "path" | "password" | "busyTimeoutMs">,
): unknown {
  if (!(e instanceof PgError)) return e;
  const msg = scrub(e.message, o.password);
  const code = e.code;
  if (code === "55P03" || code === "40P01") {
    return new StoreError(
      `board ${o.path} is busy: another process held its write lock for more than ${o.busyTimeoutMs} ms; ` +
        "try again (HERMES_KANBAN_BUSY_TIMEOUT_MS sets how long to wait)",
      "busy",
    );
  }
  if (code === "57014") {
    return new StoreError(
      `board ${o.path}: a statement ran past kanban.db_statement_timeout_seconds (${msg})`,
      "timeout",
    );
  }
  if (code === "28P01" || code === "28000") {
    return new StoreError(
      `cannot open board ${o.path}: the database refused the login (${msg}); set the password ` +
        "in the URL, PGPASSWORD or ~/.pgpass",
      "cannot_open",
    );
  }
  if (code === "3D000") {
    return new StoreError(`cannot open board ${o.path}: ${msg}`, "cannot_open");
  }
  if (unreachable(code)) {
    return new StoreError(
      `cannot reach the database of board ${o.path} (${msg}); check that PostgreSQL runs and ` +
        "that kanban.db_url (or HERMES_KANBAN_DB_URL) names it",
      "unreachable",
    );
  }
  return new StoreError(`database error on ${o.path}: ${msg}`, "database");
}

/** A PostgreSQL session of one board. */
export class PgConnection implements Db {
  readonly path: string;
  readonly dialect: Dialect = POSTGRES_DIALECT;
  readonly damage: string | null = null;
  readonly schema: string;
  readonly #o: PgSessionOptions;
  readonly #bridge: PgBridge;
  readonly #session: number;
  #state: "idle" | "write" | "read" = "idle";
  #dirty = false;
  /** Writes of the open transaction not sent yet (see write()). */
  #queue: { sql: string; params: SqlValue[] }[] = [];
  /** Commits of this session that bumped the change counter. */
  #ownCommits = 0;
  #closed = false;

  constructor(o: PgSessionOptions) {
    this.#o = o;
    this.path = o.path;
    this.schema = o.schema;
    this.#bridge = PgBridge.get();
    this.#session = this.#bridge.newSession();
    try {
      this.#bridge.call(
        { op: "open", session: this.#session, options: o.connect },
        o.callTimeoutMs,
      );
      // The first statement connects: a database that is down fails here, not later.
      this.#simple("SELECT 1");
    } catch (e) {
      this.close();
      throw this.#mapped(e);
    }
  }

  #mapped(e: unknown): unknown {
    return mapPgError(e, this.#o);
  }

  #query(sql: string, params: SqlValue[], arrays: boolean) {
    if (this.#closed) throw new StoreError(`board ${this.path} is closed`, "closed");
    return this.#bridge.call({
      op: "query",
      session: this.#session,
      sql: toPostgres(sql),
      params,
      arrays,
      before: this.#takeQueue(),
    }, this.#o.callTimeoutMs);
  }

  /** Several statements without parameters, in one round trip (the last one's rows). */
  #simple(sql: string): unknown[] {
    return this.#bridge.call(
      { op: "simple", session: this.#session, sql, before: this.#takeQueue() },
      this.#o.callTimeoutMs,
    ).rows ?? [];
  }

  #takeQueue(): { sql: string; params: SqlValue[] }[] | undefined {
    if (this.#queue.length === 0) return undefined;
    const q = this.#queue;
    this.#queue = [];
    return q;
  }

  /** Run statements of our own (DDL, migrations) as one simple query. */
  exec(sql: string): void {
    try {
      this.#simple(sql);
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  run(sql: string, ...params: SqlValue[]): { changes: number; lastId: number } {
    // A write outside a transaction still takes the board's write lock and tells the others.
    if (this.#state === "idle") return this.tx(() => this.run(sql, ...params));
    try {
      this.#dirty = true;
      const r = this.#query(sql, params, false);
      const first = (r.rows?.[0] ?? null) as { id?: number } | null;
      return { changes: r.count ?? 0, lastId: Number(first?.id ?? 0) };
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  write(sql: string, ...params: SqlValue[]): void {
    if (this.#state !== "write") {
      this.run(sql, ...params);
      return;
    }
    this.#dirty = true;
    this.#queue.push({ sql: toPostgres(sql), params });
  }

  get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.all<T>(sql, ...params)[0];
  }

  all<T>(sql: string, ...params: SqlValue[]): T[] {
    try {
      return (this.#query(sql, params, false).rows ?? []) as T[];
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  rows<T extends unknown[]>(sql: string, ...params: SqlValue[]): T[] {
    try {
      return (this.#query(sql, params, true).rows ?? []) as T[];
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  value(sql: string, ...params: SqlValue[]): unknown {
    return this.rows(sql, ...params)[0]?.[0];
  }

  tx<T>(fn: () => T): T {
    if (this.#state === "write") return fn();
    if (this.#state === "read") {
      throw new Error("a write transaction cannot start inside a read snapshot");
    }
    try {
      this.#simple("BEGIN; SELECT v FROM hx_version FOR UPDATE");
    } catch (e) {
      this.#rollback();
      throw this.#mapped(e);
    }
    this.#state = "write";
    this.#dirty = false;
    let out: T;
    try {
      out = fn();
    } catch (e) {
      this.#rollback();
      throw e instanceof HermesError ? e : this.#mapped(e);
    }
    try {
      if (this.#dirty) {
        this.#simple(
          `UPDATE hx_version SET v = v + 1; NOTIFY ${ident(this.schema)}; COMMIT`,
        );
        this.#ownCommits++;
      } else this.#simple("COMMIT");
      this.#state = "idle";
      return out;
    } catch (e) {
      this.#rollback();
      throw this.#mapped(e);
    }
  }

  read<T>(fn: () => T): T {
    if (this.#state !== "idle") return fn();
    try {
      this.#simple("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    } catch (e) {
      this.#rollback();
      throw this.#mapped(e);
    }
    this.#state = "read";
    try {
      const out = fn();
      this.#simple("COMMIT");
      this.#state = "idle";
      return out;
    } catch (e) {
      this.#rollback();
      throw e instanceof HermesError ? e : this.#mapped(e);
    }
  }

  #rollback(): void {
    this.#state = "idle";
    this.#queue = [];
    if (this.#closed) return;
    try {
      this.#simple("ROLLBACK");
    } catch { /* the original error matters more */ }
  }

  dataVersion(): number {
    try {
      const v = this.#query("SELECT v FROM hx_version", [], true).rows?.[0] as [number] | undefined;
      return Number(v?.[0] ?? 0) - this.#ownCommits;
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  totalChanges(): number {
    return this.#ownCommits;
  }

  /** Nothing to do: PostgreSQL's own background processes keep the files. */
  maybeCheckpoint(): void {}

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#bridge.endSession(this.#session);
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }
}

/** The error for a board whose schema does not exist. */
export function noPgBoard(path: string): NotFoundError {
  return new NotFoundError(`no board at ${path}`, "no_board");
}
