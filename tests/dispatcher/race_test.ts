/** Four `dispatch --until-idle` processes racing on one board: no task runs twice. */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { baseEnv, hermesArgv } from "../support/cli.ts";
import { openDb } from "../support/board.ts";
import { tempHome } from "../support/home.ts";

const TASKS = 2000;
const DISPATCHERS = 4;

Deno.test("four racing dispatchers run each of 2,000 tasks exactly once", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  max_workers: 16\n");
  const store = openBoard(home.path, "default", { create: true });
  store.tx(() => {
    for (let i = 0; i < TASKS; i++) {
      store.createTask({ title: `t${i}`, assignee: "shell", body: "true" });
    }
  });
  store.close();

  const procs = Array.from({ length: DISPATCHERS }, () =>
    new Deno.Command(Deno.execPath(), {
      args: hermesArgv(["kanban", "dispatch", "--until-idle", "--json"]),
      env: { ...baseEnv(), ...home.env },
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn());
  const outs = await Promise.all(procs.map((p) => p.output()));
  const dec = new TextDecoder();
  for (const o of outs) equal(o.code, 0, dec.decode(o.stderr));
  const done = outs.map((o) =>
    (JSON.parse(dec.decode(o.stdout)) as { finished: { done: string[] } }).finished.done.length
  );
  equal(
    done.reduce((a, b) => a + b, 0),
    TASKS,
    "every task counted once by the process that ran it",
  );

  const db = openDb(home.path);
  try {
    const byStatus = db.prepare("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status").all();
    deepEqual(byStatus.map((r) => ({ ...r })), [{ status: "done", n: TASKS }]);
    const runs = db.prepare(
      "SELECT task_id, COUNT(*) AS n, SUM(status = 'done') AS ok FROM task_runs GROUP BY task_id",
    ).all() as { n: number; ok: number }[];
    equal(runs.length, TASKS);
    ok(
      runs.every((r) => Number(r.n) === 1 && Number(r.ok) === 1),
      "exactly one run per task, and it succeeded",
    );
    const claimers = db.prepare(
      "SELECT COUNT(DISTINCT json_extract(payload, '$.lock')) AS n FROM task_events WHERE kind = 'claimed'",
    ).get() as { n: number };
    ok(Number(claimers.n) >= 2, "more than one dispatcher took part");
  } finally {
    db.close();
  }
});
