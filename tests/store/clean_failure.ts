/** Assertions that a CLI failure was explained, not crashed, and that files were left alone. */

import { deepEqual, doesNotMatch, equal, match } from "../support/assert.ts";
import type { CliResult } from "../support/cli.ts";

/** Text that must never reach a user: stack frames, raw SQLite errors, Deno's crash banner. */
const LEAKS =
  /\n\s+at |Uncaught|Stack backtrace|database is locked|ERR_SQLITE|SqliteError|unexpected error/;

/** The JSON error object of a failed run: `{"error":…}`, or the first refused id of `{"results":[…]}`. */
function jsonError(r: CliResult): { code: string; message: string } {
  const body = r.json<{
    error?: { code: string; message: string };
    results?: { ok: boolean; error?: { code: string; message: string } }[];
  }>();
  if (body.error) {
    deepEqual(Object.keys(body), ["error"]);
    return body.error;
  }
  // Verbs taking several ids report each id (docs/reference/kanban.md, "Several ids").
  const refused = body.results?.find((x) => !x.ok)?.error;
  if (!refused) throw new Error(`no error object in JSON output: ${r.stdout}`);
  return refused;
}

/**
 * The run failed with `exit` and said so in exactly one `hermes: …` line on stderr matching
 * `message`. With `--json` output on stdout, its error object has exactly `code` (checked
 * when given) and `message`, the same text as the stderr line.
 */
export function assertCleanFailure(
  r: CliResult,
  exit: 1 | 2,
  message: RegExp,
  code?: string,
): void {
  equal(r.code, exit, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split("\n");
  equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  match(lines[0], /^hermes: \S/);
  match(lines[0], message);
  doesNotMatch(r.stderr + r.stdout, LEAKS);
  if (r.stdout.trim() !== "") {
    const err = jsonError(r);
    deepEqual(Object.keys(err).sort(), ["code", "message"]);
    equal(`hermes: ${err.message}`, lines[0], "the JSON message is the stderr line");
    if (code !== undefined) equal(err.code, code);
  }
}

/** Name, size, inode and bytes of every file in `dir` (to prove nothing was touched). */
export async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    if (!e.isFile) continue;
    const path = `${dir}/${e.name}`;
    const st = await Deno.stat(path);
    const bytes = await Deno.readFile(path);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    out[e.name] = `${st.size} bytes, inode ${st.ino}, sha256 ${
      Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")
    }`;
  }
  return out;
}
