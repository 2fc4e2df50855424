import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import { benchScale, formatNumber, interleave, makeRow, targetText } from "../../bench/harness.ts";
import { type ModuleResult, renderResults } from "../../bench/run.ts";

const HOST = { cores: "2", cpu: "test", date: "2026-01-01T00:00:00Z" };

Deno.test("bench row ratio is larger-is-worse for a rate (baseline over figure)", () => {
  const row = makeRow("api", {
    name: "GET /board",
    figure: 15.2,
    unit: "req/s",
    better: "higher",
    baseline: 11408,
  });
  ok(row.ratio !== null && row.ratio > 700, `ratio ${row.ratio}`);
  equal(formatNumber(row.ratio!), "751");
});

Deno.test("bench row ratio is figure over baseline for a time", () => {
  const row = makeRow("cli", { name: "create", figure: 30, unit: "ms", baseline: 20 });
  equal(row.ratio, 1.5);
});

Deno.test("bench row judges an absolute limit on the figure, whatever the ratio", () => {
  const fast = makeRow("dispatch", {
    name: "idle tick",
    figure: 6.5,
    unit: "µs",
    baseline: 0.6,
    limit: 25,
  });
  equal(fast.pass, true);
  ok(fast.ratio! > 10);
  equal(targetText(fast), "≤ 25 µs");
  const slow = makeRow("dispatch", { name: "idle tick", figure: 26, unit: "µs", limit: 25 });
  equal(slow.pass, false);
  equal(slow.ratio, null);
  const rate = makeRow("x", {
    name: "r",
    figure: 900,
    unit: "req/s",
    better: "higher",
    limit: 1000,
  });
  equal(rate.pass, false);
  equal(targetText(rate), "≥ 1000 req/s");
});

Deno.test("bench row judges a ratio target on the ratio", () => {
  const row = makeRow("spawn", { name: "s", figure: 1764, unit: "µs", baseline: 513, maxRatio: 3 });
  equal(row.pass, false);
  equal(targetText(row), "≤ 3×");
  equal(
    makeRow("spawn", { name: "s", figure: 1000, unit: "µs", baseline: 513, maxRatio: 3 }).pass,
    true,
  );
  equal(makeRow("spawn", { name: "s", figure: 1000, unit: "µs", baseline: 513 }).pass, undefined);
});

Deno.test("bench row refuses a figure that is not a number, and a ratio target without a baseline", () => {
  throws(() => makeRow("m", { name: "n", figure: NaN, unit: "ms" }), /figure is NaN/);
  throws(() => makeRow("m", { name: "n", figure: 1, unit: "ms", baseline: Infinity }), /baseline/);
  throws(() => makeRow("m", { name: "n", figure: 1, unit: "ms", maxRatio: 2 }), /needs a baseline/);
});

Deno.test("bench row with a zero baseline has no ratio rather than an invented one", () => {
  const row = makeRow("gateway", {
    name: "idle",
    figure: 0.4,
    unit: "% core",
    baseline: 0,
    limit: 1,
  });
  equal(row.ratio, null);
  equal(row.pass, true);
});

Deno.test("interleave alternates the cases and drops the warm-up rounds", async () => {
  const calls: string[] = [];
  let n = 0;
  const out = await interleave(2, {
    a: () => (calls.push("a"), Promise.resolve(++n)),
    b: () => (calls.push("b"), Promise.resolve(++n)),
  }, 1);
  deepEqual(calls, ["a", "b", "a", "b", "a", "b"]);
  deepEqual(out, { a: [3, 5], b: [4, 6] });
});

Deno.test("bench smoke scale runs one round without warm-up at the small size", () => {
  const smoke = benchScale(true);
  deepEqual([smoke.runs(40), smoke.warmup(3), smoke.size(10_000, 200)], [1, 0, 200]);
  const full = benchScale(false);
  deepEqual([full.warmup(3), full.size(10_000, 200)], [3, 10_000]);
});

Deno.test("bench results table says which way ratios read and prints bounds in their unit", () => {
  const results: Record<string, ModuleResult> = {
    api: {
      format: 2,
      machine: HOST,
      failure: null,
      rows: [
        makeRow("api", {
          name: "GET /board vs GET /healthz, requests/s",
          figure: 15.2,
          unit: "req/s",
          better: "higher",
          baseline: 11408,
        }),
        makeRow("api", {
          name: "event delivery p99",
          figure: 4.6,
          unit: "ms",
          baseline: 0.2,
          limit: 1000,
        }),
      ],
    },
  };
  const md = renderResults(results);
  match(md, /ratio \(larger is worse\)/);
  match(md, /baseline ÷ figure for rates/);
  match(md, /\| 15\.2 req\/s \| 11408 req\/s \| 751× \| — \| — \|/);
  match(md, /\| 4\.60 ms \| 0\.20 ms \| 23\.0× \| ≤ 1000 ms \| pass \|/);
  ok(!md.includes("0.00×"), md);
});
