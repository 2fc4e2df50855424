/**
 * Live events as server-sent events. One feed per board, shared by every open page: the
 * store's change feed tells it when the board's file changed (inotify where available, plus
 * a short poll as a safety net); it confirms with PRAGMA data_version, reads the new rows of
 * the append-only event log once, and fans the batch out.
 * Each message keeps Hermes's WebSocket batch shape, `{events:[…], cursor}`, with the cursor
 * as the SSE id so a reconnecting EventSource resumes exactly where it stopped.
 */

import type { TaskEvent } from "../board/mod.ts";
import { openBoard, type Store } from "../store/mod.ts";
import { ChangeFeed, changes } from "../store/engine.ts";

/** One batch on the wire. */
export interface EventBatch {
  events: TaskEvent[];
  cursor: number;
}

/** Tuning knobs (tests and benchmarks shorten them). */
export interface EventHubOptions {
  /** Safety poll of the board's change counter, in ms. */
  pollMs?: number;
  /** Comment line sent to every client this often, in ms, to find dead connections. */
  keepaliveMs?: number;
  /** Most clients at once, over all boards. */
  maxClients?: number;
  /** Most clients at once from one peer address (one tab's stream each; 429 past it). */
  maxClientsPerPeer?: number;
  /** Most events replayed to a client that resumes; past it the client is told to reload. */
  maxCatchUp?: number;
  /** Bytes a slow client may have queued before it is dropped (it reconnects and resumes). */
  maxQueuedBytes?: number;
  /** Where unexpected feed errors go. */
  log?: (msg: string, err: unknown) => void;
}

const BATCH = 200;
/** Stream high-water mark in bytes; the queue a client may build is `maxQueuedBytes`. */
const HIGH_WATER = 16 * 1024;
const encoder = new TextEncoder();

/** Format one SSE message. */
export function sseMessage(
  m: { id?: number; event?: string; data?: unknown; retry?: number },
): string {
  let out = "";
  if (m.retry !== undefined) out += `retry: ${m.retry}\n`;
  if (m.id !== undefined) out += `id: ${m.id}\n`;
  if (m.event !== undefined) out += `event: ${m.event}\n`;
  if (m.data !== undefined) out += `data: ${JSON.stringify(m.data)}\n`;
  return out + "\n";
}

class Client {
  readonly #c: ReadableStreamDefaultController<Uint8Array>;
  readonly #maxQueued: number;
  closed = false;
  onClose: () => void = () => {};

  constructor(c: ReadableStreamDefaultController<Uint8Array>, maxQueued: number) {
    this.#c = c;
    this.#maxQueued = maxQueued;
  }

  /** Queue text; a client that stopped reading is dropped instead of buffering forever. */
  send(text: string): void {
    if (this.closed) return;
    if (HIGH_WATER - (this.#c.desiredSize ?? 0) > this.#maxQueued) {
      this.close();
      return;
    }
    try {
      this.#c.enqueue(encoder.encode(text));
    } catch {
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.#c.close();
    } catch { /* already closed or errored */ }
    this.onClose();
  }
}

class BoardFeed {
  readonly board: string;
  readonly clients = new Set<Client>();
  readonly #store: Store;
  readonly #opts: Required<EventHubOptions>;
  #cursor: number;
  #version: number;
  #keepalive: ReturnType<typeof setInterval>;
  #closed = false;

  constructor(home: string, board: string, opts: Required<EventHubOptions>) {
    this.board = board;
    this.#opts = opts;
    this.#store = openBoard(home, board, { create: false });
    this.#cursor = this.#store.latestEventId();
    this.#version = this.#store.dataVersion();
    this.#keepalive = setInterval(() => {
      for (const c of [...this.clients]) c.send(": keepalive\n\n");
    }, opts.keepaliveMs);
  }

  get cursor(): number {
    return this.#cursor;
  }

  /**
   * Read what changed since the last look and send it to every client. False when the
   * board's data_version has not moved (the change feed then looks again shortly).
   */
  poll(): boolean {
    if (this.#closed) return true;
    try {
      const v = this.#store.dataVersion();
      if (v === this.#version) return false;
      this.#version = v;
      while (true) {
        const events = changes(this.#store, this.#cursor, BATCH);
        if (events.length === 0) break;
        this.#cursor = events[events.length - 1].id;
        const text = sseMessage({
          id: this.#cursor,
          data: { events, cursor: this.#cursor } satisfies EventBatch,
        });
        for (const c of [...this.clients]) c.send(text);
        if (events.length < BATCH || this.#closed) break;
      }
    } catch (e) {
      this.#opts.log(`event feed of board '${this.board}' failed to read`, e);
    }
    return true;
  }

  /** Events after `since` up to the feed's cursor, or null when there are too many. */
  catchUp(since: number): TaskEvent[] | null {
    const events = this.#store.events({ afterId: since, limit: this.#opts.maxCatchUp + 1 })
      .filter((e) => e.id <= this.#cursor);
    return events.length > this.#opts.maxCatchUp ? null : events;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepalive);
    for (const c of [...this.clients]) c.close();
    this.#store.close();
  }
}

/** Every board's feed; feeds exist only while someone listens. */
export class EventHub {
  readonly #home: string;
  readonly #opts: Required<EventHubOptions>;
  readonly #feeds = new Map<string, BoardFeed>();
  readonly #perPeer = new Map<string, number>();
  /** The store's change feed, while some board has a feed. */
  #changes: ChangeFeed | null = null;
  readonly #nudged = new Set<string>();

  constructor(home: string, opts: EventHubOptions = {}) {
    this.#home = home;
    this.#opts = {
      pollMs: opts.pollMs ?? 250,
      keepaliveMs: opts.keepaliveMs ?? 15_000,
      maxClients: opts.maxClients ?? 64,
      maxClientsPerPeer: opts.maxClientsPerPeer ?? 16,
      maxCatchUp: opts.maxCatchUp ?? 1000,
      maxQueuedBytes: opts.maxQueuedBytes ?? 1024 * 1024,
      log: opts.log ?? (() => {}),
    };
  }

  /** Clients connected now, over all boards. */
  clientCount(): number {
    let n = 0;
    for (const f of this.#feeds.values()) n += f.clients.size;
    return n;
  }

  /** Whether another client from `peer` may connect: yes, no room at all, or not for this peer. */
  room(peer: string): "ok" | "full" | "peer_full" {
    if (this.clientCount() >= this.#opts.maxClients) return "full";
    if ((this.#perPeer.get(peer) ?? 0) >= this.#opts.maxClientsPerPeer) return "peer_full";
    return "ok";
  }

  /** Tell a board's feed to look now (after a write through the API); once per turn. */
  nudge(board: string): void {
    if (!this.#feeds.has(board) || this.#nudged.has(board)) return;
    this.#nudged.add(board);
    queueMicrotask(() => {
      this.#nudged.delete(board);
      this.#changes?.nudge(board);
    });
  }

  /** Open a board's feed, listening to the store's change feed. */
  #open(board: string): BoardFeed {
    const feed = new BoardFeed(this.#home, board, this.#opts);
    this.#feeds.set(board, feed);
    if (!this.#changes) {
      this.#changes = new ChangeFeed(this.#home, { pollMs: this.#opts.pollMs });
      this.#changes.subscribe({
        changed: (b) => this.#feeds.get(b)?.poll() ?? true,
      });
    }
    // The feed's open connection made the WAL file that is watched.
    this.#changes.watch([...this.#feeds.keys()]);
    return feed;
  }

  /** Close a board's feed; the change feed stops with the last one. */
  #shut(board: string, feed: BoardFeed): void {
    if (this.#feeds.get(board) === feed) this.#feeds.delete(board);
    feed.close();
    if (this.#feeds.size === 0) {
      this.#changes?.close();
      this.#changes = null;
    } else this.#changes?.watch([...this.#feeds.keys()]);
  }

  /**
   * Open a stream of a board's events. `since` resumes after that event id (from `?since=`
   * or Last-Event-ID); null starts at the newest event. The board must exist. A client that
   * disconnects cancels the stream, which removes it.
   */
  subscribe(board: string, since: number | null, peer = "unknown"): ReadableStream<Uint8Array> {
    const f = this.#feeds.get(board) ?? this.#open(board);
    let client: Client | null = null;
    // Counted from the call, so two subscribes in one turn cannot both slip under the cap.
    this.#perPeer.set(peer, (this.#perPeer.get(peer) ?? 0) + 1);
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      const n = (this.#perPeer.get(peer) ?? 1) - 1;
      if (n <= 0) this.#perPeer.delete(peer);
      else this.#perPeer.set(peer, n);
    };
    const drop = () => {
      uncount();
      if (!client) return;
      f.clients.delete(client);
      if (f.clients.size === 0 && this.#feeds.get(board) === f) this.#shut(board, f);
    };
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = new Client(controller, this.#opts.maxQueuedBytes);
          client.onClose = drop;
          f.clients.add(client);
          client.send(
            sseMessage({ retry: 1000, event: "hello", data: { board, cursor: f.cursor } }),
          );
          if (since !== null && since !== f.cursor) {
            const missed = since < f.cursor ? f.catchUp(since) : null;
            if (missed === null) {
              client.send(sseMessage({ id: f.cursor, event: "reset", data: { cursor: f.cursor } }));
            } else {
              for (let i = 0; i < missed.length; i += BATCH) {
                const events = missed.slice(i, i + BATCH);
                const cursor = events[events.length - 1].id;
                client.send(
                  sseMessage({ id: cursor, data: { events, cursor } satisfies EventBatch }),
                );
              }
            }
          }
        },
        cancel: () => {
          client?.close();
          uncount();
        },
      },
      { highWaterMark: HIGH_WATER, size: (chunk) => chunk.byteLength },
    );
  }

  /** Close every feed and client. */
  close(): void {
    for (const f of this.#feeds.values()) f.close();
    this.#feeds.clear();
    this.#changes?.close();
    this.#changes = null;
  }
}
