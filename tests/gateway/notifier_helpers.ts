/** Shared pieces of the notifier tests: a loopback webhook receiver and a board to drive. */

import { DatabaseSync } from "node:sqlite";
import { type LogLevel, Notifier } from "../../lib/gateway/notifier/mod.ts";
import { type Actor, openBoard, type Store } from "../../lib/store/mod.ts";
import { type NotifyStore, openNotify } from "../../lib/store/engine.ts";

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
export function board(home: string): Store & Disposable {
  const store = openBoard(home, "default", { create: true });
  return Object.assign(store, { [Symbol.dispose]: () => store.close() });
}

/** The notifier tables of a board, for assertions. */
export function notifyOf(store: Store): NotifyStore {
  return openNotify(store);
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

/**
 * A run's end as a dispatcher (ours or Hermes's) writes it, from a connection of its own and
 * in one transaction: the run closes with `status` and `error` (the task keeps its status),
 * then `events` are appended in order.
 */
export function runEndedElsewhere(
  store: Store,
  taskId: string,
  run: { id: number; status: string; error: string },
  events: [kind: string, payload: Record<string, unknown>][],
): void {
  const db = new DatabaseSync(store.path, { timeout: 10_000 });
  try {
    const now = store.now();
    db.exec("BEGIN IMMEDIATE");
    db.prepare(
      `UPDATE task_runs SET status = ?, outcome = ?, ended_at = ?, error = ?, claim_lock = NULL,
         claim_expires = NULL, worker_pid = NULL WHERE id = ?`,
    ).run(run.status, run.status, now, run.error, run.id);
    db.prepare("UPDATE tasks SET current_run_id = NULL WHERE current_run_id = ?").run(run.id);
    for (const [kind, payload] of events) {
      db.prepare(
        "INSERT INTO task_events (task_id, run_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)",
      ).run(taskId, run.id, kind, JSON.stringify(payload), now);
    }
    db.exec("COMMIT");
  } finally {
    db.close();
  }
}
