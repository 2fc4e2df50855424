/**
 * The store's conformance suite on PostgreSQL: each case gets its own database
 * (`hermes_test_<random>`, dropped when the module unloads) and a HERMES_HOME whose
 * HERMES_KANBAN_DB_URL names it. Without a reachable PostgreSQL the suite is reported ignored
 * with the reason; under CI=true that is a failure.
 */

import { openBoard, prepareStore, type Store } from "../../lib/store/mod.ts";
import { runStoreConformance } from "./conformance/mod.ts";
import { createTestDatabase, pgMissing } from "../support/postgres.ts";
import { needing } from "../support/requires.ts";

const missing = await pgMissing();

/** Per store opened by the factory: its home and its database. */
const made = new Map<Store, { home: string; drop(): void }>();

globalThis.addEventListener("unload", () => {
  for (const m of made.values()) {
    Deno.removeSync(m.home, { recursive: true });
    m.drop();
  }
});

if (missing !== null) {
  Deno.test(needing(missing, { name: "postgres store: the conformance suite", fn() {} }));
} else {
  runStoreConformance("postgres", async (clock, sameAs) => {
    if (sameAs) {
      return openBoard(made.get(sameAs)!.home, "default", { clock });
    }
    const db = createTestDatabase();
    const home = Deno.makeTempDirSync({ prefix: "hermes-pg-conformance-" });
    await prepareStore(home, (k) => k === "HERMES_KANBAN_DB_URL" ? db.url : undefined);
    const store = openBoard(home, "default", { create: true, clock });
    made.set(store, { home, drop: db.drop });
    return store;
  });
}
