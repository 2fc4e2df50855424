/** A sleep that ends early when its signal aborts, so loops stop at once on shutdown. */

/** Resolve after `ms`, or as soon as `signal` aborts (at once when it already has, or ms ≤ 0). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
