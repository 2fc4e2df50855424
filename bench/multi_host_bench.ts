/**
 * Several "hosts" on one PostgreSQL board (separate gateway processes, separate HERMES_HOMEs,
 * separate HERMES_HOST_IDs, on this one machine), each figure beside SQLite's in the same run:
 *
 * 1. Create→spawn through LISTEN/NOTIFY: this process (another "host", like a CLI elsewhere)
 *    creates a task and takes the time its commit returned; the gateway's worker writes
 *    $EPOCHREALTIME first thing. p50 and p99 over sequential samples (each meets an idle
 *    gateway). Baseline: the same against a gateway on a SQLite board (WAL watch). Target
 *    (absolute): p50 ≤ 10 ms.
 * 2. Three gateways on one PostgreSQL board running `true` tasks: tasks per second from the
 *    commit of the batch to the last one done. Baseline: one gateway on a SQLite board with the
 *    same number of workers in all.
 *
 * Needs PostgreSQL at HERMES_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres,
 * which may create databases). Run alone: `deno task bench multi_host`.
 */

import { openBoard, prepareStore, type Store } from "../lib/store/mod.ts";
import { PgBackend } from "../lib/store/postgres.ts";
import { launchGateway, passThroughEnv, percentile, type Report, type Scale } from "./harness.ts";

const ADMIN_URL = Deno.env.get("HERMES_BENCH_PG_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";

const yaml = (workers: number) =>
  `kanban:
  dispatch_interval_seconds: 60
  max_workers: ${workers}
  profiles:
    bench:
      command: ["bash", "-c", "echo $EPOCHREALTIME > \\"$HERMES_HOME/stamps/$HERMES_KANBAN_TASK\\""]
      completion: exit_code
    quick:
      command: ["true"]
      completion: exit_code
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => performance.timeOrigin + performance.now();

interface Home {
  path: string;
  env: Record<string, string>;
}

async function makeHome(workers: number, url: string | null, host: string): Promise<Home> {
  const path = await Deno.makeTempDir({ prefix: "hermes-multi-bench-" });
  await Deno.chmod(path, 0o700);
  Deno.writeTextFileSync(`${path}/config.yaml`, yaml(workers));
  Deno.mkdirSync(`${path}/stamps`);
  const env: Record<string, string> = { HERMES_HOME: path, HERMES_HOST_ID: host };
  if (url) env.HERMES_KANBAN_DB_URL = url;
  return { path, env };
}

async function startGateway(home: Home): Promise<() => Promise<void>> {
  // Narrowed as `gateway run` narrows itself, so the pid in its state file is the child's.
  const env = { ...passThroughEnv(), ...home.env };
  await prepareStore(home.path, (k) => env[k]);
  return (await launchGateway(home.path, ["--no-dashboard"], null, env)).stop;
}

async function open(home: Home): Promise<Store> {
  await prepareStore(home.path, (k) => home.env[k]);
  return openBoard(home.path, "default", { create: true });
}

async function waitDone(store: Store, ids: readonly string[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let left = [...ids];
  while (left.length) {
    left = left.filter((id) => store.getTask(id)?.status !== "done");
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${left.length} tasks did not finish`);
    await sleep(5);
  }
}

/** Create→spawn samples (ms) against the gateway of `home`. */
async function createToSpawn(home: Home, n: number): Promise<number[]> {
  const store = await open(home);
  const stop = await startGateway(home);
  const out: number[] = [];
  try {
    for (let i = 0; i < n + 3; i++) {
      const id = store.createTask({ title: `s${i}`, assignee: "bench" }).task.id;
      const committed = nowMs();
      const path = `${home.path}/stamps/${id}`;
      const deadline = Date.now() + 10_000;
      let stamp = 0;
      while (!stamp) {
        try {
          const t = Deno.readTextFileSync(path).trim();
          if (t) stamp = Number(t) * 1000;
        } catch { /* not yet */ }
        if (!stamp && Date.now() > deadline) throw new Error(`no stamp for ${id}`);
        if (!stamp) await sleep(0.5);
      }
      await waitDone(store, [id], 10_000);
      if (i >= 3) out.push(stamp - committed);
    }
  } finally {
    store.close();
    await stop();
  }
  return out;
}

/** Tasks per second of `true` tasks through the gateways of `homes` (one board). */
async function throughput(homes: Home[], n: number): Promise<number> {
  const store = await open(homes[0]);
  const stops = [];
  try {
    for (const h of homes) stops.push(await startGateway(h));
    const t0 = performance.now();
    const ids = store.tx(() =>
      Array.from({ length: n }, (_, i) => store.createTask({ title: `q${i}`, assignee: "quick" }))
        .map((r) => r.task.id)
    );
    await waitDone(store, ids, 300_000);
    return n / ((performance.now() - t0) / 1000);
  } finally {
    store.close();
    for (const s of stops) await s();
  }
}

/** The module's figures. */
export async function run(report: Report, scale: Scale): Promise<void> {
  const admin = new PgBackend({ url: ADMIN_URL, env: () => undefined, home: undefined });
  const dbs: string[] = [];
  const homes: Home[] = [];
  const database = () => {
    const name = `hermes_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    admin.adminExec(`CREATE DATABASE ${name}`);
    dbs.push(name);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const home = async (workers: number, url: string | null, host: string) => {
    const h = await makeHome(workers, url, host);
    homes.push(h);
    return h;
  };
  try {
    const samples = scale.size(100, 10);
    const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
    const pg = sorted(await createToSpawn(await home(8, database(), "a"), samples));
    const lite = sorted(await createToSpawn(await home(8, null, "a"), samples));
    report({
      name: "create→spawn from another process through LISTEN/NOTIFY, p50 (SQLite beside it)",
      figure: percentile(pg, 50),
      baseline: percentile(lite, 50),
      unit: "ms",
      limit: 10,
    });
    report({
      name: "create→spawn from another process through LISTEN/NOTIFY, p99 (SQLite beside it)",
      figure: percentile(pg, 99),
      baseline: percentile(lite, 99),
      unit: "ms",
    });
    const tasks = scale.size(3000, 60);
    const url = database();
    const three = [await home(4, url, "h1"), await home(4, url, "h2"), await home(4, url, "h3")];
    const rate = await throughput(three, tasks);
    const one = await throughput([await home(12, null, "h1")], tasks);
    report({
      name: `three gateways on one PostgreSQL board, ${tasks} true tasks, 4 workers each ` +
        "(one SQLite gateway with 12 beside it)",
      figure: rate,
      baseline: one,
      unit: "tasks/s",
      better: "higher",
    });
  } finally {
    for (const h of homes) await Deno.remove(h.path, { recursive: true }).catch(() => {});
    for (const d of dbs) admin.adminExec(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
  }
}
