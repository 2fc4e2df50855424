/** Boards the bench modules measure on: seeded through the store, in a private temporary home. */

import type { FromServer, ToServer } from "../lib/gateway/messages.ts";
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

/**
 * The dashboard server on `home`, in its own Deno Worker exactly as the gateway hosts it, on a
 * free loopback port with `token`. Returns its base URL (no trailing slash) and `stop`, which
 * asks the server to close (as the gateway does, at most 3 s) and ends the Worker.
 */
export async function serveBoard(
  home: string,
  token: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const worker = new Worker(new URL("../lib/server/worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      worker.onmessage = (ev: MessageEvent<FromServer>) => {
        if (ev.data.type === "listening") resolve(ev.data.url.replace(/\/$/, ""));
        if (ev.data.type === "error") reject(new Error(ev.data.message));
      };
      const init: ToServer = {
        type: "init",
        home,
        host: "127.0.0.1",
        port: 0,
        token,
        metricsToken: `metrics-${token}`,
        version: "bench",
        config: new Map(),
        dispatch: { enabled: false, reason: "benchmark" },
      };
      worker.postMessage(init);
    });
    const stop = async () => {
      worker.postMessage({ type: "shutdown" } satisfies ToServer);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 3000);
        worker.onmessage = (ev: MessageEvent<FromServer>) => {
          if (ev.data.type === "closed") {
            clearTimeout(t);
            resolve();
          }
        };
      });
      worker.terminate();
    };
    return { url, stop };
  } catch (e) {
    worker.terminate();
    throw e;
  }
}
