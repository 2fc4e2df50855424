/** The worker set-up the spawn and sandbox benches share: a `true` profile, its tasks, a home. */

import type { Task } from "../lib/board/mod.ts";
import { type BoardPaths, boardPaths } from "../lib/config/mod.ts";
import {
  type Profile,
  runFiles,
  type SandboxRequest,
  type SpawnedWorker,
  spawnWorker,
} from "../lib/workers/mod.ts";
import { taskRecord } from "../tests/support/task_record.ts";
import { endpointDir, endpointPath } from "../lib/endpoint/protocol.ts";
import { newRunSecret } from "../lib/endpoint/secret.ts";

/** An unconfined argv profile that runs `true` and completes on its exit code. */
export const TRUE_PROFILE: Profile = {
  name: "true",
  command: ["true"],
  env: {},
  maxConcurrent: null,
  maxRuntimeSeconds: null,
  completion: "exit_code",
  description: "",
  builtin: false,
  sandbox: "off",
  network: "full",
  writable: [],
};

/** The task a bench worker runs, with id `id`. */
export function benchTask(id: string): Task {
  return taskRecord({ id, title: "bench", body: "true", created_by: "bench" });
}

/** A bench's HERMES_HOME, its default board's paths and the workspace its workers share. */
export interface BenchHome {
  home: string;
  paths: BoardPaths;
  ws: string;
}

/**
 * A private temporary HERMES_HOME with the default board's paths, a workspace and the worker
 * endpoint's directory in it (nothing serves the socket: the workers run `true`).
 */
export async function benchHome(prefix: string): Promise<BenchHome> {
  const home = await Deno.makeTempDir({ prefix });
  await Deno.chmod(home, 0o700);
  const ws = `${home}/ws`;
  Deno.mkdirSync(ws);
  Deno.mkdirSync(endpointDir(home), { recursive: true, mode: 0o700 });
  return { home, paths: boardPaths(home, "default"), ws };
}

/**
 * Start `profile` as run 1 of the bench task `id` in `h`, kept referenced until it exits; with
 * `endpoint`, as the dispatcher starts every worker: a new run secret in its file, the worker
 * endpoint's variable and (confined) its directory and the secret file bound into the sandbox.
 */
export function spawnBenchWorker(
  h: BenchHome,
  profile: Profile,
  id: string,
  baseEnv: Record<string, string>,
  sandbox: SandboxRequest | null = null,
  endpoint = false,
): SpawnedWorker {
  const w = spawnWorker({
    profile,
    task: benchTask(id),
    runId: 1,
    workspace: h.ws,
    board: "default",
    home: h.home,
    ...runFiles(h.paths, id, 1),
    baseEnv,
    prompt: "",
    sandbox,
    endpoint: endpoint ? { socket: endpointPath(h.home), secret: newRunSecret().secret } : null,
  });
  w.child?.ref();
  return w;
}
