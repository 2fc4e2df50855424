import { equal, match, ok } from "../support/assert.ts";
import { acquireGatewayLock } from "../../lib/gateway/_lock.ts";
import { ownRecord, writePidFile } from "../../lib/gateway/_pid_file.ts";
import { dispatcherPresence, runningGateway } from "../../lib/gateway/presence.ts";
import { tempHome } from "../support/home.ts";
import { runGateway } from "./gateway_support.ts";

const env = () => undefined;

Deno.test("presence probe is silent when a gateway with dispatch on runs", async () => {
  await using home = await tempHome();
  await using gw = await runGateway(home);
  const p = await dispatcherPresence(home.path, env);
  equal(p.running, true);
  match(p.message, new RegExp(`pid=${gw.pid}`));
});

Deno.test("presence probe warns with 'hermes gateway start' when no gateway runs", async () => {
  await using home = await tempHome();
  const p = await dispatcherPresence(home.path, env);
  equal(p.running, false);
  match(p.message, /hermes gateway start/);
});

Deno.test("presence probe warns about dispatch_in_gateway when the gateway's dispatcher is off", async () => {
  await using home = await tempHome();
  await using _gw = await runGateway(home, ["--no-dashboard"], {
    env: { HERMES_KANBAN_DISPATCH_IN_GATEWAY: "0" },
  });
  const p = await dispatcherPresence(home.path, env);
  equal(p.running, false);
  match(p.message, /dispatch_in_gateway/);
});

Deno.test("presence probe is silent when the probe itself fails", async () => {
  await using home = await tempHome();
  // Something holds the lock but its pid file cannot be parsed: the probe errors.
  using _lock = (await acquireGatewayLock(home.path))!;
  Deno.writeTextFileSync(`${home.path}/gateway.pid`, "{not json");
  const p = await dispatcherPresence(home.path, env);
  equal(p.running, true);
  equal(p.message, "");
});

Deno.test("presence ignores a pid file whose gateway is gone", async () => {
  await using home = await tempHome();
  const lock = await acquireGatewayLock(home.path);
  ok(lock);
  writePidFile(home.path, ownRecord(null, { enabled: true, reason: "on" }, 1));
  ok(runningGateway(home.path), "held lock + record = running");
  lock.release();
  equal(runningGateway(home.path), null);
  equal((await dispatcherPresence(home.path, env)).running, false);
});
