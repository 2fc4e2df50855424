/** The conformance cases of the board operations, the dashboard queries and transactions. */

import {
  type Actor,
  InvalidRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
  UsageError,
} from "../../../lib/board/mod.ts";
import type { CreateTaskInput, LineCell, Store } from "../../../lib/store/mod.ts";
import { renderLine } from "../../../lib/cli/output.ts";
import { deepEqual, equal, ok, throws } from "../../support/assert.ts";
import type { Case } from "./mod.ts";
import { provenWorker } from "../../support/runs.ts";

export const PERSON: Actor = { kind: "person", name: "tester" };

/** The ids of `tasks`, in their order. */
const ids = (tasks: readonly { id: string }[]) => tasks.map((t) => t.id);

/** Create a task titled `title` and return its id. */
export function mk(s: Store, title: string, extra: Omit<CreateTaskInput, "title"> = {}): string {
  return s.createTask({ title, ...extra }).task.id;
}

/** The kinds of a task's events, oldest first. */
function kinds(s: Store, id: string): string[] {
  return s.events({ afterId: 0, taskId: id, limit: 10_000 }).map((e) => e.kind);
}

export const BOARD_CASES: readonly Case[] = [
  {
    name: "createTask stores every field and reads back the same task",
    run({ store: s }) {
      const { task, existed } = s.createTask({
        title: "  write the report  ",
        body: "details",
        assignee: "writer",
        priority: 3,
        tenant: "acme",
        skills: ["a", "b"],
        maxRuntimeSeconds: 60,
        maxRetries: 2,
        createdBy: "me",
        workspace: { kind: "dir", path: "/tmp/x" },
      });
      equal(existed, false);
      deepEqual(
        [task.title, task.body, task.assignee, task.priority, task.tenant, task.status],
        ["write the report", "details", "writer", 3, "acme", "ready"],
      );
      deepEqual([task.skills, task.max_runtime_seconds, task.max_retries], [["a", "b"], 60, 2]);
      deepEqual([task.workspace_kind, task.workspace_path, task.created_by], [
        "dir",
        "/tmp/x",
        "me",
      ]);
      deepEqual(s.getTask(task.id), task);
      deepEqual(s.requireTask(task.id), task);
      deepEqual(kinds(s, task.id), ["created"]);
    },
  },
  {
    name: "createTask refuses an empty title and writes nothing",
    run({ store: s }) {
      const before = s.latestEventId();
      throws(() => s.createTask({ title: "  " }), UsageError);
      deepEqual([s.listTasks({ includeArchived: true }), s.latestEventId()], [[], before]);
    },
  },
  {
    name: "createTask with an idempotency key returns the task already made with it",
    run({ store: s }) {
      const a = s.createTask({ title: "a", idempotencyKey: "k" });
      const b = s.createTask({ title: "b", idempotencyKey: "k" });
      deepEqual([b.existed, b.task.id, b.task.title], [true, a.task.id, "a"]);
      equal(s.listTasks({}).length, 1);
    },
  },
  {
    name: "an unknown id reads as null and is refused as not found",
    run({ store: s }) {
      equal(s.getTask("t_00000000"), null);
      throws(() => s.requireTask("t_00000000"), NotFoundError);
      throws(() => s.showTask("t_00000000"), NotFoundError);
      throws(() => s.complete("t_00000000", {}, PERSON), NotFoundError);
    },
  },
  {
    name: "listTasks orders by priority, then age, and filters by assignee, status, tenant, limit",
    run({ store: s, clock }) {
      const low = mk(s, "low", { priority: 0, assignee: "a" });
      clock.advance(1);
      const high = mk(s, "high", { priority: 5, assignee: "b", tenant: "acme" });
      clock.advance(1);
      const later = mk(s, "later", { priority: 0, assignee: "a", triage: true });
      clock.advance(1);
      const gone = mk(s, "gone");
      s.archive(gone);
      deepEqual(ids(s.listTasks({})), [high, low, later]);
      deepEqual(ids(s.listTasks({ includeArchived: true })), [high, low, later, gone]);
      deepEqual(ids(s.listTasks({ assignee: "a" })), [low, later]);
      deepEqual(ids(s.listTasks({ status: ["triage", "archived"] })), [later, gone]);
      deepEqual(ids(s.listTasks({ tenant: "acme" })), [high]);
      deepEqual(ids(s.listTasks({ limit: 2 })), [high, low]);
      deepEqual(s.listTasks({ assignee: "nobody" }), []);
    },
  },
  {
    name: "listTasks sorts in each of Hermes's orders, a missing assignee first",
    run({ store: s, clock }) {
      mk(s, "b", { priority: 1, assignee: "zed" });
      clock.advance(1);
      mk(s, "c", { priority: 5, assignee: "amy" });
      clock.advance(1);
      mk(s, "a", { priority: 1, triage: true });
      const titles = (sort: Parameters<Store["listTasks"]>[0]["sort"]) =>
        s.listTasks({ sort }).map((t) => t.title).join("");
      const orders = {
        priority: "cba",
        "priority-desc": "bac",
        created: "bca",
        "created-desc": "acb",
        title: "abc",
        status: "bca",
        assignee: "acb",
        updated: "acb",
      } as const;
      for (const [sort, want] of Object.entries(orders)) {
        equal(titles(sort as keyof typeof orders), want, sort);
        const lines = new TextDecoder().decode(
          s.renderLines({ sort: sort as keyof typeof orders }, [{ column: "title" }]),
        );
        equal(lines, [...want].map((t) => `${t}\n`).join(""), `${sort}: rendered alike`);
      }
    },
  },
  {
    name: "renderLines is renderLine of listTasks, byte for byte, in its order, for every step",
    run({ store: s }) {
      mk(s, "ünïcödé ✓ %s %d '", { assignee: "ßpëcial", tenant: "åcme", priority: 2 });
      mk(s, "plain", { assignee: "", tenant: "" });
      mk(s, "line\nbreak 🚀", {
        triage: true,
        priority: 1,
        assignee: "a-name-wider-than-the-column",
      });
      const cells: LineCell[] = [
        { text: "<" },
        { column: "status", map: { triage: "?", ready: "▶", "%": "x" } },
        { text: "|%s|" },
        { column: "id", width: 3 },
        { column: "assignee", whenNull: "∅", width: 12 },
        { column: "tenant", around: ["[", "'"] },
        { column: "tenant", width: 4 },
        { column: "status", map: { ready: "R" }, whenNull: "-", around: ["(", ")"], width: 9 },
        { column: "title" },
        { text: ">" },
      ];
      const text = (b: Uint8Array) => new TextDecoder().decode(b);
      for (const f of [{}, { status: ["triage" as const] }, { limit: 1 }, { assignee: "x" }]) {
        const tasks = s.listTasks(f);
        deepEqual(
          text(s.renderLines(f, cells)),
          tasks.map((t) => renderLine(cells, t) + "\n").join(""),
          JSON.stringify(f),
        );
      }
      deepEqual(s.renderLines({ assignee: "x" }, cells).length, 0, "no task, no bytes");
      deepEqual(text(s.renderLines({ limit: 1 }, [])), "\n", "an empty layout: empty lines");
      deepEqual(
        text(s.renderLines({ limit: 1 }, [{ text: "100% %s" }])),
        "100% %s\n",
        "texts only",
      );
    },
  },
  {
    name: "changeToken stays put until the board changes, by this handle or another",
    async run({ store: s, reopen }) {
      const other = await reopen();
      const t0 = s.changeToken();
      deepEqual(s.changeToken(), t0, "reads change nothing");
      s.listTasks({});
      deepEqual(s.changeToken(), t0);
      const id = mk(s, "one");
      const t1 = s.changeToken();
      ok(t1 !== t0, "a write by this handle");
      other.comment(id, "bob", "from another handle");
      const t2 = s.changeToken();
      ok(t2 !== t1, "a write by another handle");
      deepEqual(s.changeToken(), t2);
    },
  },
  {
    name: "showTask gathers parents, children, comments, events and runs",
    run({ store: s }) {
      const p = mk(s, "parent");
      const c = mk(s, "child", { parents: [p] });
      s.comment(c, "ann", "first");
      s.comment(c, "bob", "second");
      s.claim(p, "h:1", 60);
      const d = s.showTask(c);
      deepEqual([ids(d.parents), ids(d.children), d.task.status], [[p], [], "todo"]);
      deepEqual(d.comments.map((x) => [x.author, x.body]), [["ann", "first"], ["bob", "second"]]);
      deepEqual(d.events.map((e) => e.kind), ["created", "commented", "commented"]);
      deepEqual(ids(s.showTask(p).children), [c]);
      equal(s.showTask(p).runs.length, 1);
      equal(s.showTask(c, 1).events.length, 1, "the event limit keeps the newest");
    },
  },
  {
    name:
      "assign, reprioritize and editTask change the task and write their events; no-ops write nothing",
    run({ store: s }) {
      const id = mk(s, "t", { assignee: "a" });
      equal(s.assign(id, "b").assignee, "b");
      equal(s.reprioritize(id, 7).priority, 7);
      const e = s.editTask(id, { title: "new title", body: "new body" });
      deepEqual([e.title, e.body], ["new title", "new body"]);
      const n = s.latestEventId();
      s.reprioritize(id, 7);
      s.editTask(id, { title: "new title" });
      equal(s.latestEventId(), n, "unchanged edits write no event");
      deepEqual(kinds(s, id), ["created", "assigned", "reprioritized", "edited"]);
      throws(() => s.editTask(id, { title: "" }), UsageError);
      equal(s.requireTask(id).title, "new title");
    },
  },
  {
    name: "link waits a child on its parent, completing the parent readies it, unlink recomputes",
    run({ store: s }) {
      const a = mk(s, "a");
      const b = mk(s, "b");
      const c = mk(s, "c");
      s.link(a, b);
      s.link(b, c);
      deepEqual([s.requireTask(b).status, s.requireTask(c).status], ["todo", "todo"]);
      deepEqual(
        s.allLinks(),
        [{ parent_id: a, child_id: b }, { parent_id: b, child_id: c }].sort((x, y) =>
          x.parent_id < y.parent_id ? -1 : 1
        ),
      );
      deepEqual([ids(s.relatives(b).parents), ids(s.relatives(b).children)], [[a], [c]]);
      s.complete(a, {}, PERSON);
      equal(s.requireTask(b).status, "ready");
      equal(s.requireTask(c).status, "todo", "a grandchild waits for its own parent");
      s.unlink(b, c);
      equal(s.requireTask(c).status, "ready");
    },
  },
  {
    name: "link refuses cycles, self-links and unknown tasks, and writes nothing",
    run({ store: s }) {
      const a = mk(s, "a");
      const b = mk(s, "b");
      const c = mk(s, "c");
      s.link(a, b);
      s.link(b, c);
      const n = s.latestEventId();
      throws(() => s.link(c, a), InvalidRequestError);
      throws(() => s.link(c, a), /would create a cycle/);
      throws(() => s.link(a, a), /cannot depend on itself/);
      throws(() => s.link(a, "t_00000000"), NotFoundError);
      throws(() => s.unlink(c, a), /No such link/);
      equal(s.latestEventId(), n);
      equal(s.allLinks().length, 2);
    },
  },
  {
    name: "comments keep author, body and order; an empty comment is refused",
    run({ store: s, clock }) {
      const id = mk(s, "t");
      const c1 = s.comment(id, "ann", "  hello  ");
      clock.advance(5);
      const c2 = s.comment(id, "", "again");
      deepEqual([c1.author, c1.body, c1.task_id, c1.created_at], [
        "ann",
        "hello",
        id,
        clock.now() - 5,
      ]);
      equal(c2.author, "user", "nobody named: the user");
      ok(c2.id > c1.id);
      throws(() => s.comment(id, "ann", "   "), UsageError);
      deepEqual(s.showTask(id).comments.map((c) => c.id), [c1.id, c2.id]);
    },
  },
  {
    name:
      "claim is exclusive: a running task cannot be claimed again, nor a task with undone parents",
    run({ store: s, clock }) {
      const id = mk(s, "t", { assignee: "w" });
      const { task, run } = s.claim(id, "h:1", 100);
      deepEqual(
        [task.status, task.claim_lock, task.claim_expires, task.current_run_id],
        ["running", "h:1", clock.now() + 100, run.id],
      );
      deepEqual([run.task_id, run.status, run.ended_at], [id, "running", null]);
      deepEqual(s.runRow(run.id), run);
      throws(() => s.claim(id, "h:2", 100), InvalidStateError);
      equal(s.requireTask(id).claim_lock, "h:1");
      const p = mk(s, "p");
      const c = mk(s, "c", { parents: [p] });
      throws(() => s.claim(c, "h:1", 100), InvalidStateError);
      equal(s.runs(c).length, 0);
    },
  },
  {
    name: "two stores on one board: a claim through one is seen and refused through the other",
    async run({ store: a, reopen }) {
      const b = await reopen();
      const made = Array.from({ length: 6 }, (_, i) => mk(a, `t${i}`, { assignee: "w" }));
      const won: string[] = [];
      for (const [i, id] of made.entries()) {
        const [first, second] = i % 2 ? [a, b] : [b, a];
        first.claim(id, `first:${i}`, 60);
        won.push(id);
        throws(() => second.claim(id, `second:${i}`, 60), InvalidStateError);
      }
      deepEqual(won, made);
      for (const id of made) equal(b.runs(id).length, 1, "one run per task");
      deepEqual(ids(b.listTasks({ status: ["running"] })).sort(), [...made].sort());
    },
  },
  {
    name: "heartbeat extends the lease, never shortens it, and only the holder may send it",
    run({ store: s, clock }) {
      const id = mk(s, "t");
      const other = mk(s, "o");
      const { run } = s.claim(id, "h:1", 100);
      s.claim(other, "h:1", 100);
      clock.advance(50);
      equal(s.heartbeat(id, "alive", 100, PERSON).claim_expires, clock.now() + 100);
      equal(s.heartbeat(id, null, 10, PERSON).claim_expires, clock.now() + 100);
      deepEqual(
        [s.runRow(run.id)?.claim_expires, s.runRow(run.id)?.last_heartbeat_at],
        [clock.now() + 100, clock.now()],
      );
      const worker: Actor = provenWorker(s, id, run.id);
      throws(() => s.heartbeat(other, null, 100, worker), PermissionError);
      throws(
        () => s.heartbeat(id, null, 100, { ...worker, runId: run.id + 99 }),
        /prove its run/,
      );
      equal(s.heartbeat(id, "mine", 100, worker).claim_expires, clock.now() + 100);
      throws(() => s.heartbeat(mk(s, "idle"), null, 100, PERSON), InvalidStateError);
    },
  },
  {
    name: "run outcomes: complete closes the run done, block closes it blocked, unblock readies",
    run({ store: s }) {
      const a = mk(s, "a");
      const ra = s.claim(a, "h:1", 60).run;
      const done = s.complete(a, { result: "r", summary: "sum" }, PERSON);
      deepEqual([done.changed, done.task.status, done.task.result], [true, "done", "r"]);
      const closed = s.runRow(ra.id)!;
      deepEqual([closed.outcome, closed.summary, closed.ended_at !== null], [
        "completed",
        "sum",
        true,
      ]);
      equal(s.complete(a, { result: "r" }, PERSON).changed, false, "again: no change");
      throws(() => s.complete(a, { result: "other" }, PERSON), InvalidStateError);

      const b = mk(s, "b");
      const rb = s.claim(b, "h:1", 60).run;
      equal(s.block(b, "needs input", PERSON).status, "blocked");
      deepEqual([s.runRow(rb.id)?.outcome, s.requireTask(b).current_run_id], ["blocked", null]);
      equal(s.unblock(b).status, "ready");
      throws(() => s.unblock(b), InvalidStateError);
    },
  },
  {
    name: "reclaim and reassign release a running task's claim",
    run({ store: s }) {
      const id = mk(s, "t", { assignee: "a" });
      const { run } = s.claim(id, "h:1", 60);
      throws(() => s.assign(id, "b"), InvalidStateError);
      const t = s.reclaim(id, "stuck");
      deepEqual([t.status, t.claim_lock, t.current_run_id], ["ready", null, null]);
      deepEqual([s.runRow(run.id)?.status, s.runRow(run.id)?.error], [
        "reclaimed",
        "manual_reclaim: stuck",
      ]);
      throws(() => s.reclaim(id, null), InvalidStateError);
      s.claim(id, "h:2", 60);
      const r = s.reassign(id, "b", { reclaim: true, reason: null });
      deepEqual([r.reclaimed, r.task.assignee, r.task.status], [true, "b", "ready"]);
    },
  },
  {
    name: "archive hides a task from the default list and counts as done for its children",
    run({ store: s }) {
      const p = mk(s, "p");
      const c = mk(s, "c", { parents: [p] });
      equal(s.archive(p).status, "archived");
      equal(s.requireTask(c).status, "ready");
      deepEqual(ids(s.listTasks({})), [c]);
      throws(() => s.archive(p), /already archived/);
    },
  },
  {
    name: "events page by id after a cursor and filter by task and kind; latestEventId is the head",
    run({ store: s }) {
      equal(s.latestEventId(), 0, "an empty board has no events");
      const a = mk(s, "a");
      const b = mk(s, "b");
      s.comment(a, "x", "hi");
      const all = s.events({ afterId: 0 });
      deepEqual(all.map((e) => [e.task_id, e.kind]), [[a, "created"], [b, "created"], [
        a,
        "commented",
      ]]);
      ok(all[0].id < all[1].id && all[1].id < all[2].id, "ids grow");
      equal(s.latestEventId(), all[2].id);
      deepEqual(s.events({ afterId: all[0].id, limit: 1 }).map((e) => e.id), [all[1].id]);
      deepEqual(s.events({ afterId: 0, taskId: a }).map((e) => e.kind), ["created", "commented"]);
      deepEqual(s.events({ afterId: 0, kinds: ["commented"] }).map((e) => e.task_id), [a]);
      deepEqual(s.events({ afterId: s.latestEventId() }), []);
    },
  },
  {
    name: "the change counter moves when another handle commits, and the new events are readable",
    async run({ store: a, reopen }) {
      const b = await reopen();
      const cursor = a.latestEventId();
      const v = a.dataVersion();
      equal(a.dataVersion(), v, "nothing committed: no move");
      const id = mk(b, "from elsewhere");
      ok(a.dataVersion() !== v, "another handle committed");
      deepEqual(a.events({ afterId: cursor }).map((e) => [e.task_id, e.kind]), [[id, "created"]]);
      equal(a.requireTask(id).title, "from elsewhere");
    },
  },
  {
    name: "dashboard queries: the board view's cards, tenants, assignees, and the metric counts",
    run({ store: s }) {
      const p = mk(s, "p", { assignee: "a", tenant: "acme" });
      const c1 = mk(s, "c1", { assignee: "b" });
      s.comment(c1, "x", "note");
      s.complete(c1, {}, PERSON);
      s.link(p, c1);
      mk(s, "c2", { parents: [p] });
      const r = mk(s, "r", { assignee: "a" });
      s.claim(r, "h:1", 60);
      const v = s.boardView({});
      const card = (id: string) => v.tasks.find((t) => t.task.id === id)!.extras;
      deepEqual(card(p).link_counts, { parents: 0, children: 2 });
      deepEqual(card(p).progress, { done: 1, total: 2 });
      deepEqual([card(c1).comment_count, card(c1).link_counts.parents], [1, 1]);
      equal(card(r).run_started_at, s.requireTask(r).started_at);
      deepEqual([v.tenants, v.assignees, v.latestEventId], [
        ["acme"],
        ["a", "b"],
        s.latestEventId(),
      ]);
      deepEqual(s.boardView({ tenant: "acme" }).tasks.map((t) => t.task.id), [p]);
      const m = s.metricCounts();
      deepEqual(m.tasks, { done: 1, ready: 1, running: 1, todo: 1 });
      deepEqual(m.runs, { running: 1 }, "completing an unclaimed task opens no run");
      equal(s.runForLog(r, null)?.status, "running");
      equal(s.runForLog(r, 999_999), null);
    },
  },
  {
    name: "stats count tasks by status and assignee and age the oldest ready task",
    run({ store: s, clock }) {
      mk(s, "a", { assignee: "w" });
      clock.advance(30);
      mk(s, "b", { assignee: "w", triage: true });
      const st = s.stats();
      deepEqual(st.by_status, { ready: 1, triage: 1 });
      deepEqual(st.by_assignee, { w: { ready: 1, triage: 1 } });
      deepEqual([st.oldest_ready_age_seconds, st.now], [30, clock.now()]);
      deepEqual(s.assigneeCounts(), st.by_assignee);
    },
  },
  {
    name:
      "a worker's run proves itself by its secret; the tasks it creates are recorded as its own",
    run({ store: s }) {
      const lead = mk(s, "lead", { assignee: "coder" });
      const run = s.claim(lead, "h:1", 100).run.id;
      const worker = provenWorker(s, lead, run, "coder");
      const made = s.createTask({ title: "sub", creator: worker }).task.id;
      const other = mk(s, "other");
      const facts = s.workerFacts(worker, [made, other]);
      deepEqual([facts.authentic, facts.runActive, facts.created], [true, true, [made]]);
      const forged = { ...worker, credential: "00".repeat(32) };
      equal(s.workerFacts(forged, [made]).authentic, false);
      s.comment(lead, "coder", "working", worker);
      throws(() => s.comment(other, "coder", "not mine", worker), PermissionError);
    },
  },
  {
    name: "review: the reviewer's run is a review, and sending back returns the task to its worker",
    run({ store: s }) {
      const id = mk(s, "docs", { assignee: "writer" });
      s.perform(id, { op: "review", reviewer: "editor", note: null }, PERSON);
      const run = s.claim(id, "h:1", 100).run.id;
      equal(s.requireTask(id).assignee, "editor");
      const editor = provenWorker(s, id, run, "editor");
      s.perform(id, { op: "send_back", reason: "fix the examples", to: null }, editor);
      const t = s.requireTask(id);
      deepEqual([t.status, t.assignee, s.runRow(run)?.status], ["ready", "writer", "sent_back"]);
      ok(s.showTask(id).comments.some((c) => c.body === "SENT BACK: fix the examples"));
    },
  },
  {
    name:
      "editResult corrects a done task's result and its run; preview and a refusal write nothing",
    run({ store: s }) {
      const id = mk(s, "t", { assignee: "w" });
      s.claim(id, "h:1", 100);
      s.complete(id, { result: "wrong", summary: "s1", metadata: { n: 1 } }, PERSON);
      equal(
        s.editResult(id, { result: "right", summary: null, metadata: null }, PERSON).result,
        "right",
      );
      deepEqual(s.runs(id).map((r) => [r.summary, r.metadata]), [["right", { n: 1 }]]);
      const gate = mk(s, "gate");
      const child = mk(s, "child", { parents: [gate] });
      const head = s.latestEventId();
      equal(s.preview(child, { op: "promote", force: true }, PERSON).set.status, "ready");
      throws(() => s.editResult(child, { result: "x", summary: null, metadata: null }, PERSON));
      deepEqual([s.requireTask(child).status, s.latestEventId()], ["todo", head]);
    },
  },
  {
    name: "deleteTask removes an archived task and every row about it, and nothing else",
    run({ store: s }) {
      const keep = mk(s, "keep", { assignee: "w" });
      const gone = mk(s, "gone", { assignee: "w" });
      const child = mk(s, "child", { parents: [gone] });
      s.comment(gone, "ann", "note");
      const run = s.claim(gone, "h:1", 100).run.id;
      provenWorker(s, gone, run);
      s.archive(gone);
      throws(() => s.deleteTask(keep, PERSON));
      s.deleteTask(gone, PERSON);
      equal(s.getTask(gone), null);
      deepEqual(s.events({ afterId: 0, taskId: gone }), []);
      deepEqual([s.runs(gone), s.allLinks(), s.runRow(run)], [[], [], null]);
      deepEqual([s.requireTask(keep).status, kinds(s, keep)], ["ready", ["created"]]);
      equal(s.requireTask(child).title, "child");
    },
  },
  {
    name: "diagnosisInputs reads tasks with their events of the kinds asked and their runs",
    run({ store: s }) {
      const a = mk(s, "a", { assignee: "w" });
      const b = mk(s, "b");
      s.claim(a, "h:1", 100);
      s.comment(b, "ann", "hi");
      const all = s.diagnosisInputs(null, ["created", "claimed"]);
      deepEqual(all.map((i) => i.task.id).sort(), [a, b].sort());
      const one = s.diagnosisInputs([a], ["claimed"]);
      deepEqual(one.map((i) => [i.task.id, i.events.map((e) => e.kind), i.runs.length]), [
        [a, ["claimed"], 1],
      ]);
    },
  },
  {
    name: "tx: a failure inside rolls back every operation before it",
    run({ store: s }) {
      const keep = mk(s, "keep");
      const head = s.latestEventId();
      throws(() =>
        s.tx(() => {
          mk(s, "doomed");
          s.comment(keep, "x", "doomed comment");
          s.complete(keep, {}, PERSON);
          s.link(keep, keep);
        }), /cannot depend on itself/);
      deepEqual(ids(s.listTasks({ includeArchived: true })), [keep]);
      deepEqual([s.requireTask(keep).status, s.showTask(keep).comments], ["ready", []]);
      equal(s.latestEventId(), head, "no event survives");
      const made = s.tx(() => s.tx(() => mk(s, "nested")));
      equal(s.requireTask(made).title, "nested", "a nested tx commits with the outer one");
    },
  },
  {
    name: "a refused operation writes nothing",
    run({ store: s }) {
      const id = mk(s, "t");
      s.complete(id, {}, PERSON);
      const before = [s.requireTask(id), s.latestEventId(), s.runs(id)];
      throws(() => s.block(id, "no", PERSON), InvalidStateError);
      throws(() => s.claim(id, "h:1", 60), InvalidStateError);
      throws(() => s.heartbeat(id, null, 60, PERSON), InvalidStateError);
      deepEqual([s.requireTask(id), s.latestEventId(), s.runs(id)], before);
    },
  },
];
