/**
 * Hermes's per-board tick lock: our dispatcher skips a tick while a Hermes dispatcher (a lock
 * taken by another process exactly as Hermes takes it) ticks the board, and Hermes finds the lock
 * taken while ours ticks.
 */

import { equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { needing } from "../support/requires.ts";
import { hermesWouldFindTaken, holdLikeHermes, pythonMissing } from "../support/hermes_locks.ts";
import { TickLock } from "../../lib/dispatcher/mod.ts";
import { boardPaths } from "../../lib/config/mod.ts";

const missing = await pythonMissing();

async function create(env: Record<string, string>, ...args: string[]): Promise<string> {
  const r = await hermes(["kanban", "create", ...args, "--json"], { env });
  equal(r.code, 0, r.stderr);
  return r.json<{ id: string }>().id;
}

async function status(env: Record<string, string>, id: string) {
  const r = await hermes(["kanban", "show", id, "--json"], { env });
  return r.json<{ task: { status: string } }>().task.status;
}

Deno.test(needing(missing, {
  name: "dispatch does nothing while a Hermes dispatcher holds the board's tick lock",
  async fn() {
    await using home = await tempHome();
    await hermes(["kanban", "boards", "create", "other"], { env: home.env });
    const id = await create(home.env, "greet", "--assignee", "shell", "--body", "true");
    const other = await create(
      home.env,
      "elsewhere",
      "--assignee",
      "shell",
      "--body",
      "true",
      "--board",
      "other",
    );
    const lock = boardPaths(home.path, "default").tickLock;
    equal(lock, `${home.path}/kanban.db.dispatch.lock`);
    await using hermesTick = await holdLikeHermes([lock]);
    const r = await hermes(["kanban", "dispatch", "--json"], { env: home.env });
    equal(r.code, 1);
    equal(r.json<{ skipped_locked: boolean }>().skipped_locked, true);
    match(
      r.stderr,
      /another dispatcher is ticking board 'default' \(it holds .*kanban\.db\.dispatch\.lock\)/,
    );
    equal(await status(home.env, id), "ready", "nothing was claimed");
    // Another board's lock is its own: that board is dispatched.
    const o = await hermes(["kanban", "dispatch", "--board", "other"], { env: home.env });
    equal(o.code, 0, o.stderr);
    match(o.stdout, /Spawned: 1\n/);
    match(o.stdout, new RegExp(`- ${other}  ->  shell`));
    await hermesTick.release();
    const after = await hermes(["kanban", "dispatch"], { env: home.env });
    equal(after.code, 0, after.stderr);
    match(after.stdout, /Spawned: 1\n/);
  },
}));

Deno.test(needing(missing, {
  name: "a Hermes dispatcher finds the tick lock taken while ours holds it, and free after",
  async fn() {
    await using home = await tempHome();
    const path = boardPaths(home.path, "default").tickLock;
    const ours = new TickLock(path);
    try {
      ok(ours.tryTake());
      ok(await hermesWouldFindTaken(path), "Hermes sees our tick");
      ours.release();
      ok(!(await hermesWouldFindTaken(path)), "and its end");
      // A second handle in this process is refused too (flock is per open file).
      const second = new TickLock(path);
      ok(ours.tryTake());
      ok(!second.tryTake());
      ours.release();
      ok(second.tryTake());
      second.close();
    } finally {
      ours.close();
    }
  },
}));
