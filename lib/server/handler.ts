/**
 * The dashboard as one fetch handler: a hono app whose middleware makes the security checks,
 * then the routes (API, page, assets, health, metrics), with every error mapped in `onError`.
 * `Deno.serve(createHandler(opts))` runs it; the gateway does so inside a Worker
 * (lib/server/worker.ts).
 */

import { UsageError } from "../board/errors.ts";
import type { Config } from "../config/config.ts";
import { KEYS } from "../config/keys.ts";
import type { GatewayStats } from "../gateway/messages.ts";
import { dispatcherPresence } from "../gateway/presence.ts";
import type { Clock } from "../store/mod.ts";
import { systemClock } from "../store/mod.ts";
import { boardsOnDisk } from "../store/boards.ts";
import { type ProcessInfo, readProcessInfo } from "../workers/proc_reader.ts";
import { HonoBase } from "hono/hono-base";
import { TrieRouter } from "hono/router/trie-router";
import { ASSET_PATHS, assetResponse, shellResponse } from "./_assets.ts";
import { BoardRegistry } from "./_board_registry.ts";
import { EventHub, type EventHubOptions } from "./_events.ts";
import { API_PREFIX, kanbanRoutes } from "./kanban_api.ts";
import { type BoardCounts, renderMetrics } from "./metrics.ts";
import { BASE_HEADERS, errorResponse, fromError, HttpError, json } from "./responses.ts";
import {
  allowedMethods,
  mountRoutes,
  type Route,
  type ServerApp,
  type ServerEnv,
} from "./_router.ts";
import {
  apiCheck,
  checkMetricsToken,
  checkToken,
  constantTimeEqual,
  type Guard,
  siteCheck,
  tokenCookie,
} from "./security.ts";

/** Log levels the handler reports at: hermes's one vocabulary (lib/log). */
export type ServerLogLevel = import("../log/logger.ts").LogLevel;

/** What the dashboard needs from its host. */
export interface HandlerOptions {
  /** HERMES_HOME. */
  home: string;
  /** The access token every data route requires (at least 16 characters). */
  token: string;
  /** The read-only token `/metrics` takes; without it `/metrics` answers 404. */
  metricsToken?: string;
  /** The address the server listens on; default 127.0.0.1. */
  host?: string;
  /** The port, when known before listening (else call `setPort`). */
  port?: number;
  version?: string;
  /** Resolved configuration (missing keys take their defaults). */
  config?: Config;
  clock?: Clock;
  /** Is a dispatcher going to pick up ready tasks? Default: the presence probe on `home`. */
  presence?: () => Promise<{ running: boolean; message: string }>;
  /** Run one dispatcher tick; absent when this process has no dispatcher. */
  dispatch?: (req: { dryRun: boolean; max: number | null }) => Promise<unknown>;
  /** Why there is no dispatcher, for the 503 of POST /dispatch. */
  noDispatcherReason?: string;
  /** Latest dispatcher stats for /metrics (null before the first). */
  stats?: () => GatewayStats | null;
  /** Called after every API write to a board (the gateway wakes its dispatcher). */
  onWrite?: (board: string) => void;
  log?: (level: ServerLogLevel, message: string, props?: Record<string, unknown>) => void;
  /** Live-event tuning. */
  events?: EventHubOptions;
  /**
   * What /proc says of the given pids (run inspection). Default: read here, which the gateway's
   * dashboard Worker may not (it runs nothing), so the gateway asks its main process instead.
   */
  processInfo?: (pids: number[]) => Promise<Map<number, ProcessInfo>>;
}

/** The handler plus what its host needs to manage it. */
export interface DashboardHandler {
  (req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
  /** Tell the handler its port once the listener has one (Host check, cookie name). */
  setPort(port: number): void;
  /** Open live-event clients. */
  sseClients(): number;
  /** Close boards and event feeds. */
  close(): void;
}

/** The methods API routes use, in the order a 405's Allow header lists them. */
const API_METHODS = ["GET", "POST", "PATCH", "DELETE"] as const;

/** The live-event stream: its token may come in the query string (EventSource sends no headers). */
const EVENTS_PATH = `${API_PREFIX}/events`;

/** True for `/api` and every path under it. */
function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** Shortest token accepted: anything shorter is guessable. */
export const MIN_TOKEN_LENGTH = 16;

function fullConfig(config: Config | undefined): Config {
  const out = new Map(KEYS.map((k) => [k.name, k.default as unknown]));
  if (config) { for (const [k, v] of config) out.set(k, v); }
  return out;
}

/** Build the dashboard's fetch handler. */
export function createHandler(opts: HandlerOptions): DashboardHandler {
  if (!opts.token || opts.token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(
      `the dashboard needs a token of at least ${MIN_TOKEN_LENGTH} characters`,
      "bad_token",
    );
  }
  if (opts.metricsToken !== undefined && opts.metricsToken.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(
      `the metrics token needs at least ${MIN_TOKEN_LENGTH} characters`,
      "bad_token",
    );
  }
  if (opts.metricsToken !== undefined && constantTimeEqual(opts.metricsToken, opts.token)) {
    throw new UsageError("the metrics token must differ from the dashboard token", "bad_token");
  }
  let port = opts.port ?? 0;
  const guard: Guard = {
    token: opts.token,
    listenHost: opts.host ?? "127.0.0.1",
    port: () => port,
  };
  const log = opts.log ?? (() => {});
  const logErr = (msg: string, err: unknown) =>
    log("error", msg, {
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  const clock = opts.clock ?? systemClock;
  const version = opts.version ?? "dev";
  const boards = new BoardRegistry(opts.home, clock);
  const hub = new EventHub(opts.home, { log: logErr, ...opts.events });
  const presence = opts.presence ?? (() => dispatcherPresence(opts.home, () => undefined));

  const api: Route[] = kanbanRoutes({
    home: opts.home,
    boards,
    hub,
    config: fullConfig(opts.config),
    version,
    now: clock,
    presence,
    dispatcher: {
      dispatch: opts.dispatch ?? null,
      unavailableReason: () =>
        `no dispatcher here${
          opts.noDispatcherReason ? ` (${opts.noDispatcherReason})` : ""
        }: start the gateway with 'hermes gateway start', or run 'hermes kanban dispatch'`,
    },
    onWrite: (board) => {
      hub.nudge(board);
      try {
        opts.onWrite?.(board);
      } catch (e) {
        logErr("onWrite hook failed", e);
      }
    },
    log: (level, msg, err) => level === "error" ? logErr(msg, err) : log(level, msg),
    processInfo: opts.processInfo ?? readProcessInfo,
  });

  const metrics = (): Response => {
    const counts: BoardCounts[] = [];
    for (const name of boardsOnDisk(opts.home)) {
      try {
        counts.push({ board: name, ...boards.get(name).metricCounts() });
      } catch (e) {
        log("warning", `metrics: board '${name}' unreadable`, { error: String(e) });
      }
    }
    const text = renderMetrics(counts, opts.stats?.() ?? null, {
      sseClients: hub.clientCount(),
      version,
    });
    return new Response(text, {
      headers: { ...BASE_HEADERS, "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    });
  };

  const page = (url: URL): Response => {
    const presented = url.searchParams.get("token");
    if (presented === null) return shellResponse();
    // Trade the token in the URL for a cookie, then drop it from the address bar.
    const rest = new URLSearchParams(url.searchParams);
    rest.delete("token");
    const q = rest.toString();
    try {
      checkToken(
        new Request(url, { headers: { authorization: `Bearer ${presented}` } }),
        url,
        guard,
      );
    } catch {
      return shellResponse();
    }
    return new Response(null, {
      status: 303,
      headers: {
        ...BASE_HEADERS,
        location: q ? `/?${q}` : "/",
        "set-cookie": tokenCookie(opts.token, port),
      },
    });
  };

  const app: ServerApp = new HonoBase<ServerEnv>({
    // The trie router is the one hono's default picks for this table anyway (its regexp router
    // refuses `/tasks/bulk` beside `/tasks/:id/comments`); naming it skips loading the other two.
    router: new TrieRouter(),
    // The path as sent (not percent-decoded): routes match exactly what the client wrote.
    getPath: (_req, o) => o!.env!.url.pathname,
  });
  app.onError((e) => fromError(e, logErr));
  app.notFound((c) => {
    const path = c.env.url.pathname;
    const method = c.req.method;
    if (!isApiPath(path)) return errorResponse(404, "not_found", `nothing at ${path}`);
    const allowed = allowedMethods(app, API_METHODS, path);
    if (allowed.length === 0) {
      return errorResponse(404, "not_found", `no API route ${method} ${path}`);
    }
    return errorResponse(
      405,
      "method_not_allowed",
      `${method} is not allowed on ${path} (allowed: ${allowed.join(", ")})`,
      { allow: allowed.join(", ") },
    );
  });
  app.use(siteCheck(guard));
  // hono answers HEAD with the GET route's headers and drops its body without cancelling it:
  // cancel the event stream's, so that a HEAD of it does not keep a live-event slot.
  app.use(EVENTS_PATH, async (c, next) => {
    await next();
    if (c.req.method === "HEAD") await c.res.body?.cancel();
  });
  app.all("/healthz", () => json({ ok: true, version }));
  app.get("/", (c) => page(c.env.url));
  app.get("/index.html", (c) => page(c.env.url));
  for (const path of ASSET_PATHS) app.get(path, () => assetResponse(path)!);
  app.all("/metrics", (c) => {
    if (opts.metricsToken === undefined) {
      throw new HttpError("not_found", "not_found", "no metrics here");
    }
    checkMetricsToken(c.req.raw, opts.metricsToken);
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      throw new HttpError(
        "method_not_allowed",
        "method_not_allowed",
        `${method} is not allowed on /metrics`,
        {
          allow: "GET",
        },
      );
    }
    return metrics();
  });
  // "/api/*" covers /api itself too.
  app.use("/api/*", apiCheck(guard, EVENTS_PATH));
  mountRoutes(app, api);

  const handle = async (req: Request, info?: Deno.ServeHandlerInfo): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return errorResponse(400, "bad_request", "malformed request URL");
    }
    const peer = (info?.remoteAddr as Deno.NetAddr | undefined)?.hostname ?? "unknown";
    try {
      return await app.fetch(req, { url, peer });
    } catch (e) {
      // hono hands only Error instances to onError; anything else thrown ends here.
      return fromError(e, logErr);
    }
  };

  return Object.assign(handle, {
    setPort(p: number) {
      port = p;
    },
    sseClients: () => hub.clientCount(),
    close() {
      hub.close();
      boards.close();
    },
  });
}
