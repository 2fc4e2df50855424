/**
 * A confined worker started by the gateway, whose dispatcher runs in a Deno Worker with
 * least privilege: it must still be able to probe bubblewrap and look at the deny list.
 */

import { equal, match, ok } from "../support/assert.ts";
import { openDb } from "../support/board.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { loopbackListener } from "../support/net.ts";
import { waitFor } from "../support/wait.ts";
import { probeSandbox, sandboxUnavailable } from "../../lib/workers/mod.ts";
import { runGateway, writeConfig } from "./gateway_support.ts";

function inCi(): boolean {
  const out = new Deno.Command("/bin/sh", { args: ["-c", 'printf %s "$CI"'] }).outputSync();
  return new TextDecoder().decode(out.stdout).trim() === "true";
}

const probe = probeSandbox();
const IGNORE = !probe.ok && !inCi();
if (IGNORE) console.error(`sandbox gateway test ignored: ${sandboxUnavailable("jail", probe)}`);

Deno.test({
  name: "the gateway runs a confined worker that completes and cannot read the board or ~/.ssh",
  ignore: IGNORE,
  async fn() {
    await using home = await tempHome();
    const user = await Deno.makeTempDir({ dir: "/var/tmp", prefix: "hermes-sbx-user-" });
    try {
      const secret = `KEY-${crypto.randomUUID()}`;
      Deno.mkdirSync(`${user}/.ssh`, { mode: 0o700 });
      Deno.writeTextFileSync(`${user}/.ssh/id_ed25519`, secret, { mode: 0o600 });
      writeConfig(
        home.path,
        "kanban:\n  profiles:\n    jail:\n      command: [sh, -c, '{body}']\n" +
          "      completion: exit_code\n      sandbox: workspace\n",
      );
      // Another HOME for the gateway would also move deno's cache: keep that where it is.
      const denoDir = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
      await using gw = await runGateway(home, ["--no-dashboard"], {
        env: { HOME: user, DENO_DIR: denoDir },
      });
      const c = await hermes([
        "kanban",
        "create",
        "confined",
        "--assignee",
        "jail",
        "--body",
        'echo made > made.txt; head -c 16 "$HERMES_HOME/kanban.db"; cat ~/.ssh/id_ed25519; echo end',
        "--json",
      ], { env: home.env });
      equal(c.code, 0, c.stderr);
      const id = c.json<{ id: string }>().id;
      const status = () => {
        const db = openDb(home.path);
        try {
          return (db.prepare("SELECT status FROM tasks WHERE id = ?").get(id) as {
            status: string;
          }).status;
        } finally {
          db.close();
        }
      };
      await waitFor(() => status() !== "ready" && status() !== "running", {
        timeoutMs: 20_000,
        what: "the task to end",
      }).catch((e) => {
        throw new Error(`${e.message}; gateway log:\n${gw.stderr()}`);
      });
      const log = await hermes(["kanban", "log", id], { env: home.env });
      equal(status(), "done", `${log.stdout}\n${gw.stderr()}`);
      match(log.stdout, /end/);
      ok(!log.stdout.includes("SQLite format"), "the board was read");
      ok(!log.stdout.includes(secret), "the key was read");
      equal(
        Deno.readTextFileSync(`${home.path}/kanban/workspaces/${id}/made.txt`),
        "made\n",
      );
    } finally {
      await Deno.remove(user, { recursive: true });
    }
  },
});

Deno.test({
  name: "the gateway's dispatcher serves a confined worker's host list through its proxy",
  ignore: IGNORE,
  async fn() {
    await using home = await tempHome();
    const upstream = loopbackListener("hello\n");
    const port = upstream.state.port;
    try {
      writeConfig(
        home.path,
        "kanban:\n  profiles:\n    hosts:\n      command: [sh, -c, '{body}']\n" +
          "      completion: exit_code\n      sandbox: workspace\n" +
          `      network: ["127.0.0.1:${port}"]\n`,
      );
      await using gw = await runGateway(home, ["--no-dashboard"]);
      const body = `bash -c 'exec 3<>/dev/tcp/127.0.0.1/3128 && ` +
        `printf "CONNECT 127.0.0.1:${port} HTTP/1.1\\r\\n\\r\\n" >&3 && cat <&3'`;
      const c = await hermes(
        ["kanban", "create", "proxied", "--assignee", "hosts", "--body", body, "--json"],
        { env: home.env },
      );
      equal(c.code, 0, c.stderr);
      const id = c.json<{ id: string }>().id;
      let log = "";
      await waitFor(async () => {
        log = (await hermes(["kanban", "log", id], { env: home.env })).stdout;
        return log.includes("hello");
      }, { timeoutMs: 20_000, what: "the tunnelled answer" }).catch((e) => {
        throw new Error(`${e.message}; log:\n${log}\ngateway:\n${gw.stderr()}`);
      });
      match(log, /200 Connection established/);
    } finally {
      await upstream.close();
    }
  },
});
