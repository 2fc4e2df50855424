/** `hermes kanban profiles`: the worker profiles and whether their commands can be found. */

import type { Ctx } from "../../lib/cli/context.ts";
import { table } from "../../lib/cli/output.ts";
import { UsageError } from "../../lib/board/errors.ts";
import { flag, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import {
  checkFlags,
  DEFAULT_PATH,
  FLAG_CHECK_TIMEOUT_MS,
  type FlagCheck,
  loadProfiles,
  locateCommand,
  longFlags,
  probeSandbox,
  type Profile,
  type SandboxMode,
  type SandboxProbe,
  sandboxSettings,
  sandboxUnavailable,
} from "../../lib/workers/mod.ts";

export const spec: CommandSpec = {
  name: "profiles",
  needs: ["run"],
  summary: "list worker profiles and check that their commands are on PATH",
  description: "Profiles come from kanban.profiles in config.yaml; 'shell' is built in.\n" +
    "SANDBOX shows each profile's confinement (off, or workspace with its network).\n" +
    "A command that cannot be found, or a sandbox this machine cannot give, is marked; with " +
    "--check it also makes the exit status 1.\n" +
    "--check also runs each agent's --version and --help (no stdin, a clean environment, " +
    "--timeout seconds at most) and warns about every long option the profile passes that " +
    "the help does not list: the agent's flags have drifted, and --check exits 1.",
  args: [
    { name: "action", description: "'add' to write a profile from a preset", required: false },
    { name: "name", description: "name of the profile to add (the assignee)", required: false },
  ],
  options: [
    {
      long: "check",
      description: "exit 1 if a profile's command cannot be found, its sandbox cannot be had, " +
        "or its agent's --help no longer lists a flag the profile passes",
    },
    {
      long: "timeout",
      value: "seconds",
      description: "with --check: how long each agent's --version and --help may take",
      defaultText: String(FLAG_CHECK_TIMEOUT_MS / 1000),
    },
    { long: "presets", description: "list the agent presets (Claude Code, Codex, Gemini…)" },
    { long: "preset", value: "name", description: "with 'add NAME': the preset to write" },
    { long: "force", description: "with 'add NAME': replace an existing profile of that name" },
    {
      long: "sandbox",
      value: "mode",
      description: "with 'add NAME': workspace or off, instead of the preset's confinement",
    },
  ],
  examples: [
    "hermes kanban profiles",
    "hermes kanban profiles --check --json",
    "hermes kanban profiles --presets",
    "hermes kanban profiles add coder --preset claude",
  ],
};

/** Whether a profile's program was found. */
type Availability =
  | { status: "ok"; path: string }
  | { status: "missing" | "not_executable"; reason: string }
  | { status: "unchecked"; reason: string };

function check(p: Profile, ctxPath: string | undefined): Availability {
  const program = p.command[0];
  if (/\{[a-z_]+\}/.test(program)) {
    return { status: "unchecked", reason: "the program name has a placeholder" };
  }
  if (program.includes("/") && !program.startsWith("/")) {
    return { status: "unchecked", reason: "a relative program is resolved in each workspace" };
  }
  // The same PATH the worker will get: the profile's own, else the one passed on from here.
  const r = locateCommand(program, p.env.PATH ?? ctxPath ?? DEFAULT_PATH);
  if ("path" in r) return { status: "ok", path: r.path };
  return {
    status: r.cause === "permission_denied" ? "not_executable" : "missing",
    reason: r.message,
  };
}

function readTimeout(input: ParsedInput): number {
  const t = str(input, "timeout");
  if (t === undefined) return FLAG_CHECK_TIMEOUT_MS;
  const seconds = Number(t);
  if (t.trim() === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(
      `--timeout must be a number of seconds above 0 and at most 3600, got '${t}'`,
    );
  }
  return seconds * 1000;
}

/** The environment of the --version/--help probes: enough to start, nothing of this shell's. */
function probeEnv(p: Profile, ctxPath: string | undefined, home: string | undefined) {
  const env: Record<string, string> = {
    PATH: p.env.PATH ?? ctxPath ?? DEFAULT_PATH,
    TERM: "dumb",
    NO_COLOR: "1",
  };
  if (home) env.HOME = home;
  return env;
}

function flagCheckJson(c: FlagCheck | null): Record<string, unknown> | null {
  if (c === null) return null;
  return {
    help_command: c.helpCommand,
    version: c.version,
    drifted: c.drifted,
    problem: c.problem,
  };
}

/** A profile's confinement in a few words: `off`, `workspace, net none`, `workspace, net 2 hosts`. */
function confinement(p: Profile): string {
  if (p.sandbox === "off") return "off";
  const net = Array.isArray(p.network)
    ? `${p.network.length} host${p.network.length === 1 ? "" : "s"}`
    : p.network;
  return `workspace, net ${net}`;
}

function profileJson(
  p: Profile,
  a: Availability,
  flags: FlagCheck | null,
  sb: SandboxProbe,
): Record<string, unknown> {
  return {
    name: p.name,
    source: p.builtin ? "builtin" : "config",
    command: p.command,
    // Names only: values often hold API keys.
    env: Object.keys(p.env).sort(),
    completion: p.completion,
    max_concurrent: p.maxConcurrent,
    max_runtime_seconds: p.maxRuntimeSeconds,
    description: p.description,
    available: a.status === "ok" ? true : a.status === "unchecked" ? null : false,
    program_path: a.status === "ok" ? a.path : null,
    problem: a.status === "ok" ? null : a.reason,
    flag_check: flagCheckJson(flags),
    sandbox: p.sandbox,
    network: p.network,
    writable: p.writable,
    // null when the profile runs unconfined (nothing to have).
    sandbox_available: p.sandbox === "off" ? null : sb.ok,
    sandbox_tool: p.sandbox !== "off" && sb.ok ? `${sb.tool} ${sb.version}` : null,
    sandbox_problem: p.sandbox !== "off" && !sb.ok ? sandboxUnavailable(p.name, sb) : null,
  };
}

/** Quote an argv word for display when it needs it. */
function shown(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./{}-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  if (
    input.args.action !== undefined || flag(input, "presets") || input.opts.preset ||
    input.opts.sandbox !== undefined
  ) {
    return await presets(ctx, input);
  }
  const config = await ctx.config();
  const profiles = [...loadProfiles(config).values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  const checked = profiles.map((p) => ({ p, a: check(p, ctx.env("PATH")) }));
  const missing = checked.filter(({ a }) =>
    a.status === "missing" || a.status === "not_executable"
  );
  // Probed only when a profile asks for a sandbox: the probe starts one.
  const confined = profiles.filter((p) => p.sandbox !== "off");
  const sb: SandboxProbe = confined.length
    ? probeSandbox(sandboxSettings(config).bwrap)
    : { ok: false, reason: "", fix: "" };
  const unconfinable = sb.ok ? [] : confined;
  const strict = flag(input, "check");
  const timeoutMs = readTimeout(input);
  // Only --check runs the agents: a plain listing stays instant and starts nothing.
  const flagChecks = await Promise.all(
    checked.map(({ p, a }) =>
      strict && a.status === "ok" && longFlags(p.command).length > 0
        ? checkFlags(a.path, p.command, {
          env: probeEnv(p, ctx.env("PATH"), ctx.env("HOME")),
          timeoutMs,
        })
        : Promise.resolve(null)
    ),
  );
  if (ctx.json) {
    ctx.printJson(checked.map(({ p, a }, i) => profileJson(p, a, flagChecks[i], sb)));
  } else {
    const rows = [[
      "NAME",
      "SOURCE",
      "COMPLETION",
      "MAX",
      "RUNTIME",
      "SANDBOX",
      "PROGRAM",
      "COMMAND",
    ]];
    for (const { p, a } of checked) {
      // Plain words: colour codes would break the column alignment.
      const program = a.status === "ok" || a.status === "unchecked"
        ? a.status
        : a.status.toUpperCase().replace("_", "-");
      rows.push([
        p.name,
        p.builtin ? "builtin" : "config",
        p.completion,
        p.maxConcurrent === null ? "-" : String(p.maxConcurrent),
        p.maxRuntimeSeconds === null ? "-" : `${p.maxRuntimeSeconds}s`,
        p.sandbox !== "off" && !sb.ok ? "UNAVAILABLE" : confinement(p),
        program,
        p.command.map(shown).join(" "),
      ]);
    }
    ctx.stdout.write(table(rows));
  }
  for (const { p, a } of missing) {
    if (a.status !== "ok") ctx.warn(`hermes: profile '${p.name}': ${a.reason}`);
  }
  for (const p of unconfinable) {
    ctx.warn(`hermes: profile '${p.name}': ${sandboxUnavailable(p.name, sb)}`);
  }
  let drift = 0;
  checked.forEach(({ p }, i) => {
    const c = flagChecks[i];
    if (c === null) return;
    const of = `'${p.command[0]}'${c.version ? ` (${c.version})` : ""}`;
    if (c.problem !== null) {
      drift++;
      ctx.warn(`hermes: profile '${p.name}': cannot check the flags of ${of}: ${c.problem}`);
    }
    for (const f of c.drifted) {
      drift++;
      ctx.warn(
        `hermes: profile '${p.name}': ${f} is not an option of ${of}: ` +
          `'${c.helpCommand.join(" ")}' does not list it (see docs/reference/workers.md)`,
      );
    }
  });
  return strict && (missing.length + unconfinable.length > 0 || drift > 0) ? 1 : 0;
}

/** `--sandbox MODE` of `profiles add`, checked. */
function sandboxOption(v: string | undefined): SandboxMode | undefined {
  if (v === undefined) return undefined;
  if (v !== "workspace" && v !== "off") {
    throw new UsageError(`--sandbox must be workspace or off, got '${v}'`);
  }
  return v;
}

/** `--presets` lists the agent presets; `add NAME --preset P` writes one into config.yaml. */
async function presets(ctx: Ctx, input: ParsedInput): Promise<number> {
  const { PRESETS, addPresetProfile, presetJson } = await import("../../lib/workers/presets.ts");
  const { selfCommand } = await import("../../lib/gateway/launcher.ts");
  const action = input.args.action as string | undefined;
  const preset = input.opts.preset as string | undefined;
  const hermes = selfCommand([]);
  const found = (program: string) =>
    "path" in locateCommand(program, ctx.env("PATH") ?? DEFAULT_PATH) ? "found" : "not found";
  if (action === undefined) {
    if (preset !== undefined) {
      throw new UsageError(
        `--preset needs 'add NAME': hermes kanban profiles add NAME --preset ${preset}`,
      );
    }
    if (input.opts.sandbox !== undefined) {
      throw new UsageError(
        "--sandbox needs 'add NAME': hermes kanban profiles add NAME --preset P --sandbox MODE",
      );
    }
    if (ctx.json) {
      ctx.printJson(PRESETS.map((p) => presetJson(p, { name: p.name, home: ctx.home, hermes })));
      return 0;
    }
    const rows = [["PRESET", "AGENT", "COMPLETION", "PROGRAM", "MCP"]];
    for (const p of PRESETS) {
      rows.push([p.name, p.agent, p.completion, `${p.program} (${found(p.program)})`, p.mcp]);
    }
    ctx.stdout.write(table(rows));
    ctx.print("\nAdd one: hermes kanban profiles add NAME --preset PRESET");
    return 0;
  }
  if (action !== "add") {
    throw new UsageError(
      `unknown action '${action}': use 'hermes kanban profiles add NAME --preset P' ` +
        "(or --presets to list the presets)",
    );
  }
  const name = (input.args.name as string | undefined)?.trim();
  if (!name || !preset) {
    throw new UsageError(
      "usage: hermes kanban profiles add NAME --preset P (see --presets for the presets)",
    );
  }
  const added = await addPresetProfile({ name, home: ctx.home, hermes }, preset, {
    force: flag(input, "force"),
    sandbox: sandboxOption(input.opts.sandbox as string | undefined),
  });
  if (ctx.json) {
    ctx.printJson({ ok: true, ...added });
  } else {
    ctx.print(
      `${added.replaced ? "Replaced" : "Added"} profile '${added.name}' (preset ${added.preset}) ` +
        `in ${added.config}`,
    );
    for (const f of added.files) ctx.print(`Wrote ${f}`);
    ctx.print(`Assign work to it: hermes kanban create 'TITLE' --assignee ${added.name}`);
  }
  const program = added.entry.command[0];
  if (found(program) !== "found") {
    ctx.warn(`hermes: '${program}' is not on PATH yet; install it before tasks are dispatched`);
  }
  return 0;
}
