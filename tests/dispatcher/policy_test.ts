/** The pure policy: run decisions, exit classification, cap arithmetic, backoff, reasons. */

import { deepEqual, equal } from "../support/assert.ts";
import {
  claimBudget,
  classifyExit,
  decideRun,
  giveUpReason,
  nextDeadline,
  pickClaims,
  retryDelay,
  runtimeLeftMs,
  type RunView,
} from "../../lib/dispatcher/policy.ts";

const NOW = 1_000_000;

function view(over: Partial<RunView> = {}): RunView {
  return {
    taskId: "t_00000001",
    runId: 7,
    claimExpires: NOW + 100,
    startedAt: NOW - 10,
    maxRuntime: null,
    hasProc: true,
    liveness: "alive",
    exitCode: null,
    observed: false,
    foreign: false,
    spawning: false,
    ...over,
  };
}

Deno.test("decideRun judges every kind of running task", () => {
  const cases: [Partial<RunView>, string][] = [
    [{}, "keep"],
    [{ runId: null }, "leak"],
    [{ spawning: true, claimExpires: NOW - 1 }, "keep"],
    [{ foreign: true, liveness: "dead" }, "keep"],
    [{ hasProc: false, liveness: null }, "keep"],
    [{ hasProc: false, liveness: null, claimExpires: NOW - 1 }, "reclaim"],
    [{ liveness: "dead", exitCode: 0 }, "exited"],
    [{ liveness: "dead" }, "crashed"],
    [{ claimExpires: NOW - 1 }, "extend"],
    [{ maxRuntime: 5 }, "timeout"],
    [{ maxRuntime: 10 }, "keep"],
    [{ maxRuntime: 0, startedAt: NOW - 1 }, "timeout"],
    [{ liveness: "unknown" }, "keep"],
    [{ liveness: "unknown", claimExpires: NOW - 1 }, "defer"],
    [{ liveness: "unknown", maxRuntime: 1 }, "keep"],
  ];
  for (const [over, want] of cases) {
    equal(decideRun(view(over), NOW).kind, want, JSON.stringify(over));
  }
});

Deno.test("decideRun counts a crash only when this dispatcher saw the worker alive", () => {
  deepEqual(decideRun(view({ liveness: "dead", observed: true }), NOW), {
    kind: "crashed",
    counted: true,
  });
  deepEqual(decideRun(view({ liveness: "dead", observed: false }), NOW), {
    kind: "crashed",
    counted: false,
  });
});

Deno.test("classifyExit applies the exit code contract per completion mode", () => {
  const ok = { code: 0, signal: null };
  const fail = { code: 3, signal: null };
  const later = { code: 75, signal: null };
  const person = { code: 78, signal: null };
  const killed = { code: null, signal: "SIGKILL" };
  equal(classifyExit("exit_code", ok).kind, "done");
  equal(classifyExit("exit_code", fail).kind, "blocked");
  equal(classifyExit("report", ok).kind, "protocol_violation");
  equal(classifyExit("report", fail).kind, "crashed");
  for (const mode of ["exit_code", "report"] as const) {
    equal(classifyExit(mode, later).kind, "retry_later");
    equal(classifyExit(mode, person).kind, "blocked");
    deepEqual(classifyExit(mode, killed), { kind: "crashed", why: "worker killed by SIGKILL" });
  }
});

Deno.test("claimBudget and pickClaims hold the global and per-profile caps over live workers", () => {
  const caps = {
    maxWorkers: 4,
    profileCap: (n: string) => n === "solo" ? 1 : null,
    tickBudget: Infinity,
  };
  const budget = claimBudget(caps, { total: 1, byProfile: new Map() }, ["shell", "solo"]);
  equal(budget.slots, 3);
  const { chosen, passedOver } = pickClaims([
    { id: "a", assignee: "solo" },
    { id: "b", assignee: "solo" },
    { id: "c", assignee: "shell" },
    { id: "d", assignee: "shell" },
    { id: "e", assignee: "shell" },
  ], budget);
  deepEqual(chosen.map((c) => c.id), ["a", "c", "d"]);
  equal(passedOver, true);
  deepEqual(budget.full, ["solo"]);
  equal(budget.slots, 0);
  const full = claimBudget(caps, { total: 4, byProfile: new Map([["solo", 1]]) }, ["solo"]);
  equal(full.slots, 0);
  deepEqual(full.full, ["solo"]);
  equal(claimBudget({ ...caps, tickBudget: 1 }, { total: 0, byProfile: new Map() }, []).slots, 1);
});

Deno.test("retryDelay doubles from the base up to the cap", () => {
  deepEqual([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, 30, 200)), [30, 60, 120, 200, 200, 200]);
  equal(retryDelay(1, 0, 1800), 0);
});

Deno.test("giveUpReason names the true cause", () => {
  equal(giveUpReason(["crashed", "crashed"], "pid 9 gone"), "crashed 2 times (last: pid 9 gone)");
  equal(
    giveUpReason(["timed_out"], "elapsed 3s > limit 1s"),
    "timed out once (last: elapsed 3s > limit 1s)",
  );
  equal(
    giveUpReason(["spawn_failed", "crashed"], "x"),
    "2 failed attempts (could not be spawned, crashed; last: x)",
  );
});

Deno.test("nextDeadline is the earliest expiry, runtime limit or retry", () => {
  deepEqual(nextDeadline([view({ claimExpires: NOW + 50 })], null, NOW), {
    at: NOW + 51,
    inMs: null,
  });
  deepEqual(nextDeadline([view({ claimExpires: NOW + 50, maxRuntime: 15 })], null, NOW), {
    at: NOW - 10 + 15 + 1,
    inMs: null,
  });
  deepEqual(nextDeadline([view({ spawning: true })], NOW + 3, NOW), { at: NOW + 3, inMs: null });
  deepEqual(nextDeadline([], null, NOW), { at: null, inMs: null });
});

Deno.test("decideRun times out a measured run to the millisecond, not at the next whole second", () => {
  // The record says it started 10 s ago; the dispatcher measured 1.5 s since its spawn.
  const measured = view({ maxRuntime: 2, ranMs: 1500 });
  equal(runtimeLeftMs(measured, NOW), 500);
  deepEqual(nextDeadline([measured], null, NOW), { at: NOW + 101, inMs: 500 });
  equal(decideRun(measured, NOW).kind, "keep");
  deepEqual(decideRun(view({ maxRuntime: 2, ranMs: 2000 }), NOW), {
    kind: "timeout",
    elapsed: 2,
    limit: 2,
  });
  equal(decideRun(view({ maxRuntime: 2, ranMs: 2001 }), NOW).kind, "timeout");
  equal(decideRun(view({ maxRuntime: 2, ranMs: 1999 }), NOW).kind, "keep");
});

Deno.test("decideRun never stops a run known only to the second before its limit", () => {
  // started_at drops the fraction of its second: the limit is taken to pass a second later.
  const r = view({ maxRuntime: 5, startedAt: NOW - 5 });
  equal(runtimeLeftMs(r, NOW), 1000);
  equal(decideRun(r, NOW).kind, "keep");
  equal(decideRun(r, NOW + 1).kind, "timeout");
  equal(runtimeLeftMs(view({ maxRuntime: null }), NOW), null);
});
