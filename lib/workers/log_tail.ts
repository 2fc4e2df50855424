/**
 * Reading the end of a worker's log (results, block reasons, `kanban log --tail`, the dashboard's
 * log view) or of a hook's output, decoded as UTF-8 without a broken character at the cut.
 */

/**
 * Decode the last bytes of a text as UTF-8. When `cut` (bytes before these were dropped), the
 * continuation bytes of a character whose start was cut off are skipped, so the text never
 * starts with a replacement character that the output itself did not contain.
 */
export function decodeTail(bytes: Uint8Array, cut: boolean): string {
  let i = 0;
  if (cut) {
    while (i < bytes.length && i < 3 && (bytes[i] & 0xc0) === 0x80) i++;
  }
  return new TextDecoder().decode(bytes.subarray(i));
}

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
    return { text: decodeTail(buf.subarray(0, off), want < size), size, truncated: want < size };
  } finally {
    file.close();
  }
}

/** The last `maxBytes` of a stream, decoded as UTF-8 (see decodeTail). */
export async function readStreamTail(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<string> {
  let tail = new Uint8Array(0);
  let cut = false;
  for await (const chunk of stream) {
    const joined = new Uint8Array(tail.length + chunk.length);
    joined.set(tail);
    joined.set(chunk, tail.length);
    cut ||= joined.length > maxBytes;
    tail = joined.length > maxBytes ? joined.slice(joined.length - maxBytes) : joined;
  }
  return decodeTail(tail, cut);
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
