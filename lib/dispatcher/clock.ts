/**
 * The dispatcher's one clock. Every time-based decision (leases, max runtimes, backoff,
 * wake-ups, caches) reads it, so a test can drive a dispatcher with a fake clock.
 */

/** Unix time in milliseconds. */
export type MsClock = () => number;

/** The system clock in unix milliseconds. */
export const systemMsClock: MsClock = () => Date.now();

/** The board's time (unix seconds, as Hermes stores it) at clock time `ms`. */
export function boardSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
