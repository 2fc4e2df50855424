/** MCP tools and Hermes v0.18's statuses: what a reviewer's worker and a person see and do. */

import { issueRunSecret } from "../support/runs.ts";
import { deepEqual, equal } from "../support/assert.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { tempHome } from "../support/home.ts";
import { connectMcp } from "./mcp_client.ts";

const PERSON = { kind: "person", name: "ann" } as const;

Deno.test("mcp kanban_show reports scheduled and review tasks with their time and block count", async () => {
  await using home = await tempHome();
  const store = openBoard(home.path, "default", { create: true });
  try {
    const later = store.createTask({ title: "later", assignee: "coder" }).task.id;
    const until = store.now() + 3600;
    store.perform(later, { op: "schedule", until, reason: null }, PERSON);
    const reviewed = store.createTask({ title: "reviewed", assignee: "coder" }).task.id;
    store.block(reviewed, "which key?", PERSON, "needs_input");
    store.unblock(reviewed);
    store.perform(reviewed, { op: "review", reviewer: "qa", note: null }, PERSON);
    await using s = await connectMcp(home.env);
    const a = await s.call("kanban_show", { task_id: later });
    equal(a.isError, false);
    const at = a.data as { task: { status: string }; scheduled_until: number };
    deepEqual([at.task.status, at.scheduled_until], ["scheduled", until]);
    const b = await s.call("kanban_show", { task_id: reviewed });
    const bt = b.data as {
      task: { status: string; assignee: string; block_kind: string; block_recurrences: number };
    };
    deepEqual(
      [bt.task.status, bt.task.assignee, bt.task.block_kind, bt.task.block_recurrences],
      ["review", "qa", "needs_input", 1],
    );
  } finally {
    store.close();
  }
});

Deno.test("mcp: a reviewer's worker approves with kanban_complete", async () => {
  await using home = await tempHome();
  const store = openBoard(home.path, "default", { create: true });
  try {
    const id = store.createTask({ title: "reviewed", assignee: "coder" }).task.id;
    store.perform(id, { op: "review", reviewer: "qa", note: "PR 3" }, PERSON);
    const { run } = store.claim(id, "host:1", 900);
    issueRunSecret(home.path, store, id, run.id);
    await using s = await connectMcp({
      ...home.env,
      HERMES_KANBAN_TASK: id,
      HERMES_KANBAN_RUN_ID: String(run.id),
      HERMES_PROFILE: "qa",
    });
    const r = await s.call("kanban_complete", { summary: "looks right, merged" });
    equal(r.isError, false);
    deepEqual(
      store.runs(id).map((x) => [x.profile, x.status]),
      [["qa", "done"]],
    );
    equal(store.requireTask(id).status, "done");
  } finally {
    store.close();
  }
});
