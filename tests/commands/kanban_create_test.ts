import { deepEqual as assertEquals, equal, match } from "../support/assert.ts";
import { MAX_BODY_BYTES } from "../../lib/board/mod.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";

Deno.test("create makes a ready task and list shows it", async () => {
  await using home = await tempHome();
  const c = await hermes(["kanban", "create", "write docs", "--assignee", "writer"], {
    env: home.env,
  });
  equal(c.code, 0, c.stderr);
  match(c.stdout, /^Created t_[0-9a-f]{8} {2}\(ready, assignee=writer\)/);
  const l = await hermes(["kanban", "list", "--json"], { env: home.env });
  const tasks = l.json<{ title: string; status: string }[]>();
  assertEquals(tasks.map((t) => [t.title, t.status]), [["write docs", "ready"]]);
});

Deno.test("create refuses an empty title with exit 2 and no write", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "init"], { env: home.env });
  const before = snapshot(home.path);
  const c = await hermes(["kanban", "create", "   "], { env: home.env });
  equal(c.code, 2);
  equal(c.stderr.trim().split("\n").length, 1);
  match(c.stderr, /title is required/);
  assertEquals(snapshot(home.path), before);
});

Deno.test("list --mine shows the profile's tasks and needs HERMES_PROFILE", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "create", "mine", "--assignee", "coder"], { env: home.env });
  await hermes(["kanban", "create", "theirs", "--assignee", "writer"], { env: home.env });
  const mine = await hermes(["kanban", "list", "--mine", "--json"], {
    env: { ...home.env, HERMES_PROFILE: "coder" },
  });
  assertEquals(mine.json<{ title: string }[]>().map((t) => t.title), ["mine"]);
  const bad = await hermes(["kanban", "list", "--mine", "--json"], { env: home.env });
  equal(bad.code, 2);
  equal(bad.json<{ error: { code: string } }>().error.code, "missing_profile");
});

Deno.test("create --body-file reads the body from a file or standard input", async () => {
  await using home = await tempHome();
  const file = `${home.path}/body.md`;
  await Deno.writeTextFile(file, "# Steps\n\n- one\n- two\n");
  const a = await hermes(["kanban", "create", "from file", "--body-file", file, "--json"], {
    env: home.env,
  });
  equal(a.code, 0, a.stderr);
  equal(a.json<{ body: string }>().body, "# Steps\n\n- one\n- two\n");
  const b = await hermes(["kanban", "create", "from stdin", "--body-file", "-", "--json"], {
    env: home.env,
    stdin: "piped body",
  });
  equal(b.code, 0, b.stderr);
  equal(b.json<{ body: string }>().body, "piped body");
});

Deno.test("create refuses a body over the limit, or two bodies, with exit 2 and no write", async () => {
  await using home = await tempHome();
  await hermes(["kanban", "init"], { env: home.env });
  const before = snapshot(home.path);
  const big = `${home.path}/big.txt`;
  await Deno.writeTextFile(big, "x".repeat(MAX_BODY_BYTES + 1));
  const tooBig = await hermes(["kanban", "create", "huge", "--body-file", big], { env: home.env });
  equal(tooBig.code, 2);
  match(tooBig.stderr, /body is too large: 1048577 bytes \(limit 1048576 bytes\)/);
  equal(tooBig.stderr.trim().split("\n").length, 1);
  const piped = await hermes(["kanban", "create", "huge", "--body-file", "-"], {
    env: home.env,
    stdin: "y".repeat(MAX_BODY_BYTES + 10),
  });
  equal(piped.code, 2);
  match(piped.stderr, /body is too large/);
  const both = await hermes(["kanban", "create", "t", "--body", "a", "--body-file", big], {
    env: home.env,
  });
  equal(both.code, 2);
  match(both.stderr, /not both/);
  const missing = await hermes(["kanban", "create", "t", "--body-file", `${home.path}/nope`], {
    env: home.env,
  });
  equal(missing.code, 2);
  match(missing.stderr, /no such file/);
  assertEquals(snapshot(home.path), before);
});

Deno.test("create --workspace dir: takes a path under the workspace roots only", async () => {
  await using home = await tempHome();
  const kanban = (...args: string[]) => hermes(["kanban", ...args], { env: home.env });
  // kanban.workspace_roots is empty: HERMES_HOME is the one root.
  const inHome = await kanban("create", "in", "--workspace", `dir:${home.path}/app`, "--json");
  equal(inHome.code, 0, inHome.stderr);
  equal(inHome.json<{ workspace_path: string }>().workspace_path, `${home.path}/app`);
  const before = snapshot(home.path);
  const out = await kanban("create", "out", "--workspace", "dir:/x");
  equal(out.code, 1);
  equal(
    out.stderr,
    `hermes: workspace dir: /x is outside HERMES_HOME (${home.path}), the only workspace root ` +
      "while kanban.workspace_roots is empty; list its directory there in config.yaml\n",
  );
  const json = await kanban("create", "out", "--workspace", "dir:/x", "--json");
  equal(json.code, 1);
  equal(json.json<{ error: { code: string } }>().error.code, "workspace_outside_roots");
  assertEquals(snapshot(home.path), before);

  // Listing roots replaces HERMES_HOME.
  Deno.writeTextFileSync(`${home.path}/config.yaml`, "kanban:\n  workspace_roots: [/srv/work]\n");
  equal((await kanban("create", "w", "--workspace", "dir:/srv/work/app")).code, 0);
  const home2 = await kanban("create", "h", "--workspace", `dir:${home.path}/app`);
  equal(home2.code, 1);
  match(
    home2.stderr,
    /^hermes: workspace dir: .* is outside kanban\.workspace_roots \(\/srv\/work\)\n$/,
  );
});
