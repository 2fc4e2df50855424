/**
 * Opening a board's SQLite file safely: modes, pragmas, migrations, transactions, BUSY
 * handling, checkpoints. Durability comes first: a file that is not a healthy SQLite board
 * is reported and left exactly as it was, never replaced, emptied or recreated.
 */

import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { NotFoundError, StoreError } from "../board/errors.ts";
import {
  EVENT_COLUMNS_ADDED,
  EVENT_KIND_RENAMES,
  HERMES_INDEXES,
  HERMES_TABLES,
  HX_RETIRED_INDEXES,
  HX_TABLES,
  NOTIFY_COLUMNS_ADDED,
  SCHEMA_STAMP,
  SCHEMA_VERSION,
  stampVersion,
  TASK_COLUMNS_ADDED,
} from "./schema.ts";
import type { Db, Dialect } from "./_db.ts";

/** SQLite's spellings. */
export const SQLITE_DIALECT: Dialect = {
  name: "sqlite",
  greatest: (a, b) => `MAX(${a}, ${b})`,
  jsonArrayText: (expr) => `json_group_array(${expr})`,
  jsonTextElements: (param) => `SELECT value FROM json_each(${param})`,
  printf: (args) => `printf(${["?", ...args].join(", ")})`,
  // `%!` counts characters, not bytes, as renderLine counts code points.
  padded: (width) => `%!-${width}s`,
  // group_concat keeps the order of its FROM subquery: SQLite never drops a subquery's
  // ORDER BY under an order-sensitive aggregate (the conformance suite checks the order).
  joinLines: (line, where, order, limit) =>
    `SELECT CAST(group_concat(line, char(10)) || char(10) AS BLOB)
     FROM (SELECT ${line} AS line FROM tasks ${where} ORDER BY ${order}${limit}) AS lines`,
  jsonMember: (expr, key) => `json_extract(${expr}, '$.${key}')`,
  tablesWithColumn: (column) =>
    `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
     WHERE m.type = 'table' AND c.name = '${column}'`,
  noLimit: -1,
};

/** Default busy timeout: how long a write waits for another process's write. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** Default interval between the periodic checkpoints of long-running processes. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;

/** Options for opening a board. */
export interface OpenOptions {
  /** Create the file (and schema) if missing. */
  create: boolean;
  /** Busy timeout in milliseconds. */
  busyTimeoutMs?: number;
  /**
   * Run `PRAGMA quick_check` before using the board. Long-running writers (the gateway)
   * set it: finding corruption at open beats writing on top of it for days.
   */
  integrityCheck?: boolean;
  /**
   * Inspect without writing: no migration, no journal-mode change, no checkpoint on close
   * (`hermes kanban doctor`). SQLite may still create the usual -wal/-shm side files.
   */
  readOnly?: boolean;
  /** Minimum time between two checkpoints done by maybeCheckpoint(). */
  checkpointIntervalMs?: number;
}

/**
 * How the probe at open reads each b-tree's root page: one row of `dbstat` (the root comes
 * first) per table and index. It costs the same on any board size (about 0.7 ms for 36
 * b-trees), unlike `PRAGMA quick_check`, which reads every page (11 ms on 10,000 tasks, 160 ms
 * on 100,000), so every open can afford it.
 */
const ROOT_PROBE = `SELECT s.name AS name,
    (SELECT d.pagetype FROM dbstat d WHERE d.name = s.name LIMIT 1) AS pagetype
  FROM sqlite_schema s WHERE s.type IN ('table', 'index') AND s.rootpage > 0`;

/** Result of a WAL checkpoint (`PRAGMA wal_checkpoint`). */
export interface CheckpointResult {
  /** True when a reader or writer kept the checkpoint from finishing. */
  busy: boolean;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied back into the database file. */
  checkpointed: number;
}

const SQLITE_HEADER = new TextEncoder().encode("SQLite format 3\0");

/** SQLite primary result codes we explain. */
export const SQLITE = {
  BUSY: 5,
  LOCKED: 6,
  READONLY: 8,
  IOERR: 10,
  CORRUPT: 11,
  FULL: 13,
  CANTOPEN: 14,
  NOTADB: 26,
} as const;

// node:sqlite puts `errcode` on errors from prepared statements but not on those from
// exec(), so the message (sqlite3_errstr's fixed text) is the fallback.
const MESSAGE_CODES: ReadonlyArray<readonly [string, number]> = [
  ["database is locked", SQLITE.BUSY],
  ["database table is locked", SQLITE.LOCKED],
  ["attempt to write a readonly database", SQLITE.READONLY],
  ["disk I/O error", SQLITE.IOERR],
  ["database disk image is malformed", SQLITE.CORRUPT],
  ["database or disk is full", SQLITE.FULL],
  ["unable to open database file", SQLITE.CANTOPEN],
  ["file is not a database", SQLITE.NOTADB],
];

/** The SQLite primary result code of an error thrown by node:sqlite (or our busy error). */
export function sqliteCode(e: unknown): number | undefined {
  if (e instanceof StoreError) return e.code === "busy" ? SQLITE.BUSY : undefined;
  if (!(e instanceof Error)) return undefined;
  const code = (e as { errcode?: number }).errcode;
  if (typeof code === "number") return code & 0xff;
  if ((e as { code?: string }).code !== "ERR_SQLITE_ERROR") return undefined;
  for (const [text, c] of MESSAGE_CODES) if (e.message.startsWith(text)) return c;
  return undefined;
}

/** The error for a board whose write lock stayed taken longer than the busy timeout. */
export function busyError(path: string, timeoutMs: number): StoreError {
  return new StoreError(
    `board ${path} is busy: another process held its write lock for more than ${timeoutMs} ms; ` +
      "try again (HERMES_KANBAN_BUSY_TIMEOUT_MS sets how long to wait)",
    "busy",
  );
}

/** The error for a board that is damaged or not a SQLite database at all. */
export function corruptError(path: string, detail: string): StoreError {
  return new StoreError(
    `board ${path} ${detail}; it was left untouched — run 'hermes kanban doctor' for what to do`,
    "corrupt",
  );
}

/** The error for a board file of zero bytes: nothing to recover, but nothing to overwrite either. */
export function emptyBoardError(path: string): StoreError {
  return new StoreError(
    `board ${path} is an empty file (0 bytes), not a SQLite board; it was left untouched — ` +
      "restore it from a backup, or delete it to start afresh ('hermes kanban doctor' explains)",
    "empty_board",
  );
}

/** Translate a node:sqlite error into one of ours, with a message that says what to do. */
export function mapSqliteError(
  e: unknown,
  path: string,
  busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS,
): unknown {
  if (e instanceof StoreError || !(e instanceof Error)) return e;
  switch (sqliteCode(e)) {
    case undefined:
      return e;
    case SQLITE.BUSY:
    case SQLITE.LOCKED:
      return busyError(path, busyTimeoutMs);
    case SQLITE.READONLY:
      return new StoreError(
        `board ${path} is read-only: make the file, its directory and its -wal/-shm files ` +
          "writable by this user (or point HERMES_HOME somewhere writable)",
        "read_only",
      );
    case SQLITE.CORRUPT:
      return corruptError(path, "is corrupt (SQLite: database disk image is malformed)");
    case SQLITE.NOTADB:
      return corruptError(path, "is not a SQLite database");
    case SQLITE.CANTOPEN:
      return new StoreError(
        `cannot open board ${path}: check that its directory exists and is writable ` +
          "(SQLite needs to create the -wal and -shm files beside it)",
        "cannot_open",
      );
    case SQLITE.FULL:
      return new StoreError(
        `board ${path}: the disk is full; free space and try again`,
        "disk_full",
      );
    case SQLITE.IOERR:
      return new StoreError(
        `I/O error on board ${path} (${e.message}); check the disk, then run 'hermes kanban doctor'`,
        "io_error",
      );
    default:
      return new StoreError(`database error on ${path}: ${e.message}`, "database");
  }
}

/** Block this thread for `ms` (synchronous code cannot await; node:sqlite is synchronous). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * What is at `path`: nothing, an empty file, or a file with a SQLite header.
 *
 * Never open and close the file itself once a connection to it may be open in this
 * process (the gateway's workers, the server's boards): closing any descriptor of a
 * file drops every POSIX lock this process holds on it, so another process's last
 * close then deletes the WAL under our live connection and its later commits are lost.
 * So an existing, non-empty file is judged by stat alone and SQLite itself refuses a
 * bad header (SQLITE_NOTADB → the same "not a SQLite database" error, file untouched).
 */
function checkHeader(path: string): "missing" | "empty" | "ok" {
  try {
    const st = Deno.statSync(path);
    if (st.isDirectory) {
      throw new StoreError(`board ${path} is a directory, not a SQLite file`, "cannot_open");
    }
    return st.size > 0 ? "ok" : "empty";
  } catch (e) {
    if (e instanceof StoreError) throw e;
    if (e instanceof Deno.errors.NotFound) return "missing";
    // Anything else (a permission problem): the open below names it precisely.
  }
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "missing";
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new StoreError(
        `cannot read board ${path}: permission denied (check the file's owner and mode)`,
        "permission",
      );
    }
    if (e instanceof Deno.errors.IsADirectory) {
      throw new StoreError(`board ${path} is a directory, not a SQLite file`, "cannot_open");
    }
    throw e;
  }
  try {
    const buf = new Uint8Array(SQLITE_HEADER.length);
    const n = file.readSync(buf) ?? 0;
    if (n === 0) return "empty";
    // Compared as bytes: a TextDecoder costs more than the rest of this check.
    for (let i = 0; i < SQLITE_HEADER.length; i++) {
      if (buf[i] !== SQLITE_HEADER[i]) throw corruptError(path, "is not a SQLite database");
    }
    return "ok";
  } finally {
    file.close();
  }
}

/** Create `file` (0600) for the board at `board`; false when it already exists. */
function createPrivateFile(file: string, board: string): boolean {
  try {
    Deno.openSync(file, { write: true, createNew: true, mode: 0o600 }).close();
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.AlreadyExists) return false;
    throw createError(e, `board ${board}`);
  }
}

/**
 * Why `what` (a board, or the directory it goes in) cannot be created: a read-only or forbidden
 * directory as one line (a confined worker meets this: HERMES_HOME is an empty read-only
 * directory in its sandbox), anything else as it is.
 */
export function createError(e: unknown, what: string): unknown {
  if (e instanceof Deno.errors.PermissionDenied || (e as { code?: string }).code === "EROFS") {
    return new StoreError(
      `cannot create ${what}: its directory is read-only (point HERMES_HOME somewhere ` +
        "writable; a confined worker reaches its task only through its endpoint)",
      "read_only",
    );
  }
  if (e instanceof Deno.errors.NotFound) {
    return new StoreError(`cannot create ${what}: its directory does not exist`, "cannot_open");
  }
  return e;
}

function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* already gone */ }
}

/** A connection to one board, with a statement cache and a transaction helper. */
export class Connection implements Db {
  readonly path: string;
  readonly dialect = SQLITE_DIALECT;
  readonly db: DatabaseSync;
  readonly busyTimeoutMs: number;
  readonly readOnly: boolean;
  #stmts = new Map<string, StatementSync>();
  #closed = false;
  #checkpointEveryMs: number;
  #lastCheckpoint = Date.now();
  #damage: string | null = null;

  private constructor(path: string, db: DatabaseSync, opts: OpenOptions) {
    this.path = path;
    this.db = db;
    this.busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.readOnly = opts.readOnly ?? false;
    this.#checkpointEveryMs = opts.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  }

  /** Open (and, with `create`, initialise) the board at `path`. */
  static open(path: string, opts: OpenOptions): Connection {
    const state = checkHeader(path);
    // Zero bytes is what a truncated copy or a failed restore leaves: someone's board was
    // meant to be there, so it is reported like any unreadable board, never initialised.
    if (state === "empty") throw emptyBoardError(path);
    if (state === "missing") {
      if (!opts.create || opts.readOnly) throw new NotFoundError(`no board at ${path}`, "no_board");
      Connection.#create(path, opts);
    }
    return Connection.#openFile(path, path, opts);
  }

  static #openFile(file: string, board: string, opts: OpenOptions): Connection {
    const timeout = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(file, {
        timeout,
        enableForeignKeyConstraints: true,
        readOnly: opts.readOnly ?? false,
      });
    } catch (e) {
      throw mapSqliteError(e, board, timeout);
    }
    const conn = new Connection(file, db, opts);
    try {
      conn.retryBusy(() => conn.#init(opts.integrityCheck ?? false));
    } catch (e) {
      conn.close();
      throw mapSqliteError(e, board, timeout);
    }
    return conn;
  }

  /**
   * Make a new board at `path` that no other process ever sees half-made: the schema is built
   * in a private file beside it, which is then hard-linked into place. The link fails when
   * another process got there first, and its complete board is used. So the only zero-byte
   * board file is one that something else left, which `open` refuses.
   */
  static #create(path: string, opts: OpenOptions): void {
    const tmp = `${path}.new-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
    createPrivateFile(tmp, path);
    try {
      const made = Connection.#openFile(tmp, path, { ...opts, integrityCheck: false });
      try {
        // Everything into the file itself before it is linked: its -wal is named after the
        // temporary name and is removed with it.
        made.checkpoint("TRUNCATE");
      } finally {
        made.close();
      }
      try {
        Deno.linkSync(tmp, path);
      } catch (e) {
        if (e instanceof Deno.errors.AlreadyExists) return;
        if (e instanceof Deno.errors.NotFound) throw createError(e, `board ${path}`);
        // A file system without hard links (EPERM on FAT, for one; the directory is writable,
        // the temporary file is in it): move it, unless a board appeared meanwhile.
        if (createPrivateFile(path, path)) Deno.renameSync(tmp, path);
      }
    } finally {
      for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) removeQuietly(f);
    }
  }

  /**
   * What the probe at open found wrong (a table or index whose root page is not a b-tree
   * page), or null. Reads may still work; `hermes kanban doctor` runs the full check.
   */
  get damage(): string | null {
    return this.#damage;
  }

  #init(integrity: boolean): void {
    if (!this.readOnly) this.stmt("PRAGMA synchronous = FULL").run();
    // Reading the header catches a foreign or damaged file before anything is written.
    const version = Number(this.value("PRAGMA user_version") ?? 0);
    if (integrity) {
      const res = this.all<Record<string, unknown>>("PRAGMA quick_check")
        .map((r) => String(Object.values(r)[0])).join("; ");
      if (res !== "ok") corruptFail(this.path, res);
    } else if (!this.readOnly) {
      this.#damage = this.#probeRoots();
    }
    if (this.readOnly) return;
    // The stamp moves whenever the DDL does; a newer hermes's stamp means a superset schema.
    if (version !== SCHEMA_STAMP && stampVersion(version) <= SCHEMA_VERSION) {
      this.#migrate();
    }
    // WAL is set once, when the board is not in WAL yet: never re-applied (re-applying it on
    // every open recreated -wal/-shm under other processes' feet in Hermes) and never
    // downgraded, whatever error happens later.
    const mode = String(this.value("PRAGMA journal_mode") ?? "");
    if (mode.toLowerCase() !== "wal") this.db.exec("PRAGMA journal_mode = WAL");
  }

  /**
   * Damage a command may never read past: the root page of every table and index, a page
   * that every lookup in that b-tree starts from. Null when each is a b-tree page.
   */
  #probeRoots(): string | null {
    let rows: { name: string; pagetype: string | null }[];
    try {
      rows = this.db.prepare(ROOT_PROBE).all() as typeof rows;
    } catch (e) {
      const code = sqliteCode(e);
      if (code === SQLITE.BUSY || code === SQLITE.LOCKED) throw e;
      if (code === SQLITE.CORRUPT || code === SQLITE.NOTADB) return firstLine(e);
      // A SQLite built without dbstat: the probe is a courtesy, not a gate.
      return null;
    }
    const bad = rows.filter((r) =>
      r.pagetype !== null && r.pagetype !== "internal" && r.pagetype !== "leaf"
    ).map((r) => r.name);
    if (bad.length === 0) return null;
    if (bad.length === 1) return `the root page of ${bad[0]} is not a b-tree page`;
    const shown = bad.slice(0, 3).join(", ") +
      (bad.length > 3 ? ` and ${bad.length - 3} more` : "");
    return `the root pages of ${shown} are not b-tree pages`;
  }

  /** Additive, idempotent migration to our schema; safe on Hermes boards of any age. */
  #migrate(): void {
    this.tx(() => {
      // Another process may have migrated it while we waited for the write lock.
      if (Number(this.value("PRAGMA user_version") ?? 0) === SCHEMA_STAMP) return;
      this.db.exec(HERMES_TABLES);
      const taskCols = this.columns("tasks");
      const hadFailureCounter = taskCols.has("consecutive_failures");
      for (const [name, type] of TASK_COLUMNS_ADDED) {
        if (!taskCols.has(name)) this.db.exec(`ALTER TABLE tasks ADD COLUMN ${name} ${type}`);
      }
      // Hermes renamed its spawn-failure columns by adding new ones and copying: so do we.
      if (!hadFailureCounter) {
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
      const notifyCols = this.columns("kanban_notify_subs");
      for (const [name, type] of NOTIFY_COLUMNS_ADDED) {
        if (!notifyCols.has(name)) {
          this.db.exec(`ALTER TABLE kanban_notify_subs ADD COLUMN ${name} ${type}`);
        }
      }
      for (const [from, to] of EVENT_KIND_RENAMES) {
        this.run("UPDATE task_events SET kind = ? WHERE kind = ?", to, from);
      }
      this.#backfillRuns();
      this.db.exec(HERMES_INDEXES);
      this.db.exec(HX_TABLES);
      for (const name of HX_RETIRED_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
      this.db.exec(`PRAGMA user_version = ${SCHEMA_STAMP}`);
    });
  }

  /** Boards from before runs existed: give each running task the open run it should have. */
  #backfillRuns(): void {
    const orphans = this.all<{ id: string }>(
      "SELECT id FROM tasks WHERE status = 'running' AND current_run_id IS NULL",
    );
    for (const { id } of orphans) {
      const { lastId } = this.run(
        `INSERT INTO task_runs (task_id, profile, status, claim_lock, claim_expires, worker_pid,
           max_runtime_seconds, last_heartbeat_at, started_at)
         SELECT id, assignee, 'running', claim_lock, claim_expires, worker_pid, max_runtime_seconds,
           last_heartbeat_at, COALESCE(started_at, created_at) FROM tasks WHERE id = ?`,
        id,
      );
      this.run(
        "UPDATE tasks SET current_run_id = ? WHERE id = ? AND current_run_id IS NULL",
        lastId,
        id,
      );
    }
  }

  /**
   * Run `fn`, retrying while SQLite answers BUSY without having waited (WAL recovery by
   * another process, a snapshot that went stale, a journal-mode change in progress): the
   * busy handler covers lock waits, not those. Gives up with the 'busy' error once the busy
   * timeout has passed, so the total wait stays what the user configured.
   */
  retryBusy<T>(fn: () => T): T {
    const deadline = Date.now() + this.busyTimeoutMs;
    let pause = 2;
    while (true) {
      try {
        return fn();
      } catch (e) {
        const code = sqliteCode(e);
        if (code !== SQLITE.BUSY && code !== SQLITE.LOCKED) throw e;
        const left = deadline - Date.now();
        if (left <= 0) throw busyError(this.path, this.busyTimeoutMs);
        sleepSync(Math.min(pause, left));
        pause = Math.min(pause * 2, 100);
      }
    }
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
      try {
        s = this.db.prepare(sql);
      } catch (e) {
        throw this.#mapped(e);
      }
      this.#stmts.set(sql, s);
    }
    return s;
  }

  // Every statement helper maps SQLite's errors, so nothing leaves the store as a raw
  // "database disk image is malformed" with a stack trace.
  #mapped(e: unknown): unknown {
    return mapSqliteError(e, this.path, this.busyTimeoutMs);
  }

  /** Run a statement; returns changes and last id. */
  run(sql: string, ...params: SQLInputValue[]): { changes: number; lastId: number } {
    const s = this.stmt(sql);
    try {
      const r = s.run(...params);
      return { changes: Number(r.changes), lastId: Number(r.lastInsertRowid) };
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  /** A write whose result nobody reads (SQLite runs it at once). */
  write(sql: string, ...params: SQLInputValue[]): void {
    this.run(sql, ...params);
  }

  /** First row or undefined. */
  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    const s = this.stmt(sql);
    try {
      return s.get(...params) as T | undefined;
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  /** All rows. */
  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    const s = this.stmt(sql);
    try {
      return s.all(...params) as T[];
    } catch (e) {
      throw this.#mapped(e);
    }
  }

  /** All rows as arrays of column values (cheaper than objects for big results). */
  rows<T extends unknown[]>(sql: string, ...params: SQLInputValue[]): T[] {
    const s = this.stmt(sql) as StatementSync & { setReturnArrays(on: boolean): void };
    s.setReturnArrays(true);
    try {
      return s.all(...params) as unknown as T[];
    } catch (e) {
      throw this.#mapped(e);
    } finally {
      s.setReturnArrays(false);
    }
  }

  /** First column of the first row. */
  value(sql: string, ...params: SQLInputValue[]): unknown {
    const row = this.get<Record<string, unknown>>(sql, ...params);
    if (!row) return undefined;
    for (const k in row) return row[k];
    return undefined;
  }

  /** Run `fn` in one BEGIN IMMEDIATE transaction; rolled back on any error. */
  tx<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn();
    try {
      this.retryBusy(() => this.stmt("BEGIN IMMEDIATE").run());
    } catch (e) {
      throw mapSqliteError(e, this.path, this.busyTimeoutMs);
    }
    try {
      const out = fn();
      this.stmt("COMMIT").run();
      return out;
    } catch (e) {
      this.#rollback();
      throw mapSqliteError(e, this.path, this.busyTimeoutMs);
    }
  }

  /** Read-only snapshot: several reads see one consistent state. */
  read<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn();
    try {
      // A read can only be refused with BUSY before it has seen anything, so a retry is safe.
      return this.retryBusy(() => {
        this.stmt("BEGIN").run();
        try {
          return fn();
        } finally {
          if (this.db.isTransaction) this.stmt("COMMIT").run();
        }
      });
    } catch (e) {
      this.#rollback();
      throw mapSqliteError(e, this.path, this.busyTimeoutMs);
    }
  }

  #rollback(): void {
    if (!this.db.isTransaction) return;
    try {
      this.db.exec("ROLLBACK");
    } catch { /* the original error matters more */ }
  }

  /** Rows this connection has changed since it opened (SQLite's total_changes()). */
  totalChanges(): number {
    return Number(this.get<{ n: number }>("SELECT total_changes() AS n")?.n ?? 0);
  }

  /** Change counter that moves whenever another connection commits (PRAGMA data_version). */
  dataVersion(): number {
    return Number(this.get<{ data_version: number }>("PRAGMA data_version")?.data_version ?? 0);
  }

  /**
   * WAL checkpoint (PASSIVE by default: copies what it can without waiting for or blocking
   * anyone, so it is safe at any time).
   */
  checkpoint(
    mode: "PASSIVE" | "FULL" | "RESTART" | "TRUNCATE" = "PASSIVE",
    now = Date.now(),
  ): CheckpointResult {
    const r = this.db.prepare(`PRAGMA wal_checkpoint(${mode})`).get() as
      | Record<string, number>
      | undefined;
    this.#lastCheckpoint = now;
    return {
      busy: Number(r?.busy ?? 0) !== 0,
      log: Number(r?.log ?? 0),
      checkpointed: Number(r?.checkpointed ?? 0),
    };
  }

  /**
   * Passive checkpoint when the last one is older than the checkpoint interval; for
   * long-running processes (the gateway calls it every tick). Returns null when not due.
   * SQLite's own auto-checkpoint runs only on commit and gives up when readers are active,
   * so a busy, read-heavy process can otherwise grow the WAL without bound.
   */
  maybeCheckpoint(now = Date.now()): CheckpointResult | null {
    if (this.readOnly || now - this.#lastCheckpoint < this.#checkpointEveryMs) return null;
    try {
      return this.checkpoint("PASSIVE", now);
    } catch (e) {
      // A checkpoint that cannot run now is retried on the next call; only real damage surfaces.
      const code = sqliteCode(e);
      if (code === SQLITE.BUSY || code === SQLITE.LOCKED) return null;
      throw mapSqliteError(e, this.path, this.busyTimeoutMs);
    }
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

/** Create the notifier's tables on a board made before they existed (all IF NOT EXISTS). */
export function ensureNotifyTables(conn: Connection): void {
  if (!conn.get("SELECT 1 FROM sqlite_master WHERE name = 'hx_notify_outbox'")) {
    conn.tx(() => conn.db.exec(HX_TABLES));
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

function corruptFail(path: string, result: string): never {
  throw corruptError(path, `failed its integrity check (${result.slice(0, 200)})`);
}
