/** What one delivery attempt came to, and when to try again after a failure. */

/** The outcome of one attempt at a sink. */
export type SendResult =
  | { ok: true }
  | {
    ok: false;
    /** One line naming the cause (HTTP status, connection error, exit code, timeout). */
    error: string;
    /** Retrying cannot help (404, command not found): park at once. */
    permanent: boolean;
    /** The sink asked for this much patience (HTTP Retry-After). */
    retryAfterMs?: number;
  };

/** Thrown when the notifier is stopping mid-attempt: the delivery goes back untouched. */
export class StopRequested extends Error {
  constructor() {
    super("notifier stopping");
    this.name = "StopRequested";
  }
}

/**
 * Delay before attempt `attempt + 1` after `attempt` failures: exponential from `baseMs`,
 * capped at `maxMs`, with "equal jitter" (half fixed, half random) so retries of many
 * deliveries spread out yet each waits at least half its step.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
