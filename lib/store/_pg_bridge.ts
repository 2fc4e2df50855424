/**
 * A synchronous bridge to PostgreSQL. The store's interface is synchronous (node:sqlite is),
 * and everything above it calls it so; the PostgreSQL driver (npm:postgres) is asynchronous.
 * So a dedicated Deno Worker (_pg_bridge_worker.ts) owns the connections, and this thread
 * posts each request on a MessagePort and blocks on `Atomics.wait` over a SharedArrayBuffer
 * until the worker has answered (the technique of `synckit`); the answer is then taken off the
 * port with `receiveMessageOnPort`, so results of any size and type (bytea as Uint8Array) pass
 * by structured clone. One bridge per thread, started on first use and stopped when its last
 * session closes. A round trip costs about 170 µs on top of the query (docs/reference/store.md).
 */

import { MessageChannel, type MessagePort, receiveMessageOnPort } from "node:worker_threads";

/** Connection settings the worker opens sessions with. */
export interface ConnectOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | null;
  sslmode: string | null;
  connectTimeoutSeconds: number;
  /** Startup parameters (search_path, lock_timeout, statement_timeout…), kept on reconnect. */
  settings: Record<string, string>;
}

/** A statement sent ahead of a request, whose result nobody reads (pipelined). */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** A request to the worker. */
export type BridgeRequest =
  & { seq: number }
  & (
    | { op: "open"; session: number; options: ConnectOptions }
    | {
      op: "query";
      session: number;
      sql: string;
      params: unknown[];
      arrays: boolean;
      before?: Statement[];
    }
    | { op: "simple"; session: number; sql: string; before?: Statement[] }
    | { op: "close"; session: number }
    | { op: "listen"; key: string; options: ConnectOptions; channel: string }
    | { op: "unlisten"; key: string; channel: string }
  );

/** The worker's answer. */
export interface BridgeReply {
  seq: number;
  rows?: unknown[];
  count?: number;
  error?: { message: string; code: string | null };
}

/** An error the database or the driver reported, with its SQLSTATE (or errno) code. */
export class PgError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.code = code;
  }
}

/** How long a request may go unanswered before the bridge gives up on the worker. */
const DEFAULT_CALL_TIMEOUT_MS = 120_000;

/** The worker's module (named so `deno compile --include` can list it). */
export const BRIDGE_WORKER_URL = new URL("./_pg_bridge_worker.ts", import.meta.url);

/** One thread's bridge. */
export class PgBridge {
  static #current: PgBridge | null = null;
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #ctrl: Int32Array;
  #seq = 0;
  #sessions = new Set<number>();
  #listens = new Map<string, Set<(channel: string) => void>>();
  #nextSession = 1;

  private constructor() {
    const sab = new SharedArrayBuffer(4);
    this.#ctrl = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(BRIDGE_WORKER_URL, { type: "module", name: "hermes-pg-bridge" });
    // Requests wait in the port until the worker takes it: no need to wait for the worker.
    this.#worker.onmessage = (e: MessageEvent) => {
      const m = e.data as { type: string; channel?: string };
      if (m.type === "notify" && m.channel) {
        for (const f of this.#listens.get(m.channel) ?? []) f(m.channel);
      }
    };
    this.#worker.postMessage({ sab, port: port2 }, [port2 as unknown as Transferable]);
  }

  /** This thread's bridge, started if needed. */
  static get(): PgBridge {
    return PgBridge.#current ??= new PgBridge();
  }

  /** A new session id (one connection in the worker). */
  newSession(): number {
    const id = this.#nextSession++;
    this.#sessions.add(id);
    return id;
  }

  /** Forget a session; the worker stops once no session or listener is left. */
  endSession(id: number): void {
    if (!this.#sessions.delete(id)) return;
    try {
      this.call({ op: "close", session: id }, 5_000);
    } catch { /* the connection is gone either way */ }
    this.#maybeStop();
  }

  #maybeStop(): void {
    if (this.#sessions.size > 0 || this.#listens.size > 0) return;
    this.#worker.terminate();
    this.#port.close();
    if (PgBridge.#current === this) PgBridge.#current = null;
  }

  /**
   * Send `req` and block this thread until the worker answers (or `timeoutMs` passes).
   * Throws PgError for what the database refused.
   */
  call(
    req: BridgeRequest extends infer R ? R extends { seq: number } ? Omit<R, "seq"> : never
      : never,
    timeoutMs = DEFAULT_CALL_TIMEOUT_MS,
  ): BridgeReply {
    const seq = ++this.#seq;
    this.#port.postMessage({ ...req, seq });
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const seen = Atomics.load(this.#ctrl, 0);
      if (seen >= seq) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new PgError(
          `the database bridge did not answer within ${Math.round(timeoutMs / 1000)} s`,
          "bridge_timeout",
        );
      }
      Atomics.wait(this.#ctrl, 0, seen, left);
    }
    // Answers arrive in order; an older one left behind by a timeout is dropped.
    while (true) {
      const got = receiveMessageOnPort(this.#port as never) as { message: BridgeReply } | undefined;
      if (!got) throw new PgError("the database bridge lost an answer", "bridge_lost");
      if (got.message.seq !== seq) continue;
      const r = got.message;
      if (r.error) throw new PgError(r.error.message, r.error.code);
      return r;
    }
  }

  /**
   * Call `onNotify` on this thread's event loop whenever `channel` is notified (and once after
   * the listening connection came back, as notifications may have been missed meanwhile).
   * Returns the unsubscribe.
   */
  listen(
    key: string,
    options: ConnectOptions,
    channel: string,
    onNotify: (channel: string) => void,
  ): () => void {
    let set = this.#listens.get(channel);
    const first = !set;
    if (!set) this.#listens.set(channel, set = new Set());
    set.add(onNotify);
    if (first) this.call({ op: "listen", key, options, channel });
    return () => {
      const s = this.#listens.get(channel);
      if (!s?.delete(onNotify) || s.size > 0) return;
      this.#listens.delete(channel);
      try {
        this.call({ op: "unlisten", key, channel }, 5_000);
      } catch { /* the listener is gone either way */ }
      this.#maybeStop();
    };
  }
}
