/** Keeping per-run log files under `kanban.log_max_bytes`. */

/**
 * Keep a log file under `maxBytes` by copy-truncate: the newest half stays (from
 * a line start), after a marker line. The worker appends with O_APPEND, so it
 * keeps writing at the new end; bytes it writes during the copy may be lost.
 * A missing file is fine.
 */
export function capLog(path: string, maxBytes: number): void {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true, append: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw e;
  }
  try {
    const size = file.statSync().size;
    if (size <= maxBytes) return;
    const keep = Math.max(0, Math.floor(maxBytes / 2));
    const buf = new Uint8Array(keep);
    file.seekSync(size - keep, Deno.SeekMode.Start);
    let got = 0;
    while (got < keep) {
      const n = file.readSync(buf.subarray(got));
      if (n === null) break;
      got += n;
    }
    let tail = buf.subarray(0, got);
    const nl = tail.indexOf(10);
    if (nl >= 0 && nl < tail.length - 1) tail = tail.subarray(nl + 1);
    const marker = new TextEncoder().encode(
      `[hermes: log over ${maxBytes} bytes; ${size - tail.length} older bytes dropped]\n`,
    );
    file.truncateSync(0);
    const out = new Uint8Array(marker.length + tail.length);
    out.set(marker);
    out.set(tail, marker.length);
    let off = 0;
    while (off < out.length) off += file.writeSync(out.subarray(off));
  } finally {
    file.close();
  }
}
