/** The dispatcher: pure policy, the runner that applies it, and its result record. */
export * from "./dispatcher.ts";
export * from "./policy.ts";
export * from "./result.ts";
export * from "./stuck.ts";
