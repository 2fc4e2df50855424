/** One injected clock drives every time-based decision of the dispatcher. */

import { equal, ok } from "../support/assert.ts";
import { waitFor } from "../support/wait.ts";
import { eventKinds, fixture, lastEvent, TEST_CONFIG } from "./fixture.ts";

/** A clock that moves only when the test moves it. */
function fakeClock(): { now: () => number; advance(ms: number): void } {
  let t = Date.now();
  return { now: () => t, advance: (ms) => void (t += ms) };
}

Deno.test("a worker is stopped at its max runtime once the fake clock passes it, with no waiting", async () => {
  const clock = fakeClock();
  await using fx = await fixture(TEST_CONFIG, clock.now);
  const t = fx.create("long", { body: "sleep 30", maxRuntimeSeconds: 3600 });
  const d = fx.dispatcher();
  equal((await d.tick()).spawned.length, 1);
  // Real time passes, the fake clock does not: the worker is within its runtime.
  await waitFor(() => fx.task(t.id).worker_pid !== null, { what: "the spawn to be recorded" });
  equal((await d.tick()).timed_out.length, 0);
  clock.advance(3600_000 + 1);
  const r = await d.tick();
  equal(r.timed_out[0], t.id);
  const ev = lastEvent(fx.db, t.id, "timed_out");
  equal(ev?.limit_seconds, 3600);
  equal(ev?.elapsed_seconds, 3600);
});

Deno.test("a claim expires when the fake clock passes its lease and is reclaimed without counting", async () => {
  const clock = fakeClock();
  await using fx = await fixture(TEST_CONFIG, clock.now);
  const t = fx.create("claimed by hand");
  fx.store.claim(t.id, "somebody:4242", 60);
  const d = fx.dispatcher();
  const before = await d.tick({ max: 0 });
  equal(before.reclaimed, 0, "the lease still runs on the fake clock");
  clock.advance(61_000);
  const r = await d.tick({ max: 0 });
  equal(r.reclaimed, 1);
  equal(fx.task(t.id).status, "ready");
  equal(fx.task(t.id).consecutive_failures, 0);
  ok(eventKinds(fx.db, t.id).includes("reclaimed"));
});

Deno.test("a dry run decides on the fake clock too", async () => {
  const clock = fakeClock();
  await using fx = await fixture(TEST_CONFIG, clock.now);
  const t = fx.create("claimed by hand");
  fx.store.claim(t.id, "somebody:4242", 60);
  const d = fx.dispatcher();
  equal((await d.tick({ dryRun: true, max: 0 })).reclaimed, 0);
  clock.advance(61_000);
  const dry = await d.tick({ dryRun: true, max: 0 });
  equal(dry.reclaimed, 1);
  equal(fx.task(t.id).status, "running", "a dry run changes nothing");
});
