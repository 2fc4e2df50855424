import { deepEqual as assertEquals, equal, match } from "node:assert/strict";
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
