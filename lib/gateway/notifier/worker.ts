/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
/**
 * Worker entry of the notifier, so the gateway can run it off its event loop with
 * permissions narrowed to HERMES_HOME (read, write), net and the command hook (run).
 *
 * Host → worker: `{type:"init", home, env, notify?}` once, then `{type:"stop"}`.
 * Worker → host: `{type:"ready"}`, `{type:"log", level, message}`,
 * `{type:"error", message}` (it could not run), and `{type:"stopped", totals}` last,
 * after which the worker closes itself.
 */

import { Notifier, type NotifierLog } from "./notifier.ts";
import { prepareStore } from "../../store/mod.ts";
// Loaded with the worker: prepareStore imports it for PostgreSQL boards, and a Worker may not
// read module files at run time.
import "../../store/postgres.ts";
import type { NotifierCommand, NotifierReply } from "./protocol.ts";

const reply = (m: NotifierReply): void => self.postMessage(m);

const stop = new AbortController();
let running: Promise<void> | null = null;

const log: NotifierLog = (level, message) => reply({ type: "log", level, message });

self.onmessage = (e: MessageEvent<NotifierCommand>) => {
  const msg = e.data;
  if (msg?.type === "init" && running === null) {
    const env = msg.env ?? {};
    let notifier: Notifier | null = null;
    // Where the boards live (SQLite files or PostgreSQL), as the gateway's environment says.
    running = prepareStore(msg.home, (name) => env[name]).then(() => {
      notifier = new Notifier({
        home: msg.home,
        env: (name) => env[name],
        log,
        notify: msg.notify,
      });
      return notifier.start(stop.signal);
    }).then(
      () => reply({ type: "stopped", totals: notifier?.totals ?? null }),
      (err) => {
        reply({ type: "error", message: (err as Error).message });
        reply({ type: "stopped", totals: notifier?.totals ?? null });
      },
    ).finally(() => self.close());
    reply({ type: "ready" });
  } else if (msg?.type === "stop") {
    stop.abort();
    if (running === null) {
      reply({ type: "stopped", totals: null });
      self.close();
    }
  }
};
