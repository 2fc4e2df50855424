/**
 * Hermes v0.18 compatibility: a board as Hermes v0.18.2 leaves it (fixtures/
 * hermes_v0_18_board.sql, written by us from its columns) opens in our CLI, which reads every
 * status and block kind as Hermes means them, acts on them (list, show, stats, unblock, the
 * unblock-loop breaker, schedule and its release, review dispatch), and leaves a board whose
 * every row still passes Hermes's constraints, checked with plain SQL, with the columns we do
 * not use untouched and Hermes's board files left as they were.
 */

import { DatabaseSync } from "node:sqlite";
import { deepEqual, equal, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";

const FIXTURE = new URL("./fixtures/hermes_v0_18_board.sql", import.meta.url);

/** Hermes v0.18's vocabularies (kanban_db.VALID_*), restated for the checks. */
const HERMES = {
  statuses: [
    "triage",
    "todo",
    "scheduled",
    "ready",
    "running",
    "blocked",
    "review",
    "done",
    "archived",
  ],
  blockKinds: ["dependency", "needs_input", "capability", "transient"],
  workspaceKinds: ["scratch", "worktree", "dir"],
};

/** The columns of the fixture's tables as Hermes declares them (name, type, not null, default). */
function declared(db: DatabaseSync): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (
    const t of [
      "tasks",
      "task_links",
      "task_comments",
      "task_events",
      "task_runs",
      "task_attachments",
      "kanban_notify_subs",
    ]
  ) {
    const cols = db.prepare(`PRAGMA table_info(${t})`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    out.set(t, cols.map((c) => `${c.name} ${c.type} ${c.notnull} ${c.dflt_value} ${c.pk}`));
  }
  return out;
}

/** Rows of a query, as plain objects. */
function rows(db: DatabaseSync, sql: string, ...params: (string | number)[]) {
  return (db.prepare(sql).all(...params) as Record<string, unknown>[]).map((r) => ({ ...r }));
}

/** Columns Hermes has and we never write, per task, as the fixture set them. */
const UNTOUCHED = "id, title, body, priority, created_by, created_at, workspace_kind, " +
  "branch_name, project_id, tenant, skills, model_override, goal_mode, goal_max_turns, " +
  "session_id, workflow_template_id, current_step_key, max_retries, idempotency_key";

/** Every constraint Hermes's code relies on, as SQL that returns the rows breaking it. */
const CHECKS: Record<string, string> = {
  "a status Hermes knows": `SELECT id, status FROM tasks WHERE status NOT IN (${
    HERMES.statuses.map((s) => `'${s}'`).join(", ")
  })`,
  "a block kind Hermes knows, or none": `SELECT id, block_kind FROM tasks
    WHERE block_kind IS NOT NULL AND block_kind NOT IN (${
    HERMES.blockKinds.map((s) => `'${s}'`).join(", ")
  })`,
  "a workspace kind Hermes knows": `SELECT id FROM tasks WHERE workspace_kind NOT IN (${
    HERMES.workspaceKinds.map((s) => `'${s}'`).join(", ")
  })`,
  "integer counters, never null": `SELECT id FROM tasks WHERE
    typeof(block_recurrences) != 'integer' OR block_recurrences < 0
    OR typeof(consecutive_failures) != 'integer' OR typeof(goal_mode) != 'integer'`,
  "a lock only while running": `SELECT id FROM tasks
    WHERE (status = 'running') != (claim_lock IS NOT NULL)`,
  "a running task points at its open run": `SELECT t.id FROM tasks t
    LEFT JOIN task_runs r ON r.id = t.current_run_id
    WHERE t.status = 'running' AND (r.id IS NULL OR r.ended_at IS NOT NULL)`,
  "no other task holds a run": `SELECT id FROM tasks
    WHERE status != 'running' AND current_run_id IS NOT NULL`,
  "an open run has no outcome, an ended one has": `SELECT id FROM task_runs
    WHERE (ended_at IS NULL) != (outcome IS NULL)`,
  "every open run is a running task's": `SELECT r.id FROM task_runs r
    WHERE r.ended_at IS NULL AND NOT EXISTS
      (SELECT 1 FROM tasks t WHERE t.current_run_id = r.id AND t.status = 'running')`,
  "payloads are JSON objects": `SELECT id FROM task_events WHERE payload IS NOT NULL
    AND (json_valid(payload) = 0 OR json_type(payload) != 'object')`,
  "skills and metadata are JSON": `SELECT id FROM tasks WHERE skills IS NOT NULL AND
    json_valid(skills) = 0 UNION ALL SELECT id FROM task_runs WHERE metadata IS NOT NULL
    AND json_valid(metadata) = 0`,
  "events and runs name a task": `SELECT id FROM task_events
    WHERE task_id NOT IN (SELECT id FROM tasks) UNION ALL SELECT id FROM task_runs
    WHERE task_id NOT IN (SELECT id FROM tasks)`,
  "an event's run is the task's": `SELECT e.id FROM task_events e JOIN task_runs r
    ON r.id = e.run_id WHERE r.task_id != e.task_id`,
  "a done task has its time": `SELECT id FROM tasks
    WHERE status = 'done' AND completed_at IS NULL`,
  "a done task forgot its block loop": `SELECT id FROM tasks WHERE status = 'done'
    AND (block_kind IS NOT NULL OR block_recurrences != 0)`,
};

Deno.test("hermes v0.18 compat: a Hermes board's new statuses and block kinds are read, acted on and written back valid", async () => {
  await using home = await tempHome();
  const o = { env: home.env };
  const path = `${home.path}/kanban.db`;
  const fixture = new DatabaseSync(path);
  fixture.exec(await Deno.readTextFile(FIXTURE));
  const hermesColumns = declared(fixture);
  const untouchedBefore = rows(fixture, `SELECT ${UNTOUCHED} FROM tasks ORDER BY id`);
  const attachmentsBefore = rows(fixture, "SELECT * FROM task_attachments ORDER BY id");
  const subsBefore = rows(fixture, "SELECT * FROM kanban_notify_subs");
  fixture.close();
  // Hermes's board files: the default board's metadata and the current-board file.
  const meta = `${home.path}/kanban/boards/default/board.json`;
  const current = `${home.path}/kanban/current`;
  await Deno.mkdir(`${home.path}/kanban/boards/default`, { recursive: true });
  const metaText = JSON.stringify(
    {
      slug: "default",
      name: "Default",
      description: "the team board",
      icon: "📋",
      color: "#14b8a6",
      default_workdir: "/srv/work",
      archived: false,
      created_at: 1780000000,
    },
    null,
    2,
  ) + "\n";
  await Deno.writeTextFile(meta, metaText);
  await Deno.writeTextFile(current, "default\n");

  // ---- reads: every status counted as itself, none as triage ----
  const stats = await hermes(["kanban", "stats", "--json"], o);
  equal(stats.code, 0, stats.stderr);
  deepEqual(stats.json<{ by_status: Record<string, number> }>().by_status, {
    triage: 2,
    todo: 2,
    scheduled: 2,
    ready: 1,
    running: 1,
    blocked: 3,
    review: 1,
    done: 1,
    archived: 1,
  });
  const listed = async (status: string) =>
    (await hermes(["kanban", "list", "--status", status, "--json"], o)).json<{ id: string }[]>()
      .map((t) => t.id).sort();
  deepEqual(await listed("scheduled"), ["t_a0000003", "t_a000000e"]);
  deepEqual(await listed("review"), ["t_a000000b"]);
  deepEqual(await listed("blocked"), ["t_a0000006", "t_a0000007", "t_a0000008"]);
  const show = async (id: string) => {
    const r = await hermes(["kanban", "show", id, "--json"], o);
    equal(r.code, 0, r.stderr);
    return r.json<{
      task: { status: string; block_kind: string | null; block_recurrences: number };
      scheduled_until: number | null;
      events: { kind: string }[];
    }>();
  };
  const blocked = await show("t_a0000006");
  deepEqual([blocked.task.block_kind, blocked.task.block_recurrences], ["needs_input", 1]);
  const looped = await show("t_a0000009");
  deepEqual([looped.task.status, looped.task.block_kind, looped.task.block_recurrences], [
    "triage",
    "capability",
    2,
  ]);
  deepEqual((await show("t_a0000003")).scheduled_until, null, "Hermes keeps no time");

  // ---- acts ----
  // Hermes's scheduled task (no time) is released by unblock.
  const u = await hermes(["kanban", "unblock", "t_a000000e", "--reason", "holidays are over"], o);
  equal(u.code, 0, u.stderr);
  equal((await show("t_a000000e")).task.status, "ready");
  // The loop breaker goes on from Hermes's count: unblocked, then blocked again for the same
  // reason, the task goes to triage.
  equal((await hermes(["kanban", "unblock", "t_a0000006"], o)).code, 0);
  const again = await hermes(["kanban", "block", "t_a0000006", "--kind", "needs_input", "x"], o);
  equal(again.stdout.includes("→ triage (unblock loop detected"), true, again.stdout);
  // A dependency wait becomes ready when its parent is done (reclaimed, then completed here).
  equal((await hermes(["kanban", "reclaim", "t_a0000005", "--reason", "moving on"], o)).code, 0);
  equal((await hermes(["kanban", "complete", "t_a0000005", "--result", "found"], o)).code, 0);
  equal((await show("t_a000000a")).task.status, "ready");
  // Our time on Hermes's scheduled task: it becomes ready at that time and is dispatched.
  const due = Math.floor(Date.now() / 1000) + 2;
  const s = await hermes(
    ["kanban", "schedule", "t_a0000003", "--at", new Date(due * 1000).toISOString(), "audit"],
    o,
  );
  equal(s.code, 0, s.stderr);
  equal((await show("t_a0000003")).scheduled_until, due);
  await waitFor(() => Date.now() >= due * 1000, { what: "the scheduled time" });
  const d = await hermes(
    ["kanban", "dispatch", "--task", "t_a0000003", "--until-idle", "--json"],
    o,
  );
  equal(d.code, 0, d.stdout + d.stderr);
  equal((await show("t_a0000003")).task.status, "done");
  ok(
    (await show("t_a0000003")).events.some((e) => e.kind === "schedule_due"),
    "released by its time",
  );
  // The task in review is dispatched to its reviewer, whose exit 0 approves it.
  const r = await hermes(["kanban", "dispatch", "--task", "t_a000000b", "--until-idle"], o);
  equal(r.code, 0, r.stdout + r.stderr);
  equal((await show("t_a000000b")).task.status, "done");

  // ---- written back: Hermes's constraints hold on every row ----
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    equal(String(Object.values(db.prepare("PRAGMA integrity_check").get()!)[0]), "ok");
    for (const [name, sql] of Object.entries(CHECKS)) deepEqual(rows(db, sql), [], name);
    // Hermes's columns are all there, as Hermes declares them (ours may add none to them).
    const now = declared(db);
    for (const [table, cols] of hermesColumns) {
      for (const c of cols) ok(now.get(table)!.includes(c), `${table}: ${c}`);
    }
    deepEqual(rows(db, `SELECT ${UNTOUCHED} FROM tasks WHERE id LIKE 't_a%' ORDER BY id`), [
      ...untouchedBefore,
    ]);
    deepEqual(rows(db, "SELECT * FROM task_attachments ORDER BY id"), attachmentsBefore);
    deepEqual(rows(db, "SELECT * FROM kanban_notify_subs"), subsBefore);
    // Reading rows as Hermes's code does: the claimed event of a review names its source.
    const claimed = rows(
      db,
      `SELECT json_extract(payload, '$.source_status') AS src, run_id FROM task_events
       WHERE task_id = 't_a000000b' AND kind = 'claimed'`,
    );
    deepEqual(claimed.map((c) => c.src), ["review"]);
    deepEqual(
      rows(
        db,
        `SELECT status, outcome, profile FROM task_runs WHERE task_id = 't_a000000b'
         ORDER BY id`,
      ),
      [
        { status: "done", outcome: "completed", profile: "coder" },
        { status: "done", outcome: "completed", profile: "shell" },
      ],
    );
    deepEqual(
      rows(db, "SELECT status, block_kind, block_recurrences FROM tasks WHERE id = 't_a0000006'"),
      [{ status: "triage", block_kind: "needs_input", block_recurrences: 2 }],
    );
  } finally {
    db.close();
  }
  equal(await Deno.readTextFile(meta), metaText, "Hermes's board.json left as it was");
  equal(await Deno.readTextFile(current), "default\n", "Hermes's current-board file too");
});
