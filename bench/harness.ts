/**
 * The contract every `bench/*_bench.ts` module follows, and the tools they share.
 *
 * A bench module exports `async function run(report: Report, scale: Scale)`. It measures a
 * figure and, in the same run, usually a baseline to compare it with (never a number
 * remembered from another day or machine), then calls `report({ name, figure, unit, … })`.
 * A row's ratio reads "larger is worse" whichever way its figure improves: figure/baseline
 * for times and sizes, baseline/figure for rates. A target is either a largest acceptable
 * ratio (`maxRatio`) or an absolute bound on the figure in its own unit (`limit`).
 *
 * @example
 * ```ts
 * import { interleave, type Report, type Scale, summarize, timeCommand } from "./harness.ts";
 * export async function run(report: Report, scale: Scale): Promise<void> {
 *   const t = await interleave(scale.runs(10), {
 *     floor: () => timeCommand(["true"]),
 *     mine: () => timeCommand(["true"]),
 *   }, scale.warmup(3));
 *   const figure = summarize(t.mine).median;
 *   report({ name: "true vs true", figure, unit: "ms", baseline: summarize(t.floor).median, maxRatio: 1.5 });
 * }
 * ```
 */

import { loadConfig } from "../lib/config/config.ts";
import { confinedLaunch, gatewayScope } from "../lib/gateway/confinement.ts";

/** Which way a figure improves: times and sizes are better lower, rates better higher. */
export type Better = "lower" | "higher";

/** One figure as a bench module reports it. */
export interface Figure {
  name: string;
  figure: number;
  unit: string;
  /** "lower" (times, sizes; the default) or "higher" (rates such as requests/s). */
  better?: Better;
  /** The same quantity for a reference, measured in the same run; absent for an absolute figure. */
  baseline?: number;
  /** Largest acceptable ratio (larger is worse; see `ratioOf`). */
  maxRatio?: number;
  /** Bound on the figure in its own unit: at most it when better lower, at least it when higher. */
  limit?: number;
}

/** Records one figure. */
export type Report = (figure: Figure) => void;

/** How much a module measures: a full run (judged) or a smoke run (one small round). */
export interface Scale {
  /** One small round to exercise the code; its figures are printed, never judged or kept. */
  readonly smoke: boolean;
  /** Measured rounds: 1 in a smoke run, else `HERMES_BENCH_RUNS` when set, else `full`. */
  runs(full: number): number;
  /** Unrecorded warm-up rounds: none in a smoke run. */
  warmup(full: number): number;
  /** A size (tasks, requests, seconds): `small` in a smoke run, else `full`. */
  size(full: number, small: number): number;
}

/** The scale of a full run (`smoke` false) or of a smoke run. */
export function benchScale(smoke: boolean): Scale {
  const raw = Deno.env.get("HERMES_BENCH_RUNS")?.trim();
  const n = raw ? Number(raw) : NaN;
  const override = Number.isInteger(n) && n > 0 ? n : undefined;
  return {
    smoke,
    runs: (full) => smoke ? 1 : override ?? full,
    warmup: (full) => smoke ? 0 : full,
    size: (full, small) => smoke ? small : full,
  };
}

/** What a bench module exports. */
export interface BenchModule {
  run(report: Report, scale: Scale): Promise<void>;
}

/** One reported figure, as run.ts tabulates it. */
export interface BenchRow {
  /** The module's file name without `_bench.ts`. */
  module: string;
  name: string;
  figure: number;
  unit: string;
  better: Better;
  baseline: number | null;
  /** Larger is worse: figure/baseline, or baseline/figure for rates; null without a baseline. */
  ratio: number | null;
  maxRatio: number | null;
  limit: number | null;
  /** Undefined when there is no target. */
  pass?: boolean;
}

/** The ratio of a figure to its baseline, oriented so that larger is worse; null if undefined. */
export function ratioOf(
  figure: number,
  baseline: number | undefined,
  better: Better,
): number | null {
  if (baseline === undefined) return null;
  const r = better === "higher" ? baseline / figure : figure / baseline;
  return Number.isFinite(r) && r >= 0 ? r : null;
}

/**
 * Build a row from a report (ratio and pass/miss computed once, here). Throws on a figure or
 * baseline that is not a finite number: that is a broken bench, never a result.
 */
export function makeRow(module: string, f: Figure): BenchRow {
  for (const [what, v] of [["figure", f.figure], ["baseline", f.baseline ?? 0]] as const) {
    if (!Number.isFinite(v)) throw new Error(`${module}: ${f.name}: ${what} is ${v}`);
  }
  if (f.maxRatio !== undefined && f.baseline === undefined) {
    throw new Error(`${module}: ${f.name}: a ratio target needs a baseline`);
  }
  const better = f.better ?? "lower";
  const ratio = ratioOf(f.figure, f.baseline, better);
  const checks: boolean[] = [];
  if (f.maxRatio !== undefined) checks.push(ratio !== null && ratio <= f.maxRatio);
  if (f.limit !== undefined) {
    checks.push(better === "higher" ? f.figure >= f.limit : f.figure <= f.limit);
  }
  return {
    module,
    name: f.name,
    figure: f.figure,
    unit: f.unit,
    better,
    baseline: f.baseline ?? null,
    ratio,
    maxRatio: f.maxRatio ?? null,
    limit: f.limit ?? null,
    pass: checks.length ? checks.every(Boolean) : undefined,
  };
}

/** A number with three significant digits or so (two below 0.1, never rounded to 0.00). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return a >= 0.1 || a === 0 ? n.toFixed(2) : String(Number(n.toPrecision(2)));
}

/** A row's target as it reads: "≤ 1.5×" for a ratio, "≤ 25 µs" or "≥ 1000 req/s" for a bound. */
export function targetText(row: BenchRow): string {
  const parts: string[] = [];
  if (row.maxRatio !== null) parts.push(`≤ ${Number(row.maxRatio.toFixed(2))}×`);
  if (row.limit !== null) {
    parts.push(
      `${row.better === "higher" ? "≥" : "≤"} ${Number(row.limit.toPrecision(4))} ${row.unit}`,
    );
  }
  return parts.join(", ");
}

/** Summary statistics of a sample. */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p90: number;
  mean: number;
}

/** The p-th percentile (0..100) of an ascending-sorted sample, nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Median, p90, min and mean of a sample. */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n === 0 ? Number.NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return {
    n,
    min: s[0] ?? Number.NaN,
    median,
    p90: percentile(s, 90),
    mean: n ? s.reduce((a, b) => a + b, 0) / n : Number.NaN,
  };
}

/** The repository root (absolute, with a trailing slash). */
export const ROOT: string = new URL("../", import.meta.url).pathname;

/** The release permissions: deno.json's `default` permission set, the one place they are written. */
export const PERMISSION_FLAGS: string[] = ["-P", "--no-prompt", "--config", `${ROOT}deno.json`];

/** An empty script inside the project, so the floor pays the same config loading as we do. */
export const EMPTY_SCRIPT = `${ROOT}bench/empty.ts`;

/**
 * `hermes gateway run <args>` for `home` as `gateway start` launches it from source: the release
 * set narrowed to the gateway's scope, so the process started is the gateway itself (a plain
 * `deno run … gateway run` runs it again as its child). `addr` is its dashboard address.
 */
export async function gatewayRunArgv(
  home: string,
  args: readonly string[],
  addr: { host: string; port: number } | null,
  env: Record<string, string>,
): Promise<{ argv: string[]; env: Record<string, string> }> {
  const config = await loadConfig(home, (n) => env[n]);
  const launch = confinedLaunch(gatewayScope(home, config, (n) => env[n], addr));
  if (!launch) return { argv: denoRun(`${ROOT}main.ts`, ["gateway", "run", ...args]), env };
  return {
    argv: [
      Deno.execPath(),
      "run",
      "--quiet",
      ...PERMISSION_FLAGS,
      ...launch.denoFlags,
      `${ROOT}main.ts`,
      "gateway",
      "run",
      ...args,
    ],
    env: { ...env, ...launch.env },
  };
}

/** Enough environment to run deno (its cache lives under HOME or DENO_DIR), nothing else. */
export function passThroughEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "LANG"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A gateway process started by launchGateway, ready. */
export interface LaunchedGateway {
  pid: number;
  /** Its gateway_state.json when it said ready. */
  state: { url?: string | null; [key: string]: unknown };
  /** SIGTERM, and wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Start `hermes gateway run <args>` for `home` (see gatewayRunArgv) with only `env`, and wait
 * (30 s at most) until its state file names this process ready. Its stderr is kept for the
 * failure message (and drained, so the pipe never blocks it).
 */
export async function launchGateway(
  home: string,
  args: readonly string[],
  addr: { host: string; port: number } | null,
  env: Record<string, string>,
): Promise<LaunchedGateway> {
  const run = await gatewayRunArgv(home, args, addr, env);
  const child = new Deno.Command(run.argv[0], {
    args: run.argv.slice(1),
    env: run.env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let log = "";
  (async () => {
    for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) log += c;
  })();
  const deadline = Date.now() + 30_000;
  while (true) {
    try {
      const state = JSON.parse(Deno.readTextFileSync(`${home}/gateway_state.json`));
      if (state.pid === child.pid && state.phase === "ready") {
        return {
          pid: child.pid,
          state,
          async stop() {
            child.kill("SIGTERM");
            await child.status;
          },
        };
      }
    } catch { /* not yet */ }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`gateway did not become ready:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `deno run <release flags> <script> <args…>` as an argv. */
export function denoRun(script: string, args: readonly string[] = []): string[] {
  return [Deno.execPath(), "run", "--quiet", ...PERMISSION_FLAGS, script, ...args];
}

/** Options for a timed process. */
export interface TimeOptions {
  env?: Record<string, string>;
  cwd?: string;
}

/**
 * Wall time in milliseconds of one process, from spawn to exit. Stdout is discarded;
 * a non-zero exit throws with the process's stderr, so a broken command never looks fast.
 */
export async function timeCommand(
  argv: readonly string[],
  opts: TimeOptions = {},
): Promise<number> {
  const cmd = new Deno.Command(argv[0], {
    args: argv.slice(1),
    env: opts.env,
    cwd: opts.cwd ?? ROOT,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  });
  const t0 = performance.now();
  const out = await cmd.output();
  const ms = performance.now() - t0;
  if (out.code !== 0) {
    throw new Error(
      `${argv.slice(-3).join(" ")} exited ${out.code}: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return ms;
}

/**
 * Run every case `runs` times, round-robin, after `warmup` rounds whose samples are dropped,
 * and hand back each case's samples. Interleaving puts the figure and its baseline under the
 * same background load (other work on a shared machine drifts over seconds), which is what
 * makes their ratio meaningful.
 */
export async function interleave<K extends string, V = number>(
  runs: number,
  cases: Record<K, () => Promise<V>>,
  warmup: number,
): Promise<Record<K, V[]>> {
  const keys = Object.keys(cases) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as V[]])) as Record<K, V[]>;
  for (let i = 0; i < warmup + runs; i++) {
    for (const k of keys) {
      const sample = await cases[k]();
      if (i >= warmup) out[k].push(sample);
    }
  }
  return out;
}
