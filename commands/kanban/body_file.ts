/** Reading a task body from a file or standard input (`--body-file`), within the size limit. */

import { MAX_BODY_BYTES, UsageError } from "../../lib/board/mod.ts";

async function readCapped(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > cap) break;
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

function tooLarge(bytes: number): UsageError {
  return new UsageError(
    `body is too large: ${bytes} bytes (limit ${MAX_BODY_BYTES} bytes)`,
    "too_large",
  );
}

/** The text of `path` (`-` reads standard input), refusing more than MAX_BODY_BYTES. */
export async function readBodyFile(path: string): Promise<string> {
  let bytes: Uint8Array;
  if (path === "-") {
    bytes = await readCapped(Deno.stdin.readable, MAX_BODY_BYTES);
    if (bytes.length > MAX_BODY_BYTES) throw tooLarge(bytes.length);
  } else {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch (e) {
      const why = e instanceof Deno.errors.NotFound ? "no such file" : (e as Error).message;
      throw new UsageError(`--body-file: cannot read '${path}': ${why}`, "invalid_path");
    }
    if (!info.isFile) throw new UsageError(`--body-file: '${path}' is not a file`, "invalid_path");
    if (info.size > MAX_BODY_BYTES) throw tooLarge(info.size);
    bytes = await Deno.readFile(path);
    if (bytes.length > MAX_BODY_BYTES) throw tooLarge(bytes.length);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError("--body-file: the body is not valid UTF-8 text", "invalid_text");
  }
}
