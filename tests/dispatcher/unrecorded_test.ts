/**
 * A dispatcher that dies between starting a worker and recording it leaves a claim with no
 * process on record. The run's own files (the wrapper's log and exit file) decide what
 * happens: finished work is recorded, never run again; a worker that may still run is never
 * given a twin; a claim that never spawned anything is reclaimed as before.
 */

import { deepEqual, equal } from "../support/assert.ts";
import { boardPaths } from "../../lib/config/mod.ts";
import { runFiles } from "../../lib/workers/mod.ts";
import { fixture, runsOf } from "./fixture.ts";

// A claimer that is certainly not alive: pid numbers never reach 2^31 - 2 on Linux.
const DEAD_LOCK = "somehost:2147483646";

Deno.test("a worker that finished while unrecorded is recorded from its exit file, not run again", async () => {
  await using fx = await fixture();
  const t = fx.create("finished unseen", { body: "echo done" });
  const { run } = fx.store.claim(t.id, DEAD_LOCK, 60);
  const { logPath, exitPath } = runFiles(boardPaths(fx.home.path, "default"), t.id, run.id);
  await Deno.mkdir(logPath.slice(0, logPath.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(logPath, "done\n");
  await Deno.writeTextFile(exitPath, "0\n");
  const r = await fx.dispatcher().tick();
  equal(r.spawned.length, 0);
  equal(fx.task(t.id).status, "done");
  deepEqual(runsOf(fx.db, t.id).map((x) => x.status), ["done"]);
});

Deno.test("a started but unrecorded worker is never given a twin when its claim expires", async () => {
  await using fx = await fixture();
  const t = fx.create("maybe still running", { body: "sleep 1", maxRuntimeSeconds: 600 });
  const { run } = fx.store.claim(t.id, DEAD_LOCK, 60);
  const { logPath } = runFiles(boardPaths(fx.home.path, "default"), t.id, run.id);
  await Deno.mkdir(logPath.slice(0, logPath.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(logPath, "working\n");
  const d = fx.dispatcher();
  fx.skew.seconds = 61;
  const r = await d.tick();
  deepEqual(r.reclaim_deferred, [t.id]);
  equal(r.spawned.length, 0);
  equal(fx.task(t.id).status, "running");
  // Past its max runtime (plus grace) it is taken for dead and the task runs again.
  fx.skew.seconds = 61 + 600 + 120;
  const later = await d.tick();
  equal(later.reclaimed, 1);
  deepEqual(later.spawned.map((s) => s.task_id), [t.id]);
});
