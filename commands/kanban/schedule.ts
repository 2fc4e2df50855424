/** `hermes kanban schedule`: park tasks until a time, or until someone releases them. */

import type { Ctx } from "../../lib/cli/context.ts";
import { arg, args, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { isTaskId, isWhen, parseWhen } from "../../lib/board/mod.ts";
import { schedule } from "../../lib/ops/tasks.ts";
import { forEachId, leadingTaskId } from "./task_ids.ts";

export const spec: CommandSpec = {
  needs: [],
  name: "schedule",
  summary: "park tasks in scheduled until a time (or until unblocked); the dispatcher leaves them",
  description: "Park a todo, ready, running or blocked task in scheduled: waiting on time, not " +
    "on a person. With a time it becomes ready by itself then (todo while a parent is not " +
    "done): a duration from now (90s, 10m, 2h, 1d, +1.5h) or an ISO time (2026-06-01T09:00, " +
    "local unless it ends in Z or an offset), given as the first word or with --at. Without " +
    "one (Hermes's form) it waits until 'unblock', 'promote' or the web board releases it; " +
    "those release a timed one early too. Scheduling a scheduled task moves its time. The " +
    "reason is added to the comments as 'SCHEDULED: <reason>'. A running task's run ends " +
    "(a worker may schedule its own task). --ids schedules several tasks alike.",
  args: [
    { name: "id", description: "task id (default: $HERMES_KANBAN_TASK)", required: false },
    {
      name: "when-and-reason",
      description: "the time (if the first word is one), then the reason",
      variadic: true,
      required: false,
    },
  ],
  options: [
    { long: "at", value: "when", description: "the time (instead of a first word)" },
    {
      long: "ids",
      value: "id,id",
      repeatable: true,
      description: "more task ids to schedule alike (comma-separated)",
    },
  ],
  examples: [
    "hermes kanban schedule t_1a2b3c4d 2h retry once the rate limit resets",
    "hermes kanban schedule t_1a2b3c4d --at 2026-06-01T09:00 after the release",
    "hermes kanban schedule t_1a2b3c4d waiting for the quarterly numbers",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const first = arg(input, "id");
  const words = first === undefined
    ? args(input, "when-and-reason")
    : [first, ...args(input, "when-and-reason")];
  const extra = list(input, "ids").flatMap((s) => s.split(",")).map((s) => s.trim()).filter(
    Boolean,
  );
  let ids: string[];
  let rest: string[];
  if (extra.length) {
    const lead = words[0] !== undefined && isTaskId(words[0].trim());
    ids = [...new Set([...(lead ? [words[0].trim()] : []), ...extra])];
    rest = lead ? words.slice(1) : words;
  } else {
    const split = leadingTaskId(ctx, words);
    ids = [split.id];
    rest = split.rest;
  }
  let at = str(input, "at");
  if (at === undefined && rest.length && isWhen(rest[0])) [at, ...rest] = rest;
  const reason = rest.join(" ").trim();
  const store = ctx.store();
  // A bad time is one usage error, not one per id.
  if (at?.trim()) parseWhen(at, store.now());
  const op = { actor: ctx.actor, author: ctx.actor.name, wire: "text" } as const;
  return await forEachId(ctx, ids, (id) => {
    const task = schedule(store, { task_id: id, at, reason }, op);
    const until = store.scheduledAt(task.id);
    const time = until === null ? "" : ` until ${new Date(until * 1000).toISOString()}`;
    return {
      line: `Scheduled ${task.id}${time}${reason ? `: ${reason}` : ""}`,
      task,
      extra: { scheduled_until: until },
    };
  });
}
