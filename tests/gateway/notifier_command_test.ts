import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { runHook } from "../../lib/gateway/notifier/_command_hook.ts";
import { tempHome } from "../support/home.ts";
import { board, notifier, notifyOf, PERSON } from "./notifier_helpers.ts";

Deno.test("command hook reads the event JSON on stdin with a clean environment", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  const out = `${home.path}/hook`;
  const n = notifier(
    home.path,
    { command: ["sh", "-c", `cat > ${out}.json; env > ${out}.env`] },
    [],
    { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", API_TOKEN: "must-not-leak" },
  );
  await n.pollOnce();
  const t = store.createTask({ title: "needs a person", assignee: "ops", tenant: "acme" }).task;
  store.block(t.id, "which region?", PERSON);
  const r = await n.pollOnce();
  equal(r.sent, 1);
  const body = JSON.parse(await Deno.readTextFile(`${out}.json`));
  deepEqual(
    [body.event, body.board, body.task, body.message],
    [
      "blocked",
      "default",
      { id: t.id, title: "needs a person", assignee: "ops", status: "blocked", tenant: "acme" },
      `⏸ @ops Kanban ${t.id} blocked: which region?`,
    ],
  );
  const env = Object.fromEntries(
    (await Deno.readTextFile(`${out}.env`)).trim().split("\n").map((l) => {
      const i = l.indexOf("=");
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
  equal(env.API_TOKEN, undefined, "the gateway's environment does not leak into the hook");
  deepEqual(
    [env.HERMES_NOTIFY_EVENT, env.HERMES_NOTIFY_TASK, env.HERMES_KANBAN_BOARD, env.HERMES_HOME],
    ["blocked", t.id, "default", home.path],
  );
  ok(env.PATH);
});

Deno.test("command hook is killed at its timeout and a missing command is parked at once", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  const slow = notifier(
    home.path,
    {
      command: { argv: ["sleep", "30"], timeout_seconds: 0.2, max_attempts: 1 },
    },
    [],
    { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
  );
  await slow.pollOnce();
  const a = store.createTask({ title: "a" }).task;
  store.complete(a.id, {}, PERSON);
  const started = performance.now();
  equal((await slow.pollOnce()).failed, 1);
  ok(performance.now() - started < 5_000, "the hook did not run to its end");
  const [d] = notifyOf(store).deliveries({ taskId: a.id });
  deepEqual([d.state, d.attempts], ["failed", 1]);
  equal(d.last_error, "sleep did not finish within 0.2s (timeout_seconds); killed");

  const missing = notifier(
    home.path,
    {
      command: { argv: ["no-such-hook-xyz"], max_attempts: 5 },
    },
    [],
    { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
  );
  await missing.pollOnce();
  const b = store.createTask({ title: "b" }).task;
  store.complete(b.id, {}, PERSON);
  equal((await missing.pollOnce()).failed, 1);
  const [m] = notifyOf(store).deliveries({ taskId: b.id });
  deepEqual([m.state, m.attempts, m.last_error], [
    "failed",
    1,
    "command not found: no-such-hook-xyz",
  ]);
  match(m.body, /"event":"completed"/);
});

Deno.test("command hook's error keeps whole characters when its stderr tail cuts one", async () => {
  // 1000 three-byte characters: the last 2048 bytes start inside one.
  const script = "i=0; while [ $i -lt 1000 ]; do printf '€' >&2; i=$((i+1)); done; exit 1";
  const r = await runHook(
    { argv: ["sh", "-c", script], stdin: "", timeoutMs: 30_000, vars: {} },
    (name) => name === "PATH" ? Deno.env.get("PATH") : undefined,
    new AbortController().signal,
  );
  ok(!r.ok);
  match(r.error, /^sh exited with code 1: €{300}$/);
});
