import { deepEqual, equal, match, ok } from "node:assert/strict";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { openDb } from "../support/board.ts";
import { PERSON, withBoard } from "../board/fixtures.ts";

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A board with an archived and a live task (scratch dirs for both), old events, old and new logs. */
async function littered(home: string) {
  const ws = `${home}/kanban/workspaces`;
  const logs = `${home}/kanban/logs`;
  const outside = `${home}/elsewhere`;
  const ids = withBoard(home, (s) => {
    const gone = s.createTask({ title: "gone" }).task.id;
    s.archive(gone);
    const live = s.createTask({ title: "live" }).task.id;
    const done = s.createTask({ title: "done" }).task.id;
    s.complete(done, {}, PERSON);
    const foreign =
      s.createTask({ title: "foreign", workspace: { kind: "scratch", path: outside } })
        .task.id;
    s.archive(foreign);
    return { gone, live, done, foreign };
  });
  for (const d of [`${ws}/${ids.gone}`, `${ws}/${ids.live}`, outside]) {
    await Deno.mkdir(d, { recursive: true });
    await Deno.writeTextFile(`${d}/file.txt`, "x");
  }
  await Deno.mkdir(`${logs}/old`, { recursive: true });
  for (
    const f of [
      `${logs}/${ids.gone}.log`,
      `${logs}/old/${ids.done}.log.1`,
      `${logs}/${ids.live}.log`,
    ]
  ) {
    await Deno.writeTextFile(f, "log");
  }
  const longAgo = new Date(Date.now() - 40 * 86_400_000);
  await Deno.utime(`${logs}/${ids.gone}.log`, longAgo, longAgo);
  await Deno.utime(`${logs}/old/${ids.done}.log.1`, longAgo, longAgo);
  const db = openDb(home);
  try {
    // Age the done task's and the live task's events by 40 days.
    db.prepare(
      "UPDATE task_events SET created_at = created_at - 40 * 86400 WHERE task_id IN (?, ?)",
    )
      .run(ids.done, ids.live);
  } finally {
    db.close();
  }
  return { ...ids, ws, logs, outside };
}

function eventCounts(home: string): Record<string, number> {
  const db = openDb(home);
  try {
    const rows = db.prepare("SELECT task_id, COUNT(*) AS n FROM task_events GROUP BY task_id")
      .all() as {
        task_id: string;
        n: number;
      }[];
    return Object.fromEntries(rows.map((r) => [r.task_id, Number(r.n)]));
  } finally {
    db.close();
  }
}

Deno.test("kanban gc --dry-run lists what would go and removes nothing", async () => {
  await using home = await tempHome();
  const b = await littered(home.path);
  const before = eventCounts(home.path);
  const r = await hermes(["kanban", "gc", "--dry-run"], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(
    r.stdout,
    [
      `Would remove workspace ${b.ws}/${b.gone} (${b.gone})`,
      "Would remove 2 events older than 30 days of done/archived tasks",
      `Would remove log ${b.logs}/old/${b.done}.log.1`,
      `Would remove log ${b.logs}/${b.gone}.log`,
      "",
    ].join("\n"),
  );
  ok(exists(`${b.ws}/${b.gone}`));
  ok(exists(`${b.logs}/${b.gone}.log`));
  deepEqual(eventCounts(home.path), before);
});

Deno.test("kanban gc removes archived scratch dirs, old events of finished tasks and old logs", async () => {
  await using home = await tempHome();
  const b = await littered(home.path);
  const r = await hermes(["kanban", "gc", "--json"], { env: home.env });
  equal(r.code, 0, r.stderr);
  deepEqual(r.json(), {
    dry_run: false,
    workspaces: [{ task_id: b.gone, path: `${b.ws}/${b.gone}` }],
    events_removed: 2,
    logs: [`${b.logs}/old/${b.done}.log.1`, `${b.logs}/${b.gone}.log`],
  });
  ok(!exists(`${b.ws}/${b.gone}`));
  ok(exists(`${b.ws}/${b.live}/file.txt`), "a live task's workspace stays");
  ok(exists(`${b.outside}/file.txt`), "nothing outside the board's workspaces dir is touched");
  ok(!exists(`${b.logs}/${b.gone}.log`));
  ok(exists(`${b.logs}/${b.live}.log`), "a recent log stays");
  const counts = eventCounts(home.path);
  equal(counts[b.done], undefined, "old events of a done task are gone");
  equal(counts[b.live], 1, "old events of a live task stay");
  equal(counts[b.gone], 2, "recent events of an archived task stay");
  const again = await hermes(["kanban", "gc"], { env: home.env });
  equal(again.stdout, "Nothing to remove\n");
});

Deno.test("kanban gc honours the retention flags and refuses bad ones", async () => {
  await using home = await tempHome();
  const b = await littered(home.path);
  const r = await hermes(
    ["kanban", "gc", "--event-retention-days", "60", "--log-retention-days", "0", "--json"],
    { env: home.env },
  );
  equal(r.code, 0, r.stderr);
  const j = r.json<{ events_removed: number; logs: string[] }>();
  equal(j.events_removed, 0);
  equal(j.logs.length, 3, "retention 0 removes every log");
  ok(exists(`${b.logs}`));
  for (const bad of [["--event-retention-days", "-1"], ["--log-retention-days", "soon"]]) {
    const e = await hermes(["kanban", "gc", ...bad], { env: home.env });
    equal(e.code, 2, bad.join(" "));
    match(e.stderr, /expected an integer/);
  }
});
