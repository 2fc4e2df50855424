/**
 * examples/hermes-gateway.service, without systemd running: the unit parses and passes
 * `systemd-analyze verify` (that test is reported ignored where the tool is missing), and
 * its ExecStart line, with `%h` expanded and its Environment set, runs a gateway that serves,
 * works a task and stops cleanly on SIGTERM — what `systemctl --user stop` sends — within
 * TimeoutStopSec.
 */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { needing, probe } from "../support/requires.ts";
import { waitFor } from "../support/wait.ts";
import {
  exampleEnv,
  exitWithin,
  freePort,
  ROOT,
  sh,
  start,
  writeHermesShim,
} from "./example_support.ts";

const UNIT_PATH = `${ROOT}examples/hermes-gateway.service`;

/** A unit file as section → key → values (a key may repeat). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  let section = "";
  for (const raw of text.replace(/\\\n/g, " ").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1];
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    ok(eq > 0 && section, `a key in a section: ${line}`);
    const key = line.slice(0, eq).trim();
    (out[section][key] ??= []).push(line.slice(eq + 1).trim());
  }
  return out;
}

const UNIT = parseUnit(Deno.readTextFileSync(UNIT_PATH));

/** Expand the specifiers the unit uses (`%h` is the user's home). */
function expand(v: string, home: string): string {
  return v.replaceAll("%h", home).replaceAll("%%", "%");
}

Deno.test("systemd unit is a user service running 'hermes gateway run' that leaves workers alone", () => {
  const svc = UNIT.Service;
  deepEqual(Object.keys(UNIT), ["Unit", "Service", "Install"]);
  equal(svc.Type[0], "simple");
  deepEqual(svc.ExecStart[0].split(/\s+/).slice(1, 3), ["gateway", "run"]);
  equal(svc.Restart[0], "on-failure");
  equal(svc.KillMode[0], "process", "a restart must not kill running workers");
  equal(UNIT.Install.WantedBy[0], "default.target", "user units start with the user's manager");
  ok(svc.Environment.some((e) => e.startsWith("HERMES_HOME=")));
});

/** Why systemd's own checker cannot run here, or null. */
const NO_SYSTEMD_ANALYZE = await probe(
  "no systemd-analyze (Debian package systemd)",
  "systemd-analyze",
  ["--version"],
);

Deno.test(needing(NO_SYSTEMD_ANALYZE, {
  name: "systemd unit passes 'systemd-analyze verify' without a warning",
  async fn() {
    // %h points at a home that has the binary, as ExecStart expects.
    await using home = await tempHome();
    writeHermesShim(`${home.path}/.local/bin/hermes`);
    const r = await sh(
      `systemd-analyze verify --man=no '${UNIT_PATH}'`,
      exampleEnv("/nonexistent", { HOME: home.path }),
      home.path,
    );
    equal(r.code, 0, r.stderr);
    equal(r.stderr.trim(), "", "no warnings from systemd-analyze verify");
  },
}));

Deno.test({
  name: "systemd unit's ExecStart runs a gateway that works tasks and stops within TimeoutStopSec",
  sanitizeResources: false,
  async fn() {
    await using home = await tempHome();
    const svc = UNIT.Service;
    const argv = expand(svc.ExecStart[0], home.path).split(/\s+/);
    writeHermesShim(argv[0]);
    const env: Record<string, string> = {};
    for (const e of svc.Environment) {
      const i = e.indexOf("=");
      env[e.slice(0, i)] = expand(e.slice(i + 1), home.path);
    }
    const hermesHome = env.HERMES_HOME;
    ok(hermesHome.startsWith(home.path));
    // The user's config picks the port (8645 may be taken on a shared machine).
    const port = freePort();
    await Deno.mkdir(hermesHome, { recursive: true, mode: 0o700 });
    Deno.writeTextFileSync(`${hermesHome}/config.yaml`, `dashboard:\n  port: ${port}\n`);
    const procEnv = exampleEnv(`${home.path}/.local/bin`, { ...env, HOME: home.path });
    await using gw = start(argv, procEnv, home.path);

    await waitFor(async () => {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      return r !== null && (await r.json()).ok === true;
    }, { timeoutMs: 30_000, what: "gateway up" }).catch((e) => {
      throw new Error(`${e.message}; gateway log:\n${gw.stderr()}`);
    });
    const made = await sh(
      "hermes kanban create unit-probe --assignee shell --body true --json",
      procEnv,
      home.path,
    );
    equal(made.code, 0, made.stderr);
    const id = JSON.parse(made.stdout).id;
    await waitFor(async () => {
      const r = await sh(`hermes kanban show ${id} --json`, procEnv, home.path);
      return JSON.parse(r.stdout).task.status === "done";
    }, { timeoutMs: 20_000, what: "task done" });

    // A write just before the stop leaves change checks pending in the gateway; they must
    // not touch the board after it is closed (once an uncaught error on stderr).
    equal((await sh(`hermes kanban comment ${id} bye`, procEnv, home.path)).code, 0);
    gw.child.kill("SIGTERM");
    const limitMs = Number(svc.TimeoutStopSec[0]) * 1000;
    const st = await exitWithin(gw, limitMs);
    ok(st, `stopped within TimeoutStopSec; log:\n${gw.stderr()}`);
    equal(st.code, 0, "a clean stop is not a failure (Restart=on-failure leaves it stopped)");
    for (const l of gw.stderr().trim().split("\n")) JSON.parse(l);
  },
});
