import { equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

Deno.test("kanban daemon without --force prints DEPRECATED and exits 2", async () => {
  await using home = await tempHome();
  const r = await hermes(["kanban", "daemon"], { env: home.env });
  equal(r.code, 2);
  match(r.stderr, /DEPRECATED/);
  match(r.stderr, /hermes gateway start/);
});

Deno.test("kanban daemon help is marked DEPRECATED", async () => {
  await using home = await tempHome();
  const group = await hermes(["kanban", "--help"], { env: home.env });
  match(group.stdout, /daemon\s+DEPRECATED/);
  const own = await hermes(["kanban", "daemon", "--help"], { env: home.env });
  match(own.stdout, /DEPRECATED/);
});
