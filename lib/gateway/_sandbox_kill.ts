/**
 * Signalling processes from inside the dispatcher's sandbox. Deno.kill needs
 * unrestricted --allow-run, which the sandbox must not have; kill(1) is on its
 * allow-list instead. `installSandboxKill` replaces Deno.kill in the worker's own
 * global scope with a synchronous equivalent that runs kill(1), raising the same
 * errors (NotFound for a missing process, PermissionDenied otherwise).
 */

/** A synchronous Deno.kill through kill(1) found at `killPath`. */
export function killViaCommand(killPath: string): (pid: number, signal?: Deno.Signal) => void {
  return (pid: number, signal: Deno.Signal = "SIGTERM") => {
    const sig = String(signal).replace(/^SIG/, "");
    const out = new Deno.Command(killPath, {
      // `-TERM -- -12`: procps-ng reads `-s TERM -- -2` as a bad option when the group id is small.
      args: [`-${sig}`, "--", String(pid)],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      clearEnv: true,
    }).outputSync();
    if (out.success) return;
    const err = new TextDecoder().decode(out.stderr).trim();
    if (/no such process/i.test(err)) throw new Deno.errors.NotFound(`kill ${pid}: ${err}`);
    throw new Deno.errors.PermissionDenied(`kill ${pid}: ${err || `exit ${out.code}`}`);
  };
}

/** Route Deno.kill in this (worker) scope through kill(1); returns false if it is not allowed. */
export function installSandboxKill(killPath: string | null): boolean {
  if (!killPath) return false;
  Object.defineProperty(Deno, "kill", {
    value: killViaCommand(killPath),
    configurable: true,
    writable: true,
  });
  return true;
}
