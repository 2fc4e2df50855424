/**
 * Hermes's dispatcher lock (`<home>/kanban/.dispatcher.lock`) between our gateway and a Hermes
 * gateway, played by a process that takes the lock exactly as Hermes does and keeps a Hermes
 * gateway record in its profile's gateway.lock. Only one of them dispatches; `gateway status`
 * names the holder.
 */

import { equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { needing } from "../support/requires.ts";
import { waitFor } from "../support/wait.ts";
import { hermesWouldFindTaken, holdLikeHermes, pythonMissing } from "../support/hermes_locks.ts";
import { readStateFile, runGateway } from "./gateway_support.ts";

const missing = await pythonMissing();

interface LockReport {
  path: string;
  held: boolean;
  holder: string | null;
  pid: number | null;
  host: string | null;
  home: string | null;
  waiting: boolean;
}

async function lockReport(env: Record<string, string>): Promise<LockReport> {
  const r = await hermes(["gateway", "status", "--json"], { env });
  return r.json<{ dispatch_lock: LockReport }>().dispatch_lock;
}

async function taskStatus(env: Record<string, string>, id: string): Promise<string> {
  const r = await hermes(["kanban", "show", id, "--json"], { env });
  return r.json<{ task: { status: string } }>().task.status;
}

Deno.test(needing(missing, {
  name:
    "our gateway does not dispatch while a Hermes gateway holds the dispatcher lock, then takes it",
  async fn() {
    await using home = await tempHome();
    const c = await hermes(
      ["kanban", "create", "greet", "--assignee", "shell", "--body", "true", "--json"],
      { env: home.env },
    );
    const id = c.json<{ id: string }>().id;
    const lockPath = `${home.path}/kanban/.dispatcher.lock`;
    const profile = `${home.path}/profiles/coder`;
    Deno.mkdirSync(profile, { recursive: true });
    Deno.mkdirSync(`${home.path}/kanban`, { recursive: true });
    await using hermesGw = await holdLikeHermes([lockPath], {
      gatewayRecord: `${profile}/gateway.lock`,
    });
    await using gw = await runGateway(home);
    await waitFor(() => {
      const s = readStateFile(home.path) as { stats?: { dispatchLock?: string } } | null;
      return s?.stats?.dispatchLock === "waiting";
    }, { timeoutMs: 20_000, what: "the gateway waiting for the lock" });
    const report = await lockReport(home.env);
    equal(report.held, true);
    equal(report.holder, "hermes");
    equal(report.pid, hermesGw.pid);
    equal(report.home, profile);
    equal(report.waiting, true);
    const human = await hermes(["gateway", "status"], { env: home.env });
    match(
      human.stdout,
      new RegExp(
        `Dispatcher lock: held by a Hermes gateway \\(pid ${hermesGw.pid} on .+, HERMES_HOME ${profile}\\); this gateway waits for it`,
      ),
    );
    await waitFor(
      () => /holds the dispatcher lock .*; this gateway does not dispatch/.test(gw.stderr()),
      { timeoutMs: 20_000, what: "the gateway saying why it does not dispatch" },
    );
    equal(await taskStatus(home.env, id), "ready", "nothing dispatched meanwhile");
    const asked = await hermes(["kanban", "dispatch"], { env: home.env });
    equal(asked.code, 0, "a one-shot dispatch takes only the tick lock, as Hermes's CLI does");

    await hermesGw.release();
    await waitFor(async () => (await lockReport(home.env)).holder === "gateway", {
      timeoutMs: 20_000,
      what: "our gateway holding the lock",
    });
    const ours = await lockReport(home.env);
    equal(ours.pid, gw.pid);
    equal(ours.waiting, false);
    ok(await hermesWouldFindTaken(lockPath), "a Hermes gateway starting now would not dispatch");
    const c2 = await hermes(
      ["kanban", "create", "again", "--assignee", "shell", "--body", "true", "--json"],
      { env: home.env },
    );
    const id2 = c2.json<{ id: string }>().id;
    await waitFor(async () => await taskStatus(home.env, id2) === "done", {
      timeoutMs: 20_000,
      what: "our gateway dispatching once it holds the lock",
    });
    const human2 = await hermes(["gateway", "status"], { env: home.env });
    match(human2.stdout, new RegExp(`Dispatcher lock: held by this gateway \\(pid ${gw.pid}\\)\n`));
    gw.kill("SIGTERM");
    await gw.status;
    ok(!(await hermesWouldFindTaken(lockPath)), "released when our gateway stops");
    equal(Deno.readTextFileSync(lockPath), "", "and our record is gone from the file");
    equal((await lockReport(home.env)).held, false);
  },
}));

Deno.test(needing(missing, {
  name:
    "gateway status names no holder it cannot prove, and our gateway's record is in the lock file",
  async fn() {
    await using home = await tempHome();
    Deno.mkdirSync(`${home.path}/kanban`, { recursive: true });
    const lockPath = `${home.path}/kanban/.dispatcher.lock`;
    {
      await using _stranger = await holdLikeHermes([lockPath]);
      const r = await lockReport(home.env);
      equal(r.holder, "unknown");
      const human = await hermes(["gateway", "status"], { env: home.env });
      match(human.stdout, /Dispatcher lock: held by another process \(not this gateway/);
    }
    await using gw = await runGateway(home);
    await waitFor(async () => (await lockReport(home.env)).holder === "gateway", {
      timeoutMs: 20_000,
      what: "our gateway holding the lock",
    });
    const rec = JSON.parse(Deno.readTextFileSync(lockPath));
    equal(rec.holder, "gateway");
    equal(rec.pid, gw.pid);
  },
}));
