/**
 * What Hermes's tools gained for orchestrators, through `hermes mcp` and the SDK's client:
 * kanban_list and kanban_unblock (never offered to a worker), the board argument of every
 * tool, created_cards checked and artifacts kept on kanban_complete, kind on kanban_block, and
 * secrets masked in what the tools store and return.
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";
import { closeQuietly, connectMcp, workerEnv } from "./mcp_client.ts";
import { issueRunSecret } from "../support/runs.ts";

/** A board with a claimed task `lead` of profile coder (run `runId`, its secret issued). */
function board(home: string) {
  const store = openBoard(home, "default", { create: true });
  const lead = store.createTask({ title: "plan the release", assignee: "coder" }).task.id;
  const runId = store.claim(lead, "host:1", 900).run.id;
  issueRunSecret(home, store, lead, runId);
  return { store, lead, runId };
}

Deno.test("mcp offers kanban_list and kanban_unblock to an orchestrator, never to a worker", async () => {
  await using home = await tempHome();
  const b = board(home.path);
  try {
    await using orch = await connectMcp({ ...home.env, HERMES_PROFILE_NAME: "lead" });
    const names = (await orch.client.listTools()).tools.map((t) => t.name);
    deepEqual(names, [
      "kanban_show",
      "kanban_list",
      "kanban_complete",
      "kanban_block",
      "kanban_heartbeat",
      "kanban_comment",
      "kanban_create",
      "kanban_unblock",
      "kanban_link",
    ]);
    for (const t of (await orch.client.listTools()).tools) {
      equal(
        (t.inputSchema.properties as Record<string, { type: string }>).board.type,
        "string",
        `${t.name} takes board`,
      );
    }
    await using worker = await connectMcp(workerEnv(home.env, b.lead, b.runId));
    const seen = (await worker.client.listTools()).tools.map((t) => t.name);
    equal(seen.includes("kanban_list") || seen.includes("kanban_unblock"), false);
    for (const tool of ["kanban_list", "kanban_unblock"]) {
      const r = await worker.call(tool, { task_id: b.lead });
      equal(r.isError, true);
      equal(r.data.code, "orchestrator_only");
      match(r.data.error as string, new RegExp(`^${tool} is for orchestrators`));
    }
  } finally {
    closeQuietly(b.store);
  }
});

Deno.test("mcp kanban_list filters, bounds and reports truncation; kanban_unblock readies a blocked task", async () => {
  await using home = await tempHome();
  const b = board(home.path);
  try {
    const child = b.store.createTask({ title: "child", assignee: "writer", parents: [b.lead] })
      .task.id;
    for (let i = 0; i < 4; i++) b.store.createTask({ title: `idea ${i}`, assignee: "writer" });
    const stuck = b.store.createTask({ title: "stuck", assignee: "writer" }).task.id;
    b.store.block(stuck, "which region?", { kind: "person", name: "ann" });
    await using s = await connectMcp({ ...home.env, HERMES_PROFILE_NAME: "lead" });

    const mine = await s.call("kanban_list", { assignee: "coder" });
    equal(mine.isError, false);
    const [row] = mine.data.tasks as Record<string, unknown>[];
    deepEqual([row.id, row.status, row.children, row.child_count, row.parents], [
      b.lead,
      "running",
      [child],
      1,
      [],
    ]);
    deepEqual([mine.data.count, mine.data.limit, mine.data.truncated, mine.data.next_limit], [
      1,
      50,
      false,
      null,
    ]);
    const page = await s.call("kanban_list", { assignee: "writer", limit: 2 });
    deepEqual([page.data.count, page.data.truncated, page.data.next_limit], [2, true, 4]);
    const blocked = await s.call("kanban_list", { status: "blocked" });
    deepEqual((blocked.data.tasks as { id: string }[]).map((t) => t.id), [stuck]);
    for (
      const [args, want] of [
        [{ limit: 201 }, /^limit must be at most 200$/],
        [{ limit: 0 }, /^limit must be a positive integer/],
        [{ status: "finished" }, /unknown status 'finished'/],
      ] as const
    ) {
      const r = await s.call("kanban_list", args);
      equal(r.isError, true, JSON.stringify(args));
      match(r.data.error as string, want);
    }

    const un = await s.call("kanban_unblock", { task_id: stuck });
    deepEqual(un.data, { ok: true, task_id: stuck, status: "ready" });
    equal(b.store.requireTask(stuck).status, "ready");
    const again = await s.call("kanban_unblock", { task_id: stuck });
    equal(again.isError, true);
    match(again.data.error as string, new RegExp(`^could not unblock ${stuck}: .*not blocked`));
    const none = await s.call("kanban_unblock", {});
    equal(none.isError, true);
  } finally {
    closeQuietly(b.store);
  }
});

Deno.test("mcp tools take a board: an orchestrator may name any, a worker only its own", async () => {
  await using home = await tempHome();
  const b = board(home.path);
  const ops = openBoard(home.path, "ops", { create: true });
  try {
    const there = ops.createTask({ title: "rotate keys", assignee: "sre" }).task.id;
    await using orch = await connectMcp({ ...home.env, HERMES_PROFILE_NAME: "lead" });
    const listed = await orch.call("kanban_list", { board: "ops" });
    deepEqual((listed.data.tasks as { id: string }[]).map((t) => t.id), [there]);
    const made = await orch.call("kanban_create", {
      board: "ops",
      title: "audit logs",
      assignee: "sre",
    });
    equal(made.isError, false);
    equal(ops.requireTask(made.data.task_id as string).title, "audit logs");
    equal(b.store.getTask(made.data.task_id as string), null, "not on the default board");
    const shown = await orch.call("kanban_show", { board: "ops", task_id: there });
    equal((shown.data.task as { title: string }).title, "rotate keys");
    const missing = await orch.call("kanban_list", { board: "nowhere" });
    deepEqual([missing.isError, missing.data.error], [true, "no board named 'nowhere'"]);
    const bad = await orch.call("kanban_list", { board: "../etc" });
    equal(bad.isError, true);
    match(bad.data.error as string, /^invalid board name/);

    await using worker = await connectMcp(workerEnv(home.env, b.lead, b.runId));
    const before = snapshot(home.path, "ops");
    const out = await worker.call("kanban_comment", { board: "ops", task_id: there, body: "hi" });
    deepEqual([out.isError, out.data.code], [true, "wrong_board"]);
    match(out.data.error as string, /a worker works on the board of its task \('default'\)/);
    deepEqual(snapshot(home.path, "ops"), before);
    const own = await worker.call("kanban_show", { board: "default" });
    equal(own.isError, false);
  } finally {
    closeQuietly(ops);
    closeQuietly(b.store);
  }
});

Deno.test("mcp kanban_complete checks created_cards: a phantom refuses it, recorded; real ones are named", async () => {
  await using home = await tempHome();
  const b = board(home.path);
  try {
    await using s = await connectMcp(workerEnv(home.env, b.lead, b.runId));
    const made = await s.call("kanban_create", { title: "write notes", assignee: "writer" });
    const card = made.data.task_id as string;
    const foreign = b.store.createTask({ title: "not mine", createdBy: "ann" }).task.id;

    const before = b.store.requireTask(b.lead);
    const no = await s.call("kanban_complete", {
      summary: "planned",
      created_cards: [card, foreign, "t_deadbeef"],
    });
    equal(no.isError, true);
    equal(no.data.code, "phantom_cards");
    match(
      no.data.error as string,
      new RegExp(
        `^kanban_complete refused: claimed created_cards .*: ${foreign}, t_deadbeef\\. ` +
          "Nothing changed and your task is still yours",
      ),
    );
    deepEqual(b.store.requireTask(b.lead), before);
    const audit = b.store.showTask(b.lead).events.filter((e) =>
      e.kind === "completion_blocked_hallucination"
    );
    deepEqual(audit.map((e) => e.payload?.phantom_cards), [[foreign, "t_deadbeef"]]);

    const yes = await s.call("kanban_complete", {
      summary: `planned; notes in ${card}`,
      created_cards: [card],
      artifacts: ["/tmp/plan.pdf", "/tmp/plan.pdf", " "],
      metadata: { artifacts: ["/tmp/chart.png"], pages: 3 },
    });
    equal(yes.isError, false, JSON.stringify(yes.data));
    const done = b.store.showTask(b.lead).events.find((e) => e.kind === "completed")!;
    deepEqual(done.payload?.verified_cards, [card]);
    deepEqual(done.payload?.artifacts, ["/tmp/chart.png", "/tmp/plan.pdf"]);
    deepEqual(b.store.runs(b.lead)[0].metadata, {
      artifacts: ["/tmp/chart.png", "/tmp/plan.pdf"],
      pages: 3,
    });
    const bad = await s.call("kanban_complete", { summary: "x", created_cards: 5 });
    equal(bad.isError, true);
    match(bad.data.error as string, /^created_cards must be a list of task ids, got int$/);
  } finally {
    closeQuietly(b.store);
  }
});

Deno.test("mcp kanban_block takes a kind, keeps it with the block, and refuses an unknown one", async () => {
  await using home = await tempHome();
  const b = board(home.path);
  try {
    await using s = await connectMcp(workerEnv(home.env, b.lead, b.runId));
    const bad = await s.call("kanban_block", { reason: "x", kind: "bored" });
    equal(bad.isError, true);
    match(
      bad.data.error as string,
      /^kind must be one of dependency, needs_input, capability, transient \(or omit it\)/,
    );
    equal(b.store.requireTask(b.lead).status, "running");
    const r = await s.call("kanban_block", { reason: "which region?", kind: "needs_input" });
    deepEqual(r.data, {
      ok: true,
      task_id: b.lead,
      run_id: b.runId,
      status: "blocked",
      block_kind: "needs_input",
    });
    const ev = b.store.showTask(b.lead).events.find((e) => e.kind === "blocked")!;
    deepEqual(ev.payload, { reason: "which region?", kind: "needs_input", recurrences: 1 });
  } finally {
    closeQuietly(b.store);
  }
});

Deno.test("mcp masks secrets in what tools store and in what they return", async () => {
  await using home = await tempHome();
  const b = board(home.path);
  const dashboardToken = "dT0k3n_" + "x".repeat(40);
  await Deno.writeTextFile(`${home.path}/dashboard.token`, dashboardToken + "\n", { mode: 0o600 });
  try {
    const github = "ghp_" + "A1b2C3d4E5".repeat(4);
    b.store.comment(b.lead, "ann", `push with ${github}`);
    await using s = await connectMcp(workerEnv(home.env, b.lead, b.runId));
    const shown = await s.call("kanban_show");
    const text = JSON.stringify(shown.data);
    equal(text.includes(github), false, "a token a person wrote does not reach the agent");
    match(text, /push with ghp_\[REDACTED\]/);

    const note = await s.call("kanban_comment", {
      task_id: b.lead,
      body: `the dashboard is at http://127.0.0.1:9119/?token=${dashboardToken} and ` +
        "OPENAI_API_KEY=sk-proj-abcdefghijklmnop1234",
    });
    equal(note.isError, false);
    const stored = b.store.showTask(b.lead).comments.at(-1)!.body;
    equal(stored.includes(dashboardToken), false);
    equal(stored.includes("sk-proj-abcdefghijklmnop1234"), false);
    match(stored, /OPENAI_API_KEY=\[REDACTED\]/);

    const done = await s.call("kanban_complete", {
      summary: "deployed with Authorization: Bearer abc123secretvalue",
      metadata: { api_key: "k-999999", "note": `token ${dashboardToken}` },
    });
    equal(done.isError, false);
    const run = b.store.runs(b.lead)[0];
    equal(run.summary, "deployed with Authorization: Bearer [REDACTED]");
    deepEqual(run.metadata, { api_key: "[REDACTED]", note: "token [REDACTED]" });
  } finally {
    closeQuietly(b.store);
  }
});
