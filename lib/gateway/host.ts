/**
 * The gateway host process (`hermes gateway run`): holds the singleton lock and pid
 * file, runs the dispatcher and the dashboard in their own Deno Workers with narrowed
 * permissions, relays messages between them, publishes its state, and shuts down
 * within 3 s on SIGINT/SIGTERM. Workers (agent processes) are separate processes and
 * outlive a restart unless the gateway is PID 1 or `--stop-workers` was given.
 */

import { ConflictError, UsageError } from "../board/errors.ts";
import { onSignal } from "../cli/shutdown.ts";
import { type Config, get } from "../config/config.ts";
import type { Env } from "../config/paths.ts";
import { HostState } from "./_host_state.ts";
import {
  relay,
  startDispatcher,
  startNotifier,
  startServer,
  stopWorkers,
  terminateWorkers,
  WORKER_URLS,
  workerIncluded,
  type Workers,
} from "./_host_workers.ts";
import type { GatewayLog } from "../log/logtape.ts";
import { acquireGatewayLock } from "./_lock.ts";
import { ownRecord, removeOwnPidFile, writePidFile } from "./_pid_file.ts";
import { readGatewayRecord } from "./presence.ts";
import { dispatchSetting, intervalMs, isLoopbackHost } from "./_settings.ts";
import { effectivePermissions } from "./confinement.ts";
import { permissionText } from "./status_report.ts";

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
  /** Shutdown: aborted with the name of the signal that asked for it. */
  signal: AbortSignal;
}

/** How long shutdown may take in total: under the 3 s in which `gateway run` stops on a signal. */
const SHUTDOWN_BUDGET_MS = 2_600;

/** The listen address: config may only choose loopback; anything else needs `--host`. */
export function listenAddress(
  config: Config,
  hostFlag: string | null,
  portFlag: number | null,
  transport: { tls?: { certFile: string; keyFile: string } | null; insecureLan?: boolean } = {},
): { host: string; port: number } {
  const cfgHost = get(config, "dashboard.host");
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
  const port = portFlag ?? get(config, "dashboard.port");
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

/** Take the gateway's lock or explain who holds it. */
async function lockHome(home: string, log: GatewayLog): Promise<{ release(): void }> {
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
  return lock;
}

/** Resolves when `signal` aborts (at once if it has). */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((r) => signal.addEventListener("abort", () => r(), { once: true }));
}

/** Run the gateway until its signal aborts; resolves with the exit code. */
export async function runGateway(opts: HostOptions): Promise<number> {
  const { home, config, log, signal } = opts;
  const addr = opts.dashboard ? listenAddress(config, opts.hostFlag, opts.portFlag, opts) : null;
  const tls = addr && opts.tls ? readTls(opts.tls) : null;
  const lock = await lockHome(home, log);

  const startedAt = Math.floor(Date.now() / 1000);
  const permissions = effectivePermissions(home, opts.env);
  const state = new HostState(home, startedAt, {
    dispatch: dispatchSetting(config, opts.env),
    dashboard: opts.dashboard
      ? { enabled: true, reason: "starting" }
      : { enabled: false, reason: "disabled by --no-dashboard" },
    permissions,
  }, (e) => log.warning("cannot write gateway_state.json", { error: e.message }));
  const pidFile = () => writePidFile(home, ownRecord(state.url, state.dispatch, startedAt));
  const workers: Workers = { server: null, dispatcher: null, notifier: null };

  // SIGUSR1 asks for a drain (`hermes gateway stop --drain`): no new claims from now on.
  // `stats.draining` (what `stop --drain` waits on, with `stats.running`) is set by the
  // dispatcher, with counts read from the board when it began draining: set here, it would come
  // with the last counts relayed, which may predate a claim. Without a dispatcher it is set here.
  let drainAsked = false;
  using _drain = onSignal("SIGUSR1", () => {
    if (!drainAsked) log.info("draining: no new tasks will be claimed");
    drainAsked = true;
    workers.dispatcher?.send({ type: "drain" });
    if (!state.dispatch.enabled) state.stats = { ...state.stats, draining: true };
    state.phase = state.phase === "ready" ? "draining" : state.phase;
    state.publish();
  });

  let exitCode = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;
  try {
    pidFile();
    state.publish(true);
    log.info("gateway starting", {
      pid: Deno.pid,
      home,
      dispatch: state.dispatch.enabled ? "on" : "off",
      ...(state.dispatch.enabled ? {} : { reason: state.dispatch.reason }),
    });
    log.debug("gateway permissions", {
      narrowed: permissions.narrowed,
      write: permissionText(permissions.write),
      net: permissionText(permissions.net),
    });

    if (addr && !workerIncluded(WORKER_URLS.server)) {
      state.dashboard = { enabled: false, reason: "not included in this build" };
    } else if (addr) {
      const s = await startServer(opts, addr, tls, state.dispatch);
      workers.server = s.channel;
      // The pid and state files and the log carry the plain address: the token stays in its own
      // 0600 file, and `gateway status --show-token` builds the sign-in URL for the owner.
      state.url = s.url;
      state.dashboard = { enabled: true, reason: `listening on ${s.url}` };
      log.info("dashboard listening", { url: s.url });
    }

    if (state.dispatch.enabled) {
      const d = await startDispatcher(opts);
      workers.dispatcher = d.channel;
      // A drain asked for while the dispatcher was starting still counts.
      if (drainAsked) d.channel.send({ type: "drain" });
      log.info("dispatcher embedded in gateway", {
        boards: d.boards.join(","),
        interval_s: intervalMs(config) / 1000,
      });
    } else {
      log.info(`dispatcher off: ${state.dispatch.reason}`);
    }

    // Independent of the dispatch flag: people still want to hear about events.
    if (workerIncluded(WORKER_URLS.notifier)) workers.notifier = await startNotifier(opts);

    let statePending = false;
    const relayed = relay(workers.dispatcher, workers.server, log, (s) => {
      state.stats = { ...s, draining: s.draining || state.stats.draining };
      // Publish soon (not only on the next second) so `status` right after a change sees it.
      if (statePending) return;
      statePending = true;
      setTimeout(() => {
        statePending = false;
        if (state.phase !== "stopped") state.publish();
      }, 100);
    });
    state.phase = drainAsked ? "draining" : "ready";
    pidFile();
    state.publish(true);
    log.info("gateway ready", state.url ? { url: state.url } : {});

    ticker = setInterval(() => {
      workers.server?.send({ type: "stats", stats: state.stats });
      const dead = workers.dispatcher?.dead;
      if (dead && !signal.aborted && state.dispatch.enabled) {
        relayed.dispatcherDied();
        // Say so where `status` and the create warning look: nothing dispatches any more.
        state.dispatch = {
          enabled: false,
          reason: `the dispatcher stopped (${dead}); restart the gateway`,
        };
        // Nothing will drain any more: a `stop --drain` waiting for it need not wait.
        if (drainAsked) state.stats = { ...state.stats, draining: true };
        pidFile();
      }
      state.publish();
    }, 1000);

    await aborted(signal);
    log.info("gateway stopping", { signal: String(signal.reason), stop_workers: opts.stopWorkers });
    state.phase = "stopping";
    state.publish();
    // Stopping workers may take their kill grace (SIGTERM → SIGKILL); plain stops take < 3 s.
    const budget = opts.stopWorkers
      ? SHUTDOWN_BUDGET_MS + get(config, "kanban.kill_grace_seconds") * 1000
      : SHUTDOWN_BUDGET_MS;
    await stopWorkers(workers, opts.stopWorkers, budget, SHUTDOWN_BUDGET_MS, log);
  } catch (e) {
    exitCode = 1;
    terminateWorkers(workers);
    throw e;
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
    state.phase = "stopped";
    state.url = null;
    state.publish(true);
    removeOwnPidFile(home);
    lock.release();
    if (exitCode === 0) log.info("gateway stopped");
  }
  return exitCode;
}
