/**
 * The shape of `kanban.notify` in config.yaml, checked once with one-line errors that
 * name the offending path. The config layer only knows the key is a mapping.
 */

import { UsageError } from "../../board/errors.ts";
import type { Env } from "../../config/paths.ts";

/** Event kinds a person waits for: the default of every sink and subscription. */
export const DEFAULT_EVENTS: readonly string[] = [
  "completed",
  "blocked",
  "gave_up",
  "crashed",
  "timed_out",
];

/** Every event kind a sink may ask for (typos are refused, not silently never matched). */
export const KNOWN_EVENTS: readonly string[] = [
  "created",
  "promoted",
  "claimed",
  "completed",
  "blocked",
  "unblocked",
  "archived",
  "assigned",
  "linked",
  "unlinked",
  "commented",
  "edited",
  "reprioritized",
  "status",
  "spawned",
  "heartbeat",
  "reclaimed",
  "crashed",
  "timed_out",
  "spawn_failed",
  "gave_up",
  "protocol_violation",
  "retry_later",
  "claim_extended",
  "reclaim_deferred",
];

/** How a sink retries: attempts in all, and the exponential backoff between them. */
export interface RetryPolicy {
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
}

/** A webhook from config: JSON POST, signed when it has a secret. */
export interface WebhookSink extends RetryPolicy {
  type: "webhook";
  /** Stable identity of the sink (its cursor is stored under it). */
  key: string;
  url: string;
  events: readonly string[];
  secret: string | null;
  /** Deliver even when the host is loopback, link-local or private (refused by default). */
  allowPrivate: boolean;
}

/** A command hook: argv run with the event JSON on stdin. */
export interface CommandSink extends RetryPolicy {
  type: "command";
  key: string;
  argv: readonly string[];
  events: readonly string[];
}

/** A configured sink. */
export type ConfiguredSink = WebhookSink | CommandSink;

/** `kanban.notify`, checked and with defaults filled in. */
export interface NotifyConfig {
  sinks: readonly ConfiguredSink[];
  /** Kinds delivered to per-task subscriptions (and to sinks without their own list). */
  events: readonly string[];
  /** Retry policy of subscription deliveries (and the default of every sink). */
  retry: RetryPolicy;
  /** How often the notifier looks for new events. */
  pollIntervalMs: number;
  /** Per-task subscriptions (and webhooks that do not say) may reach private addresses. */
  allowPrivate: boolean;
}

/** Key prefixes of configured sinks (subscriptions use `sub:`). */
export const CONFIGURED_PREFIXES: readonly string[] = ["webhook:", "command:"];

const DEFAULT_RETRY: RetryPolicy = {
  timeoutMs: 10_000,
  maxAttempts: 5,
  backoffMs: 1_000,
  backoffMaxMs: 300_000,
};

const TOP_KEYS = [
  "webhooks",
  "command",
  "events",
  "timeout_seconds",
  "max_attempts",
  "backoff_seconds",
  "backoff_max_seconds",
  "poll_interval_seconds",
  "allow_private",
];
const RETRY_KEYS = ["timeout_seconds", "max_attempts", "backoff_seconds", "backoff_max_seconds"];
const WEBHOOK_KEYS = ["url", "events", "secret", "secret_env", "allow_private", ...RETRY_KEYS];
const COMMAND_KEYS = ["argv", "events", ...RETRY_KEYS];

function bad(path: string, want: string, got: unknown): UsageError {
  return new UsageError(
    `config.yaml: kanban.notify${path} must be ${want}, got ${JSON.stringify(got) ?? "nothing"}`,
    "invalid_config",
  );
}

function boolFlag(path: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "boolean") throw bad(path, "true or false", v);
  return v;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function checkKeys(path: string, v: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) {
      throw new UsageError(
        `config.yaml: unknown key kanban.notify${path}.${k} (allowed: ${allowed.join(", ")})`,
        "invalid_config",
      );
    }
  }
}

function seconds(path: string, v: unknown, min: number, fallbackMs: number): number {
  if (v === undefined || v === null) return fallbackMs;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
    throw bad(path, `a number of seconds of at least ${min}`, v);
  }
  return Math.round(v * 1000);
}

function events(path: string, v: unknown, fallback: readonly string[]): readonly string[] {
  if (v === undefined || v === null) return fallback;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "string")) {
    throw bad(path, "a non-empty list of event kinds", v);
  }
  for (const k of v as string[]) {
    if (!KNOWN_EVENTS.includes(k)) {
      throw new UsageError(
        `config.yaml: kanban.notify${path} has unknown event kind '${k}' (known: ${
          KNOWN_EVENTS.join(", ")
        })`,
        "invalid_config",
      );
    }
  }
  return [...new Set(v as string[])];
}

function retry(path: string, v: Record<string, unknown>, base: RetryPolicy): RetryPolicy {
  const attempts = v.max_attempts;
  if (
    attempts !== undefined && attempts !== null &&
    (typeof attempts !== "number" || !Number.isInteger(attempts) || attempts < 1)
  ) {
    throw bad(`${path}.max_attempts`, "a whole number of at least 1", attempts);
  }
  const out: RetryPolicy = {
    timeoutMs: seconds(`${path}.timeout_seconds`, v.timeout_seconds, 0.01, base.timeoutMs),
    maxAttempts: typeof attempts === "number" ? attempts : base.maxAttempts,
    backoffMs: seconds(`${path}.backoff_seconds`, v.backoff_seconds, 0, base.backoffMs),
    backoffMaxMs: seconds(
      `${path}.backoff_max_seconds`,
      v.backoff_max_seconds,
      0,
      base.backoffMaxMs,
    ),
  };
  if (out.backoffMaxMs < out.backoffMs) out.backoffMaxMs = out.backoffMs;
  return out;
}

/** Check an http(s) URL; returns it normalised. */
export function checkWebhookUrl(where: string, v: unknown): string {
  let url: URL | null = null;
  if (typeof v === "string") {
    try {
      url = new URL(v.trim());
    } catch { /* reported below */ }
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(
      `${where} must be an http:// or https:// URL, got ${JSON.stringify(v) ?? "nothing"}`,
      "invalid_url",
    );
  }
  return url.href;
}

function webhook(i: number, v: unknown, env: Env, base: NotifyConfig): WebhookSink {
  const path = `.webhooks[${i}]`;
  if (typeof v === "string") v = { url: v };
  if (!isMap(v)) throw bad(path, "a mapping with a url", v);
  checkKeys(path, v, WEBHOOK_KEYS);
  const url = checkWebhookUrl(`config.yaml: kanban.notify${path}.url`, v.url);
  let secret: string | null = null;
  if (v.secret !== undefined && v.secret !== null) {
    if (typeof v.secret !== "string" || v.secret === "") {
      throw bad(`${path}.secret`, "a non-empty string", v.secret);
    }
    secret = v.secret;
  }
  if (v.secret_env !== undefined && v.secret_env !== null) {
    if (secret !== null) {
      throw new UsageError(
        `config.yaml: kanban.notify${path} has both secret and secret_env; keep one`,
        "invalid_config",
      );
    }
    if (typeof v.secret_env !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.secret_env)) {
      throw bad(`${path}.secret_env`, "an environment variable name", v.secret_env);
    }
    secret = env(v.secret_env) || null;
    if (secret === null) {
      throw new UsageError(
        `config.yaml: kanban.notify${path}.secret_env names ${v.secret_env}, which is not set in the gateway's environment` +
          (v.secret_env.startsWith("HERMES_")
            ? ""
            : " (hermes reads only HERMES_* and a few basic variables; rename it HERMES_…)"),
        "invalid_config",
      );
    }
  }
  return {
    type: "webhook",
    key: `webhook:${url}`,
    url,
    events: events(`${path}.events`, v.events, base.events),
    secret,
    allowPrivate: boolFlag(`${path}.allow_private`, v.allow_private, base.allowPrivate),
    ...retry(path, v, base.retry),
  };
}

function command(v: unknown, base: NotifyConfig): CommandSink {
  const path = ".command";
  const spec = Array.isArray(v) ? { argv: v } : v;
  if (!isMap(spec)) throw bad(path, "a list of strings (argv) or a mapping with argv", v);
  checkKeys(path, spec, COMMAND_KEYS);
  const argv = spec.argv;
  if (
    !Array.isArray(argv) || argv.length === 0 ||
    argv.some((x) => typeof x !== "string" || x === "")
  ) {
    throw bad(Array.isArray(v) ? path : `${path}.argv`, "a non-empty list of strings", argv);
  }
  return {
    type: "command",
    key: `command:${JSON.stringify(argv)}`,
    argv: argv as string[],
    events: events(`${path}.events`, spec.events, base.events),
    ...retry(path, spec, base.retry),
  };
}

/** Check `kanban.notify` (a mapping; `{}` means no sinks) and fill in defaults. */
export function parseNotifyConfig(raw: unknown, env: Env): NotifyConfig {
  const v = raw ?? {};
  if (!isMap(v)) throw bad("", "a mapping", raw);
  checkKeys("", v, TOP_KEYS);
  const base: NotifyConfig = {
    sinks: [],
    events: events(".events", v.events, DEFAULT_EVENTS),
    retry: retry("", v, DEFAULT_RETRY),
    pollIntervalMs: seconds(".poll_interval_seconds", v.poll_interval_seconds, 0.05, 1_000),
    allowPrivate: boolFlag(".allow_private", v.allow_private, false),
  };
  const sinks: ConfiguredSink[] = [];
  const hooks = v.webhooks ?? [];
  if (!Array.isArray(hooks)) throw bad(".webhooks", "a list", hooks);
  hooks.forEach((h, i) => {
    const sink = webhook(i, h, env, base);
    const dup = sinks.findIndex((s) => s.key === sink.key);
    if (dup >= 0) {
      throw new UsageError(
        `config.yaml: kanban.notify.webhooks[${i}] repeats the url of webhooks[${dup}]; merge them`,
        "invalid_config",
      );
    }
    sinks.push(sink);
  });
  if (v.command !== undefined && v.command !== null) sinks.push(command(v.command, base));
  return { ...base, sinks };
}
