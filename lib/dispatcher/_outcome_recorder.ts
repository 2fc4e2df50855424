/**
 * The outcome recorder: turns the ends of runs into board changes. A worker's exit is
 * queued and the queue is applied in one transaction (a batch per event-loop turn, as
 * River's completer batches), then the worker's leftovers are cleared. Failures spend
 * the task's budget through the store; every outcome is counted where the policy says.
 */

import { EXIT_UNKNOWN } from "../store/engine.ts";
import { capLog, killTree, type Profile } from "../workers/mod.ts";
import { outputTail } from "../workers/log_tail.ts";
import { type Child, type DispatchContext, groupExists, message } from "./_context.ts";
import * as policy from "./policy.ts";
import { type DispatchResult, emptyResult, isQuiet, mergeResult, tally } from "./result.ts";
import { signalExitCode } from "./_signals.ts";

/** How much of a worker's output becomes the task's result (exit_code mode). */
const RESULT_CHARS = 4000;
/** How much of a worker's output goes into a block reason. */
const REASON_CHARS = 480;

/** Records outcomes: failures, worker ends, and the batched exits of our own children. */
export class OutcomeRecorder {
  readonly #ctx: DispatchContext;
  readonly #wake: () => void;
  #pending: Child[] = [];
  #flushQueued = false;
  /** Outcomes applied between ticks (child exits, detached stops), reported by the next tick. */
  #carry = emptyResult();
  /** Failures recorded (telemetry). */
  failures = 0;
  /** Set on close: nothing more is written. */
  closed = false;

  constructor(ctx: DispatchContext, wake: () => void) {
    this.#ctx = ctx;
    this.#wake = wake;
  }

  /** True while exits wait to be recorded. */
  get pending(): boolean {
    return this.#pending.length > 0;
  }

  /** Add outcomes found between ticks; the next tick reports them. */
  carry(r: DispatchResult): void {
    mergeResult(this.#carry, r);
  }

  /** Move the outcomes found between ticks into `into`. */
  takeCarry(into: DispatchResult): void {
    if (isQuiet(this.#carry)) return;
    mergeResult(into, this.#carry);
    this.#carry = emptyResult();
  }

  /** Record a counted failure (the task gives up at its limit). */
  failure(
    taskId: string,
    runId: number,
    kind: policy.FailureKind,
    error: string,
    payload: Record<string, unknown>,
    exitCode: number | null | undefined,
    res: DispatchResult,
  ): void {
    const r = this.#ctx.store.fail({
      taskId,
      runId,
      kind,
      error,
      counted: true,
      limit: this.#ctx.settings.failureLimit,
      payload,
      exitCode,
      reason: policy.giveUpReason,
    });
    if (!r.applied) return;
    this.failures++;
    tally(res, policy.failureTally(kind), taskId);
    if (r.gaveUp) {
      res.auto_blocked.push(taskId);
      this.#ctx.log("warning", `task ${taskId} gave up: ${r.reason}`, { task: taskId, run: runId });
    }
  }

  /** Apply a worker's end while its run may still be open: complete, block, retry or fail. */
  ended(
    taskId: string,
    runId: number,
    profile: Profile | undefined,
    st: policy.ExitStatus,
    code: number,
    logPath: string | null,
    pid: number | null,
    res: DispatchResult,
  ): void {
    const out = policy.classifyExit(profile?.completion ?? "report", st);
    const actor = profile?.name ?? "worker";
    const store = this.#ctx.store;
    const where = policy.exitTally(out);
    switch (out.kind) {
      case "done":
        if (store.complete(taskId, runId, outputTail(logPath, RESULT_CHARS) || null, code, actor)) {
          tally(res, where, taskId);
        }
        return;
      case "blocked": {
        const tail = outputTail(logPath, REASON_CHARS - out.why.length);
        if (store.block(taskId, runId, tail ? `${out.why}: ${tail}` : out.why, code, actor)) {
          tally(res, where, taskId);
        }
        return;
      }
      case "retry_later": {
        const { backoffBase, backoffMax } = this.#ctx.settings;
        const delay = (n: number) => policy.retryDelay(n, backoffBase, backoffMax);
        if (store.retryLater(taskId, runId, code, delay)) tally(res, where, taskId);
        return;
      }
      case "crashed":
      case "protocol_violation": {
        const tail = outputTail(logPath, 200);
        this.failure(
          taskId,
          runId,
          out.kind,
          tail ? `${out.why}; last output: ${tail}` : out.why,
          { pid, exit_code: code },
          code,
          res,
        );
        return;
      }
    }
  }

  /** A child exited: queue it; the queue is recorded at the end of this turn (one batch). */
  exited(child: Child, st: policy.ExitStatus): void {
    child.exit = st;
    this.#pending.push(child);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      setTimeout(() => {
        this.#flushQueued = false;
        this.flush();
      }, 0);
    }
    this.#wake();
  }

  /** Apply queued child exits, all in one transaction, then clear their groups' leftovers. */
  flush(): void {
    if (this.closed || this.#pending.length === 0) return;
    const ready = this.#pending.filter((c) => c.recorded);
    if (ready.length === 0) return;
    this.#pending = this.#pending.filter((c) => !c.recorded);
    const res = emptyResult();
    const { store, children, settings } = this.#ctx;
    try {
      store.tx(() => {
        for (const c of ready) {
          const st = c.exit as policy.ExitStatus;
          const code = st.signal
            ? signalExitCode(st.signal) ?? EXIT_UNKNOWN
            : st.code ?? EXIT_UNKNOWN;
          if (c.stop) store.recordExit(c.runId, code);
          else this.ended(c.taskId, c.runId, c.profile, st, code, c.logPath, c.pid, res);
        }
      });
    } catch (e) {
      this.#pending.push(...ready);
      this.#ctx.log("error", `could not record worker exits: ${message(e)}`);
      return;
    }
    mergeResult(this.#carry, res);
    for (const c of ready) {
      children.delete(c.runId);
      this.#ctx.dropSecret(c.taskId, c.runId);
      try {
        // A stat is cheaper than capLog's open, and most logs are far below the cap.
        if (Deno.statSync(c.logPath).size > settings.logMaxBytes) {
          capLog(c.logPath, settings.logMaxBytes);
        }
      } catch { /* missing, or the log is evidence, not a reason to fail */ }
      // The leader is gone; whatever it left running in its group goes too.
      if (c.stop === null && groupExists(c.pid)) {
        this.#ctx.track(killTree(c.pid, settings.graceMs, c.identity));
      }
    }
  }
}
