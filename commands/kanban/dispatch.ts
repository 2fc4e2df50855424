/** `hermes kanban dispatch`: one dispatcher tick, or ticks until the board is idle. */

import {
  accepts,
  InvalidStateError,
  NotFoundError,
  parseCount,
  UsageError,
} from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import {
  Dispatcher,
  type DispatchResult,
  type LoopSummary,
  ONE_SHOT_LOCK_WAIT_MS,
} from "../../lib/dispatcher/mod.ts";
import { boardPaths } from "../../lib/config/paths.ts";
import { INHERITED_ENV } from "../../lib/workers/mod.ts";

export const spec: CommandSpec = {
  name: "dispatch",
  needs: ["run", "net"],
  summary: "run the dispatcher once: reclaim, promote, claim ready tasks and spawn their workers",
  description: "Run one dispatcher tick: reclaim expired claims, detect crashed workers, stop " +
    "workers past their max runtime, promote todo tasks whose parents are done, claim ready " +
    "tasks and spawn their workers. Returns at once; the workers run on. With --until-idle it " +
    "keeps going until nothing is ready or running, then exits 0 if every task it ran ended " +
    "done, 1 if any ended blocked. Normally the gateway dispatches; see 'hermes gateway start'.",
  options: [
    { long: "dry-run", description: "report what a tick would do; change nothing" },
    { long: "max", value: "n", description: "spawn at most N workers in this tick" },
    {
      long: "failure-limit",
      value: "n",
      description: "failed attempts before a task gives up (default: kanban.failure_limit)",
    },
    {
      long: "until-idle",
      description: "keep dispatching until nothing is ready or running (a whole DAG in one go)",
    },
    { long: "task", value: "id", description: "dispatch exactly this task" },
  ],
  examples: [
    "hermes kanban dispatch --dry-run",
    "hermes kanban dispatch --until-idle        # run every ready task and its children",
    "hermes kanban dispatch --task t_1a2b3c4d --until-idle",
  ],
};

/** The environment workers start from: the allow-list, read by name (the release reads env only so). */
export function workerBaseEnv(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const v = ctx.env(name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function list(ids: readonly string[]): string {
  return ids.join(", ");
}

/** Human lines for a result, as Hermes prints them plus our outcomes. */
export function renderResult(r: DispatchResult): string[] {
  const out: string[] = [];
  const dry = r.dry_run ? " (dry)" : "";
  out.push(`Reclaimed: ${r.reclaimed}`);
  if (r.crashed.length) out.push(`Crashed: ${list(r.crashed)}`);
  if (r.timed_out.length) out.push(`Timed out: ${list(r.timed_out)}`);
  if (r.auto_blocked.length) out.push(`Auto-blocked: ${list(r.auto_blocked)}`);
  out.push(`Promoted: ${r.promoted}`);
  if (r.schedule_due.length) out.push(`Schedule due: ${list(r.schedule_due)}`);
  out.push(`Spawned: ${r.spawned.length}`);
  for (const s of r.spawned) {
    out.push(`  - ${s.task_id}  ->  ${s.assignee}  @ ${s.workspace || "-"}${dry}`);
  }
  if (r.completed.length) out.push(`Completed: ${list(r.completed)}`);
  if (r.blocked.length) out.push(`Blocked: ${list(r.blocked)}`);
  if (r.retry_later.length) out.push(`Retry later: ${list(r.retry_later)}`);
  if (r.spawn_failed.length) out.push(`Spawn failed: ${list(r.spawn_failed)}`);
  if (r.protocol_violations.length) {
    out.push(`Exited without reporting: ${list(r.protocol_violations)}`);
  }
  if (r.claim_extended.length) out.push(`Claim extended: ${list(r.claim_extended)}`);
  if (r.reclaim_deferred.length) out.push(`Reclaim deferred: ${list(r.reclaim_deferred)}`);
  if (r.killed.length) out.push(`Stopped (run closed elsewhere): ${list(r.killed)}`);
  if (r.skipped_unassigned.length) {
    out.push(`Skipped (unassigned): ${list(r.skipped_unassigned)}`);
  }
  if (r.skipped_nonspawnable.length) {
    out.push(`Skipped (no such profile): ${list(r.skipped_nonspawnable)}`);
  }
  return out;
}

/** --max (spawns per tick, 0 or more) and --failure-limit (1 or more), when given. */
export function dispatchLimits(
  input: ParsedInput,
): { max: number | undefined; failureLimit: number | undefined } {
  const maxRaw = str(input, "max");
  const limitRaw = str(input, "failureLimit");
  return {
    max: maxRaw === undefined ? undefined : parseCount("--max", maxRaw, 0),
    failureLimit: limitRaw === undefined ? undefined : parseCount("--failure-limit", limitRaw, 1),
  };
}

function checkTask(ctx: Ctx, id: string): void {
  const store = ctx.store();
  const t = store.getTask(id);
  if (!t) throw new NotFoundError(`no such task: ${id}`);
  // What a claim takes, or a scheduled task the tick wakes first.
  const due = t.status === "scheduled" && (store.scheduledAt(id) ?? Infinity) <= store.now();
  if (!accepts("claim", t.status) && !due) {
    throw new InvalidStateError(
      `cannot dispatch ${id}: it is ${t.status} (dispatch needs a ready task, one in review, ` +
        "or one scheduled whose time has come)",
      "not_ready",
    );
  }
  if (!t.assignee) {
    throw new InvalidStateError(
      `cannot dispatch ${id}: it has no assignee; assign a profile first: hermes kanban assign ${id} shell`,
      "unassigned",
    );
  }
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const dryRun = flag(input, "dryRun");
  const untilIdle = flag(input, "untilIdle");
  const { max, failureLimit } = dispatchLimits(input);
  const taskId = str(input, "task")?.trim() || undefined;
  if (dryRun && untilIdle) {
    throw new UsageError("--dry-run and --until-idle cannot be combined", "conflicting_options");
  }
  const config = await ctx.config();
  if (taskId) checkTask(ctx, taskId);

  const dispatcher = new Dispatcher({
    home: ctx.home,
    board: ctx.board,
    config,
    store: ctx.store(),
    signal: ctx.signal,
    baseEnv: workerBaseEnv(ctx),
    failureLimit,
  });
  try {
    if (!untilIdle) {
      const r = await dispatcher.tick({ dryRun, max, taskId, lockWaitMs: ONE_SHOT_LOCK_WAIT_MS });
      if (r.skipped_locked) {
        if (ctx.json) ctx.printJson(r);
        ctx.warn(
          `hermes: another dispatcher is ticking board '${ctx.board}' (it holds ${
            boardPaths(ctx.home, ctx.board).tickLock
          }); nothing was done — try again, or see 'hermes gateway status'`,
        );
        return 1;
      }
      if (ctx.json) ctx.printJson(r);
      else ctx.print(renderResult(r).join("\n"));
      if (taskId && !dryRun && !r.spawned.some((s) => s.task_id === taskId)) {
        const t = ctx.store().getTask(taskId);
        if (t?.status === "ready") {
          ctx.warn(
            `${taskId} was not spawned: a concurrency cap (kanban.max_workers or its profile's max_concurrent) is reached, or it waits for a retry backoff`,
          );
          return 1;
        }
      }
      return 0;
    }
    ctx.handleShutdown();
    const summary: LoopSummary = await dispatcher.run({
      untilIdle: true,
      max,
      taskId,
      onTick: (r) => {
        if (ctx.json) return;
        const lines = renderResult(r).filter((l) => !/^(Reclaimed|Promoted|Spawned): 0$/.test(l));
        if (lines.length) ctx.print(lines.join("\n"));
      },
    });
    if (ctx.json) {
      ctx.printJson({ ...summary.result, ticks: summary.ticks, finished: summary.finished });
    } else {
      const f = summary.finished;
      ctx.print(
        `Finished: ${f.done.length} done, ${f.blocked.length} blocked` +
          (f.other.length ? `, ${f.other.length} other` : "") +
          (f.blocked.length ? ` (blocked: ${list(f.blocked)})` : ""),
      );
    }
    if (ctx.signal.aborted) return 130;
    return summary.finished.blocked.length ? 1 : 0;
  } finally {
    await dispatcher.close();
  }
}
