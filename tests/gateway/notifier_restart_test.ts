import { deepEqual, equal } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { board, notifier, notifyOf, PERSON, receiver, running } from "./notifier_helpers.ts";

Deno.test("notifier restarted mid-delivery loses nothing and re-sends nothing", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  const [t1, t2, t3, t4] = ["one", "two", "three", "four"].map((title) =>
    store.createTask({ title }).task.id
  );
  let holdT2 = true;
  let cutShort!: () => void;
  // The first request for t2 is held until its notifier has been stopped (and hung up).
  await using hook = receiver((hit) => {
    if (hit.body.task.id !== t2 || !holdT2) return 200;
    holdT2 = false;
    return new Promise((r) => cutShort = () => r(499));
  });
  await using later = receiver();
  const first = notifier(home.path, { webhooks: [hook.url], poll_interval_seconds: 0.05 });
  await first.pollOnce();
  {
    await using _ = running(first);
    store.complete(t1, {}, PERSON);
    await waitFor(() => hook.ok().length === 1, { what: "t1 delivered" });
    store.complete(t2, {}, PERSON);
    await waitFor(() => hook.hits.some((h) => h.body.task.id === t2), { what: "t2 in flight" });
  }
  cutShort();
  // Stopped mid-request: the delivery is pending again, its attempt not counted.
  deepEqual(notifyOf(store).deliveries({ taskId: t2 }).map((d) => [d.state, d.attempts]), [[
    "pending",
    0,
  ]]);
  store.complete(t3, {}, PERSON); // while no notifier runs

  // A new instance, with a second sink added to the config meanwhile.
  const second = notifier(home.path, {
    webhooks: [hook.url, later.url],
    poll_interval_seconds: 0.05,
  });
  {
    await using _ = running(second);
    await waitFor(() => hook.ok().length === 3, { what: "t2 and t3 delivered after restart" });
    store.complete(t4, {}, PERSON);
    await waitFor(() => hook.ok().length === 4 && later.ok().length === 1, { what: "t4" });
  }
  deepEqual(hook.ok().map((h) => h.body.task.id), [t1, t2, t3, t4]);
  // The new sink began at the head when first seen: only t4 reached it.
  deepEqual(later.ok().map((h) => h.body.task.id), [t4]);
  equal(hook.hits.length, 5, "one cut-short attempt for t2, one success per event");
});
