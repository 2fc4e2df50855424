/**
 * Catching a profile whose agent CLI has changed under it: run the program's own `--version`
 * and `--help` (for the subcommand the profile uses) and check that every long option the
 * profile passes is still listed. Agents rename and drop flags between releases, and a flag
 * the agent no longer knows fails every task it is given.
 */

/** What checking a profile's long options against its program's help found. */
export interface FlagCheck {
  /** The help command that was run, as argv (`["codex", "exec", "--help"]`). */
  helpCommand: string[];
  /** First line of `<program> --version`, or null when it printed nothing usable. */
  version: string | null;
  /** Long options the profile passes that the help does not list. */
  drifted: string[];
  /** Why the help could not be read (timeout, failure), or null. */
  problem: string | null;
}

/** Options for `checkFlags`. */
export interface FlagCheckOptions {
  /** Environment of the probe processes (nothing else is inherited). */
  env: Record<string, string>;
  /** How long `--help` and `--version` may each take. */
  timeoutMs: number;
}

/**
 * Default time allowed for an agent's `--help` or `--version`. Generous: a Node-based agent
 * can take seconds to start on a busy machine (Gemini CLI 0.61 took 14 s under load).
 */
export const FLAG_CHECK_TIMEOUT_MS = 30_000;

/** The most output read from a probe; help texts are a few kilobytes. */
const MAX_OUTPUT = 1 << 20;

/**
 * The long options (`--name`, from `--name=value` too) in a profile's argv after the program,
 * in order and once each. Words after a lone `--` are operands, and a word holding a
 * placeholder is filled per task, so neither is an option of the program.
 */
export function longFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of argv.slice(1)) {
    if (word === "--") break;
    const m = /^(--[A-Za-z0-9][A-Za-z0-9_-]*)(=|$)/.exec(word);
    if (!m || word.includes("{")) continue;
    if (!out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** The subcommand a profile runs (`exec` in `codex exec …`): the plain words after the program. */
export function subcommandPath(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of argv.slice(1)) {
    if (!/^[a-z][a-z0-9-]*$/.test(word)) break;
    out.push(word);
  }
  return out;
}

/** True when `help` lists `flag` as an option: the whole word, not the start of a longer one. */
export function helpLists(help: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s,;:\\[(|/])${escaped}(?![A-Za-z0-9_-])`, "m").test(help);
}

interface Probe {
  text: string;
  code: number | null;
  timedOut: boolean;
}

/** Run `argv` with no stdin and only `env`, in its own process group, killed at the timeout. */
async function probe(
  path: string,
  args: string[],
  cwd: string,
  opts: FlagCheckOptions,
): Promise<Probe> {
  const child = new Deno.Command(path, {
    args,
    cwd,
    env: opts.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // Its own group, so a timeout also stops whatever the program started.
    detached: true,
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      Deno.kill(-child.pid, "SIGKILL");
    } catch { /* already gone */ }
  }, opts.timeoutMs);
  try {
    const [out, err, status] = await Promise.all([
      readCapped(child.stdout),
      readCapped(child.stderr),
      child.status,
    ]);
    return { text: `${out}\n${err}`, code: status.code, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(stream: ReadableStream<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size < MAX_OUTPUT) chunks.push(chunk.subarray(0, MAX_OUTPUT - size));
    size += chunk.length;
  }
  const all = new Uint8Array(Math.min(size, MAX_OUTPUT));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

function firstLine(text: string): string | null {
  const line = text.split("\n").map((l) => l.trim()).find((l) => l !== "");
  return line === undefined ? null : line.slice(0, 120);
}

/**
 * Run `<program> --version` and `<program> [subcommand…] --help` and list the long options of
 * `argv` the help does not mention. `program` is the resolved path of `argv[0]`.
 */
export async function checkFlags(
  program: string,
  argv: readonly string[],
  opts: FlagCheckOptions,
): Promise<FlagCheck> {
  const flags = longFlags(argv);
  const sub = subcommandPath(argv);
  const helpCommand = [argv[0], ...sub, "--help"];
  const shown = helpCommand.join(" ");
  // An empty directory: some agents read project settings from where they start.
  const cwd = await Deno.makeTempDir({ prefix: "hermes-flag-check-" });
  try {
    const [version, help] = await Promise.all([
      probe(program, ["--version"], cwd, opts),
      probe(program, [...sub, "--help"], cwd, opts),
    ]);
    const ver = version.timedOut || version.code !== 0 ? null : firstLine(version.text);
    const secs = opts.timeoutMs / 1000;
    if (help.timedOut) {
      return {
        helpCommand,
        version: ver,
        drifted: [],
        problem: `'${shown}' did not finish within ${secs} s`,
      };
    }
    const drifted = flags.filter((f) => !helpLists(help.text, f));
    // A program that refuses --help altogether lists nothing: one problem, not one per flag.
    if (help.code !== 0 && drifted.length === flags.length && flags.length > 0) {
      return {
        helpCommand,
        version: ver,
        drifted: [],
        problem: `'${shown}' failed (exit ${help.code}): ${firstLine(help.text) ?? "no output"}`,
      };
    }
    return { helpCommand, version: ver, drifted, problem: null };
  } finally {
    await Deno.remove(cwd, { recursive: true }).catch(() => {});
  }
}
