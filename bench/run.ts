/**
 * `deno task bench [name…]`: run every `bench/*_bench.ts` module (or those whose name contains
 * one of the given words), print each figure beside its baseline, and — when every module ran —
 * write bench/RESULTS.md with the machine it ran on. Exit 1 when a target is missed or a
 * module fails.
 */

import { type BenchModule, type BenchRow, makeRow, ROOT } from "./harness.ts";

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
    const out = await new Deno.Command("cat", { args: [path], stderr: "null" }).output();
    return out.success ? new TextDecoder().decode(out.stdout) : "";
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

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function verdict(r: BenchRow): string {
  return r.pass === undefined ? "—" : r.pass ? "pass" : "**miss**";
}

/** Render the results as a markdown document. */
export function renderResults(
  rows: readonly BenchRow[],
  failures: readonly string[],
  host: Record<string, string>,
): string {
  const lines = [
    "# Benchmark results",
    "",
    "Written by `deno task bench`. Every figure is measured beside its baseline in the same run,",
    "interleaved, so the ratio holds even on a busy machine; the target is the largest acceptable",
    "ratio. The floor is `deno run` of an empty script in this project with the release permission",
    "flags (it pays the same config loading as hermes does).",
    "",
    "| machine | |",
    "|---|---|",
    ...Object.entries(host).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "| benchmark | figure | baseline | ratio | target | result |",
    "|---|---:|---:|---:|---:|---|",
    ...rows.map((r) =>
      `| ${r.module}: ${r.name} | ${fmt(r.figure)} ${r.unit} | ${fmt(r.baseline)} ${r.unit} | ${
        r.ratio.toFixed(2)
      }× | ${r.target === undefined ? "—" : `≤ ${r.target}×`} | ${verdict(r)} |`
    ),
    "",
  ];
  if (failures.length) {
    lines.push("Modules that failed to run:", "", ...failures.map((f) => `- ${f}`), "");
  }
  return lines.join("\n");
}

async function main(filters: string[]): Promise<number> {
  const all = benchModules();
  const chosen = filters.length ? all.filter((n) => filters.some((f) => n.includes(f))) : all;
  if (chosen.length === 0) {
    console.error(`bench: no module matches ${filters.join(", ")} (have: ${all.join(", ")})`);
    return 2;
  }
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  for (const file of chosen) {
    const module = file.replace(/_bench\.ts$/, "");
    console.error(`bench: running ${module}…`);
    try {
      const mod = await import(`${BENCH_DIR}${file}`) as BenchModule;
      await mod.run((name, figure, unit, baseline, target) => {
        const row = makeRow(module, name, figure, unit, baseline, target);
        rows.push(row);
        console.log(
          `${module}: ${name}: ${fmt(figure)} ${unit} vs ${fmt(baseline)} ${unit} = ${
            row.ratio.toFixed(2)
          }×${target === undefined ? "" : ` (target ≤ ${target}×: ${row.pass ? "pass" : "MISS"})`}`,
        );
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
      failures.push(`${module}: ${msg}`);
      console.error(`bench: ${module} failed: ${msg}`);
    }
  }
  if (filters.length === 0) {
    Deno.writeTextFileSync(
      `${BENCH_DIR}RESULTS.md`,
      renderResults(rows, failures, await machine()),
    );
    console.error("bench: wrote bench/RESULTS.md");
  }
  return failures.length || rows.some((r) => r.pass === false) ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
