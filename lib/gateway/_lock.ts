/**
 * The gateway's singleton lock: an exclusive flock on `<home>/gateway.lock`, held for
 * the life of the process. The kernel drops it when the process dies (even by
 * SIGKILL), so "is the lock held?" answers "is a gateway alive?" without trusting a
 * pid that may have been reused. Deno cannot read /proc without --allow-all, so this
 * is also the only liveness check that works under the release permissions.
 */

import { ensurePrivateDir, homePaths } from "../config/paths.ts";

/** A held gateway lock; closing the file releases it. */
export interface GatewayLock extends Disposable {
  readonly path: string;
  release(): void;
}

function openLockFile(path: string): Deno.FsFile {
  return Deno.openSync(path, { read: true, write: true, create: true, mode: 0o600 });
}

/**
 * Take the lock, retrying briefly: a presence probe in another process holds a shared
 * lock for microseconds, which must not make a starting gateway give up.
 * Returns null when another process keeps holding it.
 */
export async function acquireGatewayLock(
  home: string,
  opts: { retryMs?: number } = {},
): Promise<GatewayLock | null> {
  ensurePrivateDir(home);
  const path = homePaths(home).gatewayLock;
  const file = openLockFile(path);
  const deadline = Date.now() + (opts.retryMs ?? 750);
  while (true) {
    let got = false;
    try {
      got = file.tryLockSync(true);
    } catch (e) {
      file.close();
      throw e;
    }
    if (got) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          file.unlockSync();
        } catch { /* closing releases it anyway */ }
        file.close();
      };
      return { path, release, [Symbol.dispose]: release };
    }
    if (Date.now() >= deadline) {
      file.close();
      return null;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Is some process holding an exclusive flock on `path` right now? Probes with a shared lock that
 * is released at once. A missing file means nobody ever took it.
 */
export function lockHeld(path: string): boolean {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
  try {
    if (file.tryLockSync(false)) {
      file.unlockSync();
      return false;
    }
    return true;
  } finally {
    file.close();
  }
}

/** Is some process holding the gateway lock right now (is a gateway alive)? */
export function gatewayLockHeld(home: string): boolean {
  return lockHeld(homePaths(home).gatewayLock);
}

/** Is some process (ours or a Hermes gateway) holding Hermes's dispatcher lock right now? */
export function dispatcherLockHeld(home: string): boolean {
  try {
    return lockHeld(homePaths(home).dispatcherLock);
  } catch {
    return false;
  }
}
