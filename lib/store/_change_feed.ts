/**
 * The store's one change feed: tells its subscribers that a board may have new commits,
 * within milliseconds of any process's write (the CLI, a worker, the dashboard). The
 * dispatcher, the notifier and the live event stream all listen to it; each confirms with
 * its own connection's PRAGMA data_version (which ignores that connection's own commits)
 * and reads what changed (for the event stream, `changes()` below).
 *
 * Only the `-wal` files themselves are watched, never a directory holding a database:
 * Deno's watcher opens and closes the file an event names, and closing any descriptor
 * of the database file drops this process's POSIX locks on it — SQLite's shared lock
 * included — after which another process's last close deletes the WAL under our live
 * connection. SQLite keeps no locks on the `-wal` file, so events on it are harmless.
 *
 * A WAL event can come before its commit is visible (the frames are written, the wal-index
 * not yet), so a subscriber that saw nothing new is asked again shortly after, a few times.
 * A backstop poll (optional) asks every subscriber on a timer, with an abortable sleep, for
 * file systems without events and for a watcher that failed.
 *
 * Boards in PostgreSQL have no files to watch: there the feed LISTENs on each board's channel,
 * which every commit that wrote NOTIFYs (_pg_connection.ts), from any process on any host, and
 * on the channel that board creation and removal notify.
 */

import type { TaskEvent } from "../board/mod.ts";
import { boardPaths, boardsDir } from "../config/paths.ts";
import { pgBackend } from "./mod.ts";
import type { PgBackend } from "./_pg_store.ts";
import type { Store } from "./types.ts";

/** Re-checks after a WAL event that showed no new commit yet, in ms. */
const TRAILING_MS = [1, 2, 4, 6, 8, 11, 15, 20, 30, 50, 100];

/** A subscriber to the feed. */
export interface ChangeListener {
  /**
   * A board's file was written (or the backstop poll came round). Return true when the
   * commit was seen; false asks the feed to look again shortly.
   */
  changed?(board: string): boolean;
  /** Something appeared or vanished where boards live: rescan them. */
  boardsChanged?(): void;
  /** File watching failed; only the backstop poll (if any) remains. */
  failed?(error: Error): void;
}

/** Options of a feed. */
export interface ChangeFeedOptions {
  /** Ask every subscriber this often, in ms, as a backstop to the file events (0: never). */
  pollMs?: number;
}

/** One feed of changes over the boards of one HERMES_HOME. */
export class ChangeFeed {
  readonly #home: string;
  readonly #listeners = new Set<ChangeListener>();
  /** Re-checks scheduled per listener and board after an event that showed nothing yet. */
  readonly #trailing = new Map<ChangeListener, Map<string, ReturnType<typeof setTimeout>[]>>();
  readonly #stop = new AbortController();
  #watcher: Deno.FsWatcher | null = null;
  /** What is watched now: WAL paths with their inodes, and directories. */
  #key = "";
  /** WAL file → board name. */
  #byWal = new Map<string, string>();
  #boards: readonly string[] = [];
  #pollMs: number;
  #failed = false;
  /** The PostgreSQL database of the boards, or null for SQLite files. */
  readonly #pg: PgBackend | null;
  /** While listening on PostgreSQL: the unsubscribe. */
  #unlisten: (() => void) | null = null;

  constructor(home: string, opts: ChangeFeedOptions = {}) {
    this.#home = home;
    this.#pollMs = opts.pollMs ?? 0;
    this.#pg = pgBackend(home);
    if (this.#pollMs > 0) this.#poll();
  }

  /** True once file watching failed (subscribers then rely on polling). */
  get failed(): boolean {
    return this.#failed;
  }

  /** Listen to the feed; returns the unsubscribe. */
  subscribe(l: ChangeListener): () => void {
    this.#listeners.add(l);
    return () => {
      this.#listeners.delete(l);
      for (const ts of this.#trailing.get(l)?.values() ?? []) for (const t of ts) clearTimeout(t);
      this.#trailing.delete(l);
    };
  }

  /** (Re)watch the WAL files of `boards`; cheap when nothing changed (call it often). */
  watch(boards: readonly string[]): void {
    if (this.#stop.signal.aborted) return;
    this.#boards = boards;
    if (this.#pg) {
      this.#listen(this.#pg, boards);
      return;
    }
    const byWal = new Map<string, string>();
    const keys: string[] = [];
    for (const b of boards) {
      const wal = `${boardPaths(this.#home, b).db}-wal`;
      const ino = inode(wal);
      // A missing WAL (no connection yet) is picked up by a later call.
      if (ino === null) continue;
      byWal.set(wal, b);
      keys.push(`${wal}@${ino}`);
    }
    // Directories that hold board directories (never a database): new boards appear there.
    const wantDirs = [...this.#listeners].some((l) => l.boardsChanged);
    const dirs = wantDirs ? [`${this.#home}/kanban`, boardsDir(this.#home)].filter(isDir) : [];
    const key = [...keys, ...dirs].join("\0");
    this.#byWal = byWal;
    if (key === this.#key && this.#watcher) return;
    this.#key = key;
    this.#watcher?.close();
    this.#watcher = null;
    const paths = [...byWal.keys(), ...dirs];
    if (paths.length === 0) return;
    try {
      this.#watcher = Deno.watchFs(paths, { recursive: false });
    } catch (e) {
      // A file vanished between stat and watch: the next call retries.
      if (e instanceof Deno.errors.NotFound) {
        this.#key = "";
        return;
      }
      this.#fail(e as Error);
      return;
    }
    this.#pump(this.#watcher);
  }

  /** LISTEN on the boards' channels (again only when the set of boards changed). */
  #listen(pg: PgBackend, boards: readonly string[]): void {
    const key = [...boards].sort().join("\0");
    if (key === this.#key && this.#unlisten) return;
    this.#unlisten?.();
    this.#unlisten = null;
    this.#key = key;
    try {
      this.#unlisten = pg.listen(
        boards,
        (board) => this.nudge(board),
        () => {
          for (const l of [...this.#listeners]) l.boardsChanged?.();
        },
      );
    } catch {
      // The database is unreachable: the next watch() tries again; the backstop poll remains.
      this.#key = "";
    }
  }

  /** Tell the subscribers that `board` may have changed (after a write we made ourselves). */
  nudge(board: string): void {
    for (const l of [...this.#listeners]) this.#ask(l, board);
  }

  /** Stop watching and polling. */
  close(): void {
    this.#stop.abort();
    this.#unlisten?.();
    this.#unlisten = null;
    this.#watcher?.close();
    this.#watcher = null;
    for (const m of this.#trailing.values()) {
      for (const ts of m.values()) for (const t of ts) clearTimeout(t);
    }
    this.#trailing.clear();
  }

  #fail(e: Error): void {
    this.#failed = true;
    for (const l of [...this.#listeners]) l.failed?.(e);
  }

  async #pump(w: Deno.FsWatcher): Promise<void> {
    try {
      for await (const ev of w) {
        for (const p of ev.paths) this.#route(p);
      }
    } catch (e) {
      if (!this.#stop.signal.aborted && w === this.#watcher) this.#fail(e as Error);
    }
  }

  #route(path: string): void {
    const board = this.#byWal.get(path);
    if (board !== undefined) {
      this.nudge(board);
      return;
    }
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (
      dir === boardsDir(this.#home) || dir === `${this.#home}/kanban` || path.endsWith("/kanban")
    ) {
      for (const l of [...this.#listeners]) l.boardsChanged?.();
    }
  }

  /** Ask one subscriber about one board; look again shortly while it sees nothing new. */
  #ask(l: ChangeListener, board: string): void {
    if (!l.changed || this.#stop.signal.aborted) return;
    let byBoard = this.#trailing.get(l);
    if (!byBoard) this.#trailing.set(l, byBoard = new Map());
    for (const t of byBoard.get(board) ?? []) clearTimeout(t);
    byBoard.delete(board);
    if (l.changed(board)) return;
    const timers = TRAILING_MS.map((ms) =>
      setTimeout(() => {
        if (this.#stop.signal.aborted || !this.#listeners.has(l)) return;
        if (l.changed?.(board)) {
          for (const t of byBoard.get(board) ?? []) clearTimeout(t);
          byBoard.delete(board);
        }
      }, ms)
    );
    byBoard.set(board, timers);
  }

  /** The backstop: ask every subscriber about every watched board, every pollMs. */
  async #poll(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      await sleep(this.#pollMs, signal);
      if (signal.aborted) return;
      for (const l of [...this.#listeners]) {
        for (const b of this.#boards) {
          try {
            l.changed?.(b);
          } catch { /* a board that cannot be asked now is asked again next time */ }
        }
      }
    }
  }
}

/** A board's events after `cursor`, oldest first, at most `limit`: what a feed subscriber reads. */
export function changes(store: Store, cursor: number, limit: number): TaskEvent[] {
  return store.events({ afterId: cursor, limit });
}

/** Resolve after `ms`, or as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function inode(p: string): number | null {
  try {
    return Deno.statSync(p).ino ?? 0;
  } catch {
    return null;
  }
}

function isDir(p: string): boolean {
  try {
    return Deno.statSync(p).isDirectory;
  } catch {
    return false;
  }
}
