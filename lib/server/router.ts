/** A small route table: method + path pattern (`/tasks/:id`) → handler. */

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

/** The outcome of matching a path: a handler, a path with other methods only, or nothing. */
export type Match =
  | { kind: "found"; handler: RouteHandler; params: Record<string, string> }
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split("/");
  const xs = path.split("/");
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(":")) {
      if (xs[i] === "") return null;
      params[ps[i].slice(1)] = xs[i];
    } else if (ps[i] !== xs[i]) return null;
  }
  return params;
}

/** Find the route for `method` and `path` (already decoded segments are not re-decoded). */
export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  const allowed: string[] = [];
  for (const r of routes) {
    const params = matchPattern(r.pattern, path);
    if (!params) continue;
    if (r.method === method || (method === "HEAD" && r.method === "GET")) {
      return { kind: "found", handler: r.handler, params };
    }
    allowed.push(r.method);
  }
  return allowed.length ? { kind: "method", allowed } : { kind: "none" };
}
