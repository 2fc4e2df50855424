/**
 * Eight hermes processes at once on one board — creating, commenting and completing — lose
 * no write, never print "database is locked", and leave a consistent board.
 */

import { deepEqual, doesNotMatch, equal } from "../support/assert.ts";
import { DatabaseSync } from "node:sqlite";
import { type CliResult, hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";

const LANES = 8;
const ROUNDS = 2;

Deno.test("concurrency: 8 processes creating, commenting and completing lose no write", async () => {
  await using home = await tempHome();
  const env = { env: home.env };
  const shared = (await hermes(["kanban", "create", "shared thread", "--json"], env)).json<
    { id: string }
  >().id;
  const runs: CliResult[] = [];
  const run = async (args: string[]) => {
    const r = await hermes(["kanban", ...args], env);
    runs.push(r);
    equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    return r;
  };
  // Each lane is one process at a time, so eight are always running together.
  const lane = async (n: number) => {
    const made: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const tag = `lane ${n} round ${round}`;
      const id =
        (await run(["create", tag, "--assignee", `p${n}`, "--json"])).json<{ id: string }>()
          .id;
      made.push(id);
      await run(["comment", id, `own note from ${tag}`]);
      await run(["comment", shared, `shared note from ${tag}`]);
      await run(["complete", id, "--result", `result of ${tag}`]);
    }
    return made;
  };
  const ids = (await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)))).flat();

  for (const r of runs) doesNotMatch(r.stderr, /locked|busy/i);
  equal(new Set(ids).size, LANES * ROUNDS, "every create got its own id");
  const db = new DatabaseSync(`${home.path}/kanban.db`);
  try {
    const tasks = db.prepare("SELECT id, status, result FROM tasks WHERE id != ? ORDER BY id")
      .all(shared) as { id: string; status: string; result: string }[];
    deepEqual(tasks.map((t) => t.id), [...ids].sort(), "every created task is on the board");
    for (const t of tasks) {
      equal(t.status, "done", t.id);
      equal(t.result.startsWith("result of lane "), true, t.id);
    }
    const sharedNotes = (db.prepare(
      "SELECT body FROM task_comments WHERE task_id = ? ORDER BY id",
    ).all(shared) as { body: string }[]).map((c) => c.body).sort();
    const want: string[] = [];
    for (let n = 0; n < LANES; n++) {
      for (let round = 0; round < ROUNDS; round++) {
        want.push(`shared note from lane ${n} round ${round}`);
      }
    }
    deepEqual(sharedNotes, want.sort(), "every comment on the shared task");
    const own = Number(
      (db.prepare("SELECT COUNT(*) AS n FROM task_comments WHERE task_id != ?").get(shared) as {
        n: number;
      }).n,
    );
    equal(own, LANES * ROUNDS);
    const kinds = Object.fromEntries(
      (db.prepare("SELECT kind, COUNT(*) AS n FROM task_events GROUP BY kind").all() as {
        kind: string;
        n: number;
      }[]).map((r) => [r.kind, Number(r.n)]),
    );
    deepEqual(kinds, {
      created: LANES * ROUNDS + 1,
      commented: 2 * LANES * ROUNDS,
      completed: LANES * ROUNDS,
    });
  } finally {
    db.close();
  }
  equal(snapshot(home.path).integrity, "ok");
});
