/**
 * The gateway: the long-running host (pid and state files, signals, its Deno Workers), its
 * launcher and controls, and the standalone dispatch loop. Files starting with `_` are its own.
 */
export * from "./abortable_sleep.ts";
export * from "./control.ts";
export * from "./dashboard_token.ts";
export * from "./host.ts";
export * from "./launcher.ts";
export * from "./messages.ts";
export * from "./presence.ts";
export * from "./standalone.ts";
export * from "./status_report.ts";
export * from "./confinement.ts";
