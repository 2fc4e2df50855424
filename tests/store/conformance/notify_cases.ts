/** The conformance cases of the notifier's view of a board (NotifyStore). */

import { openNotify } from "../../../lib/store/engine.ts";
import { deepEqual, equal, ok } from "../../support/assert.ts";
import { mk, PERSON } from "./board_cases.ts";
import type { Case } from "./mod.ts";

const KINDS = ["completed", "blocked", "commented"];
const KEY = { platform: "webhook", chatId: "https://example.test/hook", threadId: "" };

export const NOTIFY_CASES: readonly Case[] = [
  {
    name: "notify: subscribe once per key, list, and unsubscribe",
    run({ store: s, clock }) {
      const n = openNotify(s);
      const id = mk(s, "t");
      const key = { taskId: id, ...KEY };
      const first = n.subscribe({ ...key, userId: "bob" });
      deepEqual([first.created, first.subscription.task_id, first.subscription.user_id], [
        true,
        id,
        "bob",
      ]);
      deepEqual(
        [first.subscription.created_at, first.subscription.last_event_id],
        [clock.now(), s.latestEventId()],
        "starts at the newest event",
      );
      equal(n.subscribe({ ...key, userId: "bob" }).created, false);
      n.subscribe({ ...key, chatId: "42", platform: "telegram", userId: null });
      deepEqual(n.subscriptions(id).map((x) => x.platform), ["webhook", "telegram"]);
      deepEqual(n.subscription(key), first.subscription);
      equal(n.unsubscribe(key), true);
      equal(n.unsubscribe(key), false);
      equal(n.subscription(key), null);
      equal(n.subscriptions().length, 1);
    },
  },
  {
    name: "notify: a subscription queues its task's later events and ends with completion",
    run({ store: s }) {
      const n = openNotify(s);
      const id = mk(s, "t");
      s.comment(id, "x", "before the subscription");
      n.subscribe({ taskId: id, ...KEY, userId: null });
      s.comment(id, "x", "after");
      s.complete(id, {}, PERSON);
      const seen: string[] = [];
      const r = n.enqueueSubscriptions(KINDS, () => true, (q, sub) => {
        seen.push(`${q.event.kind}:${sub.chat_id}:${q.task?.status}`);
        return JSON.stringify({ kind: q.event.kind });
      });
      deepEqual([r.queued, r.ended, r.more], [2, 1, false]);
      deepEqual(seen, [`commented:${KEY.chatId}:done`, `completed:${KEY.chatId}:done`]);
      deepEqual(n.subscriptions(id), [], "completion ends the subscription");
      deepEqual(n.deliveries({ taskId: id }).map((d) => [d.kind, d.state, d.target]), [
        ["completed", "pending", KEY.chatId],
        ["commented", "pending", KEY.chatId],
      ]);
    },
  },
  {
    name: "notify: a sink starts at the head, then queues new events and moves its cursor",
    run({ store: s }) {
      const n = openNotify(s);
      const id = mk(s, "old");
      const body = () => "{}";
      const first = n.enqueueSink("webhook:a", KINDS, body);
      deepEqual([first.created, first.queued, first.cursor], [true, 0, s.latestEventId()]);
      s.comment(id, "x", "new");
      mk(s, "ignored kind");
      const next = n.enqueueSink("webhook:a", KINDS, body);
      deepEqual([next.created, next.queued, next.cursor], [false, 1, s.latestEventId()]);
      deepEqual(n.sinks().map((k) => [k.sink, k.pending]), [["webhook:a", 1]]);
      deepEqual(n.activeSinks(), ["webhook:a"]);
      deepEqual(n.forgetSinks(new Set(), ["webhook:"]), ["webhook:a"]);
      deepEqual([n.sinks(), n.activeSinks()], [[], []], "a forgotten sink's deliveries are parked");
    },
  },
  {
    name:
      "notify: a delivery is claimed by one owner at a time; retry, succeed and fail are fenced",
    run({ store: s }) {
      const n = openNotify(s);
      const id = mk(s, "t");
      n.enqueueSink("webhook:a", KINDS, () => "{}");
      s.comment(id, "x", "one");
      s.comment(id, "x", "two");
      n.enqueueSink("webhook:a", KINDS, () => "{}");
      const c = n.claim("webhook:a", "me", 1_000, 500);
      ok(c && "delivery" in c, "the oldest is due");
      const d = c.delivery;
      equal(d.state, "sending");
      deepEqual(n.claim("webhook:a", "you", 1_100, 500), { waitUntilMs: 1_500 }, "in order");
      equal(n.succeed(d.id, "you"), false, "only the lease owner records the outcome");
      equal(n.retry(d.id, "me", 5_000, "timeout"), true);
      deepEqual(n.claim("webhook:a", "you", 2_000, 500), { waitUntilMs: 5_000 });
      const again = n.claim("webhook:a", "you", 5_000, 500);
      ok(again && "delivery" in again && again.delivery.id === d.id);
      equal(n.release("you"), 1);
      const mine = n.claim("webhook:a", "me", 5_000, 500);
      ok(mine && "delivery" in mine);
      equal(n.succeed(mine.delivery.id, "me"), true);
      const second = n.claim("webhook:a", "me", 5_000, 500);
      ok(second && "delivery" in second && second.delivery.id !== d.id);
      equal(n.fail(second.delivery.id, "me", "410 gone"), true);
      equal(n.claim("webhook:a", "me", 5_000, 500), null, "nothing left");
      deepEqual(n.deliveries().map((x) => [x.state, x.last_error]), [["failed", "410 gone"]]);
      deepEqual(n.sinks().map((k) => [k.sent, k.failed, k.pending]), [[1, 1, 0]]);
    },
  },
  {
    name: "notify: pruneSent removes old sent deliveries and keeps failed ones",
    run({ store: s, clock }) {
      const n = openNotify(s);
      const id = mk(s, "t");
      n.enqueueSink("webhook:a", KINDS, () => "{}");
      s.comment(id, "x", "one");
      s.comment(id, "x", "two");
      n.enqueueSink("webhook:a", KINDS, () => "{}");
      for (const ok of [true, false]) {
        const c = n.claim("webhook:a", "me", 0, 1);
        if (!c || !("delivery" in c)) throw new Error("expected a delivery");
        if (ok) n.succeed(c.delivery.id, "me");
        else n.fail(c.delivery.id, "me", "no");
      }
      clock.advance(100);
      equal(n.pruneSent(clock.now() - 200), 0, "nothing that old");
      equal(n.pruneSent(clock.now()), 1);
      deepEqual(n.deliveries({ taskId: id }).map((d) => d.state), ["failed"]);
    },
  },
];
