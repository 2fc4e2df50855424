/**
 * Hermes's two dispatcher locks, taken exactly as Hermes takes them (an exclusive, non-blocking
 * flock on a file, released by the kernel when the process dies), so a Hermes gateway and this
 * program each see the other:
 *
 * - the tick lock, `<board db>.dispatch.lock`: held around one dispatcher tick of that board.
 *   Whoever finds it taken skips the tick (the holder is making progress on the same board), so
 *   two dispatchers never reclaim, promote, claim and spawn on one board at the same moment;
 * - the dispatcher lock, `<home>/kanban/.dispatcher.lock`: held for its whole life by the one
 *   gateway that dispatches. A gateway that finds it taken does not dispatch.
 *
 * Hermes opens the files without writing them. While this program holds the dispatcher lock it
 * writes who it is into the file (JSON), which Hermes never reads, and empties it on release;
 * `gateway status` uses that to tell its own holder from Hermes's.
 */

import { ensurePrivateDir, homePaths } from "../config/paths.ts";

function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost";
  }
}

/** Open a lock file as Hermes does (created if missing, never truncated by opening). */
function openLock(path: string): Deno.FsFile {
  const dir = path.slice(0, path.lastIndexOf("/"));
  if (dir) ensurePrivateDir(dir);
  return Deno.openSync(path, { read: true, write: true, create: true, mode: 0o600 });
}

/** Hermes's per-board tick lock. One instance per dispatcher; the file stays open between ticks. */
export class TickLock {
  readonly path: string;
  #file: Deno.FsFile | null = null;
  #held = false;
  /** The file could not be opened (read-only file system): ticks go on unguarded, as in Hermes. */
  #unavailable = false;

  constructor(path: string) {
    this.path = path;
  }

  /** Take the lock without waiting; false when another process (or handle) holds it. */
  tryTake(): boolean {
    if (this.#held) return true;
    if (this.#unavailable) return true;
    if (this.#file === null) {
      try {
        this.#file = openLock(this.path);
      } catch {
        this.#unavailable = true;
        return true;
      }
    }
    this.#held = this.#file.tryLockSync(true);
    return this.#held;
  }

  /** Take the lock, trying again every `pollMs` for up to `waitMs`; false if it stays taken. */
  async take(waitMs: number, pollMs = 20): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    while (!this.tryTake()) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return true;
  }

  /** Let the next tick (ours or another process's) have it. */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    try {
      this.#file?.unlockSync();
    } catch { /* closing releases it anyway */ }
  }

  /** Release and close the file. */
  close(): void {
    this.release();
    this.#file?.close();
    this.#file = null;
  }
}

/** Which of our processes holds the dispatcher lock, as written into the file. */
export interface OwnHolder {
  holder: "gateway";
  pid: number;
  host: string;
  /** Unix seconds when it took the lock. */
  since: number;
}

/** A held dispatcher lock; releasing empties the file and drops the lock. */
export interface HeldDispatcherLock extends Disposable {
  readonly path: string;
  release(): void;
}

/**
 * Take Hermes's dispatcher lock for this process's life, if it is free. Returns null when another
 * process holds it (then this process must not dispatch), and `"unavailable"` when the file
 * cannot be opened at all (Hermes then goes on without it; so do we).
 */
export function tryDispatcherLock(
  home: string,
  holder: OwnHolder["holder"],
  now: number,
): HeldDispatcherLock | null | "unavailable" {
  const path = homePaths(home).dispatcherLock;
  let file: Deno.FsFile;
  try {
    file = openLock(path);
  } catch {
    return "unavailable";
  }
  let got = false;
  try {
    got = file.tryLockSync(true);
  } catch {
    got = false;
  }
  if (!got) {
    file.close();
    return null;
  }
  const record: OwnHolder = { holder, pid: Deno.pid, host: hostName(), since: now };
  try {
    file.truncateSync(0);
    file.writeSync(new TextEncoder().encode(JSON.stringify(record) + "\n"));
  } catch { /* the lock is what counts; the record only names us */ }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      file.truncateSync(0);
    } catch { /* a stale record is ignored when the lock is free */ }
    try {
      file.unlockSync();
    } catch { /* closing releases it anyway */ }
    file.close();
  };
  return { path, release, [Symbol.dispose]: release };
}

/** What the dispatcher lock's file says about who holds it, if one of ours wrote it. */
export function readOwnHolder(home: string): OwnHolder | null {
  try {
    const rec = JSON.parse(Deno.readTextFileSync(homePaths(home).dispatcherLock));
    if (
      rec?.holder === "gateway" && typeof rec.pid === "number" && typeof rec.host === "string"
    ) {
      return rec as OwnHolder;
    }
  } catch { /* empty (Hermes's, or released) or absent */ }
  return null;
}
