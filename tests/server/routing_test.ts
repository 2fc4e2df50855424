import { equal, ok } from "../support/assert.ts";
import { waitFor } from "../support/wait.ts";
import { startServer, TOKEN } from "./server_support.ts";

const API = "/api/plugins/kanban";

Deno.test("a HEAD of the event stream answers its headers and holds no stream", async () => {
  await using s = await startServer({ events: { pollMs: 50, maxClientsPerPeer: 1 } });
  for (let i = 0; i < 3; i++) {
    const head = await s.handler(
      new Request(`${s.base}${API}/events`, {
        method: "HEAD",
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    );
    equal(head.status, 200);
    ok(head.headers.get("content-type")?.startsWith("text/event-stream"));
    await head.body?.cancel();
  }
  await waitFor(() => s.handler.sseClients() === 0, { timeoutMs: 5000, what: "no client left" });
  const res = await s.fetch(`${API}/events`);
  equal(res.status, 200, "the one stream this client may hold is still free");
  await res.body?.cancel();
});

Deno.test("a 405 lists every method the path takes in its Allow header", async () => {
  await using s = await startServer();
  const links = await s.fetch(`${API}/links`, { method: "PUT" });
  equal(links.status, 405);
  equal(links.headers.get("allow"), "GET, POST, DELETE");
  equal((await links.json()).error.code, "method_not_allowed");
  const task = await s.fetch(`${API}/tasks/t_00000000`, { method: "POST" });
  equal(task.status, 405);
  equal(task.headers.get("allow"), "GET, PATCH, DELETE");
  await task.body?.cancel();
});

Deno.test("unknown API paths need the token before they answer 404", async () => {
  await using s = await startServer();
  for (const path of ["/api", "/api/", `${API}/nothing`, "/api/other"]) {
    const anon = await s.fetch(path, { auth: false });
    equal(anon.status, 401, path);
    await anon.body?.cancel();
    const known = await s.fetch(path);
    equal(known.status, 404, path);
    equal((await known.json()).error.code, "not_found", path);
  }
});

Deno.test("routes match paths as sent, not percent-decoded", async () => {
  await using s = await startServer();
  const encoded = await s.fetch(`${API}/b%6Fard`);
  equal(encoded.status, 404);
  await encoded.body?.cancel();
  const asset = await s.fetch("/favicon%2Esvg", { auth: false });
  equal(asset.status, 404);
  await asset.body?.cancel();
});
