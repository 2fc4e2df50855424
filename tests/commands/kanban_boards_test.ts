import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

interface Board {
  name: string;
  path: string;
  exists: boolean;
  tasks: number | null;
  current: boolean;
}

Deno.test("kanban boards create, list and rm a board", async () => {
  await using home = await tempHome();
  const c = await hermes(["kanban", "boards", "create", "research"], { env: home.env });
  equal(c.code, 0, c.stderr);
  const db = `${home.path}/kanban/boards/research/kanban.db`;
  equal(c.stdout, `Created board 'research' at ${db}\n`);
  equal(Deno.statSync(db).mode! & 0o777, 0o600);
  equal(Deno.statSync(`${home.path}/kanban/boards/research`).mode! & 0o777, 0o700);
  const l = await hermes(["kanban", "boards", "list", "--json"], { env: home.env });
  deepEqual(l.json<Board[]>(), [
    { name: "default", path: `${home.path}/kanban.db`, exists: false, tasks: null, current: true },
    { name: "research", path: db, exists: true, tasks: 0, current: false },
  ]);
  const h = await hermes(["kanban", "boards"], {
    env: { ...home.env, HERMES_KANBAN_BOARD: "research" },
  });
  match(h.stdout, /^ +default +\(new\) +\S+kanban\.db\n\* +research +0 tasks +\S+\n$/);
  const dup = await hermes(["kanban", "boards", "create", "second", "--json"], { env: home.env });
  deepEqual(dup.json(), {
    name: "second",
    path: `${home.path}/kanban/boards/second/kanban.db`,
    exists: true,
    tasks: 0,
    current: false,
  });
  const rm = await hermes(["kanban", "boards", "rm", "research"], { env: home.env });
  equal(rm.code, 0, rm.stderr);
  equal(rm.stdout, "Removed board 'research'\n");
  ok(!(await Deno.stat(`${home.path}/kanban/boards/research`).catch(() => null)));
});

Deno.test("kanban --board and HERMES_KANBAN_BOARD keep boards apart", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "work"], { env: home.env });
  const c = await hermes(["kanban", "create", "on work", "--board", "work", "--json"], {
    env: home.env,
  });
  equal(c.code, 0, c.stderr);
  const id = c.json<{ id: string }>().id;
  await hermes(["kanban", "create", "on default"], { env: home.env });
  const titles = async (env: Record<string, string>, extra: string[] = []) =>
    (await hermes(["kanban", "list", "--json", ...extra], { env })).json<{ title: string }[]>()
      .map((t) => t.title);
  deepEqual(await titles(home.env), ["on default"]);
  deepEqual(await titles(home.env, ["--board", "work"]), ["on work"]);
  deepEqual(await titles({ ...home.env, HERMES_KANBAN_BOARD: "work" }), ["on work"]);
  deepEqual(
    await titles({ ...home.env, HERMES_KANBAN_BOARD: "work" }, ["--board", "default"]),
    ["on default"],
    "the flag wins over the environment",
  );
  const miss = await hermes(["kanban", "show", id], { env: home.env });
  equal(miss.code, 1, "a task of one board is unknown on another");
  const l = await hermes(["kanban", "boards", "list", "--json"], { env: home.env });
  deepEqual(l.json<Board[]>().map((b) => [b.name, b.tasks]), [["default", 1], ["work", 1]]);
});

Deno.test("kanban boards rm refuses the default board and boards with tasks unless --force", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "busy"], { env: home.env });
  await hermes(["kanban", "create", "x", "--board", "busy"], { env: home.env });
  const def = await hermes(["kanban", "boards", "rm", "default"], { env: home.env });
  equal(def.code, 2);
  match(def.stderr, /the default board cannot be removed/);
  const busy = await hermes(["kanban", "boards", "rm", "busy", "--json"], { env: home.env });
  equal(busy.code, 1);
  equal(busy.json<{ error: { code: string } }>().error.code, "board_not_empty");
  match(busy.stderr, /board 'busy' has 1 task; pass --force/);
  const forced = await hermes(["kanban", "boards", "rm", "busy", "--force", "--json"], {
    env: home.env,
  });
  equal(forced.code, 0, forced.stderr);
  deepEqual(forced.json(), {
    ok: true,
    name: "busy",
    path: `${home.path}/kanban/boards/busy/kanban.db`,
    tasks: 1,
  });
});

Deno.test("kanban boards refuses bad names, duplicates, unknown boards and actions", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "one"], { env: home.env });
  const cases: [string[], number, RegExp][] = [
    [["boards", "create", "Bad Name"], 2, /invalid board name/],
    [["boards", "create", "../x"], 2, /invalid board name/],
    [["boards", "create", "one"], 1, /board 'one' already exists/],
    [["boards", "create"], 2, /a board name is required/],
    [["boards", "rm", "nope"], 1, /no board named 'nope'/],
    [["boards", "frobnicate"], 2, /unknown boards action/],
    [["list", "--board", "nope"], 2, /no board named 'nope'.*boards create nope/],
  ];
  for (const [argv, code, msg] of cases) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    equal(r.code, code, argv.join(" "));
    match(r.stderr, msg);
    equal(r.stderr.trim().split("\n").length, 1);
  }
  ok(!(await Deno.stat(`${home.path}/kanban/boards/nope`).catch(() => null)), "nothing created");
});
