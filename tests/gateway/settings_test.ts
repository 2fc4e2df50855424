import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { get, resolveConfig } from "../../lib/config/config.ts";
import { dispatchSetting, intervalMs, isLoopbackHost } from "../../lib/gateway/_settings.ts";

const noEnv = () => undefined;
const envOf = (vars: Record<string, string>) => (n: string) => vars[n];

Deno.test("config defaults turn gateway dispatch on with a sane interval", () => {
  const cfg = resolveConfig({}, noEnv);
  equal(get(cfg, "kanban.dispatch_in_gateway"), true);
  const interval = get(cfg, "kanban.dispatch_interval_seconds");
  equal(interval, 60);
  ok(interval >= 1);
  equal(get(cfg, "kanban.dispatch_initial_delay_seconds"), 0);
  deepEqual(dispatchSetting(cfg, noEnv).enabled, true);
});

Deno.test("dispatch interval is floored at one second", () => {
  const cfg = resolveConfig({ kanban: { dispatch_interval_seconds: 0.01 } }, noEnv);
  equal(intervalMs(cfg), 1000);
});

Deno.test("dispatch setting respects kanban.dispatch_in_gateway false", () => {
  const cfg = resolveConfig({ kanban: { dispatch_in_gateway: false } }, noEnv);
  const s = dispatchSetting(cfg, noEnv);
  equal(s.enabled, false);
  match(s.reason, /kanban\.dispatch_in_gateway: false/);
});

Deno.test("dispatch setting is disabled by a false-y HERMES_KANBAN_DISPATCH_IN_GATEWAY", () => {
  for (const v of ["0", "false", "no", "off", " OFF "]) {
    const env = envOf({ HERMES_KANBAN_DISPATCH_IN_GATEWAY: v });
    const s = dispatchSetting(resolveConfig({}, env), env);
    equal(s.enabled, false, v);
    match(s.reason, /HERMES_KANBAN_DISPATCH_IN_GATEWAY/);
  }
});

Deno.test("a truthy HERMES_KANBAN_DISPATCH_IN_GATEWAY defers to config and never forces dispatch on", () => {
  const env = envOf({ HERMES_KANBAN_DISPATCH_IN_GATEWAY: "yes" });
  const off = resolveConfig({ kanban: { dispatch_in_gateway: false } }, env);
  equal(dispatchSetting(off, env).enabled, false);
  const on = resolveConfig({}, env);
  equal(dispatchSetting(on, env).enabled, true);
});

Deno.test("only loopback addresses count as loopback", () => {
  for (const h of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]) ok(isLoopbackHost(h), h);
  for (const h of ["0.0.0.0", "192.168.1.2", "::", "example.com"]) ok(!isLoopbackHost(h), h);
});
