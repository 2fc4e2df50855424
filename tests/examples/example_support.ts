/** Running the files in examples/ as users would: `hermes` on PATH, real processes. */

import { baseEnv, hermesArgv } from "../support/cli.ts";

/** The repository root (absolute, with a trailing slash). */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** Quote a word for sh. */
export function shQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * Write an executable `hermes` at `path` that runs this checkout's main.ts under the
 * release permission list: what a user gets from the binary, without `deno compile`.
 */
export function writeHermesShim(path: string): void {
  const argv = [Deno.execPath(), ...hermesArgv([])].map(shQuote).join(" ");
  Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  // Deno's module cache is found from HOME; pin it, since tests give processes a fake HOME.
  const script = `#!/bin/sh\nDENO_DIR=${shQuote(denoDir())}\nexport DENO_DIR\nexec ${argv} "$@"\n`;
  Deno.writeTextFileSync(path, script, { mode: 0o755 });
}

let cachedDenoDir: string | undefined;
/** Where this deno keeps its module cache. */
function denoDir(): string {
  if (cachedDenoDir === undefined) {
    const out = new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stderr: "null" })
      .outputSync();
    cachedDenoDir = JSON.parse(new TextDecoder().decode(out.stdout)).denoDir as string;
  }
  return cachedDenoDir;
}

/** A port that was free a moment ago. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Environment for example processes: the basics plus `extra`, `bin` first on PATH. */
export function exampleEnv(
  bin: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const base = baseEnv();
  return { ...base, NO_COLOR: "1", ...extra, PATH: `${bin}:${base.PATH ?? "/usr/bin:/bin"}` };
}

/** A long-running process whose stderr is collected. */
export interface Running extends AsyncDisposable {
  child: Deno.ChildProcess;
  stderr(): string;
  /** Resolves with the exit status. */
  status: Promise<Deno.CommandStatus>;
}

/** Start `argv` with `env` in `cwd`; disposing kills it if it still runs. */
export function start(argv: string[], env: Record<string, string>, cwd: string): Running {
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    env,
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let err = "";
  const reading = (async () => {
    const dec = new TextDecoder();
    for await (const chunk of child.stderr) err += dec.decode(chunk, { stream: true });
  })();
  const status = child.status;
  return {
    child,
    stderr: () => err,
    status,
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await status;
      await reading;
    },
  };
}

/** Run `sh -c script` and collect its output. */
export async function sh(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("sh", {
    args: ["-c", script],
    env,
    clearEnv: true,
    cwd,
    stdin: "null",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Wait for a process to exit within `ms`; returns its status or null if it did not. */
export async function exitWithin(r: Running, ms: number): Promise<Deno.CommandStatus | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((res) => timer = setTimeout(() => res(null), ms));
  try {
    return await Promise.race([r.status, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
