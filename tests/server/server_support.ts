/** A dashboard server on a loopback port for tests: the real handler under Deno.serve. */

import { createHandler, type DashboardHandler, type HandlerOptions } from "../../lib/server/mod.ts";
import { type TempHome, tempHome } from "../support/home.ts";

/** The token every test server uses. */
export const TOKEN = "test-token-0123456789abcdef";

/** The read-only metrics token every test server uses. */
export const METRICS_TOKEN = "test-metrics-0123456789abcdef";

/** A running test server. */
export interface TestServer extends AsyncDisposable {
  home: TempHome;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  base: string;
  port: number;
  handler: DashboardHandler;
  /** Fetch a path with the bearer token (unless `auth: false`). */
  fetch(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  /** Fetch and parse JSON; returns status and body. */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
}

/** Start a server over a fresh temp home (or `home`), with `opts` overriding the defaults. */
export async function startServer(
  opts: Partial<HandlerOptions> & { home?: TempHome } = {},
): Promise<TestServer> {
  const home = opts.home ?? await tempHome();
  const handler = createHandler({
    home: home.path,
    token: TOKEN,
    metricsToken: METRICS_TOKEN,
    version: "test",
    presence: () => Promise.resolve({ running: true, message: "" }),
    events: { pollMs: 50 },
    ...opts,
  });
  const ac = new AbortController();
  let port = 0;
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: ac.signal,
    onListen: (addr) => {
      port = addr.port;
    },
  }, handler);
  port = server.addr.port;
  handler.setPort(port);
  const base = `http://127.0.0.1:${port}`;
  const doFetch = (path: string, init: RequestInit & { auth?: boolean } = {}) => {
    const headers = new Headers(init.headers);
    if (init.auth !== false && !headers.has("authorization")) {
      headers.set("authorization", `Bearer ${TOKEN}`);
    }
    return fetch(base + path, { ...init, headers });
  };
  return {
    home,
    base,
    port,
    handler,
    fetch: doFetch,
    async call<T>(method: string, path: string, body?: unknown) {
      const res = await doFetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed as T };
    },
    async [Symbol.asyncDispose]() {
      ac.abort();
      await server.finished;
      handler.close();
      if (!opts.home) await home[Symbol.asyncDispose]();
    },
  };
}

/** Read server-sent events from a response until `until` is satisfied or the deadline passes. */
export async function readSse(
  res: Response,
  until: (messages: Array<{ event: string; id: string | null; data: unknown }>) => boolean,
  timeoutMs = 5000,
): Promise<Array<{ event: string; id: string | null; data: unknown }>> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: Array<{ event: string; id: string | null; data: unknown }> = [];
  let buf = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(messages)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SSE: timed out; got ${JSON.stringify(messages)}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, rej) => {
          timer = setTimeout(() => rej(new Error("SSE: timed out waiting for data")), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) break;
      buf += chunk.value;
      let sep: number;
      while ((sep = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        let event = "message";
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("id: ")) id = line.slice(4);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length) messages.push({ event, id, data: JSON.parse(data.join("\n")) });
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return messages;
}
