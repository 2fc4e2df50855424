/** Hermes's kanban keys in config.yaml acting on `hermes kanban dispatch`. */

import { deepEqual, equal } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

interface Result {
  spawned: { task_id: string; assignee: string }[];
  skipped_unassigned: string[];
}

async function create(env: Record<string, string>, ...args: string[]): Promise<string> {
  const r = await hermes(["kanban", "create", ...args, "--json"], { env });
  equal(r.code, 0, r.stderr);
  return r.json<{ id: string }>().id;
}

async function dispatch(env: Record<string, string>): Promise<Result> {
  const r = await hermes(["kanban", "dispatch", "--json"], { env });
  equal(r.code, 0, r.stderr);
  return r.json<Result>();
}

Deno.test("kanban.default_assignee gives unassigned ready tasks to its profile at dispatch", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, "kanban:\n  default_assignee: shell\n");
  const id = await create(home.env, "nobody's", "--body", "true");
  const r = await dispatch(home.env);
  deepEqual(r.spawned.map((s) => [s.task_id, s.assignee]), [[id, "shell"]]);
  deepEqual(r.skipped_unassigned, []);
  const show = await hermes(["kanban", "show", id, "--json"], { env: home.env });
  const events = show.json<{ events: { kind: string }[] }>().events.map((e) => e.kind);
  equal(events.includes("assigned"), true, events.join(","));
});

Deno.test("kanban.default_assignee naming no profile leaves tasks unassigned, as Hermes does", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, "kanban:\n  default_assignee: ghost\n");
  const id = await create(home.env, "nobody's", "--body", "true");
  const r = await dispatch(home.env);
  deepEqual([r.spawned, r.skipped_unassigned], [[], [id]]);
});

Deno.test("Hermes's max_in_progress and max_in_progress_per_profile cap live workers", async () => {
  for (
    const [yaml, want] of [
      ["kanban:\n  max_in_progress: 1\n", 1],
      ["kanban:\n  max_spawn: 2\n", 2],
      ["kanban:\n  max_in_progress_per_profile: 1\n", 1],
    ] as const
  ) {
    await using home = await tempHome();
    Deno.writeTextFileSync(`${home.path}/config.yaml`, yaml);
    for (let i = 0; i < 3; i++) {
      await create(home.env, `t${i}`, "--assignee", "shell", "--body", "sleep 3");
    }
    const r = await dispatch(home.env);
    // The workers sleep a moment (to be live while the caps are counted), then end alone.
    equal(r.spawned.length, want, yaml);
  }
});
