/** Configuration: HERMES_HOME paths, config.yaml keys, environment overrides. */
export * from "./paths.ts";
