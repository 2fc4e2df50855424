/**
 * Starting and stopping worker processes.
 *
 * Each worker runs under a tiny `/bin/sh` wrapper that is the leader of its own
 * session and process group (pid = pgid). The wrapper appends the worker's
 * stdout and stderr to the run's log file, waits for the command, and writes its
 * exit status to the run's exit file. Nothing is piped through the dispatcher,
 * so a worker outlives a gateway restart and can be adopted by the next one,
 * which learns the outcome from the exit file (see docs/reference/workers.md).
 */

import type { Task } from "../board/task.ts";
import { type BoardPaths, runFileBase } from "../config/paths.ts";
import { locateCommand } from "./command_path.ts";
import { bootId, hostName, identityOf, pidNamespace, type ProcIdentity } from "./identity.ts";
import { procAccess, readStatsAsync } from "./proc_reader.ts";
import { type Profile, renderArgv } from "./profiles.ts";
import { workerEnv } from "./worker_env.ts";
import {
  probeSandbox,
  type SandboxRequest,
  sandboxUnavailable,
  type SandboxWrap,
  wrapForSandbox,
} from "./sandbox.ts";

/** Everything needed to start one run's worker. */
export interface SpawnRequest {
  profile: Profile;
  task: Task;
  runId: number;
  /** Absolute directory the worker runs in (from prepareWorkspace). */
  workspace: string;
  board: string;
  home: string;
  /** Per-run log file, appended to; the wrapper creates it 0600 (the parent its directory, 0700). */
  logPath: string;
  /** Per-run exit file the wrapper writes the exit status to; must not exist yet (runFiles). */
  exitPath: string;
  /** The parent's environment; only the allow-list (INHERITED_ENV in worker_env.ts) is passed on. */
  baseEnv: Record<string, string>;
  /** Text for the `{prompt}` placeholder. */
  prompt: string;
  /** Lease length the dispatcher uses, so the worker's heartbeats extend by as much. */
  claimTtlSeconds?: number;
  /** Confine the worker (profile `sandbox: workspace`); null or absent runs it unconfined. */
  sandbox?: SandboxRequest | null;
  /**
   * The worker endpoint (lib/endpoint): its socket, and the run's secret, which is written to
   * the run's 0600 secret file (inputFiles) for the worker and bound into its sandbox. The
   * dispatcher removes the file when the run's worker has ended.
   */
  endpoint?: { socket: string; secret: string } | null;
}

/** A started worker. `pid` is its process-group leader (the wrapper). */
export interface SpawnedWorker {
  pid: number;
  identity: ProcIdentity;
  /**
   * Resolves once `identity.startTicks` is filled in (the same object is updated), or
   * once the worker has ended first (a reaped process has no start time left to read).
   * Under the release permissions /proc is read by a helper process, batched over
   * all spawns of one event-loop turn, so await this before persisting the identity.
   */
  identityReady: Promise<ProcIdentity>;
  /**
   * The child handle when this process spawned it (null for adopted workers). It is
   * unref'd so the parent can exit; call `child.ref()` to keep the process alive
   * until `exited` resolves.
   */
  child: Deno.ChildProcess | null;
  /** Resolves when the wrapper exits (and reaps it); `code` is null when a signal ended it. */
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** Why a spawn failed, for the task's failure record. */
export type SpawnCause =
  | "command_not_found"
  | "permission_denied"
  | "workspace"
  | "sandbox_unavailable"
  | "other";

/** A worker could not be started; `cause` says why. */
export class SpawnError extends Error {
  override readonly cause: SpawnCause;
  constructor(cause: SpawnCause, message: string) {
    super(message);
    this.name = "SpawnError";
    this.cause = cause;
  }
}

/**
 * Log and exit file paths of one run: `<logs>/<task id>.<run id>.log` and `.exit`.
 * Flat, so a spawn creates no directory (a directory costs more than a file to make);
 * readers take the path recorded in hx_run_procs.log_path, never rebuild it.
 */
export function runFiles(
  paths: BoardPaths,
  taskId: string,
  runId: number,
): { logPath: string; exitPath: string } {
  const base = runFileBase(paths, taskId, runId);
  return { logPath: `${base}.log`, exitPath: `${base}.exit` };
}

/**
 * Files that carry a run's body and prompt to its worker (`{body_file}`, `{prompt_file}`), next
 * to its log in the 0700 logs directory (the wrapper removes them when the command ends), and
 * the run's secret (lib/endpoint's secretPath; the dispatcher removes it).
 */
export function inputFiles(
  logPath: string,
): { bodyPath: string; promptPath: string; secretPath: string } {
  const base = logPath.replace(/\.log$/, "");
  return { bodyPath: `${base}.body`, promptPath: `${base}.prompt`, secretPath: `${base}.secret` };
}

/** Write `text` to a new 0600 file (never through an existing one). */
function writeInputFile(path: string, text: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* not there: the usual case */ }
  Deno.writeTextFileSync(path, text, { mode: 0o600, createNew: true });
}

const SH = "/bin/sh";

/**
 * Largest body (in UTF-16 units; at most 3 UTF-8 bytes each, so at most 48 KiB) that the shell
 * profile passes inline instead of through its body file: far below Linux's 128 KiB per argument.
 */
const INLINE_BODY_MAX_UNITS = 16 * 1024;

// $1 log, $2 exit file, $3 the umask to give the command, $4 and $5 input files to remove
// when the command ends ("" for none), then the argv. The log is
// created here (mode 0600 under umask 077), off the dispatcher's thread: creating a
// file costs a journal write the parent need not wait for. The TERM trap keeps the
// wrapper alive while its group is being stopped, so the command's status is still
// recorded; it is not inherited (caught signals reset to default on exec).
const WRAPPER = [
  "trap : TERM",
  "umask 077",
  'exec >>"$1" 2>&1',
  'umask "$3"',
  "__hx_exit=$2 __hx_in1=$4 __hx_in2=$5",
  "shift 5",
  '"$@"',
  "__hx_code=$?",
  '[ -z "$__hx_in1$__hx_in2" ] || rm -f -- ${__hx_in1:+"$__hx_in1"} ${__hx_in2:+"$__hx_in2"}',
  'echo "$__hx_code" >"$__hx_exit"',
  'exit "$__hx_code"',
].join("\n");

// For argv `sh -c SCRIPT` (the shell profile) the script runs in a subshell of the
// wrapper instead of a second sh: one exec fewer per task. A subshell resets the
// TERM trap, gets no positional parameters, and cannot see the wrapper's variables.
const WRAPPER_EVAL = [
  "trap : TERM",
  "umask 077",
  'exec >>"$1" 2>&1',
  'umask "$3"',
  "__hx_exit=$2 __hx_in1=$4 __hx_in2=$5 __hx_s=$6",
  '(set --; eval "unset __hx_exit __hx_in1 __hx_in2 __hx_s; $__hx_s")',
  "__hx_code=$?",
  '[ -z "$__hx_in1$__hx_in2" ] || rm -f -- ${__hx_in1:+"$__hx_in1"} ${__hx_in2:+"$__hx_in2"}',
  'echo "$__hx_code" >"$__hx_exit"',
  'exit "$__hx_code"',
].join("\n");

// A confined worker: the same wrapper outside the sandbox ($4: a private temp dir to remove
// afterwards, or empty; $5 and $6 input files to remove, or empty), so the log and the exit file are opened and written where the
// worker cannot reach them. Line 1 is replaced by the SIGTERM disposition (see SandboxWrap).
const SANDBOX_WRAPPER = [
  "trap : TERM",
  "umask 077",
  'exec >>"$1" 2>&1',
  'umask "$3"',
  "__hx_exit=$2 __hx_tmp=$4 __hx_in1=$5 __hx_in2=$6",
  "shift 6",
  '"$@"',
  "__hx_code=$?",
  '[ -z "$__hx_tmp" ] || rm -rf "$__hx_tmp"',
  '[ -z "$__hx_in1$__hx_in2" ] || rm -f -- ${__hx_in1:+"$__hx_in1"} ${__hx_in2:+"$__hx_in2"}',
  'echo "$__hx_code" >"$__hx_exit"',
  'exit "$__hx_code"',
];

function sandboxWrapper(wrap: SandboxWrap): string {
  const lines = [...SANDBOX_WRAPPER];
  if (wrap.ignoreTerm) lines[0] = "trap '' TERM";
  return lines.join("\n");
}

let umaskText: string | undefined;
/** This process's umask as octal text, passed on to workers (read once). */
function parentUmask(): string {
  if (umaskText === undefined) {
    let m = 0o022;
    try {
      m = Deno.umask();
    } catch { /* keep the common default */ }
    umaskText = `0${m.toString(8)}`;
  }
  return umaskText;
}

// util-linux setsid(1) makes the wrapper a session leader after a posix_spawn,
// which costs the same at any parent size; Deno's `detached` forks the whole
// parent first (about 1 ms per 100 MB resident). Fall back to it without setsid.
let setsidPath: string | null | undefined;
function setsidBinary(): string | null {
  if (setsidPath === undefined) {
    setsidPath = null;
    if (Deno.build.os === "linux") {
      for (const p of ["/usr/bin/setsid", "/bin/setsid"]) {
        try {
          if (Deno.statSync(p).isFile) {
            setsidPath = p;
            break;
          }
        } catch { /* try the next */ }
      }
    }
  }
  return setsidPath;
}

let shReal: string | null | undefined;
// Answers per resolved path (a few at most), so a spawn does not resolve symlinks again.
const systemSh = new Map<string, boolean>();
function isSystemSh(path: string): boolean {
  if (path === SH) return true;
  let yes = systemSh.get(path);
  if (yes === undefined) {
    try {
      shReal ??= Deno.realPathSync(SH);
      yes = Deno.realPathSync(path) === shReal;
    } catch {
      yes = false;
    }
    if (systemSh.size > 64) systemSh.clear();
    systemSh.set(path, yes);
  }
  return yes;
}

function hereIdentity(pid: number): ProcIdentity {
  return { host: hostName(), bootId: bootId(), pidNs: pidNamespace(), pid, startTicks: null };
}

// Start times of fresh workers, read for all spawns of one event-loop turn at once.
let pendingTicks: { identity: ProcIdentity; resolve: (id: ProcIdentity) => void }[] = [];
function queueStartTicks(identity: ProcIdentity): Promise<ProcIdentity> {
  return new Promise((resolve) => {
    if (pendingTicks.length === 0) setTimeout(fillStartTicks, 0);
    pendingTicks.push({ identity, resolve });
  });
}

async function fillStartTicks(): Promise<void> {
  const batch = pendingTicks;
  pendingTicks = [];
  let stats = new Map<number, { startTicks: number }>();
  try {
    stats = await readStatsAsync(batch.map((b) => b.identity.pid));
  } catch { /* leave them unknown */ }
  for (const { identity, resolve } of batch) {
    // A worker already reaped has no entry; its exit is known from `exited` anyway.
    const st = stats.get(identity.pid);
    if (st) identity.startTicks = st.startTicks;
    resolve(identity);
  }
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

function ensureDir(dir: string): void {
  try {
    // One stat in the common case (the board's logs directory exists).
    if (Deno.statSync(dir).isDirectory) return;
  } catch { /* make it */ }
  Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function prepareLogDir(logPath: string, exitPath: string): void {
  ensureDir(dirOf(logPath));
  if (dirOf(exitPath) !== dirOf(logPath)) ensureDir(dirOf(exitPath));
}

/**
 * Start a worker for one run, synchronously. Throws SpawnError with the true
 * cause; never leaves a process behind when it throws.
 */
export function spawnWorker(req: SpawnRequest): SpawnedWorker {
  if (!req.workspace.startsWith("/")) {
    throw new SpawnError("workspace", `workspace '${req.workspace}' is not an absolute path`);
  }
  try {
    if (!Deno.statSync(req.workspace).isDirectory) {
      throw new SpawnError("workspace", `workspace ${req.workspace} is not a directory`);
    }
  } catch (e) {
    if (e instanceof SpawnError) throw e;
    throw new SpawnError("workspace", `workspace ${req.workspace}: ${(e as Error).message}`);
  }
  const env = workerEnv(req, req.endpoint?.socket ?? null);
  const uses = (name: string) => req.profile.command.some((a) => a.includes(`{${name}}`));
  const inputs = inputFiles(req.logPath);
  const secretFile = req.endpoint ? inputs.secretPath : "";
  const bodyFile = uses("body_file") ? inputs.bodyPath : "";
  const promptFile = uses("prompt_file") ? inputs.promptPath : "";
  const argv = renderArgv(req.profile, {
    task_id: req.task.id,
    title: req.task.title,
    prompt: req.prompt,
    workspace: req.workspace,
    body: req.task.body ?? "",
    body_file: bodyFile,
    prompt_file: promptFile,
    run_id: String(req.runId),
    board: req.board,
  });
  const found = locateCommand(argv[0], env.PATH, req.workspace);
  if (!("path" in found)) {
    throw new SpawnError(found.cause, `profile '${req.profile.name}': ${found.message}`);
  }
  // `sh {body_file}` (the shell profile) with a body far below the argument limit runs the body
  // in a subshell of the wrapper, as `sh -c` did: no file to write and remove, one exec fewer.
  const inline = !req.sandbox && argv.length === 2 && bodyFile !== "" && argv[1] === bodyFile &&
    (req.task.body ?? "").length <= INLINE_BODY_MAX_UNITS && isSystemSh(found.path);
  try {
    prepareLogDir(req.logPath, req.exitPath);
  } catch (e) {
    throw new SpawnError(
      e instanceof Deno.errors.PermissionDenied ? "permission_denied" : "other",
      `cannot create log directory for ${req.logPath}: ${(e as Error).message}`,
    );
  }
  try {
    if (bodyFile && !inline) writeInputFile(bodyFile, req.task.body ?? "");
    if (promptFile) writeInputFile(promptFile, req.prompt);
    if (secretFile) writeInputFile(secretFile, req.endpoint!.secret + "\n");
  } catch (e) {
    removeInputs(bodyFile, promptFile, secretFile);
    throw new SpawnError(
      e instanceof Deno.errors.PermissionDenied ? "permission_denied" : "other",
      `cannot write the run's input file: ${(e as Error).message}`,
    );
  }
  let wrap: SandboxWrap | null = null;
  if (req.sandbox) {
    const probe = probeSandbox(req.sandbox.bwrap);
    if (!probe.ok) {
      removeInputs(bodyFile, promptFile, secretFile);
      throw new SpawnError("sandbox_unavailable", sandboxUnavailable(req.profile.name, probe));
    }
    try {
      wrap = wrapForSandbox({
        profile: req.profile.name,
        request: req.sandbox,
        workspace: req.workspace,
        home: req.home,
        // The owner's HOME, not one a profile's env may set: the secrets live under the real one.
        userHome: req.baseEnv.HOME ?? env.HOME,
        tmpBase: dirOf(req.logPath),
        // The run's input files sit in the logs directory, which the sandbox hides.
        inputs: [bodyFile, promptFile, secretFile].filter((f) => f !== ""),
        endpointSocket: req.endpoint?.socket,
      }, probe);
    } catch (e) {
      removeInputs(bodyFile, promptFile, secretFile);
      const msg = (e as Error).message;
      throw new SpawnError(
        "sandbox_unavailable",
        msg.startsWith("sandbox unavailable: ")
          ? msg
          : `sandbox unavailable: ${msg}: fix it, or set \`sandbox: off\` for profile ${req.profile.name}`,
      );
    }
    Object.assign(env, wrap.env);
  }
  // A script the wrapper evaluates in a subshell instead of starting a second sh.
  const script = inline
    ? req.task.body ?? ""
    : argv.length === 3 && argv[1] === "-c" && isSystemSh(found.path)
    ? argv[2]
    : null;
  const shArgs = wrap
    ? [
      "-c",
      sandboxWrapper(wrap),
      "hermes-worker",
      req.logPath,
      req.exitPath,
      parentUmask(),
      wrap.cleanup ?? "",
      bodyFile,
      promptFile,
      ...wrap.prefix,
      found.path,
      ...argv.slice(1),
    ]
    : script !== null
    ? [
      "-c",
      WRAPPER_EVAL,
      "sh",
      req.logPath,
      req.exitPath,
      parentUmask(),
      inline ? "" : bodyFile,
      promptFile,
      script,
    ]
    : [
      "-c",
      WRAPPER,
      "hermes-worker",
      req.logPath,
      req.exitPath,
      parentUmask(),
      bodyFile,
      promptFile,
      found.path,
      ...argv.slice(1),
    ];
  const setsid = setsidBinary();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(setsid ?? SH, {
      args: setsid ? [SH, ...shArgs] : shArgs,
      cwd: req.workspace,
      env,
      clearEnv: true,
      stdin: "null",
      stdout: "null",
      stderr: "null",
      detached: setsid === null,
    }).spawn();
  } catch (e) {
    const cause: SpawnCause = e instanceof Deno.errors.PermissionDenied
      ? "permission_denied"
      : e instanceof Deno.errors.NotFound
      ? "workspace"
      : "other";
    removeInputs(bodyFile, promptFile, secretFile);
    throw new SpawnError(cause, `cannot start worker: ${(e as Error).message}`);
  }
  child.unref();
  const pid = child.pid;
  let identity: ProcIdentity;
  let identityReady: Promise<ProcIdentity>;
  if (procAccess() === "direct") {
    identity = identityOf(pid) ?? { ...hereIdentity(pid), startTicks: null };
    identityReady = Promise.resolve(identity);
  } else {
    identity = { ...hereIdentity(pid), startTicks: null };
    identityReady = procAccess() === "helper"
      ? queueStartTicks(identity)
      : Promise.resolve(identity);
  }
  const exited = child.status.then((s) => ({
    code: s.signal ? null : s.code,
    signal: s.signal ?? null,
  }));
  if (identity.startTicks === null && procAccess() === "helper") {
    // A worker reaped before the helper answers has no /proc entry left to read, and its
    // end is known: do not wait for the helper (short tasks end within a few ms).
    identityReady = Promise.race([identityReady, exited.then(() => identity, () => identity)]);
  }
  return { pid, identity, identityReady, child, exited };
}

function removeInputs(...paths: string[]): void {
  for (const p of paths) {
    if (!p) continue;
    try {
      Deno.removeSync(p);
    } catch { /* already gone */ }
  }
}

/** The exit status the wrapper recorded, or null if it has not (yet) written one. */
export function readExitFile(exitPath: string): number | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(exitPath);
  } catch {
    return null;
  }
  const t = text.trim();
  return /^\d{1,3}$/.test(t) ? Number(t) : null;
}
