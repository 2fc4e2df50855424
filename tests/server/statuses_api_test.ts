/**
 * The dashboard API and Hermes v0.18's statuses: the scheduled and review columns, moves into
 * and out of them (Hermes's PATCH, block_reason as the reason), the schedule time on cards and
 * in the task detail, and their events on the live stream.
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { readSse, startServer } from "./server_support.ts";

const API = "/api/plugins/kanban";
type Obj = Record<string, unknown>;
type Board = { columns: Array<{ name: string; tasks: Obj[] }> };

function column(b: Board, name: string): Obj[] {
  return b.columns.find((c) => c.name === name)!.tasks;
}

Deno.test("dashboard moves cards into scheduled and review and back, as Hermes's PATCH does", async () => {
  await using s = await startServer();
  const made = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, {
    title: "later",
    assignee: "shell",
  });
  const id = made.body.task.id;
  const events = await s.fetch(`${API}/events`);

  const p = await s.call<{ task: Obj }>("PATCH", `${API}/tasks/${id}`, {
    status: "scheduled",
    block_reason: "after the freeze",
  });
  equal(p.status, 200, JSON.stringify(p.body));
  equal(p.body.task.status, "scheduled");
  const streamed = await readSse(
    events,
    (ms) =>
      ms.some((m) =>
        (m.data as { events?: { kind: string }[] })?.events?.some((e) => e.kind === "scheduled")
      ),
  );
  equal(streamed.some((m) => m.event === "message"), true);

  let board = (await s.call<Board>("GET", `${API}/board`)).body;
  deepEqual(column(board, "scheduled").map((c) => [c.id, c.scheduled_until]), [[id, null]]);

  // A time set from the CLI shows on the card and in the detail.
  const cli = await hermes(["kanban", "schedule", id, "2h"], { env: s.home.env });
  equal(cli.code, 0, cli.stderr);
  board = (await s.call<Board>("GET", `${API}/board`)).body;
  const until = column(board, "scheduled")[0].scheduled_until as number;
  equal(typeof until, "number");
  const detail = await s.call<Obj>("GET", `${API}/tasks/${id}`);
  equal(detail.body.scheduled_until, until);
  deepEqual(
    (detail.body.comments as Obj[]).map((c) => c.body),
    ["SCHEDULED: after the freeze"],
  );

  // Dragged to ready, a scheduled card is released (Hermes's unblock), its time forgotten.
  const r = await s.call<{ task: Obj }>("PATCH", `${API}/tasks/${id}`, { status: "ready" });
  equal(r.body.task.status, "ready");
  equal((await s.call<Obj>("GET", `${API}/tasks/${id}`)).body.scheduled_until, null);

  const v = await s.call<{ task: Obj }>("PATCH", `${API}/tasks/${id}`, {
    status: "review",
    block_reason: "PR 9",
  });
  equal(v.status, 200, JSON.stringify(v.body));
  board = (await s.call<Board>("GET", `${API}/board`)).body;
  deepEqual(column(board, "review").map((c) => c.id), [id]);

  const bad = await s.call<{ detail: string }>("PATCH", `${API}/tasks/${id}`, {
    status: "scheduled",
  });
  equal(bad.status, 409);
  match(bad.body.detail, /cannot schedule t_\w+: it is review; only todo, scheduled, ready/);
});

Deno.test("dashboard cards and details carry Hermes's block_kind and block_recurrences", async () => {
  await using s = await startServer();
  const made = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "t" });
  const id = made.body.task.id;
  const b = await hermes(["kanban", "block", id, "--kind", "capability", "no", "access"], {
    env: s.home.env,
  });
  equal(b.code, 0, b.stderr);
  const board = (await s.call<Board>("GET", `${API}/board`)).body;
  const card = column(board, "blocked")[0];
  deepEqual([card.block_kind, card.block_recurrences], ["capability", 1]);
});
