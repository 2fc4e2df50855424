/** The gateway's dispatcher Worker entry is a class: two live side by side in one scope. */

import { deepEqual, equal } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { loadConfig } from "../../lib/config/mod.ts";
import { DispatcherWorker } from "../../lib/gateway/dispatcher_worker.ts";
import type { FromDispatcher } from "../../lib/gateway/messages.ts";
import { openBoard } from "../../lib/store/mod.ts";

Deno.test("dispatcher workers keep no shared state: two dispatch their own homes and stop apart", async () => {
  await using a = await tempHome();
  await using b = await tempHome();
  const hosts = await Promise.all([a, b].map(async (home) => {
    await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  kill_grace_seconds: 0.3\n");
    const config = await loadConfig(home.path, (n) => home.env[n]);
    const got: FromDispatcher[] = [];
    const worker = new DispatcherWorker((m) => got.push(m), { sandboxKill: false });
    worker.receive({
      type: "init",
      home: home.path,
      config,
      env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: home.path },
      version: "test",
      intervalMs: 60_000,
      initialDelayMs: 0,
    });
    return { home, worker, got };
  }));
  for (const h of hosts) {
    await waitFor(() => h.got.find((m) => m.type === "ready"), { what: "ready" });
    deepEqual(h.got.find((m) => m.type === "ready"), { type: "ready", boards: ["default"] });
  }
  // A task made by another connection is picked up through the change feed, on its own home only.
  const store = openBoard(a.path, "default");
  try {
    const t = store.createTask({ title: "for a", assignee: "shell", body: "true" }).task;
    await waitFor(() => store.requireTask(t.id).status === "done", {
      timeoutMs: 15_000,
      what: "the task to be done",
    });
  } finally {
    store.close();
  }
  const [first, second] = hosts;
  first.worker.receive({ type: "shutdown", stopWorkers: false });
  await waitFor(() => first.got.some((m) => m.type === "stopped"), { what: "first stopped" });
  equal(second.got.some((m) => m.type === "stopped"), false, "the other one still runs");
  second.worker.receive({ type: "shutdown", stopWorkers: false });
  await waitFor(() => second.got.some((m) => m.type === "stopped"), { what: "second stopped" });
});
