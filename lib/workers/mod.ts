/** Workers: profiles, workspaces, spawning and stopping worker processes, process identity. */
export * from "./identity.ts";
export * from "./proc_reader.ts";
export * from "./profiles.ts";
export * from "./command_path.ts";
export * from "./workspace.ts";
export * from "./spawn.ts";
export * from "./worker_env.ts";
export * from "./kill_tree.ts";
export * from "./log_cap.ts";
export * from "./log_tail.ts";
export * from "./flag_drift.ts";
export * from "./sandbox.ts";
export * from "./egress_proxy.ts";
export * from "./presets.ts";
