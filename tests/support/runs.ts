/**
 * Workers that hold a real run, as the dispatcher makes them: the run's secret recorded (its hash)
 * and, for a worker started as a process, the secret file it finds next to its log.
 */

import type { CreateRules, WorkerActor } from "../../lib/board/mod.ts";
import { boardPaths, ensurePrivateDir } from "../../lib/config/paths.ts";
import { secretPath } from "../../lib/endpoint/protocol.ts";
import { newRunSecret, writeSecretFile } from "../../lib/endpoint/secret.ts";
import { WorkerEndpoint } from "../../lib/endpoint/server.ts";
import type { BoardStore, Store } from "../../lib/store/mod.ts";

/** A worker of run `runId` of `taskId` whose secret the board now knows (in-process use). */
export function provenWorker(
  store: BoardStore,
  taskId: string,
  runId: number,
  name = "w",
): WorkerActor {
  const { hash } = newRunSecret();
  store.recordRunSecret(runId, taskId, hash);
  return { kind: "worker", name, taskId, runId, credential: hash };
}

/**
 * Give run `runId` of `taskId` its secret, as the dispatcher does at spawn: the hash on the
 * board, the secret in the run's 0600 file, where a worker's `hermes` finds it. Returns the secret.
 */
export function issueRunSecret(
  home: string,
  store: BoardStore,
  taskId: string,
  runId: number,
  board = "default",
): string {
  const { secret, hash } = newRunSecret();
  store.recordRunSecret(runId, taskId, hash);
  ensurePrivateDir(boardPaths(home, board).logs);
  writeSecretFile(secretPath(home, board, taskId, runId), secret);
  return secret;
}

/** The worker endpoint of `home`, served from this test process for `store`'s board. */
export function serveEndpoint(
  home: string,
  store: Store,
  rules: CreateRules = { allowed: [], unconfined: ["shell"] },
  board = "default",
): WorkerEndpoint & Disposable {
  const endpoint = new WorkerEndpoint(home, { ttlSeconds: 900, rules });
  endpoint.register(board, store);
  endpoint.claimIfVacant();
  if (!endpoint.serving) throw new Error(`could not serve ${endpoint.path}`);
  return Object.assign(endpoint, { [Symbol.dispose]: () => endpoint.close() });
}
