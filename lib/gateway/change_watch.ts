/**
 * Instant wake-up: watch the boards' WAL files (inotify through Deno.watchFs) so a
 * commit from any process — the CLI, a worker, the dashboard — wakes the dispatcher
 * within milliseconds instead of at the next safety sweep. The watcher only says
 * "this board's file changed"; the caller confirms with PRAGMA data_version, which
 * ignores its own connection's commits.
 *
 * Only the `-wal` files themselves are watched, never a directory holding a database:
 * Deno's watcher opens and closes the file an event names, and closing any descriptor
 * of the database file drops this process's POSIX locks on it — SQLite's shared lock
 * included — after which another process's last close deletes the WAL under our live
 * connection. SQLite keeps no locks on the `-wal` file, so events on it are harmless.
 */

import { boardPaths, boardsDir } from "../config/paths.ts";

/** What the watcher reports. */
export interface ChangeHandlers {
  /** A board's WAL (or database) file was written. */
  changed(board: string): void;
  /** Something appeared or vanished where boards live: rescan them. */
  boardsMaybeChanged(): void;
  /** The watcher failed; the caller should fall back to polling. */
  failed(error: Error): void;
}

/** Watches the boards' WAL files and the directories new boards appear in. */
export class ChangeWatcher {
  readonly #home: string;
  readonly #h: ChangeHandlers;
  #watcher: Deno.FsWatcher | null = null;
  /** What is watched now: WAL paths with their inodes, and directories. */
  #key = "";
  /** WAL file → board name. */
  #byWal = new Map<string, string>();
  #closed = false;

  constructor(home: string, handlers: ChangeHandlers) {
    this.#home = home;
    this.#h = handlers;
  }

  /** (Re)watch the WAL files of `boards`; cheap when nothing changed (call it often). */
  update(boards: readonly string[]): void {
    if (this.#closed) return;
    const byWal = new Map<string, string>();
    const keys: string[] = [];
    for (const b of boards) {
      const wal = `${boardPaths(this.#home, b).db}-wal`;
      const ino = inode(wal);
      // A missing WAL (no connection yet) is picked up by a later update.
      if (ino === null) continue;
      byWal.set(wal, b);
      keys.push(`${wal}@${ino}`);
    }
    // Directories that hold board directories (never a database): new boards appear there.
    const dirs = [`${this.#home}/kanban`, boardsDir(this.#home)].filter(isDir);
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
      // A file vanished between stat and watch: the next update retries.
      if (e instanceof Deno.errors.NotFound) {
        this.#key = "";
        return;
      }
      this.#h.failed(e as Error);
      return;
    }
    this.#pump(this.#watcher);
  }

  async #pump(w: Deno.FsWatcher): Promise<void> {
    try {
      for await (const ev of w) {
        for (const p of ev.paths) this.#route(p);
      }
    } catch (e) {
      if (!this.#closed && w === this.#watcher) this.#h.failed(e as Error);
    }
  }

  #route(path: string): void {
    const board = this.#byWal.get(path);
    if (board !== undefined) {
      this.#h.changed(board);
      return;
    }
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (
      dir === boardsDir(this.#home) || dir === `${this.#home}/kanban` || path.endsWith("/kanban")
    ) {
      this.#h.boardsMaybeChanged();
    }
  }

  /** Stop watching. */
  close(): void {
    this.#closed = true;
    this.#watcher?.close();
    this.#watcher = null;
  }
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
