/** Shared pieces of the notifier tests: a loopback webhook receiver and a board to drive. */

import { type LogLevel, Notifier } from "../../lib/gateway/notifier/mod.ts";
import { type Actor, openBoard, type SqliteBoardStore } from "../../lib/store/mod.ts";
import { NotifyStore } from "../../lib/store/engine.ts";

/** A person at the terminal. */
export const PERSON: Actor = { kind: "person", name: "tester" };

/** One request the receiver saw. */
export interface Hit {
  at: number;
  headers: Headers;
  raw: string;
  body: { event: string; event_id: number; task: { id: string }; message: string };
  /** Status answered; null while the handler is still holding the request. */
  status: number | null;
}

/** A Deno.serve on 127.0.0.1 port 0 that records every request. */
export interface Receiver extends AsyncDisposable {
  url: string;
  hits: Hit[];
  /** Hits answered 2xx. */
  ok(): Hit[];
}

/** Decides the answer to a request: a status, or a promise of one (to hold it open). */
export type Answer = (hit: Hit, req: Request) => number | Promise<number>;

/** Start a receiver answering with `answer` (default 200). */
export function receiver(answer: Answer = () => 200): Receiver {
  const hits: Hit[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const raw = await req.text();
    const hit: Hit = {
      at: performance.now(),
      headers: req.headers,
      raw,
      body: JSON.parse(raw),
      status: null,
    };
    hits.push(hit);
    const status = await answer(hit, req);
    hit.status = status;
    return new Response(status >= 400 ? "boom" : "ok", { status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hook`,
    hits,
    ok: () => hits.filter((h) => h.status !== null && h.status < 300),
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

/** The default board of `home`, created, closed on dispose. */
export function board(home: string): SqliteBoardStore & Disposable {
  const store = openBoard(home, "default", { create: true });
  return Object.assign(store, { [Symbol.dispose]: () => store.close() });
}

/** The notifier tables of a board, for assertions. */
export function notifyOf(store: SqliteBoardStore): NotifyStore {
  return new NotifyStore(store.conn, store.now);
}

/** Log lines a notifier wrote. */
export type Logs = { level: LogLevel; message: string }[];

/**
 * A notifier over `home` with `notify` as its kanban.notify, logging into `logs`. The receivers
 * listen on loopback, which webhooks refuse unless told: a mapping gets `allow_private: true`
 * unless it says otherwise.
 */
export function notifier(
  home: string,
  notify: unknown,
  logs: Logs = [],
  env: Record<string, string> = {},
): Notifier {
  return new Notifier({
    home,
    env: (name) => env[name],
    notify: notify !== null && typeof notify === "object" && !Array.isArray(notify)
      ? { allow_private: true, ...notify }
      : notify,
    log: (level, message) => logs.push({ level, message }),
  });
}

/** Run `n.start()` until disposed; disposing stops it and waits for it to finish. */
export function running(n: Notifier): AsyncDisposable & { done: Promise<void> } {
  const stop = new AbortController();
  const done = n.start(stop.signal);
  return {
    done,
    async [Symbol.asyncDispose]() {
      stop.abort();
      await done;
    },
  };
}
