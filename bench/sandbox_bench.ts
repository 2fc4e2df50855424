/**
 * Cost of confining a worker: one spawnWorker of the profile `[true]` through to its exit,
 * unconfined beside `sandbox: workspace` (bubblewrap: private /tmp, HERMES_HOME and the
 * secrets masked, own PID namespace; with `network: none` also its own network namespace),
 * one spawn at a time, the cases interleaved so they share the machine's background load.
 * Every case gets the worker endpoint as the dispatcher gives it (a new run secret and its
 * file; confined, the endpoint's directory and the secret file bound in).
 * The figure is the median time per worker; the target is at most 10 ms added to the
 * unconfined median of the same run.
 *
 * Run alone: `deno task bench sandbox` (`--smoke` for one small unjudged round).
 */

import { probeSandbox, runFiles, type SandboxRequest } from "../lib/workers/mod.ts";
import { interleave, type Report, type Scale, summarize } from "./harness.ts";
import { benchHome, spawnBenchWorker, TRUE_PROFILE } from "./spawn_setup.ts";

/** Spawns per case and round. */
const PER_ROUND = 20;
/** Largest acceptable cost of the sandbox per spawn, in ms, at the median. */
const ADDED_MS = 10;

/** Measure and report. */
export async function run(report: Report, scale: Scale): Promise<void> {
  const probe = probeSandbox();
  if (!probe.ok) throw new Error(`no sandbox to measure: ${probe.reason}`);
  const h = await benchHome("hermes-sandbox-bench-");
  const baseEnv = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: Deno.env.get("HOME")! };
  let seq = 0;
  const once = async (sandbox: SandboxRequest | null): Promise<number> => {
    const id = `t_${(seq++).toString(16).padStart(8, "0")}`;
    const t0 = performance.now();
    const w = spawnBenchWorker(h, TRUE_PROFILE, id, baseEnv, sandbox, true);
    const st = await w.exited;
    const ms = performance.now() - t0;
    if (st.code !== 0) {
      throw new Error(
        `worker exited ${st.code}: ${Deno.readTextFileSync(runFiles(h.paths, id, 1).logPath)}`,
      );
    }
    return ms;
  };
  const cases = {
    plain: null,
    none: { network: "none", deny: [], writable: [] },
    full: { network: "full", deny: [], writable: [] },
  } as const satisfies Record<string, SandboxRequest | null>;
  const perRound = scale.size(PER_ROUND, 3);
  // Each sample is one spawn; the cases alternate spawn by spawn, after a warm-up round.
  const each = (k: keyof typeof cases) => () => once(cases[k]);
  let samples: Record<keyof typeof cases, number[]>;
  try {
    samples = await interleave(scale.runs(5) * perRound, {
      plain: each("plain"),
      none: each("none"),
      full: each("full"),
    }, scale.warmup(perRound));
  } finally {
    await Deno.remove(h.home, { recursive: true });
  }
  const p50 = (k: keyof typeof cases) => summarize(samples[k]).median;
  const plain = p50("plain");
  for (const k of ["none", "full"] as const) {
    report({
      name: `spawnWorker [true] to exit, sandbox workspace + network ${k} vs unconfined (p50)`,
      figure: p50(k),
      unit: "ms",
      baseline: plain,
    });
    report({
      name: `time the sandbox (network ${k}) adds to a spawn at p50 (absolute target)`,
      figure: p50(k) - plain,
      unit: "ms",
      limit: ADDED_MS,
    });
  }
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
