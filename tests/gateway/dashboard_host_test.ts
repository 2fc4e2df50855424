import { equal, match, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { readStateFile, runGateway } from "./gateway_support.ts";

/** The dashboard's base URL and token from the gateway's state file. */
function dashboard(home: string): { base: URL; token: string } {
  const url = new URL(String(readStateFile(home)?.url));
  const token = Deno.readTextFileSync(`${home}/dashboard.token`).trim();
  return { base: url, token };
}

async function api(
  home: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const { base, token } = dashboard(home);
  const res = await fetch(new URL(`api/plugins/kanban${path}`, base), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

Deno.test("gateway relays the dashboard's POST /dispatch to its dispatcher worker", async () => {
  await using home = await tempHome();
  await using _gw = await runGateway(home, ["--port", "0"]);
  const created = await api(home.path, "POST", "/tasks", {
    title: "parked",
    assignee: "shell",
    triage: true,
  });
  equal(created.status, 200, JSON.stringify(created.json));
  const r = await api(home.path, "POST", "/dispatch", { dry_run: true });
  equal(r.status, 200, JSON.stringify(r.json));
  equal(r.json.dry_run, true);
  ok(Array.isArray(r.json.spawned));
});

Deno.test("gateway without its dispatcher answers POST /dispatch with 503 and why", async () => {
  await using home = await tempHome();
  await using _gw = await runGateway(home, ["--port", "0"], {
    env: { HERMES_KANBAN_DISPATCH_IN_GATEWAY: "no" },
  });
  const r = await api(home.path, "POST", "/dispatch", {});
  equal(r.status, 503);
  match(JSON.stringify(r.json), /dispatch/i);
});

Deno.test("gateway's dashboard warns on create only when its dispatcher is off", async () => {
  await using home = await tempHome();
  {
    await using _gw = await runGateway(home, ["--port", "0"]);
    const r = await api(home.path, "POST", "/tasks", { title: "a", assignee: "writer" });
    equal(r.status, 200);
    ok(!r.json.warning, JSON.stringify(r.json));
  }
  await using _off = await runGateway(home, ["--port", "0"], {
    env: { HERMES_KANBAN_DISPATCH_IN_GATEWAY: "0" },
  });
  const r = await api(home.path, "POST", "/tasks", { title: "b", assignee: "writer" });
  equal(r.status, 200);
  match(String(r.json.warning), /dispatch_in_gateway/);
});
