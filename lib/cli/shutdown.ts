/**
 * Process signals, in one place. Shutdown is an AbortSignal threaded through loops: a SIGINT or
 * SIGTERM aborts it (its reason is the signal's name) instead of killing the process, so the
 * work in flight finishes and files are cleaned up. Without a listener Deno exits at once.
 */

/** The signals that ask a process to stop. */
export const SHUTDOWN_SIGNALS: readonly Deno.Signal[] = ["SIGINT", "SIGTERM"];

/** Call `f` on each `sig` until disposed: the only place hermes listens to process signals. */
export function onSignal(sig: Deno.Signal, f: () => void): Disposable {
  Deno.addSignalListener(sig, f);
  return {
    [Symbol.dispose]() {
      try {
        Deno.removeSignalListener(sig, f);
      } catch { /* already removed */ }
    },
  };
}

/**
 * Abort `controller` on the first of `signals` (SIGINT or SIGTERM by default), with the signal's
 * name as its reason; later signals are ignored until disposed, so a second Ctrl-C does not cut
 * the shutdown short.
 */
export function abortOnSignals(
  controller: AbortController,
  signals: readonly Deno.Signal[] = SHUTDOWN_SIGNALS,
): Disposable {
  const stack = new DisposableStack();
  for (const sig of signals) {
    stack.use(onSignal(sig, () => {
      if (!controller.signal.aborted) controller.abort(sig);
    }));
  }
  return stack;
}
