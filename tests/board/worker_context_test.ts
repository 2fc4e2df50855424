import { equal, match, ok } from "../support/assert.ts";
import type { Comment, Run, Task } from "../../lib/board/mod.ts";
import {
  buildWorkerContext,
  clip,
  CONTEXT_CAPS,
  type WorkerContextInput,
} from "../../lib/board/worker_context.ts";
import { taskRecord } from "../support/task_record.ts";

function task(over: Partial<Task> = {}): Task {
  return taskRecord({
    id: "t_0000000a",
    title: "write the notes",
    body: "do it",
    assignee: "writer",
    created_by: "user",
    created_at: 1_700_000_000,
    ...over,
  });
}

function run(over: Partial<Run> = {}): Run {
  return {
    id: 1,
    task_id: "t_0000000a",
    profile: "writer",
    step_key: null,
    status: "crashed",
    claim_lock: null,
    claim_expires: null,
    worker_pid: null,
    max_runtime_seconds: null,
    last_heartbeat_at: null,
    started_at: 1_700_000_100,
    ended_at: 1_700_000_200,
    outcome: "crashed",
    summary: null,
    metadata: null,
    error: "pid 7 not alive",
    exit_code: null,
    log_path: null,
    ...over,
  };
}

function input(over: Partial<WorkerContextInput> = {}): WorkerContextInput {
  return {
    task: task(),
    attempts: [],
    attemptsOmitted: 0,
    parents: [],
    recent: [],
    comments: [],
    commentsOmitted: 0,
    ...over,
  };
}

Deno.test("clip keeps short text and says how much it cut", () => {
  equal(clip("abc", 3), "abc");
  equal(clip("abcdef", 4), "abcd… [truncated, 2 chars omitted]");
  equal(clip("ééé😀😀", 3), "ééé… [truncated, 2 chars omitted]", "counts characters, not units");
});

Deno.test("worker context renders the sections in Hermes's order", () => {
  const comment: Comment = {
    id: 1,
    task_id: "t_0000000a",
    author: "ann",
    body: "hi",
    created_at: 1,
  };
  const md = buildWorkerContext(input({
    attempts: [{ number: 1, run: run() }],
    parents: [{ task: task({ id: "t_0000000b", title: "p", status: "done" }), handoff: "p done" }],
    recent: [{ task: task({ id: "t_0000000c", title: "older", status: "done" }), handoff: "ok" }],
    comments: [comment],
  }));
  const heads = md.split("\n").filter((l) => l.startsWith("#"));
  equal(heads[0], "# Kanban task t_0000000a: write the notes");
  equal(
    heads.filter((h) => h.startsWith("## ")).join(" | "),
    "## Body | ## Prior attempts on this task | ## Parent task results | ## Recent work by @writer | ## Comment thread",
  );
  match(md, /### Attempt 1 — crashed \(writer, 2023-11-14T22:15:00Z\)\nError: pid 7 not alive/);
  match(md, /### t_0000000b: p \(done\)\np done/);
  match(md, /\*\*ann\*\* · 1970-01-01T00:00:01Z\nhi/);
});

Deno.test("worker context leaves out empty sections", () => {
  const md = buildWorkerContext(input({ task: task({ body: null, assignee: null }) }));
  match(md, /## Body\n\n\(no body\)/);
  ok(!md.includes("## Prior attempts"));
  ok(!md.includes("## Parent task results"));
  ok(!md.includes("## Recent work"));
  ok(!md.includes("## Comment thread"));
  match(md, /- Assignee: \(unassigned\)/);
});

Deno.test("worker context enforces its caps on body, fields and comments", () => {
  const body = "b".repeat(CONTEXT_CAPS.bodyChars + 10);
  const summary = "s".repeat(CONTEXT_CAPS.fieldChars + 5);
  const long: Comment = {
    id: 1,
    task_id: "t_0000000a",
    author: "ann",
    body: "c".repeat(CONTEXT_CAPS.commentChars + 7),
    created_at: 1,
  };
  const md = buildWorkerContext(input({
    task: task({ body }),
    attempts: [{ number: 3, run: run({ summary, error: null }) }],
    attemptsOmitted: 2,
    comments: [long],
    commentsOmitted: 4,
  }));
  match(md, /b{8192}… \[truncated, 10 chars omitted\]/);
  match(md, /Summary: s{4096}… \[truncated, 5 chars omitted\]/);
  match(md, /c{2048}… \[truncated, 7 chars omitted\]/);
  match(md, /\(2 earlier attempts not shown\)/);
  match(md, /\(4 earlier comments not shown\)/);
  ok(!md.includes("b".repeat(CONTEXT_CAPS.bodyChars + 1)));
});

Deno.test("worker context tells a reviewer how to approve or send the work back", () => {
  const plain = buildWorkerContext(input({}));
  ok(!plain.includes("reviewing"));
  const md = buildWorkerContext(input({ reviewing: true }));
  match(md, /## You are reviewing this task\n\n/);
  match(md, /hermes kanban complete t_0000000a/);
  match(md, /hermes kanban send-back t_0000000a "what to fix"/);
  ok(md.indexOf("## You are reviewing") < md.indexOf("## Body"), "before the body");
});
