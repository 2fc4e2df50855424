/**
 * The gateway's logging: LogTape writing to stderr as text or JSON lines, one category per part
 * (`hermes.gateway`, `hermes.dispatcher`, `hermes.server`, `hermes.notifier`). LogTape is imported
 * when logging is set up and only the gateway does that, so the hot CLI verbs never pay for it.
 */

import { type Logger, loggerOf, type LogLevel, type LogProps } from "./logger.ts";

/** The gateway's logger, with a child logger for each of its parts. */
export interface GatewayLog extends Logger {
  /** The logger of one part of the gateway: category `hermes.<part>`. */
  part(name: string): Logger;
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

function renderProps(props: LogProps | undefined): string {
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
  const part = (name: string): Logger => {
    const logger = lt.getLogger(["hermes", name]);
    return loggerOf((level, message, props) => {
      const text = opts.format === "json" ? message : message + renderProps(props);
      logger[level](escapeBraces(text), props ?? {});
    });
  };
  return { ...part("gateway"), part, close: () => lt.dispose() };
}
