/**
 * Chaos: a 1,000-task run (shell tasks, most instant, some slower, some waiting on
 * others) while the gateway is killed with SIGKILL 20 times at random moments and
 * restarted, and random workers are killed (their whole process group, SIGKILL).
 *
 * At the end every task must be done, by exactly one run that ended done; no task lost;
 * no two runs of one task overlapping in time — judged both from task_runs and from the
 * start/end marks each worker writes to a file of its own, with nanosecond clocks — and
 * `PRAGMA integrity_check` ok. And the chaos must have happened: every gateway kill landed
 * on a live gateway, and at least MIN_WORKER_KILLS worker kills on a worker in the middle of
 * its work (it never wrote its end mark). Fixed seed (HERMES_CHAOS_SEED); HERMES_CHAOS_TASKS
 * scales it.
 */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { openDb } from "../support/board.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { prng } from "../support/prng.ts";
import { type GatewayProc, readStateFile, runGateway } from "../gateway/gateway_support.ts";

const SEED = Number(Deno.env.get("HERMES_CHAOS_SEED") ?? 0xc4a05);
const TASKS = Number(Deno.env.get("HERMES_CHAOS_TASKS") ?? 1000);
const GATEWAY_KILLS = 20;
const WORKER_KILLS = 30;
/**
 * Worker kills that must cut a worker short. A kill point waits for a sleeping worker that
 * has started its work and not finished it, so all of them should; the margin covers one
 * that writes its end mark between our look at its marks and the signal.
 */
const MIN_WORKER_KILLS = WORKER_KILLS - 3;
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
    /** The sleeping tasks: a worker of one can be caught in the middle of its work. */
    const slow = new Set<string>();
    const store = openBoard(home.path, "default", { create: true });
    try {
      for (let i = 0; i < TASKS; i++) {
        const sleeps = rand() < 0.1;
        const work = sleeps ? `sleep 0.${1 + Math.floor(rand() * 8)}` : ":";
        const body = `M="${marks}/$HERMES_KANBAN_TASK"; ` +
          `echo "s $HERMES_KANBAN_RUN_ID $(date +%s%N)" >> "$M"; ${work}; ` +
          `echo "e $HERMES_KANBAN_RUN_ID $(date +%s%N)" >> "$M"`;
        const parents = i > 10 && rand() < 0.2
          ? [...new Set([ids[Math.floor(rand() * i)], ids[Math.floor(rand() * i)]])]
          : [];
        const id = store.createTask({ title: `chaos ${i}`, assignee: "shell", body, parents })
          .task.id;
        ids.push(id);
        if (sleeps) slow.add(id);
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
    /** Runs whose worker group we sent SIGKILL: when, and the task (for its marks). */
    const killedRuns = new Map<number, { at: bigint; task: string }>();
    const deadline = Date.now() + DEADLINE_MS;
    const workerKillAt = Array.from({ length: WORKER_KILLS }, () => 0.02 + rand() * 0.9)
      .sort((a, b) => a - b);
    // Once the run passes a kill point, kill the group of a random sleeping worker in the
    // middle of its work (start mark, no end mark; an instant one would finish between the
    // look and the kill). The point stays due until such a kill lands: none running now, or
    // the victim gone before the signal (ESRCH), uses nothing up.
    const killWorkers = (upTo: number): void => {
      if (!workerKillAt.length || workerKillAt[0] * TASKS > Math.min(upTo, done())) return;
      const rows = db.prepare(
        `SELECT r.id AS run, r.task_id AS task, p.pid AS pid FROM task_runs r
         JOIN hx_run_procs p ON p.run_id = r.id
         WHERE r.status = 'running' AND p.exit_code IS NULL AND p.pid IS NOT NULL`,
      ).all() as { run: number; task: string; pid: number }[];
      const busy = rows.filter((r) => {
        if (killedRuns.has(r.run) || !slow.has(r.task)) return false;
        const m = readMarks(`${marks}/${r.task}`).get(r.run);
        return m !== undefined && m.end === null;
      });
      if (busy.length === 0) return;
      const victim = busy[Math.floor(rand() * busy.length)];
      try {
        Deno.kill(-victim.pid, "SIGKILL");
      } catch {
        return; // it ended meanwhile
      }
      killedRuns.set(victim.run, { at: nowNs(), task: victim.task });
      workerKillAt.shift();
    };

    let gw: GatewayProc | null = null;
    let gatewayKills = 0;
    /** Gateway kills that found it alive: it died of our SIGKILL, not of something else. */
    let liveGatewayKills = 0;
    const ownExits: string[] = [];
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
          // Mid-run kills land on a gateway that is up and dispatching.
          const pid = gw.pid;
          await waitFor(() => {
            const st = readStateFile(home.path);
            return st?.pid === pid && st.phase === "ready";
          }, { timeoutMs: Math.max(1, deadline - Date.now()), what: "gateway ready" });
          await sleep(rand() * 200);
        }
        gw.kill("SIGKILL");
        const st = await gw.status;
        gatewayKills++;
        if (st.signal === "SIGKILL") liveGatewayKills++;
        else ownExits.push(`exit ${st.code}: ${gw.stderr().slice(-2000)}`);
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
    equal(liveGatewayKills, GATEWAY_KILLS, `gateways that ended on their own:\n${ownExits}`);
    const cutShort = [...killedRuns].filter(([run, k]) =>
      readMarks(`${marks}/${k.task}`).get(run)?.end === null
    ).length;
    ok(
      cutShort >= MIN_WORKER_KILLS,
      `${cutShort} of ${killedRuns.size} worker kills cut a worker short ` +
        `(${workerKillAt.length} kill points never found one); want ${MIN_WORKER_KILLS}`,
    );
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
        end: s.end ?? killedRuns.get(run)?.at ?? null,
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
      `chaos: ${TASKS} tasks done; ${liveGatewayKills} gateway kills; ${cutShort} workers ` +
        `killed mid-work (of ${killedRuns.size} kills); ` +
        `${reruns} extra runs ${JSON.stringify(ends)}; ${repeated} finished runs repeated`,
    );
  },
});
