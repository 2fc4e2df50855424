/**
 * Worker profiles: who does a task's work. A profile is an argv template plus
 * environment, caps and a completion mode, read from `kanban.profiles` in
 * config.yaml. The built-in `shell` profile always exists.
 */

import { UsageError } from "../board/errors.ts";
import type { CreateRules } from "../board/operation.ts";
import { type Config, get } from "../config/config.ts";
import { RESERVED_ENV, WITHHELD_ENV } from "./worker_env.ts";
import {
  checkSandboxPath,
  type NetworkPolicy,
  SANDBOX_MODES,
  type SandboxMode,
  sandboxSettings,
} from "./sandbox.ts";

/** How the dispatcher learns that a worker finished. */
export type CompletionMode = "report" | "exit_code";

/** A resolved worker profile. */
export interface Profile {
  name: string;
  /** argv template; placeholders such as `{task_id}` are filled per run. */
  command: string[];
  /** Extra environment for the worker (on top of the clean base). */
  env: Record<string, string>;
  /** Live workers of this profile at most; null means only the global cap applies. */
  maxConcurrent: number | null;
  /** Default max runtime of a run; null defers to the task or `kanban.default_max_runtime_seconds`. */
  maxRuntimeSeconds: number | null;
  completion: CompletionMode;
  description: string;
  /** True for the built-in `shell` profile when config.yaml does not override it. */
  builtin: boolean;
  /** Confinement of its workers: `workspace` (OS sandbox) or `off`. */
  sandbox: SandboxMode;
  /** Network of a confined worker (an unconfined one has the machine's). */
  network: NetworkPolicy;
  /** Paths (absolute or `~/…`) a confined worker may write besides its workspace. */
  writable: string[];
}

/** The placeholders an argv template may use. */
export const PLACEHOLDERS = [
  "task_id",
  "title",
  "prompt",
  "workspace",
  "body",
  "body_file",
  "prompt_file",
  "run_id",
  "board",
  "model",
] as const;

/** Values for the placeholders of one run. */
export type ArgvVars = Record<(typeof PLACEHOLDERS)[number], string>;

/**
 * The built-in profile: runs the task body with `sh <file>` in the workspace. Through a file, not
 * `sh -c <body>`, since one argument is capped at 128 KiB on Linux (E2BIG) and a body may be 1 MiB.
 */
export const SHELL_PROFILE: Readonly<Profile> = Object.freeze({
  name: "shell",
  command: ["sh", "{body_file}"],
  env: {},
  maxConcurrent: null,
  maxRuntimeSeconds: null,
  completion: "exit_code" as const,
  description:
    "runs the task body with sh (from a file) in its workspace; exit 0 completes, other codes block",
  builtin: true,
  // The owner's own commands, like a Makefile: unconfined unless config.yaml says otherwise.
  sandbox: "off" as const,
  network: "full" as const,
  writable: [],
});

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KNOWN_KEYS = new Set([
  "command",
  "env",
  "max_concurrent",
  "max_runtime_seconds",
  "completion",
  "description",
  "sandbox",
  "network",
  "writable",
]);
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::\d{1,5})?$/;
/** `{{name}}` is a literal `{name}`; `{name}` is a placeholder. */
const TOKEN = /\{\{([a-z][a-z_]*)\}\}|\{([a-z][a-z_]*)\}/g;
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(PLACEHOLDERS);

function invalid(key: string, what: string): UsageError {
  return new UsageError(`config.yaml: ${key} ${what}`, "invalid_config");
}

function optionalCount(key: string, v: unknown, min: number): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw invalid(key, `must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function parseCommand(key: string, v: unknown): string[] {
  if (typeof v === "string") {
    throw invalid(
      key,
      `must be a list of arguments (argv), not a string; e.g. ["sh", "-c", "{body}"]`,
    );
  }
  if (!Array.isArray(v) || v.length === 0) {
    throw invalid(key, `must be a non-empty list of arguments, got ${JSON.stringify(v)}`);
  }
  return v.map((arg, i) => {
    if (typeof arg !== "string" && typeof arg !== "number") {
      throw invalid(`${key}[${i}]`, `must be a string, got ${JSON.stringify(arg)}`);
    }
    const s = String(arg);
    if (i === 0 && s.trim() === "") throw invalid(`${key}[0]`, "must name a program");
    for (const m of s.matchAll(TOKEN)) {
      if (m[2] !== undefined && !KNOWN_PLACEHOLDERS.has(m[2])) {
        throw invalid(
          `${key}[${i}]`,
          `uses unknown placeholder {${m[2]}} (known: ${
            PLACEHOLDERS.map((p) => `{${p}}`).join(" ")
          }; write {{${m[2]}}} for a literal)`,
        );
      }
    }
    return s;
  });
}

function parseEnv(key: string, v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) {
    throw invalid(key, `must be a mapping of NAME: value, got ${JSON.stringify(v)}`);
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(v as Record<string, unknown>)) {
    if (!ENV_NAME.test(name)) throw invalid(`${key}.${name}`, "is not a valid variable name");
    if (RESERVED_ENV.has(name)) {
      throw invalid(`${key}.${name}`, "is set by the dispatcher for every worker; remove it");
    }
    if (WITHHELD_ENV.has(name)) {
      throw invalid(
        `${key}.${name}`,
        "would give workers the boards' database; they reach their task through the worker " +
          "endpoint; remove it",
      );
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw invalid(`${key}.${name}`, `must be a string, got ${JSON.stringify(value)}`);
    }
    out[name] = String(value);
  }
  return out;
}

function parseSandbox(key: string, v: unknown): SandboxMode {
  if (v === false) return "off";
  if (typeof v !== "string" || !(SANDBOX_MODES as readonly string[]).includes(v)) {
    throw invalid(key, `must be ${SANDBOX_MODES.join(" or ")}, got ${JSON.stringify(v)}`);
  }
  return v as SandboxMode;
}

function parseNetwork(key: string, v: unknown): NetworkPolicy {
  if (v === "none" || v === "full") return v;
  if (!Array.isArray(v)) {
    throw invalid(key, `must be none, full or a list of hosts, got ${JSON.stringify(v)}`);
  }
  if (v.length === 0) throw invalid(key, "is an empty list of hosts; write none");
  for (const [i, h] of v.entries()) {
    if (typeof h !== "string" || !HOST.test(h)) {
      throw invalid(
        `${key}[${i}]`,
        `must be a host name (host or host:port), got ${JSON.stringify(h)}`,
      );
    }
  }
  return v.map((h: string) => {
    const port = /:(\d+)$/.exec(h)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
      throw invalid(key, `has a port out of range in ${JSON.stringify(h)}`);
    }
    return h.toLowerCase();
  });
}

function parseWritable(key: string, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(key, `must be a list of paths, got ${JSON.stringify(v)}`);
  return v.map((p, i) => checkSandboxPath(`${key}[${i}]`, p));
}

/** Defaults a profile takes from the rest of config.yaml. */
export interface ProfileDefaults {
  /** `kanban.sandbox`: the confinement of profiles that do not say. */
  sandbox?: SandboxMode;
  /** `kanban.max_in_progress_per_profile`: the cap of profiles that set no max_concurrent. */
  maxConcurrent?: number | null;
}

/** Validate one `kanban.profiles.<name>` entry; `base` supplies defaults (the built-in shell). */
export function parseProfile(
  name: string,
  raw: unknown,
  base?: Readonly<Profile>,
  defaults: ProfileDefaults = {},
): Profile {
  const key = `kanban.profiles.${name}`;
  if (!PROFILE_NAME.test(name)) {
    throw invalid(key, "is not a valid profile name: use letters, digits, '.', '_' and '-'");
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw invalid(key, `must be a mapping with at least 'command', got ${JSON.stringify(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!KNOWN_KEYS.has(k)) {
      throw invalid(`${key}.${k}`, `is not a profile key (known: ${[...KNOWN_KEYS].join(", ")})`);
    }
  }
  if (r.command === undefined && !base) throw invalid(`${key}.command`, "is required");
  const completion = r.completion ?? base?.completion ?? "report";
  if (completion !== "report" && completion !== "exit_code") {
    throw invalid(
      `${key}.completion`,
      `must be report or exit_code, got ${JSON.stringify(completion)}`,
    );
  }
  if (r.description !== undefined && r.description !== null && typeof r.description !== "string") {
    throw invalid(`${key}.description`, `must be a string, got ${JSON.stringify(r.description)}`);
  }
  const maxConcurrent = r.max_concurrent === undefined
    ? base?.maxConcurrent ?? defaults.maxConcurrent ?? null
    : optionalCount(`${key}.max_concurrent`, r.max_concurrent, 1);
  const maxRuntime = r.max_runtime_seconds === undefined
    ? base?.maxRuntimeSeconds ?? null
    : optionalCount(`${key}.max_runtime_seconds`, r.max_runtime_seconds, 1);
  const sandbox = r.sandbox === undefined || r.sandbox === null
    ? base?.sandbox ?? defaults.sandbox ?? "off"
    : parseSandbox(`${key}.sandbox`, r.sandbox);
  const network = r.network === undefined || r.network === null
    ? sandbox === "off" ? "full" : "none"
    : parseNetwork(`${key}.network`, r.network);
  if (sandbox === "off" && network !== "full") {
    // Without a sandbox nothing could hold the worker to it: refuse instead of pretending.
    throw invalid(
      `${key}.network`,
      `is ${
        JSON.stringify(network)
      }, which needs sandbox: workspace (this profile runs unconfined)`,
    );
  }
  const writable = r.writable === undefined
    ? [...base?.writable ?? []]
    : parseWritable(`${key}.writable`, r.writable);
  return {
    name,
    command: r.command === undefined
      ? [...base!.command]
      : parseCommand(`${key}.command`, r.command),
    env: { ...base?.env, ...parseEnv(`${key}.env`, r.env) },
    maxConcurrent,
    maxRuntimeSeconds: maxRuntime,
    completion,
    description: typeof r.description === "string" ? r.description : base?.description ?? "",
    builtin: false,
    sandbox,
    network,
    writable,
  };
}

/**
 * Profiles from resolved config, by name. Includes the built-in `shell` (config may override
 * it) unless `kanban.shell_profile` is false; a `kanban.profiles.shell` entry then stands alone.
 */
export function loadProfiles(config: Config): Map<string, Profile> {
  const raw = get(config, "kanban.profiles") ?? {};
  const builtinShell = get(config, "kanban.shell_profile");
  const perProfile = get(config, "kanban.max_in_progress_per_profile");
  const defaults: ProfileDefaults = {
    sandbox: get(config, "kanban.sandbox"),
    maxConcurrent: perProfile > 0 ? perProfile : null,
  };
  // Validated here so every command that loads profiles refuses a bad list in one line.
  sandboxSettings(config);
  const out = new Map<string, Profile>();
  if (builtinShell) {
    out.set("shell", { ...builtinShellProfile(), maxConcurrent: defaults.maxConcurrent ?? null });
  }
  for (const [name, entry] of Object.entries(raw)) {
    const base = name === "shell" && builtinShell ? SHELL_PROFILE : undefined;
    out.set(name, parseProfile(name, entry, base, defaults));
  }
  return out;
}

/**
 * What a worker may give the tasks it creates, from config: `kanban.worker_create_assignees`,
 * and the profiles that run unconfined (which the rulebook never lets a worker assign).
 */
export function workerCreateRules(config: Config, profiles = loadProfiles(config)): CreateRules {
  return {
    allowed: [...(get(config, "kanban.worker_create_assignees") ?? [])],
    unconfined: [...profiles.values()].filter((p) => p.sandbox === "off").map((p) => p.name),
  };
}

/** A fresh copy of the built-in `shell` profile. */
export function builtinShellProfile(): Profile {
  return { ...SHELL_PROFILE, command: [...SHELL_PROFILE.command], env: {}, writable: [] };
}

/** The profile a task's assignee names, or why there is none. */
export function resolveProfile(
  profiles: Map<string, Profile>,
  name: string | null,
): { profile: Profile } | { error: string; cause: "unassigned" | "unknown_profile" } {
  const n = name?.trim();
  if (!n) return { error: "task has no assignee", cause: "unassigned" };
  const profile = profiles.get(n);
  if (profile) return { profile };
  return {
    error: `unknown profile '${n}': not in kanban.profiles of config.yaml (known: ${
      [...profiles.keys()].sort().join(", ")
    })`,
    cause: "unknown_profile",
  };
}

const USES_MODEL = /(?<!\{)\{model\}(?!\})/;

/**
 * Fill an argv template; `{{name}}` stays a literal `{name}`. With no model (`vars.model` empty)
 * an argument using `{model}` is left out, and so is the option just before it (an argument
 * starting with '-' and using no placeholder): `["-m", "{model}"]` and `["--model={model}"]`
 * vanish, as Hermes leaves out `-m` for a task without a model override.
 */
export function renderArgv(profile: Profile, vars: ArgvVars): string[] {
  const out: string[] = [];
  const cmd = profile.command;
  for (let i = 0; i < cmd.length; i++) {
    const arg = cmd[i];
    if (!vars.model && USES_MODEL.test(arg)) {
      const prev = i > 0 ? cmd[i - 1] : "";
      if (out.length > 1 && prev.startsWith("-") && !prev.includes("{")) out.pop();
      continue;
    }
    out.push(
      arg.includes("{")
        ? arg.replace(
          TOKEN,
          (whole, literal: string | undefined, name: string | undefined) =>
            literal !== undefined
              ? `{${literal}}`
              : (vars as Record<string, string>)[name!] ?? whole,
        )
        : arg,
    );
  }
  return out;
}
