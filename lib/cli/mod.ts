/** The CLI toolkit: specs, parser, help, output helpers and process signals. */
export * from "./spec.ts";
export * from "./parse.ts";
export * from "./output.ts";
export * from "./shutdown.ts";
export * from "./context.ts";
export * from "./help.ts";
