/** Running real gateways in tests: a child `hermes gateway run` on a free port, waited on by its state file. */

import { gatewayLockHeld } from "../../lib/gateway/_lock.ts";
import { readGatewayRecord } from "../../lib/gateway/presence.ts";
import { baseEnv, hermes, hermesArgv, MAIN, PERMISSION_FLAGS } from "../support/cli.ts";
import { loadConfig } from "../../lib/config/config.ts";
import { parseArgs } from "../../lib/cli/parse.ts";
import { confinedLaunch, gatewayScope } from "../../lib/gateway/confinement.ts";
import { listenAddress } from "../../lib/gateway/host.ts";
import { prepareStore } from "../../lib/store/mod.ts";
import { readRunFlags, RUN_OPTIONS } from "../../commands/gateway/run_options.ts";
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

/**
 * `hermes gateway run <args>` as `gateway start` launches it from source: the release set
 * narrowed to the gateway's scope (lib/gateway/confinement.ts), so the process started is the
 * gateway itself. A plain `deno run … gateway run` would run it again as its child (see
 * confinement_test.ts). Arguments or config the gateway refuses give the plain command, which
 * refuses them before it relaunches anything.
 */
export async function gatewayCommand(
  home: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ args: string[]; env: Record<string, string> }> {
  const plain = { args: hermesArgv(["gateway", "run", ...args]), env };
  let launch;
  try {
    const config = await loadConfig(home, (n) => env[n]);
    // The scope names the boards' database when they live in PostgreSQL.
    await prepareStore(home, (n) => env[n]);
    const flags = readRunFlags(
      parseArgs({ name: "run", needs: [], summary: "", options: RUN_OPTIONS }, args),
    );
    const addr = flags.noDashboard ? null : listenAddress(config, flags.host, flags.port, flags);
    launch = confinedLaunch(gatewayScope(home, config, (n) => env[n], addr));
  } catch {
    return plain;
  }
  if (!launch) return plain;
  return {
    args: [
      "run",
      "--quiet",
      ...PERMISSION_FLAGS,
      ...launch.denoFlags,
      MAIN,
      "gateway",
      "run",
      ...args,
    ],
    env: { ...env, ...launch.env },
  };
}

/** Start `hermes gateway run <args>`; unless `waitReady` is false, wait until its state says ready. */
export async function runGateway(
  home: { path: string; env: Record<string, string> },
  args: string[] = ["--no-dashboard"],
  opts: { env?: Record<string, string>; waitReady?: boolean; timeoutMs?: number } = {},
): Promise<GatewayProc> {
  const cmd = await gatewayCommand(home.path, args, { ...baseEnv(), ...home.env, ...opts.env });
  const child = new Deno.Command(Deno.execPath(), {
    args: cmd.args,
    env: cmd.env,
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
