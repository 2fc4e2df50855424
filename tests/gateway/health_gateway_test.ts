import { match } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { readStateFile, runGateway, writeConfig } from "./gateway_support.ts";

Deno.test("gateway warns, naming the cause, when ready work is not started for six sweeps", async () => {
  await using home = await tempHome();
  writeConfig(home.path, "kanban:\n  dispatch_interval_seconds: 1\n  max_workers: 1\n");
  // --stop-workers: the worker holding the only slot goes away with the gateway.
  await using gw = await runGateway(home, ["--no-dashboard", "--stop-workers"]);
  for (const title of ["hog", "waiting"]) {
    const r = await hermes(
      ["kanban", "create", title, "--assignee", "shell", "--body", "exec sleep 60"],
      { env: home.env },
    );
    match(r.stdout, /Created/);
  }
  await waitFor(() => /dispatcher stuck/.test(gw.stderr()), {
    timeoutMs: 20_000,
    what: "stuck warning",
  });
  match(
    gw.stderr(),
    /ready queue non-empty for 6 consecutive ticks but 0 workers spawned: 1 ready task\(s\) not started: concurrency cap reached \(1 live workers, kanban\.max_workers = 1\)/,
  );
  await waitFor(() => {
    const stuck = (readStateFile(home.path)?.stats as { stuck: { cause: string } | null }).stuck;
    return stuck && /concurrency cap/.test(stuck.cause);
  }, { what: "stuck in state file" });
  const st = await hermes(["gateway", "status"], { env: home.env });
  match(st.stdout, /Warning: 1 ready task\(s\) not started: concurrency cap reached/);
  gw.kill("SIGTERM");
  await gw.status;
});
