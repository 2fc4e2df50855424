/**
 * Chaos: a 1,000-task run (shell tasks, most instant, some slower, some waiting on
 * others) while the gateway is killed with SIGKILL 20 times at random moments and
 * restarted, and random workers are killed (their whole process group, SIGKILL).
 *
 * At the end every task must be done, by exactly one run that ended done; no task lost;
 * no two runs of one task overlapping in time — judged both from task_runs and from the
 * start/end marks each worker writes to a file of its own, with nanosecond clocks — and
 * `PRAGMA integrity_check` ok. Fixed seed (HERMES_CHAOS_SEED); HERMES_CHAOS_TASKS scales it.
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import { openBoard } from "../../lib/store/mod.ts";
import { openDb } from "../support/board.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { prng } from "../support/prng.ts";
import { type GatewayProc, runGateway } from "../gateway/gateway_support.ts";

const SEED = Number(Deno.env.get("HERMES_CHAOS_SEED") ?? 0xc4a05);
const TASKS = Number(Deno.env.get("HERMES_CHAOS_TASKS") ?? 1000);
const GATEWAY_KILLS = 20;
const WORKER_KILLS = 30;
/** Whole-run deadline; the run itself takes a fraction of it. */
const DEADLINE_MS = 8 * 60_000;

/** A worker's own record of one run: start and end, nanoseconds of the wall clock. */
interface Marks {
  start: bigint;
  end: bigint | null;
}

/** Read `<marks>/<task>`: lines `s <run> <ns>` and `e <run> <ns>`, by run id. */
function readMarks(path: string): Map<number, Marks> {
  const out = new Map<number, Marks>();
  let text = "";
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    return out;
  }
  for (const line of text.trim().split("\n")) {
    const [kind, run, ns] = line.split(" ");
    const id = Number(run);
    if (kind === "s") {
      ok(!out.has(id), `${path}: run ${id} started twice`);
      out.set(id, { start: BigInt(ns), end: null });
    } else {
      const m = out.get(id);
      ok(m && m.end === null, `${path}: run ${id} ended without starting, or twice`);
      m.end = BigInt(ns);
    }
  }
  return out;
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test({
  name: "chaos: 1,000 tasks through 20 gateway SIGKILLs and killed workers end done, once, intact",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rand = prng(SEED);
    await using home = await tempHome();
    const marks = `${home.path}/marks`;
    await Deno.mkdir(marks);
    // A gateway killed between claiming a task and recording its worker leaves a claim
    // with no process to check; it is reclaimed when the lease expires (and the task runs
    // again, after the first worker finished): a short lease keeps the run short.
    Deno.writeTextFileSync(
      `${home.path}/config.yaml`,
      [
        "kanban:",
        "  max_workers: 8",
        "  failure_limit: 1000",
        "  claim_ttl_seconds: 20",
        "  kill_grace_seconds: 1",
        "  dispatch_interval_seconds: 1",
        "",
      ].join("\n"),
    );

    // The DAG: 90 % instant tasks, 10 % sleeping 0.1–0.8 s; a fifth wait on earlier ones.
    const ids: string[] = [];
    const store = openBoard(home.path, "default", { create: true });
    try {
      for (let i = 0; i < TASKS; i++) {
        const work = rand() < 0.1 ? `sleep 0.${1 + Math.floor(rand() * 8)}` : ":";
        const body = `M="${marks}/$HERMES_KANBAN_TASK"; ` +
          `echo "s $HERMES_KANBAN_RUN_ID $(date +%s%N)" >> "$M"; ${work}; ` +
          `echo "e $HERMES_KANBAN_RUN_ID $(date +%s%N)" >> "$M"`;
        const parents = i > 10 && rand() < 0.2
          ? [...new Set([ids[Math.floor(rand() * i)], ids[Math.floor(rand() * i)]])]
          : [];
        ids.push(
          store.createTask({ title: `chaos ${i}`, assignee: "shell", body, parents }).task.id,
        );
      }
    } finally {
      store.close();
    }

    const db = openDb(home.path);
    const done = () =>
      Number(
        (db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE status = 'done'").get() as {
          n: number;
        }).n,
      );
    const killedRuns = new Map<number, bigint>();
    const deadline = Date.now() + DEADLINE_MS;
    const workerKillAt = Array.from({ length: WORKER_KILLS }, () => 0.02 + rand() * 0.9)
      .sort((a, b) => a - b);
    // Kill the group of a random running worker whenever the run passes a kill point.
    const killWorkers = (upTo: number): void => {
      while (workerKillAt.length && workerKillAt[0] * TASKS <= Math.min(upTo, done())) {
        workerKillAt.shift();
        const rows = db.prepare(
          `SELECT r.id AS run, p.pid AS pid FROM task_runs r
           JOIN hx_run_procs p ON p.run_id = r.id
           WHERE r.status = 'running' AND p.exit_code IS NULL AND p.pid IS NOT NULL`,
        ).all() as { run: number; pid: number }[];
        if (rows.length === 0) continue;
        const victim = rows[Math.floor(rand() * rows.length)];
        try {
          Deno.kill(-victim.pid, "SIGKILL");
          killedRuns.set(victim.run, nowNs());
        } catch { /* it ended meanwhile */ }
      }
    };

    let gw: GatewayProc | null = null;
    let gatewayKills = 0;
    try {
      // Kill points: fractions of the work done, spread over the run, in order; a few
      // land during a gateway's start-up instead.
      const points = Array.from({ length: GATEWAY_KILLS }, () => 0.02 + rand() * 0.88)
        .sort((a, b) => a - b);
      gw = await runGateway(home, ["--no-dashboard"]);
      while (gatewayKills < GATEWAY_KILLS) {
        ok(Date.now() < deadline, `deadline passed at ${done()}/${TASKS} done`);
        const inStartup = rand() < 0.2;
        if (inStartup) {
          await sleep(20 + rand() * 300);
        } else {
          const target = Math.floor(points[gatewayKills] * TASKS);
          while (done() < target) {
            ok(Date.now() < deadline, `stuck at ${done()}/${TASKS} done`);
            killWorkers(target);
            await sleep(25);
          }
          await sleep(rand() * 200);
        }
        gw.kill("SIGKILL");
        await gw.status;
        gatewayKills++;
        gw = await runGateway(home, ["--no-dashboard"], { waitReady: false });
      }
      await waitFor(() => {
        killWorkers(TASKS);
        return done() === TASKS;
      }, { timeoutMs: Math.max(1, deadline - Date.now()), intervalMs: 100, what: "all done" })
        .catch((e) => {
          throw new Error(`${e.message} (${done()}/${TASKS}); last gateway log:\n${gw?.stderr()}`);
        });
      gw.kill("SIGTERM");
      equal((await gw.status).code, 0, gw.stderr());
      gw = null;
    } finally {
      gw?.kill("SIGKILL");
      await gw?.status;
    }

    // ---- verdict ----
    equal(gatewayKills, GATEWAY_KILLS);
    const statuses = db.prepare("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status").all();
    deepEqual(statuses.map((r) => ({ ...r })), [{ status: "done", n: TASKS }], "every task done");
    const runs = db.prepare(
      "SELECT id, task_id, status, started_at, ended_at FROM task_runs ORDER BY task_id, id",
    ).all() as {
      id: number;
      task_id: string;
      status: string;
      started_at: number;
      ended_at: number;
    }[];
    const byTask = new Map<string, typeof runs>();
    for (const r of runs) byTask.set(r.task_id, [...byTask.get(r.task_id) ?? [], r]);
    let reruns = 0;
    let markedOverlaps = 0;
    /** Runs whose worker finished its work (end mark) and yet the task ran again. */
    let repeated = 0;
    for (const id of ids) {
      const list = byTask.get(id) ?? [];
      ok(list.length >= 1, `${id} has runs`);
      const doneRuns = list.filter((r) => r.status === "done");
      equal(doneRuns.length, 1, `${id}: exactly one run ended done`);
      equal(list.at(-1)!.status, "done", `${id}: the done run is the last`);
      reruns += list.length - 1;
      for (let i = 1; i < list.length; i++) {
        ok(list[i - 1].ended_at !== null, `${id}: run ${list[i - 1].id} closed`);
        ok(
          list[i - 1].ended_at <= list[i].started_at,
          `${id}: run ${list[i - 1].id} ended after run ${list[i].id} started`,
        );
      }
      // The workers' own clocks: sort by start; each must end before the next starts.
      const m = readMarks(`${marks}/${id}`);
      const runIds = new Set(list.map((r) => r.id));
      for (const run of m.keys()) ok(runIds.has(run), `${id}: marks of unknown run ${run}`);
      ok(m.has(doneRuns[0].id) && m.get(doneRuns[0].id)!.end !== null, `${id}: done run finished`);
      const spans = [...m.entries()].map(([run, s]) => ({
        run,
        start: s.start,
        end: s.end ?? killedRuns.get(run) ?? null,
      })).sort((a, b) => (a.start < b.start ? -1 : 1));
      repeated += spans.filter((x) =>
        x.run !== doneRuns[0].id && m.get(x.run)!.end !== null
      ).length;
      for (let i = 1; i < spans.length; i++) {
        const prev = spans[i - 1];
        ok(prev.end !== null, `${id}: run ${prev.run} neither finished nor was killed by us`);
        if (prev.end > spans[i].start) markedOverlaps++;
        ok(
          prev.end <= spans[i].start,
          `${id}: run ${prev.run} (ended ${prev.end}) overlaps run ${spans[i].run} (started ${
            spans[i].start
          })`,
        );
      }
    }
    equal(markedOverlaps, 0);
    const completed = Number(
      (db.prepare(
        "SELECT COUNT(DISTINCT task_id) AS n FROM task_events WHERE kind = 'completed'",
      ).get() as { n: number }).n,
    );
    equal(completed, TASKS, "a completed event for every task");
    const integrity = db.prepare("PRAGMA integrity_check").get() as Record<string, unknown>;
    equal(integrity.integrity_check, "ok");
    db.close();
    const ends: Record<string, number> = {};
    for (const r of runs) if (r.status !== "done") ends[r.status] = (ends[r.status] ?? 0) + 1;
    console.log(
      `chaos: ${TASKS} tasks done; ${gatewayKills} gateway kills; ${killedRuns.size} workers killed; ` +
        `${reruns} extra runs ${JSON.stringify(ends)}; ${repeated} finished runs repeated`,
    );
  },
});
