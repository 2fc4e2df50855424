/** The pure parts of the flag-drift check: which flags a profile passes, and what a help lists. */

import { deepEqual, equal } from "../support/assert.ts";
import { helpLists, longFlags, subcommandPath } from "../../lib/workers/flag_drift.ts";

Deno.test("flag drift longFlags takes each long option once, up to a lone --", () => {
  deepEqual(
    longFlags([
      "agent",
      "--model=opus",
      "-p",
      "{prompt}",
      "--model",
      "x",
      "--out={workspace}/o",
      "--json",
      "--",
      "--not-a-flag",
    ]),
    ["--model", "--json"],
  );
  deepEqual(longFlags(["sh", "-c", "{body}"]), []);
  deepEqual(longFlags(["--looks-like-a-flag"]), [], "argv[0] is the program");
});

Deno.test("flag drift subcommandPath is the plain words before the first option", () => {
  deepEqual(subcommandPath(["codex", "exec", "--sandbox", "workspace-write", "x"]), ["exec"]);
  deepEqual(subcommandPath(["hermes", "-p", "coder", "--cli", "chat", "-q", "go"]), []);
  deepEqual(subcommandPath(["tool", "mcp", "serve", "{prompt}"]), ["mcp", "serve"]);
});

Deno.test("flag drift helpLists matches whole options, not a longer one that starts the same", () => {
  const help = `Usage: x [options]
  --client <name>        the client
  -s, --sandbox <MODE>
  --allowedTools, --allowed-tools <tools...>
  --pretty, --no-pretty  colours
  [--verbose|--quiet]
  --config=<file>
`;
  equal(helpLists(help, "--cli"), false);
  for (
    const f of ["--client", "--sandbox", "--allowedTools", "--no-pretty", "--quiet", "--config"]
  ) {
    equal(helpLists(help, f), true, f);
  }
  equal(helpLists(help, "--allowed"), false);
});
