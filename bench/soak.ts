/**
 * Soak: the gateway under a steady stream of tasks for a long while (10 minutes by
 * default) must keep flat memory, file descriptors and latency. Not part of
 * `deno task bench` (it takes too long); run it by hand:
 *
 *   deno run -q -P --no-prompt bench/soak.ts [--minutes 10] [--rate 5]
 *
 * A client creates `rate` shell tasks a second (9 in 10 instant, 1 in 10 sleeping 0.1–0.5 s)
 * on a temp board; the gateway (`hermes gateway run`, dashboard on) works them. Each
 * worker writes when it started, so create→start latency is measured to the millisecond,
 * by the worker's own clock. Every minute: the gateway's RSS and open fds, tasks done, the
 * backlog, and that minute's latency percentiles. A table at the end, then a verdict: after a
 * warm-up (3 minutes, or the first 30 %), exit 1 when the second half's RSS peak is more
 * than 10 % above the first half's, fds grew by more than 5, or p95 latency more than
 * doubled (and passed 250 ms).
 */

import { parseArgs } from "node:util";
import { DatabaseSync } from "node:sqlite";
import { openBoard } from "../lib/store/mod.ts";
import { gatewayRunArgv, percentile } from "./harness.ts";
import { openFds, rssMiB } from "./proc_stats.ts";

const { values: opts } = parseArgs({
  args: Deno.args,
  options: { minutes: { type: "string", default: "10" }, rate: { type: "string", default: "5" } },
});
const MINUTES = Number(opts.minutes);
const RATE = Number(opts.rate);
if (!(MINUTES > 0) || !(RATE > 0)) {
  console.error("soak: --minutes and --rate must be positive numbers");
  Deno.exit(2);
}

interface Sample {
  minute: number;
  rssMiB: number;
  fds: number;
  created: number;
  done: number;
  backlog: number;
  p50: number;
  p95: number;
  max: number;
}

const home = await Deno.makeTempDir({ prefix: "hermes-soak-" });
const marks = `${home}/marks`;
await Deno.mkdir(marks);
Deno.writeTextFileSync(
  `${home}/config.yaml`,
  "kanban:\n  max_workers: 8\n  dispatch_interval_seconds: 10\ndashboard:\n  port: 0\n",
);
const env = {
  HERMES_HOME: home,
  PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
  HOME: Deno.env.get("HOME") ?? home,
  NO_COLOR: "1",
  ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
};
const run = await gatewayRunArgv(home, [], { host: "127.0.0.1", port: 8645 }, env);
const gateway = new Deno.Command(run.argv[0], {
  args: run.argv.slice(1),
  env: run.env,
  clearEnv: true,
  stdin: "null",
  stdout: "null",
  stderr: "null",
}).spawn();

const store = openBoard(home, "default", { create: true });
const db = new DatabaseSync(`${home}/kanban.db`, { timeout: 10_000 });
const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
/** Creation time (ms) of each task, by id. */
const createdAt = new Map<string, number>();
/** Tasks whose start mark has been read, by id → latency ms. */
const latency = new Map<string, number>();

function readStarts(): void {
  for (const e of Deno.readDirSync(marks)) {
    if (latency.has(e.name)) continue;
    const t0 = createdAt.get(e.name);
    if (t0 === undefined) continue;
    const ns = Deno.readTextFileSync(`${marks}/${e.name}`).split("\n")[0];
    if (!ns) continue;
    latency.set(e.name, Number(BigInt(ns) / 1_000_000n) - t0);
  }
}

const samples: Sample[] = [];
let created = 0;
let seq = 0;
try {
  // Let the gateway come up before the clock starts.
  await new Promise((r) => setTimeout(r, 1500));
  const start = Date.now();
  const end = start + MINUTES * 60_000;
  let nextSample = start + 60_000;
  let minuteIds: string[] = [];
  console.error(`soak: ${MINUTES} min at ${RATE} tasks/s on ${home} (gateway pid ${gateway.pid})`);
  while (samples.length < MINUTES) {
    // Keep the rate: create what is due now.
    const due = Math.floor(((Math.min(Date.now(), end) - start) / 1000) * RATE);
    while (created < due) {
      const work = seq++ % 10 === 0 ? `sleep 0.${1 + (seq % 5)}` : ":";
      const body = `date +%s%N > "${marks}/$HERMES_KANBAN_TASK"; ${work}`;
      const t0 = Date.now();
      const id = store.createTask({ title: `soak ${seq}`, assignee: "shell", body }).task.id;
      createdAt.set(id, t0);
      minuteIds.push(id);
      created++;
    }
    if (Date.now() >= nextSample) {
      readStarts();
      const lat = minuteIds.map((id) => latency.get(id)).filter((x): x is number => x !== undefined)
        .sort((a, b) => a - b);
      samples.push({
        minute: samples.length + 1,
        rssMiB: await rssMiB(gateway.pid),
        fds: await openFds(gateway.pid),
        created,
        done: count("SELECT COUNT(*) AS n FROM tasks WHERE status = 'done'"),
        backlog: count("SELECT COUNT(*) AS n FROM tasks WHERE status IN ('ready', 'running')"),
        p50: percentile(lat, 50),
        p95: percentile(lat, 95),
        max: lat.at(-1) ?? NaN,
      });
      console.error(`soak: minute ${samples.length}: ${JSON.stringify(samples.at(-1))}`);
      minuteIds = [];
      nextSample += 60_000;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
} finally {
  try {
    gateway.kill("SIGTERM");
  } catch { /* gone */ }
  await gateway.status;
  store.close();
  db.close();
  await Deno.remove(home, { recursive: true }).catch(() => {});
}

const f = (n: number, d = 0) => Number.isFinite(n) ? n.toFixed(d) : "—";
console.log(`\nSoak: ${MINUTES} min, ${RATE} tasks/s, gateway with dashboard, ${created} tasks\n`);
console.log("| minute | RSS MiB | fds | created | done | backlog | p50 ms | p95 ms | max ms |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const s of samples) {
  console.log(
    `| ${s.minute} | ${f(s.rssMiB, 1)} | ${s.fds} | ${s.created} | ${s.done} | ${s.backlog} | ${
      f(s.p50)
    } | ${f(s.p95)} | ${f(s.max)} |`,
  );
}

// The verdict: after a warm-up (3 minutes or the first 30 %, while V8 heaps and
// SQLite's cache grow to their working size), the second half of the run may not sit
// higher than the first: a leak keeps growing, a working set levels off.
const problems: string[] = [];
const warm = Math.max(3, Math.ceil(samples.length * 0.3));
const rest = samples.slice(warm);
const mid = Math.floor(rest.length / 2);
const [early, late] = [rest.slice(0, mid), rest.slice(mid)];
const peak = (xs: Sample[], k: "rssMiB" | "fds" | "p95") => Math.max(...xs.map((x) => x[k]));
if (early.length && late.length) {
  const [r0, r1] = [peak(early, "rssMiB"), peak(late, "rssMiB")];
  if (r1 > r0 * 1.1) problems.push(`RSS peak grew ${f(r0, 1)} → ${f(r1, 1)} MiB`);
  const [d0, d1] = [peak(early, "fds"), peak(late, "fds")];
  if (d1 > d0 + 5) problems.push(`open fds grew ${d0} → ${d1}`);
  const [l0, l1] = [peak(early, "p95"), peak(late, "p95")];
  if (l1 > Math.max(2 * l0, 250)) {
    problems.push(`p95 create→start latency grew ${f(l0)} → ${f(l1)} ms`);
  }
  const last = samples.at(-1)!;
  if (last.backlog > RATE * 10) problems.push(`backlog of ${last.backlog} tasks at the end`);
}
console.log(
  problems.length
    ? `\nNot flat: ${problems.join("; ")}`
    : early.length && late.length
    ? `\nFlat: after a ${warm}-minute warm-up, the RSS and fd peaks and the p95 latency of ` +
      "the second half stayed within 10 %, 5 fds and 2× of the first half."
    : "\n(Run at least 5 minutes for a verdict: the first 3 are warm-up.)",
);
Deno.exit(problems.length ? 1 : 0);
