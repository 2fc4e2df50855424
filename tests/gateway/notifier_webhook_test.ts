import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { hermes } from "../support/cli.ts";
import {
  board,
  type Logs,
  notifier,
  notifyOf,
  PERSON,
  receiver,
  running,
} from "./notifier_helpers.ts";

Deno.test("notifier retries a failing webhook with backoff and delivers each event once", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  const seen = new Map<number, number>();
  // Every event is refused twice, then accepted.
  await using hook = receiver((hit) => {
    const n = (seen.get(hit.body.event_id) ?? 0) + 1;
    seen.set(hit.body.event_id, n);
    return n <= 2 ? 500 : 200;
  });
  const n = notifier(home.path, {
    webhooks: [{ url: hook.url, backoff_seconds: 0.1, max_attempts: 5 }],
    poll_interval_seconds: 0.05,
  });
  await n.pollOnce(); // the sink is first seen here, at the head
  const a = store.createTask({ title: "write docs", assignee: "writer" }).task;
  const b = store.createTask({ title: "deploy", assignee: "ops" }).task;
  store.complete(a.id, { summary: "docs written\nsecond line" }, PERSON);
  store.block(b.id, "need the prod credentials", PERSON);
  {
    await using _ = running(n);
    await waitFor(() => hook.ok().length === 2, { timeoutMs: 10_000, what: "two deliveries" });
  }
  deepEqual(hook.ok().map((h) => h.body.event).sort(), ["blocked", "completed"]);
  for (const id of seen.keys()) {
    const attempts = hook.hits.filter((h) => h.body.event_id === id);
    deepEqual(attempts.map((h) => h.status), [500, 500, 200]);
    // Equal jitter: the first retry waits at least half of 0.1 s, the second half of 0.2 s.
    ok(attempts[1].at - attempts[0].at >= 45, `first backoff ${attempts[1].at - attempts[0].at}`);
    ok(attempts[2].at - attempts[1].at >= 95, `second backoff ${attempts[2].at - attempts[1].at}`);
  }
  const done = hook.ok().find((h) => h.body.event === "completed")!;
  equal(done.body.message, `✔ @writer Kanban ${a.id} done — write docs\ndocs written`);
  deepEqual(done.body.task, {
    id: a.id,
    title: "write docs",
    assignee: "writer",
    status: "done",
    tenant: null,
  });
  const blocked = hook.ok().find((h) => h.body.event === "blocked")!;
  equal(blocked.body.message, `⏸ @ops Kanban ${b.id} blocked: need the prod credentials`);
  const rows = notifyOf(store).deliveries({ taskId: a.id });
  deepEqual(rows.map((r) => [r.state, r.attempts]), [["sent", 3]]);
});

Deno.test("notifier signs webhook bodies with the sink's secret", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  const n = notifier(home.path, { webhooks: [{ url: hook.url, secret: "s3cret" }] });
  await n.pollOnce();
  const t = store.createTask({ title: "sign me" }).task;
  store.complete(t.id, {}, PERSON);
  await n.pollOnce();
  equal(hook.ok().length, 1);
  const hit = hook.ok()[0];
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode("s3cret"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const sig = hit.headers.get("x-hermes-signature") ?? "";
  match(sig, /^sha256=[0-9a-f]{64}$/);
  const mac = Uint8Array.from(sig.slice(7).match(/../g)!.map((x) => parseInt(x, 16)));
  ok(await crypto.subtle.verify("HMAC", key, mac, new TextEncoder().encode(hit.raw)));
  equal(hit.headers.get("x-hermes-event"), "completed");
  equal(hit.headers.get("content-type"), "application/json");
  match(hit.headers.get("x-hermes-delivery") ?? "", /^default:\d+$/);
});

Deno.test("notifier starts a new sink at the head of the event log", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  const before = store.createTask({ title: "finished before the sink existed" }).task;
  store.complete(before.id, {}, PERSON);
  const logs: Logs = [];
  const n = notifier(home.path, { webhooks: [hook.url] }, logs);
  const first = await n.pollOnce();
  equal(first.queued, 0);
  ok(
    logs.some((l) =>
      /new webhook http:\/\/127\.0\.0\.1:\d+\/… starts after event \d+/.test(l.message)
    ),
  );
  const after = store.createTask({ title: "finished after" }).task;
  store.complete(after.id, {}, PERSON);
  const second = await n.pollOnce();
  equal(second.sent, 1);
  deepEqual(hook.ok().map((h) => h.body.task.id), [after.id]);
});

Deno.test("notifier keeps a hanging sink from delaying the others", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  let release!: () => void;
  const held = new Promise<number>((r) => release = () => r(200));
  await using slow = receiver(() => held);
  await using fast = receiver();
  const n = notifier(home.path, {
    webhooks: [{ url: slow.url, timeout_seconds: 60 }, { url: fast.url }],
    poll_interval_seconds: 0.05,
  });
  await n.pollOnce();
  const ids = ["a", "b", "c"].map((title) => store.createTask({ title }).task.id);
  {
    await using _ = running(n);
    for (const id of ids) store.complete(id, {}, PERSON);
    await waitFor(() => fast.ok().length === 3, { what: "the fast sink's three deliveries" });
    // All three reached the fast sink while the slow one still sits on its first request.
    equal(slow.hits.length, 1);
    equal(slow.hits[0].status, null);
  }
  release();
  // Stopping handed the held delivery back unsent: nothing is lost, no attempt was counted.
  const slowRows = notifyOf(store).deliveries({ taskId: ids[0] }).filter((d) =>
    d.sink === `webhook:${slow.url}`
  );
  deepEqual(slowRows.map((d) => [d.state, d.attempts]), [["pending", 0]]);
});

Deno.test("notifier parks deliveries that cannot succeed and notify-list shows them", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using gone = receiver(() => 404);
  await using broken = receiver(() => 503);
  const n = notifier(home.path, {
    webhooks: [gone.url, { url: broken.url, max_attempts: 2, backoff_seconds: 0.01 }],
    poll_interval_seconds: 0.05,
  });
  await n.pollOnce();
  const t = store.createTask({ title: "unlucky" }).task;
  store.block(t.id, "waiting", PERSON);
  {
    await using _ = running(n);
    await waitFor(() => {
      const rows = notifyOf(store).deliveries({ taskId: t.id });
      return rows.length === 2 && rows.every((d) => d.state === "failed");
    }, { what: "both deliveries parked" });
  }
  equal(gone.hits.length, 1, "a 404 is not retried");
  equal(broken.hits.length, 2, "a 503 is retried up to max_attempts");
  const list = await hermes(["kanban", "notify-list", "--json"], { env: home.env });
  equal(list.code, 0, list.stderr);
  const out = list.json<{
    deliveries: { state: string; attempts: number; last_error: string; sink: string }[];
    sinks: { sink: string; failed: number }[];
  }>();
  deepEqual(
    out.deliveries.map((d) => [d.sink, d.state, d.attempts, d.last_error]).sort(),
    [
      // Sink URLs are shown redacted: their path often holds the receiver's secret.
      [
        `webhook:${broken.url.replace(/\/hook$/, "/…")}`,
        "failed",
        2,
        "HTTP 503 Service Unavailable: boom",
      ],
      [`webhook:${gone.url.replace(/\/hook$/, "/…")}`, "failed", 1, "HTTP 404 Not Found: boom"],
    ].sort(),
  );
  deepEqual(out.sinks.map((s) => s.failed), [1, 1]);
  for (const s of out.sinks) match(s.sink, /^webhook:http:\/\/127\.0\.0\.1:\d+\/…$/);
  const human = await hermes(["kanban", "notify-list"], { env: home.env });
  match(human.stdout, /Deliveries needing attention:/);
  match(human.stdout, new RegExp(`${t.id}  blocked  failed after 2 attempts`));
  match(human.stdout, /HTTP 503 Service Unavailable: boom/);
});
