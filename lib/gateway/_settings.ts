/**
 * The gateway's settings, resolved once at start from config.yaml and the
 * environment (lib/config implements the precedence; this names the reasons).
 */

import { type Config, get, isFalsey } from "../config/config.ts";
import type { Env } from "../config/paths.ts";

/** Whether the embedded dispatcher runs, and a sentence saying why (shown by `status`). */
export interface DispatchSetting {
  enabled: boolean;
  reason: string;
}

/**
 * Resolve `kanban.dispatch_in_gateway`. HERMES_KANBAN_DISPATCH_IN_GATEWAY set to
 * 0/false/no/off disables it; any other value defers to the config (never forces it on).
 */
export function dispatchSetting(config: Config, env: Env): DispatchSetting {
  const raw = env("HERMES_KANBAN_DISPATCH_IN_GATEWAY")?.trim();
  if (raw && isFalsey(raw)) {
    return { enabled: false, reason: `disabled by HERMES_KANBAN_DISPATCH_IN_GATEWAY=${raw}` };
  }
  if (!get(config, "kanban.dispatch_in_gateway")) {
    return {
      enabled: false,
      reason: "disabled by kanban.dispatch_in_gateway: false in config.yaml",
    };
  }
  return { enabled: true, reason: "kanban.dispatch_in_gateway is true" };
}

/** Milliseconds between safety sweeps (config floor is 1 s). */
export function intervalMs(config: Config): number {
  return Math.max(1, get(config, "kanban.dispatch_interval_seconds")) * 1000;
}

/** Milliseconds before the first tick. */
export function initialDelayMs(config: Config): number {
  return Math.max(0, get(config, "kanban.dispatch_initial_delay_seconds")) * 1000;
}

/** True for loopback addresses, the only ones config alone may bind. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
