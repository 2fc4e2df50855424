/**
 * The verbs and checks Hermes added for orchestrators and recovery, as the store applies the
 * rulebook's plans: created_cards on completion, artifacts and phantom references on the
 * completed event, edit of a done task's result, forced and dry promotion, deletion of archived
 * tasks (every row about them, and never while their worker may live), and listing orders.
 */

import { deepEqual, equal, fail, match } from "../support/assert.ts";
import { HermesError, InvalidRequestError } from "../../lib/board/mod.ts";
import type { Store } from "../../lib/store/mod.ts";
import { PERSON, withBoard } from "../board/fixtures.ts";
import { foreignRows, foreignWrite } from "../support/board.ts";
import { tempHome } from "../support/home.ts";
import { provenWorker } from "../support/runs.ts";

/** A running task of `coder` (run claimed), and the events of kind `kind` on it. */
function running(s: Store, title = "lead") {
  const t = s.createTask({ title, assignee: "coder" }).task;
  const run = s.claim(t.id, "host:1", 900).run.id;
  return { id: t.id, run };
}

function eventsOf(s: Store, id: string, kind: string) {
  return s.showTask(id, 500).events.filter((e) => e.kind === kind);
}

/** The refusal `fn` throws. */
function refused(fn: () => unknown): HermesError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HermesError) return e;
    throw e;
  }
  fail("expected a refusal");
}

Deno.test("complete refuses phantom created_cards, records the attempt, and changes nothing else", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const lead = running(s);
    const mine = s.createTask({ title: "mine", assignee: "x", createdBy: "coder" }).task.id;
    const theirs = s.createTask({ title: "theirs", assignee: "x", createdBy: "ada" }).task.id;
    const before = s.requireTask(lead.id);
    const e = refused(() =>
      s.complete(lead.id, {
        summary: "made two",
        createdCards: [mine, theirs, "t_deadbeef"],
      }, provenWorker(s, lead.id, lead.run, "coder"))
    );
    equal(e instanceof InvalidRequestError, true);
    equal(e.code, "phantom_cards");
    match(e.message, new RegExp(`${theirs}, t_deadbeef$`));
    deepEqual(s.requireTask(lead.id), before);
    const [ev] = eventsOf(s, lead.id, "completion_blocked_hallucination");
    deepEqual(ev.payload, {
      phantom_cards: [theirs, "t_deadbeef"],
      verified_cards: [mine],
      summary_preview: "made two",
    });
  });
});

Deno.test("complete verifies created_cards made by the profile, the task, or linked as children", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const lead = running(s);
    const byProfile = s.createTask({ title: "a", assignee: "x", createdBy: "coder" }).task.id;
    const byTask = s.createTask({ title: "b", assignee: "x", createdBy: lead.id }).task.id;
    const child = s.createTask({ title: "c", assignee: "x", createdBy: "ada", parents: [lead.id] })
      .task.id;
    const { task } = s.complete(lead.id, {
      summary: `split into ${byProfile}, ${byTask} and ${child}; see also t_0badc0de`,
      metadata: { artifacts: ["/tmp/report.pdf", 7, " "] },
      createdCards: [byProfile, byTask, child, byProfile],
    }, provenWorker(s, lead.id, lead.run, "coder"));
    equal(task.status, "done");
    const [done] = eventsOf(s, lead.id, "completed");
    deepEqual(done.payload?.verified_cards, [byProfile, byTask, child]);
    deepEqual(done.payload?.artifacts, ["/tmp/report.pdf"]);
    const [refs] = eventsOf(s, lead.id, "suspected_hallucinated_references");
    deepEqual(refs.payload, { phantom_refs: ["t_0badc0de"], source: "completion_summary" });
    equal(refs.run_id, lead.run);
  });
});

Deno.test("edit corrects a done task's result and its latest completed run, or adds one", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const lead = running(s);
    s.complete(lead.id, { result: "wrong", summary: "s1", metadata: { n: 1 } }, PERSON);
    const t = s.editResult(lead.id, { result: "right", summary: null, metadata: null }, PERSON);
    equal(t.result, "right");
    const runs = s.runs(lead.id);
    deepEqual(runs.map((r) => [r.summary, r.metadata]), [["right", { n: 1 }]]);
    const [ev] = eventsOf(s, lead.id, "edited");
    deepEqual(ev.payload, { fields: ["result", "summary"], result_len: 5, summary: "right" });
    equal(ev.run_id, lead.run);

    const bare = s.createTask({ title: "never ran" }).task.id;
    s.complete(bare, {}, PERSON);
    equal(s.runs(bare).length, 0);
    s.editResult(bare, { result: "found it", summary: "later", metadata: { k: "v" } }, PERSON);
    const [added] = s.runs(bare);
    deepEqual([added.status, added.summary, added.metadata], ["done", "later", { k: "v" }]);

    const open = s.createTask({ title: "open" }).task.id;
    const e = refused(() =>
      s.editResult(open, { result: "x", summary: null, metadata: null }, PERSON)
    );
    deepEqual([e.code, e.message], ["not_done", `cannot edit ${open}: it is ready, not done`]);
  });
});

Deno.test("promote --force readies a task whose parents are not done; a dry run writes nothing", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const gate = s.createTask({ title: "gate" }).task.id;
    const child = s.createTask({ title: "child", parents: [gate] }).task.id;
    const e = refused(() => s.promote(child));
    match(e.message, /use --force to override/);
    const plan = s.preview(child, { op: "promote", force: true }, PERSON);
    equal(plan.set.status, "ready");
    equal(s.requireTask(child).status, "todo");
    s.promote(child, { force: true, reason: "hotfix" });
    equal(s.requireTask(child).status, "ready");
    const [ev] = eventsOf(s, child, "promoted");
    deepEqual(ev.payload, { from: "todo", status: "ready", forced: true, reason: "hotfix" });
  });
});

Deno.test("delete removes an archived task and every row about it, and nothing else", async () => {
  await using home = await tempHome();
  const { keep, gone, path } = withBoard(home.path, (s) => {
    const keep = s.createTask({ title: "keep" }).task.id;
    const gone = running(s, "gone").id;
    s.link(keep, gone);
    s.comment(gone, "ann", "hello");
    s.archive(gone);
    return { keep, gone, path: s.path };
  });
  foreignWrite(
    home.path,
    "INSERT INTO kanban_notify_subs (task_id, platform, chat_id, created_at) VALUES (?, 'x', 'y', 0)",
    gone,
  );
  foreignWrite(
    home.path,
    "INSERT INTO hx_task_retry (task_id, not_before, attempts) VALUES (?, 0, 1)",
    gone,
  );
  withBoard(home.path, (s) => {
    refused(() => s.deleteTask(keep, PERSON));
    s.deleteTask(gone, PERSON);
    equal(s.getTask(gone), null);
    equal(s.requireTask(keep).status, "ready");
  });
  const tables = foreignRows<{ name: string }>(
    path,
    `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
     WHERE m.type = 'table' AND c.name = 'task_id'`,
  ).map((r) => r.name);
  equal(tables.length >= 7, true, tables.join(","));
  for (const t of tables) {
    deepEqual(foreignRows(path, `SELECT 1 FROM ${t} WHERE task_id = ?`, gone), [], t);
  }
  deepEqual(foreignRows(path, "SELECT * FROM task_links"), []);
  deepEqual(foreignRows(path, "SELECT * FROM tasks WHERE id = ?", gone), []);
});

Deno.test("delete refuses while the worker of the archived task was never seen to exit", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const t = running(s);
    foreignWrite(
      home.path,
      "INSERT INTO hx_run_procs (run_id, task_id, pid) VALUES (?, ?, 4242)",
      t.run,
      t.id,
    );
    s.archive(t.id);
    const e = refused(() => s.deleteTask(t.id, PERSON));
    equal(e.code, "worker_unreaped");
    foreignWrite(home.path, "UPDATE hx_run_procs SET exit_code = 0 WHERE run_id = ?", t.run);
    s.deleteTask(t.id, PERSON);
    equal(s.getTask(t.id), null);
  });
});

Deno.test("list sorts in each of Hermes's orders", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    let clock = 1000;
    const at = (title: string, extra: Record<string, unknown>) => {
      const id = s.createTask({ title, ...extra }).task.id;
      foreignWrite(home.path, "UPDATE tasks SET created_at = ? WHERE id = ?", clock++, id);
      return title;
    };
    at("b", { priority: 1, assignee: "zed" });
    at("c", { priority: 5, assignee: "amy" });
    at("a", { priority: 1, triage: true });
    const titles = (sort: Parameters<Store["listTasks"]>[0]["sort"]) =>
      s.listTasks({ sort }).map((t) => t.title).join("");
    equal(titles(undefined), "cba");
    equal(titles("priority"), "cba");
    equal(titles("priority-desc"), "bac");
    equal(titles("created"), "bca");
    equal(titles("created-desc"), "acb");
    equal(titles("title"), "abc");
    equal(titles("status"), "bca");
    equal(titles("assignee"), "acb");
    const lines = new TextDecoder().decode(s.renderLines({ sort: "title" }, [{ column: "title" }]));
    equal(lines, "a\nb\nc\n", "the rendered listing sorts the same way");
  });
});
