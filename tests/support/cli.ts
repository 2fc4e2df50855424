/** Drive the real entry point (`main.ts` under `deno run` with the release permissions). */

const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * The release permissions: deno.json's `default` permission set (`-P`), the one place they are
 * written, from whatever directory the test runs in.
 */
export const PERMISSION_FLAGS: string[] = ["-P", "--no-prompt", "--config", `${ROOT}deno.json`];

/** Path of main.ts. */
export const MAIN = `${ROOT}main.ts`;

/** Result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = unknown>(): T;
}

/** Options for a CLI run. */
export interface CliOptions {
  env?: Record<string, string>;
  stdin?: string;
  cwd?: string;
}

/** Base environment for child processes: enough to run deno, nothing ambient from hermes. */
export function baseEnv(): Record<string, string> {
  const keep = ["PATH", "HOME", "DENO_DIR", "TMPDIR", "LANG"];
  const out: Record<string, string> = {};
  for (const k of keep) {
    const v = Deno.env.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Argument vector to run hermes as a subprocess. */
export function hermesArgv(args: readonly string[]): string[] {
  return ["run", "--quiet", ...PERMISSION_FLAGS, MAIN, ...args];
}

/** Start `hermes <args>` in the background with a clean environment plus `env`, output piped. */
export function spawnHermes(
  args: readonly string[],
  env: Record<string, string>,
): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: hermesArgv(args),
    env: { ...baseEnv(), ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Run `hermes <args>` and collect its output. */
export async function hermes(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  if (!opts.env?.HERMES_HOME && !opts.env?.HOME) {
    // A test without its own home would touch the real ~/.hermes.
    throw new Error("hermes() needs env.HERMES_HOME (use tempHome()), or a HOME of its own");
  }
  const cmd = new Deno.Command(Deno.execPath(), {
    args: hermesArgv(args),
    env: { ...baseEnv(), ...opts.env },
    clearEnv: true,
    cwd: opts.cwd,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  if (opts.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(opts.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  const stdout = dec.decode(out.stdout);
  const stderr = dec.decode(out.stderr);
  return {
    code: out.code,
    stdout,
    stderr,
    json<T>() {
      return JSON.parse(stdout) as T;
    },
  };
}
