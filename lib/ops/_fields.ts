/**
 * The small vocabulary the operation schemas are written in: a field parses one raw value (a
 * JSON value from REST or MCP, or text from the command line) into its typed form, or throws
 * an InvalidInputError naming the field in one message. A schema is a table of fields; the same
 * table gives MCP its JSON Schema.
 *
 * Not zod: importing zod and defining one schema adds about 40 ms to a `deno run` (empty
 * script 64 ms, with zod 105 ms, median of 15 on a quiet machine), half of what a whole
 * `kanban create` costs (82 ms); and the CLI's hot verbs may load no npm package at all
 * (tests/store/hot_path_modules_test.ts), while every CLI create goes through these schemas.
 */

import { type ErrorKind, HermesError, InvalidInputError } from "../board/errors.ts";

/** How a JSON value's type is named in messages (Hermes's words: str, int, list, dict). */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "dict";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  return typeof v === "string" ? "str" : typeof v;
}

/** How a field was given: `json` from REST and MCP, `text` from the command line. */
export type Wire = "json" | "text";

/** One field: its parser, its JSON Schema, and whether it must be present. */
export interface Field<T> {
  /** The message when the field is missing; absent for an optional field. */
  readonly required?: string;
  /** The code of that refusal. */
  readonly missingCode?: string;
  /** JSON Schema of the field (MCP lists it). */
  readonly json: Readonly<Record<string, unknown>>;
  /** Parse a present value (not undefined); `wire` says whether text may stand for numbers. */
  parse(v: unknown, name: string, wire: Wire): T;
}

/** A field's problem other than type or range, raised with its own code and kind. */
export interface Refusal {
  code: string;
  kind?: ErrorKind;
  message: string;
}

/** Throw the refusal of field `name`. */
export function refuse(name: string, r: Refusal): never {
  if ((r.kind ?? "invalid_input") === "invalid_input") {
    throw new InvalidInputError(name, r.message, r.code);
  }
  throw new HermesError(r.message, r.code, r.kind);
}

function typeError(name: string, want: string, v: unknown): never {
  throw new InvalidInputError(name, `${name} must be ${want}, got ${kindOf(v)}`);
}

/** Options of a text field. */
export interface TextOptions {
  /** Accept null (as "not given"). */
  nullable?: boolean;
  /** Trim the value. */
  trim?: boolean;
  /** A blank value counts as missing: null, or the `required` message. */
  blankIsMissing?: boolean;
  /** A blank value is refused so (a comment without words: given, but empty). */
  blank?: Refusal;
  /** Longest accepted value, in characters. */
  max?: number;
  /** Largest accepted value, in UTF-8 bytes (a usage error, `too_large`). */
  maxBytes?: number;
}

const encoder = new TextEncoder();

/** `T`, or `T | null` when the options let a field be null. */
type OrNull<O, T> = O extends { nullable: true } ? T | null
  : O extends { blankIsMissing: true } ? T | null
  : T;

/** A string field (null when `nullable` or blank-is-missing says so). */
export function text<const O extends TextOptions = Record<never, never>>(
  opts: O = {} as O,
): Field<OrNull<O, string>> {
  // The options decide whether null can come out; the parser below honours them.
  const field: Field<string | null> = {
    json: { type: "string" },
    parse(v, name) {
      if (v === null && opts.nullable) return null;
      if (typeof v !== "string") typeError(name, "a string", v);
      const s = opts.trim ? v.trim() : v;
      if (opts.blankIsMissing && s.trim() === "") return null;
      if (opts.blank && s.trim() === "") refuse(name, opts.blank);
      if (opts.max !== undefined && [...s].length > opts.max) {
        throw new InvalidInputError(name, `${name} must be at most ${opts.max} characters`);
      }
      if (opts.maxBytes !== undefined) {
        const bytes = encoder.encode(s).length;
        if (bytes > opts.maxBytes) {
          refuse(name, {
            code: "too_large",
            kind: "usage",
            message: `${name} is too large: ${bytes} bytes (limit ${opts.maxBytes} bytes)`,
          });
        }
      }
      return s;
    },
  };
  return field as Field<OrNull<O, string>>;
}

/** Options of an integer field. */
export interface IntOptions {
  min: number;
  max: number;
  nullable?: boolean;
  /** The refusal of a value that is not an integer in range (default: a generic one). */
  refusal?: (raw: unknown, name: string) => Refusal;
}

/** An integer within [min, max]; on the command line, its decimal text. */
export function int<const O extends IntOptions>(opts: O): Field<OrNull<O, number>> {
  const field: Field<number | null> = {
    json: { type: "integer", minimum: opts.min, maximum: opts.max },
    parse(v, name, wire) {
      if (v === null && opts.nullable) return null;
      const n = wire === "text" && typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v;
      if (typeof n !== "number" || !Number.isInteger(n) || n < opts.min || n > opts.max) {
        if (opts.refusal) refuse(name, opts.refusal(v, name));
        const what = typeof v === "number" || typeof v === "string" ? `'${v}'` : kindOf(v);
        throw new InvalidInputError(
          name,
          `${name} must be an integer from ${opts.min} to ${opts.max}, got ${what}`,
        );
      }
      return n;
    },
  };
  return field as Field<OrNull<O, number>>;
}

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["0", "false", "no", "off"];

/** A boolean; as text (a query string), also 1/0, yes/no, on/off. */
export function bool(): Field<boolean> {
  return {
    json: { type: "boolean" },
    parse(v, name, wire) {
      if (wire === "text" && typeof v === "string") {
        const s = v.trim().toLowerCase();
        if (TRUE_WORDS.includes(s)) return true;
        if (FALSE_WORDS.includes(s)) return false;
      }
      if (typeof v !== "boolean") typeError(name, "true or false", v);
      return v;
    },
  };
}

/**
 * A list of strings, trimmed, blanks dropped; a lone string is a one-item list (as Hermes).
 * With `nullable`, null is accepted as "not given".
 */
export function stringList<const O extends { nullable?: boolean } = Record<never, never>>(
  what: string,
  maxItems: number,
  opts: O = {} as O,
): Field<OrNull<O, string[]>> {
  const field: Field<string[] | null> = {
    json: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    parse(v, name) {
      if (v === null && opts.nullable) return null;
      const list = typeof v === "string" ? [v] : v;
      if (!Array.isArray(list) || list.some((x) => typeof x !== "string")) {
        typeError(name, `a list of ${what}`, v);
      }
      if (list.length > maxItems) {
        throw new InvalidInputError(name, `${name} must be a list of at most ${maxItems} ${what}`);
      }
      return (list as string[]).map((s) => s.trim()).filter(Boolean);
    },
  };
  return field as Field<OrNull<O, string[]>>;
}

/** A JSON object (null when `nullable`). */
export function object(opts: { nullable?: boolean } = {}): Field<Record<string, unknown> | null> {
  return {
    json: { type: "object", additionalProperties: {} },
    parse(v, name) {
      if (v === null && opts.nullable) return null;
      if (v === null || typeof v !== "object" || Array.isArray(v)) {
        typeError(name, "an object/dict", v);
      }
      return v as Record<string, unknown>;
    },
  };
}

/** One of a few words; blank is null (the default). */
export function oneOf<const W extends string>(
  words: readonly W[],
  refusal: (raw: unknown) => Refusal,
): Field<W | null> {
  return {
    json: { type: "string", enum: words },
    parse(v, name) {
      const s = typeof v === "string" ? v.trim() : v;
      if (s === "") return null;
      if (!words.includes(s as W)) refuse(name, refusal(v));
      return s as W;
    },
  };
}

/** The same field, required: `message` when it is missing (or blank, for blank-is-missing). */
export function required<T>(
  field: Field<T>,
  message: string,
  code = "missing_field",
): Field<T> & { required: string } {
  return { ...field, required: message, missingCode: code };
}

/** A table of fields. */
export type Fields = Readonly<Record<string, Field<unknown>>>;

/** What a schema of `F` gives: each field's type, undefined when an optional one is absent. */
export type Parsed<F extends Fields> = {
  -readonly [K in keyof F]: F[K] extends Field<infer T>
    ? F[K]["required"] extends string ? NonNullable<T> : T | undefined
    : never;
};

/** An operation's input schema. */
export interface Schema<F extends Fields> {
  readonly fields: F;
  /** Check `input` field by field (in table order); the first problem is thrown. */
  parse(input: Readonly<Record<string, unknown>>, wire?: Wire): Parsed<F>;
}

/** A schema over a table of fields; fields not in the table are ignored. */
export function schema<F extends Fields>(fields: F): Schema<F> {
  return {
    fields,
    parse(input, wire = "json") {
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(fields)) {
        const raw = input[name];
        const v = raw === undefined ? undefined : field.parse(raw, name, wire);
        if ((v === undefined || v === null) && field.required !== undefined) {
          throw new InvalidInputError(name, field.required, field.missingCode);
        }
        out[name] = v;
      }
      return out as Parsed<F>;
    },
  };
}

/** The schema with some of its fields required, each with its message when missing. */
export function requiring<F extends Fields, K extends keyof F & string>(
  s: Schema<F>,
  messages: Readonly<Record<K, string>>,
): Schema<Omit<F, K> & { [P in K]: Field<NonNullable<Parsed<F>[P]>> & { required: string } }> {
  const fields: Record<string, Field<unknown>> = { ...s.fields };
  for (const [name, message] of Object.entries(messages) as [K, string][]) {
    fields[name] = required(s.fields[name], message);
  }
  // deno-lint-ignore no-explicit-any
  return schema(fields) as any;
}

/**
 * JSON Schema of the named fields of `s` (MCP's tool listing), with their descriptions;
 * `defaulted` fields are required by the operation but filled in by the caller when absent.
 */
export function jsonSchema<F extends Fields>(
  s: Schema<F>,
  described: Readonly<Partial<Record<keyof F & string, string>>>,
  defaulted: readonly (keyof F & string)[] = [],
): { type: "object"; properties: Record<string, unknown>; required?: string[] } {
  const properties: Record<string, unknown> = {};
  const req: string[] = [];
  for (const [name, description] of Object.entries(described)) {
    const field = s.fields[name];
    properties[name] = { ...field.json, description };
    if (field.required !== undefined && !defaulted.includes(name)) req.push(name);
  }
  return { type: "object", properties, ...(req.length ? { required: req } : {}) };
}
