/** The store's change feed: one watcher that tells every subscriber a board changed. */

import { deepEqual, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { ChangeFeed, changes } from "../../lib/store/engine.ts";

Deno.test("change feed tells every subscriber of a commit by another connection", async () => {
  await using home = await tempHome();
  const reader = openBoard(home.path, "default", { create: true });
  const writer = openBoard(home.path, "default");
  const feed = new ChangeFeed(home.path);
  try {
    let seen = reader.dataVersion();
    let cursor = reader.latestEventId();
    const got: string[][] = [];
    const told: string[] = [];
    feed.subscribe({
      changed: () => {
        const v = reader.dataVersion();
        if (v === seen) return false;
        seen = v;
        const events = changes(reader, cursor, 100);
        if (events.length) cursor = events[events.length - 1].id;
        got.push(events.map((e) => e.kind));
        return true;
      },
    });
    feed.subscribe({ changed: (board) => (told.push(board), true) });
    feed.watch(["default"]);
    writer.createTask({ title: "from elsewhere" });
    await waitFor(() => got.length > 0, { timeoutMs: 5000, what: "the commit to be seen" });
    deepEqual(got.flat(), ["created"]);
    ok(told.includes("default"));
  } finally {
    feed.close();
    writer.close();
    reader.close();
  }
});

Deno.test("change feed looks again shortly when a subscriber saw nothing new yet", async () => {
  await using home = await tempHome();
  const store = openBoard(home.path, "default", { create: true });
  const feed = new ChangeFeed(home.path);
  try {
    let asked = 0;
    feed.subscribe({ changed: () => ++asked >= 3 });
    feed.nudge("default");
    await waitFor(() => asked >= 3, { timeoutMs: 5000, what: "trailing looks" });
  } finally {
    feed.close();
    store.close();
  }
});

Deno.test("change feed's backstop poll asks the subscribers on its own and stops on close", async () => {
  await using home = await tempHome();
  const store = openBoard(home.path, "default", { create: true });
  const feed = new ChangeFeed(home.path, { pollMs: 10 });
  let asked = 0;
  feed.subscribe({ changed: () => (asked++, true) });
  feed.watch(["default"]);
  await waitFor(() => asked >= 3, { timeoutMs: 5000, what: "polls" });
  feed.close();
  store.close();
});
