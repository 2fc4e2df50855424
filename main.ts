/**
 * hermes: a local-first task board and dispatcher for AI agent workers.
 * Entry point: parse the command line, run the command, map errors to exit codes.
 */

import { errorJson, EXIT, EXIT_STATUS, HermesError, UsageError } from "./lib/board/errors.ts";
import { type Ctx, makeContext } from "./lib/cli/context.ts";
import { boardsInDatabase, prepareStore } from "./lib/store/mod.ts";
import { fileSink, printableLine, safeSink, type Sink } from "./lib/cli/output.ts";
import { parseArgs } from "./lib/cli/parse.ts";
import { type CommandSpec, type ParsedInput, revokeUnneeded } from "./lib/cli/spec.ts";
import type { Env } from "./lib/config/paths.ts";
import { findEntry, type Group, GROUPS } from "./commands/registry.ts";
import denoJson from "./deno.json" with { type: "json" };

/** The version printed by `hermes --version`. */
export const VERSION: string = denoJson.version;

const TOP_SUMMARY = "hermes — a local-first task board and dispatcher for AI agent workers";

async function topHelp(): Promise<string> {
  const { groupHelp } = await import("./lib/cli/help.ts");
  return groupHelp(
    "hermes",
    TOP_SUMMARY,
    GROUPS.map((g) => ({ spec: { name: g.name, summary: g.summary } })),
    "Run 'hermes <command> --help' for more. Version: " + VERSION,
  );
}

async function groupHelpText(group: Group): Promise<string> {
  const { groupHelp } = await import("./lib/cli/help.ts");
  const mods = await Promise.all(group.entries.map((e) => e.load()));
  return groupHelp(
    `hermes ${group.name}`,
    group.summary,
    mods.map((m) => ({ spec: m.spec })),
    group.footer,
  );
}

function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === "--") return false;
    if (a === "-h" || a === "--help") return true;
  }
  return false;
}

function fullSpec(group: Group, spec: CommandSpec): CommandSpec {
  const own = new Set((spec.options ?? []).map((o) => o.long));
  return {
    ...spec,
    options: [...(spec.options ?? []), ...group.common.filter((o) => !own.has(o.long))],
  };
}

/**
 * Run the CLI with `argv`; returns the exit code. Never throws. With `revoke` (the process's own
 * entry point, below), the permissions the verb does not need are revoked for good first; a test
 * that calls main in its own process leaves it off.
 */
export async function main(
  argv: readonly string[],
  io: { env: Env; stdout: Sink; stderr: Sink; revoke?: boolean },
): Promise<number> {
  const revoke = io.revoke === true;
  // Titles, comments and worker output are other people's text: no terminal control in it.
  io = { env: io.env, stdout: safeSink(io.stdout), stderr: safeSink(io.stderr) };
  let ctx: Ctx | null = null;
  let json = argv.includes("--json");
  const debug = argv.includes("--debug");
  try {
    const [first, ...tail] = argv;
    if (first === undefined || first === "help" || first === "-h" || first === "--help") {
      io.stdout.write(await topHelp());
      return EXIT.ok;
    }
    if (first === "--version" || first === "-V" || first === "version") {
      io.stdout.write(`hermes ${VERSION}\n`);
      return EXIT.ok;
    }
    const group = GROUPS.find((g) => g.name === first);
    if (!group) {
      throw new UsageError(
        `unknown command '${first}' (commands: ${GROUPS.map((g) => g.name).join(", ")})`,
      );
    }
    // A group with a default verb runs it when no verb is named (`hermes mcp --board b`).
    const implied = group.defaultVerb !== undefined &&
      (tail.length === 0 || (tail[0].startsWith("-") && !["-h", "--help"].includes(tail[0])));
    const [second, ...rest] = implied ? [group.defaultVerb!, ...tail] : tail;
    if (second === undefined || second === "-h" || second === "--help" || second === "help") {
      io.stdout.write(await groupHelpText(group));
      return EXIT.ok;
    }
    const entry = findEntry(group, second);
    if (!entry) {
      throw new UsageError(
        `unknown ${group.name} command '${second}' (see 'hermes ${group.name} --help')`,
        "unknown_command",
      );
    }
    const mod = await entry.load();
    const spec = fullSpec(group, mod.spec);
    // Before anything reads the arguments: a verb that neither spawns nor dials cannot be
    // talked into either by its input.
    // A worker's board verbs dial its endpoint (a Unix socket, which Deno counts as net).
    const worker = Boolean(io.env("HERMES_KANBAN_TASK")?.trim());
    // Boards in PostgreSQL are reached over the network, whatever the verb.
    const database = revoke && boardsInDatabase(io.env);
    const reach = revoke ? revokeUnneeded(spec.needs, { worker, database }) : null;
    if (reach && io.env("HERMES_DEBUG_PERMISSIONS")) {
      const said = { granted: "kept", prompt: "revoked", denied: "denied" };
      const kinds = Object.entries(reach).map(([k, s]) => `${k}=${said[s]}`);
      io.stderr.write(
        `hermes: permissions: ${group.name} ${spec.name} reaches ${kinds.join(" ")}\n`,
      );
    }
    if (wantsHelp(rest)) {
      const { commandHelp } = await import("./lib/cli/help.ts");
      io.stdout.write(await commandHelp(`hermes ${group.name} ${spec.name}`, spec));
      return EXIT.ok;
    }
    const input: ParsedInput = parseArgs(spec, rest);
    json = input.opts.json === true;
    ctx = makeContext(input, io);
    // Where the boards live (SQLite files, or PostgreSQL): loads the driver only for the latter.
    await prepareStore(ctx.home, ctx.env);
    const code = await mod.run(ctx, input) ?? EXIT.ok;
    // A command that failed has said why; a warning after it would only add noise.
    if (code === EXIT.ok) ctx.flushWarnings();
    return code;
  } catch (e) {
    // The reader went away (`hermes kanban list | head -1`): its choice, not our failure.
    if (e instanceof Deno.errors.BrokenPipe) return EXIT.ok;
    return report(e, io, json, debug);
  } finally {
    try {
      ctx?.close();
    } catch { /* closing must not mask the result */ }
  }
}

function report(
  e: unknown,
  io: { stdout: Sink; stderr: Sink },
  json: boolean,
  debug: boolean,
): number {
  let err: HermesError;
  if (e instanceof HermesError) {
    err = e;
  } else if (refusedPermission(e)) {
    err = new HermesError(refusalMessage(e), "permission_denied");
  } else {
    err = new HermesError(
      `unexpected error: ${firstLine(e)}${debug ? "" : " (run with --debug for details)"}`,
      "internal",
    );
  }
  try {
    if (json) io.stdout.write(JSON.stringify(errorJson(err)) + "\n");
    io.stderr.write(`hermes: ${printableLine(err.message)}\n`);
    if (debug && !(e instanceof HermesError) && e instanceof Error && e.stack) {
      io.stderr.write(e.stack + "\n");
    }
  } catch { /* stdout or stderr is closed: the exit code still tells */ }
  return EXIT_STATUS[err.kind];
}

// Deno words every refusal "Requires <kind> access…"; a module load refused by the
// sandbox arrives as a TypeError with that text rather than as NotCapable.
const REFUSAL = /Requires (\w+) access(?: to ("[^"]*"|[^,\s]+))?/;

/** True when `e` is Deno refusing a permission (directly, or through a module load). */
function refusedPermission(e: unknown): boolean {
  return e instanceof Deno.errors.NotCapable ||
    (e instanceof Error && REFUSAL.test(firstLine(e)));
}

/** One line naming the refused permission and the flag that grants it. */
function refusalMessage(e: unknown): string {
  const m = REFUSAL.exec(firstLine(e));
  if (!m) return `permission denied: ${firstLine(e)} (see docs/reference/permissions.md)`;
  const what = m[2] ? `${m[1]} access to ${m[2]}` : `${m[1]} access`;
  return `permission denied: hermes needs ${what}, which this process was not granted ` +
    `(--allow-${m[1]}; the release build's list is in docs/reference/permissions.md)`;
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0];
}

if (import.meta.main) {
  const code = await main(Deno.args, {
    env: (n) => Deno.env.get(n),
    stdout: fileSink(Deno.stdout),
    stderr: fileSink(Deno.stderr),
    revoke: true,
  });
  Deno.exit(code);
}
