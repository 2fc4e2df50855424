/**
 * The gateway under load and at rest.
 *
 * 1. Create→spawn latency over 200 tasks with a gateway up, one at a time (each create meets an
 *    idle gateway: the previous task is done): from the commit of the create
 *    (taken when the store's createTask returns in this process — another process than the
 *    gateway, like the CLI — or when the dashboard's POST /tasks answers) to the worker's
 *    first instruction (bash writes $EPOCHREALTIME). Baseline: this process spawning the same
 *    bash command directly (the floor any dispatcher pays to start a process).
 *    Targets: p50 ≤ 10 ms, p99 ≤ 50 ms (absolute; expressed as a ratio to the baseline).
 * 2. Idle gateway CPU over 60 s (utime+stime from /proc/<pid>/stat, read through cat(1)
 *    because Deno reads /proc only with --allow-all), beside an idle `deno run` process over
 *    the same window. Target ≤ 1% of a core.
 * 3. RSS and open fds of the gateway before and after 1,000 tasks ran through it (flat),
 *    "before" being after a warm-up batch of 1,000 (JIT, V8 heaps and SQLite page caches grow
 *    over the first few thousand tasks, then level off).
 * Beside the latencies: the dispatcher alone (this process, no gateway) from tick to the
 * worker's first instruction, so the gateway's own share can be read off.
 *
 * `HERMES_BENCH_RUNS` scales the task counts down for a smoke run; `HERMES_BENCH_IDLE_S`
 * shortens the idle window.
 */

import { loadConfig } from "../lib/config/config.ts";
import { Dispatcher } from "../lib/dispatcher/dispatcher.ts";
import { openBoard } from "../lib/store/mod.ts";
import { benchRuns, denoRun, percentile, type Report, ROOT } from "./harness.ts";
import { cpuMs, openFds, rssMiB } from "./proc_stats.ts";

const PROFILE_YAML = `kanban:
  dispatch_interval_seconds: 60
  max_workers: 8
  profiles:
    bench:
      command: ["bash", "-c", "echo $EPOCHREALTIME > \\"$HERMES_HOME/stamps/$HERMES_KANBAN_TASK\\""]
      completion: exit_code
    quick:
      command: ["true"]
      completion: exit_code
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock milliseconds with sub-millisecond precision. */
const nowMs = () => performance.timeOrigin + performance.now();

async function readStamp(path: string, deadline: number): Promise<number> {
  while (true) {
    try {
      const t = Deno.readTextFileSync(path).trim();
      if (t) return Number(t) * 1000;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`no stamp at ${path}`);
    await sleep(0.5);
  }
}

/** Enough environment to run deno (its cache lives under HOME or DENO_DIR), nothing else. */
function passThroughEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "LANG"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

interface Gateway {
  pid: number;
  url: string;
  token: string;
  stop(): Promise<void>;
}

async function startGateway(home: string): Promise<Gateway> {
  const argv = denoRun(`${ROOT}main.ts`, ["gateway", "run", "--port", "0"]);
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    env: { ...passThroughEnv(), HERMES_HOME: home },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  // Keep the gateway's log for a failure message (and drain the pipe so it never blocks).
  let log = "";
  (async () => {
    for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) log += c;
  })();
  const deadline = Date.now() + 30_000;
  while (true) {
    try {
      const st = JSON.parse(Deno.readTextFileSync(`${home}/gateway_state.json`));
      if (st.pid === child.pid && st.phase === "ready") {
        const url = new URL(st.url);
        const token = url.searchParams.get("token") ?? "";
        url.search = "";
        return {
          pid: child.pid,
          url: url.toString(),
          token,
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
    await sleep(20);
  }
}

/**
 * Create→first-instruction latencies of `n` tasks created one after another by `create`.
 * Each create waits until the previous task is done, so every sample is a create meeting an
 * idle gateway (not one racing the previous task's completion).
 */
async function latencies(
  home: string,
  n: number,
  create: (i: number) => Promise<{ id: string; committedAt: number }>,
): Promise<number[]> {
  const out: number[] = [];
  const store = openBoard(home, "default", { create: false });
  try {
    for (let i = 0; i < n; i++) {
      const { id, committedAt } = await create(i);
      const stamp = await readStamp(`${home}/stamps/${id}`, Date.now() + 10_000);
      out.push(stamp - committedAt);
      const deadline = Date.now() + 10_000;
      while (store.getTask(id)?.status !== "done") {
        if (Date.now() > deadline) throw new Error(`task ${id} did not finish`);
        await sleep(1);
      }
    }
  } finally {
    store.close();
  }
  return out.sort((a, b) => a - b);
}

/** The Dispatcher in this process, no gateway: from tick() to the worker's first instruction. */
async function dispatcherAlone(n: number): Promise<number[]> {
  const home = await Deno.makeTempDir({ prefix: "hermes-gw-bench-alone-" });
  Deno.mkdirSync(`${home}/stamps`);
  Deno.writeTextFileSync(`${home}/config.yaml`, PROFILE_YAML);
  const env = (k: string) => Deno.env.get(k);
  const config = await loadConfig(home, env);
  const d = new Dispatcher({ home, board: "default", config, baseEnv: passThroughEnv() });
  const store = openBoard(home, "default", { create: true });
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const { task } = store.createTask({ title: `alone ${i}`, assignee: "bench", createdBy: "b" });
      const t0 = nowMs();
      await d.tick();
      out.push(await readStamp(`${home}/stamps/${task.id}`, Date.now() + 10_000) - t0);
      await d.tick();
    }
  } finally {
    store.close();
    await d.close();
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
  return out.sort((a, b) => a - b);
}

/** Bare spawn: this process starts the same bash command; the floor for any dispatcher. */
async function bareSpawn(home: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = `bare_${i}`;
    const t0 = nowMs();
    const child = new Deno.Command("bash", {
      args: ["-c", `echo $EPOCHREALTIME > "${home}/stamps/${id}"`],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    out.push(await readStamp(`${home}/stamps/${id}`, Date.now() + 10_000) - t0);
    await child.status;
  }
  return out.sort((a, b) => a - b);
}

async function idleCpu(pid: number, seconds: number): Promise<number> {
  const c0 = await cpuMs(pid);
  await sleep(seconds * 1000);
  return await cpuMs(pid) - c0;
}

/** Run `n` quick tasks (titled with `tag`) through the gateway; resolves when all are done. */
async function throughput(home: string, n: number, tag: string): Promise<void> {
  const store = openBoard(home, "default", { create: true });
  try {
    const before = store.stats().by_status.done ?? 0;
    store.conn.tx(() => {
      for (let i = 0; i < n; i++) {
        store.createTask({ title: `${tag} ${i}`, assignee: "quick", createdBy: "bench" });
      }
    });
    const deadline = Date.now() + 600_000;
    while (true) {
      const s = store.stats().by_status;
      if ((s.done ?? 0) - before >= n) return;
      if ((s.blocked ?? 0) > 0) throw new Error(`some quick tasks blocked: ${JSON.stringify(s)}`);
      if (Date.now() > deadline) throw new Error(`not done in time: ${JSON.stringify(s)}`);
      await sleep(200);
    }
  } finally {
    store.close();
  }
}

/** The bench module entry. */
export async function run(report: Report): Promise<void> {
  const n = Math.min(200, benchRuns(200));
  const heavy = Math.min(1000, benchRuns(200) * 5);
  const idleS = Number(Deno.env.get("HERMES_BENCH_IDLE_S") ?? 60);
  const home = await Deno.makeTempDir({ prefix: "hermes-gw-bench-" });
  await Deno.chmod(home, 0o700);
  Deno.mkdirSync(`${home}/stamps`);
  Deno.writeTextFileSync(`${home}/config.yaml`, PROFILE_YAML);
  const gw = await startGateway(home);
  try {
    const floor = await bareSpawn(home, n);

    const store = openBoard(home, "default", { create: true });
    let cli: number[];
    try {
      cli = await latencies(home, n, (i) => {
        const { task } = store.createTask({
          title: `bench ${i}`,
          assignee: "bench",
          createdBy: "bench",
        });
        return Promise.resolve({ id: task.id, committedAt: nowMs() });
      });
    } finally {
      store.close();
    }
    const api = await latencies(home, n, async (i) => {
      const res = await fetch(new URL("api/plugins/kanban/tasks", gw.url), {
        method: "POST",
        headers: { authorization: `Bearer ${gw.token}`, "content-type": "application/json" },
        body: JSON.stringify({ title: `api ${i}`, assignee: "bench" }),
      });
      const committedAt = nowMs();
      const body = await res.json();
      if (!res.ok) throw new Error(`POST /tasks: ${res.status} ${JSON.stringify(body)}`);
      return { id: body.task.id, committedAt };
    });
    const alone = await dispatcherAlone(n);
    const f50 = percentile(floor, 50);
    report(
      "dispatcher alone: tick→first instruction p50 (no gateway)",
      percentile(alone, 50),
      "ms",
      f50,
    );
    const f99 = percentile(floor, 99);
    report("create→spawn p50, create in another process", percentile(cli, 50), "ms", f50, 10 / f50);
    report("create→spawn p99, create in another process", percentile(cli, 99), "ms", f99, 50 / f99);
    report("create→spawn p50, create by the API", percentile(api, 50), "ms", f50, 10 / f50);
    report("create→spawn p99, create by the API", percentile(api, 99), "ms", f99, 50 / f99);

    // Idle CPU beside an idle deno process over the same window.
    const baseline = new Deno.Command(Deno.execPath(), {
      args: ["eval", "setInterval(() => {}, 1 << 30)"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    await sleep(1000);
    const [gwCpu, baseCpu] = await Promise.all([
      idleCpu(gw.pid, idleS),
      idleCpu(baseline.pid, idleS),
    ]);
    baseline.kill("SIGKILL");
    await baseline.status;
    const pct = gwCpu / (idleS * 1000) * 100;
    const basePct = Math.max(baseCpu, 10) / (idleS * 1000) * 100;
    report(`idle gateway CPU over ${idleS} s`, pct, "% core", basePct, 1 / basePct);

    // Resources flat across 1,000 tasks, measured after a warm-up batch (JIT, caches, heap).
    await throughput(home, heavy, "warm");
    await sleep(1000);
    const rss0 = await rssMiB(gw.pid);
    const fd0 = await openFds(gw.pid);
    await throughput(home, heavy, "load");
    await sleep(1000);
    const rss1 = await rssMiB(gw.pid);
    const fd1 = await openFds(gw.pid);
    report(
      `gateway RSS after ${heavy} more tasks (baseline: after warm-up)`,
      rss1,
      "MiB",
      rss0,
      1.2,
    );
    report(
      `gateway open fds after ${heavy} more tasks (baseline: after warm-up)`,
      fd1,
      "fds",
      fd0,
      1.1,
    );
  } finally {
    await gw.stop();
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  await run((name, figure, unit, baseline, target) => {
    const ratio = figure / baseline;
    const verdict = target === undefined ? "" : ratio <= target ? "  pass" : "  MISS";
    console.log(
      `${name}: ${figure.toFixed(2)} ${unit} (baseline ${baseline.toFixed(2)}, ratio ${
        ratio.toFixed(2)
      })${verdict}`,
    );
  });
}
