import { equal, match, ok } from "../support/assert.ts";
import { gatewayLockHeld } from "../../lib/gateway/_lock.ts";
import { readGatewayRecord } from "../../lib/gateway/presence.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { freePort, readStateFile, runGateway, stopGatewayOf } from "./gateway_support.ts";

Deno.test("gateway start, status and stop manage a background gateway", async () => {
  await using home = await tempHome();
  try {
    const port = freePort();
    const s = await hermes(["gateway", "start", "--port", String(port), "--json"], {
      env: home.env,
    });
    equal(s.code, 0, s.stderr);
    const started = s.json<{ pid: number; url: string; log: string; started: boolean }>();
    ok(started.started);
    match(started.url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/$`));
    equal(started.log, `${home.path}/logs/gateway.log`);
    equal(Deno.statSync(started.log).mode! & 0o777, 0o600);
    equal(Deno.statSync(`${home.path}/logs`).mode! & 0o777, 0o700);
    equal(Deno.statSync(`${home.path}/gateway.pid`).mode! & 0o777, 0o600);
    equal(Deno.statSync(`${home.path}/dashboard.token`).mode! & 0o777, 0o600);
    const health = await fetch(new URL("/healthz", started.url));
    await health.body?.cancel();
    equal(health.status, 200);

    const st = await hermes(["gateway", "status", "--json"], { env: home.env });
    equal(st.code, 0, st.stderr);
    const rep = st.json<Record<string, unknown>>();
    equal(rep.running, true);
    equal(rep.pid, started.pid);
    equal(rep.url, started.url);
    equal((rep.dispatch as { enabled: boolean }).enabled, true);
    ok(typeof rep.uptime_seconds === "number");
    const human = await hermes(["gateway", "status"], { env: home.env });
    match(human.stdout, new RegExp(`Gateway: running {2}pid ${started.pid}`));
    match(human.stdout, /Dispatcher: on/);

    const stop = await hermes(["gateway", "stop"], { env: home.env });
    equal(stop.code, 0, stop.stderr);
    match(stop.stdout, new RegExp(`Gateway stopped \\(pid ${started.pid}\\)`));
    equal(gatewayLockHeld(home.path), false);
    let gone = false;
    try {
      Deno.statSync(`${home.path}/gateway.pid`);
    } catch {
      gone = true;
    }
    ok(gone, "pid file removed on a clean stop");
    equal(readStateFile(home.path)?.phase, "stopped");

    const down = await hermes(["gateway", "status", "--json"], { env: home.env });
    equal(down.code, 1);
    equal(down.json<{ running: boolean }>().running, false);
    const stop2 = await hermes(["gateway", "stop"], { env: home.env });
    equal(stop2.code, 0);
    match(stop2.stdout, /No gateway is running/);
  } finally {
    await stopGatewayOf(home);
  }
});

Deno.test("gateway start on a running gateway exits 1 unless --if-not-running; restart replaces it", async () => {
  await using home = await tempHome();
  try {
    const first = await hermes(["gateway", "start", "--port", "0", "--json"], { env: home.env });
    equal(first.code, 0, first.stderr);
    const pid = first.json<{ pid: number }>().pid;

    const again = await hermes(["gateway", "start", "--port", "0"], { env: home.env });
    equal(again.code, 1, again.stdout);
    equal(again.stdout, "");
    equal(again.stderr.trim().split("\n").length, 1, again.stderr);
    match(again.stderr, new RegExp(`Gateway already running \\(pid ${pid}\\)`));
    match(again.stderr, /--if-not-running/);
    const againJson = await hermes(["gateway", "start", "--json"], { env: home.env });
    equal(againJson.code, 1);
    equal(againJson.json<{ error: { code: string } }>().error.code, "gateway_running");

    const idem = await hermes(["gateway", "start", "--if-not-running"], { env: home.env });
    equal(idem.code, 0, idem.stderr);
    match(idem.stdout, new RegExp(`Gateway already running \\(pid ${pid}\\)`));
    const idemJson = await hermes(["gateway", "start", "--if-not-running", "--json"], {
      env: home.env,
    });
    equal(idemJson.code, 0, idemJson.stderr);
    const rep = idemJson.json<{ running: boolean; started: boolean; pid: number }>();
    equal(rep.running, true);
    equal(rep.started, false);
    equal(rep.pid, pid);
    equal(readGatewayRecord(home.path)?.identity.pid, pid, "the running gateway is untouched");

    const restart = await hermes(["gateway", "restart", "--port", "0", "--json"], {
      env: home.env,
    });
    equal(restart.code, 0, restart.stderr);
    const after = restart.json<{ started: boolean; pid: number }>();
    equal(after.started, true);
    ok(after.pid !== pid, "restart started a new gateway");
    equal(readGatewayRecord(home.path)?.identity.pid, after.pid);
  } finally {
    await stopGatewayOf(home);
  }
});

Deno.test("gateway start reports a gateway that dies at start with the log tail", async () => {
  await using home = await tempHome();
  // The dashboard's port is taken: the background gateway cannot listen and exits.
  using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  try {
    const s = await hermes(["gateway", "start", "--port", String(port)], { env: home.env });
    equal(s.code, 1);
    match(s.stderr, /exited .* before it was ready; its log is .*gateway\.log\n$/);
    match(s.stderr, /last words:\n.*\n.*cannot listen on 127\.0\.0\.1/);
    equal(gatewayLockHeld(home.path), false);
  } finally {
    await stopGatewayOf(home);
  }
});

Deno.test("gateway start refuses bad config and flags with exit 2 before starting anything", async () => {
  await using home = await tempHome();
  try {
    Deno.writeTextFileSync(`${home.path}/config.yaml`, "kanban:\n  max_workers: lots\n");
    const bad = await hermes(["gateway", "start", "--no-dashboard"], { env: home.env });
    equal(bad.code, 2);
    equal(bad.stderr.trim().split("\n").length, 1, bad.stderr);
    match(bad.stderr, /max_workers must be a whole number/);
    Deno.removeSync(`${home.path}/config.yaml`);
    for (
      const [args, re] of [
        [["--port", "http"], /--port must be a number/],
        [["--log-format", "xml"], /--log-format must be text or json/],
        [["--bogus"], /unknown option '--bogus'/],
      ] as const
    ) {
      const r = await hermes(["gateway", "start", ...args], { env: home.env });
      equal(r.code, 2, r.stderr);
      match(r.stderr, re);
    }
    const t = await hermes(["gateway", "stop", "--timeout", "soon"], { env: home.env });
    equal(t.code, 2);
    match(t.stderr, /--timeout must be a number of seconds/);
    equal(gatewayLockHeld(home.path), false);
    let logged = true;
    try {
      Deno.statSync(`${home.path}/logs/gateway.log`);
    } catch {
      logged = false;
    }
    equal(logged, false, "nothing was started");
  } finally {
    await stopGatewayOf(home);
  }
});

Deno.test("gateway run replaces a stale pid file left by a dead process", async () => {
  await using home = await tempHome();
  // A real process that has exited: its pid is dead (or, later, someone else's).
  const dead = new Deno.Command("true").spawn();
  await dead.status;
  Deno.writeTextFileSync(
    `${home.path}/gateway.pid`,
    JSON.stringify({
      kind: "hermes-gateway",
      identity: { host: "x", bootId: null, pidNs: null, pid: dead.pid, startTicks: 1 },
      started_at: 1,
      url: null,
      dispatch: { enabled: true, reason: "on" },
    }),
  );
  const status = await hermes(["gateway", "status", "--json"], { env: home.env });
  equal(status.json<{ running: boolean }>().running, false);
  await using gw = await runGateway(home);
  equal(readGatewayRecord(home.path)?.identity.pid, gw.pid);
  const stale = new RegExp(`replacing a stale pid file.*stale_pid=${dead.pid}`);
  await waitFor(() => stale.test(gw.stderr()), { what: "stale pid file log line" });
});

Deno.test("gateway status does not mistake a reused pid for a running gateway", async () => {
  await using home = await tempHome();
  // The record names a live process (this test) that is not a gateway holding the lock.
  Deno.writeTextFileSync(
    `${home.path}/gateway.pid`,
    JSON.stringify({
      kind: "hermes-gateway",
      identity: { host: "x", bootId: null, pidNs: null, pid: Deno.pid, startTicks: 1 },
      started_at: 1,
      url: null,
      dispatch: { enabled: true, reason: "on" },
    }),
  );
  const status = await hermes(["gateway", "status", "--json"], { env: home.env });
  equal(status.code, 1);
  equal(status.json<{ running: boolean }>().running, false);
  const stop = await hermes(["gateway", "stop"], { env: home.env });
  match(stop.stdout, /No gateway is running/);
});

Deno.test("gateway run refuses a second gateway on the same HERMES_HOME, naming the running pid", async () => {
  await using home = await tempHome();
  await using first = await runGateway(home);
  const second = await hermes(["gateway", "run", "--no-dashboard"], { env: home.env });
  equal(second.code, 1);
  equal(second.stderr.trim().split("\n").length, 1, second.stderr);
  match(second.stderr, new RegExp(`already running .*\\(pid ${first.pid}\\)`));
  equal(readGatewayRecord(home.path)?.identity.pid, first.pid);
});

Deno.test("gateway run stops within 3 seconds of SIGTERM and SIGINT", async () => {
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    await using home = await tempHome();
    await using gw = await runGateway(home, ["--port", "0"]);
    const t0 = performance.now();
    gw.kill(sig);
    const st = await gw.status;
    const ms = performance.now() - t0;
    ok(ms < 3000, `${sig}: stopped after ${ms.toFixed(0)} ms`);
    equal(st.code, 0, gw.stderr());
    equal(gatewayLockHeld(home.path), false);
    match(gw.stderr(), /gateway stopped/);
  }
});

Deno.test("gateway run writes JSON lines with --log-format json", async () => {
  await using home = await tempHome();
  await using gw = await runGateway(home, ["--no-dashboard", "--log-format", "json"]);
  gw.kill("SIGTERM");
  await gw.status;
  await waitFor(() => gw.stderr().includes("gateway stopped"), { what: "stop line" });
  const lines = gw.stderr().trim().split("\n");
  ok(lines.length >= 3);
  for (const l of lines) {
    const rec = JSON.parse(l) as { level: string; message: string };
    ok(typeof rec.message === "string" && rec.level, l);
  }
});

Deno.test("gateway run refuses a non-loopback dashboard.host from config without --host", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(`${home.path}/config.yaml`, "dashboard:\n  host: 0.0.0.0\n");
  const r = await hermes(["gateway", "run"], { env: home.env });
  equal(r.code, 2);
  match(r.stderr, /--host 0\.0\.0\.0/);
  equal(gatewayLockHeld(home.path), false);
});
