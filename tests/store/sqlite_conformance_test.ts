/** The store's conformance suite on SQLite: each case gets a board in a fresh HERMES_HOME. */

import { openBoard, type Store } from "../../lib/store/mod.ts";
import { runStoreConformance } from "./conformance/mod.ts";

/** Homes made for the cases, removed when the test module unloads. */
const homes = new Map<Store, string>();

globalThis.addEventListener("unload", () => {
  for (const home of homes.values()) Deno.removeSync(home, { recursive: true });
});

runStoreConformance("sqlite", (clock, sameAs) => {
  if (sameAs) {
    const home = homes.get(sameAs)!;
    return Promise.resolve(openBoard(home, "default", { clock }));
  }
  const home = Deno.makeTempDirSync({ prefix: "hermes-conformance-" });
  const store = openBoard(home, "default", { create: true, clock });
  homes.set(store, home);
  return Promise.resolve(store);
});
