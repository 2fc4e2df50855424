/**
 * Instant wake-up: watch the boards' WAL files (inotify through Deno.watchFs) so a
 * commit from any process — the CLI, a worker, the dashboard — wakes the dispatcher
 * within milliseconds instead of at the next safety sweep. The watcher only says
 * "this board's file changed"; the caller confirms with PRAGMA data_version, which
 * ignores its own connection's commits.
 */

import { boardPaths, boardsDir, DEFAULT_BOARD } from "../config/paths.ts";

/** What the watcher reports. */
export interface ChangeHandlers {
  /** A board's WAL (or database) file was written. */
  changed(board: string): void;
  /** Something appeared or vanished where boards live: rescan them. */
  boardsMaybeChanged(): void;
  /** The watcher failed; the caller should fall back to polling. */
  failed(error: Error): void;
}

/** Watches HERMES_HOME and the named boards' directories, non-recursively. */
export class ChangeWatcher {
  readonly #home: string;
  readonly #h: ChangeHandlers;
  #watcher: Deno.FsWatcher | null = null;
  #dirs = "";
  /** Board directory (or home for the default board) → board name. */
  #byDir = new Map<string, string>();
  #closed = false;

  constructor(home: string, handlers: ChangeHandlers) {
    this.#home = home;
    this.#h = handlers;
  }

  /** (Re)watch the directories of `boards`; cheap when nothing changed. */
  update(boards: readonly string[]): void {
    if (this.#closed) return;
    const byDir = new Map<string, string>();
    byDir.set(this.#home, DEFAULT_BOARD);
    for (const b of boards) {
      if (b === DEFAULT_BOARD) continue;
      byDir.set(boardPaths(this.#home, b).dir, b);
    }
    const dirs = [...byDir.keys()];
    // Watch where new boards appear, so creating one wakes us too.
    for (const d of [`${this.#home}/kanban`, boardsDir(this.#home)]) {
      if (isDir(d)) dirs.push(d);
    }
    const key = dirs.join("\0");
    this.#byDir = byDir;
    if (key === this.#dirs && this.#watcher) return;
    this.#dirs = key;
    this.#watcher?.close();
    try {
      this.#watcher = Deno.watchFs(dirs.filter(isDir), { recursive: false });
    } catch (e) {
      this.#watcher = null;
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
    const slash = path.lastIndexOf("/");
    const dir = path.slice(0, slash);
    const name = path.slice(slash + 1);
    const board = this.#byDir.get(dir);
    if (board !== undefined && (name === "kanban.db-wal" || name === "kanban.db")) {
      this.#h.changed(board);
      return;
    }
    if (dir === boardsDir(this.#home) || dir === `${this.#home}/kanban`) {
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

function isDir(p: string): boolean {
  try {
    return Deno.statSync(p).isDirectory;
  } catch {
    return false;
  }
}
