/**
 * hermes inside shell pipelines: when the reader exits before hermes writes
 * (`hermes kanban list | head -1`), hermes stops quietly with exit 0 instead of
 * reporting a broken pipe or crashing with a stack trace.
 */

import { equal } from "../support/assert.ts";
import { baseEnv, hermes, hermesArgv } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

/** Run `hermes <args> | true` under sh; returns hermes's exit code and stderr. */
async function intoClosedPipe(
  args: string[],
  env: Record<string, string>,
  dir: string,
): Promise<{ code: number; stderr: string }> {
  const argv = [Deno.execPath(), ...hermesArgv(args)].map((a) => `'${a.replaceAll("'", "'\\''")}'`);
  const script = `{ ${argv.join(" ")} 2>"${dir}/err"; echo $? >"${dir}/code"; } | true`;
  const out = await new Deno.Command("sh", {
    args: ["-c", script],
    env: { ...baseEnv(), ...env },
    clearEnv: true,
  }).output();
  equal(out.code, 0);
  return {
    code: Number(Deno.readTextFileSync(`${dir}/code`).trim()),
    stderr: Deno.readTextFileSync(`${dir}/err`),
  };
}

Deno.test("hermes stops quietly when the reader of its output has gone", async () => {
  await using home = await tempHome();
  for (const t of ["one", "two"]) equal((await hermes(["kanban", "create", t], home)).code, 0);
  for (const args of [["kanban", "list"], ["kanban", "list", "--json"], ["--help"]]) {
    const r = await intoClosedPipe(args, home.env, home.path);
    equal(r.stderr, "", `${args.join(" ")}: nothing on stderr`);
    equal(r.code, 0, `${args.join(" ")} exits 0`);
  }
});
