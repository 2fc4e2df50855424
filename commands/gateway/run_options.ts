/** Options shared by `gateway run`, `start` and `restart`, and turning them back into argv. */

import { UsageError } from "../../lib/board/errors.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { OptionSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { LOG_LEVELS, type LogLevel } from "../../lib/log/logger.ts";

/** The options of the gateway host. */
export const RUN_OPTIONS: OptionSpec[] = [
  {
    long: "host",
    value: "address",
    description:
      "dashboard listen address; the only way to bind beyond loopback (default: dashboard.host)",
  },
  {
    long: "port",
    value: "n",
    description: "dashboard port, 0 picks a free one (default: dashboard.port, 8645)",
  },
  {
    long: "tls-cert",
    value: "file",
    description: "serve the dashboard over HTTPS with this PEM certificate (needs --tls-key)",
  },
  { long: "tls-key", value: "file", description: "the PEM private key of --tls-cert" },
  {
    long: "insecure-lan",
    description:
      "allow a non-loopback --host without TLS (the token then crosses the network in clear)",
  },
  { long: "no-dashboard", description: "do not serve the dashboard" },
  {
    long: "log-format",
    value: "text|json",
    description: "log format on stderr (default: gateway.log_format, text)",
  },
  {
    long: "log-level",
    value: "level",
    description: "debug, info, warning or error (default: gateway.log_level, info)",
  },
  {
    long: "stop-workers",
    description:
      "on SIGTERM stop running workers and put their tasks back to ready (default when PID 1)",
  },
];

/** The parsed host options. */
export interface RunFlags {
  host: string | null;
  port: number | null;
  noDashboard: boolean;
  logFormat: "text" | "json" | null;
  logLevel: LogLevel | null;
  stopWorkers: boolean;
  /** `--tls-cert`/`--tls-key`, as absolute paths (a background gateway runs elsewhere). */
  tls: { certFile: string; keyFile: string } | null;
  insecureLan: boolean;
}

/** Read and check the host options. */
export function readRunFlags(input: ParsedInput): RunFlags {
  const portText = str(input, "port");
  let port: number | null = null;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d+$/.test(portText.trim()) || port > 65535) {
      throw new UsageError(`--port must be a number from 0 to 65535, got '${portText}'`);
    }
  }
  const fmt = str(input, "logFormat");
  if (fmt !== undefined && fmt !== "text" && fmt !== "json") {
    throw new UsageError(`--log-format must be text or json, got '${fmt}'`);
  }
  const lvl = str(input, "logLevel");
  if (lvl !== undefined && !(LOG_LEVELS as readonly string[]).includes(lvl)) {
    throw new UsageError(`--log-level must be debug, info, warning or error, got '${lvl}'`);
  }
  const host = str(input, "host");
  if (host !== undefined && host.trim() === "") {
    throw new UsageError("--host needs an address, e.g. --host 127.0.0.1");
  }
  const cert = str(input, "tlsCert");
  const key = str(input, "tlsKey");
  if ((cert === undefined) !== (key === undefined)) {
    throw new UsageError("--tls-cert and --tls-key go together: pass both files");
  }
  const abs = (p: string) => p.startsWith("/") ? p : `${Deno.cwd()}/${p}`;
  const tls = cert !== undefined && key !== undefined
    ? { certFile: abs(cert), keyFile: abs(key) }
    : null;
  return {
    host: host?.trim() ?? null,
    port,
    noDashboard: flag(input, "noDashboard"),
    logFormat: (fmt as RunFlags["logFormat"]) ?? null,
    logLevel: (lvl as RunFlags["logLevel"]) ?? null,
    stopWorkers: flag(input, "stopWorkers"),
    tls,
    insecureLan: flag(input, "insecureLan"),
  };
}

/** The same options as arguments for a background `gateway run`. */
export function runFlagsArgv(f: RunFlags): string[] {
  const out: string[] = [];
  if (f.host !== null) out.push("--host", f.host);
  if (f.port !== null) out.push("--port", String(f.port));
  if (f.tls) out.push("--tls-cert", f.tls.certFile, "--tls-key", f.tls.keyFile);
  if (f.insecureLan) out.push("--insecure-lan");
  if (f.noDashboard) out.push("--no-dashboard");
  if (f.logFormat) out.push("--log-format", f.logFormat);
  if (f.logLevel) out.push("--log-level", f.logLevel);
  if (f.stopWorkers) out.push("--stop-workers");
  return out;
}
