/** A temporary HERMES_HOME per test, removed afterwards (`await using home = await tempHome()`). */

/** A temp home and helpers bound to it. */
export interface TempHome extends AsyncDisposable {
  path: string;
  /** Environment for child processes using this home. */
  env: Record<string, string>;
}

/** Make a fresh 0700 HERMES_HOME under the system temp dir. */
export async function tempHome(extraEnv: Record<string, string> = {}): Promise<TempHome> {
  const path = await Deno.makeTempDir({ prefix: "hermes-test-" });
  await Deno.chmod(path, 0o700);
  return {
    path,
    env: { HERMES_HOME: path, NO_COLOR: "1", ...extraEnv },
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true }).catch(() => {});
    },
  };
}
