/** `hermes kanban watch`: follow the board's event log as it grows. */

import { type TaskEvent, UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { flag, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, OptionSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { sleep } from "../../lib/gateway/abortable_sleep.ts";
import type { EventFilter } from "../../lib/store/types.ts";
import { iso } from "./heartbeat.ts";

/** Options tail and watch share. */
export function followOptions(defaultInterval: string, sinceDefault: string): OptionSpec[] {
  return [
    {
      long: "interval",
      value: "seconds",
      description: "how often to look for new events",
      defaultText: defaultInterval,
    },
    {
      long: "since",
      value: "event-id",
      description: "start after this event id",
      defaultText: sinceDefault,
    },
    { long: "once", description: "print the events there are now and exit" },
  ];
}

export const spec: CommandSpec = {
  name: "watch",
  needs: [],
  summary: "print the board's events as they happen",
  description: "Print board events as they are written, until interrupted (SIGINT or SIGTERM " +
    "end it with exit 0). Starts at the newest event unless --since says otherwise. With " +
    "--json, one event object per line.",
  options: [
    { long: "assignee", value: "profile", description: "only events of tasks assigned to it" },
    { long: "tenant", value: "name", description: "only events of this tenant's tasks" },
    {
      long: "kinds",
      value: "a,b",
      repeatable: true,
      description: "only these event kinds (comma-separated)",
    },
    ...followOptions("0.5", "the newest event"),
  ],
  examples: [
    "hermes kanban watch --kinds completed,blocked,gave_up",
    "hermes kanban watch --since 0 --once --json",
  ],
};

/** Parse `--interval` seconds into milliseconds. */
export function intervalMs(raw: string | undefined, fallbackSeconds: number): number {
  if (raw === undefined) return fallbackSeconds * 1000;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n <= 0 || n > 3600 || raw.trim() === "") {
    throw new UsageError(
      `--interval: expected seconds between 0 and 3600 (e.g. 0.5), got '${raw}'`,
      "invalid_number",
    );
  }
  return Math.max(10, Math.round(n * 1000));
}

/** Parse `--since`: a non-negative event id. */
export function sinceId(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^\d+$/.test(raw.trim())) {
    throw new UsageError(
      `--since: expected an event id (0 or more), got '${raw}'`,
      "invalid_number",
    );
  }
  return Number(raw.trim());
}

/** One event as a human line. */
export function eventLine(e: TaskEvent): string {
  const run = e.run_id !== null ? `  run ${e.run_id}` : "";
  const payload = e.payload ? `  ${JSON.stringify(e.payload)}` : "";
  return `#${e.id}  ${iso(e.created_at)}  ${e.task_id}  ${e.kind}${run}${payload}`;
}

const BATCH = 500;

/**
 * Print events matching `filter` after event `start`, then keep polling until SIGINT/SIGTERM
 * (or return at once with `once`). A poll costs one `PRAGMA data_version`; the events table is
 * queried only when another connection has committed since the last look.
 */
export async function follow(
  ctx: Ctx,
  filter: Omit<EventFilter, "afterId" | "limit">,
  start: number,
  everyMs: number,
  once: boolean,
): Promise<number> {
  const store = ctx.store();
  const stop = once ? ctx.signal : ctx.handleShutdown();
  let cursor = start;
  let seen = -1;
  try {
    while (!stop.aborted) {
      const version = store.dataVersion();
      if (version !== seen) {
        seen = version;
        while (true) {
          const batch = store.events({ ...filter, afterId: cursor, limit: BATCH });
          if (batch.length) {
            const text = ctx.json
              ? batch.map((e) => JSON.stringify(e)).join("\n")
              : batch.map(eventLine).join("\n");
            ctx.stdout.write(text + "\n");
            cursor = batch[batch.length - 1].id;
          }
          if (batch.length < BATCH) break;
        }
      }
      if (once) break;
      await sleep(everyMs, stop);
    }
  } catch (e) {
    // A reader that went away (`watch | head`) is a normal way to stop.
    if (!(e instanceof Deno.errors.BrokenPipe)) throw e;
  }
  return 0;
}

export function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const kinds = list(input, "kinds").flatMap((s) => s.split(",")).map((s) => s.trim()).filter(
    Boolean,
  );
  const every = intervalMs(str(input, "interval"), 0.5);
  const since = sinceId(str(input, "since"));
  const store = ctx.store();
  const start = since ?? store.latestEventId();
  return follow(
    ctx,
    {
      assignee: str(input, "assignee")?.trim() || undefined,
      tenant: str(input, "tenant")?.trim() || undefined,
      kinds: kinds.length ? kinds : undefined,
    },
    start,
    every,
    flag(input, "once"),
  );
}
