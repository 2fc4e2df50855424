/** Running real gateways in tests: a child `hermes gateway run` on a free port, waited on by its state file. */

import { gatewayLockHeld } from "../../lib/gateway/_lock.ts";
import { readGatewayRecord } from "../../lib/gateway/presence.ts";
import { baseEnv, hermes, hermesArgv } from "../support/cli.ts";
import { waitFor } from "../support/wait.ts";

/** A free TCP port on loopback (the OS picks it; it is released before use). */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** A gateway child process and its collected stderr. */
export interface GatewayProc extends AsyncDisposable {
  child: Deno.ChildProcess;
  pid: number;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Send a signal (no-op once it exited). */
  kill(sig?: Deno.Signal): void;
  /** Resolves with the exit status, after its stderr has been read to the end. */
  status: Promise<Deno.CommandStatus>;
}

/** Read gateway_state.json of `home`, or null. */
export function readStateFile(home: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Deno.readTextFileSync(`${home}/gateway_state.json`));
  } catch {
    return null;
  }
}

/** Start `hermes gateway run <args>`; unless `waitReady` is false, wait until its state says ready. */
export async function runGateway(
  home: { path: string; env: Record<string, string> },
  args: string[] = ["--no-dashboard"],
  opts: { env?: Record<string, string>; waitReady?: boolean; timeoutMs?: number } = {},
): Promise<GatewayProc> {
  const child = new Deno.Command(Deno.execPath(), {
    args: hermesArgv(["gateway", "run", ...args]),
    env: { ...baseEnv(), ...home.env, ...opts.env },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const dec = new TextDecoder();
  const pump = (async () => {
    for await (const chunk of child.stderr) text += dec.decode(chunk, { stream: true });
  })();
  // Resolves once the process exited and everything it wrote to stderr has been read.
  const status = child.status.then(async (s) => {
    await pump;
    return s;
  });
  let exited = false;
  child.status.then(() => exited = true);
  const proc: GatewayProc = {
    child,
    pid: child.pid,
    stderr: () => text,
    kill(sig: Deno.Signal = "SIGTERM") {
      if (exited) return;
      try {
        child.kill(sig);
      } catch { /* already gone */ }
    },
    status,
    async [Symbol.asyncDispose]() {
      proc.kill("SIGKILL");
      await status;
      await pump;
    },
  };
  if (opts.waitReady !== false) {
    await waitFor(() => {
      if (exited) throw new Error(`gateway exited early:\n${text}`);
      const s = readStateFile(home.path);
      return s && s.pid === child.pid && s.phase === "ready";
    }, { timeoutMs: opts.timeoutMs ?? 20_000, what: "gateway ready" }).catch((e) => {
      proc.kill("SIGKILL");
      throw new Error(`${(e as Error).message}\nstderr:\n${text}`);
    });
  }
  return proc;
}

/** Write `<home>/config.yaml`. */
export function writeConfig(home: string, yaml: string): void {
  Deno.writeTextFileSync(`${home}/config.yaml`, yaml);
}

/** Stop whatever gateway `home` has, even if the test failed half-way. */
export async function stopGatewayOf(
  home: { path: string; env: Record<string, string> },
): Promise<void> {
  await hermes(["gateway", "stop", "--timeout", "2"], { env: home.env });
  const rec = readGatewayRecord(home.path);
  if (rec && gatewayLockHeld(home.path)) {
    try {
      Deno.kill(rec.identity.pid, "SIGKILL");
    } catch { /* gone */ }
  }
}
