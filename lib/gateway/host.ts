/**
 * The gateway host process (`hermes gateway run`): holds the singleton lock and pid
 * file, runs the dispatcher and the dashboard in their own Deno Workers with narrowed
 * permissions, relays messages between them, publishes its state, and shuts down
 * within 3 s on SIGINT/SIGTERM. Workers (agent processes) are separate processes and
 * outlive a restart unless the gateway is PID 1 or `--stop-workers` was given.
 */

import { ConflictError, HermesError, UsageError } from "../board/errors.ts";
import { type Config, get } from "../config/config.ts";
import type { Env } from "../config/paths.ts";
import { dashboardToken, metricsToken } from "./dashboard_token.ts";
import type { GatewayLog } from "./log.ts";
import { acquireGatewayLock } from "./lock.ts";
import {
  emptyStats,
  type FromDispatcher,
  type FromServer,
  type GatewayStats,
  type ToDispatcher,
  type ToServer,
} from "./messages.ts";
import { ownRecord, removeOwnPidFile, writePidFile } from "./pid_file.ts";
import { readGatewayRecord } from "./presence.ts";
import { dispatchSetting, initialDelayMs, intervalMs, isLoopbackHost } from "./settings.ts";
import { type GatewayPhase, type GatewayState, writeState } from "./state_file.ts";
import { WorkerChannel } from "./worker_channel.ts";
import type { NotifierCommand, NotifierReply } from "./notifier/protocol.ts";
import {
  dispatcherPermissions,
  notifierPermissions,
  serverPermissions,
} from "./worker_permissions.ts";

/** Everything `hermes gateway run` decided before starting the host. */
export interface HostOptions {
  home: string;
  env: Env;
  config: Config;
  version: string;
  log: GatewayLog;
  /** `--host`: the only way to bind beyond loopback. */
  hostFlag: string | null;
  /** `--port`. */
  portFlag: number | null;
  /** `--tls-cert`/`--tls-key`: serve HTTPS. */
  tls?: { certFile: string; keyFile: string } | null;
  /** `--insecure-lan`: a non-loopback host without TLS, knowingly. */
  insecureLan?: boolean;
  /** False with `--no-dashboard`. */
  dashboard: boolean;
  /** Stop live workers on SIGTERM and requeue their tasks (PID 1 or `--stop-workers`). */
  stopWorkers: boolean;
}

/** How long shutdown may take in total: under the 3 s in which `gateway run` stops on a signal. */
const SHUTDOWN_BUDGET_MS = 2_600;
const DISPATCHER_START_MS = 15_000;
const SERVER_START_MS = 15_000;

const DISPATCHER_URL = new URL("./dispatcher_worker.ts", import.meta.url);
const SERVER_URL = new URL("../server/worker.ts", import.meta.url);
const NOTIFIER_URL = new URL("./notifier/worker.ts", import.meta.url);
const NOTIFIER_START_MS = 10_000;

function moduleExists(url: URL): boolean {
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false;
  }
}

/** Snapshot of the environment for the dispatcher worker, which has no env permission. */
function envRecord(): Record<string, string> {
  return Deno.env.toObject();
}

/** The listen address: config may only choose loopback; anything else needs `--host`. */
export function listenAddress(
  config: Config,
  hostFlag: string | null,
  portFlag: number | null,
  transport: { tls?: { certFile: string; keyFile: string } | null; insecureLan?: boolean } = {},
): { host: string; port: number } {
  const cfgHost = get<string>(config, "dashboard.host");
  const host = (hostFlag ?? cfgHost).trim();
  if (!host) throw new UsageError("--host needs an address, e.g. --host 127.0.0.1");
  if (hostFlag === null && !isLoopbackHost(host)) {
    throw new UsageError(
      `config.yaml sets dashboard.host: ${host}, which would expose the dashboard beyond this ` +
        `machine; confirm it explicitly with --host ${host}`,
      "exposed_host",
    );
  }
  if (!isLoopbackHost(host) && !transport.tls && !transport.insecureLan) {
    // Beyond loopback the token (and every task) would cross the network in clear.
    throw new UsageError(
      `--host ${host} serves the dashboard beyond this machine: give it TLS with ` +
        "--tls-cert FILE --tls-key FILE, or pass --insecure-lan to serve plain HTTP knowingly",
      "insecure_host",
    );
  }
  const port = portFlag ?? get<number>(config, "dashboard.port");
  return { host, port };
}

/** Read the PEM files of `--tls-cert`/`--tls-key` (the server worker may read only HERMES_HOME). */
function readTls(files: { certFile: string; keyFile: string }): { cert: string; key: string } {
  const read = (flag: string, path: string) => {
    try {
      return Deno.readTextFileSync(path);
    } catch (e) {
      throw new UsageError(`cannot read ${flag} ${path}: ${(e as Error).message}`, "bad_tls");
    }
  };
  return { cert: read("--tls-cert", files.certFile), key: read("--tls-key", files.keyFile) };
}

/** Run the gateway until a signal stops it; resolves with the exit code. */
export async function runGateway(opts: HostOptions): Promise<number> {
  const { home, config, log } = opts;
  const addr = opts.dashboard ? listenAddress(config, opts.hostFlag, opts.portFlag, opts) : null;
  const tls = addr && opts.tls ? readTls(opts.tls) : null;

  const lock = await acquireGatewayLock(home);
  if (!lock) {
    const rec = readGatewayRecord(home);
    throw new ConflictError(
      rec
        ? `a gateway is already running for ${home} (pid ${rec.identity.pid}); ` +
          "stop it with 'hermes gateway stop' or check it with 'hermes gateway status'"
        : `another process holds ${home}/gateway.lock (a gateway is starting or running); ` +
          "check with 'hermes gateway status'",
      "gateway_running",
    );
  }
  const stale = readGatewayRecord(home);
  if (stale && stale.identity.pid !== Deno.pid) {
    // We hold the lock, so whoever wrote this record is gone (dead, or its pid reused).
    log.info("replacing a stale pid file", { stale_pid: stale.identity.pid });
  }

  const startedAt = Math.floor(Date.now() / 1000);
  let dispatch = dispatchSetting(config, opts.env);
  let url: string | null = null;
  let phase: GatewayPhase = "starting";
  let stats: GatewayStats = emptyStats();
  let dashboardState = opts.dashboard
    ? { enabled: true, reason: "starting" }
    : { enabled: false, reason: "disabled by --no-dashboard" };
  let lastStateJson = "";

  const publishState = (force = false) => {
    const state: GatewayState = {
      pid: Deno.pid,
      phase,
      started_at: startedAt,
      updated_at: Date.now(),
      url,
      dispatch,
      dashboard: dashboardState,
      stats,
    };
    const { updated_at: _, ...comparable } = state;
    const key = JSON.stringify(comparable);
    if (!force && key === lastStateJson) return;
    lastStateJson = key;
    try {
      writeState(home, state);
    } catch (e) {
      log.warning("cannot write gateway_state.json", { error: (e as Error).message });
    }
  };

  const stop = new AbortController();
  const stopped = new Promise<void>((r) => stop.signal.addEventListener("abort", () => r()));
  let stopReason = "";
  const onSignal = (sig: Deno.Signal) => () => {
    if (stop.signal.aborted) return;
    stopReason = sig;
    stop.abort();
  };
  const signals: [Deno.Signal, () => void][] = [
    ["SIGINT", onSignal("SIGINT")],
    ["SIGTERM", onSignal("SIGTERM")],
    ["SIGHUP", onSignal("SIGHUP")],
  ];
  let dispatcher: WorkerChannel<ToDispatcher, FromDispatcher> | null = null;
  let server: WorkerChannel<ToServer, FromServer> | null = null;
  let notifier: WorkerChannel<NotifierCommand, NotifierReply> | null = null;
  // SIGUSR1 asks for a drain (`hermes gateway stop --drain`): no new claims from now on.
  const onDrain = () => {
    if (!stats.draining) log.info("draining: no new tasks will be claimed");
    stats = { ...stats, draining: true };
    dispatcher?.send({ type: "drain" });
    phase = phase === "ready" ? "draining" : phase;
    publishState();
  };
  signals.push(["SIGUSR1", onDrain]);
  for (const [sig, f] of signals) Deno.addSignalListener(sig, f);

  let exitCode = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;
  try {
    writePidFile(home, ownRecord(null, dispatch, startedAt));
    publishState(true);
    log.info("gateway starting", {
      pid: Deno.pid,
      home,
      dispatch: dispatch.enabled ? "on" : "off",
      ...(dispatch.enabled ? {} : { reason: dispatch.reason }),
    });

    // --- dashboard ---
    if (addr && !moduleExists(SERVER_URL)) {
      dashboardState = { enabled: false, reason: "not included in this build" };
    } else if (addr) {
      server = new WorkerChannel<ToServer, FromServer>(
        SERVER_URL,
        "hermes-server",
        serverPermissions(home, addr.host, addr.port),
      );
      const token = dashboardToken(home);
      server.send({
        type: "init",
        home,
        host: addr.host,
        port: addr.port,
        token,
        metricsToken: metricsToken(home),
        tls,
        version: opts.version,
        config,
        dispatch,
      });
      const first = await server.waitFor(
        (m): m is Extract<FromServer, { type: "listening" | "error" }> =>
          m.type === "listening" || m.type === "error",
        SERVER_START_MS,
        "dashboard",
      ).catch((e) => {
        throw new HermesError(
          `the dashboard could not start: ${
            (e as Error).message
          } (run with --no-dashboard to go without it)`,
          "dashboard_failed",
        );
      });
      if (first.type === "error") {
        const what = /dashboard/i.test(first.message)
          ? first.message
          : `dashboard: ${first.message}`;
        throw new HermesError(
          `${what} (change dashboard.port or pass --port, or run with --no-dashboard)`,
          "dashboard_failed",
        );
      }
      // The pid and state files and the log carry the plain address: the token stays in its own
      // 0600 file, and `gateway status --show-token` builds the sign-in URL for the owner.
      url = first.url;
      dashboardState = { enabled: true, reason: `listening on ${first.url}` };
      log.info("dashboard listening", { url: first.url });
    }

    // --- dispatcher ---
    if (dispatch.enabled) {
      dispatcher = startDispatcher(opts, log);
      const ready = await dispatcher.waitFor(
        (m): m is Extract<FromDispatcher, { type: "ready" | "fatal" }> =>
          m.type === "ready" || m.type === "fatal",
        DISPATCHER_START_MS,
        "dispatcher",
      ).then((m) => {
        if (m.type === "fatal") throw new Error(m.message);
        return m;
      }).catch((e) => {
        throw new HermesError(
          `the dispatcher could not start: ${(e as Error).message} ` +
            "(HERMES_KANBAN_DISPATCH_IN_GATEWAY=0 runs the gateway without it)",
          "dispatcher_failed",
        );
      });
      // A drain asked for while the dispatcher was starting still counts.
      if (stats.draining) dispatcher.send({ type: "drain" });
      log.info("dispatcher embedded in gateway", {
        boards: ready.boards.join(","),
        interval_s: intervalMs(config) / 1000,
      });
    } else {
      log.info(`dispatcher off: ${dispatch.reason}`);
    }

    // --- notifier (independent of the dispatch flag: people still want to hear about events) ---
    if (moduleExists(NOTIFIER_URL)) notifier = await startNotifier(opts, log);

    let statePending = false;
    const relay = wireWorkers(dispatcher, server, log, (s) => {
      stats = { ...s, draining: s.draining || stats.draining };
      // Publish soon (not only on the next second) so `status` right after a change sees it.
      if (statePending) return;
      statePending = true;
      setTimeout(() => {
        statePending = false;
        if (phase !== "stopped") publishState();
      }, 100);
    });
    phase = stats.draining ? "draining" : "ready";
    writePidFile(home, ownRecord(url, dispatch, startedAt));
    publishState(true);
    log.info("gateway ready", url ? { url } : {});

    ticker = setInterval(() => {
      server?.send({ type: "stats", stats });
      if (dispatcher?.dead && !stop.signal.aborted && dispatch.enabled) {
        relay.dispatcherDied();
        // Say so where `status` and the create warning look: nothing dispatches any more.
        dispatch = {
          enabled: false,
          reason: `the dispatcher stopped (${dispatcher.dead}); restart the gateway`,
        };
        writePidFile(home, ownRecord(url, dispatch, startedAt));
      }
      publishState();
    }, 1000);

    await stopped;
    log.info("gateway stopping", { signal: stopReason, stop_workers: opts.stopWorkers });
    phase = "stopping";
    publishState();
    // Stopping workers may take their kill grace (SIGTERM → SIGKILL); plain stops take < 3 s.
    const budget = opts.stopWorkers
      ? SHUTDOWN_BUDGET_MS + get<number>(config, "kanban.kill_grace_seconds") * 1000
      : SHUTDOWN_BUDGET_MS;
    await Promise.all([
      shutdownWorkers(dispatcher, server, opts.stopWorkers, budget, log),
      stopNotifier(notifier),
    ]);
  } catch (e) {
    exitCode = 1;
    dispatcher?.terminate();
    server?.terminate();
    notifier?.terminate();
    throw e;
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
    for (const [sig, f] of signals) {
      try {
        Deno.removeSignalListener(sig, f);
      } catch { /* already removed */ }
    }
    phase = "stopped";
    url = null;
    publishState(true);
    removeOwnPidFile(home);
    lock.release();
    if (exitCode === 0) log.info("gateway stopped");
  }
  return exitCode;
}

/** Start the dispatcher worker with its narrowed permissions and send it its settings. */
function startDispatcher(
  opts: HostOptions,
  log: GatewayLog,
): WorkerChannel<ToDispatcher, FromDispatcher> {
  const perms = dispatcherPermissions(opts.home, opts.config, opts.env);
  log.debug("dispatcher permissions", { run: (perms.run as string[]).join(",") });
  const ch = new WorkerChannel<ToDispatcher, FromDispatcher>(
    DISPATCHER_URL,
    "hermes-dispatcher",
    perms,
  );
  ch.send({
    type: "init",
    home: opts.home,
    config: opts.config,
    env: envRecord(),
    version: opts.version,
    intervalMs: intervalMs(opts.config),
    initialDelayMs: initialDelayMs(opts.config),
  });
  return ch;
}

/** Start the notifier worker; a notifier that fails to start is logged, not fatal. */
async function startNotifier(
  opts: HostOptions,
  log: GatewayLog,
): Promise<WorkerChannel<NotifierCommand, NotifierReply> | null> {
  const ch = new WorkerChannel<NotifierCommand, NotifierReply>(
    NOTIFIER_URL,
    "hermes-notifier",
    notifierPermissions(opts.home, opts.config, opts.env),
  );
  ch.on((m) => {
    if (m.type === "log") log.log(m.level, m.message, { part: "notifier" });
    else if (m.type === "error") log.error(`notifier: ${m.message}`);
  });
  // The notifier takes kanban.notify from here, so it never parses config.yaml itself.
  ch.send({
    type: "init",
    home: opts.home,
    env: envRecord(),
    notify: get(opts.config, "kanban.notify"),
  });
  try {
    await ch.waitFor(
      (m): m is Extract<NotifierReply, { type: "ready" }> => m.type === "ready",
      NOTIFIER_START_MS,
      "notifier",
    );
    return ch;
  } catch (e) {
    log.error(`notifier did not start: ${(e as Error).message}`);
    ch.terminate();
    return null;
  }
}

/** Ask the notifier to stop (it finishes the delivery in flight), within the budget. */
async function stopNotifier(
  notifier: WorkerChannel<NotifierCommand, NotifierReply> | null,
): Promise<void> {
  if (!notifier || notifier.dead) return;
  notifier.send({ type: "stop" });
  await notifier.waitFor(
    (m): m is Extract<NotifierReply, { type: "stopped" }> => m.type === "stopped",
    SHUTDOWN_BUDGET_MS,
    "notifier shutdown",
  ).catch(() => {});
  notifier.terminate();
}

/** Relay between the workers: logs, stats, dispatch requests, wake-ups. */
function wireWorkers(
  dispatcher: WorkerChannel<ToDispatcher, FromDispatcher> | null,
  server: WorkerChannel<ToServer, FromServer> | null,
  log: GatewayLog,
  onStats: (s: GatewayStats) => void,
): { dispatcherDied(): void } {
  let reported = false;
  dispatcher?.on((m) => {
    switch (m.type) {
      case "log":
        log.log(m.level, m.message, m.props);
        break;
      case "stats":
        onStats(m.stats);
        break;
      case "dispatch_result":
        server?.send({ type: "dispatch_result", id: m.id, result: m.result, error: m.error });
        break;
      case "fatal":
        log.error(`dispatcher failed: ${m.message}`);
        break;
      default:
        break;
    }
  });
  server?.on((m) => {
    switch (m.type) {
      case "wake":
        dispatcher?.send({ type: "wake" });
        break;
      case "dispatch":
        if (dispatcher && !dispatcher.dead) {
          dispatcher.send({
            type: "dispatch",
            id: m.id,
            board: m.board,
            dryRun: m.dryRun,
            max: m.max,
          });
        } else {
          server.send({
            type: "dispatch_result",
            id: m.id,
            result: null,
            error: "the gateway's dispatcher is off",
          });
        }
        break;
      case "log":
        log.log(m.level, m.message, m.props);
        break;
      default:
        break;
    }
  });
  server?.onDeath((why) => {
    if (why !== "terminated") log.error(`dashboard worker stopped: ${why}`);
  });
  return {
    dispatcherDied() {
      if (reported) return;
      reported = true;
      log.error(`dispatcher worker stopped: ${dispatcher?.dead}; restart the gateway`);
    },
  };
}

/** Ask both workers to finish, within the shutdown budget; then terminate them. */
async function shutdownWorkers(
  dispatcher: WorkerChannel<ToDispatcher, FromDispatcher> | null,
  server: WorkerChannel<ToServer, FromServer> | null,
  stopWorkers: boolean,
  budgetMs: number,
  log: GatewayLog,
): Promise<void> {
  const deadline = Date.now() + budgetMs;
  const waits: Promise<unknown>[] = [];
  if (server && !server.dead) {
    server.send({ type: "shutdown" });
    waits.push(
      server.waitFor(
        (m): m is Extract<FromServer, { type: "closed" }> => m.type === "closed",
        500,
        "dashboard shutdown",
      ).catch(() => {}),
    );
  }
  if (dispatcher && !dispatcher.dead) {
    dispatcher.send({ type: "shutdown", stopWorkers });
    waits.push(
      dispatcher.waitFor(
        (m): m is Extract<FromDispatcher, { type: "stopped" }> => m.type === "stopped",
        Math.max(100, deadline - Date.now()),
        "dispatcher shutdown",
      ).then((m) => {
        if (m.requeued > 0) {
          log.info("stopped workers and put their tasks back to ready", { tasks: m.requeued });
        }
      }).catch((e) => log.warning((e as Error).message)),
    );
  }
  await Promise.all(waits);
  server?.terminate();
  dispatcher?.terminate();
}
