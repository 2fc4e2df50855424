/**
 * Least privilege for the gateway's Deno Workers. The dispatcher may touch only
 * HERMES_HOME and the workspace roots, run only the configured profile commands, `sh` and
 * `git`, and listen only on the worker endpoint's socket (and its egress proxies'); the
 * dashboard may listen on its address and touch HERMES_HOME, and may not run anything. A
 * bug in one part cannot reach beyond what it needs.
 */

import { workspaceRoots } from "../board/validate.ts";
import { type Config, get } from "../config/config.ts";
import type { Env } from "../config/paths.ts";
import { commandAvailable } from "../workers/command_path.ts";
import { loadProfiles, parseProfile, SHELL_PROFILE } from "../workers/profiles.ts";
import {
  denyPaths,
  expandHome,
  hermesProgramPaths,
  SANDBOX_TOOL_PATHS,
  sandboxSettings,
} from "../workers/sandbox.ts";
import { netPermissions, proxySocketPath } from "../workers/egress_proxy.ts";
import { pgBackend } from "../store/mod.ts";
import { BRIDGE_WORKER_URL } from "../store/postgres.ts";
import { endpointPath, endpointStagingPath } from "../endpoint/protocol.ts";

/**
 * Commands every dispatcher may run: `sh` (the built-in `shell` profile and the worker
 * wrapper), `git` (worktrees), and the process tools the worker supervisor uses to
 * start a session, read /proc and signal process groups.
 */
export const BASE_COMMANDS: readonly string[] = [
  "sh",
  "/bin/sh",
  "git",
  "setsid",
  "kill",
  // /proc is readable only with --allow-all, so process identity is read through cat(1).
  "/bin/cat",
  // The sandbox of confined workers: probed once by starting it (the wrapper runs it later).
  "/usr/bin/bwrap",
  "/usr/local/bin/bwrap",
  "/bin/bwrap",
  "/usr/bin/sandbox-exec",
];

/** The program (argv[0]) of each configured profile; a profile that does not parse is skipped. */
export function profileCommands(config: Config): string[] {
  const raw = get(config, "kanban.profiles") ?? {};
  const out: string[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    try {
      const first = parseProfile(name, entry, name === "shell" ? SHELL_PROFILE : undefined)
        .command[0];
      // A placeholder in argv[0] cannot be resolved ahead of time; the spawn will say so.
      if (first && !first.includes("{")) out.push(first);
    } catch { /* the dispatcher reports a bad profile with its own message */ }
  }
  return out;
}

/** Commands the dispatcher worker may run, resolved on PATH (unresolvable ones are left out). */
export function dispatcherRunList(config: Config, env: Env): string[] {
  const out = new Set<string>();
  let bwrap: string[] = [];
  try {
    const b = sandboxSettings(config).bwrap;
    if (b) bwrap = [b];
  } catch { /* the dispatcher reports bad sandbox settings with its own message */ }
  for (const name of [...BASE_COMMANDS, ...bwrap, ...profileCommands(config)]) {
    const p = commandAvailable(name, env("PATH") ?? "");
    if (p) out.add(p);
  }
  return [...out];
}

/**
 * Paths the dispatcher stats before each confined spawn: the deny list (a path that exists is
 * masked), the writable extensions and where the sandbox's programs may be. Empty when no
 * profile is confined.
 */
export function sandboxStatPaths(config: Config, env: Env): string[] {
  let confined = false;
  const extra: string[] = [];
  try {
    for (const p of loadProfiles(config).values()) {
      if (p.sandbox === "off") continue;
      confined = true;
      extra.push(...p.writable);
    }
  } catch {
    return [];
  }
  if (!confined) return [];
  const home = env("HOME");
  const s = sandboxSettings(config);
  const out = [...denyPaths(s, home), ...[...s.writable, ...extra].map((p) => expandHome(p, home))];
  if (s.bwrap) out.push(s.bwrap);
  out.push(...SANDBOX_TOOL_PATHS);
  return [...new Set(out.filter((p): p is string => p !== null))];
}

/**
 * The network of the dispatcher's egress proxies: each listens on its profile's Unix socket
 * and dials only the hosts that profile lists (`host:port`). Empty when no profile lists hosts.
 */
export function proxyNetPermissions(home: string, config: Config): string[] {
  try {
    const out = new Set<string>();
    for (const p of loadProfiles(config).values()) {
      if (p.sandbox !== "off" && Array.isArray(p.network)) {
        out.add(`unix:${proxySocketPath(home, p.name)}`);
        for (const h of netPermissions(p.network)) out.add(h);
      }
    }
    return [...out];
  } catch {
    return [];
  }
}

/**
 * What a worker needs to reach the boards' PostgreSQL database (kanban.db_url): its address,
 * and the password file it may read. Empty for SQLite boards (files under HERMES_HOME).
 */
export function storeAccess(home: string, env: Env): { net: string[]; read: string[] } {
  const pg = pgBackend(home, env);
  if (!pg) return { net: [], read: [] };
  const { host, port } = pg.options;
  // The bridge's Worker module is read when the first board opens.
  const read: string[] = BRIDGE_WORKER_URL.protocol === "file:"
    ? [decodeURIComponent(BRIDGE_WORKER_URL.pathname)]
    : [];
  const passfile = env("PGPASSFILE") || (env("HOME") ? `${env("HOME")}/.pgpass` : null);
  if (passfile) read.push(passfile);
  const h = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  // A directory as host is where the server's Unix socket is (libpq's rule).
  return { net: [host.startsWith("/") ? `unix:${host}/.s.PGSQL.${port}` : `${h}:${port}`], read };
}

/** Permissions of the dispatcher worker. */
export function dispatcherPermissions(
  home: string,
  config: Config,
  env: Env,
): Deno.PermissionOptionsObject {
  const roots = workspaceRoots(home, get(config, "kanban.workspace_roots")).dirs;
  const run = dispatcherRunList(config, env);
  const proxyHosts = proxyNetPermissions(home, config);
  const db = storeAccess(home, env);
  return {
    // The programs themselves must be stat-able: the spawner checks them before starting.
    // hermes's own files too (read-only): a confined worker runs `hermes` from them, so the
    // sandbox keeps them visible, after looking at them.
    read: [
      ...new Set([
        home,
        ...roots,
        ...run,
        ...sandboxStatPaths(config, env),
        ...hermesProgramPaths(),
        ...db.read,
      ]),
    ],
    write: [...new Set([home, ...roots])],
    run,
    env: false,
    // The worker endpoint's one socket; only the egress proxies dial out, and only to the hosts
    // the profiles list; the store reaches its database.
    net: [
      `unix:${endpointPath(home)}`,
      `unix:${endpointStagingPath(home)}`,
      ...proxyHosts,
      ...db.net,
    ],
    sys: ["hostname"],
    ffi: false,
  };
}

/** The net descriptor of listening on `host`:`port` (any port of `host` for port 0). */
export function listenPermission(host: string, port: number): string {
  const h = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return port === 0 ? h : `${h}:${port}`;
}

/** Permissions of the dashboard's server worker: its listen address and HERMES_HOME, nothing to run. */
export function serverPermissions(
  home: string,
  host: string,
  port: number,
  env: Env = () => undefined,
): Deno.PermissionOptionsObject {
  const db = storeAccess(home, env);
  return {
    read: [home, ...db.read],
    write: [home],
    net: [listenPermission(host, port), ...db.net],
    run: false,
    env: false,
    sys: false,
    ffi: false,
  };
}

/** The program of the notifier's command hook (`kanban.notify.command[0]`), if configured. */
export function notifyCommand(config: Config): string | null {
  const notify = get(config, "kanban.notify") ?? {};
  const cmd = notify.command;
  // `command: [argv…]` or `command: {argv: [argv…], …}`.
  const argv = Array.isArray(cmd) ? cmd : (cmd as { argv?: unknown } | null)?.argv;
  const first = Array.isArray(argv) ? argv[0] : null;
  return typeof first === "string" && first.trim() ? first.trim() : null;
}

/**
 * Permissions of the notifier worker: HERMES_HOME, the network of the gateway (any, or the
 * webhook hosts it was narrowed to: webhook URLs come from config and from subscriptions), and
 * only its command hook to run.
 */
export function notifierPermissions(
  home: string,
  config: Config,
  env: Env,
): Deno.PermissionOptionsObject {
  const cmd = notifyCommand(config);
  const path = cmd ? commandAvailable(cmd, env("PATH") ?? "") : null;
  const db = storeAccess(home, env);
  return {
    read: [home, ...(path ? [path] : []), ...db.read],
    write: [home],
    net: "inherit",
    run: path ? [path] : false,
    env: false,
    sys: ["hostname"],
    ffi: false,
  };
}
