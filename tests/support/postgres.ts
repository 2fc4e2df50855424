/**
 * PostgreSQL for tests: the server at HERMES_TEST_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres, the one `.ci/run` starts), and a database of its
 * own for each test (`hermes_test_<random>`), dropped afterwards. Without a reachable server the
 * PostgreSQL tests are reported ignored with the reason (under CI=true they fail; see
 * requires.ts).
 */

import { PgBackend, redactUrl } from "../../lib/store/postgres.ts";

/** The server the tests use, as an administrator's URL. */
export const PG_ADMIN_URL = Deno.env.get("HERMES_TEST_PG_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";

const noEnv = () => undefined;

function admin(): PgBackend {
  return new PgBackend({ url: PG_ADMIN_URL, env: noEnv, home: undefined });
}

/** Null when PostgreSQL answers at PG_ADMIN_URL, else why the PostgreSQL tests cannot run. */
export async function pgMissing(): Promise<string | null> {
  const u = new URL(PG_ADMIN_URL);
  try {
    const c = await Deno.connect({ hostname: u.hostname, port: Number(u.port || 5432) });
    c.close();
  } catch (e) {
    return `no PostgreSQL at ${redactUrl(PG_ADMIN_URL)}: ${(e as Error).message}`;
  }
  return null;
}

/** A fresh database: its URL and a drop that removes it (whoever is still connected). */
export function createTestDatabase(): { url: string; name: string; drop(): void } {
  const name = `hermes_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  admin().adminExec(`CREATE DATABASE ${name}`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop() {
      admin().adminExec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
