import { deepEqual, equal, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { board, notifyOf, PERSON } from "./notifier_helpers.ts";

Deno.test("outbox hands a delivery to one notifier at a time; an expired lease is taken over", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  const outbox = notifyOf(store);
  const sink = "webhook:https://example.com/hook";
  const build = () => "{}";
  deepEqual(outbox.enqueueSink(sink, ["completed"], build).created, true);
  const t = store.createTask({ title: "once" }).task;
  store.complete(t.id, {}, PERSON);
  equal(outbox.enqueueSink(sink, ["completed"], build).queued, 1);
  equal(outbox.enqueueSink(sink, ["completed"], build).queued, 0, "the cursor moved past it");

  const a = outbox.claim(sink, "A", 1_000, 100);
  ok(a && "delivery" in a);
  deepEqual(outbox.claim(sink, "B", 1_050, 100), { waitUntilMs: 1_100 });
  const b = outbox.claim(sink, "B", 1_101, 100);
  ok(b && "delivery" in b && b.delivery.id === a.delivery.id);
  equal(outbox.succeed(a.delivery.id, "A"), false, "A lost its lease and records nothing");
  equal(outbox.succeed(b.delivery.id, "B"), true);
  equal(outbox.claim(sink, "A", 2_000, 100), null);
  deepEqual(outbox.sinks().map((s) => [s.pending, s.sent, s.failed]), [[0, 1, 0]]);
});
