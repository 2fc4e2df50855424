/** Reading the end of a worker's log: results, block reasons and `kanban log --tail`. */

/** The last `maxBytes` of a file, decoded as UTF-8, and whether anything was cut. Null if missing. */
export function readTail(
  path: string,
  maxBytes: number,
): { text: string; size: number; truncated: boolean } | null {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch {
    return null;
  }
  try {
    const size = file.statSync().size;
    const want = Math.max(0, Math.min(size, maxBytes));
    file.seekSync(size - want, Deno.SeekMode.Start);
    const buf = new Uint8Array(want);
    let off = 0;
    while (off < want) {
      const n = file.readSync(buf.subarray(off));
      if (n === null || n === 0) break;
      off += n;
    }
    let bytes = buf.subarray(0, off);
    // Cutting mid-character would leave a replacement character at the start; skip continuation bytes.
    if (want < size) {
      let i = 0;
      while (i < bytes.length && i < 4 && (bytes[i] & 0xc0) === 0x80) i++;
      bytes = bytes.subarray(i);
    }
    return { text: new TextDecoder().decode(bytes), size, truncated: want < size };
  } finally {
    file.close();
  }
}

/** The last `maxChars` characters of a worker's output, trimmed, for results and reasons. */
export function outputTail(path: string | null, maxChars: number): string {
  if (!path) return "";
  const t = readTail(path, maxChars * 4);
  if (!t) return "";
  const text = t.text.trim();
  const chars = [...text];
  return chars.length > maxChars ? chars.slice(chars.length - maxChars).join("") : text;
}
