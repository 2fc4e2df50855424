import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { nonPublicReason, refusedDestination } from "../../lib/gateway/notifier/_destination.ts";
import { Notifier } from "../../lib/gateway/notifier/mod.ts";
import { tempHome } from "../support/home.ts";
import { board, type Logs, notifier, notifyOf, PERSON, receiver } from "./notifier_helpers.ts";

/** A stand-in for DNS: names map to the addresses a resolver would answer. */
function dns(table: Record<string, string[]>): (host: string) => Promise<string[]> {
  return (host) =>
    table[host] ? Promise.resolve(table[host]) : Promise.reject(new Error(`no such host ${host}`));
}

Deno.test("webhook destinations refuse loopback, link-local and private addresses, literal or resolved", async () => {
  const refused = [
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.8",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "fc00::abcd",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.1.2.3",
    "64:ff9b::a9fe:a9fe",
    "ff02::1",
  ];
  for (const ip of refused) ok(nonPublicReason(ip) !== null, `${ip} should be refused`);
  for (const ip of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111"]) {
    equal(nonPublicReason(ip), null, ip);
  }
  const resolve = dns({
    "hooks.example.com": ["93.184.216.34"],
    "rebind.example.com": ["93.184.216.34", "10.0.0.5"],
    "metadata.example.com": ["169.254.169.254"],
  });
  equal(await refusedDestination("https://hooks.example.com/x?k=1", resolve), null);
  match(
    (await refusedDestination("https://rebind.example.com/", resolve))!,
    /rebind\.example\.com resolves to 10\.0\.0\.5 \(private\)/,
  );
  match((await refusedDestination("http://metadata.example.com/", resolve))!, /link-local/);
  match((await refusedDestination("http://localhost:8080/", resolve))!, /loopback/);
  match((await refusedDestination("http://[::1]:8080/", resolve))!, /loopback/);
  // WHATWG URL parsing turns these spellings into 127.0.0.1 before anything looks at them.
  match((await refusedDestination("http://2130706433/", resolve))!, /loopback/);
  match((await refusedDestination("http://0x7f.1/", resolve))!, /loopback/);
});

Deno.test("notifier refuses a loopback webhook by default and redacts its URL; allow_private delivers", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  const secretUrl = `${hook.url}/s3cr3t-path?key=s3cr3t-query`;
  const logs: Logs = [];
  // Built directly, not through the helper, so the default (nothing said) is what is tested.
  const refusing = new Notifier({
    home: home.path,
    env: () => undefined,
    notify: { webhooks: [{ url: secretUrl, max_attempts: 3 }] },
    log: (level, message) => logs.push({ level, message }),
  });
  await refusing.pollOnce(); // the sink is first seen here, at the head
  const t = store.createTask({ title: "private", assignee: "bot" }).task;
  store.complete(t.id, {}, PERSON);
  await refusing.pollOnce();
  equal(hook.hits.length, 0, "nothing reached the loopback listener");
  const rows = notifyOf(store).deliveries({ taskId: t.id });
  deepEqual(rows.map((r) => r.state), ["failed"]);
  match(
    rows[0].last_error ?? "",
    /refused http:\/\/127\.0\.0\.1:\d+\/…: .*loopback.*allow_private/,
  );
  ok(logs.length > 0);
  for (const l of logs) ok(!l.message.includes("s3cr3t"), `log line leaks the URL: ${l.message}`);
  ok(!(rows[0].last_error ?? "").includes("s3cr3t"));

  await using hook2 = receiver();
  const allowing = notifier(home.path, {
    allow_private: false,
    webhooks: [{ url: `${hook2.url}/s3cr3t`, allow_private: true }],
  }, logs);
  await allowing.pollOnce();
  const u = store.createTask({ title: "allowed", assignee: "bot" }).task;
  store.complete(u.id, {}, PERSON);
  await allowing.pollOnce();
  deepEqual(hook2.ok().map((h) => h.body.task.id), [u.id]);
  for (const l of logs) ok(!l.message.includes("s3cr3t"), `log line leaks the URL: ${l.message}`);
});

Deno.test("notifier refuses a subscription to a loopback URL unless kanban.notify allows private", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  const t = store.createTask({ title: "watched", assignee: "bot" }).task;
  notifyOf(store).subscribe({
    taskId: t.id,
    platform: "webhook",
    chatId: hook.url,
    threadId: "",
    userId: null,
  });
  store.block(t.id, "needs a person", PERSON);
  await notifier(home.path, { allow_private: false }).pollOnce();
  equal(hook.hits.length, 0);
  match(notifyOf(store).deliveries({ taskId: t.id })[0].last_error ?? "", /loopback/);

  const u = store.createTask({ title: "watched too", assignee: "bot" }).task;
  notifyOf(store).subscribe({
    taskId: u.id,
    platform: "webhook",
    chatId: hook.url,
    threadId: "",
    userId: null,
  });
  store.block(u.id, "needs a person", PERSON);
  await notifier(home.path, { allow_private: true }).pollOnce();
  deepEqual(hook.ok().map((h) => h.body.task.id), [u.id]);
});
