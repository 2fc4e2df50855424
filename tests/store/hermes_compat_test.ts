/**
 * Hermes compatibility, both ways. Boards written with Hermes's DDL at three ages (before its
 * first migration, v0.13, a current release) open in our CLI as they are and migrate
 * additively; a board we create has every table, column and index Hermes's code expects, and
 * rows Hermes writes into it read back through our CLI.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { DatabaseSync } from "node:sqlite";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";

// ---- Hermes's DDL ----

/** Base task columns, present since the first Hermes board. */
const TASK_BASE = `
  id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT, assignee TEXT, status TEXT NOT NULL,
  priority INTEGER DEFAULT 0, created_by TEXT, created_at INTEGER NOT NULL, started_at INTEGER,
  completed_at INTEGER, workspace_kind TEXT NOT NULL DEFAULT 'scratch', workspace_path TEXT,
  claim_lock TEXT, claim_expires INTEGER`;

/** Columns Hermes v0.13 has, which its migration adds to older boards. */
const TASK_B = `,
  tenant TEXT, result TEXT, idempotency_key TEXT, spawn_failures INTEGER NOT NULL DEFAULT 0,
  worker_pid INTEGER, last_spawn_error TEXT, max_runtime_seconds INTEGER,
  last_heartbeat_at INTEGER, current_run_id INTEGER, workflow_template_id TEXT,
  current_step_key TEXT, skills TEXT`;

/** Columns later Hermes releases added. */
const TASK_L = `,
  consecutive_failures INTEGER NOT NULL DEFAULT 0, last_failure_error TEXT, max_retries INTEGER,
  branch_name TEXT, project_id TEXT, model_override TEXT, goal_mode TEXT, goal_max_turns INTEGER,
  session_id TEXT, block_kind TEXT, block_recurrences INTEGER NOT NULL DEFAULT 0`;

const LINKS = "CREATE TABLE task_links (parent_id TEXT NOT NULL, child_id TEXT NOT NULL, " +
  "PRIMARY KEY (parent_id, child_id));";
const COMMENTS = "CREATE TABLE task_comments (id INTEGER PRIMARY KEY AUTOINCREMENT, " +
  "task_id TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);";
const RUNS = `CREATE TABLE task_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
  profile TEXT, step_key TEXT, status TEXT NOT NULL, claim_lock TEXT, claim_expires INTEGER,
  worker_pid INTEGER, max_runtime_seconds INTEGER, last_heartbeat_at INTEGER,
  started_at INTEGER NOT NULL, ended_at INTEGER, outcome TEXT, summary TEXT, metadata TEXT,
  error TEXT);`;
const NOTIFY = (extra: string) =>
  `CREATE TABLE kanban_notify_subs (task_id TEXT NOT NULL, platform TEXT NOT NULL,
  chat_id TEXT NOT NULL, thread_id TEXT NOT NULL DEFAULT '', user_id TEXT,
  created_at INTEGER NOT NULL, last_event_id INTEGER NOT NULL DEFAULT 0${extra},
  PRIMARY KEY (task_id, platform, chat_id, thread_id));`;
const INDEXES = `
  CREATE INDEX idx_tasks_assignee_status ON tasks(assignee, status);
  CREATE INDEX idx_tasks_status ON tasks(status);
  CREATE INDEX idx_tasks_tenant ON tasks(tenant);
  CREATE INDEX idx_tasks_idempotency ON tasks(idempotency_key);
  CREATE INDEX idx_links_child ON task_links(child_id);
  CREATE INDEX idx_links_parent ON task_links(parent_id);
  CREATE INDEX idx_comments_task ON task_comments(task_id, created_at);
  CREATE INDEX idx_events_task ON task_events(task_id, created_at);
  CREATE INDEX idx_events_run ON task_events(run_id, id);
  CREATE INDEX idx_runs_task ON task_runs(task_id, started_at);
  CREATE INDEX idx_runs_status ON task_runs(status);
  CREATE INDEX idx_notify_task ON kanban_notify_subs(task_id);`;

/** The three ages of a Hermes board. */
const AGES = {
  /** Before Hermes's migration: none of the v0.13 columns, no run_id on events, no runs table. */
  legacy: `
    CREATE TABLE tasks (${TASK_BASE});
    ${LINKS} ${COMMENTS}
    CREATE TABLE task_events (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
      kind TEXT NOT NULL, payload TEXT, created_at INTEGER NOT NULL);
    CREATE INDEX idx_tasks_status ON tasks(status);`,
  /** Hermes v0.13: spawn_failures/last_spawn_error, runs, notify subscriptions. */
  b: `
    CREATE TABLE tasks (${TASK_BASE}${TASK_B});
    ${LINKS} ${COMMENTS}
    CREATE TABLE task_events (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
      run_id INTEGER, kind TEXT NOT NULL, payload TEXT, created_at INTEGER NOT NULL);
    ${RUNS} ${NOTIFY("")} ${INDEXES}`,
  /** A current Hermes: renamed failure counter, retries, and columns we do not use. */
  current: `
    CREATE TABLE tasks (${TASK_BASE}${TASK_B}${TASK_L});
    ${LINKS} ${COMMENTS}
    CREATE TABLE task_events (id INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
      run_id INTEGER, kind TEXT NOT NULL, payload TEXT, created_at INTEGER NOT NULL);
    ${RUNS} ${NOTIFY(", notifier_profile TEXT")} ${INDEXES}`,
} as const;

type Age = keyof typeof AGES;

const T0 = 1_780_000_000;
const IDS = {
  parent: "t_0000000a",
  child: "t_0000000b",
  running: "t_0000000c",
  failing: "t_0000000d",
  blocked: "t_0000000e",
};

/** A Hermes board of `age` at `<home>/kanban.db`, filled the way Hermes fills it. */
function writeHermesBoard(home: string, age: Age): void {
  const db = new DatabaseSync(`${home}/kanban.db`);
  try {
    db.exec(AGES[age]);
    const insertTask = db.prepare(
      `INSERT INTO tasks (id, title, body, assignee, status, priority, created_by, created_at,
         started_at, claim_lock, claim_expires) VALUES (?, ?, ?, ?, ?, ?, 'user', ?, ?, ?, ?)`,
    );
    insertTask.run(
      IDS.parent,
      "write the spec",
      "in markdown",
      "writer",
      "ready",
      2,
      T0,
      null,
      null,
      null,
    );
    insertTask.run(IDS.child, "build it", null, "coder", "todo", 1, T0 + 1, null, null, null);
    insertTask.run(
      IDS.running,
      "research options",
      null,
      "researcher",
      "running",
      0,
      T0 + 2,
      T0 + 10,
      "host:4242",
      T0 + 900,
    );
    insertTask.run(IDS.failing, "flaky job", null, "shell", "ready", 0, T0 + 3, null, null, null);
    insertTask.run(
      IDS.blocked,
      "needs input",
      null,
      "writer",
      "blocked",
      5,
      T0 + 4,
      null,
      null,
      null,
    );
    db.prepare("INSERT INTO task_links (parent_id, child_id) VALUES (?, ?)").run(
      IDS.parent,
      IDS.child,
    );
    const comment = db.prepare(
      "INSERT INTO task_comments (task_id, author, body, created_at) VALUES (?, ?, ?, ?)",
    );
    comment.run(IDS.parent, "alice", "keep it short", T0 + 5);
    comment.run(IDS.blocked, "writer", "BLOCKED: which format?", T0 + 6);
    const event = db.prepare(
      "INSERT INTO task_events (task_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
    );
    for (
      const [id, kind, payload, at] of [
        [IDS.parent, "created", '{"assignee":"writer","status":"ready"}', T0],
        [IDS.child, "created", '{"assignee":"coder","status":"todo"}', T0 + 1],
        [IDS.parent, "ready", null, T0 + 2],
        [IDS.parent, "priority", '{"priority":2}', T0 + 3],
        [IDS.failing, "spawn_auto_blocked", '{"failures":5,"error":"boom"}', T0 + 4],
        [IDS.running, "claimed", '{"lock":"host:4242"}', T0 + 10],
      ] as const
    ) event.run(id, kind, payload, at);
    if (age === "legacy") return;
    db.prepare("UPDATE tasks SET spawn_failures = 3, last_spawn_error = 'exec failed' WHERE id = ?")
      .run(IDS.failing);
    db.prepare("UPDATE tasks SET tenant = 'acme', skills = '[\"docs\"]' WHERE id = ?").run(
      IDS.parent,
    );
    // A v0.13 running task has its open run; the event carries the run id.
    const run = db.prepare(
      `INSERT INTO task_runs (task_id, profile, status, claim_lock, claim_expires, started_at)
       VALUES (?, 'researcher', 'running', 'host:4242', ?, ?)`,
    ).run(IDS.running, T0 + 900, T0 + 10);
    db.prepare("UPDATE tasks SET current_run_id = ? WHERE id = ?").run(
      run.lastInsertRowid,
      IDS.running,
    );
    db.prepare("UPDATE task_events SET run_id = ? WHERE kind = 'claimed'").run(run.lastInsertRowid);
    db.prepare(
      `INSERT INTO task_runs (task_id, profile, status, started_at, ended_at, outcome, error)
       VALUES (?, 'shell', 'spawn_failed', ?, ?, 'spawn_failed', 'exec failed')`,
    ).run(IDS.failing, T0 + 20, T0 + 20);
    db.prepare(
      `INSERT INTO kanban_notify_subs (task_id, platform, chat_id, created_at) VALUES (?, 'slack', 'C1', ?)`,
    ).run(IDS.parent, T0);
    if (age === "current") {
      db.prepare(
        `UPDATE tasks SET consecutive_failures = 4, last_failure_error = 'newer error', max_retries = 6,
           branch_name = 'feat/x', block_kind = 'input', block_recurrences = 2 WHERE id = ?`,
      ).run(IDS.failing);
      db.prepare("UPDATE kanban_notify_subs SET notifier_profile = 'ops'").run();
    }
  } finally {
    db.close();
  }
}

/** Every row of every table, keyed by table, with the given columns only (for "nothing lost"). */
function dump(home: string): Record<string, Record<string, unknown>[]> {
  const db = new DatabaseSync(`${home}/kanban.db`);
  try {
    const tables = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ).all() as { name: string }[];
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const { name } of tables) {
      out[name] = db.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all() as Record<
        string,
        unknown
      >[];
    }
    return out;
  } finally {
    db.close();
  }
}

function columnsOf(
  db: DatabaseSync,
  table: string,
): Map<string, { type: string; notnull: number; dflt_value: unknown }> {
  const rows = db.prepare(`PRAGMA table_info(${table})`).all() as {
    name: string;
    type: string;
    notnull: number;
    dflt_value: unknown;
  }[];
  return new Map(rows.map((r) => [r.name, r]));
}

/** Rows of `before` must still be in `after`, with every column they had unchanged. */
function assertNothingLost(
  before: Record<string, Record<string, unknown>[]>,
  after: Record<string, Record<string, unknown>[]>,
  renamedKinds: Record<string, string>,
): void {
  for (const [table, rows] of Object.entries(before)) {
    const now = after[table];
    ok(now, `table ${table} survived`);
    ok(now.length >= rows.length, `${table}: ${rows.length} rows before, ${now.length} after`);
    rows.forEach((row, i) => {
      for (const [col, value] of Object.entries(row)) {
        let want = value;
        if (table === "task_events" && col === "kind") want = renamedKinds[String(value)] ?? value;
        deepEqual(now[i][col], want, `${table} row ${i} column ${col}`);
      }
    });
  }
}

const RENAMED = { ready: "promoted", priority: "reprioritized", spawn_auto_blocked: "gave_up" };

const LABELS: Record<Age, string> = {
  legacy: "a pre-migration",
  b: "a v0.13",
  current: "a current",
};

for (const age of Object.keys(AGES) as Age[]) {
  Deno.test(`hermes compat: ${LABELS[age]} Hermes board opens as it is and migrates additively`, async () => {
    await using home = await tempHome();
    writeHermesBoard(home.path, age);
    const before = dump(home.path);
    const env = { env: home.env };

    const list = await hermes(["kanban", "list", "--json"], env);
    equal(list.code, 0, list.stderr);
    const listed = list.json<{ id: string; status: string; title: string }[]>();
    deepEqual(
      listed.map((t) => t.id).sort(),
      Object.values(IDS).sort(),
      "every Hermes task is listed",
    );

    const after = dump(home.path);
    assertNothingLost(before, after, RENAMED);

    const db = new DatabaseSync(`${home.path}/kanban.db`);
    try {
      const taskCols = columnsOf(db, "tasks");
      for (
        const c of [
          "tenant",
          "spawn_failures",
          "current_run_id",
          "consecutive_failures",
          "max_retries",
        ]
      ) {
        ok(taskCols.has(c), `tasks.${c} added`);
      }
      ok(columnsOf(db, "task_events").has("run_id"), "task_events.run_id added");
      const kinds =
        (db.prepare("SELECT kind FROM task_events ORDER BY id").all() as { kind: string }[])
          .map((r) => r.kind);
      deepEqual(kinds, ["created", "created", "promoted", "reprioritized", "gave_up", "claimed"]);
      const failing = db.prepare(
        "SELECT consecutive_failures AS n, last_failure_error AS err FROM tasks WHERE id = ?",
      ).get(IDS.failing) as { n: number; err: string | null };
      if (age === "b") deepEqual({ ...failing }, { n: 3, err: "exec failed" }, "counter copied");
      if (age === "current") {
        deepEqual({ ...failing }, { n: 4, err: "newer error" }, "newer counter kept");
      }
      // The running task points at exactly one open run (back-filled for legacy boards).
      const running = db.prepare(
        `SELECT t.current_run_id AS run, r.status, r.claim_lock, r.ended_at FROM tasks t
         JOIN task_runs r ON r.id = t.current_run_id WHERE t.id = ?`,
      ).get(IDS.running) as
        | { run: number; status: string; claim_lock: string; ended_at: null }
        | undefined;
      ok(running, "running task has its open run");
      deepEqual([running.status, running.claim_lock, running.ended_at], [
        "running",
        "host:4242",
        null,
      ]);
      equal(
        Number(
          (db.prepare("SELECT COUNT(*) AS n FROM task_runs WHERE ended_at IS NULL").get() as {
            n: number;
          }).n,
        ),
        1,
        "no orphan open run",
      );
    } finally {
      db.close();
    }

    const show = await hermes(["kanban", "show", IDS.parent, "--json"], env);
    equal(show.code, 0, show.stderr);
    const detail = show.json<{
      task: { id: string; priority: number };
      children: { id: string }[];
      comments: { body: string }[];
      events: { kind: string }[];
    }>();
    equal(detail.task.priority, 2);
    deepEqual(detail.children.map((c) => c.id), [IDS.child]);
    deepEqual(detail.comments.map((c) => c.body), ["keep it short"]);
    ok(detail.events.some((e) => e.kind === "promoted"), "renamed kinds show up");

    const created = await hermes(
      ["kanban", "create", "follow-up", "--parent", IDS.child, "--assignee", "coder", "--json"],
      env,
    );
    equal(created.code, 0, created.stderr);
    const newTask = created.json<{ id: string; status: string }>();
    equal(newTask.status, "todo", "waits on its todo parent");

    const comment = await hermes(["kanban", "comment", IDS.blocked, "use", "markdown"], env);
    equal(comment.code, 0, comment.stderr);

    const done = await hermes(["kanban", "complete", IDS.parent, "--result", "spec written"], env);
    equal(done.code, 0, done.stderr);
    const child = await hermes(["kanban", "show", IDS.child, "--json"], env);
    equal(child.json<{ task: { status: string } }>().task.status, "ready", "child promoted");

    const snap = snapshot(home.path);
    equal(snap.integrity, "ok");
    // Hermes's own rows are still all there after our writes.
    assertNothingLost(
      Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, t === "tasks" ? [] : rows])),
      dump(home.path),
      RENAMED,
    );
  });
}

Deno.test("hermes compat: opening a migrated Hermes board again changes nothing", async () => {
  await using home = await tempHome();
  writeHermesBoard(home.path, "b");
  equal((await hermes(["kanban", "list"], { env: home.env })).code, 0);
  const once = dump(home.path);
  equal((await hermes(["kanban", "list"], { env: home.env })).code, 0);
  deepEqual(dump(home.path), once);
});

// ---- the other direction: what Hermes's code expects of a board we create ----

/** Hermes's tables and columns (v0.13's, and every one v0.18 added). */
const HERMES_COLUMNS: Record<string, string[]> = {
  tasks: [
    "id",
    "title",
    "body",
    "assignee",
    "status",
    "priority",
    "created_by",
    "created_at",
    "started_at",
    "completed_at",
    "workspace_kind",
    "workspace_path",
    "claim_lock",
    "claim_expires",
    "tenant",
    "result",
    "idempotency_key",
    "spawn_failures",
    "worker_pid",
    "last_spawn_error",
    "max_runtime_seconds",
    "last_heartbeat_at",
    "current_run_id",
    "workflow_template_id",
    "current_step_key",
    "skills",
    "consecutive_failures",
    "last_failure_error",
    "max_retries",
    "branch_name",
    "project_id",
    "model_override",
    "goal_mode",
    "goal_max_turns",
    "session_id",
    "block_kind",
    "block_recurrences",
  ],
  task_links: ["parent_id", "child_id"],
  task_comments: ["id", "task_id", "author", "body", "created_at"],
  task_events: ["id", "task_id", "run_id", "kind", "payload", "created_at"],
  task_runs: [
    "id",
    "task_id",
    "profile",
    "step_key",
    "status",
    "claim_lock",
    "claim_expires",
    "worker_pid",
    "max_runtime_seconds",
    "last_heartbeat_at",
    "started_at",
    "ended_at",
    "outcome",
    "summary",
    "metadata",
    "error",
  ],
  kanban_notify_subs: [
    "task_id",
    "platform",
    "chat_id",
    "thread_id",
    "user_id",
    "notifier_profile",
    "created_at",
    "last_event_id",
  ],
  task_attachments: [
    "id",
    "task_id",
    "filename",
    "stored_path",
    "content_type",
    "size",
    "uploaded_by",
    "created_at",
  ],
};

/** Hermes's indexes: table and columns. */
const HERMES_INDEX_COLUMNS: Record<string, [string, string[]]> = {
  idx_tasks_assignee_status: ["tasks", ["assignee", "status"]],
  idx_tasks_status: ["tasks", ["status"]],
  idx_tasks_tenant: ["tasks", ["tenant"]],
  idx_tasks_idempotency: ["tasks", ["idempotency_key"]],
  idx_links_child: ["task_links", ["child_id"]],
  idx_links_parent: ["task_links", ["parent_id"]],
  idx_comments_task: ["task_comments", ["task_id", "created_at"]],
  idx_events_task: ["task_events", ["task_id", "created_at"]],
  idx_events_run: ["task_events", ["run_id", "id"]],
  idx_runs_task: ["task_runs", ["task_id", "started_at"]],
  idx_runs_status: ["task_runs", ["status"]],
  idx_notify_task: ["kanban_notify_subs", ["task_id"]],
  idx_tasks_session_id: ["tasks", ["session_id"]],
  idx_attachments_task: ["task_attachments", ["task_id", "created_at"]],
};

Deno.test("hermes compat: a board we create has every table, column and index Hermes expects", async () => {
  await using home = await tempHome();
  equal((await hermes(["kanban", "init"], { env: home.env })).code, 0);
  const db = new DatabaseSync(`${home.path}/kanban.db`);
  try {
    for (const [table, cols] of Object.entries(HERMES_COLUMNS)) {
      const have = columnsOf(db, table);
      for (const c of cols) ok(have.has(c), `${table}.${c}`);
    }
    const tasks = columnsOf(db, "tasks");
    // Constraints Hermes relies on when it inserts with its own column lists.
    deepEqual(
      ["title", "status", "created_at", "workspace_kind", "spawn_failures"].map((c) =>
        tasks.get(c)!.notnull
      ),
      [1, 1, 1, 1, 1],
    );
    equal(tasks.get("workspace_kind")!.dflt_value, "'scratch'");
    equal(tasks.get("priority")!.dflt_value, "0");
    equal(columnsOf(db, "kanban_notify_subs").get("thread_id")!.dflt_value, "''");
    for (const [name, [table, cols]] of Object.entries(HERMES_INDEX_COLUMNS)) {
      const list = db.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[];
      ok(list.some((i) => i.name === name), `index ${name} on ${table}`);
      const info = db.prepare(`PRAGMA index_info(${name})`).all() as { name: string }[];
      deepEqual(info.map((i) => i.name), cols, `columns of ${name}`);
    }
    const pk = (db.prepare("PRAGMA table_info(task_links)").all() as { name: string; pk: number }[])
      .filter((c) => c.pk > 0).map((c) => c.name);
    deepEqual(pk, ["parent_id", "child_id"]);
    equal(
      String((db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode),
      "wal",
    );
  } finally {
    db.close();
  }
});

Deno.test("hermes compat: rows Hermes writes into our board read back through our CLI", async () => {
  await using home = await tempHome();
  const made = await hermes(["kanban", "create", "ours", "--json"], { env: home.env });
  equal(made.code, 0, made.stderr);
  const ours = made.json<{ id: string }>().id;
  // Hermes inserts with its v0.13 column lists and runs its additive migration (all no-ops here).
  const db = new DatabaseSync(`${home.path}/kanban.db`);
  try {
    db.exec("BEGIN IMMEDIATE");
    db.prepare(
      `INSERT INTO tasks (id, title, body, assignee, status, priority, created_by, created_at,
         workspace_kind, workspace_path, tenant, idempotency_key, max_runtime_seconds, skills)
       VALUES ('t_feedf00d', 'from hermes', NULL, 'writer', 'todo', 0, 'hermes', ?, 'scratch', NULL,
         NULL, NULL, NULL, NULL)`,
    ).run(T0);
    db.prepare("INSERT INTO task_links (parent_id, child_id) VALUES (?, 't_feedf00d')").run(ours);
    db.prepare(
      "INSERT INTO task_events (task_id, run_id, kind, payload, created_at) VALUES ('t_feedf00d', NULL, 'created', NULL, ?)",
    ).run(T0);
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  const show = await hermes(["kanban", "show", "t_feedf00d", "--json"], { env: home.env });
  equal(show.code, 0, show.stderr);
  const d = show.json<{ task: { title: string; status: string }; parents: { id: string }[] }>();
  deepEqual([d.task.title, d.task.status, d.parents.map((p) => p.id)], ["from hermes", "todo", [
    ours,
  ]]);
  const done = await hermes(["kanban", "complete", ours], { env: home.env });
  equal(done.code, 0, done.stderr);
  const after = await hermes(["kanban", "list"], { env: home.env });
  match(after.stdout, /t_feedf00d {2}ready/);
});
