import { equal, match } from "../support/assert.ts";
import { baseEnv, PERMISSION_FLAGS } from "../support/cli.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const RUN = `${ROOT}bench/run.ts`;

async function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PERMISSION_FLAGS, RUN, ...args],
    env: baseEnv(),
    clearEnv: true,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** The kept results, or null when there are none. */
function kept(name: string): string | null {
  try {
    return Deno.readTextFileSync(`${ROOT}bench/${name}`);
  } catch {
    return null;
  }
}

Deno.test("bench --smoke runs a module, prints its figures unjudged and writes nothing", async () => {
  const before = [kept("results.json"), kept("RESULTS.md")];
  const r = await bench(["--smoke", "spawn"]);
  equal(r.code, 0, r.stderr);
  match(r.stdout, /^spawn: spawnWorker, shell task `true`: .* \(smoke run: not judged\)$/m);
  match(r.stderr, /smoke run done/);
  equal(kept("results.json"), before[0]);
  equal(kept("RESULTS.md"), before[1]);
});

Deno.test("bench refuses an unknown option with exit 2", async () => {
  const r = await bench(["--smok"]);
  equal(r.code, 2);
  match(r.stderr, /^bench: .*--smok.*usage: deno task bench \[--smoke\] \[name…\]\)\n$/);
});
