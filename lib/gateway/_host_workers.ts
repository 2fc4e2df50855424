/**
 * The gateway's three Deno Workers — dashboard server, dispatcher, notifier — each started by one
 * call with its narrowed permissions and its settings, relayed to one another, and stopped
 * within the shutdown budget.
 */

import type { Config } from "../config/config.ts";
import { get } from "../config/config.ts";
import type { Env } from "../config/paths.ts";
import { HermesError } from "../board/errors.ts";
import { dashboardToken, metricsToken } from "./dashboard_token.ts";
import type { GatewayLog } from "../log/logtape.ts";
import type {
  FromDispatcher,
  FromServer,
  GatewayStats,
  ToDispatcher,
  ToServer,
} from "./messages.ts";
import type { NotifierCommand, NotifierReply } from "./notifier/protocol.ts";
import { initialDelayMs, intervalMs } from "./_settings.ts";
import { WorkerChannel } from "./_worker_channel.ts";
import { readProcessInfo } from "../workers/proc_reader.ts";
import {
  dispatcherPermissions,
  notifierPermissions,
  serverPermissions,
} from "./_worker_permissions.ts";

/** The dashboard's worker. */
export type ServerChannel = WorkerChannel<ToServer, FromServer>;
/** The dispatcher's worker. */
export type DispatcherChannel = WorkerChannel<ToDispatcher, FromDispatcher>;
/** The notifier's worker. */
export type NotifierChannel = WorkerChannel<NotifierCommand, NotifierReply>;

/** What every worker start needs from the host. */
export interface WorkerHost {
  home: string;
  env: Env;
  config: Config;
  version: string;
  log: GatewayLog;
}

const DISPATCHER_START_MS = 15_000;
const SERVER_START_MS = 15_000;
const NOTIFIER_START_MS = 10_000;

/** Where each worker's code is; a build may leave the dashboard or the notifier out. */
export const WORKER_URLS = {
  dispatcher: new URL("./dispatcher_worker.ts", import.meta.url),
  server: new URL("../server/worker.ts", import.meta.url),
  notifier: new URL("./notifier/worker.ts", import.meta.url),
} as const;

/** True when this build includes the worker at `url`. */
export function workerIncluded(url: URL): boolean {
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false;
  }
}

/** Snapshot of the environment for workers, which have no env permission. */
function envRecord(): Record<string, string> {
  return Deno.env.toObject();
}

/** Start the dashboard and wait until it listens; resolves with its URL. */
export async function startServer(
  host: WorkerHost,
  addr: { host: string; port: number },
  tls: { cert: string; key: string } | null,
  dispatch: { enabled: boolean; reason: string },
): Promise<{ channel: ServerChannel; url: string }> {
  const { channel, first } = await WorkerChannel.start<
    ToServer,
    FromServer,
    Extract<FromServer, { type: "listening" | "error" }>
  >({
    url: WORKER_URLS.server,
    name: "hermes-server",
    permissions: serverPermissions(host.home, addr.host, addr.port, host.env),
    init: {
      type: "init",
      home: host.home,
      host: addr.host,
      port: addr.port,
      token: dashboardToken(host.home),
      metricsToken: metricsToken(host.home),
      tls,
      version: host.version,
      config: host.config,
      env: envRecord(),
      dispatch,
    },
    first: (m): m is Extract<FromServer, { type: "listening" | "error" }> =>
      m.type === "listening" || m.type === "error",
    timeoutMs: SERVER_START_MS,
    what: "dashboard",
  }).catch((e) => {
    throw new HermesError(
      `the dashboard could not start: ${
        (e as Error).message
      } (run with --no-dashboard to go without it)`,
      "dashboard_failed",
    );
  });
  if (first.type === "error") {
    channel.terminate();
    const what = /dashboard/i.test(first.message) ? first.message : `dashboard: ${first.message}`;
    throw new HermesError(
      `${what} (change dashboard.port or pass --port, or run with --no-dashboard)`,
      "dashboard_failed",
    );
  }
  return { channel, url: first.url };
}

/** Start the dispatcher and wait until it is ready; resolves with the boards it covers. */
export async function startDispatcher(
  host: WorkerHost,
): Promise<{ channel: DispatcherChannel; boards: string[] }> {
  const permissions = dispatcherPermissions(host.home, host.config, host.env);
  host.log.debug("dispatcher permissions", { run: (permissions.run as string[]).join(",") });
  const failed = (message: string) =>
    new HermesError(
      `the dispatcher could not start: ${message} ` +
        "(HERMES_KANBAN_DISPATCH_IN_GATEWAY=0 runs the gateway without it)",
      "dispatcher_failed",
    );
  const { channel, first } = await WorkerChannel.start<
    ToDispatcher,
    FromDispatcher,
    Extract<FromDispatcher, { type: "ready" | "fatal" }>
  >({
    url: WORKER_URLS.dispatcher,
    name: "hermes-dispatcher",
    permissions,
    init: {
      type: "init",
      home: host.home,
      config: host.config,
      env: envRecord(),
      version: host.version,
      intervalMs: intervalMs(host.config),
      initialDelayMs: initialDelayMs(host.config),
    },
    first: (m): m is Extract<FromDispatcher, { type: "ready" | "fatal" }> =>
      m.type === "ready" || m.type === "fatal",
    timeoutMs: DISPATCHER_START_MS,
    what: "dispatcher",
  }).catch((e) => {
    throw failed((e as Error).message);
  });
  if (first.type === "fatal") {
    channel.terminate();
    throw failed(first.message);
  }
  return { channel, boards: first.boards };
}

/** Start the notifier; a notifier that fails to start is logged, not fatal (resolves null). */
export async function startNotifier(host: WorkerHost): Promise<NotifierChannel | null> {
  const { log } = host;
  // Outside the try: a permission this process lacks is fatal, like for the other workers.
  const starting = WorkerChannel.start<
    NotifierCommand,
    NotifierReply,
    Extract<NotifierReply, { type: "ready" }>
  >({
    url: WORKER_URLS.notifier,
    name: "hermes-notifier",
    permissions: notifierPermissions(host.home, host.config, host.env),
    // The notifier takes kanban.notify from here, so it never parses config.yaml itself.
    init: {
      type: "init",
      home: host.home,
      env: envRecord(),
      notify: get(host.config, "kanban.notify"),
    },
    listen: (m) => {
      if (m.type === "log") log.part("notifier").log(m.level, m.message);
      else if (m.type === "error") log.part("notifier").error(`notifier: ${m.message}`);
    },
    first: (m): m is Extract<NotifierReply, { type: "ready" }> => m.type === "ready",
    timeoutMs: NOTIFIER_START_MS,
    what: "notifier",
  });
  try {
    return (await starting).channel;
  } catch (e) {
    log.error(`notifier did not start: ${(e as Error).message}`);
    return null;
  }
}

/** Relay between the workers: logs, stats, dispatch requests, wake-ups. */
export function relay(
  dispatcher: DispatcherChannel | null,
  server: ServerChannel | null,
  log: GatewayLog,
  onStats: (s: GatewayStats) => void,
): { dispatcherDied(): void } {
  let reported = false;
  const dispatcherLog = log.part("dispatcher");
  const serverLog = log.part("server");
  dispatcher?.on((m) => {
    switch (m.type) {
      case "log":
        dispatcherLog.log(m.level, m.message, m.props);
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
      case "proc_info":
        // The dashboard's Worker may run nothing; /proc is read here, for the pids it names.
        readProcessInfo(m.pids).then(
          (info) => server.send({ type: "proc_info_result", id: m.id, info: [...info.values()] }),
          (e: Error) =>
            server.send({ type: "proc_info_result", id: m.id, info: [], error: e.message }),
        );
        break;
      case "log":
        serverLog.log(m.level, m.message, m.props);
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

/** The running workers of one gateway (null: not started). */
export interface Workers {
  server: ServerChannel | null;
  dispatcher: DispatcherChannel | null;
  notifier: NotifierChannel | null;
}

/** Ask every worker to finish within `budgetMs`, then terminate them. */
export async function stopWorkers(
  w: Workers,
  stopRunning: boolean,
  budgetMs: number,
  notifierBudgetMs: number,
  log: GatewayLog,
): Promise<void> {
  const deadline = Date.now() + budgetMs;
  const waits: Promise<unknown>[] = [];
  const { server, dispatcher, notifier } = w;
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
    dispatcher.send({ type: "shutdown", stopWorkers: stopRunning });
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
  // The notifier finishes the delivery in flight.
  if (notifier && !notifier.dead) {
    notifier.send({ type: "stop" });
    waits.push(
      notifier.waitFor(
        (m): m is Extract<NotifierReply, { type: "stopped" }> => m.type === "stopped",
        notifierBudgetMs,
        "notifier shutdown",
      ).catch(() => {}),
    );
  }
  await Promise.all(waits);
  terminateWorkers(w);
}

/** Stop every worker at once. */
export function terminateWorkers(w: Workers): void {
  w.server?.terminate();
  w.dispatcher?.terminate();
  w.notifier?.terminate();
}
