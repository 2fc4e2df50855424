/** The CLI toolkit: specs, parser, help and output helpers. */
export * from "./spec.ts";
export * from "./parse.ts";
export * from "./output.ts";
