/**
 * The start-up budget of the hot verbs (bench/cli_bench.ts): under `deno run`, every
 * TypeScript module costs start-up time, so create, list, show, comment and complete may
 * load only the CLI, board and store modules they need — never the gateway, dispatcher,
 * server, help, config or an npm package — and no more than a fixed number of them.
 */

import { deepEqual, ok } from "../support/assert.ts";
import { baseEnv, hermesArgv } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { withBoard } from "../board/fixtures.ts";

const ROOT = new URL("../../", import.meta.url).href;

/** Most modules a hot verb may load (28 for create today: ops, logger and shutdown came with issue 12; the CLI bench shows no loss); raise it only with the bench's blessing. */
const MODULE_BUDGET = 28;

/** Modules a hot verb has no business loading (the presence probe is create's own). */
const FORBIDDEN = [
  /^lib\/gateway\/(?!presence\.ts$|_lock\.ts$)/,
  /^lib\/(dispatcher|server|mcp|workers)\//,
  /^lib\/cli\/help\.ts$/,
  /^lib\/config\/(config|keys)\.ts$/,
  /^ui\//,
];

/** The modules `hermes <args>` loads, from Deno's module loader log. */
async function modulesLoaded(args: string[], env: Record<string, string>): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: hermesArgv(args),
    env: { ...baseEnv(), ...env, DENO_LOG: "debug" },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(out.stderr);
  return [...log.matchAll(/FileFetcher::fetch_no_follow - specifier: (\S+)/g)]
    .map((m) => m[1].startsWith(ROOT) ? m[1].slice(ROOT.length) : m[1]);
}

Deno.test("startup: the hot verbs load only CLI, board and store modules, within budget", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "t", assignee: "writer" }).task.id);
  const verbs: string[][] = [
    ["create", "x", "--assignee", "writer"],
    ["list"],
    ["show", id],
    ["comment", id, "hi"],
    ["complete", id],
  ];
  for (const verb of verbs) {
    const mods = await modulesLoaded(["kanban", ...verb], home.env);
    ok(mods.includes("main.ts"), `saw the loader log: ${mods}`);
    deepEqual(
      mods.filter((m) =>
        !m.startsWith("lib/") && !m.startsWith("commands/") &&
        m !== "main.ts" && m !== "deno.json"
      ),
      [],
      `${verb[0]}: only project files`,
    );
    deepEqual(mods.filter((m) => FORBIDDEN.some((re) => re.test(m))), [], `${verb[0]}: forbidden`);
    const otherVerbs = mods.filter((m) =>
      m.startsWith("commands/") && m !== "commands/registry.ts" &&
      !m.startsWith(`commands/kanban/${verb[0]}.ts`) && !m.startsWith("commands/kanban/task_")
    );
    deepEqual(otherVerbs, [], `${verb[0]}: no other verb's module`);
    ok(
      mods.length <= MODULE_BUDGET,
      `${verb[0]} loads ${mods.length} modules:\n${mods.join("\n")}`,
    );
  }
});
