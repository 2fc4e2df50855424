import { doesNotMatch, equal, match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { runGateway } from "./gateway_support.ts";

Deno.test("kanban create warns on stderr when a ready assigned task has no gateway", async () => {
  await using home = await tempHome();
  const r = await hermes(["kanban", "create", "warn me", "--assignee", "nobody-runs-this"], {
    env: home.env,
  });
  equal(r.code, 0, r.stderr);
  match(r.stderr, /hermes gateway start/);
  doesNotMatch(r.stdout, /gateway/);
});

Deno.test("kanban create stays silent when a gateway with dispatch on runs", async () => {
  await using home = await tempHome();
  // "writer" is no profile: the task will not run, but a dispatcher is there to say so.
  await using _gw = await runGateway(home);
  const r = await hermes(["kanban", "create", "quiet", "--assignee", "writer"], { env: home.env });
  equal(r.code, 0, r.stderr);
  doesNotMatch(r.stderr, /hermes gateway start|dispatch_in_gateway/);
});

Deno.test("kanban create warns about dispatch_in_gateway when the gateway dispatches nothing", async () => {
  await using home = await tempHome();
  await using _gw = await runGateway(home, ["--no-dashboard"], {
    env: { HERMES_KANBAN_DISPATCH_IN_GATEWAY: "off" },
  });
  const r = await hermes(["kanban", "create", "idle", "--assignee", "writer"], { env: home.env });
  equal(r.code, 0, r.stderr);
  match(r.stderr, /dispatch_in_gateway/);
});

Deno.test("kanban create never warns for triage, unassigned or --json tasks", async () => {
  await using home = await tempHome();
  for (
    const args of [
      ["kanban", "create", "triage", "--assignee", "writer", "--triage"],
      ["kanban", "create", "nobody"],
      ["kanban", "create", "machine", "--assignee", "writer", "--json"],
    ]
  ) {
    const r = await hermes(args, { env: home.env });
    equal(r.code, 0, r.stderr);
    doesNotMatch(r.stderr, /gateway/, args.join(" "));
  }
});

Deno.test("kanban init names 'hermes gateway start' as the next step", async () => {
  await using home = await tempHome();
  const r = await hermes(["kanban", "init"], { env: home.env });
  equal(r.code, 0, r.stderr);
  match(r.stdout, /hermes gateway start/);
});
