/** Loading config.yaml: defaults, validation, environment overrides. Precedence: flag > env > file > default. */

import { UsageError } from "../board/errors.ts";
import { type Env, homePaths } from "./paths.ts";
import { type ConfigKey, type ConfigValues, type KeyDef, KEYS } from "./keys.ts";

/**
 * Resolved configuration: dotted key → value, every key present. A map (not a class) so it
 * crosses to the gateway's Workers as it is; read it with `get`, which types each key.
 */
export type Config = ReadonlyMap<string, unknown>;

const FALSEY = new Set(["0", "false", "no", "off"]);

/** True for the words that turn a boolean setting off: 0, false, no, off (any case). */
export function isFalsey(value: string): boolean {
  return FALSEY.has(value.trim().toLowerCase());
}

/** Look a dotted path up in parsed YAML. */
function lookup(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function bad(def: KeyDef, v: unknown, want: string): UsageError {
  return new UsageError(
    `config.yaml: ${def.name} must be ${want}, got ${JSON.stringify(v)}`,
    "invalid_config",
  );
}

/** Check one value against its definition; returns the normalised value. */
export function coerce(def: KeyDef, v: unknown): unknown {
  switch (def.type) {
    case "boolean":
      if (typeof v === "boolean") return v;
      if (typeof v === "string" && /^(true|false|yes|no|on|off|1|0)$/i.test(v.trim())) {
        return !isFalsey(v);
      }
      throw bad(def, v, "true or false");
    case "integer":
    case "number": {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      if (
        typeof n !== "number" || !Number.isFinite(n) ||
        (def.type === "integer" && !Number.isInteger(n))
      ) {
        throw bad(def, v, def.type === "integer" ? "a whole number" : "a number");
      }
      if (def.min !== undefined && n < def.min) {
        if (def.floor) return def.min;
        throw bad(def, v, `at least ${def.min}`);
      }
      return n;
    }
    case "string":
      if (typeof v !== "string") throw bad(def, v, "a string");
      if (def.choices && !def.choices.includes(v)) {
        throw bad(def, v, `one of ${def.choices.join(", ")}`);
      }
      return v;
    case "string[]":
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
        throw bad(def, v, "a list of strings");
      }
      return v;
    case "map":
      if (v === null || typeof v !== "object" || Array.isArray(v)) throw bad(def, v, "a mapping");
      return v;
  }
}

/** Resolve every key from a parsed document and the environment. */
export function resolveConfig(doc: unknown, env: Env): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const def of KEYS) {
    const raw = lookup(doc, def.name);
    let value = raw === undefined || raw === null ? def.default : coerce(def, raw);
    const ev = def.env ? env(def.env)?.trim() : undefined;
    if (def.env && ev) {
      if (def.envMode === "disable-only") {
        if (isFalsey(ev)) value = false;
      } else {
        try {
          value = coerce(def, ev);
        } catch {
          throw new UsageError(`${def.env}: expected ${def.type}, got '${ev}'`, "invalid_config");
        }
      }
    }
    out.set(def.name, value);
  }
  return out;
}

/** Read `<home>/config.yaml` (absent file → all defaults). */
export async function loadConfig(home: string, env: Env): Promise<Config> {
  let text: string | null = null;
  try {
    text = await Deno.readTextFile(homePaths(home).config);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) {
      throw new UsageError(
        `cannot read ${homePaths(home).config}: ${(e as Error).message}`,
        "invalid_config",
      );
    }
  }
  let doc: unknown = {};
  if (text !== null && text.trim() !== "") {
    const { parse } = await import("yaml");
    try {
      doc = parse(text);
    } catch (e) {
      const first = String((e as Error).message).split("\n")[0];
      throw new UsageError(`config.yaml is not valid YAML: ${first}`, "invalid_config");
    }
  }
  return resolveConfig(doc ?? {}, env);
}

/** The value of `key`, typed by its definition in keys.ts. */
export function get<K extends ConfigKey>(config: Config, key: K): ConfigValues[K] {
  if (!config.has(key)) throw new Error(`unknown config key ${key}`);
  return config.get(key) as ConfigValues[K];
}
