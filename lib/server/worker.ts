/// <reference lib="deno.worker" />
/**
 * Entry of the dashboard's Deno Worker. The gateway starts it with narrowed permissions
 * (network to the listen address, read/write HERMES_HOME, nothing else) and talks to it with
 * the messages of lib/gateway/messages.ts: `init` → `listening`/`error`; `stats` every second;
 * `dispatch` ↔ `dispatch_result`; `proc_info` ↔ `proc_info_result` (it may not read /proc
 * itself); `wake` after writes; `shutdown` → `closed`.
 */

import type { FromServer, GatewayStats, ToServer } from "../gateway/messages.ts";
import { createHandler, type DashboardHandler } from "./handler.ts";
import { prepareStore } from "../store/mod.ts";
// Loaded with the worker: prepareStore imports it for PostgreSQL boards, and a Worker may not
// read module files at run time.
import "../store/postgres.ts";
import type { ProcessInfo } from "../workers/proc_reader.ts";

/** How long POST /dispatch waits for the dispatcher's answer. */
const DISPATCH_TIMEOUT_MS = 60_000;

function post(m: FromServer): void {
  self.postMessage(m);
}

let handler: DashboardHandler | null = null;
let server: Deno.HttpServer | null = null;
const abort = new AbortController();
let stats: GatewayStats | null = null;
let nextId = 1;
const pending = new Map<
  number,
  {
    resolve: (v: unknown) => void;
    reject: (e: Error) => void;
    timer: ReturnType<typeof setTimeout>;
  }
>();

/** Send the request `make(id)` to the main thread and wait for its answer (or time out). */
function askMain(make: (id: number) => FromServer, what: string, ms: number): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`${what} did not answer within ${ms / 1000}s`));
    }, ms);
    pending.set(id, { resolve, reject, timer });
    post(make(id));
  });
}

function dispatchViaMain(req: { dryRun: boolean; max: number | null }): Promise<unknown> {
  return askMain(
    (id) => ({ type: "dispatch", id, dryRun: req.dryRun, max: req.max }),
    "the dispatcher",
    DISPATCH_TIMEOUT_MS,
  );
}

/** How long an inspection waits for the main thread to read /proc. */
const PROC_INFO_TIMEOUT_MS = 10_000;

async function processInfoViaMain(pids: number[]): Promise<Map<number, ProcessInfo>> {
  const info = await askMain(
    (id) => ({ type: "proc_info", id, pids }),
    "the gateway",
    PROC_INFO_TIMEOUT_MS,
  ) as ProcessInfo[];
  return new Map(info.map((p) => [p.pid, p]));
}

async function start(m: Extract<ToServer, { type: "init" }>): Promise<void> {
  const dispatchOff = !m.dispatch.enabled;
  try {
    await prepareStore(m.home, (k) => m.env?.[k]);
    handler = createHandler({
      home: m.home,
      token: m.token,
      metricsToken: m.metricsToken,
      host: m.host,
      port: m.port,
      version: m.version,
      config: m.config,
      // This worker runs inside the gateway, so the gateway is up: only the flag matters.
      presence: () =>
        Promise.resolve(
          dispatchOff
            ? {
              running: false,
              message:
                `The gateway is running with its dispatcher off (${m.dispatch.reason}). The task will sit in 'ready' until you set kanban.dispatch_in_gateway: true in config.yaml (and unset HERMES_KANBAN_DISPATCH_IN_GATEWAY) and restart it: hermes gateway restart`,
            }
            : { running: true, message: "" },
        ),
      dispatch: dispatchOff ? undefined : dispatchViaMain,
      noDispatcherReason: dispatchOff ? m.dispatch.reason : undefined,
      stats: () => stats,
      processInfo: processInfoViaMain,
      onWrite: () => post({ type: "wake" }),
      log: (level, message, props) => post({ type: "log", level, message, props }),
    });
    const h = handler;
    server = Deno.serve({
      hostname: m.host,
      port: m.port,
      ...(m.tls ? { cert: m.tls.cert, key: m.tls.key } : {}),
      signal: abort.signal,
      onListen: (addr) => {
        h.setPort(addr.port);
        const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
        post({ type: "listening", url: `${m.tls ? "https" : "http"}://${host}:${addr.port}/` });
      },
      onError: (e) => {
        post({
          type: "log",
          level: "error",
          message: "dashboard request failed",
          props: { error: String(e) },
        });
        return new Response("internal error", { status: 500 });
      },
    }, h);
  } catch (e) {
    handler?.close();
    handler = null;
    post({
      type: "error",
      message: `dashboard cannot listen on ${m.host}:${m.port}: ${(e as Error).message}`,
    });
  }
}

async function shutdown(): Promise<void> {
  abort.abort();
  try {
    await server?.finished;
  } catch { /* already stopped */ }
  handler?.close();
  for (const p of pending.values()) {
    clearTimeout(p.timer);
    p.reject(new Error("the gateway is shutting down"));
  }
  pending.clear();
  post({ type: "closed" });
  self.close();
}

self.onmessage = (ev: MessageEvent<ToServer>) => {
  const m = ev.data;
  switch (m.type) {
    case "init":
      void start(m);
      break;
    case "stats":
      stats = m.stats;
      break;
    case "dispatch_result":
    case "proc_info_result": {
      const p = pending.get(m.id);
      if (!p) break;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.type === "dispatch_result" ? m.result : m.info);
      break;
    }
    case "shutdown":
      void shutdown();
      break;
  }
};
