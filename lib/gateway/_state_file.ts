/**
 * `<home>/gateway_state.json`: what the running gateway last reported about itself
 * (phase, dispatcher stats, URL), written when it changes so `hermes gateway status`
 * and `start` can read it without talking to the process.
 */

import { homePaths } from "../config/paths.ts";
import type { EffectivePermissions } from "./confinement.ts";
import type { GatewayStats } from "./messages.ts";
import { writePrivateAtomic } from "../config/private_file.ts";

/** Lifecycle phase of the gateway. */
export type GatewayPhase = "starting" | "ready" | "draining" | "stopping" | "stopped";

/** Contents of gateway_state.json. */
export interface GatewayState {
  pid: number;
  phase: GatewayPhase;
  /** Epoch seconds when the gateway started. */
  started_at: number;
  /** Epoch milliseconds of this write. */
  updated_at: number;
  url: string | null;
  dispatch: { enabled: boolean; reason: string };
  /** Dashboard state: listening, off (and why), or failed. */
  dashboard: { enabled: boolean; reason: string };
  stats: GatewayStats;
  /** What the gateway process may write and reach (absent in files of older gateways). */
  permissions?: EffectivePermissions;
}

/** Write the state file. */
export function writeState(home: string, state: GatewayState): void {
  writePrivateAtomic(homePaths(home).gatewayState, JSON.stringify(state, null, 2) + "\n");
}

/** Read the state file; null when absent or unreadable. */
export function readState(home: string): GatewayState | null {
  try {
    const s = JSON.parse(Deno.readTextFileSync(homePaths(home).gatewayState)) as GatewayState;
    return typeof s?.pid === "number" && typeof s.phase === "string" ? s : null;
  } catch {
    return null;
  }
}
