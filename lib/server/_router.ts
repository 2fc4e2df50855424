/**
 * Route tables on hono: a row is method + hono path pattern (`/tasks/:id`) + a handler that
 * receives a `RouteContext`; `mountRoutes` registers a table on the app, and `allowedMethods`
 * asks hono's own router which methods a path takes (for a 405's Allow header).
 */

import type { HonoBase } from "hono/hono-base";

/** What the fetch handler hands hono with each request (hono's `env`). */
export interface ServerBindings {
  /** The request URL, parsed once. */
  url: URL;
  /** Who is asking: the peer's address (keys per-client limits), or "unknown". */
  peer: string;
}

/** The hono environment of the dashboard app. */
export type ServerEnv = { Bindings: ServerBindings };

/** The dashboard's hono app. */
export type ServerApp = HonoBase<ServerEnv>;

/** What a route handler receives. */
export interface RouteContext {
  req: Request;
  url: URL;
  params: Record<string, string>;
  /** Who is asking: the peer's address (keys per-client limits), or "unknown". */
  peer: string;
}

/** A route handler. */
export type RouteHandler = (c: RouteContext) => Response | Promise<Response>;

/** One row of the table. */
export interface Route {
  method: string;
  pattern: string;
  handler: RouteHandler;
}

/** Register every row of `routes` on `app` (HEAD is served by the GET row, as hono does). */
export function mountRoutes(app: ServerApp, routes: readonly Route[]): void {
  for (const r of routes) {
    app.on(r.method, r.pattern, (c) =>
      r.handler({
        req: c.req.raw,
        url: c.env.url,
        params: c.req.param() as Record<string, string>,
        peer: c.env.peer,
      }));
  }
}

/** The methods routes of `app` answer on `path` (middleware excluded), in the order given. */
export function allowedMethods(
  app: ServerApp,
  methods: readonly string[],
  path: string,
): string[] {
  return methods.filter((m) =>
    app.router.match(m, path)[0].some(([[, route]]) => route.method === m)
  );
}
