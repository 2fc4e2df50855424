/**
 * docs/tutorial.md, run: every fenced `sh` block, in order, in one shell session with a
 * fresh HOME, the "downloaded" binary in the working directory, and a scripted stand-in
 * for `claude` on PATH (tests/support/fake_agent.ts, which takes Claude Code's flags and
 * works its task over MCP). `hermes kanban watch` runs until the chain is done, then gets
 * Ctrl-C (SIGINT), as the tutorial says. While the gateway runs, the address that
 * `hermes gateway status` printed is opened as a browser would, and the board it serves
 * shows the three tasks done.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermesArgv } from "../support/cli.ts";

import { exampleEnv, freePort, ROOT, shQuote, writeHermesShim } from "./example_support.ts";

const TUTORIAL = Deno.readTextFileSync(`${ROOT}docs/tutorial.md`);

/** A temporary directory under /var/tmp, removed afterwards. */
async function varTmp(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ dir: "/var/tmp", prefix: "hermes-tutorial-" });
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true }).catch(() => {});
    },
  };
}

/** The fenced ```sh blocks of a markdown text, in order. */
function shBlocks(md: string): string[] {
  return [...md.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** `claude` for the test: the scripted agent, with this checkout's deno and cache. */
function writeFakeClaude(path: string, denoDir: string): void {
  const argv = [Deno.execPath(), ...hermesArgv([])].slice(0, -1); // deno run … (no main.ts)
  const cmd = [...argv, "--config", `${ROOT}deno.json`, `${ROOT}tests/support/fake_agent.ts`];
  Deno.writeTextFileSync(
    path,
    `#!/bin/sh\nDENO_DIR=${shQuote(denoDir)}\nexport DENO_DIR\nexec ${
      cmd.map(shQuote).join(" ")
    } "$@"\n`,
    { mode: 0o755 },
  );
}

/**
 * The session script: the blocks in order under `set -e`, each announced on stdout and
 * stderr; the `watch` block runs in the background until task C is done, then gets SIGINT.
 */
function sessionScript(blocks: string[]): string {
  const parts = ["set -e"];
  blocks.forEach((b, i) => {
    parts.push(`echo "@@ block ${i}"; echo "@@ block ${i}" >&2`);
    if (/^hermes kanban watch\s*$/m.test(b)) {
      parts.push(
        // The watcher's output goes to a file so the session can wait until it shows C's
        // completion (a condition, not a guessed delay), as a person waits before Ctrl-C.
        `${b.trim()} > watch.out &`,
        "watcher=$!",
        "i=0",
        `until grep -Eq "$C.*completed|completed.*$C" watch.out; do`,
        '  i=$((i+1)); [ $i -lt 1200 ] || { echo "watch never showed $C completed" >&2; exit 1; }',
        "  sleep 0.1",
        "done",
        'kill -INT "$watcher"',
        'wait "$watcher"',
        "cat watch.out",
      );
    } else {
      parts.push(b);
    }
  });
  return parts.join("\n") + "\n";
}

/** Split a session's output by the block announcements. */
function byBlock(text: string): string[] {
  return text.split(/^@@ block \d+\n/m).slice(1);
}

Deno.test({
  name: "tutorial: every command runs in order and an agent works the three-task chain",
  sanitizeResources: false,
  async fn() {
    // Under /var/tmp: the agent runs confined, with a private /tmp that would hide its files.
    await using tmp = await varTmp();
    const home = `${tmp.path}/home`;
    const work = `${tmp.path}/work`;
    const standins = `${tmp.path}/standins`;
    for (const d of [home, work, standins]) await Deno.mkdir(d, { recursive: true });
    // "Download": the binary the tutorial starts from, in the working directory.
    writeHermesShim(`${work}/hermes-linux-x64`);
    const denoDir =
      /DENO_DIR='([^']*)'/.exec(Deno.readTextFileSync(`${work}/hermes-linux-x64`))![1];
    writeFakeClaude(`${standins}/claude`, denoDir);
    // A free port instead of 8645, which another program on this machine may hold.
    await Deno.mkdir(`${home}/.hermes`, { mode: 0o700 });
    Deno.writeTextFileSync(`${home}/.hermes/config.yaml`, `dashboard:\n  port: ${freePort()}\n`);

    const blocks = shBlocks(TUTORIAL);
    ok(blocks.length >= 6, `found ${blocks.length} sh blocks`);
    const stopAt = blocks.findIndex((b) => /hermes gateway stop/.test(b));
    ok(stopAt > 0, "the tutorial stops the gateway at the end");
    const env = exampleEnv(standins, { HOME: home, USER: "tutorial" });
    delete env.HERMES_HOME;
    const run = async (script: string) => {
      const out = await new Deno.Command("sh", {
        args: ["-c", script],
        env,
        clearEnv: true,
        cwd: work,
        stdin: "null",
      }).output();
      const dec = new TextDecoder();
      return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
    };

    // Everything up to the stop, as one terminal session; its exported variables (PATH)
    // carry over to the rest.
    const state = `${tmp.path}/session.env`;
    const first = await run(
      sessionScript(blocks.slice(0, stopAt)) + `export -p > ${shQuote(state)}\n`,
    );
    let failure: unknown = null;
    try {
      equal(first.code, 0, `tutorial failed:\n${first.stdout}\n${first.stderr}`);
      const out = byBlock(first.stdout);
      const err = byBlock(first.stderr);
      const at = (re: RegExp) => blocks.findIndex((b) => re.test(b));
      match(out[at(/hermes --version/)], /^hermes \d+\.\d+\.\d+/m);
      match(out[at(/profiles add coder/)], /coder/);
      const statusOut = out[at(/hermes gateway status/)] + err[at(/hermes gateway status/)];
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(statusOut)?.[1];
      ok(url, `gateway status prints the board's address:\n${statusOut}`);
      const listed = out[at(/kanban create/)];
      const idOf = (title: string) => new RegExp(`(t_[0-9a-f]{8}).*${title}`).exec(listed)?.[1];
      const [a, b, c] = ["Pick a topic", "Write the poem", "Review the poem"].map(idOf);
      ok(a && b && c, `kanban list shows the three tasks:\n${listed}`);
      const watched = out[at(/kanban watch/)];
      for (const id of [a, b, c]) match(watched, new RegExp(`${id}.*completed|completed.*${id}`));
      match(out[at(/kanban show "\$C"/)], /done/);
      match(
        out[at(/kanban show "\$C"/)],
        new RegExp(`summary: did ${c}; received: ${b} is done`),
        "C got B's hand-off",
      );

      // The web board, opened as the tutorial says: the page, then the data it loads.
      const page = await fetch(url);
      equal(page.status, 200);
      match(await page.text(), /<div id="app">/);
      const token = new URL(url).searchParams.get("token")!;
      const api = new URL("/api/plugins/kanban/board", url);
      const board = await (await fetch(api, { headers: { authorization: `Bearer ${token}` } }))
        .json();
      const cards = board.columns.flatMap((col: { name: string; tasks: { id: string }[] }) =>
        col.tasks.map((t) => [t.id, col.name])
      );
      const mine = Object.fromEntries(cards.filter(([id]: string[]) => [a, b, c].includes(id)));
      deepEqual(mine, { [a]: "done", [b]: "done", [c]: "done" });
    } catch (e) {
      failure = e;
    }
    // The rest of the tutorial: stop the gateway (also when a check above failed).
    const last = await run(`. ${shQuote(state)}\n` + sessionScript(blocks.slice(stopAt)));
    if (failure) throw failure;
    equal(last.code, 0, `stopping failed:\n${last.stdout}\n${last.stderr}`);
    const status = await run("$HOME/.local/bin/hermes gateway status");
    match(status.stdout, /not running/);
  },
});
