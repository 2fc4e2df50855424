/**
 * The notifier's bookkeeping, in the board's own database: one cursor per sink into
 * task_events, an outbox of deliveries (at-least-once: a delivery leaves `pending`
 * only after the sink accepted it), and Hermes's per-task subscriptions.
 */

import type { Task, TaskEvent } from "../board/mod.ts";
import { cutError } from "./board_store.ts";
import type { Db } from "./_db.ts";
import { type Row, TASK_COLUMNS, toEvent, toTask } from "./_rows.ts";
import type { Clock, NotifyStore } from "./types.ts";

/** A row of Hermes's `kanban_notify_subs`. */
export interface Subscription {
  task_id: string;
  platform: string;
  chat_id: string;
  thread_id: string;
  user_id: string | null;
  /** The Hermes profile whose gateway delivers it (Hermes's column); null: any notifier. */
  notifier_profile: string | null;
  created_at: number;
  last_event_id: number;
}

/** What identifies a subscription (Hermes's primary key). */
export interface SubscriptionKey {
  taskId: string;
  platform: string;
  chatId: string;
  threadId: string;
}

/** Where a delivery stands. `sending` holds a lease; `sent` and `failed` are final. */
export type DeliveryState = "pending" | "sending" | "sent" | "failed";

/** One outbox row: an event to deliver to one sink. */
export interface Delivery {
  id: number;
  sink: string;
  event_id: number;
  task_id: string;
  kind: string;
  /** The address for subscription deliveries (the chat id); null for configured sinks. */
  target: string | null;
  /** The JSON document sent, fixed when the delivery was queued. */
  body: string;
  state: DeliveryState;
  attempts: number;
  next_at_ms: number;
  last_error: string | null;
  created_at: number;
  done_at: number | null;
}

/** A configured sink's cursor and the counts of its deliveries. */
export interface SinkState {
  sink: string;
  cursor: number;
  created_at: number;
  pending: number;
  sent: number;
  failed: number;
}

/** An event about to be queued, with what a message needs to tell its true story. */
export interface QueuedEvent {
  event: TaskEvent;
  /** The task now (null if it was removed). */
  task: Task | null;
  /**
   * The first later event of the same task among claimed, gave_up, blocked, completed,
   * archived: tells whether a crash or timeout was in fact retried.
   */
  followedBy: string | null;
}

/** Builds the stored body of a delivery; returns null to skip the event. */
export type BodyBuilder = (q: QueuedEvent) => string | null;

/** The outcome of claiming a sink's next delivery. */
export type Claim =
  | { delivery: Delivery }
  | { waitUntilMs: number }
  | null;

/** Kinds after which a per-task subscription has nothing left to say. */
const SUBSCRIPTION_ENDS = new Set(["completed", "archived"]);

/** Events of the task later than a crash that tell whether it was retried. */
const FOLLOW_KINDS = ["claimed", "gave_up", "blocked", "completed", "archived"];

/** Events read per sink per pass; the cursor resumes from where a full batch stopped. */
const BATCH = 500;

/** A subscription row's key columns, matched with keyValues(k). */
const SUB_KEY = "task_id = ? AND platform = ? AND chat_id = ? AND thread_id = ?";

function keyValues(k: SubscriptionKey): [string, string, string, string] {
  return [k.taskId, k.platform, k.chatId, k.threadId];
}

/** Outbox key of a subscription's deliveries (one sink per subscription row). */
export function subscriptionSink(k: SubscriptionKey): string {
  return "sub:" + JSON.stringify(keyValues(k));
}

const DELIVERY_COLUMNS =
  "id, sink, event_id, task_id, kind, target, body, state, attempts, next_at_ms, last_error, " +
  "created_at, done_at";

function toDelivery(r: Row): Delivery {
  return {
    id: Number(r.id),
    sink: String(r.sink),
    event_id: Number(r.event_id),
    task_id: String(r.task_id),
    kind: String(r.kind),
    target: r.target === null || r.target === undefined ? null : String(r.target),
    body: String(r.body),
    state: String(r.state) as DeliveryState,
    attempts: Number(r.attempts),
    next_at_ms: Number(r.next_at_ms),
    last_error: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
    created_at: Number(r.created_at),
    done_at: r.done_at === null || r.done_at === undefined ? null : Number(r.done_at),
  };
}

function toSubscription(r: Row): Subscription {
  return {
    task_id: String(r.task_id),
    platform: String(r.platform),
    chat_id: String(r.chat_id),
    thread_id: String(r.thread_id ?? ""),
    user_id: r.user_id === null || r.user_id === undefined ? null : String(r.user_id),
    notifier_profile: r.notifier_profile ? String(r.notifier_profile) : null,
    created_at: Number(r.created_at),
    last_event_id: Number(r.last_event_id ?? 0),
  };
}

/** Notifier state of one board. All SQL of the notifier lives here. */
export class SqlNotifyStore implements NotifyStore {
  readonly conn: Db;
  readonly now: Clock;

  constructor(conn: Db, clock: Clock) {
    this.conn = conn;
    this.now = clock;
  }

  // ---- subscriptions (Hermes's table) ----

  /** Subscribe; starts at the newest event so nothing already past is sent. */
  subscribe(
    k: SubscriptionKey & { userId: string | null; notifierProfile?: string | null },
  ): { subscription: Subscription; created: boolean } {
    return this.conn.tx(() => {
      const owner = k.notifierProfile ?? null;
      const { changes } = this.conn.run(
        `INSERT INTO kanban_notify_subs
           (task_id, platform, chat_id, thread_id, user_id, notifier_profile, created_at,
            last_event_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM task_events))
         ON CONFLICT DO NOTHING`,
        ...keyValues(k),
        k.userId,
        owner,
        this.now(),
      );
      // As Hermes: a subscription made without an owner gets one, never a second.
      if (owner) {
        this.conn.run(
          `UPDATE kanban_notify_subs SET notifier_profile = ?
           WHERE ${SUB_KEY} AND (notifier_profile IS NULL OR notifier_profile = '')`,
          owner,
          ...keyValues(k),
        );
      }
      return { subscription: this.subscription(k)!, created: changes === 1 };
    });
  }

  /** One subscription, or null. */
  subscription(k: SubscriptionKey): Subscription | null {
    const r = this.conn.get<Row>(
      `SELECT * FROM kanban_notify_subs WHERE ${SUB_KEY}`,
      ...keyValues(k),
    );
    return r ? toSubscription(r) : null;
  }

  /** Remove a subscription and drop its undelivered messages; false if there was none. */
  unsubscribe(k: SubscriptionKey): boolean {
    return this.conn.tx(() => {
      const { changes } = this.conn.run(
        `DELETE FROM kanban_notify_subs WHERE ${SUB_KEY}`,
        ...keyValues(k),
      );
      this.conn.run(
        "DELETE FROM hx_notify_outbox WHERE sink = ? AND state IN ('pending', 'sending')",
        subscriptionSink(k),
      );
      return changes > 0;
    });
  }

  /** Subscriptions of one task, or of the whole board. */
  subscriptions(taskId?: string): Subscription[] {
    const rows = taskId
      ? this.conn.all<Row>(
        "SELECT * FROM kanban_notify_subs WHERE task_id = ? ORDER BY created_at, rowid",
        taskId,
      )
      : this.conn.all<Row>(
        "SELECT * FROM kanban_notify_subs ORDER BY task_id, created_at, rowid",
      );
    return rows.map(toSubscription);
  }

  // ---- queueing ----

  #followedBy(e: TaskEvent): string | null {
    const r = this.conn.get<{ kind: string }>(
      `SELECT kind FROM task_events WHERE task_id = ? AND id > ?
         AND kind IN (${FOLLOW_KINDS.map(() => "?").join(", ")})
       ORDER BY id LIMIT 1`,
      e.task_id,
      e.id,
      ...FOLLOW_KINDS,
    );
    return r ? String(r.kind) : null;
  }

  #task(id: string): Task | null {
    const r = this.conn.rows(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`, id)[0];
    return r ? toTask(r) : null;
  }

  #insert(sink: string, e: TaskEvent, target: string | null, body: string): boolean {
    const { changes } = this.conn.run(
      `INSERT INTO hx_notify_outbox
         (sink, event_id, task_id, kind, target, body, state, next_at_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING`,
      sink,
      e.id,
      e.task_id,
      e.kind,
      target,
      body,
      this.now(),
    );
    return changes === 1;
  }

  /**
   * Queue a configured sink's new events of `kinds` and move its cursor past them, in one
   * transaction. A sink seen for the first time starts at the newest event (no replay).
   */
  enqueueSink(
    sink: string,
    kinds: readonly string[],
    build: BodyBuilder,
  ): { created: boolean; cursor: number; queued: number; more: boolean } {
    return this.conn.tx(() => {
      const { changes } = this.conn.run(
        `INSERT INTO hx_notify_sinks (sink, cursor, created_at)
         VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM task_events), ?) ON CONFLICT DO NOTHING`,
        sink,
        this.now(),
      );
      let cursor = Number(
        this.conn.get<{ cursor: number }>("SELECT cursor FROM hx_notify_sinks WHERE sink = ?", sink)
          ?.cursor ?? 0,
      );
      if (changes === 1) return { created: true, cursor, queued: 0, more: false };
      const head = Number(
        this.conn.get<{ m: number }>("SELECT COALESCE(MAX(id), 0) AS m FROM task_events")?.m ?? 0,
      );
      if (head <= cursor) return { created: false, cursor, queued: 0, more: false };
      const rows = this.conn.all<Row>(
        `SELECT * FROM task_events WHERE id > ? AND id <= ?
           AND kind IN (${kinds.map(() => "?").join(", ")})
         ORDER BY id LIMIT ?`,
        cursor,
        head,
        ...kinds,
        BATCH,
      );
      let queued = 0;
      for (const r of rows) {
        const event = toEvent(r);
        const body = build({
          event,
          task: this.#task(event.task_id),
          followedBy: this.#followedBy(event),
        });
        if (body !== null && this.#insert(sink, event, null, body)) queued++;
      }
      // A full batch stops at its last row; otherwise everything up to the head was seen.
      const more = rows.length === BATCH;
      cursor = more ? Number(rows[rows.length - 1].id) : head;
      this.conn.run("UPDATE hx_notify_sinks SET cursor = ? WHERE sink = ?", cursor, sink);
      return { created: false, cursor, queued, more };
    });
  }

  /**
   * Queue every subscription's new events of `kinds`. Subscriptions on a platform that
   * cannot be delivered advance without queueing. A completed or archived task ends its
   * subscriptions (its final message is already queued).
   */
  enqueueSubscriptions(
    kinds: readonly string[],
    deliverable: (platform: string) => boolean,
    build: (q: QueuedEvent, sub: Subscription) => string | null,
  ): { queued: number; skipped: Map<string, number>; ended: number; more: boolean } {
    return this.conn.tx(() => {
      const skipped = new Map<string, number>();
      let queued = 0;
      let ended = 0;
      let more = false;
      const wanted = new Set(kinds);
      for (const sub of this.subscriptions()) {
        // Hermes writes new rows with cursor 0: start those at the moment they were made.
        const rows = this.conn.all<Row>(
          `SELECT * FROM task_events WHERE task_id = ? AND id > ? AND (? > 0 OR created_at >= ?)
           ORDER BY id LIMIT ?`,
          sub.task_id,
          sub.last_event_id,
          sub.last_event_id,
          sub.created_at,
          BATCH,
        );
        if (rows.length === 0) continue;
        if (rows.length === BATCH) more = true;
        const key: SubscriptionKey = {
          taskId: sub.task_id,
          platform: sub.platform,
          chatId: sub.chat_id,
          threadId: sub.thread_id,
        };
        const sink = subscriptionSink(key);
        let ends = false;
        for (const r of rows) {
          const event = toEvent(r);
          if (SUBSCRIPTION_ENDS.has(event.kind)) ends = true;
          if (!wanted.has(event.kind)) continue;
          if (!deliverable(sub.platform)) {
            skipped.set(sub.platform, (skipped.get(sub.platform) ?? 0) + 1);
            continue;
          }
          const body = build(
            { event, task: this.#task(event.task_id), followedBy: this.#followedBy(event) },
            sub,
          );
          if (body !== null && this.#insert(sink, event, sub.chat_id, body)) queued++;
        }
        if (ends) {
          this.conn.run(`DELETE FROM kanban_notify_subs WHERE ${SUB_KEY}`, ...keyValues(key));
          ended++;
        } else {
          this.conn.run(
            `UPDATE kanban_notify_subs SET last_event_id = ? WHERE ${SUB_KEY}`,
            Number(rows[rows.length - 1].id),
            ...keyValues(key),
          );
        }
      }
      return { queued, skipped, ended, more };
    });
  }

  /**
   * Forget configured sinks (keys starting with `prefix`) that are not in `keep`: their
   * cursors go (a sink added again starts at the head) and undelivered messages are parked.
   */
  forgetSinks(keep: ReadonlySet<string>, prefixes: readonly string[]): string[] {
    return this.conn.tx(() => {
      const gone = this.conn.all<{ sink: string }>("SELECT sink FROM hx_notify_sinks")
        .map((r) => String(r.sink))
        .filter((s) => prefixes.some((p) => s.startsWith(p)) && !keep.has(s));
      for (const sink of gone) {
        this.conn.run("DELETE FROM hx_notify_sinks WHERE sink = ?", sink);
        this.conn.run(
          `UPDATE hx_notify_outbox SET state = 'failed', lease_owner = NULL, lease_until_ms = NULL,
             last_error = 'sink removed from kanban.notify', done_at = ?
           WHERE sink = ? AND state IN ('pending', 'sending')`,
          this.now(),
          sink,
        );
      }
      return gone;
    });
  }

  // ---- delivering ----

  /** Sinks that have deliveries waiting (pending, or leased by someone). */
  activeSinks(): string[] {
    return this.conn.all<{ sink: string }>(
      "SELECT DISTINCT sink FROM hx_notify_outbox WHERE state IN ('pending', 'sending')",
    ).map((r) => String(r.sink));
  }

  /**
   * Claim the sink's oldest undelivered message if it is due, in one transaction, so two
   * notifiers never send the same one. Deliveries of a sink go out in event order: if the
   * oldest is waiting (backoff, or another notifier's lease), the answer is when to look again.
   */
  claim(sink: string, owner: string, nowMs: number, leaseMs: number): Claim {
    return this.conn.tx(() => {
      const r = this.conn.get<Row>(
        `SELECT ${DELIVERY_COLUMNS}, lease_until_ms FROM hx_notify_outbox
         WHERE sink = ? AND state IN ('pending', 'sending') ORDER BY event_id LIMIT 1`,
        sink,
      );
      if (!r) return null;
      const d = toDelivery(r);
      const dueAt = d.state === "pending" ? d.next_at_ms : Number(r.lease_until_ms ?? 0);
      if (dueAt > nowMs) return { waitUntilMs: dueAt };
      this.conn.run(
        `UPDATE hx_notify_outbox SET state = 'sending', lease_owner = ?, lease_until_ms = ?
         WHERE id = ?`,
        owner,
        nowMs + leaseMs,
        d.id,
      );
      return { delivery: { ...d, state: "sending" } };
    });
  }

  /** Record a successful delivery. False if the lease was lost meanwhile. */
  succeed(id: number, owner: string): boolean {
    return this.conn.tx(() =>
      this.conn.run(
        `UPDATE hx_notify_outbox SET state = 'sent', attempts = attempts + 1, last_error = NULL,
           lease_owner = NULL, lease_until_ms = NULL, done_at = ?
         WHERE id = ? AND state = 'sending' AND lease_owner = ?`,
        this.now(),
        id,
        owner,
      ).changes === 1
    );
  }

  /** Record a failed attempt to be tried again at `nextAtMs`. */
  retry(id: number, owner: string, nextAtMs: number, error: string): boolean {
    return this.conn.tx(() =>
      this.conn.run(
        `UPDATE hx_notify_outbox SET state = 'pending', attempts = attempts + 1, next_at_ms = ?,
           last_error = ?, lease_owner = NULL, lease_until_ms = NULL
         WHERE id = ? AND state = 'sending' AND lease_owner = ?`,
        nextAtMs,
        cutError(error),
        id,
        owner,
      ).changes === 1
    );
  }

  /** Park a delivery as failed for good (it stays visible in notify-list). */
  fail(id: number, owner: string, error: string): boolean {
    return this.conn.tx(() =>
      this.conn.run(
        `UPDATE hx_notify_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?,
           lease_owner = NULL, lease_until_ms = NULL, done_at = ?
         WHERE id = ? AND state = 'sending' AND lease_owner = ?`,
        cutError(error),
        this.now(),
        id,
        owner,
      ).changes === 1
    );
  }

  /** Give back leases `owner` holds (one, or all) without counting an attempt. */
  release(owner: string, id?: number): number {
    return this.conn.tx(() =>
      this.conn.run(
        `UPDATE hx_notify_outbox SET state = 'pending', lease_owner = NULL, lease_until_ms = NULL
         WHERE state = 'sending' AND lease_owner = ? AND (CAST(? AS INTEGER) IS NULL OR id = ?)`,
        owner,
        id ?? null,
        id ?? null,
      ).changes
    );
  }

  // ---- reporting and retention ----

  /** Configured sinks with their cursors and delivery counts. */
  sinks(): SinkState[] {
    return this.conn.all<Row>(
      `SELECT s.sink, s.cursor, s.created_at,
         (SELECT COUNT(*) FROM hx_notify_outbox o
            WHERE o.sink = s.sink AND o.state IN ('pending', 'sending')) AS pending,
         (SELECT COUNT(*) FROM hx_notify_outbox o WHERE o.sink = s.sink AND o.state = 'sent') AS sent,
         (SELECT COUNT(*) FROM hx_notify_outbox o WHERE o.sink = s.sink AND o.state = 'failed') AS failed
       FROM hx_notify_sinks s ORDER BY s.sink`,
    ).map((r) => ({
      sink: String(r.sink),
      cursor: Number(r.cursor),
      created_at: Number(r.created_at),
      pending: Number(r.pending),
      sent: Number(r.sent),
      failed: Number(r.failed),
    }));
  }

  /**
   * Deliveries, newest first: of one task (every state), or of the board where attention is
   * needed (failed, or pending after at least one failed attempt).
   */
  deliveries(opts: { taskId?: string; limit?: number } = {}): Delivery[] {
    const limit = opts.limit ?? 50;
    const rows = opts.taskId
      ? this.conn.all<Row>(
        `SELECT ${DELIVERY_COLUMNS} FROM hx_notify_outbox WHERE task_id = ?
         ORDER BY event_id DESC, id DESC LIMIT ?`,
        opts.taskId,
        limit,
      )
      : this.conn.all<Row>(
        `SELECT ${DELIVERY_COLUMNS} FROM hx_notify_outbox
         WHERE state = 'failed' OR (state IN ('pending', 'sending') AND attempts > 0)
         ORDER BY event_id DESC, id DESC LIMIT ?`,
        limit,
      );
    return rows.map(toDelivery);
  }

  /** Delete sent deliveries finished before `beforeSeconds` (failed ones stay for a person). */
  pruneSent(beforeSeconds: number): number {
    return this.conn.tx(() =>
      this.conn.run(
        "DELETE FROM hx_notify_outbox WHERE state = 'sent' AND done_at < ?",
        beforeSeconds,
      ).changes
    );
  }
}
