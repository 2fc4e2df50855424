/**
 * What the running gateway says about itself (phase, URL, dispatch setting, dashboard, stats),
 * kept in one object and written to gateway_state.json when it changes.
 */

import { emptyStats, type GatewayStats } from "./messages.ts";
import type { DispatchSetting } from "./_settings.ts";
import { type GatewayPhase, type GatewayState, writeState } from "./_state_file.ts";
import type { EffectivePermissions } from "./confinement.ts";

/** The host's own state, published to gateway_state.json. */
export class HostState {
  readonly #home: string;
  readonly #startedAt: number;
  readonly #onWriteError: (e: Error) => void;
  #last = "";
  phase: GatewayPhase = "starting";
  url: string | null = null;
  dispatch: DispatchSetting;
  dashboard: { enabled: boolean; reason: string };
  stats: GatewayStats = emptyStats();
  readonly permissions: EffectivePermissions;

  constructor(
    home: string,
    startedAt: number,
    init: {
      dispatch: DispatchSetting;
      dashboard: { enabled: boolean; reason: string };
      permissions: EffectivePermissions;
    },
    onWriteError: (e: Error) => void,
  ) {
    this.#home = home;
    this.#startedAt = startedAt;
    this.dispatch = init.dispatch;
    this.dashboard = init.dashboard;
    this.permissions = init.permissions;
    this.#onWriteError = onWriteError;
  }

  /** Write the state file if anything but the time changed (always with `force`). */
  publish(force = false): void {
    const state: GatewayState = {
      pid: Deno.pid,
      phase: this.phase,
      started_at: this.#startedAt,
      updated_at: Date.now(),
      url: this.url,
      dispatch: this.dispatch,
      dashboard: this.dashboard,
      stats: this.stats,
      permissions: this.permissions,
    };
    const { updated_at: _, ...comparable } = state;
    const key = JSON.stringify(comparable);
    if (!force && key === this.#last) return;
    this.#last = key;
    try {
      writeState(this.#home, state);
    } catch (e) {
      this.#onWriteError(e as Error);
    }
  }
}
