/** The MCP server for agents: its tools over the operation layer, served on stdio. */
export * from "./server.ts";
export * from "./tools.ts";
