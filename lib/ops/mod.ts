/**
 * The operation layer: one input schema per operation that more than one front door offers,
 * and the function that validates its input and asks the store. The CLI, the REST API and the
 * MCP tools are adapters over it.
 */
export {
  bool,
  int,
  jsonSchema,
  kindOf,
  object,
  oneOf,
  required,
  requiring,
  type Schema,
  schema,
  stringList,
  text,
  type Wire,
} from "./_fields.ts";
export * from "./diagnostics.ts";
export * from "./redact.ts";
export * from "./tasks.ts";
// Named here so it is public; the board verbs import it directly (the hot verbs never need it).
export type * from "./boards.ts";
