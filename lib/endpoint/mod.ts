/**
 * The worker endpoint: how a worker reaches its task on the board without opening the board.
 * The dispatcher serves it (server.ts); a worker's CLI and `hermes mcp` use it (client.ts); the
 * wire and where things are (protocol.ts); run secrets (secret.ts). Import the file you need:
 * a worker's CLI must not load the server.
 */
export * from "./protocol.ts";
export * from "./secret.ts";
export * from "./client.ts";
export * from "./server.ts";
