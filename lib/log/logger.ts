/**
 * The one logging vocabulary of hermes: LogTape's four severities and a logger interface that
 * the gateway (LogTape, lib/log/logtape.ts), its Workers (messages to the main thread) and the
 * CLI (plain lines on stderr) all implement.
 */

/** Log severities, least severe first, named as LogTape names them. */
export const LOG_LEVELS = ["debug", "info", "warning", "error"] as const;

/** One log severity. */
export type LogLevel = typeof LOG_LEVELS[number];

/** Fields that go with a message (shown as key=value in text, as properties in JSON). */
export type LogProps = Record<string, unknown>;

/** Log one message: the shape every logger hook takes. */
export type LogFn = (level: LogLevel, message: string, props?: LogProps) => void;

/** Where code logs. */
export interface Logger {
  log: LogFn;
  debug(message: string, props?: LogProps): void;
  info(message: string, props?: LogProps): void;
  warning(message: string, props?: LogProps): void;
  error(message: string, props?: LogProps): void;
}

/** True when `level` is `lowest` or more severe. */
export function atLeast(level: LogLevel, lowest: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(lowest);
}

/** A Logger over one log function. */
export function loggerOf(log: LogFn): Logger {
  return {
    log,
    debug: (m, p) => log("debug", m, p),
    info: (m, p) => log("info", m, p),
    warning: (m, p) => log("warning", m, p),
    error: (m, p) => log("error", m, p),
  };
}

/** A logger printing bare messages of `lowest` severity and above, one per line (the CLI's). */
export function lineLogger(write: (line: string) => void, lowest: LogLevel = "info"): Logger {
  return loggerOf((level, message) => {
    if (atLeast(level, lowest)) write(message);
  });
}
