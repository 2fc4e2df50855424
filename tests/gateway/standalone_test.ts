import { equal, ok } from "../support/assert.ts";
import { runStandalone } from "../../lib/gateway/standalone.ts";
import { lineLogger } from "../../lib/log/mod.ts";
import { fixture } from "../dispatcher/fixture.ts";
import { waitFor } from "../support/wait.ts";

Deno.test("the standalone loop warns once ready work has not started for six ticks, and removes its pid file", async () => {
  await using f = await fixture();
  f.create("nobody's", { assignee: null });
  const lines: string[] = [];
  const stop = new AbortController();
  const pidfile = `${f.home.path}/daemon.pid`;
  let started = false;
  const loop = runStandalone({
    home: f.home.path,
    board: "default",
    config: f.config,
    store: f.store,
    signal: stop.signal,
    baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: f.home.path },
    intervalSeconds: 0.02,
    pidfile,
    started: () => started = Deno.readTextFileSync(pidfile) === `${Deno.pid}\n`,
    onTick: () => {},
    log: lineLogger((l) => lines.push(l)),
  });
  try {
    await waitFor(() => lines.some((l) => l.startsWith("kanban dispatcher stuck")), {
      what: "stuck warning",
    });
  } finally {
    stop.abort();
    await loop;
  }
  ok(started, "the pid file holds our pid before the first tick");
  equal(
    lines.find((l) => l.startsWith("kanban dispatcher stuck")),
    "kanban dispatcher stuck: ready queue non-empty for 6 consecutive ticks but 0 workers " +
      "spawned. Check assignees (unassigned or unknown profiles), 'hermes kanban profiles', " +
      "and the concurrency caps.",
  );
  equal(lines.filter((l) => l.startsWith("kanban dispatcher stuck")).length, 1);
  let gone = false;
  try {
    Deno.statSync(pidfile);
  } catch (e) {
    gone = e instanceof Deno.errors.NotFound;
  }
  ok(gone, "pid file removed");
});
