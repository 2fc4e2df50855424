/**
 * The store's conformance suite: the contract of the `Store`, `DispatchStore` and
 * `NotifyStore` interfaces, checked through the interfaces alone (no SQL, no file), so that
 * every backend runs the same cases. A backend's test file calls `runStoreConformance` once
 * with a factory (tests/store/sqlite_conformance_test.ts does it for SQLite).
 */

import type { Clock, Store } from "../../../lib/store/mod.ts";
import { invariantViolations } from "../../board/fixtures.ts";
import { deepEqual } from "../../support/assert.ts";
import { BOARD_CASES } from "./board_cases.ts";
import { DISPATCH_CASES } from "./dispatch_cases.ts";
import { NOTIFY_CASES } from "./notify_cases.ts";

/**
 * Opens a store for one case: a fresh, empty board on `clock`, or, given `sameAs`, a second
 * handle (its own connection or session) on the board of `sameAs`, as another process has.
 * The suite closes every store it opened; the factory cleans up anything else.
 */
export type MakeStore = (clock: Clock, sameAs?: Store) => Promise<Store>;

/** A settable clock in unix seconds, as the store reads time. */
export interface FakeClock {
  now: Clock;
  /** Move time forward by `seconds`. */
  advance(seconds: number): void;
}

/** What a case gets: a fresh store on a fake clock, and the means to open more. */
export interface CaseContext {
  store: Store;
  clock: FakeClock;
  /** Another handle on the same board, closed after the case. */
  reopen(): Promise<Store>;
}

/** One behaviour of the contract. */
export interface Case {
  name: string;
  run(c: CaseContext): void | Promise<void>;
}

/** The time every case starts at. */
export const T0 = 1_780_000_000;

/** A fake clock starting at `start`. */
export function fakeClock(start = T0): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance(seconds: number) {
      t += seconds;
    },
  };
}

/** Every case of the contract. */
export const CASES: readonly Case[] = [...BOARD_CASES, ...DISPATCH_CASES, ...NOTIFY_CASES];

/**
 * Register one Deno test per case, named `<name> store: <behaviour>`. After each case the
 * board must still hold the fuzzed invariants (tests/board/fixtures.ts).
 */
export function runStoreConformance(name: string, makeStore: MakeStore): void {
  for (const c of CASES) {
    Deno.test(`${name} store: ${c.name}`, async () => {
      const clock = fakeClock();
      const store = await makeStore(clock.now);
      const others: Store[] = [];
      try {
        await c.run({
          store,
          clock,
          reopen: async () => {
            const s = await makeStore(clock.now, store);
            others.push(s);
            return s;
          },
        });
        deepEqual(invariantViolations(store), [], "the board's invariants hold afterwards");
      } finally {
        for (const s of others) s.close();
        store.close();
      }
    });
  }
}
