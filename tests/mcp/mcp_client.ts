/** An MCP client from the SDK driving `hermes mcp` as a real subprocess over stdio. */

import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { baseEnv, hermesArgv } from "../support/cli.ts";

/** A tool call's outcome: the parsed JSON text and whether it was a tool error. */
export interface ToolOutcome {
  isError: boolean;
  data: Record<string, unknown>;
}

/** A connected client plus helpers; `await using` closes it (and the server). */
export interface McpSession extends AsyncDisposable {
  client: Client;
  /** Call a tool and parse its single JSON text block. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  /** What the server wrote to stderr so far. */
  stderr(): string;
}

/** Start `hermes mcp` with `env` (HERMES_HOME, HERMES_KANBAN_TASK…) and connect to it. */
export async function connectMcp(env: Record<string, string>): Promise<McpSession> {
  const [command, ...args] = [Deno.execPath(), ...hermesArgv(["mcp"])];
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...baseEnv(), ...env },
    stderr: "pipe",
  });
  let err = "";
  transport.stderr?.on("data", (chunk: Uint8Array | string) => {
    err += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  });
  const client = new Client({ name: "hermes-test", version: "0.0.0" });
  await client.connect(transport);
  return {
    client,
    async call(name, a = {}) {
      const res = await client.callTool({ name, arguments: a });
      const content = res.content as { type: string; text: string }[];
      return { isError: res.isError === true, data: JSON.parse(content[0].text) };
    },
    stderr: () => err,
    async [Symbol.asyncDispose]() {
      await client.close();
    },
  };
}

/** `env` as a worker of profile coder sees it: its task and run. */
export function workerEnv(env: Record<string, string>, task: string, runId: number) {
  return {
    ...env,
    HERMES_KANBAN_TASK: task,
    HERMES_KANBAN_RUN_ID: String(runId),
    HERMES_PROFILE: "coder",
  };
}

/** Close `store`, whether or not it is closed already. */
export function closeQuietly(store: { close(): void }): void {
  try {
    store.close();
  } catch { /* already closed */ }
}
