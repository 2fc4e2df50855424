import { equal, match, ok } from "../support/assert.ts";
import { openDb } from "../support/board.ts";
import { baseEnv, hermes, hermesArgv } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { runGateway } from "./gateway_support.ts";

function status(home: string, id: string): string {
  const db = openDb(home);
  try {
    return (db.prepare("SELECT status FROM tasks WHERE id = ?").get(id) as { status: string })
      .status;
  } finally {
    db.close();
  }
}

Deno.test("gateway stop --drain claims nothing new and waits for running tasks", async () => {
  await using home = await tempHome();
  const marker = `${home.path}/go`;
  await using gw = await runGateway(home);
  const c = await hermes([
    "kanban",
    "create",
    "long",
    "--assignee",
    "shell",
    "--body",
    `i=0; while [ ! -e ${marker} ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done`,
    "--json",
  ], { env: home.env });
  const id = c.json<{ id: string }>().id;
  await waitFor(() => status(home.path, id) === "running", { what: "running" });
  const stop = new Deno.Command(Deno.execPath(), {
    args: hermesArgv(["gateway", "stop", "--drain", "--timeout", "30"]),
    env: { ...baseEnv(), ...home.env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await waitFor(() => gw.stderr().includes("draining"), { what: "draining" });
  const later = await hermes(["kanban", "create", "later", "--assignee", "shell", "--json"], {
    env: home.env,
  });
  const laterId = later.json<{ id: string }>().id;
  Deno.writeTextFileSync(marker, "");
  const out = await stop.output();
  equal(out.code, 0, new TextDecoder().decode(out.stderr));
  match(new TextDecoder().decode(out.stdout), /Gateway stopped/);
  equal(status(home.path, id), "done");
  equal(status(home.path, laterId), "ready", "nothing new was claimed while draining");
  ok((await gw.status).success);
});
