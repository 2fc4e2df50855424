/** A small, fast argv parser for CommandSpec tables (startup time matters). */

import { UsageError } from "../board/errors.ts";
import { type CommandSpec, optionKey, type OptionSpec, type ParsedInput } from "./spec.ts";

function findOption(spec: CommandSpec, token: string): OptionSpec | undefined {
  const opts = spec.options ?? [];
  if (token.startsWith("--")) return opts.find((o) => o.long === token.slice(2));
  return opts.find((o) => o.short === token.slice(1));
}

function display(o: OptionSpec): string {
  return `--${o.long}`;
}

/** Parse `argv` (after the command path) against `spec`. */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedInput {
  const opts: ParsedInput["opts"] = {};
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (onlyPositionals || tok === "-" || !tok.startsWith("-") || /^-\d/.test(tok)) {
      positionals.push(tok);
      continue;
    }
    if (tok === "--") {
      onlyPositionals = true;
      continue;
    }
    let name = tok;
    let inline: string | undefined;
    const eq = tok.indexOf("=");
    if (tok.startsWith("--") && eq > 0) {
      name = tok.slice(0, eq);
      inline = tok.slice(eq + 1);
    }
    const opt = findOption(spec, name);
    if (!opt) {
      throw new UsageError(
        `unknown option '${name}' for '${spec.name}' (see '--help')`,
        "unknown_option",
      );
    }
    const key = optionKey(opt.long);
    if (!opt.value) {
      if (inline !== undefined) {
        throw new UsageError(`option ${display(opt)} takes no value`, "bad_option");
      }
      opts[key] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) {
        throw new UsageError(`option ${display(opt)} needs a value <${opt.value}>`, "bad_option");
      }
      value = argv[++i];
    }
    if (opt.repeatable) {
      const prev = opts[key];
      opts[key] = Array.isArray(prev) ? [...prev, value] : [value];
    } else {
      opts[key] = value;
    }
  }
  const args: ParsedInput["args"] = {};
  const specs = spec.args ?? [];
  let p = 0;
  for (const a of specs) {
    if (a.variadic) {
      const rest = positionals.slice(p);
      p = positionals.length;
      if (rest.length === 0 && a.required !== false) {
        throw new UsageError(`missing argument <${a.name}> for '${spec.name}'`, "missing_argument");
      }
      args[a.name] = rest;
      continue;
    }
    if (p < positionals.length) {
      args[a.name] = positionals[p++];
    } else if (a.required !== false) {
      throw new UsageError(`missing argument <${a.name}> for '${spec.name}'`, "missing_argument");
    }
  }
  if (p < positionals.length) {
    throw new UsageError(
      `unexpected argument '${positionals[p]}' for '${spec.name}' (see '--help')`,
      "unexpected_argument",
    );
  }
  return { args, opts };
}

/** Read a string option, or undefined. */
export function str(input: ParsedInput, key: string): string | undefined {
  const v = input.opts[key];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === "string" ? v : undefined;
}

/** Read a repeatable option as a list. */
export function list(input: ParsedInput, key: string): string[] {
  const v = input.opts[key];
  if (Array.isArray(v)) return v;
  return typeof v === "string" ? [v] : [];
}

/** Read a boolean flag. */
export function flag(input: ParsedInput, key: string): boolean {
  return input.opts[key] === true;
}

/** Read a positional argument. */
export function arg(input: ParsedInput, name: string): string | undefined {
  const v = input.args[name];
  return Array.isArray(v) ? v.join(" ") : v;
}

/** Read a variadic positional argument as a list. */
export function args(input: ParsedInput, name: string): string[] {
  const v = input.args[name];
  if (Array.isArray(v)) return v;
  return v === undefined ? [] : [v];
}
