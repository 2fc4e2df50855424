/**
 * The waker: a dispatch loop sleeps until something may have changed — another process
 * committed (the board's data_version moved), a child exited, a decision falls due (a
 * lease, a max runtime, a backoff), or the safety interval passed. Due times are read
 * from the dispatcher's clock, so a fake clock decides when they have come.
 */

import type { MsClock } from "./clock.ts";

/** Wakes a sleeping dispatch loop. */
export class Waker {
  readonly #clock: MsClock;
  #woken = false;
  #sleeper: (() => void) | null = null;
  /** Clock ms at which a time-based decision falls due (timeouts, expiries, backoff, grace). */
  #dueAt = Infinity;
  /** Wakes the loop at #dueAt, whichever tick armed it (a loop's or one asked for directly). */
  #dueTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(clock: MsClock) {
    this.#clock = clock;
  }

  /** Clock ms of the earliest armed decision (Infinity: none). */
  get dueAt(): number {
    return this.#dueAt;
  }

  /** Wake a waiting loop now (a task became ready, a child exited). */
  wake(): void {
    this.#woken = true;
    const s = this.#sleeper;
    this.#sleeper = null;
    s?.();
  }

  /** A tick starts: earlier wake-ups are consumed and the deadline is re-armed by the tick. */
  reset(): void {
    this.#woken = false;
    this.disarm();
  }

  /** Arm the wake-up for a decision falling due at clock ms `ms`, unless one comes sooner. */
  due(ms: number): void {
    if (ms >= this.#dueAt) return;
    this.#dueAt = ms;
    clearTimeout(this.#dueTimer);
    this.#dueTimer = setTimeout(() => {
      this.#dueTimer = undefined;
      this.#dueAt = Infinity;
      this.wake();
    }, Math.max(0, ms - this.#clock()));
    // It only wakes a loop, which keeps the process alive by itself while it waits.
    Deno.unrefTimer(this.#dueTimer);
  }

  /** Forget the armed deadline. */
  disarm(): void {
    clearTimeout(this.#dueTimer);
    this.#dueTimer = undefined;
    this.#dueAt = Infinity;
  }

  /** Sleep `ms`, or less if woken. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.#sleeper === done) this.#sleeper = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#sleeper = done;
    });
  }

  /**
   * Wait until clock ms `untilMs`, a wake-up, `stopped()`, or `changed()` (polled every
   * `pollMs`), whichever comes first.
   */
  async waitForChange(
    untilMs: number,
    pollMs: number,
    changed: () => boolean,
    stopped: () => boolean,
  ): Promise<void> {
    while (!this.#woken && !stopped()) {
      const left = untilMs - this.#clock();
      if (left <= 0) return;
      if (changed()) return;
      await this.sleep(Math.min(pollMs, left));
    }
  }
}
