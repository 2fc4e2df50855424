/**
 * What a notification says. Text follows Hermes's formats, but names the true cause from
 * the event's payload (Hermes said "spawn failures" for every give-up, and "will retry"
 * for crashes that were not retried). Webhooks get the text inside a JSON document.
 */

import { firstLine, type Task, type TaskEvent } from "../../board/mod.ts";
import type { QueuedEvent, Subscription } from "../../store/engine.ts";

/** The JSON document a webhook receives and a command hook reads on stdin. */
export interface NotificationBody {
  event: string;
  event_id: number;
  at: number;
  board: string;
  task: {
    id: string;
    title: string | null;
    assignee: string | null;
    status: string | null;
    tenant: string | null;
  };
  message: string;
  run_id: number | null;
  payload: Record<string, unknown> | null;
  subscription?: {
    platform: string;
    chat_id: string;
    thread_id: string;
    user_id: string | null;
  };
}

function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : s;
}

function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

function secs(v: number): string {
  return `${Math.round(v)}s`;
}

/**
 * Whether a crash, timeout or protocol violation is retried: the payload may say so;
 * otherwise a later give-up, block, completion or archive (before any new claim) means no.
 */
export function willRetry(q: QueuedEvent): boolean {
  const said = q.event.payload?.will_retry;
  if (typeof said === "boolean") return said;
  return q.followedBy === null || q.followedBy === "claimed";
}

function retryNote(q: QueuedEvent): string {
  return willRetry(q) ? "will retry" : "not retried";
}

function crashDetail(p: Record<string, unknown>): string {
  const pid = num(p.pid);
  const who = pid === null ? "worker process" : `pid ${pid}`;
  // The dispatcher names a fatal signal only in its error text ("worker killed by SIGKILL").
  const signal = text(p.signal) ?? text(p.error)?.match(/killed by (SIG[A-Z0-9]+)/)?.[1] ?? null;
  if (signal) return `${who} killed by ${signal}`;
  const code = num(p.exit_code);
  if (code !== null) return `${who} exited with code ${code}`;
  return `${who} gone`;
}

/** The one-line (sometimes two-line) text of a notification. */
export function messageText(q: QueuedEvent): string {
  const e: TaskEvent = q.event;
  const t: Task | null = q.task;
  const p = e.payload ?? {};
  const tag = t?.assignee ? `@${t.assignee} ` : "";
  const head = `${tag}Kanban ${e.task_id}`;
  const title = cut(t?.title ?? "", 120);
  switch (e.kind) {
    case "completed": {
      const summary = firstLine(text(p.summary), 200);
      const result = summary ? null : firstLine(t?.result, 160);
      const detail = summary ?? result;
      return `✔ ${head} done — ${title}${detail ? `\n${detail}` : ""}`;
    }
    case "blocked": {
      const reason = text(p.reason);
      return reason ? `⏸ ${head} blocked: ${cut(reason, 160)}` : `⏸ ${head} blocked — ${title}`;
    }
    case "gave_up": {
      const failures = num(p.failures);
      const error = firstLine(text(p.error) ?? t?.last_failure_error, 300);
      const after = failures === null
        ? ""
        : ` after ${failures} failure${failures === 1 ? "" : "s"}`;
      return `✖ ${head} gave up${after}${error ? `: ${error}` : ""}`;
    }
    case "crashed":
      return `✖ ${head} worker crashed (${crashDetail(p)}); ${retryNote(q)}`;
    case "timed_out": {
      const elapsed = num(p.elapsed_seconds);
      const limit = num(p.limit_seconds) ?? t?.max_runtime_seconds ?? null;
      const after = elapsed === null ? "" : ` after ${secs(elapsed)}`;
      const cap = limit === null ? "" : ` (max_runtime=${secs(limit)})`;
      return `⏱ ${head} timed out${after}${cap}; ${retryNote(q)}`;
    }
    case "protocol_violation": {
      const code = num(p.exit_code);
      return `✖ ${head} worker exited${
        code === null ? "" : ` with code ${code}`
      } without completing or blocking; ${retryNote(q)}`;
    }
    case "retry_later": {
      const delay = num(p.delay_seconds) ?? num(p.retry_in_seconds);
      const reason = firstLine(text(p.reason) ?? text(p.error), 160);
      return `↻ ${head} worker asked to try again later${reason ? `: ${reason}` : ""}${
        delay === null ? "" : `; next try in ${secs(delay)}`
      }`;
    }
    case "spawn_failed": {
      const error = firstLine(text(p.error), 300);
      return `✖ ${head} could not start its worker${error ? `: ${error}` : ""}; ${retryNote(q)}`;
    }
    case "archived":
      return `🗄 ${head} archived — ${title}`;
    case "unblocked":
      return `▶ ${head} unblocked — ${title}`;
    default:
      return `• ${head} ${e.kind} — ${title}`;
  }
}

/** The JSON document for an event on `board`, with the subscription it answers, if any. */
export function notificationBody(
  board: string,
  q: QueuedEvent,
  sub?: Subscription,
): NotificationBody {
  const t = q.task;
  const body: NotificationBody = {
    event: q.event.kind,
    event_id: q.event.id,
    at: q.event.created_at,
    board,
    task: {
      id: q.event.task_id,
      title: t?.title ?? null,
      assignee: t?.assignee ?? null,
      status: t?.status ?? null,
      tenant: t?.tenant ?? null,
    },
    message: messageText(q),
    run_id: q.event.run_id,
    payload: q.event.payload,
  };
  if (sub) {
    body.subscription = {
      platform: sub.platform,
      chat_id: sub.chat_id,
      thread_id: sub.thread_id,
      user_id: sub.user_id,
    };
  }
  return body;
}
