/**
 * Starting `hermes gateway run` in the background (`hermes gateway start`): a detached
 * child of this same program — the compiled binary itself, or `deno run` with this
 * checkout's deno.json and its release permission set — with its output appended
 * to `<home>/logs/gateway.log` (0600, directory 0700). Returns once the gateway says
 * it is ready, or explains why it died with the tail of its log.
 */

import { ConflictError, HermesError } from "../board/errors.ts";
import { ensurePrivateDir, homePaths } from "../config/paths.ts";
import { liveGateway } from "./control.ts";
import { gatewayLockHeld } from "./_lock.ts";
import { readGatewayRecord } from "./presence.ts";
import { readState } from "./_state_file.ts";
import type { Launch } from "./confinement.ts";

/**
 * The command line that runs this program again with `args`: the compiled binary itself (its
 * permissions are baked in), or `deno run` with this checkout's deno.json and its `default`
 * permission set (`-P`), the one place the release permissions are written. `denoFlags` go
 * after the set and replace its entry of the same kind (`--allow-write=<dirs>` narrows it).
 */
export function selfCommand(args: readonly string[], denoFlags: readonly string[] = []): string[] {
  const exe = Deno.execPath();
  if (Deno.build.standalone) return [exe, ...args];
  const main = new URL(Deno.mainModule);
  if (main.protocol !== "file:") {
    throw new HermesError(
      `cannot restart ${Deno.mainModule} in the background; run 'hermes gateway run' instead`,
      "cannot_daemonize",
    );
  }
  // main.ts imports its deno.json, so a checkout that runs has one beside it.
  const config = new URL("deno.json", main).pathname;
  return [
    exe,
    "run",
    "--quiet",
    "--no-prompt",
    "-P",
    "--config",
    config,
    ...denoFlags,
    main.pathname,
    ...args,
  ];
}

/** Open (creating 0600) the gateway log and return its path; the logs directory is 0700. */
export function prepareLog(home: string): string {
  const paths = homePaths(home);
  ensurePrivateDir(home);
  ensurePrivateDir(paths.logsDir);
  Deno.openSync(paths.gatewayLog, { append: true, create: true, mode: 0o600 }).close();
  // The mode only applies on create; an older log keeps whatever it had.
  Deno.chmodSync(paths.gatewayLog, 0o600);
  return paths.gatewayLog;
}

/** A gateway started in the background. */
export interface Started {
  pid: number;
  url: string | null;
  log: string;
}

/** What `start` and `restart` get: the gateway now running and whether this call started it. */
export interface StartResult extends Started {
  already: boolean;
}

/** How to start a gateway in the background. */
export interface StartOptions {
  /** Arguments of the background `hermes gateway run`. */
  runArgs: readonly string[];
  /** A gateway already running is success (returned with `already`), not a ConflictError. */
  ifNotRunning: boolean;
  /**
   * Refuse what `run` would refuse (bad config, an exposed host) before anything starts; resolves
   * with how to launch the gateway (narrowed from source, see confinement.ts), or null for as is.
   */
  preflight(): Promise<Launch | null>;
}

function alreadyRunning(home: string, pid: number): ConflictError {
  return new ConflictError(
    `Gateway already running (pid ${pid}) for ${home}; started nothing ` +
      "(--if-not-running accepts a running gateway, 'hermes gateway restart' replaces it)",
    "gateway_running",
  );
}

/**
 * Start unless running. A gateway already running is an error (a script must be able to tell that
 * nothing was started) unless `ifNotRunning`, when it is returned with `already: true`.
 */
export async function startGateway(home: string, opts: StartOptions): Promise<StartResult> {
  const running = (): StartResult | null => {
    const rec = liveGateway(home);
    if (!rec) return null;
    if (!opts.ifNotRunning) throw alreadyRunning(home, rec.identity.pid);
    return { pid: rec.identity.pid, url: rec.url, log: homePaths(home).gatewayLog, already: true };
  };
  const before = running();
  if (before) return before;
  const launch = await opts.preflight();
  try {
    const started = await startInBackground(home, opts.runArgs, 30_000, launch);
    return { ...started, already: false };
  } catch (e) {
    // Two starts raced and the other one's gateway took the lock: ours exited, theirs runs.
    if (e instanceof GatewayStartError) {
      const other = running();
      if (other) return other;
    }
    throw e;
  }
}

/**
 * Start `hermes gateway run <args>` detached and wait until it is ready; `launch` adds deno flags
 * and environment (the narrowed permissions of a gateway started from source).
 */
export async function startInBackground(
  home: string,
  runArgs: readonly string[],
  timeoutMs = 30_000,
  launch: Launch | null = null,
): Promise<Started> {
  const log = prepareLog(home);
  const logSize = Deno.statSync(log).size;
  const argv = selfCommand(["gateway", "run", ...runArgs], launch?.denoFlags ?? []);
  // sh only redirects: `exec` replaces it, so the child's pid is the gateway's pid.
  const child = new Deno.Command("sh", {
    args: ["-c", 'log=$1; shift; exec "$@" </dev/null >>"$log" 2>&1', "sh", log, ...argv],
    // The child inherits this process's whole environment (as `run` in this shell would see
    // it); only HERMES_HOME is pinned, so a relative or defaulted home cannot drift.
    env: { ...launch?.env, HERMES_HOME: home },
    stdin: "null",
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  child.unref();
  let exited: Deno.CommandStatus | null = null;
  child.status.then((s) => exited = s, () => {});
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (exited !== null) {
      throw died(log, logSize, `the gateway exited (${describe(exited)}) before it was ready`);
    }
    const ready = await readiness(home, child.pid);
    if (ready) return { pid: child.pid, url: ready.url, log };
    if (Date.now() > deadline) {
      try {
        Deno.kill(child.pid, "SIGTERM");
      } catch { /* already gone */ }
      throw died(log, logSize, `the gateway was not ready within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function describe(s: Deno.CommandStatus): string {
  return s.signal ? `killed by ${s.signal}` : `exit code ${s.code}`;
}

/** The background gateway died or hung before it was ready; `tail` is what it logged. */
export class GatewayStartError extends HermesError {
  readonly tail: string[];
  constructor(message: string, tail: string[]) {
    super(message, "gateway_start_failed");
    this.tail = tail;
  }
}

function died(log: string, fromByte: number, what: string): GatewayStartError {
  let tail: string[] = [];
  try {
    const bytes = Deno.readFileSync(log).subarray(fromByte);
    tail = new TextDecoder().decode(bytes).trimEnd().split("\n").filter(Boolean).slice(-15);
  } catch { /* no log to show */ }
  return new GatewayStartError(`${what}; its log is ${log}`, tail);
}

/** Null until the gateway with `pid` is ready: lock held, pid file ours, state ready, /healthz up. */
async function readiness(home: string, pid: number): Promise<{ url: string | null } | null> {
  if (!gatewayLockHeld(home)) return null;
  const rec = readGatewayRecord(home);
  if (!rec || rec.identity.pid !== pid) return null;
  const state = readState(home);
  if (!state || state.pid !== pid || (state.phase !== "ready" && state.phase !== "draining")) {
    return null;
  }
  if (rec.url) {
    try {
      const res = await fetch(new URL("/healthz", rec.url), { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (!res.ok) return null;
    } catch {
      return null;
    }
  }
  return { url: rec.url };
}
