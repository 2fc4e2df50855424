/** Opening a board's SQLite file safely: modes, pragmas, migrations, transactions. */

import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { NotFoundError, StoreError } from "../board/errors.ts";
import {
  EVENT_COLUMNS_ADDED,
  EVENT_KIND_RENAMES,
  HERMES_INDEXES,
  HERMES_TABLES,
  HX_TABLES,
  SCHEMA_VERSION,
  TASK_COLUMNS_ADDED,
} from "./schema.ts";

/** Default busy timeout: how long a write waits for another process's write. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** Options for opening a board. */
export interface OpenOptions {
  /** Create the file (and schema) if missing. */
  create: boolean;
  /** Busy timeout in milliseconds. */
  busyTimeoutMs?: number;
  /** Run a full integrity check after opening. */
  integrityCheck?: boolean;
}

const SQLITE_HEADER = "SQLite format 3\0";
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

/** Translate a node:sqlite error into one of ours, with a message that says what to do. */
export function mapSqliteError(e: unknown, path: string): unknown {
  if (!(e instanceof Error)) return e;
  const code = (e as { errcode?: number }).errcode;
  if (code === undefined) return e;
  switch (code & 0xff) {
    case SQLITE_BUSY:
      return new StoreError(
        `board ${path} is busy: another process has held its write lock too long; try again`,
        "busy",
      );
    case SQLITE_READONLY:
      return new StoreError(
        `board ${path} is read-only: check the permissions of the file and its directory`,
        "read_only",
      );
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new StoreError(
        `board ${path} is corrupt or not a SQLite database; it was left untouched — run 'hermes kanban doctor'`,
        "corrupt",
      );
    case SQLITE_CANTOPEN:
      return new StoreError(
        `cannot open board ${path}: check that its directory exists and is writable`,
        "cannot_open",
      );
    case SQLITE_IOERR:
      return new StoreError(`I/O error on board ${path}: ${e.message}`, "io_error");
    default:
      return new StoreError(`database error on ${path}: ${e.message}`, "database");
  }
}

function checkHeader(path: string): "missing" | "empty" | "ok" {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "missing";
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new StoreError(`cannot read board ${path}: permission denied`, "permission");
    }
    throw e;
  }
  try {
    const buf = new Uint8Array(16);
    const n = file.readSync(buf) ?? 0;
    if (n === 0) return "empty";
    if (n < 16 || new TextDecoder().decode(buf) !== SQLITE_HEADER) {
      throw new StoreError(
        `${path} is not a SQLite database (bad header); it was left untouched — run 'hermes kanban doctor'`,
        "corrupt",
      );
    }
    return "ok";
  } finally {
    file.close();
  }
}

function createPrivateFile(path: string): void {
  try {
    const f = Deno.openSync(path, { write: true, createNew: true, mode: 0o600 });
    f.close();
  } catch (e) {
    if (e instanceof Deno.errors.AlreadyExists) return;
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new StoreError(
        `cannot create board ${path}: permission denied (is HERMES_HOME read-only?)`,
        "read_only",
      );
    }
    if (e instanceof Deno.errors.NotFound) {
      throw new StoreError(
        `cannot create board ${path}: its directory does not exist`,
        "cannot_open",
      );
    }
    throw e;
  }
}

/** A connection to one board, with a statement cache and a transaction helper. */
export class Connection {
  readonly path: string;
  readonly db: DatabaseSync;
  #stmts = new Map<string, StatementSync>();
  #closed = false;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
  }

  /** Open (and, with `create`, initialise) the board at `path`. */
  static open(path: string, opts: OpenOptions): Connection {
    const state = checkHeader(path);
    if (state === "missing") {
      if (!opts.create) throw new NotFoundError(`no board at ${path}`, "no_board");
      createPrivateFile(path);
    }
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path, {
        timeout: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
        enableForeignKeyConstraints: true,
      });
    } catch (e) {
      throw mapSqliteError(e, path);
    }
    const conn = new Connection(path, db);
    try {
      conn.#init(state !== "ok", opts.integrityCheck ?? false);
    } catch (e) {
      conn.close();
      throw mapSqliteError(e, path);
    }
    return conn;
  }

  #init(fresh: boolean, integrity: boolean): void {
    const db = this.db;
    db.exec("PRAGMA synchronous = FULL");
    // Reading the schema catches a corrupt or foreign file before we write anything.
    const version = Number(this.value("PRAGMA user_version") ?? 0);
    if (integrity) {
      const res = String(this.value("PRAGMA quick_check") ?? "");
      if (res !== "ok") {
        throw new StoreError(
          `board ${this.path} failed its integrity check (${
            res.slice(0, 200)
          }); it was left untouched — run 'hermes kanban doctor'`,
          "corrupt",
        );
      }
    }
    if (fresh || version < SCHEMA_VERSION) this.#migrate();
    // WAL is set once, when the board is not in WAL yet; never re-applied, never downgraded.
    const mode = String(this.value("PRAGMA journal_mode") ?? "");
    if (mode.toLowerCase() !== "wal") db.exec("PRAGMA journal_mode = WAL");
  }

  #migrate(): void {
    this.tx(() => {
      const version = Number(this.value("PRAGMA user_version") ?? 0);
      if (version >= SCHEMA_VERSION) return;
      this.db.exec(HERMES_TABLES);
      const taskCols = this.columns("tasks");
      const hadConsecutive = taskCols.has("consecutive_failures");
      for (const [name, type] of TASK_COLUMNS_ADDED) {
        if (!taskCols.has(name)) this.db.exec(`ALTER TABLE tasks ADD COLUMN ${name} ${type}`);
      }
      if (!hadConsecutive) {
        this.db.exec(
          "UPDATE tasks SET consecutive_failures = spawn_failures, last_failure_error = last_spawn_error",
        );
      }
      const eventCols = this.columns("task_events");
      for (const [name, type] of EVENT_COLUMNS_ADDED) {
        if (!eventCols.has(name)) {
          this.db.exec(`ALTER TABLE task_events ADD COLUMN ${name} ${type}`);
        }
      }
      for (const [from, to] of EVENT_KIND_RENAMES) {
        this.run("UPDATE task_events SET kind = ? WHERE kind = ?", to, from);
      }
      this.db.exec(HERMES_INDEXES);
      this.db.exec(HX_TABLES);
      this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  }

  /** Column names of a table. */
  columns(table: string): Set<string> {
    const rows = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    return new Set(rows.map((r) => r.name));
  }

  /** A cached prepared statement. */
  stmt(sql: string): StatementSync {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  /** Run a statement; returns changes and last id. */
  run(sql: string, ...params: SQLInputValue[]): { changes: number; lastId: number } {
    const r = this.stmt(sql).run(...params);
    return { changes: Number(r.changes), lastId: Number(r.lastInsertRowid) };
  }

  /** First row or undefined. */
  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  /** All rows. */
  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  /** First column of the first row. */
  value(sql: string, ...params: SQLInputValue[]): unknown {
    const row = this.db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return Object.values(row)[0];
  }

  /** Run `fn` in one BEGIN IMMEDIATE transaction; rolled back on any error. */
  tx<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn();
    try {
      this.db.exec("BEGIN IMMEDIATE");
    } catch (e) {
      throw mapSqliteError(e, this.path);
    }
    try {
      const out = fn();
      this.db.exec("COMMIT");
      return out;
    } catch (e) {
      if (this.db.isTransaction) {
        try {
          this.db.exec("ROLLBACK");
        } catch { /* the original error matters more */ }
      }
      throw mapSqliteError(e, this.path);
    }
  }

  /** Read-only snapshot: several reads see one consistent state. */
  read<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn();
    try {
      this.db.exec("BEGIN");
    } catch (e) {
      throw mapSqliteError(e, this.path);
    }
    try {
      return fn();
    } catch (e) {
      throw mapSqliteError(e, this.path);
    } finally {
      if (this.db.isTransaction) this.db.exec("COMMIT");
    }
  }

  /** Change counter that moves whenever another connection commits (PRAGMA data_version). */
  dataVersion(): number {
    return Number(this.get<{ data_version: number }>("PRAGMA data_version")?.data_version ?? 0);
  }

  /** Passive WAL checkpoint; safe at any time. */
  checkpoint(): void {
    this.db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  }

  /** Close the connection (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stmts.clear();
    try {
      this.db.close();
    } catch { /* already closed */ }
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }
}
