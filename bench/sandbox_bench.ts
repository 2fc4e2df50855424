/**
 * Cost of confining a worker: one spawnWorker of the profile `[true]` through to its exit,
 * unconfined beside `sandbox: workspace` (bubblewrap: private /tmp, HERMES_HOME and the
 * secrets masked, own PID namespace; with `network: none` also its own network namespace),
 * one spawn at a time, the cases interleaved so they share the machine's background load.
 * The figure is the median time per worker; the target is at most 10 ms added to the
 * unconfined median of the same run.
 *
 * Run alone: `deno task bench sandbox`.
 */

import type { Task } from "../lib/board/mod.ts";
import { boardPaths } from "../lib/config/mod.ts";
import {
  probeSandbox,
  type Profile,
  runFiles,
  type SandboxRequest,
  spawnWorker,
} from "../lib/workers/mod.ts";
import { benchRuns, type Report, summarize } from "./harness.ts";
import { taskRecord } from "../tests/support/task_record.ts";

/** Spawns per case and round. */
const PER_ROUND = 20;
/** Largest acceptable cost of the sandbox per spawn, in ms, at the median. */
const ADDED_MS = 10;

function task(id: string): Task {
  return taskRecord({ id, title: "bench", body: "true", created_by: "bench" });
}

/** Measure and report. */
export async function run(report: Report): Promise<void> {
  const probe = probeSandbox();
  if (!probe.ok) throw new Error(`no sandbox to measure: ${probe.reason}`);
  const home = await Deno.makeTempDir({ prefix: "hermes-sandbox-bench-" });
  await Deno.chmod(home, 0o700);
  const paths = boardPaths(home, "default");
  const ws = `${home}/ws`;
  Deno.mkdirSync(ws);
  const baseEnv = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: Deno.env.get("HOME")! };
  const profile: Profile = {
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
  const once = async (sandbox: SandboxRequest | null): Promise<number> => {
    const id = `t_${(seq++).toString(16).padStart(8, "0")}`;
    const t0 = performance.now();
    const w = spawnWorker({
      profile,
      task: task(id),
      runId: 1,
      workspace: ws,
      board: "default",
      home,
      ...runFiles(paths, id, 1),
      baseEnv,
      prompt: "",
      sandbox,
    });
    w.child?.ref();
    const st = await w.exited;
    const ms = performance.now() - t0;
    if (st.code !== 0) {
      throw new Error(
        `worker exited ${st.code}: ${Deno.readTextFileSync(runFiles(paths, id, 1).logPath)}`,
      );
    }
    return ms;
  };
  const cases = {
    plain: null,
    none: { network: "none", deny: [], writable: [] },
    full: { network: "full", deny: [], writable: [] },
  } as const satisfies Record<string, SandboxRequest | null>;
  const samples: Record<keyof typeof cases, number[]> = { plain: [], none: [], full: [] };
  const rounds = benchRuns(5);
  try {
    // One warm-up round, then spawns alternate between the cases one by one.
    for (let r = 0; r <= rounds; r++) {
      for (let i = 0; i < PER_ROUND; i++) {
        for (const k of Object.keys(cases) as (keyof typeof cases)[]) {
          const ms = await once(cases[k]);
          if (r > 0) samples[k].push(ms);
        }
      }
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
  const p50 = (k: keyof typeof cases) => summarize(samples[k]).median;
  const plain = p50("plain");
  const target = (plain + ADDED_MS) / plain;
  report(
    `spawnWorker [true] to exit, sandbox workspace + network none vs unconfined (p50; target ≤ ${ADDED_MS} ms added)`,
    p50("none"),
    "ms",
    plain,
    target,
  );
  report(
    `spawnWorker [true] to exit, sandbox workspace + network full vs unconfined (p50; target ≤ ${ADDED_MS} ms added)`,
    p50("full"),
    "ms",
    plain,
    target,
  );
  console.error(
    `sandbox (${probe.tool} ${probe.version}): added per spawn at p50 — network none ${
      (p50("none") - plain).toFixed(1)
    } ms, network full ${(p50("full") - plain).toFixed(1)} ms (unconfined ${
      plain.toFixed(1)
    } ms; p90 ${summarize(samples.plain).p90.toFixed(1)} / ${
      summarize(samples.none).p90.toFixed(1)
    } / ${summarize(samples.full).p90.toFixed(1)} ms; n=${samples.plain.length} each)`,
  );
}

if (import.meta.main) {
  await run((name, figure, unit, baseline, target) => {
    const ratio = figure / baseline;
    console.log(
      `${name}: ${figure.toFixed(1)} ${unit} vs ${baseline.toFixed(1)} ${unit} = ${
        ratio.toFixed(2)
      }×${target === undefined ? "" : ` (target ≤ ${target.toFixed(2)}×)`}`,
    );
  });
}
