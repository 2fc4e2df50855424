/**
 * The PostgreSQL store's public pieces: the database of a HERMES_HOME's boards (`PgBackend`:
 * boards as schemas, opened, listed, created, dropped, listened to) and the one place URLs are
 * made fit to print. Import it directly: it loads the driver's bridge, which SQLite users never
 * need (mod.ts's `prepareStore` loads it when kanban.db_url names PostgreSQL).
 */

export { BOARDS_CHANNEL, PgBackend, type PgSettings } from "./_pg_store.ts";
export { isPostgresUrl, redactUrl } from "./_pg_url.ts";
export { BRIDGE_WORKER_URL } from "./_pg_bridge.ts";
