/**
 * The gateway's logger: LogTape writing to stderr as text or JSON lines. LogTape is
 * imported lazily here and only the gateway loads this module, so the hot CLI verbs
 * never pay for it.
 */

import type { LogLevel } from "./messages.ts";

/** Where gateway code logs. */
export interface GatewayLog {
  log(level: LogLevel, message: string, props?: Record<string, unknown>): void;
  debug(message: string, props?: Record<string, unknown>): void;
  info(message: string, props?: Record<string, unknown>): void;
  warning(message: string, props?: Record<string, unknown>): void;
  error(message: string, props?: Record<string, unknown>): void;
  /** Flush and detach the sinks. */
  close(): Promise<void>;
}

/** How the gateway logs. */
export interface LogOptions {
  format: "text" | "json";
  level: LogLevel;
  /** Where lines go; defaults to stderr (synchronous, so nothing is lost at exit). */
  write?: (line: string) => void;
}

const enc = new TextEncoder();

function stderrWrite(line: string): void {
  const bytes = enc.encode(line);
  let off = 0;
  while (off < bytes.length) off += Deno.stderr.writeSync(bytes.subarray(off));
}

// LogTape reads `{name}` as a placeholder; our messages are already rendered.
const escapeBraces = (s: string) => s.replaceAll("{", "{{").replaceAll("}", "}}");

function renderProps(props: Record<string, unknown> | undefined): string {
  if (!props) return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    const s = typeof v === "string" ? v : JSON.stringify(v);
    parts.push(`${k}=${/\s/.test(s) ? JSON.stringify(s) : s}`);
  }
  return parts.length ? " " + parts.join(" ") : "";
}

/** Configure LogTape for this process and return the gateway's logger. */
export async function setupLogging(opts: LogOptions): Promise<GatewayLog> {
  const lt = await import("@logtape/logtape");
  const write = opts.write ?? stderrWrite;
  const formatter = opts.format === "json"
    ? lt.getJsonLinesFormatter()
    : lt.getTextFormatter({ timestamp: "rfc3339" });
  await lt.configure({
    reset: true,
    sinks: { stderr: (record) => write(String(formatter(record))) },
    loggers: [
      { category: ["hermes"], lowestLevel: opts.level, sinks: ["stderr"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["stderr"] },
    ],
  });
  const logger = lt.getLogger(["hermes", "gateway"]);
  const log = (level: LogLevel, message: string, props?: Record<string, unknown>) => {
    const text = opts.format === "json" ? message : message + renderProps(props);
    logger[level](escapeBraces(text), props ?? {});
  };
  return {
    log,
    debug: (m, p) => log("debug", m, p),
    info: (m, p) => log("info", m, p),
    warning: (m, p) => log("warning", m, p),
    error: (m, p) => log("error", m, p),
    close: () => lt.dispose(),
  };
}
