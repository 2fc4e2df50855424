/**
 * What each verb may reach beyond its files (`needs` in its spec): main.ts revokes `run` and
 * `net` from a verb that does not name them before its arguments are read, so a board verb
 * cannot be made to spawn a process or open a connection whatever its input.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { GROUPS } from "../../commands/registry.ts";
import { REACHES } from "../../lib/cli/spec.ts";

/**
 * The verbs that keep a permission, and why: every other verb gets neither. A verb added to
 * this table needs a reason; a verb that spawns without being here fails its own tests.
 */
const KEEPS: Record<string, string[]> = {
  "kanban archive": ["run"], // git worktree remove
  "kanban claim": ["run"], // git worktree add; /proc through cat(1)
  "kanban gc": ["run"], // git worktree remove
  "kanban doctor": ["run"], // probes bubblewrap, reads /proc through cat(1)
  "kanban profiles": ["run"], // runs each agent's --help to check its flags
  "kanban dispatch": ["run", "net"], // workers; confined workers' egress proxies
  "kanban daemon": ["run", "net"],
  "kanban migrate": ["net"], // the PostgreSQL database of --to/--from
  "gateway run": ["run", "net"], // all of the above, the dashboard, webhooks
  "gateway start": ["run", "net"], // starts the gateway, asks its /healthz
  "gateway restart": ["run", "net"],
  "gateway status": ["run"], // /proc through cat(1)
  "gateway stop": ["run"], // signals the gateway
  // A worker's verbs dial its run's endpoint, a Unix socket (net to Deno): kept for workers only.
  "kanban show": ["endpoint"],
  "kanban context": ["endpoint"],
  "kanban comment": ["endpoint"],
  "kanban heartbeat": ["endpoint"],
  "kanban complete": ["endpoint"],
  "kanban block": ["endpoint"],
  "kanban create": ["endpoint"],
  "kanban link": ["endpoint"],
  "mcp serve": ["endpoint"],
};

Deno.test("each verb names what it reaches, and only the verbs that spawn or dial keep run or net", async () => {
  const seen = new Set<string>();
  for (const g of GROUPS) {
    for (const e of g.entries) {
      const { spec } = await e.load();
      const verb = `${g.name} ${spec.name}`;
      seen.add(verb);
      ok(Array.isArray(spec.needs), `${verb} declares needs`);
      for (const n of spec.needs) ok(REACHES.includes(n), `${verb}: ${n} is a kind of reach`);
      deepEqual([...spec.needs], KEEPS[verb] ?? [], verb);
    }
  }
  for (const verb of Object.keys(KEEPS)) ok(seen.has(verb), `${verb} exists`);
  // The board verbs a worker runs all day keep at most the endpoint, never run or net.
  for (const verb of ["create", "list", "show", "comment", "complete", "block", "heartbeat"]) {
    ok((KEEPS[`kanban ${verb}`] ?? []).every((n) => n === "endpoint"), verb);
  }
  deepEqual(KEEPS["mcp serve"], ["endpoint"], "the MCP server keeps only the endpoint");
});

Deno.test("a board verb runs with run and net revoked; a dispatching verb keeps both", async () => {
  await using home = await tempHome();
  const reach = async (...args: string[]) => {
    const r = await hermes(args, { env: { ...home.env, HERMES_DEBUG_PERMISSIONS: "1" } });
    equal(r.code, 0, r.stderr);
    const m = /^hermes: permissions: (\S+ \S+) reaches (.*)$/m.exec(r.stderr);
    ok(m, `debug line in: ${r.stderr}`);
    return m![2];
  };
  equal(await reach("kanban", "create", "x"), "run=revoked net=revoked");
  // A worker's create dials its endpoint: net kept, run still revoked.
  const asWorker = await hermes(["kanban", "create", "x"], {
    env: { ...home.env, HERMES_DEBUG_PERMISSIONS: "1", HERMES_KANBAN_TASK: "t_00000000" },
  });
  match(asWorker.stderr, /^hermes: permissions: kanban create reaches run=revoked net=kept$/m);
  equal(await reach("kanban", "list"), "run=revoked net=revoked");
  equal(await reach("kanban", "gc", "--dry-run"), "run=kept net=revoked");
  equal(await reach("kanban", "dispatch", "--dry-run"), "run=kept net=kept");
  // Boards in PostgreSQL are reached over the network: every verb keeps net, none gains run.
  const onDatabase = await hermes(["kanban", "boards", "--help"], {
    env: {
      ...home.env,
      HERMES_DEBUG_PERMISSIONS: "1",
      HERMES_KANBAN_DB_URL: "postgres://nobody@127.0.0.1:9/none",
    },
  });
  match(onDatabase.stderr, /^hermes: permissions: kanban boards reaches run=revoked net=kept$/m);
  // Without HERMES_DEBUG_PERMISSIONS nothing is said.
  const quiet = await hermes(["kanban", "list"], { env: home.env });
  equal(quiet.code, 0);
  equal(quiet.stderr, "");
});
