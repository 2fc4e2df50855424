/**
 * The store's second entry point: the dispatcher's and the notifier's queries. Kept out of
 * mod.ts so the hot CLI verbs, which only need the board, do not load them at start-up.
 */
export * from "./dispatch_store.ts";
export * from "./notify_store.ts";
export * from "./change_feed.ts";
