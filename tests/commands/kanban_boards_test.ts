import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

interface Board {
  slug: string;
  name: string;
  description: string;
  default_workdir: string | null;
  created_at: number | null;
  archived: boolean;
  db_path: string;
  is_current: boolean;
  counts: Record<string, number>;
  total: number;
  exists: boolean;
}

const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

Deno.test("kanban boards create, list and rm a board", async () => {
  await using home = await tempHome();
  const c = await hermes(["kanban", "boards", "create", "research"], { env: home.env });
  equal(c.code, 0, c.stderr);
  const db = `${home.path}/kanban/boards/research/kanban.db`;
  equal(
    c.stdout,
    `Board 'research' created.\n  Display name: Research\n  DB path:      ${db}\n`,
  );
  equal(Deno.statSync(db).mode! & 0o777, 0o600);
  equal(Deno.statSync(`${home.path}/kanban/boards/research`).mode! & 0o777, 0o700);
  const l = await hermes(["kanban", "boards", "list", "--json"], { env: home.env });
  deepEqual(
    l.json<Board[]>().map((b) => [b.slug, b.name, b.db_path, b.exists, b.total, b.is_current]),
    [
      ["default", "Default", `${home.path}/kanban.db`, false, 0, true],
      ["research", "Research", db, true, 0, false],
    ],
  );
  const h = await hermes(["kanban", "boards"], {
    env: { ...home.env, HERMES_KANBAN_BOARD: "research" },
  });
  match(h.stdout, /^ +default +Default +\(new\)\n\* +research +Research +\(empty\)\n/);
  match(h.stdout, /Current board: research\n$/);
  const rm = await hermes(["kanban", "boards", "rm", "research", "--delete"], { env: home.env });
  equal(rm.code, 0, rm.stderr);
  equal(rm.stdout, "Board 'research' deleted.\n");
  ok(!(await exists(`${home.path}/kanban/boards/research`)));
});

Deno.test("kanban boards create is idempotent and describes the board again", async () => {
  await using home = await tempHome();
  await using work = await tempHome();
  const first = await hermes(
    ["kanban", "boards", "create", "Ops", "--name", "Operations", "--description", "on call"],
    { env: home.env },
  );
  equal(first.code, 0, first.stderr);
  await hermes(["kanban", "create", "keep me", "--board", "ops"], { env: home.env });
  const again = await hermes(
    ["kanban", "boards", "create", "ops", "--default-workdir", work.path, "--switch", "--json"],
    { env: home.env },
  );
  equal(again.code, 0, again.stderr);
  const b = again.json<Board & { created: boolean }>();
  deepEqual(
    [b.slug, b.name, b.description, b.default_workdir, b.total, b.created, b.is_current],
    ["ops", "Operations", "on call", await Deno.realPath(work.path), 1, false, true],
  );
  equal(Deno.readTextFileSync(`${home.path}/kanban/current`), "ops\n");
});

Deno.test("kanban boards switch writes Hermes's current-board file, and commands follow it", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "work"], { env: home.env });
  const sw = await hermes(["kanban", "boards", "switch", "work"], { env: home.env });
  equal(sw.code, 0, sw.stderr);
  equal(sw.stdout, "Active board is now 'work'.\n");
  equal(Deno.readTextFileSync(`${home.path}/kanban/current`), "work\n");
  await hermes(["kanban", "create", "on work"], { env: home.env });
  const titles = async (env: Record<string, string>, extra: string[] = []) =>
    (await hermes(["kanban", "list", "--json", ...extra], { env })).json<{ title: string }[]>()
      .map((t) => t.title);
  deepEqual(await titles(home.env), ["on work"]);
  deepEqual(await titles(home.env, ["--board", "default"]), [], "the flag beats the file");
  deepEqual(
    await titles({ ...home.env, HERMES_KANBAN_BOARD: "default" }),
    [],
    "the environment beats the file",
  );
  const show = await hermes(["kanban", "boards", "show", "--board", "default"], { env: home.env });
  match(show.stdout, /^Current board: work\n {2}Display name: Work\n/, "--board does not apply");
  match(show.stdout, /Tasks: +1 total \(ready=1\)\n$/);
  // Hermes switching back (its file holds the name and a newline) is seen at once.
  Deno.writeTextFileSync(`${home.path}/kanban/current`, "default\n");
  deepEqual(await titles(home.env), []);
  // A file naming a board that is gone, or nothing valid, falls back to the default.
  for (const text of ["gone\n", "../x\n", ""]) {
    Deno.writeTextFileSync(`${home.path}/kanban/current`, text);
    const cur = await hermes(["kanban", "boards", "current", "--json"], { env: home.env });
    equal(cur.json<Board>().slug, "default", JSON.stringify(text));
  }
  const pinned = await hermes(["kanban", "boards", "use", "work"], {
    env: { ...home.env, HERMES_KANBAN_BOARD: "default" },
  });
  equal(pinned.code, 0);
  match(pinned.stderr, /HERMES_KANBAN_BOARD=default is set and still wins/);
  const missing = await hermes(["kanban", "boards", "switch", "nope"], { env: home.env });
  equal(missing.code, 1);
  match(missing.stderr, /no board named 'nope'; create it with 'hermes kanban boards create nope'/);
});

Deno.test("kanban boards rename and set-default-workdir write board.json as Hermes does", async () => {
  await using home = await tempHome();
  await using work = await tempHome();
  await hermes(["kanban", "boards", "create", "web"], { env: home.env });
  const meta = `${home.path}/kanban/boards/web/board.json`;
  // A field only Hermes knows survives our writes.
  const before = JSON.parse(Deno.readTextFileSync(meta));
  Deno.writeTextFileSync(meta, JSON.stringify({ ...before, theme: "dark" }, null, 2));
  const rn = await hermes(["kanban", "boards", "rename", "web", "Web Site"], { env: home.env });
  equal(rn.stdout, "Board 'web' renamed to 'Web Site'.\n");
  const wd = await hermes(["kanban", "boards", "set-default-workdir", "web", work.path], {
    env: home.env,
  });
  equal(wd.code, 0, wd.stderr);
  const real = await Deno.realPath(work.path);
  equal(wd.stdout, `Board 'web' default workdir set to '${real}'.\n`);
  deepEqual(JSON.parse(Deno.readTextFileSync(meta)), {
    slug: "web",
    name: "Web Site",
    description: "",
    icon: "",
    color: "",
    default_workdir: real,
    created_at: before.created_at,
    archived: false,
    theme: "dark",
  });
  const clear = await hermes(["kanban", "boards", "set-default-workdir", "web"], {
    env: home.env,
  });
  equal(clear.stdout, "Board 'web' default workdir cleared.\n");
  equal(JSON.parse(Deno.readTextFileSync(meta)).default_workdir, null);
  // The default board is described in boards/default/board.json; its database stays put.
  await hermes(["kanban", "boards", "rename", "default", "Main"], { env: home.env });
  equal(
    JSON.parse(Deno.readTextFileSync(`${home.path}/kanban/boards/default/board.json`)).name,
    "Main",
  );
  const l = await hermes(["kanban", "boards", "--json"], { env: home.env });
  deepEqual(l.json<Board[]>().map((b) => [b.slug, b.name]), [["default", "Main"], [
    "web",
    "Web Site",
  ]]);
  const cases: [string[], number, RegExp][] = [
    [["set-default-workdir", "web", "rel/path"], 2, /not an absolute path/],
    [["set-default-workdir", "web", `${work.path}/missing`], 2, /does not exist; create it first/],
    [["rename", "nope", "X"], 1, /no board named 'nope'/],
    [["rename", "web"], 2, /a display name is required/],
  ];
  for (const [argv, code, msg] of cases) {
    const r = await hermes(["kanban", "boards", ...argv], { env: home.env });
    equal(r.code, code, argv.join(" "));
    match(r.stderr, msg);
  }
});

Deno.test("kanban boards rm archives the board (recoverable) and clears it as the current one", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "busy", "--switch"], { env: home.env });
  await hermes(["kanban", "create", "x"], { env: home.env });
  const def = await hermes(["kanban", "boards", "rm", "default"], { env: home.env });
  equal(def.code, 2);
  match(def.stderr, /the default board cannot be removed/);
  const rm = await hermes(["kanban", "boards", "rm", "busy", "--json"], { env: home.env });
  equal(rm.code, 0, rm.stderr);
  const r = rm.json<{ slug: string; action: string; new_path: string; current: string }>();
  deepEqual([r.slug, r.action, r.current], ["busy", "archived", "default"]);
  match(r.new_path, new RegExp(`^${home.path}/kanban/boards/_archived/busy-\\d+$`));
  ok(await exists(`${r.new_path}/kanban.db`), "the tasks are kept");
  ok(!(await exists(`${home.path}/kanban/current`)), "the current-board file is cleared");
  const l = await hermes(["kanban", "boards", "list", "--all", "--json"], { env: home.env });
  deepEqual(l.json<Board[]>().map((b) => b.slug), ["default"], "_archived is not a board");
  // Recover it by moving the directory back.
  await Deno.rename(r.new_path, `${home.path}/kanban/boards/busy`);
  const back = await hermes(["kanban", "list", "--board", "busy", "--json"], { env: home.env });
  deepEqual(back.json<{ title: string }[]>().map((t) => t.title), ["x"]);
  // Deleting a board with tasks needs --force.
  const del = await hermes(["kanban", "boards", "delete", "busy", "--json"], { env: home.env });
  equal(del.code, 1);
  equal(del.json<{ error: { code: string } }>().error.code, "board_not_empty");
  match(del.stderr, /board 'busy' has 1 task; pass --force/);
  const forced = await hermes(["kanban", "boards", "rm", "busy", "--delete", "--force"], {
    env: home.env,
  });
  equal(forced.code, 0, forced.stderr);
  equal(forced.stdout, "Board 'busy' deleted with its 1 tasks.\n");
  ok(!(await exists(`${home.path}/kanban/boards/busy`)));
});

Deno.test("kanban boards lists archived boards (board.json archived: true) only with --all", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "old"], { env: home.env });
  const meta = `${home.path}/kanban/boards/old/board.json`;
  Deno.writeTextFileSync(
    meta,
    JSON.stringify({ ...JSON.parse(Deno.readTextFileSync(meta)), archived: true }),
  );
  const plain = await hermes(["kanban", "boards", "--json"], { env: home.env });
  deepEqual(plain.json<Board[]>().map((b) => b.slug), ["default"]);
  const all = await hermes(["kanban", "boards", "--all"], { env: home.env });
  match(all.stdout, /old +Old \[archived\] +\(empty\)/);
});

Deno.test("a board Hermes made (board.json, no database yet) is a board: switch, use it", async () => {
  await using home = await tempHome();
  const dir = `${home.path}/kanban/boards/atm10-server`;
  Deno.mkdirSync(dir, { recursive: true });
  Deno.writeTextFileSync(
    `${dir}/board.json`,
    JSON.stringify({ slug: "atm10-server", name: "ATM10 Server ✨", created_at: 1_700_000_000 }),
  );
  Deno.mkdirSync(`${home.path}/kanban`, { recursive: true });
  Deno.writeTextFileSync(`${home.path}/kanban/current`, "atm10-server\n");
  const c = await hermes(["kanban", "create", "hello"], { env: home.env });
  equal(c.code, 0, c.stderr);
  ok(await exists(`${dir}/kanban.db`));
  const l = await hermes(["kanban", "boards", "--json"], { env: home.env });
  deepEqual(
    l.json<Board[]>().map((b) => [b.slug, b.name, b.total, b.is_current, b.created_at]),
    [["default", "Default", 0, false, null], [
      "atm10-server",
      "ATM10 Server ✨",
      1,
      true,
      1_700_000_000,
    ]],
  );
});

Deno.test("kanban boards refuses bad names, unknown boards, actions and misplaced options", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "one"], { env: home.env });
  const cases: [string[], number, RegExp][] = [
    [["boards", "create", "Bad Name"], 2, /invalid board name/],
    [["boards", "create", "../x"], 2, /invalid board name/],
    [["boards", "create"], 2, /a board name is required/],
    [["boards", "rm", "nope"], 1, /no board named 'nope'/],
    [["boards", "frobnicate"], 2, /unknown boards action/],
    [["boards", "list", "extra"], 2, /'boards list' takes no 'extra'/],
    [
      ["boards", "list", "--force"],
      2,
      /--force is not an option of 'boards list' \(it is for 'rm'\)/,
    ],
    [["boards", "create", "two", "--all"], 2, /--all is not an option of 'boards create'/],
    [["list", "--board", "nope"], 2, /no board named 'nope'.*boards create nope/],
  ];
  for (const [argv, code, msg] of cases) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    equal(r.code, code, argv.join(" "));
    match(r.stderr, msg);
    equal(r.stderr.trim().split("\n").length, 1);
  }
  ok(!(await exists(`${home.path}/kanban/boards/nope`)), "nothing created");
  ok(!(await exists(`${home.path}/kanban/boards/two`)), "nothing created");
  const upper = await hermes(["kanban", "list", "--board", "ONE", "--json"], { env: home.env });
  equal(upper.code, 0, "names are lower-cased, as Hermes does");
});

Deno.test("a board's default workdir anchors its worktree tasks that name no repository", async () => {
  await using home = await tempHome();
  const repo = `${home.path}/repo`;
  const git = (...args: string[]) =>
    new Deno.Command("git", {
      args: ["-C", repo, ...args],
      env: {
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@t",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@t",
      },
      stdout: "null",
      stderr: "null",
    }).outputSync();
  Deno.mkdirSync(repo);
  git("init", "-q", "-b", "main");
  git("commit", "-q", "--allow-empty", "-m", "root");
  const mk = await hermes(
    ["kanban", "boards", "create", "code", "--default-workdir", repo, "--switch"],
    { env: home.env },
  );
  equal(mk.code, 0, mk.stderr);
  const c = await hermes(
    [
      "kanban",
      "create",
      "branch",
      "--assignee",
      "shell",
      "--workspace",
      "worktree",
      "--body",
      "git rev-parse --abbrev-ref HEAD",
      "--json",
    ],
    { env: home.env },
  );
  equal(c.code, 0, c.stderr);
  const id = c.json<{ id: string }>().id;
  const r = await hermes(["kanban", "dispatch", "--until-idle", "--json"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const show = await hermes(["kanban", "show", id, "--json"], { env: home.env });
  const t = show.json<{ task: { status: string; result: string } }>().task;
  deepEqual([t.status, t.result], ["done", `hermes/${id}`]);
});
