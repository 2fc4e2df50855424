/**
 * The dashboard API under load, from a loopback load generator in this process while the
 * server runs in its own Deno Worker (lib/server/worker.ts, exactly as the gateway hosts it).
 *
 * 1. Requests per second for GET /board (full, and unchanged: a 304 to the ETag the client
 *    holds; target at least 200/s) and POST /tasks on a 10,000-task board, beside
 *    GET /healthz (the cost of the HTTP path alone), in alternate rounds of the three, each
 *    round bounded by a request count and a time limit; medians of the rounds' rates.
 * 2. Event delivery latency to an open SSE client: from the commit of a change made by
 *    another connection (as the CLI or a worker would) to the event arriving at the client,
 *    p50 and p99, each sample following a GET /healthz round trip on the same server.
 *    Target: p99 within a second (absolute).
 */

import { serveBoard } from "./boards.ts";
import { openBoard } from "../lib/store/mod.ts";
import { interleave, percentile, type Report, type Scale, summarize } from "./harness.ts";

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
      if (!res.ok && res.status !== 304) {
        throw new Error(`bench request failed: ${res.status} ${await res.text()}`);
      }
      await res.arrayBuffer();
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return done / ((performance.now() - start) / 1000);
}

/** Run the API benchmarks. */
export async function run(report: Report, scale: Scale): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "hermes-api-bench-" });
  const store = openBoard(home, "default", { create: true });
  const boardSize = scale.size(10_000, 500);
  store.tx(() => {
    for (let i = 0; i < boardSize; i++) {
      store.createTask({
        title: `bench task ${i}`,
        body: `do step ${i}`,
        assignee: i % 3 === 0 ? "shell" : null,
        priority: i % 7,
      });
    }
  });
  const server = await serveBoard(home, TOKEN);
  const url = server.url;
  try {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const get = (path: string) => fetch(url + path, { headers });
    const api = "/api/plugins/kanban";

    // Warm up connections and the server's board cache.
    await load(scale.size(50, 5), 5_000, () => get("/healthz"));
    await (await get(`${api}/board`)).arrayBuffer();

    // Tasks made by a create round are archived after it, so every GET /board round reads the
    // same board (archived tasks are not on it) whatever the rounds before it created.
    const CREATED_BY_BENCH = "bench-api";
    const createRound = async () => {
      const rate = await load(scale.size(400, 10), 1_200, (i) =>
        fetch(url + `${api}/tasks`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ title: `created by the bench ${i}`, assignee: CREATED_BY_BENCH }),
        }));
      store.tx(() => {
        for (const t of store.listTasks({ assignee: CREATED_BY_BENCH })) store.archive(t.id);
      });
      return rate;
    };
    // A client that holds the current view asks again: the board has not changed, 304.
    const unchangedRound = async () => {
      const first = await get(`${api}/board`);
      await first.arrayBuffer();
      const etag = first.headers.get("etag");
      if (!etag) throw new Error("bench: GET /board has no ETag");
      return await load(scale.size(2000, 20), 800, async () => {
        const res = await fetch(url + `${api}/board`, {
          headers: { ...headers, "if-none-match": etag },
        });
        if (res.status !== 304) throw new Error(`bench: expected 304, got ${res.status}`);
        return res;
      });
    };
    const rates = await interleave(scale.runs(5), {
      healthz: () => load(scale.size(2000, 20), 800, () => get("/healthz")),
      board: () => load(scale.size(16, 2), 2_000, () => get(`${api}/board`)),
      unchanged: unchangedRound,
      create: createRound,
    }, scale.warmup(1));
    const healthz = summarize(rates.healthz).median;
    report({
      name: `GET /board on ${boardSize.toLocaleString("en-US")} tasks vs GET /healthz, requests/s`,
      figure: summarize(rates.board).median,
      unit: "req/s",
      better: "higher",
      baseline: healthz,
    });
    report({
      name: `GET /board on ${
        boardSize.toLocaleString("en-US")
      } tasks, unchanged (If-None-Match, 304) vs GET /healthz, requests/s`,
      figure: summarize(rates.unchanged).median,
      unit: "req/s",
      better: "higher",
      baseline: healthz,
      limit: 200,
    });
    report({
      name: `POST /tasks on a ${
        boardSize.toLocaleString("en-US")
      }-task board vs GET /healthz, requests/s`,
      figure: summarize(rates.create).median,
      unit: "req/s",
      better: "higher",
      baseline: healthz,
    });

    // Event delivery latency.
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
    const writer = openBoard(home, "default");
    let samples: { rtt: number[]; event: number[] };
    try {
      let seq = 0;
      samples = await interleave(scale.size(200, 5), {
        rtt: async () => {
          const t0 = nowMs();
          await (await get("/healthz")).arrayBuffer();
          return nowMs() - t0;
        },
        event: async () => {
          writer.createTask({ title: `event ${seq++}` });
          const committed = nowMs();
          await nextBatch();
          return nowMs() - committed;
        },
      }, scale.warmup(3));
    } finally {
      writer.close();
      await reader.cancel();
    }
    const rtts = samples.rtt.sort((a, b) => a - b);
    const lat = samples.event.sort((a, b) => a - b);
    report({
      name: "event delivery to an SSE client vs GET /healthz round trip, p50",
      figure: percentile(lat, 50),
      unit: "ms",
      baseline: percentile(rtts, 50),
    });
    report({
      name: "event delivery to an SSE client vs GET /healthz round trip, p99",
      figure: percentile(lat, 99),
      unit: "ms",
      baseline: percentile(rtts, 99),
      limit: 1000,
    });
  } finally {
    await server.stop();
    store.close();
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}
