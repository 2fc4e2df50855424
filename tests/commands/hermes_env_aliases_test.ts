import { deepEqual, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

const titles = async (env: Record<string, string>) => {
  const r = await hermes(["kanban", "list", "--json"], { env });
  equal(r.code, 0, r.stderr);
  return { titles: r.json<{ title: string }[]>().map((t) => t.title), stderr: r.stderr };
};

Deno.test("HERMES_KANBAN_HOME stands for HERMES_HOME when that is unset; HERMES_HOME wins, with a warning", async () => {
  await using a = await tempHome();
  await using b = await tempHome();
  await hermes(["kanban", "create", "in a"], { env: a.env });
  await hermes(["kanban", "create", "in b"], { env: b.env });
  // HOME is a temp directory of its own, so a mistake could never reach the real ~/.hermes.
  const noHome: Record<string, string> = { ...a.env, HOME: b.path };
  delete noHome.HERMES_HOME;
  deepEqual(await titles({ ...noHome, HERMES_KANBAN_HOME: a.path }), {
    titles: ["in a"],
    stderr: "",
  });
  deepEqual(await titles({ ...a.env, HERMES_KANBAN_HOME: `${a.path}/` }), {
    titles: ["in a"],
    stderr: "",
  }, "the same place written differently is no conflict");
  const both = await titles({ ...a.env, HERMES_KANBAN_HOME: b.path });
  deepEqual(both.titles, ["in a"]);
  equal(
    both.stderr,
    `hermes: warning: HERMES_HOME (${a.path}) and Hermes's HERMES_KANBAN_HOME (${b.path}) differ; using HERMES_HOME\n`,
  );
});

Deno.test("HERMES_KANBAN_DB picks the board (and home) it is the database of; ours win over it", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "boards", "create", "work"], { env: home.env });
  await hermes(["kanban", "create", "on work", "--board", "work"], { env: home.env });
  await hermes(["kanban", "create", "on default"], { env: home.env });
  const db = `${home.path}/kanban/boards/work/kanban.db`;
  deepEqual(await titles({ ...home.env, HERMES_KANBAN_DB: db }), {
    titles: ["on work"],
    stderr: "",
  });
  await using other = await tempHome();
  const noHome: Record<string, string> = { ...home.env, HOME: other.path };
  delete noHome.HERMES_HOME;
  deepEqual(
    (await titles({ ...noHome, HERMES_KANBAN_DB: `${home.path}/kanban.db` })).titles,
    ["on default"],
    "with HERMES_HOME unset, the database's home is the home",
  );
  const pinned = await titles({
    ...home.env,
    HERMES_KANBAN_DB: db,
    HERMES_KANBAN_BOARD: "default",
  });
  deepEqual(pinned.titles, ["on default"]);
  equal(
    pinned.stderr,
    "hermes: warning: HERMES_KANBAN_BOARD (default) and Hermes's HERMES_KANBAN_DB (board work) differ; using HERMES_KANBAN_BOARD\n",
  );
  const flagged = await hermes(["kanban", "list", "--json", "--board", "default"], {
    env: { ...home.env, HERMES_KANBAN_DB: db },
  });
  deepEqual(flagged.json<{ title: string }[]>().map((t) => t.title), ["on default"]);
  equal(flagged.stderr, "", "a flag beats any variable without a word");
  const elsewhere = await titles({ ...home.env, HERMES_KANBAN_DB: "/srv/other/kanban.db" });
  deepEqual(elsewhere.titles, ["on default"]);
  match(
    elsewhere.stderr,
    /^hermes: warning: Hermes's HERMES_KANBAN_DB \(\/srv\/other\/kanban\.db\) is not a board of .*; ignored\n$/,
  );
});

Deno.test("HERMES_KANBAN_WORKSPACES_ROOT is accepted when it is the board's workspaces, else warned about", async () => {
  await using home = await tempHome();
  const same = await titles({
    ...home.env,
    HERMES_KANBAN_WORKSPACES_ROOT: `${home.path}/kanban/workspaces`,
  });
  equal(same.stderr, "");
  const other = await titles({ ...home.env, HERMES_KANBAN_WORKSPACES_ROOT: "/srv/ws" });
  equal(
    other.stderr,
    `hermes: warning: Hermes's HERMES_KANBAN_WORKSPACES_ROOT (/srv/ws) is not board default's workspaces directory (${home.path}/kanban/workspaces); ignored\n`,
  );
  const bad = await hermes(["kanban", "list"], {
    env: { ...home.env, HERMES_KANBAN_WORKSPACES_ROOT: "rel" },
  });
  equal(bad.code, 2);
  match(bad.stderr, /HERMES_KANBAN_WORKSPACES_ROOT must be an absolute path, got 'rel'/);
});

Deno.test("config.yaml warnings about Hermes's keys reach the person once, before the output", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(
    `${home.path}/config.yaml`,
    "kanban:\n  max_workers: 6\n  max_in_progress: 2\n",
  );
  const r = await hermes(["kanban", "dispatch", "--dry-run"], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(
    r.stderr,
    "hermes: warning: kanban.max_workers (6) and Hermes's kanban.max_in_progress (2) differ; using kanban.max_workers\n",
  );
});
