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

/** Where a warning about the configuration goes (one line, no prefix). */
export type ConfigWarn = (message: string) => void;

/** A value that is there: YAML's null and an empty variable mean "not set". */
function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
}

/** The key's value from Hermes's names in config.yaml, or undefined (bad values warned about). */
function fromHermesKeys(def: KeyDef, doc: unknown, warn: ConfigWarn): unknown {
  let out: unknown = undefined;
  for (const alias of def.hermesKeys ?? []) {
    const raw = lookup(doc, alias);
    if (!isSet(raw)) continue;
    let v: unknown;
    try {
      v = coerce({ ...def, name: alias, floor: false }, raw);
    } catch (e) {
      warn(`${(e as Error).message} (Hermes's name for ${def.name}); ignored`);
      continue;
    }
    // Several Hermes names for one key are all caps: the smallest holds.
    out = out === undefined || (v as number) < (out as number) ? v : out;
  }
  return out;
}

/** Say so when our name and Hermes's are both set to different values; ours wins. */
function warnDiffer(warn: ConfigWarn, ours: string, theirs: string, a: unknown, b: unknown): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  warn(
    `${ours} (${JSON.stringify(a)}) and Hermes's ${theirs} (${JSON.stringify(b)}) differ; ` +
      `using ${ours}`,
  );
}

/**
 * Resolve every key from a parsed document and the environment. Precedence, highest first:
 * our environment variable, Hermes's, our key in config.yaml, Hermes's names for it, the default.
 * `warn` hears of Hermes values that are ignored or overridden by ours.
 */
export function resolveConfig(
  doc: unknown,
  env: Env,
  warn: ConfigWarn = () => {},
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const def of KEYS) {
    const raw = lookup(doc, def.name);
    const alias = def.hermesKeys ? fromHermesKeys(def, doc, warn) : undefined;
    let value: unknown = def.default;
    if (raw !== undefined && raw !== null) {
      value = coerce(def, raw);
      if (alias !== undefined) {
        warnDiffer(
          warn,
          def.name,
          def.hermesKeys!.filter((k) => isSet(lookup(doc, k))).join(
            " / ",
          ),
          value,
          alias,
        );
      }
    } else if (alias !== undefined) value = alias;
    const ours = def.env ? env(def.env)?.trim() : undefined;
    const theirs = def.hermesEnv ? env(def.hermesEnv)?.trim() : undefined;
    const name = ours ? def.env! : theirs ? def.hermesEnv! : null;
    const ev = ours || theirs;
    if (name && ev) {
      if (ours && theirs && ours !== theirs) {
        warn(`${def.env}=${ours} and Hermes's ${def.hermesEnv}=${theirs} differ; using ${def.env}`);
      }
      if (def.envMode === "disable-only") {
        if (isFalsey(ev)) value = false;
      } else {
        try {
          value = coerce(def, ev);
        } catch {
          throw new UsageError(`${name}: expected ${def.type}, got '${ev}'`, "invalid_config");
        }
      }
    }
    out.set(def.name, value);
  }
  return out;
}

/** Read `<home>/config.yaml` (absent file → all defaults); `warn` as for resolveConfig. */
export async function loadConfig(home: string, env: Env, warn?: ConfigWarn): Promise<Config> {
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
  return resolveConfig(doc ?? {}, env, warn);
}

/** The value of `key`, typed by its definition in keys.ts. */
export function get<K extends ConfigKey>(config: Config, key: K): ConfigValues[K] {
  if (!config.has(key)) throw new Error(`unknown config key ${key}`);
  return config.get(key) as ConfigValues[K];
}
