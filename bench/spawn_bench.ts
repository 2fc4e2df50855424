/**
 * Cost of starting a worker: spawnWorker on `true` (its own session and process group,
 * clean environment, per-run log and exit file, the sh wrapper) beside a bare
 * `new Deno.Command("true").spawn()` in the same run. Two figures per case: the
 * parent's time in the spawn call (what limits a dispatcher's spawns per second) and
 * the time per worker through to its exit (what the machine sustains).
 *
 * Run alone: `deno task bench spawn`.
 */

import { type Profile, SHELL_PROFILE } from "../lib/workers/mod.ts";
import { interleave, type Report, type Scale, summarize } from "./harness.ts";
import { benchHome, spawnBenchWorker, TRUE_PROFILE } from "./spawn_setup.ts";

/** Time of one round: [µs per spawn call, µs per worker through to exit]. */
type Round = { spawn: number; total: number };

async function round(batch: number, start: () => Promise<unknown>): Promise<Round> {
  const waits: Promise<unknown>[] = new Array(batch);
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) waits[i] = start();
  const t1 = performance.now();
  await Promise.all(waits);
  const t2 = performance.now();
  return { spawn: (t1 - t0) * 1000 / batch, total: (t2 - t0) * 1000 / batch };
}

/** Measure and report. */
export async function run(report: Report, scale: Scale): Promise<void> {
  /** Workers per measured round. */
  const batch = scale.size(200, 10);
  const h = await benchHome("hermes-spawn-bench-");
  const baseEnv = Deno.env.toObject();
  let seq = 0;
  const worker = (profile: Profile) => (): Promise<unknown> => {
    const id = `t_${(seq++).toString(16).padStart(8, "0")}`;
    return spawnBenchWorker(h, profile, id, baseEnv).exited;
  };
  const bare = (): Promise<unknown> =>
    new Deno.Command("true", { stdin: "null", stdout: "null", stderr: "null" }).spawn().status;
  let rounds: Record<"bare" | "shell" | "argv", Round[]>;
  try {
    rounds = await interleave(scale.runs(5), {
      bare: () => round(batch, bare),
      shell: () => round(batch, worker(SHELL_PROFILE)),
      argv: () => round(batch, worker(TRUE_PROFILE)),
    }, scale.warmup(1));
  } finally {
    await Deno.remove(h.home, { recursive: true });
  }
  const med = (k: keyof typeof rounds, f: keyof Round) =>
    summarize(rounds[k].map((r) => r[f])).median;
  report({
    name: "spawnWorker, shell task `true`: parent time per spawn vs bare spawn",
    figure: med("shell", "spawn"),
    unit: "µs",
    baseline: med("bare", "spawn"),
    maxRatio: 3,
  });
  report({
    name: "spawnWorker, shell task `true`: time per worker to exit vs bare spawn",
    figure: med("shell", "total"),
    unit: "µs",
    baseline: med("bare", "total"),
    maxRatio: 3,
  });
  report({
    name: "spawnWorker, profile [true]: time per worker to exit vs bare spawn",
    figure: med("argv", "total"),
    unit: "µs",
    baseline: med("bare", "total"),
    maxRatio: 3,
  });
  const perSecond = (us: number) => Math.round(1e6 / us);
  console.error(
    `spawn: workers/s to exit — bare ${perSecond(med("bare", "total"))}, shell ${
      perSecond(med("shell", "total"))
    }, argv ${perSecond(med("argv", "total"))}; spawn calls/s — bare ${
      perSecond(med("bare", "spawn"))
    }, shell ${perSecond(med("shell", "spawn"))}`,
  );
}
