/** The dispatcher: pure policy, the services that apply it, and its result record. */
export * from "./clock.ts";
export * from "./dispatcher.ts";
export * from "./dispatch_lock.ts";
export * from "./policy.ts";
export * from "./result.ts";
export * from "./stuck.ts";
