/**
 * Bad input: each gets one clear line on stderr naming the problem, exit 2 (usage) or 1
 * (failure), no stack trace, the board unchanged, and under --json the same exit code with
 * `{"error":{"code","message"}}` on stdout.
 */

import { deepEqual, equal } from "../support/assert.ts";
import { MAX_TEXT_BYTES } from "../../lib/board/mod.ts";
import type { Store } from "../../lib/store/mod.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";
import { withBoard } from "../board/fixtures.ts";
import { assertCleanFailure } from "../store/clean_failure.ts";

interface Case {
  /** Builds the board in-process and returns the argv (after `kanban`). */
  argv: (s: Store) => string[];
  exit: 1 | 2;
  message: RegExp;
  code: string;
}

const CASES: Record<string, Case> = {
  "an unknown task id": {
    argv: () => ["show", "t_deadbeef"],
    exit: 1,
    message: /no such task: t_deadbeef/,
    code: "not_found",
  },
  "an unknown task id in a write": {
    argv: () => ["complete", "t_deadbeef", "--result", "x"],
    exit: 1,
    message: /t_deadbeef/,
    code: "not_found",
  },
  "an unknown parent": {
    argv: () => ["create", "child", "--parent", "t_deadbeef"],
    exit: 1,
    message: /unknown parent task\(s\): t_deadbeef/,
    code: "not_found",
  },
  "an unknown status": {
    argv: () => ["list", "--status", "finished"],
    exit: 2,
    message: /unknown status 'finished': expected one of triage, todo/,
    code: "usage",
  },
  "an unknown priority": {
    argv: () => ["create", "x", "--priority", "high"],
    exit: 2,
    message: /invalid priority 'high': expected an integer/,
    code: "invalid_priority",
  },
  "a relative dir: workspace": {
    argv: () => ["create", "x", "--workspace", "dir:work/here"],
    exit: 2,
    message: /'work\/here' is not an absolute path/,
    code: "invalid_path",
  },
  "a dir: workspace with '..'": {
    argv: () => ["create", "x", "--workspace", "dir:/srv/../etc"],
    exit: 2,
    message: /'\/srv\/\.\.\/etc' contains '\.' or '\.\.' segments/,
    code: "invalid_path",
  },
  "a link that would make a cycle": {
    argv: (s) => {
      const a = s.createTask({ title: "a" }).task.id;
      const b = s.createTask({ title: "b" }).task.id;
      const c = s.createTask({ title: "c" }).task.id;
      s.link(a, b);
      s.link(b, c);
      return ["link", c, a];
    },
    exit: 1,
    message: /linking t_[0-9a-f]{8} -> t_[0-9a-f]{8} would create a cycle/,
    code: "cycle",
  },
  "a self-link": {
    argv: (s) => {
      const a = s.createTask({ title: "a" }).task.id;
      return ["link", a, a];
    },
    exit: 1,
    message: /a task cannot depend on itself/,
    code: "self_link",
  },
  "a transition the state machine forbids": {
    argv: (s) => ["unblock", s.createTask({ title: "ready one" }).task.id],
    exit: 1,
    message: /cannot unblock t_[0-9a-f]{8}: it is ready, not blocked/,
    code: "invalid_state",
  },
  "completing a triage task": {
    argv: (s) => ["complete", s.createTask({ title: "idea", triage: true }).task.id],
    exit: 1,
    message: /cannot complete t_[0-9a-f]{8}: it is triage/,
    code: "invalid_state",
  },
  "an empty title": {
    argv: () => ["create", "   "],
    exit: 2,
    message: /title is required/,
    code: "invalid_title",
  },
  "a comment over the size limit": {
    // One argument may not exceed 128 KiB on Linux, so the words carry the text.
    argv: (s) => {
      const id = s.createTask({ title: "t" }).task.id;
      const word = "x".repeat(100 * 1024);
      return ["comment", id, ...Array(Math.ceil(MAX_TEXT_BYTES / word.length) + 1).fill(word)];
    },
    exit: 2,
    message: new RegExp(`comment is too large: \\d+ bytes \\(limit ${MAX_TEXT_BYTES} bytes\\)`),
    code: "too_large",
  },
  "an unknown verb": {
    argv: () => ["finish", "t_deadbeef"],
    exit: 2,
    message: /unknown kanban command 'finish'/,
    code: "unknown_command",
  },
  "an unknown option": {
    argv: () => ["create", "x", "--colour", "red"],
    exit: 2,
    message: /unknown option '--colour' for 'create'/,
    code: "unknown_option",
  },
};

for (const [what, c] of Object.entries(CASES)) {
  Deno.test(`bad input: ${what} is refused with one line, exit ${c.exit}, board unchanged`, async () => {
    await using home = await tempHome();
    const argv = withBoard(home.path, c.argv);
    const before = snapshot(home.path);
    const human = await hermes(["kanban", ...argv], { env: home.env });
    assertCleanFailure(human, c.exit, c.message);
    equal(human.stdout, "", "nothing on stdout");
    const json = await hermes(["kanban", ...argv, "--json"], { env: home.env });
    assertCleanFailure(json, c.exit, c.message, c.code);
    if (json.stdout.trim() === "") throw new Error("--json printed no error object");
    deepEqual(snapshot(home.path), before);
    equal(before.integrity, "ok");
  });
}

Deno.test("bad input: a body over the documented limit is refused before touching the board", async () => {
  // A shell cannot pass one argument this big (128 KiB per argument), so the store is driven
  // directly, as the API and MCP tools drive it.
  await using home = await tempHome();
  const { MAX_BODY_BYTES } = await import("../../lib/board/mod.ts");
  withBoard(home.path, (s) => s.createTask({ title: "seed" }));
  const before = snapshot(home.path);
  const err = withBoard(home.path, (s) => {
    try {
      s.createTask({ title: "big", body: "é".repeat(MAX_BODY_BYTES / 2 + 1) });
    } catch (e) {
      return e as { code: string; message: string; exitCode: number };
    }
    return null;
  });
  equal(err?.code, "too_large");
  equal(err?.exitCode, 2);
  equal(
    err?.message,
    `body is too large: ${MAX_BODY_BYTES + 2} bytes (limit ${MAX_BODY_BYTES} bytes)`,
  );
  deepEqual(snapshot(home.path), before);
});
