/**
 * Tests that need a tool or a capability of the machine (a pid namespace, systemd-analyze…).
 * Such a test runs, or is reported as ignored with the reason in its name; it never returns
 * early and passes. Under CI (`CI=true`, passed in by the `test` task's `--allow-env=CI`)
 * a missing tool fails the test instead, because `.ci/run` installs everything they need.
 */

/** True when the tests run under CI, where a missing tool is a failure. */
export const UNDER_CI = Deno.env.get("CI") === "true";

/**
 * The test `def` when `missing` is null; otherwise the same test ignored, with `missing`
 * (why it cannot run here) in its name, or, under CI, failing with that reason.
 */
export function needing(missing: string | null, def: Deno.TestDefinition): Deno.TestDefinition {
  if (missing === null) return def;
  if (UNDER_CI) {
    return {
      ...def,
      fn() {
        throw new Error(`${missing} (CI=true: .ci/run installs what the tests need)`);
      },
    };
  }
  return { ...def, name: `${def.name} [ignored: ${missing}]`, ignore: true };
}

/**
 * Run `cmd args…` as a probe for needing(): null when it exits 0, else what went wrong,
 * prefixed with `what` (the capability the test needs).
 */
export async function probe(what: string, cmd: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command(cmd, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    })
      .output();
    if (out.success) return null;
    const first = new TextDecoder().decode(out.stderr).trim().split("\n")[0];
    return `${what}: ${cmd} exited ${out.code}${first ? `: ${first}` : ""}`;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return `${what}: ${cmd} is not installed`;
    return `${what}: ${cmd}: ${(e as Error).message}`;
  }
}
