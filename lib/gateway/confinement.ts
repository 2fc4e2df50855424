/**
 * The gateway's own least privilege. Started from source (`deno run … main.ts gateway run`), the
 * gateway runs again as a child with the release permission set narrowed: `--allow-write` to
 * HERMES_HOME and the workspace roots, `--allow-net` to its listen address, the egress proxies of
 * confined profiles, the boards' PostgreSQL server (kanban.db_url), and the webhook hosts of
 * `kanban.notify` and of the subscriptions that exist when it starts (with the DNS servers that
 * resolve them). `gateway start` launches its
 * background gateway the same way. The child is marked by HERMES_GATEWAY_CONFINED (the scope, as
 * JSON), so it never relaunches; the parent forwards signals to it and exits with its status.
 *
 * A compiled binary cannot take permission flags at run time (its list is baked in), so it runs
 * with the release set and relies on its Workers' narrowed permissions (_worker_permissions.ts).
 */

import { endpointPath, endpointStagingPath } from "../endpoint/protocol.ts";
import { workspaceRoots } from "../board/validate.ts";
import { type Config, get } from "../config/config.ts";
import type { Env } from "../config/paths.ts";
import { onSignal } from "../cli/shutdown.ts";
import { openBoard } from "../store/mod.ts";
import { boardsOnDisk } from "../store/boards.ts";
import { openNotify } from "../store/engine.ts";
import { parseNotifyConfig } from "./notifier/config.ts";
import { listenPermission, proxyNetPermissions, storeAccess } from "./_worker_permissions.ts";
import { selfCommand } from "./launcher.ts";
import denoJson from "../../deno.json" with { type: "json" };

/** Set (to the scope, as JSON) on a gateway started with narrowed permissions. */
export const CONFINED_ENV = "HERMES_GATEWAY_CONFINED";

/** What a narrowed gateway may write and reach on the network (Deno permission descriptors). */
export interface GatewayScope {
  write: string[];
  net: string[];
}

/** A webhook the notifier may deliver to, and whether it may be a private address. */
export interface WebhookTarget {
  url: string;
  allowPrivate: boolean;
}

/** The `nameserver` addresses of a resolv.conf text, as `host:53` net descriptors. */
export function nameservers(resolvConf: string): string[] {
  const out: string[] = [];
  for (const line of resolvConf.split("\n")) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!m) continue;
    const ip = m[1].replace(/%.*$/, "");
    out.push(ip.includes(":") ? `[${ip}]:53` : `${ip}:53`);
  }
  return out;
}

/** The DNS servers of this machine (none when /etc/resolv.conf cannot be read). */
function systemNameservers(): string[] {
  try {
    return nameservers(Deno.readTextFileSync("/etc/resolv.conf"));
  } catch {
    return [];
  }
}

/**
 * The net descriptors webhook deliveries need: each URL's `host:port`, and, for a host name the
 * notifier must resolve before it may deliver (allow_private off), the DNS servers.
 */
export function webhookNet(targets: readonly WebhookTarget[], dns: readonly string[]): string[] {
  const out: string[] = [];
  let resolves = false;
  for (const t of targets) {
    let u: URL;
    try {
      u = new URL(t.url);
    } catch {
      continue; // the notifier reports a bad URL itself
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") continue;
    const port = u.port || (u.protocol === "https:" ? "443" : "80");
    out.push(`${u.hostname}:${port}`);
    const literal = u.hostname.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(u.hostname);
    if (!literal && !t.allowPrivate) resolves = true;
  }
  if (resolves) out.push(...dns);
  return [...new Set(out)];
}

/** The webhooks of `kanban.notify` and of every board's webhook subscriptions (read now). */
export function webhookTargets(home: string, config: Config, env: Env): WebhookTarget[] {
  let notify;
  try {
    notify = parseNotifyConfig(get(config, "kanban.notify"), env);
  } catch {
    return []; // a bad kanban.notify stops the notifier, which says why
  }
  const out: WebhookTarget[] = [];
  for (const s of notify.sinks) {
    if (s.type === "webhook") out.push({ url: s.url, allowPrivate: s.allowPrivate });
  }
  for (const board of boardsOnDisk(home)) {
    try {
      const store = openBoard(home, board, { create: false, busyTimeoutMs: 2_000 });
      try {
        for (const sub of openNotify(store).subscriptions()) {
          if (sub.platform === "webhook") {
            out.push({ url: sub.chat_id, allowPrivate: notify.allowPrivate });
          }
        }
      } finally {
        store.close();
      }
    } catch { /* a board that cannot be read now has no subscriptions to deliver yet */ }
  }
  return out;
}

/** `p` and, when it differs and exists, `p` with its symlinks resolved. */
function withRealPath(p: string): string[] {
  try {
    const real = Deno.realPathSync(p);
    return real === p ? [p] : [p, real];
  } catch {
    return [p];
  }
}

/** The scope of a gateway for `home` listening on `addr` (null: no dashboard). */
export function gatewayScope(
  home: string,
  config: Config,
  env: Env,
  addr: { host: string; port: number } | null,
): GatewayScope {
  const roots = workspaceRoots(home, get(config, "kanban.workspace_roots")).dirs;
  const write = [...new Set([home, ...roots].flatMap(withRealPath))];
  const net = [
    ...(addr ? [listenPermission(addr.host, addr.port)] : []),
    // The worker endpoint's socket, served by the dispatcher (made under its staging name).
    `unix:${endpointPath(home)}`,
    `unix:${endpointStagingPath(home)}`,
    ...proxyNetPermissions(home, config),
    // The boards' PostgreSQL database, when they live in one.
    ...storeAccess(home, env).net,
    ...webhookNet(webhookTargets(home, config, env), systemNameservers()),
  ];
  return { write, net: [...new Set(net)] };
}

/**
 * The deno flags that narrow the release set to `scope`, or null when a path cannot be written
 * as a flag (Deno splits flag values on commas and has no escape for one).
 */
export function scopeFlags(scope: GatewayScope): string[] | null {
  if ([...scope.write, ...scope.net].some((p) => p.includes(","))) return null;
  return [
    `--allow-write=${scope.write.join(",")}`,
    scope.net.length ? `--allow-net=${scope.net.join(",")}` : "--deny-net",
  ];
}

/** True when this process holds `d` outright. */
function holds(d: Deno.PermissionDescriptor): boolean {
  return Deno.permissions.querySync(d).state === "granted";
}

/**
 * Why this process must not relaunch the gateway, or null when relaunching narrows it: from
 * source, not already relaunched, and holding all of the release set, so that the child (the
 * release set with write and net narrowed) can never hold more than its parent.
 */
export function relaunchBlocker(env: Env): string | null {
  if (Deno.build.standalone) return "a compiled binary carries its permissions inside";
  if (env(CONFINED_ENV) !== undefined) return "already relaunched";
  if (!Deno.mainModule.startsWith("file:")) return "not started from a file";
  const set = denoJson.permissions.default;
  const missing = [
    ...(["read", "write", "run", "net"] as const).filter((name) => !holds({ name })),
    ...set.sys.filter((kind) => !holds({ name: "sys", kind: kind as "hostname" })),
    ...set.env.allow.filter((variable) => !holds({ name: "env", variable })),
  ];
  return missing.length ? `this process lacks ${missing.join(", ")} of the release set` : null;
}

/** How to start a gateway process: deno flags after the release set, and environment to add. */
export interface Launch {
  denoFlags: string[];
  env: Record<string, string>;
}

/** The launch of a narrowed gateway for `scope`, or null when `scope` cannot be expressed. */
export function confinedLaunch(scope: GatewayScope): Launch | null {
  const flags = scopeFlags(scope);
  return flags ? { denoFlags: flags, env: { [CONFINED_ENV]: JSON.stringify(scope) } } : null;
}

/** Exit status of a child killed by `sig`, as a shell reports it (128 + the signal's number). */
const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGTERM: 15,
};

/** The signals a relaunching parent passes on to its gateway. */
export const FORWARDED_SIGNALS: readonly Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1"];

/**
 * Run `hermes gateway <args>` again as a child with `launch`, sharing this process's stdio,
 * passing on every signal in FORWARDED_SIGNALS; resolves with its exit status (128 + n when a
 * signal ended it).
 */
export async function relaunchGateway(args: readonly string[], launch: Launch): Promise<number> {
  let child: Deno.ChildProcess | null = null;
  const early: Deno.Signal[] = [];
  const pass = (sig: Deno.Signal) => {
    if (!child) {
      early.push(sig);
      return;
    }
    try {
      child.kill(sig);
    } catch { /* it has exited */ }
  };
  // Listening before the spawn: a signal in between is passed on, not lost or fatal.
  using stack = new DisposableStack();
  for (const sig of FORWARDED_SIGNALS) stack.use(onSignal(sig, () => pass(sig)));
  const [exe, ...rest] = selfCommand(["gateway", ...args], launch.denoFlags);
  child = new Deno.Command(exe, {
    args: rest,
    env: launch.env,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  for (const sig of early) pass(sig);
  const status = await child.status;
  if (status.signal) return 128 + (SIGNAL_NUMBERS[status.signal] ?? 0);
  return status.code;
}

/** What the running gateway may write and reach, as it finds by asking Deno. */
export interface EffectivePermissions {
  /** Started narrowed (relaunched, or by `gateway start`) from source. */
  narrowed: boolean;
  /**
   * `"any"`, or the paths it may write: the scope it was narrowed to, each entry checked (a
   * gateway started with permission flags of someone else's choosing checks HERMES_HOME only).
   */
  write: "any" | string[];
  /** `"any"`, or the hosts (and sockets) it may listen on or connect to, checked the same way. */
  net: "any" | string[];
}

/** This process's write and net permissions, by asking Deno about what it was given. */
export function effectivePermissions(home: string, env: Env): EffectivePermissions {
  let scope: GatewayScope = { write: [home], net: [] };
  try {
    const raw = env(CONFINED_ENV);
    if (raw) scope = JSON.parse(raw) as GatewayScope;
  } catch { /* a marker that is not ours names nothing */ }
  const anyWrite = holds({ name: "write", path: "/" });
  const anyNet = holds({ name: "net" });
  const write = anyWrite ? "any" : scope.write.filter((path) => holds({ name: "write", path }));
  const net = anyNet ? "any" : scope.net.filter((host) => holds({ name: "net", host }));
  return { narrowed: env(CONFINED_ENV) !== undefined && !anyWrite && !anyNet, write, net };
}
