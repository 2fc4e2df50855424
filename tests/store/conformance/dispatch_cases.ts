/** The conformance cases of the dispatcher's view of a board (DispatchStore). */

import { openDispatch } from "../../../lib/store/engine.ts";
import type { DispatchStore, FailureInput, Store } from "../../../lib/store/mod.ts";
import { deepEqual, equal, ok } from "../../support/assert.ts";
import { mk, PERSON } from "./board_cases.ts";
import type { Case } from "./mod.ts";

/** A worker process identity as the spawner records it. */
const PROC = { host: "h", bootId: "b", pidNs: "ns", pid: 4242, startTicks: 7 };

/** Claim `id` through `d` in a transaction, as the claimer does; null when refused. */
function claim(d: DispatchStore, id: string, lock = "h:1", ttl = 60) {
  return d.tx(() => d.claim(id, lock, ttl));
}

/** A counted crash of `runId`, with a board-wide failure limit of `limit`. */
function crash(taskId: string, runId: number, limit: number, counted = true): FailureInput {
  return {
    taskId,
    runId,
    kind: "crashed",
    error: "exit 1",
    counted,
    limit,
    exitCode: 1,
    reason: (kinds, last) => `gave up after ${kinds.join(", ")}: ${last}`,
  };
}

/** The last event kind of `id`. */
function lastKind(s: Store, id: string): string | undefined {
  return s.events({ afterId: 0, taskId: id, limit: 10_000 }).at(-1)?.kind;
}

export const DISPATCH_CASES: readonly Case[] = [
  {
    name: "dispatch: candidates are ready, assigned, unclaimed tasks with done parents, in order",
    run({ store: s, clock }) {
      const d = openDispatch(s);
      const low = mk(s, "low", { assignee: "a" });
      clock.advance(1);
      const high = mk(s, "high", { assignee: "b", priority: 9 });
      mk(s, "nobody's");
      const p = mk(s, "p", { assignee: "a" });
      mk(s, "waits", { assignee: "a", parents: [p] });
      const now = clock.now();
      deepEqual(d.candidates({ now, exclude: [], limit: 10 }).map((c) => c.id), [high, low, p]);
      deepEqual(d.candidates({ now, exclude: ["b"], limit: 1 }).map((c) => [c.id, c.assignee]), [[
        low,
        "a",
      ]]);
      deepEqual(d.candidates({ now, exclude: [], limit: 10, taskId: p }).map((c) => c.id), [p]);
      equal(d.unassignedReady().length, 1);
      deepEqual(d.inFlight(), { ready: 3, running: 0 });
      deepEqual({ ...d.probe() }, {
        running: false,
        ready: true,
        promotable: false,
        scheduled: false,
        unreaped: false,
      });
    },
  },
  {
    name: "dispatch: tasks in review are candidates after the ready ones, without a parents' gate",
    run({ store: s, clock }) {
      const d = openDispatch(s);
      const p = mk(s, "p", { triage: true });
      const reviewed = mk(s, "reviewed", { assignee: "a", priority: 9 });
      s.perform(reviewed, { op: "review", reviewer: "r", note: null }, PERSON);
      s.link(p, reviewed);
      s.perform(mk(s, "unassigned"), { op: "review", reviewer: null, note: null }, PERSON);
      const ready = mk(s, "ready", { assignee: "a" });
      const now = clock.now();
      deepEqual(d.candidates({ now, exclude: [], limit: 10 }).map((c) => [c.id, c.assignee]), [
        [ready, "a"],
        [reviewed, "r"],
      ]);
      deepEqual(d.candidates({ now, exclude: [], limit: 1 }).map((c) => c.id), [ready]);
      deepEqual(d.candidates({ now, exclude: ["r"], limit: 10 }).map((c) => c.id), [ready]);
      equal(d.unassignedReady().length, 1, "an unassigned task in review is reported");
      const c = claim(d, reviewed, "h:1")!;
      deepEqual([c.task.status, s.runRow(c.runId)?.profile], ["running", "r"]);
    },
  },
  {
    name: "dispatch: scheduled tasks wake when their time comes; rows Hermes left behind go",
    run({ store: s, clock }) {
      const d = openDispatch(s);
      const now = clock.now();
      const soon = mk(s, "soon", { assignee: "a" });
      const later = mk(s, "later", { assignee: "a" });
      const untimed = mk(s, "untimed", { assignee: "a" });
      s.perform(soon, { op: "schedule", until: now + 10, reason: null }, PERSON);
      s.perform(later, { op: "schedule", until: now + 20, reason: null }, PERSON);
      s.perform(untimed, { op: "schedule", until: null, reason: null }, PERSON);
      deepEqual([d.probe().scheduled, d.nextScheduledAt(now), d.dueScheduled(now)], [
        true,
        now + 10,
        [],
      ]);
      deepEqual(d.wakeDue(now), []);
      clock.advance(10);
      deepEqual(d.dueScheduled(now + 10), [soon]);
      deepEqual(d.wakeDue(now + 10), [soon]);
      deepEqual([s.requireTask(soon).status, s.scheduledAt(soon)], ["ready", null]);
      equal(d.nextScheduledAt(now + 10), now + 20);
      // Hermes schedules `later` again, without a time (its own event): our time no longer holds.
      s.unblock(later);
      s.perform(later, { op: "schedule", until: null, reason: "by hermes" }, PERSON);
      clock.advance(20);
      deepEqual(d.wakeDue(now + 30), []);
      equal(s.requireTask(later).status, "scheduled");
      deepEqual([d.probe().scheduled, d.nextScheduledAt(now + 30)], [false, null]);
    },
  },
  {
    name: "dispatch: a claim is exclusive, across two handles on one board",
    async run({ store: s, reopen }) {
      const a = openDispatch(s);
      const b = openDispatch(await reopen());
      const made = Array.from({ length: 8 }, (_, i) => mk(s, `t${i}`, { assignee: "w" }));
      const got = new Map<string, string>();
      for (const id of made) {
        for (const [who, d] of [["a", a], ["b", b]] as const) {
          const c = claim(d, id, `${who}:1`);
          if (c) {
            ok(!got.has(id), `${id} claimed twice`);
            got.set(id, who);
            deepEqual([c.task.status, c.task.claim_lock, c.task.current_run_id], [
              "running",
              `${who}:1`,
              c.runId,
            ]);
          }
        }
      }
      deepEqual([...got.keys()], made, "every task claimed exactly once");
      equal(a.liveCounts().total, made.length);
      deepEqual(b.running().map((r) => r.taskId).sort(), [...made].sort());
      equal(claim(b, made[0], "b:2"), null);
    },
  },
  {
    name: "dispatch: spawns are recorded on the run; an exit code is recorded once",
    run({ store: s }) {
      const d = openDispatch(s);
      const id = mk(s, "t", { assignee: "w" });
      const { runId } = claim(d, id)!;
      deepEqual(
        d.recordSpawns([{ taskId: id, runId, proc: PROC, logPath: "/l/t.log", workspace: "/w" }]),
        [],
      );
      const row = d.running()[0];
      deepEqual([row.taskId, row.runId, row.proc, row.logPath, row.exitCode], [
        id,
        runId,
        PROC,
        "/l/t.log",
        null,
      ]);
      deepEqual([s.requireTask(id).worker_pid, s.requireTask(id).workspace_path], [4242, "/w"]);
      equal(lastKind(s, id), "spawned");
      d.recordExit(runId, 3);
      d.recordExit(runId, 9);
      equal(d.running()[0].exitCode, 3, "the first exit code wins");
      deepEqual(d.runLogs(id), [{ runId, status: "running", logPath: "/l/t.log" }]);
    },
  },
  {
    name: "dispatch: a spawn recorded after its run closed comes back as an orphan",
    run({ store: s }) {
      const d = openDispatch(s);
      const id = mk(s, "t", { assignee: "w" });
      const { runId } = claim(d, id)!;
      s.reclaim(id, "operator");
      const orphans = d.recordSpawns([
        { taskId: id, runId, proc: PROC, logPath: "/l", workspace: "/w" },
      ]);
      deepEqual(orphans, [runId]);
      deepEqual(d.unreaped().map((u) => [u.runId, u.status]), [[runId, "reclaimed"]]);
    },
  },
  {
    name: "dispatch: outcomes complete and block apply only while the run holds the task",
    run({ store: s }) {
      const d = openDispatch(s);
      const a = mk(s, "a", { assignee: "w" });
      const ra = claim(d, a)!.runId;
      equal(d.complete(a, ra + 1, "stale", 0, "w"), false, "a stale run changes nothing");
      equal(s.requireTask(a).status, "running");
      equal(d.complete(a, ra, "out", 0, "w"), true);
      deepEqual([s.requireTask(a).status, s.requireTask(a).result], ["done", "out"]);
      equal(d.complete(a, ra, "again", 0, "w"), false, "a closed run cannot complete twice");
      const b = mk(s, "b", { assignee: "w" });
      const rb = claim(d, b)!.runId;
      equal(d.block(b, rb, "needs a key", 78, "w"), true);
      deepEqual([s.requireTask(b).status, s.runRow(rb)?.outcome], ["blocked", "blocked"]);
    },
  },
  {
    name:
      "dispatch: counted failures spend the budget and give up at the limit; uncounted ones do not",
    run({ store: s }) {
      const d = openDispatch(s);
      const id = mk(s, "t", { assignee: "w" });
      const r1 = claim(d, id)!.runId;
      deepEqual(d.fail(crash(id, r1, 2)), {
        applied: true,
        gaveUp: false,
        failures: 1,
        reason: null,
      });
      deepEqual([s.requireTask(id).status, s.requireTask(id).consecutive_failures], ["ready", 1]);
      equal(s.runRow(r1)?.status, "crashed");
      const r2 = claim(d, id)!.runId;
      equal(d.fail(crash(id, r2, 5, false)).failures, 1, "uncounted: the budget is not spent");
      equal(lastKind(s, id), "crashed");
      const r3 = claim(d, id)!.runId;
      const gave = d.fail(crash(id, r3, 2));
      deepEqual([gave.gaveUp, gave.failures], [true, 2]);
      equal(gave.reason, "gave up after crashed, crashed: exit 1");
      deepEqual([s.requireTask(id).status, s.runRow(r3)?.status, lastKind(s, id)], [
        "blocked",
        "gave_up",
        "gave_up",
      ]);
      equal(d.fail(crash(id, r3, 2)).applied, false, "a closed run fails no more");
    },
  },
  {
    name: "dispatch: retry later backs off and the task is no candidate until its time",
    run({ store: s, clock }) {
      const d = openDispatch(s);
      const id = mk(s, "t", { assignee: "w" });
      const r = claim(d, id)!.runId;
      const got = d.retryLater(id, r, 75, (attempt) => 10 * attempt)!;
      deepEqual(got, { notBefore: clock.now() + 10, delay: 10 });
      equal(s.requireTask(id).status, "ready");
      equal(d.nextRetryAt(clock.now()), clock.now() + 10);
      deepEqual(d.candidates({ now: clock.now(), exclude: [], limit: 5 }), []);
      equal(
        d.candidates({ now: clock.now(), exclude: [], limit: 5, ignoreBackoff: true }).length,
        1,
      );
      clock.advance(10);
      deepEqual(d.candidates({ now: clock.now(), exclude: [], limit: 5 }).map((c) => c.id), [id]);
      const r2 = claim(d, id)!.runId;
      equal(d.retryLater(id, r2, 75, (attempt) => 10 * attempt)?.delay, 20, "the delay grows");
      equal(d.retryLater(id, r2, 75, () => 1), null, "a closed run retries no more");
    },
  },
  {
    name: "dispatch: reclaim, extend and defer act on the current run only",
    run({ store: s, clock }) {
      const d = openDispatch(s);
      const id = mk(s, "t", { assignee: "w" });
      const r = claim(d, id, "h:1", 60)!.runId;
      equal(d.extend(id, r + 1, 100, null), false);
      equal(d.extend(id, r, 100, 4242), true);
      equal(s.requireTask(id).claim_expires, clock.now() + 100);
      equal(d.defer(id, r, clock.now() + 500, "cannot confirm"), true);
      deepEqual([s.requireTask(id).claim_expires, s.runRow(r)?.claim_expires], [
        clock.now() + 500,
        clock.now() + 500,
      ]);
      equal(lastKind(s, id), "reclaim_deferred");
      equal(d.reclaim(id, r + 1, "stale"), false);
      equal(d.reclaim(id, r, "lease expired"), true);
      deepEqual([s.requireTask(id).status, s.runRow(r)?.status, lastKind(s, id)], [
        "ready",
        "reclaimed",
        "reclaimed",
      ]);
      equal(d.reclaim(id, null, "again"), false, "a ready task has nothing to reclaim");
    },
  },
  {
    name: "dispatch: promoteAll readies waiting tasks whose parents are done",
    run({ store: s }) {
      const d = openDispatch(s);
      const p = mk(s, "p");
      const c = mk(s, "c", { parents: [p] });
      deepEqual([d.promotable(), d.promoteAll()], [[], 0]);
      s.complete(p, {}, PERSON);
      equal(s.requireTask(c).status, "ready", "completing already promotes");
      deepEqual(d.statuses([p, c, "t_00000000"]), new Map([[p, "done"], [c, "ready"]]));
      equal(d.task(c)?.id, c);
      equal(d.task("t_00000000"), null);
    },
  },
  {
    name: "dispatch: a failed outcome inside a transaction that throws leaves the run open",
    run({ store: s }) {
      const d = openDispatch(s);
      const id = mk(s, "t", { assignee: "w" });
      const r = claim(d, id)!.runId;
      let thrown = false;
      try {
        d.tx(() => {
          d.complete(id, r, "out", 0, "w");
          throw new Error("crash after the write");
        });
      } catch {
        thrown = true;
      }
      ok(thrown);
      deepEqual([s.requireTask(id).status, s.runRow(r)?.ended_at], ["running", null]);
    },
  },
];
