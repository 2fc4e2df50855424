/**
 * Task text is other people's (often an agent's): a title, body or comment holding
 * terminal control sequences must not reach the terminal raw, where it could clear the
 * screen, retitle the window or write the clipboard. Colour (SGR) may pass; JSON output
 * must still round-trip the exact text.
 */

import { equal, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

const NASTY = "evil\x1b[2J\x1b]0;pwned\x07\x1b]52;c;Y2xpcA==\x07\r\x9b6n\x7fend \x1b[1mbold\x1b[0m";

/** Control characters that would act on a terminal (ESC only when it starts a non-colour sequence). */
// deno-lint-ignore no-control-regex
const ACTIVE = /\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]/;

Deno.test("terminal control sequences in task text never reach the terminal raw", async () => {
  await using home = await tempHome();
  const made = await hermes(
    ["kanban", "create", NASTY, "--body", NASTY, "--assignee", "shell", "--json"],
    home,
  );
  equal(made.code, 0, made.stderr);
  const id = made.json<{ id: string }>().id;
  equal((await hermes(["kanban", "comment", id, NASTY], home)).code, 0);

  const views = [
    ["kanban", "show", id],
    ["kanban", "list"],
    ["kanban", "context", id],
    ["kanban", "tail", id, "--once"],
    ["kanban", "watch", "--once"],
    ["kanban", "comment", NASTY],
    ["kanban", "show", NASTY],
  ];
  for (const args of views) {
    const r = await hermes(args, home);
    for (const [name, text] of [["stdout", r.stdout], ["stderr", r.stderr]]) {
      const m = ACTIVE.exec(text);
      ok(
        m === null,
        `${args.slice(0, 2).join(" ")}: raw U+${m?.[0].charCodeAt(0).toString(16)} on ${name}`,
      );
    }
  }
  ok((await hermes(["kanban", "show", id], home)).stdout.includes("\x1b[1mbold"), "colour passes");

  const shown = await hermes(["kanban", "show", id, "--json"], home);
  ok(!ACTIVE.test(shown.stdout));
  const task = shown.json<{ task: { title: string; body: string } }>().task;
  equal(task.title, NASTY);
  equal(task.body, NASTY);
});
