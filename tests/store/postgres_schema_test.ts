/**
 * A PostgreSQL board has the schema of a SQLite board (schema generation 3: Hermes v0.18's
 * tables and columns, and ours): the same tables, the same columns in each, the same indexes.
 * PostgreSQL adds only its bookkeeping: `rowid` where SQLite has one implicitly, the change
 * counter (hx_version) and the migration record (hx_schema_version).
 */

import type { SqlBoardStore } from "../../lib/store/board_store.ts";
import { openBoard, prepareStore } from "../../lib/store/mod.ts";
import { PG_SCHEMA_VERSION } from "../../lib/store/_pg_schema.ts";
import { deepEqual, equal } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { createTestDatabase, pgMissing } from "../support/postgres.ts";
import { needing } from "../support/requires.ts";

const missing = await pgMissing();

/** Only PostgreSQL's: what SQLite has without a table or a column for it. */
const PG_ONLY_TABLES = new Set(["hx_version", "hx_schema_version"]);
const PG_ONLY_COLUMNS = new Set(["tasks.rowid", "kanban_notify_subs.rowid"]);

/** Each table's columns (sorted), and the index names (sorted). */
interface Shape {
  columns: Record<string, string[]>;
  indexes: string[];
}

function sqliteShape(store: SqlBoardStore): Shape {
  const c = store.conn;
  const tables = c.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).map((r) => r.name);
  const columns: Record<string, string[]> = {};
  for (const t of tables) {
    columns[t] = c.all<{ name: string }>(`PRAGMA table_info(${t})`).map((r) => r.name).sort();
  }
  const indexes = c.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).map((r) => r.name);
  return { columns, indexes };
}

function pgShape(store: SqlBoardStore): Shape {
  const c = store.conn;
  const columns: Record<string, string[]> = {};
  for (
    const r of c.all<{ t: string; c: string }>(
      `SELECT table_name AS t, column_name AS c FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
    )
  ) {
    if (PG_ONLY_TABLES.has(r.t) || PG_ONLY_COLUMNS.has(`${r.t}.${r.c}`)) continue;
    (columns[r.t] ??= []).push(r.c);
  }
  for (const cols of Object.values(columns)) cols.sort();
  // Constraint indexes (primary keys, UNIQUE) are SQLite's autoindexes: left out on both sides.
  const indexes = c.all<{ name: string }>(
    `SELECT i.indexname AS name FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND NOT EXISTS (
       SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname
         AND k.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))
     ORDER BY i.indexname`,
  ).map((r) => r.name);
  return { columns, indexes };
}

Deno.test(needing(missing, {
  name: "postgres schema: every table, column and index of a SQLite board, at the newest version",
  async fn() {
    const db = createTestDatabase();
    await using lite = await tempHome();
    await using pg = await tempHome();
    try {
      await prepareStore(lite.path, () => undefined);
      const s = openBoard(lite.path, "default", { create: true }) as SqlBoardStore;
      await prepareStore(pg.path, (k) => k === "HERMES_KANBAN_DB_URL" ? db.url : undefined);
      const p = openBoard(pg.path, "default", { create: true }) as SqlBoardStore;
      try {
        const want = sqliteShape(s);
        const got = pgShape(p);
        // Every Hermes v0.18 table and ours, among them the worker endpoint's and the schedules.
        for (
          const t of ["task_attachments", "hx_run_secrets", "hx_task_origins", "hx_task_schedule"]
        ) {
          equal(t in got.columns, true, `${t} on PostgreSQL`);
        }
        deepEqual(got.columns, want.columns);
        deepEqual(got.indexes, want.indexes);
        equal(
          Number(p.conn.value("SELECT MAX(version) FROM hx_schema_version")),
          PG_SCHEMA_VERSION,
        );
      } finally {
        s.close();
        p.close();
      }
    } finally {
      db.drop();
    }
  },
}));
