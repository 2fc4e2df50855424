/**
 * `kanban list` has the store render its layout (LIST_LINE) in one buffer for speed; it must be
 * exactly what taskLine() makes of listTasks(), in the same order, for every filter.
 */

import { equal } from "../support/assert.ts";
import { LIST_LINE, taskLine } from "../../commands/kanban/list.ts";
import type { ListFilter, Store } from "../../lib/store/mod.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { tempHome } from "../support/home.ts";
import { taskInEachStatus } from "../board/fixtures.ts";

function reference(s: Store, f: ListFilter): string {
  const tasks = s.listTasks(f);
  return tasks.length ? tasks.map(taskLine).join("\n") + "\n" : "";
}

Deno.test("the store's rendering of LIST_LINE is taskLine's in listTasks' order for every filter", async () => {
  await using home = await tempHome();
  let now = 1_780_000_000;
  const s = openBoard(home.path, "default", { create: true, clock: () => now });
  try {
    taskInEachStatus(s);
    const odd = [
      { title: "ünïcödé title ✓", assignee: "ßpëcial", tenant: "acme", priority: 3 },
      { title: "wide assignee", assignee: "a-profile-name-longer-than-twenty", priority: -2 },
      { title: "empty tenant", assignee: "", tenant: "", priority: 3 },
      { title: "emoji 🚀 in title", assignee: "writer", tenant: "åcme", priority: 0 },
      { title: "line\nbreak and 'quotes' %s %d", assignee: null, priority: 1 },
    ];
    for (const t of odd) {
      now += 7;
      s.createTask(t);
    }
    // Same second, same priority: the id breaks the tie.
    for (let i = 0; i < 5; i++) s.createTask({ title: `tie ${i}`, priority: 2 });
    const filters: ListFilter[] = [
      {},
      { includeArchived: true },
      { status: ["ready", "todo"] },
      { status: ["archived"] },
      { assignee: "writer" },
      { tenant: "acme" },
      { limit: 4 },
      { assignee: "nobody" },
    ];
    for (const f of filters) {
      equal(
        new TextDecoder().decode(s.renderLines(f, LIST_LINE)),
        reference(s, f),
        JSON.stringify(f),
      );
    }
    equal(s.renderLines({ assignee: "nobody" }, LIST_LINE).length, 0, "nothing matches: no bytes");
  } finally {
    s.close();
  }
});
