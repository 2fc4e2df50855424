/**
 * The PostgreSQL store beside the SQLite store, in the same run, on this machine:
 *
 * 1. One indexed read through the store (`getTask`): µs per call, SQLite as the baseline. On
 *    PostgreSQL each statement is a round trip through the synchronous bridge (a Worker owns
 *    the driver; the caller blocks on Atomics.wait).
 * 2. Claims per second: a board of ready tasks claimed through `DispatchStore.claim`, 16 per
 *    transaction as the claimer batches them (run opened, lease set, event written), SQLite
 *    as the baseline.
 * 3. Commit → wake-up through LISTEN/NOTIFY: another session creates a task; how long until
 *    the change feed of this process is told (p50 and p99, ms). Target p50 ≤ 10 ms.
 *
 * Needs PostgreSQL at HERMES_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres,
 * which may create databases); each round gets a database of its own. Run alone:
 * `deno task bench postgres`.
 */

import { ChangeFeed, openDispatch } from "../lib/store/engine.ts";
import { openBoard, prepareStore, type Store } from "../lib/store/mod.ts";
import { PgBackend } from "../lib/store/postgres.ts";
import type { Report, Scale } from "./harness.ts";
import { summarize } from "./harness.ts";

const ADMIN_URL = Deno.env.get("HERMES_BENCH_PG_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const noEnv = () => undefined;

/** A fresh home on SQLite, or on a fresh PostgreSQL database; and how to remove both. */
async function board(
  kind: "sqlite" | "postgres",
): Promise<{ store: Store; home: string; done(): void }> {
  const home = await Deno.makeTempDir({ prefix: "hermes-pg-bench-" });
  await Deno.chmod(home, 0o700);
  if (kind === "sqlite") {
    await prepareStore(home, noEnv);
    const store = openBoard(home, "default", { create: true });
    return { store, home, done: () => Deno.removeSync(home, { recursive: true }) };
  }
  const name = `hermes_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new PgBackend({ url: ADMIN_URL, env: noEnv, home: undefined });
  admin.adminExec(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  await prepareStore(home, (k) => k === "HERMES_KANBAN_DB_URL" ? u.toString() : undefined);
  const store = openBoard(home, "default", { create: true });
  return {
    store,
    home,
    done() {
      Deno.removeSync(home, { recursive: true });
      admin.adminExec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function fill(store: Store, n: number): void {
  store.tx(() => {
    for (let i = 0; i < n; i++) store.createTask({ title: `bench ${i}`, assignee: "shell" });
  });
}

/** µs per indexed read. */
function readUs(store: Store, ops: number): number {
  const id = store.listTasks({ limit: 1 })[0].id;
  for (let i = 0; i < Math.min(200, ops); i++) store.getTask(id);
  const t = performance.now();
  for (let i = 0; i < ops; i++) store.getTask(id);
  return (performance.now() - t) * 1000 / ops;
}

/** Claims per second over a board of `n` ready tasks, 16 per transaction. */
function claimRate(store: Store, n: number): number {
  const d = openDispatch(store);
  const now = store.now();
  const t = performance.now();
  let claimed = 0;
  while (true) {
    const batch = d.candidates({ now, exclude: [], limit: 16 });
    if (batch.length === 0) break;
    d.tx(() => {
      for (const c of batch) if (d.claim(c.id, "bench:1", 900)) claimed++;
    });
  }
  const s = (performance.now() - t) / 1000;
  if (claimed !== n) throw new Error(`claimed ${claimed} of ${n}`);
  return claimed / s;
}

/** Commit → feed wake-up latencies (ms) for `rounds` tasks created by another session. */
async function wakeups(b: { store: Store; home: string }, rounds: number): Promise<number[]> {
  const writer = openBoard(b.home, "default", {});
  const feed = new ChangeFeed(b.home);
  let waiting: ((at: number) => void) | null = null;
  feed.subscribe({
    changed: () => {
      waiting?.(performance.now());
      return true;
    },
  });
  feed.watch(["default"]);
  const out: number[] = [];
  try {
    for (let i = 0; i < rounds + 5; i++) {
      const seen = new Promise<number>((r) => waiting = r);
      const t0 = performance.now();
      writer.createTask({ title: `wake ${i}`, assignee: "shell" });
      const t1 = await seen;
      if (i >= 5) out.push(t1 - t0);
    }
  } finally {
    feed.close();
    writer.close();
  }
  return out;
}

/** The module's figures. */
export async function run(report: Report, scale: Scale): Promise<void> {
  const tasks = scale.size(3000, 200);
  const ops = scale.size(5000, 300);
  const lite = await board("sqlite");
  const pg = await board("postgres");
  try {
    fill(lite.store, tasks);
    fill(pg.store, tasks);
    report({
      name: "one indexed read through the store (SQLite beside it)",
      figure: readUs(pg.store, ops),
      baseline: readUs(lite.store, ops),
      unit: "µs",
    });
    report({
      name: `claims per second, ${tasks} ready tasks, 16 per transaction (SQLite beside it)`,
      figure: claimRate(pg.store, tasks),
      baseline: claimRate(lite.store, tasks),
      unit: "claims/s",
      better: "higher",
    });
    const lat = summarize(await wakeups(pg, scale.size(200, 20)));
    report({
      name: "commit → change feed wake-up via LISTEN/NOTIFY, p50",
      figure: lat.median,
      unit: "ms",
      limit: 10,
    });
    report({
      name: "commit → change feed wake-up via LISTEN/NOTIFY, p90",
      figure: lat.p90,
      unit: "ms",
    });
  } finally {
    lite.store.close();
    pg.store.close();
    lite.done();
    pg.done();
  }
}
