/**
 * The operation layer's schemas: every field problem is refused here, once, with one message,
 * a code and a kind; the front ends only map kinds to their statuses (tested at the end).
 */

import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import {
  type ErrorKind,
  EXIT_STATUS,
  HermesError,
  InvalidInputError,
  MAX_TEXT_BYTES,
  UsageError,
  workspaceRoots,
} from "../../lib/board/mod.ts";
import {
  AssignTask,
  BlockTask,
  comment,
  CommentOn,
  CompleteTask,
  CreateTask,
  createTask,
  EditTask,
  jsonSchema,
  LinkTasks,
  listFilter,
  type OpContext,
  ReclaimTask,
  requiring,
} from "../../lib/ops/mod.ts";
import { fromError, HTTP_STATUS, HttpError } from "../../lib/server/responses.ts";
import { callTool, MCP_CODE, type ToolScope } from "../../lib/mcp/tools.ts";
import { PERSON, withBoard } from "../board/fixtures.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";

const OPS: OpContext = { actor: PERSON, author: "tester" };

/** The error `fn` throws, checked to be one of ours. */
function refusal(fn: () => unknown): HermesError {
  try {
    fn();
  } catch (e) {
    ok(e instanceof HermesError, `not a HermesError: ${e}`);
    return e;
  }
  throw new Error("expected a refusal");
}

/** [kind, code, message] of the refusal of `fn`. */
function said(fn: () => unknown): [ErrorKind, string, string] {
  const e = refusal(fn);
  return [e.kind, e.code, e.message];
}

Deno.test("create schema refuses each malformed field with one message", () => {
  const cases: [Record<string, unknown>, [ErrorKind, string, string]][] = [
    [{}, ["invalid_input", "missing_field", "title is required"]],
    [{ title: 5 }, ["invalid_input", "invalid_input", "title must be a string, got int"]],
    [{ title: "x", body: [] }, [
      "invalid_input",
      "invalid_input",
      "body must be a string, got list",
    ]],
    [{ title: "x", parents: 7 }, [
      "invalid_input",
      "invalid_input",
      "parents must be a list of task ids, got int",
    ]],
    [{ title: "x", priority: "high" }, [
      "invalid_input",
      "invalid_priority",
      "invalid priority 'high': expected an integer from -1000 to 1000",
    ]],
    [{ title: "x", priority: 5000 }, [
      "invalid_input",
      "invalid_priority",
      "invalid priority '5000': expected an integer from -1000 to 1000",
    ]],
    [{ title: "x", priority: "5" }, [
      "invalid_input",
      "invalid_priority",
      "invalid priority '5': expected an integer from -1000 to 1000",
    ]],
    [{ title: "x", workspace_kind: "cloud" }, [
      "usage",
      "invalid_workspace",
      "unknown workspace_kind 'cloud': expected scratch, worktree or dir",
    ]],
    [{ title: "x", triage: "yes" }, [
      "invalid_input",
      "invalid_input",
      "triage must be true or false, got str",
    ]],
    [{ title: "x", max_retries: 0 }, [
      "invalid_input",
      "invalid_input",
      "max_retries must be an integer from 1 to 1000, got '0'",
    ]],
    [{ title: "x", assignee: "a".repeat(201) }, [
      "invalid_input",
      "invalid_input",
      "assignee must be at most 200 characters",
    ]],
  ];
  for (const [input, want] of cases) {
    deepEqual(said(() => CreateTask.parse(input)), want, JSON.stringify(input));
  }
});

Deno.test("create schema reads numbers from text only on the command line", () => {
  equal(CreateTask.parse({ title: "x", priority: "7" }, "text").priority, 7);
  equal(CreateTask.parse({ title: "x", priority: 7 }).priority, 7);
  deepEqual(CreateTask.parse({ title: "x", parents: " t_1 " }).parents, ["t_1"]);
  equal(CreateTask.parse({ title: "x", skills: null }).skills, null, "the web board sends null");
  deepEqual(
    said(() => CreateTask.parse({ title: "x", parents: null }))[2],
    "parents must be a list of task ids, got null",
  );
  equal(CreateTask.parse({ title: "x", assignee: "  " }).assignee, null);
  equal(CreateTask.parse({ title: "x", workspace_kind: " " }).workspace_kind, null);
});

Deno.test("create refuses workspaces, skills and titles the board cannot take, writing nothing", async () => {
  await using home = await tempHome();
  withBoard(home.path, () => {}); // the board exists before the snapshot
  const before = snapshot(home.path);
  const cases: [Record<string, unknown>, [ErrorKind, string, RegExp]][] = [
    [{ workspace_kind: "dir" }, [
      "usage",
      "invalid_path",
      /^workspace_kind 'dir' needs workspace_path/,
    ]],
    [{ workspace_path: "/tmp" }, ["usage", "invalid_path", /only for workspace_kind 'dir' or/]],
    [{ workspace_kind: "dir", workspace_path: "rel" }, [
      "usage",
      "invalid_path",
      /^workspace_path: 'rel' is not an absolute path/,
    ]],
    [{ skills: ["a,b"] }, ["usage", "invalid_skill", /^skill name cannot contain comma: a,b$/]],
    [{ title: "   " }, ["usage", "invalid_title", /^title is required \(got an empty title\)$/]],
  ];
  for (const [extra, [kind, code, message]] of cases) {
    const [k, c, m] = withBoard(
      home.path,
      (s) => said(() => createTask(s, { title: "x", ...extra }, OPS)),
    );
    deepEqual([k, c], [kind, code], JSON.stringify(extra));
    ok(message.test(m), m);
  }
  deepEqual(snapshot(home.path), before);
});

Deno.test("create records the author cleaned, or the caller's fallback", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const given = createTask(s, { title: "a", created_by: " rev\u0007iewer " }, OPS).task;
    equal(given.created_by, "reviewer");
    const none = createTask(s, { title: "b", created_by: "\u0007" }, OPS).task;
    equal(none.created_by, "tester");
    const worktree = createTask(s, {
      title: "c",
      workspace_kind: "worktree",
      workspace_path: "/srv/repo/",
    }, { ...OPS, workspaceRoots: { dirs: ["/srv"], configured: true } }).task;
    deepEqual([worktree.workspace_kind, worktree.workspace_path], ["worktree", "/srv/repo"]);
  });
});

Deno.test("create refuses a workspace path outside the roots, and any path without roots", async () => {
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const roots = workspaceRoots(home.path, []);
    const dir = (path: string) => ({ title: "d", workspace_kind: "dir", workspace_path: path });
    equal(
      createTask(s, dir(`${home.path}/w`), { ...OPS, workspaceRoots: roots }).task
        .workspace_path,
      `${home.path}/w`,
    );
    const e = refusal(() => createTask(s, dir("/srv/w"), { ...OPS, workspaceRoots: roots }));
    deepEqual([e.code, e.kind], ["workspace_outside_roots", "permission"]);
    equal(
      e.message,
      `workspace dir: /srv/w is outside HERMES_HOME (${home.path}), the only workspace root ` +
        "while kanban.workspace_roots is empty; list its directory there in config.yaml",
    );
    // A front door that forgot the roots lets no path through.
    throws(() => createTask(s, dir(`${home.path}/w`), OPS), /needs OpContext\.workspaceRoots/);
    // Scratch needs no roots.
    equal(createTask(s, { title: "s" }, OPS).task.workspace_kind, "scratch");
  });
});

Deno.test("comment schema tells a missing body from an empty one", async () => {
  deepEqual(said(() => CommentOn.parse({ task_id: "t_1" })), [
    "invalid_input",
    "missing_field",
    "body is required",
  ]);
  deepEqual(said(() => CommentOn.parse({ task_id: "t_1", body: "  " })), [
    "usage",
    "empty_comment",
    "body is required",
  ]);
  deepEqual(said(() => CommentOn.parse({ body: "hi" })), [
    "invalid_input",
    "missing_field",
    "task_id is required: name the task the comment belongs on",
  ]);
  await using home = await tempHome();
  withBoard(home.path, (s) => {
    const id = s.createTask({ title: "t" }).task.id;
    equal(comment(s, { task_id: id, body: "hi" }, OPS).author, "tester");
    equal(comment(s, { task_id: id, body: "hi", author: " a\u0007b " }, OPS).author, "ab");
    deepEqual(said(() => comment(s, { task_id: id, body: "hi", author: "\u0007 " }, OPS)), [
      "usage",
      "invalid_author",
      "author: expected a name of 1-64 printable characters, got '\u0007 '",
    ]);
  });
});

Deno.test("complete, block and link schemas word their refusals once", () => {
  deepEqual(said(() => CompleteTask.parse({ task_id: "t_1", metadata: "files=2" })), [
    "invalid_input",
    "invalid_input",
    "metadata must be an object/dict, got str",
  ]);
  deepEqual(
    said(() => CompleteTask.parse({ task_id: "t_1", metadata: [1] }))[2],
    "metadata must be an object/dict, got list",
  );
  equal(CompleteTask.parse({ task_id: "t_1", summary: "  " }).summary, null);
  deepEqual(said(() => CompleteTask.parse({})), [
    "invalid_input",
    "missing_field",
    "task_id is required (or set HERMES_KANBAN_TASK in the env)",
  ]);
  equal(BlockTask.parse({ task_id: "t_1" }).reason, undefined);
  deepEqual(
    said(() => LinkTasks.parse({ parent_id: "t_1", child_id: " " }))[2],
    "both parent_id and child_id are required",
  );
});

Deno.test("edit schema keeps absent, null and blank apart and caps prose", () => {
  const v = EditTask.parse({ assignee: "  ", status: " Done ", body: null });
  deepEqual([v.assignee, v.status, v.body, v.title, v.priority], [
    null,
    "Done",
    null,
    undefined,
    undefined,
  ]);
  deepEqual(said(() => EditTask.parse({ title: null })), [
    "invalid_input",
    "invalid_input",
    "title must be a string, got null",
  ]);
  const big = "x".repeat(MAX_TEXT_BYTES + 1);
  deepEqual(said(() => EditTask.parse({ block_reason: big })), [
    "usage",
    "too_large",
    `block_reason is too large: ${MAX_TEXT_BYTES + 1} bytes (limit ${MAX_TEXT_BYTES} bytes)`,
  ]);
});

Deno.test("assign and reclaim schemas: blank unassigns, reasons are capped", () => {
  const v = AssignTask.parse({ task_id: " t_1 ", assignee: " ", reclaim: true, reason: " x " });
  deepEqual([v.task_id, v.assignee, v.reclaim, v.reason], ["t_1", null, true, "x"]);
  deepEqual(
    said(() => AssignTask.parse({ task_id: "t_1", reclaim: "yes" }))[2],
    "reclaim must be true or false, got str",
  );
  deepEqual(
    said(() => ReclaimTask.parse({ task_id: "t_1", reason: 3 }))[2],
    "reason must be a string, got int",
  );
});

Deno.test("list schema: statuses, limit and booleans as text, each refused once", () => {
  deepEqual(
    listFilter({ status: ["ready,Done", " "], include_archived: "yes", limit: "5" }, "text"),
    {
      assignee: null,
      status: ["ready", "done"],
      tenant: null,
      includeArchived: true,
      limit: 5,
      sort: undefined,
    },
  );
  equal(listFilter({ status: [] }).status, undefined);
  equal(listFilter({ sort: "created-desc" }, "text").sort, "created-desc");
  deepEqual(said(() => listFilter({ sort: "newest" }, "text")), [
    "usage",
    "invalid_sort",
    "unknown sort 'newest': expected one of priority, priority-desc, created, created-desc, " +
    "status, assignee, title, updated",
  ]);
  deepEqual(said(() => listFilter({ status: ["finished"] }, "text")), [
    "usage",
    "usage",
    "unknown status 'finished': expected one of triage, todo, scheduled, ready, running, blocked, review, done, archived",
  ]);
  deepEqual(said(() => listFilter({ limit: "0" }, "text")), [
    "invalid_input",
    "invalid_limit",
    "limit must be a positive integer, got '0'",
  ]);
  deepEqual(
    said(() => listFilter({ include_archived: "maybe" }, "text"))[2],
    "include_archived must be true or false, got str",
  );
  deepEqual(
    said(() => listFilter({ include_archived: "yes" }))[2],
    "include_archived must be true or false, got str",
  );
});

Deno.test("requiring makes a field required with its message; the JSON Schema follows", () => {
  const Block = requiring(BlockTask, { reason: "reason is required — explain" });
  deepEqual(
    said(() => Block.parse({ task_id: "t_1", reason: "  " }))[2],
    "reason is required — explain",
  );
  const listed = jsonSchema(Block, { task_id: "id", reason: "why" }, ["task_id"]);
  deepEqual(listed.required, ["reason"]);
  deepEqual(Object.keys(listed.properties), ["task_id", "reason"]);
  deepEqual(jsonSchema(CreateTask, { title: "t", priority: "p" }).properties.priority, {
    type: "integer",
    minimum: -1000,
    maximum: 1000,
    description: "p",
  });
});

Deno.test("front ends map an error's kind through their one table", async () => {
  const bad = new InvalidInputError("title", "title is required", "missing_field");
  equal(EXIT_STATUS[bad.kind], 2);
  equal(bad.exitCode, 2);
  const r = fromError(bad, () => {});
  equal(r.status, HTTP_STATUS.invalid_input.status);
  deepEqual(await r.json(), {
    detail: "title is required",
    error: { code: "invalid_body", message: "title is required" },
  });
  const usage = fromError(new UsageError("bad path", "invalid_path"), () => {});
  deepEqual([usage.status, (await usage.json()).error.code], [400, "invalid_path"]);
  const auth = fromError(
    new HttpError("unauthorized", "unauthorized", "no", { "www-authenticate": "Bearer" }),
    () => {},
  );
  deepEqual([auth.status, auth.headers.get("www-authenticate")], [401, "Bearer"]);
  const crash = fromError(new Error("boom"), () => {});
  deepEqual([crash.status, (await crash.json()).error.code], [500, "internal"]);

  equal(MCP_CODE.invalid_input, "invalid_argument");
  const none = () => Promise.reject(new Error("no board needed"));
  const scope: ToolScope = {
    verbs: {
      show: none,
      context: none,
      comment: none,
      heartbeat: none,
      complete: none,
      block: none,
      create: none,
      link: none,
    },
    actor: PERSON,
    tenant: null,
  };
  const mcp = await callTool("kanban_link", { parent_id: "t_1" }, scope);
  equal(mcp.isError, true);
  deepEqual(JSON.parse(mcp.content[0].text), {
    error: "both parent_id and child_id are required",
    code: "invalid_argument",
  });
  throws(() => CreateTask.parse({ title: 1 }), InvalidInputError);
});

Deno.test("a comment cut by max_len always says so, even when the limit is shorter than the note", async () => {
  const { trimComment } = await import("../../lib/ops/tasks.ts");
  equal(trimComment("short", 10), "short", "within the limit: untouched");
  const long = "x".repeat(200);
  const cut = trimComment(long, 60);
  equal([...cut].length <= 60, true);
  match(cut, /\[trimmed to 60 chars by --max-len\]$/);
  const tiny = trimComment(long, 5);
  equal(tiny, "xxxx…", "the note does not fit: an ellipsis marks the cut");
  equal(trimComment(long, 1), "…");
});
