/** The board's pure rules: statuses, the rulebook of transitions, validation, errors. No I/O. */
export * from "./errors.ts";
export type * from "./operation.ts";
export * from "./rulebook.ts";
export * from "./status.ts";
export * from "./task.ts";
export * from "./validate.ts";
export * from "./worker_context.ts";
// Named here so it is public; import it directly (the hot verbs never load it).
export type * from "./diagnostics.ts";
