/** A board, its config and dispatchers in a temp HERMES_HOME, for dispatcher tests with real workers. */

import { DatabaseSync } from "node:sqlite";
import type { Task } from "../../lib/board/mod.ts";
import { type Config, loadConfig } from "../../lib/config/mod.ts";
import { Dispatcher, type DispatcherOptions } from "../../lib/dispatcher/mod.ts";
import { type CreateTaskInput, openBoard, type Store } from "../../lib/store/mod.ts";
import { groupMembers, readAllStatsAsync } from "../../lib/workers/mod.ts";
import { type TempHome, tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";

/** Config every dispatcher test starts from: short grace, no retry delay. */
export const TEST_CONFIG = `
kanban:
  kill_grace_seconds: 0.3
  retry_backoff_seconds: 0
  max_workers: 8
`;

/** One test's board. */
export interface Fixture extends AsyncDisposable {
  home: TempHome;
  store: Store;
  config: Config;
  /** Seconds added to the board's clock (to expire claims without waiting). */
  skew: { seconds: number };
  /** A dispatcher over the fixture's open board (closed with the fixture). */
  dispatcher(opts?: Partial<DispatcherOptions>): Dispatcher;
  create(title: string, input?: Partial<CreateTaskInput>): Task;
  task(id: string): Task;
  /** A read-only view of the database for assertions. */
  db: DatabaseSync;
}

/**
 * Make a board in a fresh home; `yaml` replaces the default config. `now` (unix ms) is the
 * clock the board and its dispatchers read; the system clock by default.
 */
export async function fixture(yaml = TEST_CONFIG, now: () => number = Date.now): Promise<Fixture> {
  const home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, yaml);
  const config = await loadConfig(home.path, (n) => home.env[n]);
  const skew = { seconds: 0 };
  // One clock for the board and its dispatchers, in ms.
  const clock = () => now() + skew.seconds * 1000;
  const store = openBoard(home.path, "default", {
    create: true,
    clock: () => Math.floor(clock() / 1000),
  });
  const db = new DatabaseSync(`${home.path}/kanban.db`, { timeout: 10_000 });
  const made: Dispatcher[] = [];
  return {
    home,
    store,
    config,
    skew,
    db,
    dispatcher(opts = {}) {
      const d = new Dispatcher({
        home: home.path,
        board: "default",
        config,
        store,
        clock,
        baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: home.path },
        ...opts,
      });
      made.push(d);
      return d;
    },
    create(title, input = {}) {
      return store.createTask({ title, assignee: "shell", ...input }).task;
    },
    task(id) {
      return store.requireTask(id);
    },
    async [Symbol.asyncDispose]() {
      for (const d of made) await d.close().catch(() => {});
      // Whatever a test left running must not outlive it (one /proc scan for all groups).
      const groups = new Set(pids(db).map((p) => p.pid));
      if (groups.size) {
        for (const st of await readAllStatsAsync()) {
          if (!groups.has(st.pgrp) || st.state === "Z") continue;
          try {
            Deno.kill(st.pid, "SIGKILL");
          } catch { /* gone */ }
        }
      }
      db.close();
      store.close();
      await home[Symbol.asyncDispose]();
    },
  };
}

/** Every worker pid recorded on the board. */
export function pids(db: DatabaseSync): { run_id: number; task_id: string; pid: number }[] {
  return db.prepare("SELECT run_id, task_id, pid FROM hx_run_procs WHERE pid IS NOT NULL")
    .all() as { run_id: number; task_id: string; pid: number }[];
}

/** Runs of a task, oldest first. */
export function runsOf(db: DatabaseSync, taskId: string): Record<string, unknown>[] {
  return db.prepare(
    `SELECT r.*, p.exit_code, p.pid, p.log_path FROM task_runs r
     LEFT JOIN hx_run_procs p ON p.run_id = r.id WHERE r.task_id = ? ORDER BY r.id`,
  ).all(taskId) as Record<string, unknown>[];
}

/** Event kinds of a task, in order. */
export function eventKinds(db: DatabaseSync, taskId: string): string[] {
  return (db.prepare("SELECT kind FROM task_events WHERE task_id = ? ORDER BY id").all(
    taskId,
  ) as { kind: string }[]).map((r) => r.kind);
}

/** The payload of the latest event of `kind` for a task. */
export function lastEvent(
  db: DatabaseSync,
  taskId: string,
  kind: string,
): Record<string, unknown> | null {
  const r = db.prepare(
    "SELECT payload FROM task_events WHERE task_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
  ).get(taskId, kind) as { payload: string | null } | undefined;
  return r?.payload ? JSON.parse(r.payload) : null;
}

/** Tick until `cond` holds (deadline, never a fixed sleep). */
export async function tickUntil<T>(
  d: Dispatcher,
  cond: () => T,
  opts: { timeoutMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  return await waitFor(async () => {
    await d.tick();
    return cond();
  }, { timeoutMs: opts.timeoutMs ?? 15_000, intervalMs: 20, what: opts.what });
}

/** True when no process of the worker's process group is left. */
export async function groupGone(pid: number): Promise<boolean> {
  return (await groupMembers(pid)).length === 0;
}
