/**
 * Open boards, kept open between requests (opening a board costs a header check and
 * pragmas). At most a few at a time: the least recently used one is closed first.
 */

import { NotFoundError } from "../board/mod.ts";
import {
  boardPaths,
  DEFAULT_BOARD,
  normalizeBoardName,
  readCurrentBoard,
} from "../config/paths.ts";
import { type Clock, createsOnOpen, openBoard, type Store } from "../store/mod.ts";

/** How many boards stay open at once. */
export const MAX_OPEN_BOARDS = 8;

/** Boards of one HERMES_HOME, opened on demand. */
export class BoardRegistry {
  readonly home: string;
  readonly #clock?: Clock;
  readonly #open = new Map<string, Store>();

  constructor(home: string, clock?: Clock) {
    this.home = home;
    this.#clock = clock;
  }

  /**
   * Resolve `?board=` to a valid name; absent or empty, the current board (the current-board
   * file's, as in Hermes), else the default board.
   */
  resolve(param: string | null): string {
    const name = (param ?? "").trim();
    return name === "" ? readCurrentBoard(this.home) ?? DEFAULT_BOARD : normalizeBoardName(name);
  }

  /**
   * The open store of a board; the default board is created on first use, and the database of a
   * board Hermes described (board.json) but never opened; others must exist.
   */
  get(name: string): Store {
    const hit = this.#open.get(name);
    if (hit) {
      this.#open.delete(name);
      this.#open.set(name, hit);
      return hit;
    }
    let store: Store;
    try {
      const create = createsOnOpen(this.home, name);
      store = openBoard(this.home, name, { create, clock: this.#clock });
    } catch (e) {
      if ((e as { code?: string }).code === "no_board") {
        throw new NotFoundError(
          `no board named '${name}' (at ${
            boardPaths(this.home, name).db
          }); create it with 'hermes kanban boards create ${name}'`,
          "no_board",
        );
      }
      throw e;
    }
    this.#open.set(name, store);
    while (this.#open.size > MAX_OPEN_BOARDS) {
      const [oldest, s] = this.#open.entries().next().value!;
      this.#open.delete(oldest);
      s.close();
    }
    return store;
  }

  /** Close a board if it is open (before it is archived or deleted). */
  forget(name: string): void {
    this.#open.get(name)?.close();
    this.#open.delete(name);
  }

  /** Names of the boards open now. */
  openNames(): string[] {
    return [...this.#open.keys()];
  }

  /** Close every open board. */
  close(): void {
    for (const s of this.#open.values()) s.close();
    this.#open.clear();
  }
}
