import { deepEqual, equal, match } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import type { NotifierCommand, NotifierReply } from "../../lib/gateway/notifier/mod.ts";
import { board, notifier, notifyOf, PERSON, receiver, running } from "./notifier_helpers.ts";

const WORKER = new URL("../../lib/gateway/notifier/worker.ts", import.meta.url);

/**
 * The notifier in a Worker allowed HERMES_HOME, loopback net and nothing else. The YAML
 * parser's reads of LOG_TOKENS and LOG_STREAM need no grant: hermes runs with --ignore-env,
 * so a variable outside its list reads as unset (docs/reference/permissions.md).
 */
function narrowedWorker(home: string): { worker: Worker; replies: NotifierReply[] } {
  const worker = new Worker(WORKER, {
    type: "module",
    deno: {
      permissions: {
        read: [home],
        write: [home],
        net: ["127.0.0.1"],
        run: false,
        env: false,
        sys: false,
        ffi: false,
      },
    },
  });
  const replies: NotifierReply[] = [];
  worker.onmessage = (e: MessageEvent<NotifierReply>) => replies.push(e.data);
  return { worker, replies };
}

/** config.yaml with one webhook (and optionally a command hook), polling fast. */
function writeConfig(home: string, url: string, command?: string[]): Promise<void> {
  return Deno.writeTextFile(
    `${home}/config.yaml`,
    `kanban:\n  notify:\n    allow_private: true\n    poll_interval_seconds: 0.05\n    webhooks:\n      - url: ${url}\n` +
      (command ? `    command: ${JSON.stringify(command)}\n` : ""),
  );
}

async function stopWorker(worker: Worker, replies: NotifierReply[]): Promise<void> {
  worker.postMessage({ type: "stop" } satisfies NotifierCommand);
  await waitFor(() => replies.some((r) => r.type === "stopped"), { what: "worker stopped" });
}

Deno.test("notifier worker delivers with only the permissions it is given", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  await writeConfig(home.path, hook.url, ["true"]);
  const { worker, replies } = narrowedWorker(home.path);
  worker.postMessage({ type: "init", home: home.path, env: {} } satisfies NotifierCommand);
  await waitFor(
    () => replies.some((r) => r.type === "log" && /sinks: webhook/.test(r.message)),
    // A Worker loads its module graph before it runs: slow on a loaded 2-core machine.
    { what: "worker read config.yaml", timeoutMs: 60_000 },
  );
  // Sinks register on the worker's first scan, which logs once it has read the config.
  await waitFor(() => notifyOf(store).sinks().length === 2, { what: "sinks registered" });
  const id = store.createTask({ title: "from a worker" }).task.id;
  store.complete(id, {}, PERSON);
  const finished = () =>
    notifyOf(store).deliveries({ taskId: id }).filter((d) => ["sent", "failed"].includes(d.state));
  await waitFor(() => finished().length === 2, { what: "both deliveries finished" });
  await stopWorker(worker, replies);
  deepEqual(hook.ok().map((h) => h.body.task.id), [id]);
  const cmd = notifyOf(store).deliveries({ taskId: id }).find((d) =>
    d.sink.startsWith("command:")
  )!;
  equal(cmd.state, "failed");
  match(cmd.last_error ?? "", /the notifier may not run true \(not among its allowed commands\)/);
  deepEqual(replies.filter((r) => r.type === "error"), []);
});

Deno.test("two notifiers on one board, one in a worker, never queue or send an event twice", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  // The receiver is on loopback: both notifiers must be told private addresses are fine.
  const notify = { webhooks: [hook.url], poll_interval_seconds: 0.05, allow_private: true };
  const local = notifier(home.path, notify);
  await local.pollOnce(); // the sink is first seen here, at the head
  const { worker, replies } = narrowedWorker(home.path);
  worker.postMessage({ type: "init", home: home.path, env: {}, notify } satisfies NotifierCommand);
  const ids: string[] = [];
  {
    await using _ = running(local);
    await waitFor(() => replies.some((r) => r.type === "ready"), {
      what: "worker ready",
      timeoutMs: 60_000,
    });
    for (let i = 0; i < 20; i++) {
      const id = store.createTask({ title: `task ${i}` }).task.id;
      store.complete(id, {}, PERSON);
      ids.push(id);
    }
    await waitFor(() => hook.ok().length === 20, { what: "20 deliveries" });
    await stopWorker(worker, replies);
  }
  deepEqual(hook.ok().map((h) => h.body.task.id).sort(), [...ids].sort());
  equal(hook.hits.length, 20, "no event was sent twice");
  deepEqual(replies.filter((r) => r.type === "error"), []);
});
