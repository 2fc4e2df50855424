/** Writing small private files atomically: a 0600 temp file renamed over the target. */

/**
 * Replace `path` with `text` (mode 0600) so readers see the old or the new content, never a torn
 * one: a temp file in the same directory, renamed over the target. On failure no temp file is
 * left behind.
 */
export function writePrivateAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  try {
    const file = Deno.openSync(tmp, { write: true, create: true, truncate: true, mode: 0o600 });
    try {
      // The mode option only applies on create; a leftover temp file keeps its own mode.
      Deno.chmodSync(tmp, 0o600);
      const bytes = new TextEncoder().encode(text);
      let off = 0;
      while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
    } finally {
      file.close();
    }
    Deno.renameSync(tmp, path);
  } catch (e) {
    try {
      Deno.removeSync(tmp);
    } catch { /* nothing left to clean */ }
    throw e;
  }
}

/** Remove a file if it exists. */
export function removeIfExists(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}
