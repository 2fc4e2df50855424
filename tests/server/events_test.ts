/** Live events: server-sent batches of the event log, from any writer, resumable, bounded. */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { EventHub } from "../../lib/server/_events.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { readSse, startServer } from "./server_support.ts";

const API = "/api/plugins/kanban";

type Batch = { events: Array<{ id: number; kind: string; task_id: string }>; cursor: number };

Deno.test("events stream a change made by the CLI in another process within a second", async () => {
  await using s = await startServer();
  const res = await s.fetch(`${API}/events`);
  equal(res.status, 200);
  equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
  const cli = hermes(["kanban", "create", "from the cli", "--json"], { env: s.home.env });
  const got = readSse(res, (ms) => ms.some((m) => m.event === "message"), 15_000)
    .then((messages) => ({ messages, at: Date.now() }));
  const out = await cli;
  const exitedAt = Date.now();
  const { messages, at } = await got;
  equal(out.code, 0, out.stderr);
  ok(at - exitedAt < 1000, `event arrived ${at - exitedAt} ms after the CLI exited`);
  const id = out.json<{ id: string }>().id;
  const hello = messages.find((m) => m.event === "hello")!.data as { cursor: number };
  equal(hello.cursor, 0);
  const batch = messages.find((m) => m.event === "message")!;
  const data = batch.data as Batch;
  deepEqual(data.events.map((e) => [e.task_id, e.kind]), [[id, "created"]]);
  equal(batch.id, String(data.cursor));
});

Deno.test("events stream API writes, and a client resumes after its Last-Event-ID", async () => {
  await using s = await startServer();
  const res = await s.fetch(`${API}/events`);
  const created = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "x" });
  const first = await readSse(res, (ms) => ms.some((m) => m.event === "message"));
  const batch = first.find((m) => m.event === "message")!;
  const cursor = Number(batch.id);
  // While nobody listens, two more changes happen.
  const id = created.body.task.id;
  await s.call("POST", `${API}/tasks/${id}/comments`, { body: "one" });
  await s.call("PATCH", `${API}/tasks/${id}`, { priority: 4 });
  const again = await s.fetch(`${API}/events`, { headers: { "last-event-id": String(cursor) } });
  const resumed = await readSse(again, (ms) => ms.some((m) => m.event === "message"));
  const kinds = resumed.filter((m) => m.event === "message")
    .flatMap((m) => (m.data as Batch).events.map((e) => e.kind));
  deepEqual(kinds, ["commented", "reprioritized"]);
});

Deno.test("events tell a client too far behind to reload instead of replaying everything", async () => {
  await using s = await startServer({ events: { pollMs: 50, maxCatchUp: 3 } });
  for (let i = 0; i < 5; i++) await s.call("POST", `${API}/tasks`, { title: `t${i}` });
  // A first client starts the feed at the head; a second resumes from 0.
  const live = await s.fetch(`${API}/events`);
  await readSse(live, (ms) => ms.some((m) => m.event === "hello"));
  const late = await s.fetch(`${API}/events?since=0`);
  const ms = await readSse(late, (ms) => ms.some((m) => m.event === "reset"));
  deepEqual(ms.find((m) => m.event === "reset")!.data, { cursor: 5 });
  equal(ms.filter((m) => m.event === "message").length, 0);
});

Deno.test("events notice a disconnected client and stop watching the board", async () => {
  await using s = await startServer();
  const ac = new AbortController();
  const res = await s.fetch(`${API}/events`, { signal: ac.signal });
  await readSse(res, (ms) => ms.some((m) => m.event === "hello"));
  await waitFor(() => s.handler.sseClients() === 0, { timeoutMs: 5000, what: "reader cancelled" });
  const res2 = await s.fetch(`${API}/events`, { signal: ac.signal });
  const reader = res2.body!.getReader();
  await reader.read();
  equal(s.handler.sseClients(), 1);
  ac.abort();
  await reader.cancel().catch(() => {});
  await waitFor(() => s.handler.sseClients() === 0, { timeoutMs: 5000, what: "client dropped" });
});

Deno.test("events cap the streams one client may hold: the next one gets 429 until one closes", async () => {
  await using s = await startServer({ events: { pollMs: 50, maxClientsPerPeer: 3 } });
  const open: ReadableStreamDefaultReader<Uint8Array>[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const res = await s.fetch(`${API}/events`);
      equal(res.status, 200);
      const reader = res.body!.getReader();
      await reader.read();
      open.push(reader);
    }
    const over = await s.fetch(`${API}/events`);
    equal(over.status, 429);
    equal((await over.json()).error.code, "too_many_streams");
    await open.pop()!.cancel();
    await waitFor(() => s.handler.sseClients() === 2, { timeoutMs: 5000, what: "one closed" });
    const again = await s.fetch(`${API}/events`);
    equal(again.status, 200);
    const reader = again.body!.getReader();
    await reader.read();
    open.push(reader);
  } finally {
    for (const r of open) await r.cancel().catch(() => {});
  }
});

Deno.test("event hub drops a client that stops reading instead of buffering without end", async () => {
  await using home = await tempHome();
  const store = openBoard(home.path, "default", { create: true });
  const hub = new EventHub(home.path, { pollMs: 10_000, maxQueuedBytes: 2048 });
  try {
    const stream = hub.subscribe("default", null);
    equal(hub.clientCount(), 1);
    for (let i = 0; i < 40; i++) {
      store.createTask({ title: `task ${i} ${"x".repeat(100)}` });
      hub.nudge("default");
      await Promise.resolve();
    }
    await waitFor(() => hub.clientCount() === 0, { timeoutMs: 5000, what: "slow client dropped" });
    await stream.cancel().catch(() => {});
  } finally {
    hub.close();
    store.close();
  }
});

Deno.test("events need the token, and refuse a bad since", async () => {
  await using s = await startServer();
  const no = await s.fetch(`${API}/events`, { auth: false });
  equal(no.status, 401);
  await no.body?.cancel();
  const q = await s.fetch(`${API}/events?token=test-token-0123456789abcdef`, { auth: false });
  equal(q.status, 200, "EventSource clients may pass the token in the query");
  await q.body?.cancel();
  const bad = await s.fetch(`${API}/events?since=-4`);
  equal(bad.status, 400);
  await bad.body?.cancel();
});
