/**
 * Live events as server-sent events. One feed per board, shared by every open page: it
 * watches the board file (inotify where available, plus a short poll of PRAGMA data_version
 * as a safety net), reads new rows of the append-only event log once, and fans the batch out.
 * Each message keeps Hermes's WebSocket batch shape, `{events:[…], cursor}`, with the cursor
 * as the SSE id so a reconnecting EventSource resumes exactly where it stopped.
 */

import type { TaskEvent } from "../board/mod.ts";
import { boardPaths } from "../config/paths.ts";
import { openBoard, type Store } from "../store/mod.ts";

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
/**
 * Looks that follow a burst of file events, in ms: the last file event of a commit can come
 * before its fsync ends (the final wal-index update is through mmap and makes no event).
 */
const TRAILING_MS = [3, 15, 40, 100];
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
  #timer: ReturnType<typeof setInterval> | undefined;
  #watcher: Deno.FsWatcher | null = null;
  #scheduled = false;
  #closed = false;
  #sinceKeepalive = 0;
  #trailing: ReturnType<typeof setTimeout>[] = [];

  constructor(home: string, board: string, opts: Required<EventHubOptions>) {
    this.board = board;
    this.#opts = opts;
    this.#store = openBoard(home, board, { create: false });
    this.#cursor = this.#store.latestEventId();
    this.#version = this.#store.dataVersion();
    this.#timer = setInterval(() => this.#tick(), opts.pollMs);
    this.#watch(home);
  }

  get cursor(): number {
    return this.#cursor;
  }

  #watch(home: string): void {
    // Only the -wal file, never the directory: Deno's watcher opens and closes the file an
    // event names, and closing a descriptor of the database file drops this process's
    // SQLite locks on it (POSIX), after which another process can delete the WAL under our
    // connection. SQLite keeps no locks on the -wal file. (Our open connection made it.)
    const wal = `${boardPaths(home, this.board).db}-wal`;
    try {
      this.#watcher = Deno.watchFs(wal, { recursive: false });
    } catch {
      return; // no inotify or no permission: the poll alone keeps latency under pollMs
    }
    (async () => {
      try {
        for await (const _ev of this.#watcher!) this.nudge();
      } catch { /* watcher closed */ }
    })();
  }

  #tick(): void {
    this.poll();
    this.#sinceKeepalive += this.#opts.pollMs;
    if (this.#sinceKeepalive >= this.#opts.keepaliveMs) {
      this.#sinceKeepalive = 0;
      for (const c of [...this.clients]) c.send(": keepalive\n\n");
    }
  }

  /**
   * Check for new events soon (after a write we made, or a file change). File events arrive
   * while a commit is still being written, so a few trailing looks follow the burst.
   */
  nudge(): void {
    for (const t of this.#trailing) clearTimeout(t);
    this.#trailing = TRAILING_MS.map((ms) => setTimeout(() => this.poll(), ms));
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.poll();
    });
  }

  /** Read what changed since the last look and send it to every client. */
  poll(): void {
    if (this.#closed) return;
    try {
      const v = this.#store.dataVersion();
      if (v === this.#version) return;
      this.#version = v;
      while (true) {
        const events = this.#store.events({ afterId: this.#cursor, limit: BATCH });
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
    clearInterval(this.#timer);
    for (const t of this.#trailing) clearTimeout(t);
    try {
      this.#watcher?.close();
    } catch { /* already closed */ }
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

  /** Tell a board's feed to look now (after a write through the API). */
  nudge(board: string): void {
    this.#feeds.get(board)?.nudge();
  }

  /**
   * Open a stream of a board's events. `since` resumes after that event id (from `?since=`
   * or Last-Event-ID); null starts at the newest event. The board must exist. A client that
   * disconnects cancels the stream, which removes it.
   */
  subscribe(board: string, since: number | null, peer = "unknown"): ReadableStream<Uint8Array> {
    let feed = this.#feeds.get(board);
    if (!feed) {
      feed = new BoardFeed(this.#home, board, this.#opts);
      this.#feeds.set(board, feed);
    }
    const f = feed;
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
      if (f.clients.size === 0 && this.#feeds.get(board) === f) {
        this.#feeds.delete(board);
        f.close();
      }
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
  }
}
