/**
 * Start-up cost of the CLI's hot verbs, beside `deno run` of an empty script (the floor):
 * `kanban create` on an empty board, `kanban list` on a 10,000-task board, and `kanban
 * create` on a 100,000-task board beside create on the empty one (it must not slow down
 * as the board grows).
 */

import { envFor, makeHome } from "./boards.ts";
import {
  denoRun,
  EMPTY_SCRIPT,
  interleave,
  type Report,
  ROOT,
  type Scale,
  summarize,
  timeCommand,
} from "./harness.ts";

const MAIN = `${ROOT}main.ts`;

/** Measure and report; boards are built first, then every case runs interleaved. */
export async function run(report: Report, scale: Scale): Promise<void> {
  const tenK = scale.size(10_000, 200);
  const hundredK = scale.size(100_000, 1000);
  const empty = await makeHome(0);
  const ten = await makeHome(tenK);
  const hundred = await makeHome(hundredK);
  try {
    // Assigned and ready: the dispatcher-presence probe runs too, as it does for Hermes.
    const create = ["kanban", "create", "bench: write the weekly report", "--assignee", "writer"];
    const bare = ["kanban", "create", "bench: an idea for later"];
    const samples = await interleave(scale.runs(40), {
      floor: () => timeCommand(denoRun(EMPTY_SCRIPT), { env: envFor(empty) }),
      createEmpty: () => timeCommand(denoRun(MAIN, create), { env: envFor(empty) }),
      createBare: () => timeCommand(denoRun(MAIN, bare), { env: envFor(empty) }),
      list10k: () => timeCommand(denoRun(MAIN, ["kanban", "list"]), { env: envFor(ten) }),
      create100k: () => timeCommand(denoRun(MAIN, create), { env: envFor(hundred) }),
    }, scale.warmup(3));
    const floor = summarize(samples.floor);
    const createEmpty = summarize(samples.createEmpty);
    const createBare = summarize(samples.createBare);
    const list10k = summarize(samples.list10k);
    const create100k = summarize(samples.create100k);
    const ms = (name: string, figure: number, baseline: number, maxRatio?: number) =>
      report({ name, figure, unit: "ms", baseline, maxRatio });
    const n = (x: number) => x.toLocaleString("en-US");
    ms("kanban create vs empty script (median)", createEmpty.median, floor.median, 1.5);
    ms("kanban create vs empty script (p90)", createEmpty.p90, floor.p90);
    ms(
      "kanban create, unassigned (no presence probe) vs empty script (median)",
      createBare.median,
      floor.median,
      1.5,
    );
    ms(`kanban list, ${n(tenK)} tasks vs empty script (median)`, list10k.median, floor.median, 2);
    ms(`kanban list, ${n(tenK)} tasks vs empty script (p90)`, list10k.p90, floor.p90);
    ms(
      `kanban create, ${n(hundredK)}-task board vs empty board (median)`,
      create100k.median,
      createEmpty.median,
      1.15,
    );
  } finally {
    for (const h of [empty, ten, hundred]) await Deno.remove(h, { recursive: true });
  }
}
