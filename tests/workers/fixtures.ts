/** Shared pieces of the worker tests: a task record and a spawn request over a temp home. */

import type { Task } from "../../lib/board/mod.ts";
import { type BoardPaths, boardPaths } from "../../lib/config/mod.ts";
import {
  type Profile,
  runFiles,
  SHELL_PROFILE,
  type SpawnedWorker,
  type SpawnRequest,
  spawnWorker,
} from "../../lib/workers/mod.ts";
import { taskRecord } from "../support/task_record.ts";

let seq = 0;

/** A task as the store would return it, with a fresh id. */
export function makeTask(over: Partial<Task> = {}): Task {
  seq++;
  return taskRecord({
    id: `t_${(0xa0000000 + seq * 7919 + Math.floor(Math.random() * 1000)).toString(16)}`,
    ...over,
  });
}

/** A profile built like loadProfiles would, for tests that need a non-shell command. */
export function makeProfile(command: string[], over: Partial<Profile> = {}): Profile {
  return {
    name: "tester",
    command,
    env: {},
    maxConcurrent: null,
    maxRuntimeSeconds: null,
    completion: "report",
    description: "",
    builtin: false,
    sandbox: "off",
    network: "full",
    writable: [],
    ...over,
  };
}

/** A spawn request for `task` on the default board of `home`, run id 1 unless given. */
export function request(
  home: string,
  task: Task,
  over: Partial<SpawnRequest> = {},
): SpawnRequest & { paths: BoardPaths } {
  const paths = boardPaths(home, "default");
  const runId = over.runId ?? 1;
  return {
    profile: { ...SHELL_PROFILE, command: [...SHELL_PROFILE.command], env: {} },
    task,
    runId,
    workspace: home,
    board: "default",
    home,
    ...runFiles(paths, task.id, runId),
    baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: home },
    prompt: "work the task",
    ...over,
    paths,
  };
}

/** One process as `ps` sees it (an independent look at /proc, which Deno will not read). */
export interface PsRow {
  pid: number;
  pgid: number;
  sid: number;
  stat: string;
}

/** Every process, from `ps`. */
export async function ps(): Promise<PsRow[]> {
  const out = await new Deno.Command("ps", {
    args: ["-e", "-o", "pid=,pgid=,sid=,stat="],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`ps failed: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => {
    const [pid, pgid, sid, stat] = l.trim().split(/\s+/);
    return { pid: Number(pid), pgid: Number(pgid), sid: Number(sid), stat };
  });
}

/** `pid` as `ps` sees it, or null when it does not exist. */
export async function procInfo(pid: number): Promise<PsRow | null> {
  return (await ps()).find((r) => r.pid === pid) ?? null;
}

/** Live (non-zombie) pids in process group `pgid`, from `ps`. */
export async function liveInGroup(pgid: number): Promise<number[]> {
  return (await ps()).filter((r) => r.pgid === pgid && !r.stat.startsWith("Z")).map((r) => r.pid);
}

/** spawnWorker, with the child kept referenced so a test can await `exited`. */
export function spawnRef(req: SpawnRequest): SpawnedWorker {
  const w = spawnWorker(req);
  w.child?.ref();
  return w;
}
