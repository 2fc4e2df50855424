import { equal, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

Deno.test("dispatch --until-idle gives up on a task that cannot spawn without waiting for the sweep", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    `${home.path}/config.yaml`,
    "kanban:\n  profiles:\n    ghost:\n      command: [no-such-program-hermes-test]\n      completion: exit_code\n",
  );
  const c = await hermes(["kanban", "create", "typo", "--assignee", "ghost", "--json"], {
    env: home.env,
  });
  equal(c.code, 0, c.stderr);
  const started = Date.now();
  const r = await hermes(["kanban", "dispatch", "--until-idle", "--json"], { env: home.env });
  // The sweep interval is 60 s; the retry after a failed spawn must not wait for it.
  ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  equal(r.code, 1, r.stderr);
  const shown = await hermes(["kanban", "show", c.json<{ id: string }>().id, "--json"], {
    env: home.env,
  });
  const t = shown.json<{ task: { status: string; last_failure_error: string } }>().task;
  equal(t.status, "blocked");
  ok(/not found|no-such-program/.test(t.last_failure_error ?? ""), t.last_failure_error);
});

Deno.test("workers get the dispatcher's lease length, so their heartbeats extend by as much", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  claim_ttl_seconds: 1234\n");
  const c = await hermes([
    "kanban",
    "create",
    "ttl",
    "--assignee",
    "shell",
    "--body",
    'echo "ttl=$HERMES_KANBAN_CLAIM_TTL_SECONDS"',
    "--json",
  ], { env: home.env });
  const r = await hermes(["kanban", "dispatch", "--until-idle"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const shown = await hermes(["kanban", "show", c.json<{ id: string }>().id, "--json"], {
    env: home.env,
  });
  ok(shown.json<{ task: { result: string } }>().task.result.includes("ttl=1234"));
});
