/**
 * The dashboard API under load, from a loopback load generator in this process while the
 * server runs in its own Deno Worker (lib/server/worker.ts, exactly as the gateway hosts it).
 *
 * 1. Requests per second for GET /board and POST /tasks on a 10,000-task board, beside
 *    GET /healthz (the cost of the HTTP path alone) measured the same way in the same run.
 *    Each phase is bounded by a request count and a time limit.
 * 2. Event delivery latency to an open SSE client: from the commit of a change made by
 *    another connection (as the CLI or a worker would) to the event arriving at the client,
 *    p50 and p99, beside the round trip of GET /healthz. Target: p99 within a second.
 *
 * `HERMES_BENCH_RUNS` scales the counts down for a smoke run.
 */

import type { FromServer, ToServer } from "../lib/gateway/messages.ts";
import { atomically } from "../lib/store/dashboard_queries.ts";
import { openBoard } from "../lib/store/mod.ts";
import { benchRuns, percentile, type Report } from "./harness.ts";

const TOKEN = "bench-token-0123456789abcdef";
const CONCURRENCY = 8;
const nowMs = () => performance.timeOrigin + performance.now();

/** Fire `total` requests with CONCURRENCY loops, stopping at `limitMs`; returns req/s. */
async function load(
  total: number,
  limitMs: number,
  one: (i: number) => Promise<Response>,
): Promise<number> {
  let next = 0;
  let done = 0;
  const start = performance.now();
  const loop = async () => {
    while (next < total && performance.now() - start < limitMs) {
      const res = await one(next++);
      if (!res.ok) throw new Error(`bench request failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return done / ((performance.now() - start) / 1000);
}

/** Run the API benchmarks. */
export async function run(report: Report): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "hermes-api-bench-" });
  const store = openBoard(home, "default", { create: true });
  const boardSize = 10_000;
  atomically(store, () => {
    for (let i = 0; i < boardSize; i++) {
      store.createTask({
        title: `bench task ${i}`,
        body: `do step ${i}`,
        assignee: i % 3 === 0 ? "shell" : null,
        priority: i % 7,
      });
    }
  });
  const worker = new Worker(new URL("../lib/server/worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      worker.onmessage = (ev: MessageEvent<FromServer>) => {
        if (ev.data.type === "listening") resolve(ev.data.url.replace(/\/$/, ""));
        if (ev.data.type === "error") reject(new Error(ev.data.message));
      };
      const init: ToServer = {
        type: "init",
        home,
        host: "127.0.0.1",
        port: 0,
        token: TOKEN,
        version: "bench",
        config: new Map(),
        dispatch: { enabled: false, reason: "benchmark" },
      };
      worker.postMessage(init);
    });
    const headers = { authorization: `Bearer ${TOKEN}` };
    const get = (path: string) => fetch(url + path, { headers });
    const api = "/api/plugins/kanban";

    // Warm up connections and the server's board cache.
    await load(50, 5_000, () => get("/healthz"));
    await (await get(`${api}/board`)).arrayBuffer();

    const healthz = await load(benchRuns(4000), 4_000, () => get("/healthz"));
    const list = await load(benchRuns(60), 8_000, () => get(`${api}/board`));
    const create = await load(benchRuns(2000), 6_000, (i) =>
      fetch(url + `${api}/tasks`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ title: `created by the bench ${i}`, assignee: "shell" }),
      }));
    // Ratios are "times slower than the bare HTTP path": baseline rps / figure rps.
    report("GET /healthz (baseline), requests/s", healthz, "req/s", healthz);
    report(`GET /board on ${boardSize} tasks, requests/s`, list, "req/s", healthz);
    report(`POST /tasks on a ${boardSize}-task board, requests/s`, create, "req/s", healthz);

    // Event delivery latency.
    const rtts: number[] = [];
    for (let i = 0; i < benchRuns(200); i++) {
      const t0 = nowMs();
      await (await get("/healthz")).arrayBuffer();
      rtts.push(nowMs() - t0);
    }
    rtts.sort((a, b) => a - b);
    const res = await get(`${api}/events`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    const nextBatch = async (): Promise<void> => {
      while (true) {
        const sep = buf.indexOf("\n\n");
        if (sep >= 0) {
          const block = buf.slice(0, sep);
          buf = buf.slice(sep + 2);
          // A batch is `id:` + `data:` with no `event:` line (hello and reset have one).
          if (block.startsWith("id: ") && !block.includes("\nevent: ")) return;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("event stream ended");
        buf += value;
      }
    };
    const lat: number[] = [];
    const writer = openBoard(home, "default");
    try {
      for (let i = 0; i < benchRuns(200); i++) {
        writer.createTask({ title: `event ${i}` });
        const committed = nowMs();
        await nextBatch();
        lat.push(nowMs() - committed);
      }
    } finally {
      writer.close();
      await reader.cancel();
    }
    lat.sort((a, b) => a - b);
    const rtt50 = percentile(rtts, 50);
    report("GET /healthz round trip p50 (baseline)", rtt50, "ms", rtt50);
    report("event delivery to an SSE client, p50", percentile(lat, 50), "ms", rtt50);
    report("event delivery to an SSE client, p99", percentile(lat, 99), "ms", rtt50, 1000 / rtt50);
  } finally {
    worker.postMessage({ type: "shutdown" } satisfies ToServer);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      worker.onmessage = (ev: MessageEvent<FromServer>) => {
        if (ev.data.type === "closed") {
          clearTimeout(t);
          resolve();
        }
      };
    });
    worker.terminate();
    store.close();
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  await run((name, figure, unit, baseline, target) =>
    console.log(
      `${name}: ${figure.toFixed(2)} ${unit} (baseline ${baseline.toFixed(2)}, ratio ${
        (figure / baseline).toFixed(3)
      }${target === undefined ? "" : `, target ≤ ${target.toFixed(2)}`})`,
    )
  );
}
