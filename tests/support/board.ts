/** Direct access to a test board's database, for checking what the CLI did. */

import { DatabaseSync, type SQLInputValue } from "node:sqlite";

/** Open the default board of `home` read-only-ish for assertions. */
export function openDb(home: string, board = "default"): DatabaseSync {
  const path = board === "default"
    ? `${home}/kanban.db`
    : `${home}/kanban/boards/${board}/kanban.db`;
  return new DatabaseSync(path, { timeout: 10_000 });
}

/** Row counts of the main tables plus the integrity check result. */
export function snapshot(home: string, board = "default"): Record<string, number | string> {
  const db = openDb(home, board);
  try {
    const out: Record<string, number | string> = {};
    for (const t of ["tasks", "task_links", "task_comments", "task_events", "task_runs"]) {
      out[t] = Number((db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
    }
    out.integrity = String(
      (db.prepare("PRAGMA integrity_check").get() as Record<string, unknown>).integrity_check,
    );
    return out;
  } finally {
    db.close();
  }
}

/**
 * Run one statement on the default board of `home` from a connection of its own, as a
 * foreign writer (Hermes, a script) would: for rows no store operation writes.
 */
export function foreignWrite(home: string, sql: string, ...params: SQLInputValue[]): void {
  const db = openDb(home);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** Rows of one query on the board file at `path`, from a connection of its own. */
export function foreignRows<T>(path: string, sql: string, ...params: SQLInputValue[]): T[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
