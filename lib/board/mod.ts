/** The board's pure rules: statuses, transitions, validation, errors. No I/O. */
export * from "./errors.ts";
export * from "./status.ts";
export * from "./task.ts";
export * from "./validate.ts";
