/**
 * The dispatcher's two figures, each beside a baseline measured in the same run:
 *
 * 1. The cost of a tick on an idle board holding 10,000 done tasks, on an open
 *    connection, beside a trivial `SELECT 1` on the same connection. Target (absolute):
 *    25 µs.
 * 2. Tasks per second through the dispatcher for `true` tasks (shell profile) with full
 *    durability (synchronous=FULL; claims, spawn records and completions committed):
 *    time per task to spawned, and to done, beside a bare `new Deno.Command("true")`
 *    spawn with the same concurrency. Target (absolute): 1,000 spawned tasks per second,
 *    i.e. at most 1 ms per task to spawned.
 *
 *    A third figure puts the dispatcher beside the workers' own spawn path alone
 *    (prepareWorkspace + spawnWorker at the same cap, no board): what the dispatcher adds.
 *    A fourth gives the CPU time per task of this process and its workers (Linux: utime,
 *    stime, cutime and cstime of /proc/self/stat), beside the bare spawn's: on a shared
 *    machine the rates move with other people's load, the CPU a task costs much less.
 *
 * Run alone: `deno task bench dispatch`.
 */

import { DatabaseSync } from "node:sqlite";
import { type Task, workspaceRoots } from "../lib/board/mod.ts";
import { boardPaths, type Config, loadConfig } from "../lib/config/mod.ts";
import { Dispatcher } from "../lib/dispatcher/mod.ts";
import { openBoard, type Store } from "../lib/store/mod.ts";
import { prepareWorkspace, runFiles, SHELL_PROFILE, spawnWorker } from "../lib/workers/mod.ts";
import { interleave, type Report, type Scale, summarize } from "./harness.ts";
import { procText } from "./proc_stats.ts";

/** Idle-tick budget in µs and spawn-rate target in tasks per second. */
const TICK_BUDGET_US = 25;
const SPAWN_TARGET_PER_S = 1000;
/** The live-worker cap both sides of the throughput rounds run under. */
const CAP = 64;

/** How much one run measures. */
interface Sizes {
  /** Done tasks on the idle board. */
  idleBoard: number;
  /** Operations per timed idle round. */
  idleOps: number;
  /** `true` tasks per throughput round. */
  tasks: number;
}

async function makeHome(yaml: string): Promise<{ home: string; config: Config }> {
  const home = await Deno.makeTempDir({ prefix: "hermes-dispatch-bench-" });
  await Deno.chmod(home, 0o700);
  await Deno.writeTextFile(`${home}/config.yaml`, yaml);
  return { home, config: await loadConfig(home, () => undefined) };
}

function fill(store: Store, n: number, done: boolean): void {
  store.tx(() => {
    for (let i = 0; i < n; i++) {
      store.createTask({ title: `bench ${i}`, assignee: "shell", body: "true" });
    }
  });
  // Done without runs or events, as a board that finished long ago and was pruned looks.
  if (done) sqlite(store, "UPDATE tasks SET status = 'done', completed_at = created_at");
}

/** Run `sql` on the board file of `store` through a connection of its own. */
function sqlite(store: Store, sql: string): void {
  const db = new DatabaseSync(store.path, { timeout: 10_000 });
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

async function idleTick(report: Report, scale: Scale, sizes: Sizes): Promise<void> {
  const { home, config } = await makeHome("kanban: {}\n");
  const store = openBoard(home, "default", { create: true });
  const ops = sizes.idleOps;
  try {
    fill(store, sizes.idleBoard, true);
    // The floor: one trivial statement on an open connection to the same file.
    const floorDb = new DatabaseSync(store.path);
    const select1 = floorDb.prepare("SELECT 1");
    const d = new Dispatcher({ home, board: "default", config, store });
    try {
      const rounds = await interleave(scale.runs(15), {
        tick: async () => {
          const t0 = performance.now();
          for (let i = 0; i < ops; i++) await d.tick();
          return (performance.now() - t0) * 1000 / ops;
        },
        select1: () => {
          const t0 = performance.now();
          for (let i = 0; i < ops; i++) select1.get();
          return Promise.resolve((performance.now() - t0) * 1000 / ops);
        },
      }, scale.warmup(3));
      report({
        name: `idle tick, ${
          sizes.idleBoard.toLocaleString("en-US")
        } done tasks, open connection, vs SELECT 1`,
        figure: summarize(rounds.tick).median,
        unit: "µs",
        baseline: summarize(rounds.select1).median,
        limit: TICK_BUDGET_US,
      });
    } finally {
      floorDb.close();
      await d.close();
    }
  } finally {
    store.close();
    await Deno.remove(home, { recursive: true });
  }
}

/**
 * Homes of finished throughput rounds, removed after the last round: on an ext4 without a
 * journal (this machine's) every new inode is allocated past the inodes deleted in the last
 * ~35 s, one lookup each, so deleting a round's 1,500 files just before the next round made
 * that round pay for the bench's own cleanup. A running gateway does not delete as it spawns.
 */
const finishedHomes: string[] = [];

async function removeFinishedHomes(): Promise<void> {
  for (const h of finishedHomes.splice(0)) await Deno.remove(h, { recursive: true });
}

/** One dispatcher round: ms per task until all spawned, and until all done. */
async function dispatchRound(tasks: number): Promise<{ spawned: number; done: number }> {
  const { home, config } = await makeHome(`kanban:\n  max_workers: ${CAP}\n`);
  finishedHomes.push(home);
  const store = openBoard(home, "default", { create: true });
  try {
    fill(store, tasks, false);
    const d = new Dispatcher({
      home,
      board: "default",
      config,
      store,
      baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    });
    let spawned = 0;
    let spawnedAt = 0;
    const t0 = performance.now();
    const s = await d.run({
      untilIdle: true,
      pollMs: 1,
      onTick: (r) => {
        spawned += r.spawned.length;
        if (spawned >= tasks && spawnedAt === 0) spawnedAt = performance.now();
      },
    });
    const t1 = performance.now();
    await d.close();
    if (s.finished.done.length !== tasks) {
      throw new Error(`only ${s.finished.done.length} of ${tasks} tasks finished done`);
    }
    return { spawned: (spawnedAt - t0) / tasks, done: (t1 - t0) / tasks };
  } finally {
    store.close();
  }
}

/**
 * Start `tasks` processes with at most CAP alive: `start(i)` launches one and hands back its exit.
 * Returns ms per task until all were started, and until all exited.
 */
async function cappedRound(
  tasks: number,
  start: (i: number) => { exited: Promise<unknown> } | Promise<{ exited: Promise<unknown> }>,
): Promise<{ spawned: number; done: number }> {
  let live = 0;
  let wake: (() => void) | null = null;
  const waits: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < tasks; i++) {
    while (live >= CAP) await new Promise<void>((r) => wake = r);
    const started = start(i);
    // The bare baseline must not pay an extra await per spawn.
    const { exited } = started instanceof Promise ? await started : started;
    live++;
    waits.push(exited.then(() => {
      live--;
      wake?.();
    }));
  }
  const t1 = performance.now();
  await Promise.all(waits);
  const t2 = performance.now();
  return { spawned: (t1 - t0) / tasks, done: (t2 - t0) / tasks };
}

/** Bare spawns of `true` with at most CAP alive: ms per spawn until all spawned, and all exited. */
function bareRound(tasks: number): Promise<{ spawned: number; done: number }> {
  return cappedRound(tasks, () => ({
    exited:
      new Deno.Command("true", { stdin: "null", stdout: "null", stderr: "null" }).spawn().status,
  }));
}

/** The spawn path without a dispatcher: workspace + spawnWorker per task, CAP alive at most. */
async function spawnPathRound(tasks: number): Promise<{ spawned: number; done: number }> {
  const home = await Deno.makeTempDir({ prefix: "hermes-dispatch-bench-" });
  finishedHomes.push(home);
  await Deno.chmod(home, 0o700);
  const store = openBoard(home, "default", { create: true });
  try {
    const made: Task[] = [];
    store.tx(() => {
      for (let i = 0; i < tasks; i++) {
        made.push(store.createTask({ title: `b${i}`, assignee: "shell", body: "true" }).task);
      }
    });
    const paths = boardPaths(home, "default");
    Deno.mkdirSync(paths.logs, { recursive: true, mode: 0o700 });
    const baseEnv = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
    return await cappedRound(tasks, async (i) => {
      const task = made[i];
      const workspace = await prepareWorkspace(task, paths, workspaceRoots(home, []));
      const w = spawnWorker({
        profile: SHELL_PROFILE,
        task,
        runId: i + 1,
        workspace,
        board: "default",
        home,
        ...runFiles(paths, task.id, i + 1),
        baseEnv,
        prompt: "",
      });
      w.child?.ref();
      return { exited: w.exited };
    });
  } finally {
    store.close();
  }
}

/** CPU time of this process and its reaped children, in ms (NaN where /proc is missing). */
async function treeCpuMs(): Promise<number> {
  const stat = await procText(`/proc/${Deno.pid}/stat`);
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime (fields 14-17) are at 11-14 after "pid (comm) "; 100 ticks/s.
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
}

type PerTask = { spawned: number; done: number; cpu: number };

/** A round's figures plus the CPU it took per task. */
async function withCpu(
  tasks: number,
  round: (tasks: number) => Promise<{ spawned: number; done: number }>,
): Promise<PerTask> {
  const c0 = await treeCpuMs();
  const r = await round(tasks);
  return { ...r, cpu: (await treeCpuMs() - c0) / tasks };
}

async function throughput(report: Report, scale: Scale, sizes: Sizes): Promise<void> {
  const n = sizes.tasks;
  let got: Record<"dispatch" | "bare" | "path", PerTask[]>;
  try {
    got = await interleave(scale.runs(5), {
      dispatch: () => withCpu(n, dispatchRound),
      bare: () => withCpu(n, bareRound),
      path: () => withCpu(n, spawnPathRound),
    }, scale.warmup(1));
  } finally {
    await removeFinishedHomes();
  }
  const med = (k: keyof typeof got, f: keyof PerTask) => summarize(got[k].map((r) => r[f])).median;
  report({
    name:
      `true tasks through the dispatcher (cap ${CAP}), ms per task to spawned vs bare spawn (target ${SPAWN_TARGET_PER_S}/s)`,
    figure: med("dispatch", "spawned"),
    unit: "ms",
    baseline: med("bare", "spawned"),
    limit: 1000 / SPAWN_TARGET_PER_S,
  });
  report({
    name:
      `true tasks through the dispatcher (cap ${CAP}), ms per task to done vs bare spawn to exit`,
    figure: med("dispatch", "done"),
    unit: "ms",
    baseline: med("bare", "done"),
  });
  report({
    name:
      `true tasks through the dispatcher (cap ${CAP}), ms per task to done vs workspace + spawnWorker alone`,
    figure: med("dispatch", "done"),
    unit: "ms",
    baseline: med("path", "done"),
  });
  if (Number.isFinite(med("dispatch", "cpu"))) {
    report({
      name:
        `true tasks through the dispatcher (cap ${CAP}), CPU ms per task (this process and its workers) vs bare spawn`,
      figure: med("dispatch", "cpu"),
      unit: "ms",
      baseline: med("bare", "cpu"),
    });
  }
  const perS = (ms: number) => Math.round(1000 / ms);
  console.error(
    `dispatch: tasks/s spawned ${perS(med("dispatch", "spawned"))} (bare ${
      perS(med("bare", "spawned"))
    }), done ${perS(med("dispatch", "done"))} (bare exited ${perS(med("bare", "done"))}, ` +
      `spawn path alone ${perS(med("path", "done"))}); CPU ms per task: dispatch ${
        med("dispatch", "cpu").toFixed(2)
      }, spawn path alone ${med("path", "cpu").toFixed(2)}, bare ${med("bare", "cpu").toFixed(2)}`,
  );
}

/** Measure and report both figures. */
export async function run(report: Report, scale: Scale): Promise<void> {
  const sizes: Sizes = {
    idleBoard: scale.size(10_000, 500),
    idleOps: scale.size(2000, 50),
    tasks: scale.size(500, 20),
  };
  await idleTick(report, scale, sizes);
  await throughput(report, scale, sizes);
}
