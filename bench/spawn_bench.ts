/**
 * Cost of starting a worker: spawnWorker on `true` (its own session and process group,
 * clean environment, per-run log and exit file, the sh wrapper) beside a bare
 * `new Deno.Command("true").spawn()` in the same run. Two figures per case: the
 * parent's time in the spawn call (what limits a dispatcher's spawns per second) and
 * the time per worker through to its exit (what the machine sustains).
 *
 * Run alone: `deno run $(cat permissions.flags) bench/spawn_bench.ts`.
 */

import type { Task } from "../lib/board/mod.ts";
import { boardPaths } from "../lib/config/mod.ts";
import {
  type Profile,
  runFiles,
  SHELL_PROFILE,
  type SpawnedWorker,
  spawnWorker,
} from "../lib/workers/mod.ts";
import { benchRuns, interleave, type Report, summarize } from "./harness.ts";
import { taskRecord } from "../tests/support/task_record.ts";

/** Workers per measured round. */
const BATCH = 200;

function task(id: string): Task {
  return taskRecord({ id, title: "bench", body: "true", created_by: "bench" });
}

/** Time of one round: [µs per spawn call, µs per worker through to exit]. */
type Round = { spawn: number; total: number };

async function round(start: () => Promise<unknown>): Promise<Round> {
  const waits: Promise<unknown>[] = new Array(BATCH);
  const t0 = performance.now();
  for (let i = 0; i < BATCH; i++) waits[i] = start();
  const t1 = performance.now();
  await Promise.all(waits);
  const t2 = performance.now();
  return { spawn: (t1 - t0) * 1000 / BATCH, total: (t2 - t0) * 1000 / BATCH };
}

/** Measure and report. */
export async function run(report: Report): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "hermes-spawn-bench-" });
  await Deno.chmod(home, 0o700);
  const paths = boardPaths(home, "default");
  const ws = `${home}/ws`;
  Deno.mkdirSync(ws);
  const baseEnv = Deno.env.toObject();
  const trueProfile: Profile = {
    name: "true",
    command: ["true"],
    env: {},
    maxConcurrent: null,
    maxRuntimeSeconds: null,
    completion: "exit_code",
    description: "",
    builtin: false,
    sandbox: "off",
    network: "full",
    writable: [],
  };
  let seq = 0;
  const worker = (profile: Profile) => (): Promise<unknown> => {
    const id = `t_${(seq++).toString(16).padStart(8, "0")}`;
    const w: SpawnedWorker = spawnWorker({
      profile,
      task: task(id),
      runId: 1,
      workspace: ws,
      board: "default",
      home,
      ...runFiles(paths, id, 1),
      baseEnv,
      prompt: "",
    });
    w.child?.ref();
    return w.exited;
  };
  const bare = (): Promise<unknown> =>
    new Deno.Command("true", { stdin: "null", stdout: "null", stderr: "null" }).spawn().status;
  const rounds: Record<"bare" | "shell" | "argv", Round[]> = { bare: [], shell: [], argv: [] };
  try {
    await interleave(benchRuns(5), {
      bare: async () => (rounds.bare.push(await round(bare)), 0),
      shell: async () => (rounds.shell.push(await round(worker(SHELL_PROFILE))), 0),
      argv: async () => (rounds.argv.push(await round(worker(trueProfile))), 0),
    }, 1);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
  const med = (k: keyof typeof rounds, f: keyof Round) =>
    summarize(rounds[k].slice(-benchRuns(5)).map((r) => r[f])).median;
  report(
    "spawnWorker, shell task `true`: parent time per spawn vs bare spawn",
    med("shell", "spawn"),
    "µs",
    med("bare", "spawn"),
    3,
  );
  report(
    "spawnWorker, shell task `true`: time per worker to exit vs bare spawn",
    med("shell", "total"),
    "µs",
    med("bare", "total"),
    3,
  );
  report(
    "spawnWorker, profile [true]: time per worker to exit vs bare spawn",
    med("argv", "total"),
    "µs",
    med("bare", "total"),
    3,
  );
  const perSecond = (us: number) => Math.round(1e6 / us);
  console.error(
    `spawn: workers/s to exit — bare ${perSecond(med("bare", "total"))}, shell ${
      perSecond(med("shell", "total"))
    }, argv ${perSecond(med("argv", "total"))}; spawn calls/s — bare ${
      perSecond(med("bare", "spawn"))
    }, shell ${perSecond(med("shell", "spawn"))}`,
  );
}

if (import.meta.main) {
  await run((name, figure, unit, baseline, target) => {
    const ratio = figure / baseline;
    console.log(
      `${name}: ${figure.toFixed(0)} ${unit} vs ${baseline.toFixed(0)} ${unit} = ${
        ratio.toFixed(2)
      }×${target === undefined ? "" : ` (target ≤ ${target}×)`}`,
    );
  });
}
