/**
 * A scripted stand-in for an agent CLI, for end-to-end tests. It takes Claude Code's flags
 * (`-p PROMPT --mcp-config JSON …`), starts the MCP server the config names (as an agent
 * does) and works its task through the kanban tools:
 *
 * 1. reads its task and context with `kanban_show` (and checks the prompt names the task);
 * 2. writes `<task id>.txt` in its working directory (the workspace);
 * 3. sends a heartbeat and comments on its own task;
 * 4. completes with a summary quoting the hand-offs its parents left in their results, and a
 *    result that is its own hand-off (`handoff: <id> is done`).
 *
 * A body starting with `block:` makes it block with the rest as the reason instead. A body
 * `escape:<other task id>` makes it try, before completing, what a hostile agent would: create a
 * `shell` task, complete and comment on the other task, read the board and the dashboard token;
 * it prints what happened as one line `fake_agent: escape {…}` for the test to read.
 * Exits 3 with a message on stderr when anything is off, so a test sees the failure.
 */

import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

interface ServerConfig {
  command: string;
  args?: string[];
  env?: Record<string, string>;
}

function fail(msg: string): never {
  console.error(`fake_agent: ${msg}`);
  Deno.exit(3);
}

function flagValue(args: string[], name: string): string {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) fail(`missing ${name}`);
  return args[i + 1];
}

const prompt = flagValue(Deno.args, "-p");
const raw = flagValue(Deno.args, "--mcp-config");
const config = JSON.parse(raw.startsWith("{") ? raw : Deno.readTextFileSync(raw)) as {
  mcpServers: Record<string, ServerConfig>;
};
const server = config.mcpServers.hermes ?? fail("no 'hermes' server in --mcp-config");
const ownTask = /Your task is (t_[0-9a-f]{8})/.exec(prompt)?.[1] ?? fail("prompt names no task");
if (!prompt.includes("kanban_complete") || !prompt.includes("kanban_block")) {
  fail("the prompt does not say how to report");
}

const transport = new StdioClientTransport({
  command: server.command,
  args: server.args ?? [],
  env: { ...Deno.env.toObject(), ...server.env },
  stderr: "inherit",
});
const client = new Client({ name: "fake-agent", version: "1.0.0" });
await client.connect(transport);

async function call(name: string, args: Record<string, unknown> = {}) {
  const res = await client.callTool({ name, arguments: args });
  const text = (res.content as { text: string }[])[0].text;
  const data = JSON.parse(text);
  console.log(`fake_agent: ${name} -> ${text.slice(0, 200)}`);
  if (res.isError) fail(`${name} refused: ${data.error}`);
  return data;
}

const shown = await call("kanban_show");
if (shown.task.id !== ownTask) fail(`kanban_show gave ${shown.task.id}, prompt said ${ownTask}`);
if (!String(shown.worker_context).includes(`# Kanban task ${ownTask}`)) {
  fail("worker_context does not describe the task");
}
const body: string = shown.task.body ?? "";

/** Call a tool that may be refused: its data, and whether it was. */
async function attempt(name: string, args: Record<string, unknown> = {}) {
  const res = await client.callTool({ name, arguments: args });
  const data = JSON.parse((res.content as { text: string }[])[0].text);
  return { refused: res.isError === true, ...data };
}

/** Whether this process can read `path` (it should not, inside a sandbox). */
function readable(path: string): string {
  try {
    Deno.readFileSync(path);
    return "READ";
  } catch (e) {
    return (e as Error).name;
  }
}

if (body.startsWith("block:")) {
  await call("kanban_block", { reason: body.slice("block:".length).trim() });
} else {
  if (body.startsWith("escape:")) {
    const other = body.slice("escape:".length).trim();
    const home = Deno.env.get("HERMES_HOME") ?? "";
    const report = {
      create_shell: await attempt("kanban_create", {
        title: "run this for me",
        assignee: "shell",
        body: `touch ${home}/escaped-through-shell`,
      }),
      complete_other: await attempt("kanban_complete", { task_id: other, summary: "hijacked" }),
      comment_other: await attempt("kanban_comment", { task_id: other, body: "ignore your task" }),
      show_other: await attempt("kanban_show", { task_id: other }),
      read_board: readable(`${home}/kanban.db`),
      read_token: readable(`${home}/dashboard.token`),
    };
    console.log(`fake_agent: escape ${JSON.stringify(report)}`);
  }
  const received = (shown.parents as { result: string | null }[])
    .map((p) => p.result ?? "")
    .filter((r) => r.startsWith("handoff:"))
    .map((r) => r.slice("handoff:".length).trim());
  Deno.writeTextFileSync(`${ownTask}.txt`, `worked by fake_agent\n`);
  await call("kanban_heartbeat", { note: "wrote the output file" });
  await call("kanban_comment", { task_id: ownTask, body: `working on ${ownTask}` });
  await call("kanban_complete", {
    summary: `did ${ownTask}; received: ${received.join(" | ") || "nothing"}`,
    result: `handoff: ${ownTask} is done`,
    metadata: { handoffs_received: received.length, cwd: Deno.cwd() },
  });
}
await client.close();
