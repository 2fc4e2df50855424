import { deepEqual, equal, match } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { hermes } from "../support/cli.ts";
import { snapshot } from "../support/board.ts";
import {
  board,
  type Logs,
  notifier,
  notifyOf,
  PERSON,
  receiver,
  runEndedElsewhere,
} from "./notifier_helpers.ts";

Deno.test("notify verbs subscribe, list and unsubscribe in human and JSON form", async () => {
  await using home = await tempHome();
  const env = home.env;
  const id = (() => {
    using store = board(home.path);
    return store.createTask({ title: "ship it", assignee: "ops" }).task.id;
  })();
  const url = "http://127.0.0.1:9/hook";
  const kanban = (...args: string[]) => hermes(["kanban", ...args], { env });

  const sub = await kanban("notify-subscribe", id, "--platform", "webhook", "--chat-id", url);
  equal(sub.code, 0, sub.stderr);
  equal(sub.stdout, `Subscribed webhook:http://127.0.0.1:9/… to ${id}\n`);
  const again = await kanban(
    "notify-subscribe",
    id,
    "--platform",
    "webhook",
    "--chat-id",
    url,
    "--json",
  );
  const j = again.json<
    { created: boolean; deliverable: boolean; subscription: { chat_id: string } }
  >();
  deepEqual([j.created, j.deliverable, j.subscription.chat_id], [false, true, url]);
  const tg = await kanban(
    "notify-subscribe",
    id,
    "--platform",
    "Telegram",
    "--chat-id",
    "42",
    "--thread-id",
    "7",
    "--user-id",
    "bob",
  );
  equal(tg.code, 0, tg.stderr);
  equal(tg.stdout, `Subscribed telegram:42:7 to ${id}\n`);
  match(tg.stderr, /delivers only to webhook; the telegram subscription is recorded/);

  const human = await kanban("notify-list", id);
  match(
    human.stdout,
    new RegExp(`${id}  telegram:42:7 +user=bob .*\\(not delivered by this build\\)`),
  );
  match(human.stdout, new RegExp(`${id}  webhook:http://127\\.0\\.0\\.1:9/… `));
  const listed = (await kanban("notify-list", "--json")).json<{
    subscriptions: { platform: string; thread_id: string; user_id: string | null }[];
  }>();
  deepEqual(
    listed.subscriptions.map((s) => [s.platform, s.thread_id, s.user_id]),
    [["webhook", "", null], ["telegram", "7", "bob"]],
  );

  // Bad input: one line, the right exit code, the board untouched.
  const before = snapshot(home.path);
  for (
    const [args, code, pattern] of [
      [
        ["--platform", "webhook", "--chat-id", "not-a-url"],
        2,
        /must be an http:\/\/ or https:\/\//,
      ],
      [["--chat-id", url], 2, /--platform is required/],
      [["--platform", "webhook"], 2, /--chat-id is required: the URL/],
    ] as const
  ) {
    const r = await kanban("notify-subscribe", id, ...args);
    equal(r.code, code, r.stderr);
    equal(r.stderr.trim().split("\n").length, 1);
    match(r.stderr, pattern);
  }
  const unknown = await kanban(
    "notify-subscribe",
    "t_00000000",
    "--platform",
    "webhook",
    "--chat-id",
    url,
  );
  deepEqual([unknown.code, unknown.stderr], [1, "hermes: no such task: t_00000000\n"]);
  deepEqual(snapshot(home.path), before);

  const un = await kanban(
    "notify-unsubscribe",
    id,
    "--platform",
    "telegram",
    "--chat-id",
    "42",
    "--thread-id",
    "7",
  );
  deepEqual([un.code, un.stdout], [0, `Unsubscribed from ${id}\n`]);
  const twice = await kanban("notify-unsubscribe", id, "--platform", "telegram", "--chat-id", "42");
  equal(twice.code, 1);
  equal(
    twice.stderr,
    `hermes: no subscription telegram:42 on ${id} (see 'hermes kanban notify-list ${id}')\n`,
  );
  const unJson = await kanban(
    "notify-unsubscribe",
    id,
    "--platform",
    "webhook",
    "--chat-id",
    url,
    "--json",
  );
  equal(unJson.json<{ unsubscribed: boolean }>().unsubscribed, true);
  equal((await kanban("notify-list", id)).stdout, `(no subscriptions on ${id})\n`);

  {
    using store = board(home.path);
    store.complete(id, {}, PERSON);
  }
  const late = await kanban("notify-subscribe", id, "--platform", "webhook", "--chat-id", url);
  equal(late.code, 1);
  match(late.stderr, /cannot subscribe to t_[0-9a-f]{8}: it is done, so there is nothing left/);
});

Deno.test("a subscription survives a crash and a timeout and ends on completion", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  const id = store.createTask({ title: "flaky", assignee: "bot", maxRuntimeSeconds: 30 }).task.id;
  const notify = notifyOf(store);
  notify.subscribe({
    taskId: id,
    platform: "webhook",
    chatId: hook.url,
    threadId: "",
    userId: "bob",
  });
  notify.subscribe({ taskId: id, platform: "telegram", chatId: "42", threadId: "", userId: null });
  const logs: Logs = [];
  const n = notifier(home.path, {}, logs);
  const platforms = () => notify.subscriptions(id).map((s) => s.platform).sort();

  // A run's worker dies, as the dispatcher records it; the task goes back to ready.
  const first = store.claim(id, "host:1", 900);
  runEndedElsewhere(
    store,
    id,
    { id: first.run.id, status: "crashed", error: "pid 4242 not alive" },
    [
      ["crashed", { pid: 4242, claimer: "host:1" }],
    ],
  );
  store.reclaim(id, null);
  await n.pollOnce();
  equal(
    hook.ok().at(-1)?.body.message,
    `✖ @bot Kanban ${id} worker crashed (pid 4242 gone); will retry`,
  );
  deepEqual(platforms(), ["telegram", "webhook"]);

  // The retry overruns its max runtime and is stopped; it will be retried again.
  const second = store.claim(id, "host:1", 900);
  runEndedElsewhere(
    store,
    id,
    { id: second.run.id, status: "timed_out", error: "elapsed 31s > limit 30s" },
    [["timed_out", { pid: 4243, elapsed_seconds: 31, limit_seconds: 30, sigkill: false }]],
  );
  store.reclaim(id, null);
  await n.pollOnce();
  equal(
    hook.ok().at(-1)?.body.message,
    `⏱ @bot Kanban ${id} timed out after 31s (max_runtime=30s); will retry`,
  );
  deepEqual(platforms(), ["telegram", "webhook"]);

  store.complete(id, { summary: "all green\ndetails" }, PERSON);
  await n.pollOnce();
  const done = hook.ok().at(-1)!;
  equal(done.body.message, `✔ @bot Kanban ${id} done — flaky\nall green`);
  deepEqual((done.body as unknown as { subscription: unknown }).subscription, {
    platform: "webhook",
    chat_id: hook.url,
    thread_id: "",
    user_id: "bob",
  });
  deepEqual(platforms(), [], "completion ends every subscription of the task");
  deepEqual(hook.ok().map((h) => h.body.event), ["crashed", "timed_out", "completed"]);
  // The telegram subscription was skipped (cursor advanced) with one log line, not three.
  equal(logs.filter((l) => /platform 'telegram'/.test(l.message)).length, 1);
});

Deno.test("notify-subscribe records the notifier profile as Hermes does, and notify-list shows it", async () => {
  await using home = await tempHome();
  const id = (() => {
    using store = board(home.path);
    return store.createTask({ title: "ship it", assignee: "ops" }).task.id;
  })();
  const kanban = (env: Record<string, string>, ...args: string[]) =>
    hermes(["kanban", ...args], { env: { ...home.env, ...env } });
  const sub = (env: Record<string, string>, chat: string, ...more: string[]) =>
    kanban(env, "notify-subscribe", id, "--platform", "telegram", "--chat-id", chat, ...more);
  // No owner known: none recorded (any notifier delivers it); then one is filled in, once.
  equal((await sub({}, "1")).code, 0);
  equal((await sub({ HERMES_PROFILE: "ops" }, "1")).code, 0);
  equal((await sub({}, "1", "--notifier-profile", "other")).code, 0);
  equal((await sub({ HERMES_PROFILE_NAME: "lead", HERMES_PROFILE: "ops" }, "2")).code, 0);
  equal((await sub({ HERMES_PROFILE: "ops" }, "3", "--notifier-profile", "night-shift")).code, 0);
  const listed = (await kanban({}, "notify-list", id, "--json")).json<{
    subscriptions: { chat_id: string; notifier_profile: string | null }[];
  }>();
  deepEqual(
    listed.subscriptions.map((s) => [s.chat_id, s.notifier_profile]),
    [["1", "ops"], ["2", "lead"], ["3", "night-shift"]],
  );
  match((await kanban({}, "notify-list", id)).stdout, /telegram:3 +owner=night-shift /);
  const before = snapshot(home.path);
  for (const bad of ["", "../x", "a b"]) {
    const r = await sub({}, "4", "--notifier-profile", bad);
    equal(r.code, 2, r.stderr);
    match(r.stderr, /--notifier-profile/);
  }
  deepEqual(snapshot(home.path), before);
});
