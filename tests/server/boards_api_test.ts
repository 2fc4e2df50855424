/** The board endpoints: Hermes's paths and shapes for listing, creating, describing, removing. */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { startServer } from "./server_support.ts";

const API = "/api/plugins/kanban";

type Obj = Record<string, unknown>;
const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

Deno.test("POST /boards creates a board (idempotently), GET /boards lists it, switch makes it current", async () => {
  await using s = await startServer();
  await using work = await tempHome();
  const c = await s.call<{ board: Obj; current: string }>("POST", `${API}/boards`, {
    slug: "research",
    name: "Research",
    description: "papers",
    icon: "🔬",
    color: "#8b5cf6",
    default_workdir: work.path,
  });
  equal(c.status, 200, JSON.stringify(c.body));
  const real = await Deno.realPath(work.path);
  deepEqual(
    [c.body.board.slug, c.body.board.name, c.body.board.icon, c.body.board.default_workdir],
    ["research", "Research", "🔬", real],
  );
  equal(c.body.board.default_workspace_kind, "dir");
  equal(c.body.current, "default");
  ok(await exists(`${s.home.path}/kanban/boards/research/kanban.db`));
  const again = await s.call<{ board: Obj }>("POST", `${API}/boards`, {
    slug: "research",
    switch: true,
  });
  equal(again.status, 200);
  deepEqual([again.body.board.name, again.body.board.is_current], ["Research", true]);
  equal(Deno.readTextFileSync(`${s.home.path}/kanban/current`), "research\n");
  const l = await s.call<{ boards: Obj[]; current: string }>("GET", `${API}/boards`);
  equal(l.body.current, "research");
  deepEqual(
    l.body.boards.map((b) => [b.slug, b.name, b.is_current, b.total, b.default_workspace_kind]),
    [["default", "Default", false, 0, "scratch"], ["research", "Research", true, 0, "dir"]],
  );
  // Without ?board= the API acts on the current board, as Hermes's does.
  await s.call("POST", `${API}/tasks`, { title: "on research" });
  const counted = await s.call<{ boards: Obj[] }>("GET", `${API}/boards`);
  deepEqual(counted.body.boards.map((b) => [b.slug, b.counts]), [
    ["default", {}],
    ["research", { ready: 1 }],
  ]);
  const sw = await s.call<Obj>("POST", `${API}/boards/default/switch`);
  deepEqual([sw.status, sw.body], [200, { current: "default" }]);
  const view = await s.call<{ board: string }>("GET", `${API}/board`);
  equal(view.body.board, "default");
});

Deno.test("PATCH /boards/{slug} describes a board; the slug stays", async () => {
  await using s = await startServer();
  await s.call("POST", `${API}/boards`, { slug: "web" });
  const p = await s.call<{ board: Obj }>("PATCH", `${API}/boards/web`, {
    name: "Web Site",
    description: "the public site",
    color: "#111111",
  });
  equal(p.status, 200, JSON.stringify(p.body));
  deepEqual(
    [p.body.board.slug, p.body.board.name, p.body.board.description, p.body.board.color],
    ["web", "Web Site", "the public site", "#111111"],
  );
  const meta = JSON.parse(Deno.readTextFileSync(`${s.home.path}/kanban/boards/web/board.json`));
  deepEqual([meta.name, meta.description], ["Web Site", "the public site"]);
  const cases: Array<[string, string, unknown, number, string]> = [
    ["PATCH", `${API}/boards/nope`, { name: "x" }, 404, "no_board"],
    ["PATCH", `${API}/boards/Bad%20Name`, { name: "x" }, 400, "invalid_board"],
    ["PATCH", `${API}/boards/web`, { name: 5 }, 422, "invalid_body"],
    ["PATCH", `${API}/boards/web`, { default_workdir: "rel" }, 400, "invalid_path"],
    ["POST", `${API}/boards`, {}, 422, "invalid_body"],
    ["POST", `${API}/boards`, { slug: "../x" }, 400, "invalid_board"],
    ["POST", `${API}/boards/nope/switch`, undefined, 404, "no_board"],
  ];
  for (const [method, path, body, status, code] of cases) {
    const r = await s.call<{ error: { code: string } }>(method, path, body);
    equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
    equal(r.body.error.code, code, `${method} ${path}`);
  }
});

Deno.test("DELETE /boards/{slug} archives a board, or deletes it with ?delete=true", async () => {
  await using s = await startServer();
  await s.call("POST", `${API}/boards`, { slug: "old", switch: true });
  const t = await s.call("POST", `${API}/tasks?board=old`, { title: "keep" });
  equal(t.status, 200);
  const def = await s.call<{ error: { code: string } }>("DELETE", `${API}/boards/default`);
  deepEqual([def.status, def.body.error.code], [400, "default_board"]);
  const a = await s.call<{ result: Obj; current: string }>("DELETE", `${API}/boards/old`);
  equal(a.status, 200, JSON.stringify(a.body));
  deepEqual([a.body.result.slug, a.body.result.action, a.body.current], [
    "old",
    "archived",
    "default",
  ]);
  match(String(a.body.result.new_path), /\/kanban\/boards\/_archived\/old-\d+$/);
  ok(await exists(`${a.body.result.new_path}/kanban.db`));
  const gone = await s.call<{ error: { code: string } }>("GET", `${API}/board?board=old`);
  equal(gone.status, 404, "the archived board is no longer served");
  // Recreate it with a task and delete it for good.
  await s.call("POST", `${API}/boards`, { slug: "old" });
  await s.call("POST", `${API}/tasks?board=old`, { title: "x" });
  const refused = await s.call<{ error: { code: string } }>(
    "DELETE",
    `${API}/boards/old?delete=true`,
  );
  deepEqual([refused.status, refused.body.error.code], [409, "board_not_empty"]);
  const d = await s.call<{ result: Obj }>("DELETE", `${API}/boards/old?delete=true&force=true`);
  equal(d.status, 200, JSON.stringify(d.body));
  deepEqual([d.body.result.action, d.body.result.new_path], ["deleted", ""]);
  ok(!(await exists(`${s.home.path}/kanban/boards/old`)));
  const missing = await s.call<{ error: { code: string } }>("DELETE", `${API}/boards/old`);
  deepEqual([missing.status, missing.body.error.code], [404, "no_board"]);
});
