/** Boards the bench modules measure on: seeded through the store, in a private temporary home. */

import { openBoard } from "../lib/store/mod.ts";

const ASSIGNEES = ["writer", "coder", "reviewer", "shell", "researcher", "tester", "ops", null];
const SEEDER = { kind: "person", name: "bench" } as const;

/**
 * Fill the default board of `home` with `n` tasks in one transaction, through the store: a mix
 * of assignees, priorities, tenants and triage; the first `done` share of them completed, as on
 * a long-lived board where most work is finished.
 */
export function seedBoard(home: string, n: number, done = 0): void {
  const store = openBoard(home, "default", { create: true });
  try {
    store.tx(() => {
      for (let i = 0; i < n; i++) {
        const { task } = store.createTask({
          title: `seeded task ${i}: summarise the findings of batch ${i % 97}`,
          body: i % 3 === 0 ? `details for task ${i}\n\n- step one\n- step two` : null,
          assignee: ASSIGNEES[i % ASSIGNEES.length],
          priority: i % 5,
          triage: i % 50 === 0,
          tenant: i % 10 === 0 ? "acme" : null,
          createdBy: "bench",
        });
        if (i < n * done && task.status !== "triage") {
          store.complete(task.id, { result: `finished ${i}` }, SEEDER);
        }
      }
    });
  } finally {
    store.close();
  }
}

/** A new private HERMES_HOME whose default board holds `tasks` seeded tasks. */
export async function makeHome(tasks: number, done = 0): Promise<string> {
  const home = await Deno.makeTempDir({ prefix: "hermes-bench-" });
  await Deno.chmod(home, 0o700);
  seedBoard(home, tasks, done);
  return home;
}

/** The environment of a CLI run on `home`. */
export function envFor(home: string): Record<string, string> {
  return {
    PATH: Deno.env.get("PATH") ?? "",
    HOME: Deno.env.get("HOME") ?? home,
    HERMES_HOME: home,
    NO_COLOR: "1",
    ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
  };
}
