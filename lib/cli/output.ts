/** Writing to stdout/stderr: data vs messages, JSON, colour only when allowed. */

import type { LineCell, LineColumn } from "../store/types.ts";

const enc = new TextEncoder();

/** Somewhere text can be written (stdout, stderr, or a test buffer). */
export interface Sink {
  write(text: string): void;
  /** Write UTF-8 bytes as they are (large outputs skip a decode and re-encode). */
  writeBytes?(bytes: Uint8Array): void;
  /** True when this is an interactive terminal. */
  isTerminal: boolean;
}

/** A sink over a Deno file handle (stdout or stderr). */
export function fileSink(file: typeof Deno.stdout | typeof Deno.stderr): Sink {
  const writeBytes = (bytes: Uint8Array) => {
    let off = 0;
    while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
  };
  return {
    write(text: string) {
      writeBytes(enc.encode(text));
    },
    writeBytes,
    isTerminal: file.isTerminal(),
  };
}

/** Write UTF-8 bytes to a sink, natively when it can take bytes. */
export function writeBytes(sink: Sink, bytes: Uint8Array): void {
  if (sink.writeBytes) sink.writeBytes(bytes);
  else sink.write(new TextDecoder().decode(bytes));
}

/** Colour helpers that become identity functions when colour is off. */
export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (on: boolean, code: number) => (s: string) => on ? `\x1b[${code}m${s}\x1b[0m` : s;

/** A palette: colour only on a terminal and never with NO_COLOR set (any value). */
export function palette(sink: Sink, noColor: boolean): Palette {
  const on = sink.isTerminal && !noColor;
  return {
    bold: wrap(on, 1),
    dim: wrap(on, 2),
    red: wrap(on, 31),
    green: wrap(on, 32),
    yellow: wrap(on, 33),
    cyan: wrap(on, 36),
  };
}

/** Pad to a display width (by code points, good enough for our columns). */
export function pad(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + " ".repeat(width - len);
}

/**
 * One line of `cells` for `task`, in JavaScript: what Store.renderLines() makes in the engine
 * for a whole listing (the store conformance suite checks they agree, byte for byte).
 */
export function renderLine(
  cells: readonly LineCell[],
  task: Readonly<Record<LineColumn, string | null>>,
): string {
  let line = "";
  for (const cell of cells) {
    if ("text" in cell) {
      line += cell.text;
      continue;
    }
    let v = task[cell.column];
    if (cell.map && v !== null && Object.hasOwn(cell.map, v)) v = cell.map[v];
    if (v === null && cell.whenNull !== undefined) v = cell.whenNull;
    if (cell.around) v = v ? cell.around[0] + v + cell.around[1] : "";
    v ??= "";
    line += cell.width === undefined ? v : pad(v, cell.width);
  }
  return line;
}

/** Render rows as aligned columns separated by two spaces. */
export function table(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => widths[i] = Math.max(widths[i] ?? 0, [...c].length));
  return rows.map((r) =>
    r.map((c, i) => i === r.length - 1 ? c : pad(c, widths[i])).join("  ").trimEnd()
  ).join("\n") + "\n";
}

/** Human age: 5s, 3m, 2h, 4d. */
export function age(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

// Control characters (newlines, ESC sequences) and bidi overrides in an echoed value
// must not break the message into lines or drive the terminal.
// deno-lint-ignore no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const MAX_MESSAGE = 1000;

/** A message as one printable line of bounded length (for echoing user input in errors). */
export function printableLine(message: string): string {
  const s = message.replace(
    UNPRINTABLE,
    (c) =>
      c === "\n"
        ? "\\n"
        : c === "\t"
        ? "\\t"
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return s.length > MAX_MESSAGE
    ? `${s.slice(0, MAX_MESSAGE)}… (${s.length - MAX_MESSAGE} more characters)`
    : s;
}

// Terminal control in text that passes through: every C0 control but tab and newline,
// DEL and the C1 range (8-bit CSI/OSC), and ESC unless it starts a colour (SGR) sequence.
// deno-lint-ignore no-control-regex
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// deno-lint-ignore no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** `text` with terminal control characters shown as `\uXXXX` (valid inside JSON strings too). */
export function neutralizeControls(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(
    CONTROL,
    (m) => m.length > 1 ? m : `\\u${m.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const latin1 = new TextDecoder("latin1");

/**
 * True when UTF-8 `bytes` may hold a character neutralizeControls would change: a C0
 * control, DEL, or the byte 0xC2 that starts every C1 control (it also starts harmless
 * characters such as "°"; those take the exact, slower path). Decoding as Latin-1
 * (windows-1252) keeps those bytes as the same code units, so one native regex scan
 * replaces a byte loop that is slow in a short-lived process.
 */
function bytesHaveControl(bytes: Uint8Array): boolean {
  return MAYBE_CONTROL_BYTE.test(latin1.decode(bytes));
}

// deno-lint-ignore no-control-regex
const MAYBE_CONTROL_BYTE = /[\u0000-\u0008\u000b-\u001f\u007f\u00c2]/;

/**
 * A sink that neutralizes terminal control sequences in everything written to it, keeping
 * colour. Task titles, bodies, comments and worker output are other people's (or agents')
 * text: printed raw, an escape sequence could clear the screen, retitle the window or write
 * the clipboard. JSON stays valid and means the same.
 */
export function safeSink(inner: Sink): Sink {
  return {
    isTerminal: inner.isTerminal,
    write(text: string) {
      inner.write(neutralizeControls(text));
    },
    writeBytes(bytes: Uint8Array) {
      if (!bytesHaveControl(bytes)) writeBytes(inner, bytes);
      else inner.write(neutralizeControls(new TextDecoder().decode(bytes)));
    },
  };
}
