/**
 * The contract every `bench/*_bench.ts` module follows, and the tools they share.
 *
 * A bench module exports `async function run(report: Report)`. It measures a figure and,
 * in the same run, a baseline to compare it with (never a number remembered from another
 * day or machine), then calls `report(name, figure, unit, baseline, target?)`. The ratio
 * figure/baseline is what is judged: it passes when it is at most `target`.
 *
 * @example
 * ```ts
 * import { type Report, summarize, timeCommand } from "./harness.ts";
 * export async function run(report: Report): Promise<void> {
 *   const floor = summarize([await timeCommand(["true"])]);
 *   const mine = summarize([await timeCommand(["true"])]);
 *   report("true vs true (median)", mine.median, "ms", floor.median, 1.5);
 * }
 * ```
 */

/** Records one figure beside its baseline; `target` is the largest acceptable ratio. */
export type Report = (
  name: string,
  figure: number,
  unit: string,
  baseline: number,
  target?: number,
) => void;

/** What a bench module exports. */
export interface BenchModule {
  run(report: Report): Promise<void>;
}

/** One reported figure, as run.ts tabulates it. */
export interface BenchRow {
  /** The module's file name without `_bench.ts`. */
  module: string;
  name: string;
  figure: number;
  unit: string;
  baseline: number;
  /** figure / baseline. */
  ratio: number;
  target?: number;
  /** Undefined when there is no target. */
  pass?: boolean;
}

/** Build a row from a report call (ratio and pass/miss computed once, here). */
export function makeRow(
  module: string,
  name: string,
  figure: number,
  unit: string,
  baseline: number,
  target?: number,
): BenchRow {
  const ratio = baseline > 0 ? figure / baseline : Number.POSITIVE_INFINITY;
  return {
    module,
    name,
    figure,
    unit,
    baseline,
    ratio,
    target,
    pass: target === undefined ? undefined : ratio <= target,
  };
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

/** Number of runs: `HERMES_BENCH_RUNS` when set (e.g. 5 for a smoke run), else `fallback`. */
export function benchRuns(fallback: number): number {
  const raw = Deno.env.get("HERMES_BENCH_RUNS")?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The repository root (absolute, with a trailing slash). */
export const ROOT: string = new URL("../", import.meta.url).pathname;

/** The release permission flags, read from the one place they are defined. */
export const PERMISSION_FLAGS: string[] = Deno.readTextFileSync(`${ROOT}permissions.flags`)
  .trim().split(/\s+/);

/** An empty script inside the project, so the floor pays the same config loading as we do. */
export const EMPTY_SCRIPT = `${ROOT}bench/empty.ts`;

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
 * Run every case `runs` times, round-robin, after `warmup` unrecorded rounds. Interleaving
 * puts the figure and its baseline under the same background load (other work on a shared
 * machine drifts over seconds), which is what makes their ratio meaningful.
 */
export async function interleave<K extends string>(
  runs: number,
  cases: Record<K, () => Promise<number>>,
  warmup = 3,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(cases) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup + runs; i++) {
    for (const k of keys) {
      const ms = await cases[k]();
      if (i >= warmup) out[k].push(ms);
    }
  }
  return out;
}
