/**
 * `hermes kanban migrate`: a SQLite board copied into PostgreSQL and back keeps every task, link,
 * comment, event, run and subscription, ids and order included; a non-empty target is refused.
 */

import { openBoard, prepareStore, SOMEONE, type Store } from "../../lib/store/mod.ts";
import { openDispatch, openNotify } from "../../lib/store/engine.ts";
import { deepEqual, equal, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { createTestDatabase, pgMissing } from "../support/postgres.ts";
import { needing } from "../support/requires.ts";

const missing = await pgMissing();

/** Everything a board holds, as the store's interfaces show it. */
function snapshot(s: Store) {
  const tasks = s.listTasks({ includeArchived: true });
  return {
    tasks,
    details: tasks.map((t) => s.showTask(t.id, 10_000)),
    events: s.events({ afterId: 0, limit: 100_000 }),
    links: s.allLinks(),
    subs: openNotify(s).subscriptions(),
  };
}

Deno.test(needing(missing, {
  name: "migrate copies a SQLite board into PostgreSQL and back with nothing lost",
  async fn() {
    const db = createTestDatabase();
    await using home = await tempHome();
    await using back = await tempHome();
    try {
      await prepareStore(home.path, () => undefined);
      const s = openBoard(home.path, "default", { create: true });
      let before;
      try {
        const a = s.createTask({ title: "a", assignee: "w", body: "b", tenant: "t", skills: ["x"] })
          .task.id;
        const b = s.createTask({ title: "b ✓", parents: [a], priority: 3 }).task.id;
        s.comment(a, "ann", "hello");
        const d = openDispatch(s);
        const r = d.tx(() => d.claim(a, "h:1", 60))!.runId;
        d.recordSpawns([{
          taskId: a,
          runId: r,
          proc: { host: "h", bootId: "b", pidNs: "n", pid: 7, startTicks: 1 },
          logPath: "/l",
          workspace: "/w",
        }]);
        d.complete(a, r, "out", 0, "w");
        openNotify(s).subscribe({
          taskId: b,
          platform: "webhook",
          chatId: "c",
          threadId: "",
          userId: null,
        });
        s.archive(s.createTask({ title: "old" }).task.id);
        s.recordRunSecret(r, a, "ab".repeat(32));
        const later = s.createTask({ title: "later" }).task.id;
        s.perform(later, { op: "schedule", until: 4_000_000_000, reason: "wait" }, SOMEONE);
        before = snapshot(s);
      } finally {
        s.close();
      }
      const to = await hermes(["kanban", "migrate", "--to", db.url, "--json"], { env: home.env });
      equal(to.code, 0, to.stderr);
      const counts = to.json<{ tables: { table: string; source: number; target: number }[] }>();
      ok(counts.tables.every((t) => t.source === t.target), to.stdout);
      equal(counts.tables.find((t) => t.table === "task_runs")?.target, 1);
      equal(counts.tables.find((t) => t.table === "hx_run_secrets")?.target, 1);
      equal(counts.tables.find((t) => t.table === "hx_task_schedule")?.target, 1);

      const again = await hermes(["kanban", "migrate", "--to", db.url], { env: home.env });
      equal(again.code, 1, "a board with tasks is not copied over");
      ok(again.stderr.includes("already has tasks"), again.stderr);

      await prepareStore(back.path, (k) => (k === "HERMES_KANBAN_DB_URL" ? db.url : undefined));
      const p = openBoard(back.path, "default", {});
      try {
        deepEqual(snapshot(p), before, "the PostgreSQL board holds the same");
        const head = p.latestEventId();
        const c = p.createTask({ title: "after" }).task.id;
        ok(p.events({ afterId: head }).some((e) => e.task_id === c), "new ids follow the copied");
      } finally {
        p.close();
      }
      // And back into a SQLite file of a fresh home.
      await using fresh = await tempHome();
      const from = await hermes(["kanban", "migrate", "--from", db.url], { env: fresh.env });
      equal(from.code, 0, from.stderr);
      await prepareStore(fresh.path, () => undefined);
      const l = openBoard(fresh.path, "default", {});
      try {
        const got = snapshot(l);
        equal(got.tasks.length, before.tasks.length + 1);
        deepEqual(
          {
            ...got,
            tasks: got.tasks.filter((t) => t.title !== "after"),
            details: got.details.filter((d) => d.task.title !== "after"),
            events: got.events.slice(0, before.events.length),
          },
          before,
        );
      } finally {
        l.close();
      }
    } finally {
      db.drop();
    }
  },
}));
