/**
 * What `hermes kanban doctor` reads from a board, without writing to it: the file and its
 * side files, the SQLite header, an integrity check, the schema stamp, and the tasks that
 * look stuck. Judging them (and saying what to do) is the doctor command's job.
 */

import { type Status, STATUSES } from "../board/mod.ts";
import { PROMOTABLE_SQL } from "./board_store.ts";
import { Connection, SQLITE, sqliteCode } from "./connection.ts";
import { SCHEMA_STAMP, SCHEMA_VERSION, stampVersion } from "./schema.ts";
import type { Db } from "./_db.ts";
import { PG_SCHEMA_VERSION } from "./_pg_schema.ts";
import type { PgBackend } from "./_pg_store.ts";

/** Size and permission bits of one file, or null when it does not exist. */
export interface FileStat {
  size: number;
  /** Permission bits (`0o600`). */
  mode: number;
}

/** The board file and what sits beside it. */
export interface FileFacts {
  path: string;
  /**
   * `sqlite`: a SQLite header; `empty`: zero bytes; `foreign`: anything else; `postgres`: the
   * board is a schema in the PostgreSQL database of kanban.db_url (no file).
   */
  kind: "missing" | "empty" | "sqlite" | "foreign" | "postgres";
  file: FileStat | null;
  dir: FileStat | null;
  wal: FileStat | null;
  shm: FileStat | null;
  /** From the header: `wal` when the board is in WAL mode, else `rollback`. */
  journal: "wal" | "rollback" | null;
}

/** A running task with its claim, its open run and the process recorded for that run. */
export interface RunningFact {
  id: string;
  title: string;
  assignee: string | null;
  claimLock: string | null;
  claimExpires: number | null;
  currentRunId: number | null;
  /** True when current_run_id names a run that is still open. */
  runOpen: boolean;
  proc: {
    host: string | null;
    bootId: string | null;
    pidNs: string | null;
    pid: number | null;
    startTicks: number | null;
  } | null;
}

/** A task waiting to be claimed (ready, or in review) and how long the board has been quiet about it. */
export interface ReadyFact {
  id: string;
  title: string;
  status: "ready" | "review";
  assignee: string | null;
  /** Time of its last event (or its creation): when it last moved. */
  idleSince: number;
}

/** A todo task none of whose parents is pending (it should be ready; parentless counts). */
export interface WaitingFact {
  id: string;
  title: string;
}

/** What is inside a readable board. */
export interface BoardFacts {
  /** `["ok"]` when healthy; otherwise SQLite's findings (at most 50). */
  integrity: string[];
  userVersion: number;
  schema: "current" | "older" | "newer" | "hermes";
  pageSize: number;
  pageCount: number;
  freePages: number;
  counts: Record<Status, number>;
  running: RunningFact[];
  ready: ReadyFact[];
  waiting: WaitingFact[];
  /** Scheduled tasks whose time has passed, still scheduled (nothing woke them). */
  overdue: { id: string; title: string; dueAt: number }[];
}

function statOf(path: string): FileStat | null {
  try {
    const st = Deno.statSync(path);
    return { size: st.size, mode: (st.mode ?? 0) & 0o777 };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

const HEADER = new TextEncoder().encode("SQLite format 3\0");

/** Facts about the board file at `path`, read with stat() and one 100-byte read. */
export function fileFacts(path: string): FileFacts {
  const dirPath = path.slice(0, path.lastIndexOf("/")) || "/";
  const file = statOf(path);
  const facts: FileFacts = {
    path,
    kind: "missing",
    file,
    dir: statOf(dirPath),
    wal: statOf(`${path}-wal`),
    shm: statOf(`${path}-shm`),
    journal: null,
  };
  if (!file) return facts;
  if (file.size === 0) return { ...facts, kind: "empty" };
  const head = new Uint8Array(100);
  const f = Deno.openSync(path, { read: true });
  let n = 0;
  try {
    n = f.readSync(head) ?? 0;
  } finally {
    f.close();
  }
  const sqlite = n >= HEADER.length && HEADER.every((b, i) => head[i] === b);
  if (!sqlite) return { ...facts, kind: "foreign" };
  // Header bytes 18/19 are the write/read format versions: 2 means WAL.
  return { ...facts, kind: "sqlite", journal: head[18] === 2 ? "wal" : "rollback" };
}

function schemaState(userVersion: number): BoardFacts["schema"] {
  if (userVersion === SCHEMA_STAMP) return "current";
  const gen = stampVersion(userVersion);
  if (gen === 0) return "hermes";
  return gen > SCHEMA_VERSION ? "newer" : "older";
}

/** True when the board's schema has `table` (a PostgreSQL board has every table). */
function hasTable(conn: Db, table: string): boolean {
  const sql = conn.dialect.name === "postgres"
    ? `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()
       AND table_name = ?`
    : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  return conn.get(sql, table) !== undefined;
}

/**
 * What doctor reads from a PostgreSQL board: its schema version and its tasks (PostgreSQL
 * checks its own pages; there is no file to inspect). Null when the board does not exist.
 */
export function inspectPgBoard(pg: PgBackend, board: string): BoardFacts | null {
  const version = pg.schemaVersion(board);
  if (version === null) return null;
  const store = pg.openBoard(board, { create: false, busyTimeoutMs: 2_000, readOnly: true });
  try {
    const facts: BoardFacts = {
      integrity: ["ok"],
      userVersion: version,
      schema: version === PG_SCHEMA_VERSION
        ? "current"
        : version > PG_SCHEMA_VERSION
        ? "newer"
        : "older",
      pageSize: 0,
      pageCount: 0,
      freePages: 0,
      counts: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
      running: [],
      ready: [],
      waiting: [],
      overdue: [],
    };
    store.conn.read(() => readTasks(store.conn, facts));
    return facts;
  } finally {
    store.close();
  }
}

/**
 * Everything doctor needs from inside the board at `path`, read without writing. A board
 * too damaged to open throws the store's `corrupt` error; one that opens but fails its
 * integrity check returns the findings and no task facts (they could not be trusted).
 */
export function inspectBoard(path: string, busyTimeoutMs = 2_000): BoardFacts {
  // A plain read-only connection: it never writes the board (SQLite may create the usual
  // -wal/-shm side files, as any reader does; the next writer's close removes them).
  const conn = Connection.open(path, { create: false, readOnly: true, busyTimeoutMs });
  try {
    const integrity = checkIntegrity(conn);
    const userVersion = Number(conn.value("PRAGMA user_version") ?? 0);
    const facts: BoardFacts = {
      integrity,
      userVersion,
      schema: schemaState(userVersion),
      pageSize: Number(conn.value("PRAGMA page_size") ?? 0),
      pageCount: Number(conn.value("PRAGMA page_count") ?? 0),
      freePages: Number(conn.value("PRAGMA freelist_count") ?? 0),
      counts: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
      running: [],
      ready: [],
      waiting: [],
      overdue: [],
    };
    if (integrity[0] !== "ok") return facts;
    conn.read(() => readTasks(conn, facts));
    return facts;
  } finally {
    conn.close();
  }
}

function checkIntegrity(conn: Connection): string[] {
  try {
    return conn.all<Record<string, unknown>>("PRAGMA integrity_check(50)")
      .map((r) => String(Object.values(r)[0]));
  } catch (e) {
    // Damage bad enough that the check itself stops is a finding, not a crash.
    const code = sqliteCode(e);
    if (code === SQLITE.CORRUPT || code === SQLITE.NOTADB) {
      return [`the integrity check could not finish: ${(e as Error).message}`];
    }
    throw e;
  }
}

function readTasks(conn: Db, facts: BoardFacts): void {
  for (
    const r of conn.all<{ status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM tasks GROUP BY status",
    )
  ) {
    if (r.status in facts.counts) facts.counts[r.status as Status] = Number(r.n);
  }
  const procs = hasTable(conn, "hx_run_procs");
  facts.running = conn.all<Record<string, unknown>>(
    `SELECT t.id, t.title, t.assignee, t.claim_lock, t.claim_expires, t.current_run_id,
       r.id IS NOT NULL AND r.ended_at IS NULL AS run_open,
       ${
      procs
        ? "p.run_id AS proc_run, p.host, p.boot_id, p.pid_ns, p.pid, p.start_ticks"
        : "NULL AS proc_run, NULL AS host, NULL AS boot_id, NULL AS pid_ns, NULL AS pid, NULL AS start_ticks"
    }
     FROM tasks t
     LEFT JOIN task_runs r ON r.id = t.current_run_id
     ${procs ? "LEFT JOIN hx_run_procs p ON p.run_id = t.current_run_id" : ""}
     WHERE t.status = 'running' ORDER BY t.id`,
  ).map((r) => ({
    id: String(r.id),
    title: String(r.title),
    assignee: r.assignee === null ? null : String(r.assignee),
    claimLock: r.claim_lock === null ? null : String(r.claim_lock),
    claimExpires: r.claim_expires === null ? null : Number(r.claim_expires),
    currentRunId: r.current_run_id === null ? null : Number(r.current_run_id),
    runOpen: Number(r.run_open) === 1, // SQLite's 1, PostgreSQL's true
    proc: r.proc_run === null ? null : {
      host: r.host === null ? null : String(r.host),
      bootId: r.boot_id === null ? null : String(r.boot_id),
      pidNs: r.pid_ns === null ? null : String(r.pid_ns),
      pid: r.pid === null ? null : Number(r.pid),
      startTicks: r.start_ticks === null ? null : Number(r.start_ticks),
    },
  }));
  facts.ready = conn.all<
    { id: string; title: string; status: "ready" | "review"; assignee: string | null; idle: number }
  >(
    `SELECT t.id, t.title, t.status, t.assignee,
       ${
      conn.dialect.greatest(
        "t.created_at",
        "COALESCE((SELECT MAX(e.created_at) FROM task_events e WHERE e.task_id = t.id), 0)",
      )
    } AS idle
     FROM tasks t WHERE t.status IN ('ready', 'review') AND t.claim_lock IS NULL
     ORDER BY idle, t.id`,
  ).map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    assignee: r.assignee,
    idleSince: Number(r.idle),
  }));
  if (hasTable(conn, "hx_task_schedule")) {
    facts.overdue = conn.all<{ id: string; title: string; due: number }>(
      `SELECT t.id, t.title, s.due_at AS due FROM hx_task_schedule s JOIN tasks t ON t.id = s.task_id
       WHERE t.status = 'scheduled' AND s.event_id =
         (SELECT MAX(e.id) FROM task_events e WHERE e.task_id = t.id AND e.kind = 'scheduled')
       ORDER BY s.due_at, t.id`,
    ).map((r) => ({ id: r.id, title: r.title, dueAt: Number(r.due) }));
  }
  facts.waiting = conn.all<WaitingFact>(
    `SELECT t.id, t.title FROM tasks t WHERE ${PROMOTABLE_SQL} ORDER BY t.created_at, t.id`,
  ).map((r) => ({ id: r.id, title: r.title }));
}
