/** Task ids on the command line: a worker's default task, leading ids, and one line per id. */

import { HermesError, isTaskId, type Task, taskJson, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { printableLine } from "../../lib/cli/output.ts";

/** What one id's action produced: the human line and the task afterwards. */
export interface EachResult {
  line: string;
  task: Task;
  /** Extra fields for the id's `--json` entry. */
  extra?: Record<string, unknown>;
}

/** The ids given (trimmed, de-duplicated), else the worker's own task, else a usage error. */
export function idsOrWorkerTask(ctx: Ctx, given: readonly string[]): string[] {
  const ids = [...new Set(given.map((s) => s.trim()).filter(Boolean))];
  if (ids.length) return ids;
  if (ctx.actor.kind === "worker") return [ctx.actor.taskId];
  throw new UsageError(
    "a task id is required (or run inside a worker, where HERMES_KANBAN_TASK is set)",
    "missing_argument",
  );
}

/**
 * Split `[id] words...`: a leading word shaped like a task id is the id; otherwise a worker's
 * own task is meant and every word is text; a person must name the task first.
 */
export function leadingTaskId(ctx: Ctx, words: readonly string[]): { id: string; rest: string[] } {
  const first = words[0]?.trim() ?? "";
  if (first && isTaskId(first)) return { id: first, rest: words.slice(1) };
  if (ctx.actor.kind === "worker") return { id: ctx.actor.taskId, rest: [...words] };
  if (!first) {
    throw new UsageError(
      "a task id is required (or run inside a worker, where HERMES_KANBAN_TASK is set)",
      "missing_argument",
    );
  }
  return { id: first, rest: words.slice(1) };
}

/**
 * Apply `fn` to each id in turn. Human output: one line per id (successes on stdout, refusals
 * on stderr). `--json`: `{"results":[{id, ok, task | error}]}`. Returns 0, or the highest exit
 * code among the refusals, so a script learns that at least one id failed.
 */
export async function forEachId(
  ctx: Ctx,
  ids: readonly string[],
  fn: (id: string) => EachResult | Promise<EachResult>,
): Promise<number> {
  const results: Record<string, unknown>[] = [];
  let code = 0;
  for (const id of ids) {
    try {
      const out = await fn(id);
      results.push({ id, ok: true, ...out.extra, task: taskJson(out.task) });
      if (!ctx.json) ctx.print(out.line);
    } catch (e) {
      if (!(e instanceof HermesError)) throw e;
      code = Math.max(code, e.exitCode);
      results.push({ id, ok: false, error: { code: e.code, message: e.message } });
      ctx.warn(`hermes: ${printableLine(e.message)}`);
    }
  }
  if (ctx.json) ctx.printJson({ results });
  return code;
}
