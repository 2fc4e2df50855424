/**
 * `deno task bench [--smoke] [name…]`: run every `bench/*_bench.ts` module (or those whose name
 * contains one of the given words), print each figure beside its baseline, and update
 * bench/RESULTS.md (rendered from bench/results.json, where a partial run replaces only its
 * modules' rows) with the machine it ran on. Exit 1 when a target is missed or a module fails.
 *
 * `--smoke` runs each module for one small round so that CI exercises the bench code: figures
 * are printed but not judged, nothing is written, and only a module that throws exits 1.
 */

import { parseArgs } from "node:util";
import {
  type BenchModule,
  type BenchRow,
  benchScale,
  formatNumber as fmt,
  makeRow,
  ROOT,
  targetText,
} from "./harness.ts";
import { procText } from "./proc_stats.ts";

const BENCH_DIR = `${ROOT}bench/`;

/** Bench modules in the bench folder, sorted by name. */
function benchModules(): string[] {
  const names: string[] = [];
  for (const e of Deno.readDirSync(BENCH_DIR)) {
    if (e.isFile && e.name.endsWith("_bench.ts")) names.push(e.name);
  }
  return names.sort();
}

/** A file's text, or "" — /proc through cat(1), since Deno reads /proc only with --allow-all. */
async function readText(path: string): Promise<string> {
  try {
    if (!path.startsWith("/proc/")) return await Deno.readTextFile(path);
    return await procText(path);
  } catch {
    return "";
  }
}

/** Where the figures came from: cores, CPU, RAM, OS, deno, date. */
export async function machine(): Promise<Record<string, string>> {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(await readText("/proc/cpuinfo"))?.[1] ??
    Deno.build.arch;
  const memKb = Number(/^MemTotal:\s*(\d+)/m.exec(await readText("/proc/meminfo"))?.[1] ?? NaN);
  const osName = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(await readText("/etc/os-release"))?.[1] ??
    Deno.build.os;
  const kernel = (await readText("/proc/sys/kernel/osrelease")).trim();
  return {
    cores: String(navigator.hardwareConcurrency),
    cpu,
    ram: Number.isFinite(memKb) ? `${(memKb / 1024 / 1024).toFixed(1)} GiB` : "unknown",
    os: kernel ? `${osName} (Linux ${kernel})` : osName,
    deno: `${Deno.version.deno} (V8 ${Deno.version.v8}, TypeScript ${Deno.version.typescript})`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

function verdict(r: BenchRow): string {
  return r.pass === undefined ? "—" : r.pass ? "pass" : "**miss**";
}

/** The shape of the rows kept in results.json; rows of another shape are dropped on load. */
const FORMAT = 2;

/** One module's latest run: where, what it reported, or why it failed. */
export interface ModuleResult {
  format: typeof FORMAT;
  machine: Record<string, string>;
  rows: BenchRow[];
  failure: string | null;
}

const RESULTS_JSON = `${BENCH_DIR}results.json`;

/** The results kept from earlier runs, by module (a partial run replaces only its own). */
function loadResults(): Record<string, ModuleResult> {
  let kept: Record<string, ModuleResult>;
  try {
    kept = JSON.parse(Deno.readTextFileSync(RESULTS_JSON)) as Record<string, ModuleResult>;
  } catch {
    return {};
  }
  for (const [module, r] of Object.entries(kept)) {
    if (r.format !== FORMAT) {
      console.error(`bench: ${module}'s kept rows are in an older format; dropped until it reruns`);
      delete kept[module];
    }
  }
  return kept;
}

/** A row's ratio cell: "750×", or "—" without a baseline. */
function ratioText(row: BenchRow): string {
  return row.ratio === null ? "—" : `${fmt(row.ratio)}×`;
}

/** One row as the console shows it while a run goes on. */
function rowLine(row: BenchRow, smoke: boolean): string {
  const base = row.baseline === null
    ? " (no baseline)"
    : ` vs ${fmt(row.baseline)} ${row.unit}: ratio ${ratioText(row)}`;
  const target = targetText(row);
  const judged = smoke
    ? " (smoke run: not judged)"
    : target
    ? ` (target ${target}: ${row.pass ? "pass" : "MISS"})`
    : "";
  return `${row.module}: ${row.name}: ${fmt(row.figure)} ${row.unit}${base}${judged}`;
}

/** Render every module's latest results as a markdown document. */
export function renderResults(results: Record<string, ModuleResult>): string {
  const entries = Object.entries(results).sort(([a], [b]) => a.localeCompare(b));
  const latest = entries.map(([, r]) => r.machine).sort((a, b) => a.date.localeCompare(b.date))
    .at(-1) ?? {};
  const { date: _date, ...host } = latest;
  const sameHost = (m: Record<string, string>) =>
    Object.entries(host).every(([k, v]) => m[k] === v);
  const lines = [
    "# Benchmark results",
    "",
    "Written by `deno task bench` (all modules) or `deno task bench <name>` (that module's rows;",
    "the others are kept from their last run, see `measured`). Unless its row says otherwise, a",
    "baseline is measured in the same run as its figure, interleaved with it (alternate rounds), so",
    "the ratio holds on a busy machine too. The ratio reads larger-is-worse on every row: figure ÷",
    "baseline for times and sizes, baseline ÷ figure for rates (req/s). A target is either a ratio",
    "(`≤ 2×`, judged on the ratio) or a bound in the figure's own unit (`≤ 25 µs`, judged on the",
    "figure alone; its ratio is there to read). The CLI floor is `deno run` of an empty script in",
    "this project with the release permission flags (it pays the same config loading as hermes does).",
    "",
    "| machine | |",
    "|---|---|",
    ...Object.entries(host).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "| benchmark | figure | baseline | ratio (larger is worse) | target | result | measured |",
    "|---|---:|---:|---:|---:|---|---|",
  ];
  const failures: string[] = [];
  for (const [module, r] of entries) {
    const when = r.machine.date.replace("T", " ").replace(/:\d\dZ$/, "Z") +
      (sameHost(r.machine) ? "" : " (other machine)");
    if (r.failure) failures.push(`- ${module} (${when}): ${r.failure}`);
    for (const row of r.rows) {
      const baseline = row.baseline === null ? "—" : `${fmt(row.baseline)} ${row.unit}`;
      lines.push(
        `| ${module}: ${row.name} | ${fmt(row.figure)} ${row.unit} | ${baseline} | ${
          ratioText(row)
        } | ${targetText(row) || "—"} | ${verdict(row)} | ${when} |`,
      );
    }
  }
  lines.push("");
  if (failures.length) lines.push("Modules that failed to run:", "", ...failures, "");
  return lines.join("\n");
}

/** Bring written files to the project's format, so `deno task check` stays clean. */
async function formatted(paths: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", ...paths],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) console.error(`bench: deno fmt: ${new TextDecoder().decode(out.stderr)}`);
}

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { smoke: { type: "boolean" } }, allowPositionals: true });
  } catch (e) {
    console.error(`bench: ${(e as Error).message} (usage: deno task bench [--smoke] [name…])`);
    return 2;
  }
  const smoke = parsed.values.smoke === true;
  const filters = parsed.positionals;
  const all = benchModules();
  const chosen = filters.length ? all.filter((n) => filters.some((f) => n.includes(f))) : all;
  if (chosen.length === 0) {
    console.error(`bench: no module matches ${filters.join(", ")} (have: ${all.join(", ")})`);
    return 2;
  }
  const scale = benchScale(smoke);
  const host = await machine();
  const results = smoke ? {} : loadResults();
  // Modules whose file is gone leave the table.
  for (const m of Object.keys(results)) {
    if (!all.includes(`${m}_bench.ts`)) delete results[m];
  }
  let bad = false;
  const started = performance.now();
  for (const file of chosen) {
    const module = file.replace(/_bench\.ts$/, "");
    console.error(`bench: running ${module}${smoke ? " (smoke)" : ""}…`);
    const t0 = performance.now();
    const entry: ModuleResult = { format: FORMAT, machine: host, rows: [], failure: null };
    try {
      const mod = await import(`${BENCH_DIR}${file}`) as BenchModule;
      await mod.run((figure) => {
        const row = makeRow(module, figure);
        entry.rows.push(row);
        console.log(rowLine(row, smoke));
      }, scale);
    } catch (e) {
      entry.failure = e instanceof Error ? e.message.split("\n")[0] : String(e);
      console.error(`bench: ${module} failed: ${entry.failure}`);
      if (smoke && e instanceof Error && e.stack) console.error(e.stack);
    }
    console.error(`bench: ${module} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    bad ||= entry.failure !== null || (!smoke && entry.rows.some((r) => r.pass === false));
    if (smoke) continue;
    results[module] = entry;
    // Written after each module, so a long run that is interrupted keeps what it measured.
    Deno.writeTextFileSync(RESULTS_JSON, JSON.stringify(results, null, 2) + "\n");
    Deno.writeTextFileSync(`${BENCH_DIR}RESULTS.md`, renderResults(results));
    await formatted([RESULTS_JSON, `${BENCH_DIR}RESULTS.md`]);
  }
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  console.error(
    smoke ? `bench: smoke run done in ${took}` : `bench: wrote bench/RESULTS.md (${took})`,
  );
  return bad ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
