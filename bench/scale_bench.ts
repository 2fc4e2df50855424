/**
 * How the hot paths grow with the board: `kanban create`, `kanban list`, `kanban list --json`
 * (CLI processes), the dispatcher's claim (candidates + claim in one transaction, in this
 * process, as the claimer does it) and GET /board (the dashboard's first load, through the
 * server Worker the gateway hosts) on boards of 1,000, 10,000 and 100,000 tasks, 90% of them
 * done, as on a long-lived board.
 *
 * Each figure is reported at 10k and 100k beside the same operation at 1k in the same run
 * (CLI runs interleaved across the three boards). What a command shows may grow with the board
 * (list prints every task); what it stores must not make the rest slower: create and claim
 * must stay flat (targets), list and the board endpoint are shown for their growth.
 */

import { openBoard } from "../lib/store/mod.ts";
import { openDispatch } from "../lib/store/engine.ts";
import { envFor, makeHome, serveBoard } from "./boards.ts";
import {
  denoRun,
  interleave,
  type Report,
  ROOT,
  type Scale,
  summarize,
  timeCommand,
} from "./harness.ts";

const MAIN = `${ROOT}main.ts`;
const TOKEN = "scale-bench-token-0123456789abcdef";
const DONE = 0.9;

/** Median ms of `rounds` claims on `home`'s board: candidates, then claim, one transaction. */
function claimMs(home: string, rounds: number): number {
  const board = openBoard(home, "default");
  try {
    const store = openDispatch(board);
    const samples: number[] = [];
    const now = Math.floor(Date.now() / 1000) + 3600;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const claimed = board.tx(() => {
        const [c] = store.candidates({ now, exclude: [], limit: 1 });
        return c ? store.claim(c.id, `bench:${i}`, 600) : null;
      });
      samples.push(performance.now() - t0);
      if (!claimed) throw new Error("scale bench: no ready task left to claim");
    }
    return summarize(samples).median;
  } finally {
    board.close();
  }
}

/** Median ms of `rounds` sequential GET /board requests, body read. */
async function boardMs(url: string, rounds: number): Promise<{ ms: number; bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/plugins/kanban/board`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    if (!res.ok) throw new Error(`scale bench: GET /board answered ${res.status}`);
    bytes = (await res.arrayBuffer()).byteLength;
    samples.push(performance.now() - t0);
  }
  return { ms: summarize(samples).median, bytes };
}

export async function run(report: Report, scale: Scale): Promise<void> {
  const sizes = [scale.size(1_000, 50), scale.size(10_000, 200), scale.size(100_000, 800)];
  const homes = [] as string[];
  try {
    for (const n of sizes) homes.push(await makeHome(n, DONE));
    const [small, mid, big] = homes;
    const create = ["kanban", "create", "bench: scale", "--assignee", "writer"];
    const cli = (home: string, args: string[]) => () =>
      timeCommand(denoRun(MAIN, args), { env: envFor(home) });
    const t = await interleave(scale.runs(15), {
      create1: cli(small, create),
      create2: cli(mid, create),
      create3: cli(big, create),
      list1: cli(small, ["kanban", "list"]),
      list2: cli(mid, ["kanban", "list"]),
      list3: cli(big, ["kanban", "list"]),
      json1: cli(small, ["kanban", "list", "--json"]),
      json2: cli(mid, ["kanban", "list", "--json"]),
      json3: cli(big, ["kanban", "list", "--json"]),
    }, scale.warmup(2));
    const med = (xs: number[]) => summarize(xs).median;
    const n = (x: number) => x.toLocaleString("en-US");
    const rows = (
      what: string,
      figures: readonly number[],
      maxRatio?: number,
    ) => {
      for (const i of [1, 2]) {
        report({
          name: `${what}, ${n(sizes[i])} tasks vs ${n(sizes[0])} (median)`,
          figure: figures[i],
          unit: "ms",
          baseline: figures[0],
          maxRatio,
        });
      }
    };
    rows("kanban create", [med(t.create1), med(t.create2), med(t.create3)], 1.15);
    rows("kanban list (shows every task)", [med(t.list1), med(t.list2), med(t.list3)]);
    rows("kanban list --json (shows every task)", [
      med(t.json1),
      med(t.json2),
      med(t.json3),
    ]);
    const claims = homes.map((h) => claimMs(h, scale.runs(40)));
    rows("dispatcher claim (candidates + claim)", claims, 1.5);
    const boards: { ms: number; bytes: number }[] = [];
    for (const h of homes) {
      const server = await serveBoard(h, TOKEN);
      try {
        await boardMs(server.url, 1); // warm the server's board cache
        boards.push(await boardMs(server.url, scale.runs(h === big ? 5 : 15)));
      } finally {
        await server.stop();
      }
    }
    rows("GET /board", boards.map((b) => b.ms));
    for (const i of [0, 1, 2]) {
      report({
        name: `GET /board response, ${n(sizes[i])} tasks`,
        figure: boards[i].bytes / 1024,
        unit: "KiB",
      });
    }
  } finally {
    for (const h of homes) await Deno.remove(h, { recursive: true });
  }
}
