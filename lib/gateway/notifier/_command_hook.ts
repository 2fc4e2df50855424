/** Running the command hook: the event JSON on stdin, a clean environment, a timeout. */

import type { Env } from "../../config/paths.ts";
import { readStreamTail } from "../../workers/log_tail.ts";
import { type SendResult, StopRequested } from "./retry.ts";

/** Variables passed through from the gateway's environment; nothing else leaks in. */
const PASSED = ["PATH", "HOME", "LANG", "LC_ALL", "TZ"];

/** Grace between SIGTERM and SIGKILL when a hook overruns or the notifier stops. */
const KILL_GRACE_MS = 2_000;

/** Tail of stderr kept for the error message. */
const STDERR_TAIL = 2_048;

/** What one hook run gets. */
export interface HookRequest {
  argv: readonly string[];
  stdin: string;
  timeoutMs: number;
  /** Extra variables (HERMES_NOTIFY_EVENT and friends). */
  vars: Record<string, string>;
}

/** The hook's environment: the few basics from `env`, plus `vars`. */
export function hookEnv(env: Env, vars: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of PASSED) {
    const v = env(k);
    if (v !== undefined) out[k] = v;
  }
  return { ...out, ...vars };
}

function lastLine(s: string): string {
  const lines = s.split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}

/** Run the hook once. Exit 0 is success. Throws StopRequested when `stop` fires meanwhile. */
export async function runHook(req: HookRequest, env: Env, stop: AbortSignal): Promise<SendResult> {
  const [cmd, ...args] = req.argv;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(cmd, {
      args,
      env: hookEnv(env, req.vars),
      clearEnv: true,
      stdin: "piped",
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return { ok: false, error: `command not found: ${cmd}`, permanent: true };
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      return { ok: false, error: `permission denied: ${cmd}`, permanent: true };
    }
    if (e instanceof Deno.errors.NotCapable) {
      return {
        ok: false,
        error: `the notifier may not run ${cmd} (not among its allowed commands)`,
        permanent: true,
      };
    }
    throw e;
  }
  const stderr = readStreamTail(child.stderr, STDERR_TAIL);
  // A hook that ignores stdin closes the pipe early; that is its business, not a failure.
  const writer = child.stdin.getWriter();
  writer.write(new TextEncoder().encode(req.stdin)).then(() => writer.close()).catch(() => {});

  let why: "timeout" | "stop" | null = null;
  const kill = (reason: "timeout" | "stop") => {
    if (why) return;
    why = reason;
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    hardKill = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, KILL_GRACE_MS);
  };
  let hardKill: ReturnType<typeof setTimeout> | undefined;
  const timer = setTimeout(() => kill("timeout"), req.timeoutMs);
  const onStop = () => kill("stop");
  stop.addEventListener("abort", onStop, { once: true });
  if (stop.aborted) onStop();
  let status: Deno.CommandStatus;
  try {
    status = await child.status;
  } finally {
    clearTimeout(timer);
    clearTimeout(hardKill);
    stop.removeEventListener("abort", onStop);
  }
  // A grandchild may keep stderr open; the exit status must not wait on it.
  let drain: ReturnType<typeof setTimeout> | undefined;
  const errText = await Promise.race([
    stderr,
    new Promise<string>((r) => drain = setTimeout(() => r(""), 200)),
  ]);
  clearTimeout(drain);
  if (why === "stop") throw new StopRequested();
  if (why === "timeout") {
    return {
      ok: false,
      error: `${cmd} did not finish within ${req.timeoutMs / 1000}s (timeout_seconds); killed`,
      permanent: false,
    };
  }
  if (status.success) return { ok: true };
  const line = lastLine(errText);
  const how = status.signal ? `killed by ${status.signal}` : `exited with code ${status.code}`;
  return { ok: false, error: `${cmd} ${how}${line ? `: ${line}` : ""}`, permanent: false };
}
