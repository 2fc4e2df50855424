/** Configuration: HERMES_HOME paths, config.yaml keys, environment overrides. */
export * from "./paths.ts";
export * from "./board_selection.ts";
export * from "./keys.ts";
export * from "./config.ts";
export * from "./private_file.ts";
export * from "./env_vars.ts";
