/**
 * The worker endpoints against a real gateway and a real worker process: the dashboard's
 * Worker may run nothing, so inspection asks the gateway's main process to read /proc, and
 * terminating a run wakes the dispatcher, which stops the worker's process tree.
 */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { needing } from "../support/requires.ts";
import { waitFor } from "../support/wait.ts";
import { readStateFile, runGateway } from "./gateway_support.ts";

type Obj = Record<string, unknown>;

async function api(home: string, method: string, path: string, body?: unknown): Promise<Obj> {
  const base = new URL(String(readStateFile(home)?.url));
  const token = Deno.readTextFileSync(`${home}/dashboard.token`).trim();
  const res = await fetch(new URL(`api/plugins/kanban${path}`, base), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, 0 as unknown as Deno.Signal);
    return true;
  } catch {
    return false;
  }
}

/** Process inspection reads Linux's /proc. */
const NO_PROC = Deno.build.os === "linux" ? null : "process inspection reads Linux's /proc";

Deno.test(needing(NO_PROC, {
  name: "gateway inspects a live worker through its main process and terminates its run",
  async fn() {
    await using home = await tempHome();
    await using gw = await runGateway(home, ["--port", "0"]);
    const { task } = await api(home.path, "POST", "/tasks", {
      title: "long",
      assignee: "shell",
      body: "sleep 120",
    }) as { task: { id: string } };
    let worker: Obj | undefined;
    await waitFor(async () => {
      const r = await api(home.path, "GET", "/workers/active");
      worker = (r.workers as Obj[]).find((w) => w.task_id === task.id);
      return worker !== undefined;
    }, { timeoutMs: 15_000, what: "the worker at work" }).catch((e) => {
      throw new Error(`${e.message}\n${gw.stderr()}`);
    });
    const runId = worker!.run_id as number;
    const pid = worker!.worker_pid as number;
    ok(alive(pid));

    const seen = await api(home.path, "GET", `/runs/${runId}/inspect`);
    deepEqual([seen.alive, seen.pid, seen.reason], [true, pid, null]);
    const proc = seen.process as Obj;
    equal(proc.pid, pid);
    ok(["S", "R"].includes(proc.state as string), `state ${proc.state}`);
    ok((proc.rss_bytes as number) > 0);
    equal((seen.task as Obj).id, task.id);

    const t = await api(home.path, "POST", `/runs/${runId}/terminate`, { reason: "test" });
    deepEqual(t, { ok: true, run_id: runId, task_id: task.id });
    await waitFor(() => !alive(pid), { timeoutMs: 15_000, what: "the worker stopped" });
    const run = (await api(home.path, "GET", `/runs/${runId}`)).run as Obj;
    deepEqual([run.status, run.error], ["reclaimed", "manual_reclaim: test"]);
    const after = await api(home.path, "GET", `/runs/${runId}/inspect`);
    equal(after.alive, false);

    // The task is ready again and runs anew; archiving it stops that worker too.
    await api(home.path, "PATCH", `/tasks/${task.id}`, { status: "archived" });
    await waitFor(async () => (await api(home.path, "GET", "/workers/active")).count === 0, {
      timeoutMs: 15_000,
      what: "no worker left",
    });
  },
}));
