/**
 * Each run's secret, as the dispatcher issues it: handed to the worker in a file next to its log
 * (never in its environment, its log or the board), kept by the board only as its SHA-256, and
 * gone with the run.
 */

import { equal, ok } from "../support/assert.ts";
import { exists } from "../support/fs.ts";
import { endpointPath, secretPath } from "../../lib/endpoint/protocol.ts";
import { fixture, tickUntil } from "./fixture.ts";

/** True when `needle` occurs in the bytes of `path` (false when there is no such file). */
function fileHas(path: string, needle: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch {
    return false;
  }
  return new TextDecoder("latin1").decode(bytes).includes(needle);
}

Deno.test("a run's secret reaches its worker alone: the board keeps its hash, and the file goes with the run", async () => {
  await using fx = await fixture();
  const t = fx.create("look", {
    body: [
      'echo "$HERMES_KANBAN_ENDPOINT" > endpoint',
      'cp "$HERMES_HOME/kanban/logs/$HERMES_KANBAN_TASK.$HERMES_KANBAN_RUN_ID.secret" seen',
      "env > env.txt",
    ].join("\n"),
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "done");
  const run = fx.store.runs(t.id)[0];
  const ws = `${fx.home.path}/kanban/workspaces/${t.id}`;
  equal(Deno.readTextFileSync(`${ws}/endpoint`).trim(), endpointPath(fx.home.path));
  const secret = Deno.readTextFileSync(`${ws}/seen`).trim();
  ok(/^[A-Za-z0-9_-]{43}$/.test(secret), `a 32-byte secret, got ${secret}`);
  const sha = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  const digest = [...new Uint8Array(sha)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const row = fx.db.prepare("SELECT task_id, secret_hash FROM hx_run_secrets WHERE run_id = ?")
    .get(run.id) as { task_id: string; secret_hash: string };
  equal(row.task_id, t.id);
  equal(row.secret_hash, digest);
  // The board's bytes (main file and WAL) hold the hash, never the secret.
  const db = `${fx.home.path}/kanban.db`;
  ok(fileHas(db, digest) || fileHas(`${db}-wal`, digest), "the hash is on the board");
  for (const f of [db, `${db}-wal`, `${db}-shm`]) ok(!fileHas(f, secret), `${f} holds the secret`);
  // Not in the worker's environment, nor in its log; and its file is gone with the run.
  ok(!fileHas(`${ws}/env.txt`, secret), "the secret was in the worker's environment");
  ok(!fileHas(run.log_path!, secret), "the secret is in the run's log");
  ok(!exists(secretPath(fx.home.path, "default", t.id, run.id)), "the secret file stayed");
});

Deno.test("a run that has ended can no longer write, though its worker still has the secret", async () => {
  await using fx = await fixture();
  // The worker keeps a copy of its secret; once its run has ended the secret changes nothing.
  const t = fx.create("finish", {
    body: [
      'cp "$HERMES_HOME/kanban/logs/$HERMES_KANBAN_TASK.$HERMES_KANBAN_RUN_ID.secret" seen',
      "echo done > result",
    ].join("\n"),
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.store.runs(t.id).some((r) => r.ended_at !== null));
  const run = fx.store.runs(t.id)[0];
  const ws = `${fx.home.path}/kanban/workspaces/${t.id}`;
  const secret = Deno.readTextFileSync(`${ws}/seen`).trim();
  const { hashSecret } = await import("../../lib/endpoint/secret.ts");
  const proven = {
    kind: "worker" as const,
    name: "shell",
    taskId: t.id,
    runId: run.id,
    credential: hashSecret(secret),
  };
  equal(fx.store.workerFacts(proven, []).authentic, true, "the secret is still the run's");
  for (
    const write of [
      () => fx.store.comment(t.id, "shell", "one more thing", proven),
      () => fx.store.heartbeat(t.id, null, 900, proven),
      () => fx.store.createTask({ title: "sneak", creator: proven }),
    ]
  ) {
    let refused = "";
    try {
      write();
    } catch (e) {
      refused = (e as { code?: string }).code ?? "";
    }
    ok(["stale_run", "invalid_state"].includes(refused), `refused: ${refused}`);
  }
  equal(fx.store.showTask(t.id).comments.length, 0);
});
