/**
 * The store's second entry point: the dispatcher's and the notifier's views of an open board.
 * Kept out of mod.ts so the hot CLI verbs, which only need the board, do not load them at
 * start-up. A second backend adds its classes here; callers only see the interfaces.
 */

import { SqlBoardStore } from "./board_store.ts";
import { SqlDispatchStore } from "./_dispatch_store.ts";
import { SqlNotifyStore } from "./_notify_store.ts";
import { Connection, ensureNotifyTables } from "./connection.ts";
import type { DispatchStore, NotifyStore, Store } from "./types.ts";

export type * from "./types.ts";
export { EXIT_UNKNOWN } from "./_dispatch_store.ts";

/** The dispatcher's queries and writes over `store` (one per dispatcher; cheap to make). */
export function openDispatch(store: Store): DispatchStore {
  return new SqlDispatchStore(sqliteOf(store));
}

/** The notifier's subscriptions, cursors and outbox of `store`, on the store's clock. */
export function openNotify(store: Store): NotifyStore {
  const s = sqliteOf(store);
  // A SQLite board made before the notifier tables existed gets them here (IF NOT EXISTS).
  if (s.conn instanceof Connection) ensureNotifyTables(s.conn);
  return new SqlNotifyStore(s.conn, s.now);
}

/** The implementation behind `store` (every store comes from openBoard). */
function sqliteOf(store: Store): SqlBoardStore {
  if (store instanceof SqlBoardStore) return store;
  throw new Error("not a store opened by openBoard()");
}
export * from "./_change_feed.ts";
