/**
 * Locks held the way Hermes v0.18 holds them, by a process that is not ours: a small Python
 * program (written here, not taken from Hermes) that opens each file in append mode and takes an
 * exclusive, non-blocking flock, as Hermes's gateway does for `<home>/kanban/.dispatcher.lock`
 * and its dispatcher for `<board db>.dispatch.lock`. With `gatewayRecord` it also writes the
 * record a Hermes gateway keeps in its `gateway.lock` (`{pid, kind, argv, start_time}`).
 */

import { probe } from "./requires.ts";

const HOLDER = `
import fcntl, json, os, sys, time
paths, record = sys.argv[1:-1], sys.argv[-1]
held = []
for p in paths:
    f = open(p, "a+")
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print("busy " + p, flush=True)
        sys.exit(3)
    held.append(f)
if record:
    f = open(record, "a+")
    fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    f.seek(0)
    f.truncate()
    json.dump({"pid": os.getpid(), "kind": "hermes-gateway", "argv": sys.argv, "start_time": time.time()}, f)
    f.flush()
    held.append(f)
print("locked", flush=True)
sys.stdin.read()
`;

/** Why the Hermes-style holder cannot run here, or null. */
export function pythonMissing(): Promise<string | null> {
  return probe("python3 with fcntl", "python3", ["-c", "import fcntl"]);
}

/** A process holding locks as Hermes does; closing its stdin lets them go. */
export interface HermesHolder extends AsyncDisposable {
  pid: number;
  /** Release the locks and wait for the process to end. */
  release(): Promise<void>;
}

/**
 * Hold `paths` (and, with `gatewayRecord`, that gateway.lock with its record) until released.
 * Rejects when one of them is taken already (the holder exits 3, as a Hermes gateway would give up).
 */
export async function holdLikeHermes(
  paths: string[],
  opts: { gatewayRecord?: string } = {},
): Promise<HermesHolder> {
  const child = new Deno.Command("python3", {
    args: ["-c", HOLDER, ...paths, opts.gatewayRecord ?? ""],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  const line = new TextDecoder().decode(value ?? new Uint8Array()).trim();
  reader.releaseLock();
  if (line !== "locked") {
    await child.stdin.close().catch(() => {});
    await child.status;
    await child.stdout.cancel().catch(() => {});
    throw new Error(`could not take the locks like Hermes: ${line || "no answer"}`);
  }
  let done: Promise<void> | null = null;
  const release = () =>
    done ??= (async () => {
      await child.stdin.close().catch(() => {});
      await child.status;
      await child.stdout.cancel().catch(() => {});
    })();
  return { pid: child.pid, release, [Symbol.asyncDispose]: release };
}

/** True when a Hermes-style non-blocking flock on `path` fails now (someone holds it). */
export async function hermesWouldFindTaken(path: string): Promise<boolean> {
  try {
    const h = await holdLikeHermes([path]);
    await h.release();
    return false;
  } catch {
    return true;
  }
}
