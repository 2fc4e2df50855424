/**
 * The dispatcher's stuck detector, pure: when a board's ready queue stays non-empty for
 * HEALTH_WINDOW consecutive sweeps and nothing is spawned, a warning is due — at most every
 * WARN_EVERY_MS. The gateway's health telemetry and the standalone loop both count with it.
 */

/** Consecutive sweeps with ready work and no spawn before warning. */
export const HEALTH_WINDOW = 6;
/** Least time between two warnings for one board. */
export const WARN_EVERY_MS = 300_000;

/** Per-board counter of unproductive sweeps. */
export class StuckDetector {
  #bad = 0;
  #lastWarn = -Infinity;

  /** Record one sweep; returns the number of bad sweeps if a warning is due now, else null. */
  record(readyWaiting: number, spawned: number, nowMs: number): number | null {
    if (readyWaiting > 0 && spawned === 0) this.#bad++;
    else this.#bad = 0;
    if (this.#bad < HEALTH_WINDOW || nowMs - this.#lastWarn < WARN_EVERY_MS) return null;
    this.#lastWarn = nowMs;
    return this.#bad;
  }

  /** True while the board is in the stuck condition. */
  get stuck(): boolean {
    return this.#bad >= HEALTH_WINDOW;
  }
}
