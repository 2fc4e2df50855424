/**
 * The gateway under load and at rest.
 *
 * 1. Create→spawn latency over 200 tasks with a gateway up, one at a time (each create meets an
 *    idle gateway: the previous task is done): from the commit of the create
 *    (taken when the store's createTask returns in this process — another process than the
 *    gateway, like the CLI — or when the dashboard's POST /tasks answers) to the worker's
 *    first instruction (bash writes $EPOCHREALTIME). Baseline: this process spawning the same
 *    bash command directly (the floor any dispatcher pays to start a process). Beside them the
 *    dispatcher alone (this process, no gateway) from tick to the worker's first instruction,
 *    so the gateway's own share can be read off. The four are sampled in turn, one each per
 *    round. Targets (absolute): p50 ≤ 10 ms, p99 ≤ 50 ms.
 * 2. Idle gateway CPU over 60 s (utime+stime from /proc/<pid>/stat, read through cat(1)
 *    because Deno reads /proc only with --allow-all; it counts threads that ended during the
 *    window, to 10 ms), beside an idle `deno run` holding as many idle Workers as the gateway
 *    runs (bench/idle_workers.ts), over the same window, side by side. Target (absolute):
 *    ≤ 1% of a core.
 * 3. RSS and open fds of the gateway before and after 1,000 tasks ran through it (flat),
 *    "before" being after a warm-up batch of 1,000 (JIT, V8 heaps and SQLite page caches grow
 *    over the first few thousand tasks, then level off). Before/after by nature: not interleaved.
 *
 * `HERMES_BENCH_IDLE_S` shortens the idle window.
 */

import { tokenPath } from "../lib/gateway/dashboard_token.ts";
import { loadConfig } from "../lib/config/config.ts";
import { Dispatcher } from "../lib/dispatcher/dispatcher.ts";
import { openBoard, type Store } from "../lib/store/mod.ts";
import {
  denoRun,
  interleave,
  launchGateway,
  passThroughEnv,
  percentile,
  type Report,
  ROOT,
  type Scale,
} from "./harness.ts";
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

interface Gateway {
  pid: number;
  url: string;
  token: string;
  stop(): Promise<void>;
}

async function startGateway(home: string): Promise<Gateway> {
  const g = await launchGateway(home, ["--port", "0"], { host: "127.0.0.1", port: 0 }, {
    ...passThroughEnv(),
    HERMES_HOME: home,
  });
  const url = new URL(String(g.state.url));
  url.search = "";
  // The token lives only in its 0600 file, never in the state file.
  return {
    pid: g.pid,
    url: url.toString(),
    token: Deno.readTextFileSync(tokenPath(home)).trim(),
    stop: g.stop,
  };
}

/**
 * Create→first-instruction latency of one task, created by `create` on a gateway with nothing
 * to do; returns once the task is done, so the next sample meets an idle gateway too (not one
 * racing this task's completion).
 */
async function createToSpawn(
  home: string,
  store: Store,
  create: () => Promise<{ id: string; committedAt: number }>,
): Promise<number> {
  const { id, committedAt } = await create();
  const stamp = await readStamp(`${home}/stamps/${id}`, Date.now() + 10_000);
  const deadline = Date.now() + 10_000;
  while (store.getTask(id)?.status !== "done") {
    if (Date.now() > deadline) throw new Error(`task ${id} did not finish`);
    await sleep(1);
  }
  return stamp - committedAt;
}

/** The Dispatcher in this process on a home of its own, no gateway. */
interface LoneDispatcher {
  /** From tick() to the first instruction of the worker of a task created just before. */
  sample(): Promise<number>;
  close(): Promise<void>;
}

async function loneDispatcher(): Promise<LoneDispatcher> {
  const home = await Deno.makeTempDir({ prefix: "hermes-gw-bench-alone-" });
  Deno.mkdirSync(`${home}/stamps`);
  Deno.writeTextFileSync(`${home}/config.yaml`, PROFILE_YAML);
  const env = (k: string) => Deno.env.get(k);
  const config = await loadConfig(home, env);
  const d = new Dispatcher({ home, board: "default", config, baseEnv: passThroughEnv() });
  const store = openBoard(home, "default", { create: true });
  let seq = 0;
  return {
    async sample() {
      const { task } = store.createTask({
        title: `alone ${seq++}`,
        assignee: "bench",
        createdBy: "b",
      });
      const t0 = nowMs();
      await d.tick();
      const ms = await readStamp(`${home}/stamps/${task.id}`, Date.now() + 10_000) - t0;
      await d.tick();
      return ms;
    },
    async close() {
      store.close();
      await d.close();
      await Deno.remove(home, { recursive: true }).catch(() => {});
    },
  };
}

let bareSeq = 0;

/** Bare spawn: this process starts the same bash command; the floor for any dispatcher. */
async function bareSpawn(home: string): Promise<number> {
  const id = `bare_${bareSeq++}`;
  const t0 = nowMs();
  const child = new Deno.Command("bash", {
    args: ["-c", `echo $EPOCHREALTIME > "${home}/stamps/${id}"`],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const ms = await readStamp(`${home}/stamps/${id}`, Date.now() + 10_000) - t0;
  await child.status;
  return ms;
}

/** The Deno Workers a gateway runs: dashboard, dispatcher, notifier (lib/gateway/host.ts). */
const GATEWAY_WORKERS = 3;

/** An idle deno process holding GATEWAY_WORKERS idle Workers, once they have all started. */
async function idleDeno(): Promise<{ pid: number; stop(): Promise<void> }> {
  const argv = denoRun(`${ROOT}bench/idle_workers.ts`, [String(GATEWAY_WORKERS)]);
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    env: passThroughEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("ready\n")) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`bench/idle_workers.ts exited before it was ready: ${out}`);
    out += value;
  }
  return {
    pid: child.pid,
    async stop() {
      child.kill("SIGKILL");
      await lines.cancel();
      await child.status;
    },
  };
}

/** CPU of each process over the same window of `seconds`, in % of one core. */
async function idleCpu(pids: number[], seconds: number): Promise<number[]> {
  const c0 = await Promise.all(pids.map(cpuMs));
  await sleep(seconds * 1000);
  const c1 = await Promise.all(pids.map(cpuMs));
  return pids.map((_, i) => (c1[i] - c0[i]) / (seconds * 1000) * 100);
}

/** Run `n` quick tasks (titled with `tag`) through the gateway; resolves when all are done. */
async function throughput(home: string, n: number, tag: string): Promise<void> {
  const store = openBoard(home, "default", { create: true });
  try {
    const before = store.stats().by_status.done ?? 0;
    store.tx(() => {
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
export async function run(report: Report, scale: Scale): Promise<void> {
  const n = scale.size(200, 3);
  const heavy = scale.size(1000, 10);
  const idleS = Number(Deno.env.get("HERMES_BENCH_IDLE_S") ?? scale.size(60, 2));
  const home = await Deno.makeTempDir({ prefix: "hermes-gw-bench-" });
  await Deno.chmod(home, 0o700);
  Deno.mkdirSync(`${home}/stamps`);
  Deno.writeTextFileSync(`${home}/config.yaml`, PROFILE_YAML);
  const gw = await startGateway(home);
  try {
    const store = openBoard(home, "default", { create: true });
    const lone = await loneDispatcher();
    let samples: Record<"bare" | "cli" | "api" | "alone", number[]>;
    try {
      let seq = 0;
      samples = await interleave(n, {
        bare: () => bareSpawn(home),
        cli: () =>
          createToSpawn(home, store, () => {
            const { task } = store.createTask({
              title: `bench ${seq++}`,
              assignee: "bench",
              createdBy: "bench",
            });
            return Promise.resolve({ id: task.id, committedAt: nowMs() });
          }),
        api: () =>
          createToSpawn(home, store, async () => {
            const res = await fetch(new URL("api/plugins/kanban/tasks", gw.url), {
              method: "POST",
              headers: { authorization: `Bearer ${gw.token}`, "content-type": "application/json" },
              body: JSON.stringify({ title: `api ${seq++}`, assignee: "bench" }),
            });
            const committedAt = nowMs();
            const body = await res.json();
            if (!res.ok) throw new Error(`POST /tasks: ${res.status} ${JSON.stringify(body)}`);
            return { id: body.task.id, committedAt };
          }),
        alone: () => lone.sample(),
      }, scale.warmup(3));
    } finally {
      await lone.close();
      store.close();
    }
    const [floor, cli, api, alone] = [samples.bare, samples.cli, samples.api, samples.alone]
      .map((x) => x.sort((a, b) => a - b));
    const f50 = percentile(floor, 50);
    const f99 = percentile(floor, 99);
    const latency = (name: string, figure: number, baseline: number, limit?: number) =>
      report({ name, figure, unit: "ms", baseline, limit });
    latency(
      "dispatcher alone (no gateway): tick→first instruction vs bare spawn, p50",
      percentile(alone, 50),
      f50,
    );
    latency(
      "create→spawn vs bare spawn, p50, create in another process",
      percentile(cli, 50),
      f50,
      10,
    );
    latency(
      "create→spawn vs bare spawn, p99, create in another process",
      percentile(cli, 99),
      f99,
      50,
    );
    latency("create→spawn vs bare spawn, p50, create by the API", percentile(api, 50), f50, 10);
    latency("create→spawn vs bare spawn, p99, create by the API", percentile(api, 99), f99, 50);

    const idle = await idleDeno();
    let gwPct: number, basePct: number;
    try {
      await sleep(1000);
      [gwPct, basePct] = await idleCpu([gw.pid, idle.pid], idleS);
    } finally {
      await idle.stop();
    }
    report({
      name:
        `idle gateway CPU over ${idleS} s vs an idle deno holding ${GATEWAY_WORKERS} idle Workers (side by side over the same window)`,
      figure: gwPct,
      unit: "% core",
      baseline: basePct,
      limit: 1,
    });

    // Resources flat across 1,000 tasks, measured after a warm-up batch (JIT, caches, heap).
    await throughput(home, heavy, "warm");
    await sleep(1000);
    const rss0 = await rssMiB(gw.pid);
    const fd0 = await openFds(gw.pid);
    await throughput(home, heavy, "load");
    await sleep(1000);
    const rss1 = await rssMiB(gw.pid);
    const fd1 = await openFds(gw.pid);
    const before = `vs after a warm-up batch of ${heavy} (before/after, not interleaved)`;
    report({
      name: `gateway RSS after ${heavy} more tasks ${before}`,
      figure: rss1,
      unit: "MiB",
      baseline: rss0,
      maxRatio: 1.2,
    });
    report({
      name: `gateway open fds after ${heavy} more tasks ${before}`,
      figure: fd1,
      unit: "fds",
      baseline: fd0,
      maxRatio: 1.1,
    });
  } finally {
    await gw.stop();
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}
