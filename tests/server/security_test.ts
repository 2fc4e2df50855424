/** Security: token on every data route, Host and Origin checks, body limits, no traversal. */

import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import { createHandler, MIN_TOKEN_LENGTH } from "../../lib/server/mod.ts";
import { snapshot } from "../support/board.ts";
import { tempHome } from "../support/home.ts";
import { METRICS_TOKEN, startServer, TOKEN } from "./server_support.ts";

const API = "/api/plugins/kanban";

/** Every API route with a request that would succeed with the token. */
function routes(id: string): Array<[string, string, unknown?]> {
  return [
    ["GET", `${API}/board`],
    ["GET", `${API}/boards`],
    ["POST", `${API}/boards`, { slug: "new-board" }],
    ["PATCH", `${API}/boards/default`, { name: "Main" }],
    ["DELETE", `${API}/boards/other`],
    ["POST", `${API}/boards/default/switch`],
    ["GET", `${API}/tasks/${id}`],
    ["POST", `${API}/tasks`, { title: "x" }],
    ["PATCH", `${API}/tasks/${id}`, { priority: 1 }],
    ["POST", `${API}/tasks/bulk`, { ids: [id], priority: 2 }],
    ["POST", `${API}/tasks/${id}/comments`, { body: "c" }],
    ["GET", `${API}/tasks/${id}/log`],
    ["GET", `${API}/links`],
    ["POST", `${API}/links`, { parent_id: id, child_id: id }],
    ["DELETE", `${API}/links?parent_id=${id}&child_id=${id}`],
    ["GET", `${API}/stats`],
    ["GET", `${API}/assignees`],
    ["GET", `${API}/config`],
    ["POST", `${API}/dispatch`],
    ["GET", `${API}/events`],
    ["GET", "/metrics"],
    ["GET", `${API}/no-such-route`],
  ];
}

Deno.test("every data route refuses a request without the token or with a wrong one", async () => {
  await using s = await startServer();
  const t = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "secret" });
  const before = snapshot(s.home.path);
  for (const [method, path, body] of routes(t.body.task.id)) {
    for (
      const auth of <Record<string, string>[]> [
        {},
        { authorization: "Bearer wrong-token-0123456789" },
        { authorization: `Basic ${TOKEN}` },
        { cookie: `hermes_token_${s.port}=nope` },
        { cookie: `hermes_token_1=${TOKEN}` },
      ]
    ) {
      const res = await s.fetch(path, {
        method,
        auth: false,
        headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      equal(res.status, 401, `${method} ${path} with ${JSON.stringify(auth)}: ${text}`);
      ok(!text.includes("secret"), "no data leaks in the refusal");
      equal(JSON.parse(text).error.code, "unauthorized");
    }
  }
  deepEqual(snapshot(s.home.path), before, "refused writes change nothing");
});

Deno.test("the page shell is open, holds no data, and trades ?token= for a cookie", async () => {
  await using s = await startServer();
  await s.call("POST", `${API}/tasks`, { title: "private title" });
  const shell = await s.fetch("/", { auth: false });
  equal(shell.status, 200);
  const html = await shell.text();
  ok(!html.includes("private title"));
  match(shell.headers.get("content-security-policy") ?? "", /script-src 'self'/);
  match(shell.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
  const wrong = await s.fetch("/?token=nope", { auth: false, redirect: "manual" });
  equal(wrong.status, 200);
  equal(wrong.headers.get("set-cookie"), null);
  await wrong.body?.cancel();
  const right = await s.fetch(`/?token=${TOKEN}&board=default`, {
    auth: false,
    redirect: "manual",
  });
  equal(right.status, 303);
  equal(right.headers.get("location"), "/?board=default", "the token leaves the address bar");
  const cookie = right.headers.get("set-cookie") ?? "";
  match(cookie, new RegExp(`^hermes_token_${s.port}=`));
  match(cookie, /HttpOnly/);
  match(cookie, /SameSite=Strict/);
  const withCookie = await s.fetch(`${API}/board`, {
    auth: false,
    headers: { cookie: cookie.split(";")[0] },
  });
  equal(withCookie.status, 200);
  await withCookie.body?.cancel();
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
  ok(assets.length >= 3, String(assets));
  for (const a of assets) {
    const r = await s.fetch(a, { auth: false });
    equal(r.status, 200, a);
    await r.body?.cancel();
  }
});

Deno.test("a foreign Host header is refused (DNS rebinding)", async () => {
  await using s = await startServer();
  const req = (host: string) =>
    s.handler(
      new Request(`${s.base}${API}/board`, {
        headers: { host, authorization: `Bearer ${TOKEN}` },
      }),
    );
  for (const host of [`evil.example:${s.port}`, "evil.example", `127.0.0.1:${s.port + 1}`]) {
    const r = await req(host);
    equal(r.status, 421, host);
    equal((await r.json()).error.code, "bad_host");
  }
  for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `[::1]:${s.port}`]) {
    const r = await req(host);
    equal(r.status, 200, host);
    await r.body?.cancel();
  }
  const health = await s.handler(
    new Request(`${s.base}/healthz`, { headers: { host: "evil.example" } }),
  );
  equal(health.status, 421, "even the open routes check the Host");
});

Deno.test("listening on every interface accepts IP literals but still no other domain", async () => {
  await using home = await tempHome();
  const h = createHandler({ home: home.path, token: TOKEN, host: "0.0.0.0", port: 8645 });
  try {
    const get = (host: string) => h(new Request("http://x/healthz", { headers: { host } }));
    equal((await get("192.0.2.7:8645")).status, 200);
    equal((await get("[2001:db8::1]:8645")).status, 200);
    equal((await get("attacker.example:8645")).status, 421);
  } finally {
    h.close();
  }
});

Deno.test("cross-site requests are refused even with a valid token", async () => {
  await using s = await startServer();
  await s.call("GET", `${API}/board`);
  const before = snapshot(s.home.path);
  for (
    const headers of <Record<string, string>[]> [
      { origin: "http://evil.example" },
      { origin: `http://127.0.0.1:${s.port + 1}` },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ]
  ) {
    const r = await s.fetch(`${API}/tasks`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ title: "csrf" }),
    });
    equal(r.status, 403, JSON.stringify(headers));
    equal((await r.json()).error.code, "cross_origin");
  }
  deepEqual(snapshot(s.home.path), before);
  const same = await s.fetch(`${API}/tasks`, {
    method: "POST",
    headers: {
      origin: s.base,
      "content-type": "application/json",
      "sec-fetch-site": "same-origin",
    },
    body: JSON.stringify({ title: "fine" }),
  });
  equal(same.status, 200);
  await same.body?.cancel();
  const form = await s.fetch(`${API}/tasks`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ title: "form post" }),
  });
  equal(form.status, 415, "a simple (form-like) request cannot write");
  await form.body?.cancel();
});

Deno.test("only same-origin and none fetch sites pass; same-site and unknown values are refused", async () => {
  await using s = await startServer();
  await s.call("GET", `${API}/board`);
  const before = snapshot(s.home.path);
  for (const site of ["same-site", "cross-site", "bogus"]) {
    for (const [method, path] of [["GET", `${API}/board`], ["POST", `${API}/tasks`]]) {
      const r = await s.fetch(path, {
        method,
        headers: { "sec-fetch-site": site, "content-type": "application/json" },
        body: method === "POST" ? JSON.stringify({ title: "csrf" }) : undefined,
      });
      equal(r.status, 403, `${site} ${method} ${path}`);
      equal((await r.json()).error.code, "cross_origin");
    }
  }
  deepEqual(snapshot(s.home.path), before);
  const passing: Record<string, string>[] = [
    { "sec-fetch-site": "same-origin" },
    { "sec-fetch-site": "none" },
    {},
  ];
  for (const headers of passing) {
    const r = await s.fetch(`${API}/board`, { headers });
    await r.body?.cancel();
    equal(r.status, 200, JSON.stringify(headers));
  }
});

Deno.test("oversized bodies get 413 and write nothing, with or without Content-Length", async () => {
  await using s = await startServer();
  await s.call("POST", `${API}/tasks`, { title: "x" });
  const before = snapshot(s.home.path);
  const big = JSON.stringify({ title: "big", body: "a".repeat(2 * 1024 * 1024) });
  const r1 = await s.fetch(`${API}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: big,
  });
  equal(r1.status, 413);
  equal((await r1.json()).error.code, "too_large");
  const chunks = new ReadableStream<Uint8Array>({
    start(c) {
      const part = new TextEncoder().encode("a".repeat(64 * 1024));
      c.enqueue(new TextEncoder().encode('{"title":"big","body":"'));
      for (let i = 0; i < 40; i++) c.enqueue(part);
      c.enqueue(new TextEncoder().encode('"}'));
      c.close();
    },
  });
  const r2 = await s.fetch(`${API}/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: chunks,
  });
  equal(r2.status, 413);
  await r2.body?.cancel();
  deepEqual(snapshot(s.home.path), before);
});

Deno.test("paths cannot traverse to files: assets are a fixed table, ids are validated", async () => {
  await using s = await startServer();
  const t = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "x" });
  for (
    const path of [
      "/assets/../deno.json",
      "/assets/..%2f..%2fdeno.json",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/..%5c..%5cetc%5cpasswd",
      "/favicon.svg%00.js",
      `${API}/tasks/..%2f..%2fkanban.db`,
      `${API}/tasks/${t.body.task.id}%2f..%2f..%2fkanban.db/log`,
    ]
  ) {
    const r = await s.fetch(path);
    const text = await r.text();
    ok([400, 404].includes(r.status), `${path} → ${r.status}`);
    ok(!text.includes("root:") && !text.includes("SQLite format"), path);
  }
  const log = await s.fetch(`${API}/tasks/${t.body.task.id}/log?run=../../x`);
  equal(log.status, 400);
  await log.body?.cancel();
});

Deno.test("a handler without a long enough token is refused at start", async () => {
  await using home = await tempHome();
  throws(() => createHandler({ home: home.path, token: "short" }), /at least 16/);
  throws(() => createHandler({ home: home.path, token: "" }), /at least/);
  equal(MIN_TOKEN_LENGTH, 16);
});

Deno.test("metrics take only the metrics token; the dashboard token is refused there", async () => {
  await using s = await startServer();
  const withDashboard = await s.fetch("/metrics");
  await withDashboard.body?.cancel();
  equal(withDashboard.status, 401, "the dashboard token does not read /metrics");
  const withCookie = await s.fetch("/metrics", {
    auth: false,
    headers: { cookie: `hermes_token_${s.port}=${TOKEN}` },
  });
  await withCookie.body?.cancel();
  equal(withCookie.status, 401, "the dashboard cookie does not read /metrics");
  const withMetrics = await s.fetch("/metrics", {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  equal(withMetrics.status, 200);
  match(await withMetrics.text(), /^# TYPE hermes_tasks gauge$/m);
});

Deno.test("the metrics token opens no API route", async () => {
  await using s = await startServer();
  for (const path of [`${API}/board`, `${API}/tasks`, `${API}/config`]) {
    const r = await s.fetch(path, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    await r.body?.cancel();
    equal(r.status, 401, path);
  }
  const post = await s.fetch(`${API}/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${METRICS_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "x", assignee: "shell", body: "id" }),
  });
  await post.body?.cancel();
  equal(post.status, 401);
});
