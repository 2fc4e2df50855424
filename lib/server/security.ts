/**
 * Who may talk to the dashboard. Every data route needs the token (bearer header or the
 * cookie the page sets); the Host header must name this server (DNS rebinding); a browser
 * request must come from this origin (cross-site requests and CSRF).
 */

import type { MiddlewareHandler } from "hono";
import { mediaType, notJson } from "./_body.ts";
import { HttpError } from "./responses.ts";
import type { ServerEnv } from "./_router.ts";

/** Loopback host names always accepted in the Host header. */
const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** The name of the cookie holding the token; per port, since cookies ignore ports. */
export function cookieName(port: number): string {
  return `hermes_token_${port}`;
}

/** Compare two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const enc = new TextEncoder();
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Read a cookie's value from a request. */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** What the checks need to know about this server. */
export interface Guard {
  token: string;
  /** The address the server listens on (as configured). */
  listenHost: string;
  /** The port it listens on (0 before it is known: then any port is accepted). */
  port: () => number;
}

/** True for an IP literal (v4 or bracketed v6): such a Host cannot be a rebinding domain. */
function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-fA-F:.]+\]$/.test(host);
}

function splitHost(value: string): { host: string; port: string | null } {
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    if (end < 0) return { host: value, port: null };
    const rest = value.slice(end + 1);
    return {
      host: value.slice(0, end + 1).toLowerCase(),
      port: rest.startsWith(":") ? rest.slice(1) : null,
    };
  }
  const colon = value.lastIndexOf(":");
  if (colon < 0) return { host: value.toLowerCase(), port: null };
  return { host: value.slice(0, colon).toLowerCase(), port: value.slice(colon + 1) };
}

function wildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/**
 * The host the client asked for: the Host header, or under HTTP/2 (which browsers use over TLS)
 * the `:authority`, which the server puts in the request URL instead.
 */
function requestHost(req: Request): string | null {
  const header = req.headers.get("host");
  if (header !== null) return header;
  try {
    return new URL(req.url).host || null;
  } catch {
    return null;
  }
}

/**
 * Check the Host header. Accepted: loopback names, the configured listen host, and, when
 * listening on every interface, any IP literal (a rebinding attack needs a domain name).
 */
export function checkHost(req: Request, guard: Guard): void {
  const value = requestHost(req);
  if (!value) throw new HttpError("usage", "bad_host", "missing Host header");
  const { host, port } = splitHost(value.trim());
  const listen = guard.listenHost.toLowerCase();
  const listenName = listen.includes(":") && !listen.startsWith("[") ? `[${listen}]` : listen;
  const ok = LOOPBACK_NAMES.has(host) || host === listenName ||
    (wildcard(listen) && isIpLiteral(host));
  if (!ok) {
    throw new HttpError(
      "misdirected",
      "bad_host",
      `Host '${value}' is not this dashboard's address; open it as http://127.0.0.1:${guard.port()}/`,
    );
  }
  const want = guard.port();
  if (want !== 0 && port !== null && port !== String(want)) {
    throw new HttpError(
      "misdirected",
      "bad_host",
      `Host '${value}' names another port than ${want}`,
    );
  }
}

/** `Sec-Fetch-Site` values that pass: this origin, or the person typing the address themselves. */
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

/**
 * Check that a browser request comes from this origin. Only `Sec-Fetch-Site: same-origin` or
 * `none` pass: `same-site` is refused too, since every other port on this host (any local web
 * app) is the same site. Requests without the header or Origin (curl, API clients) pass; they
 * still need the token.
 */
export function checkOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && !ALLOWED_FETCH_SITES.has(site.trim().toLowerCase())) {
    throw new HttpError("permission", "cross_origin", `${site} requests are refused`);
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  const host = requestHost(req) ?? "";
  if (origin !== `http://${host}` && origin !== `https://${host}`) {
    throw new HttpError(
      "permission",
      "cross_origin",
      `requests from origin '${origin}' are refused`,
    );
  }
}

/** Where the token may come from on this route. */
export interface TokenSources {
  /** Accept `?token=` (only the event stream: EventSource cannot send headers). */
  query?: boolean;
}

/** Check the token (bearer header, cookie, or for the event stream the query string). */
export function checkToken(req: Request, url: URL, guard: Guard, sources: TokenSources = {}): void {
  const auth = req.headers.get("authorization");
  let presented: string | null = null;
  if (auth !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) {
      throw new HttpError(
        "unauthorized",
        "unauthorized",
        "Authorization must be 'Bearer <token>'",
        {
          "www-authenticate": "Bearer",
        },
      );
    }
    presented = m[1];
  } else {
    presented = readCookie(req, cookieName(guard.port())) ??
      (sources.query ? url.searchParams.get("token") : null);
  }
  if (presented === null || !constantTimeEqual(presented, guard.token)) {
    throw new HttpError(
      "unauthorized",
      "unauthorized",
      presented === null
        ? "this dashboard needs its token: open the URL 'hermes gateway status' prints, or send 'Authorization: Bearer <token>'"
        : "wrong token: open the URL 'hermes gateway status' prints, or send the current token",
      { "www-authenticate": "Bearer" },
    );
  }
}

/**
 * Check the read-only metrics token: a bearer header only (scrapers send headers, and a browser
 * cookie holds the dashboard token, which is not accepted here).
 */
export function checkMetricsToken(req: Request, expected: string): void {
  const auth = req.headers.get("authorization");
  const m = auth === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m || !constantTimeEqual(m[1], expected)) {
    throw new HttpError(
      "unauthorized",
      "unauthorized",
      "/metrics needs 'Authorization: Bearer <token>' with the token in <HERMES_HOME>/metrics.token",
      { "www-authenticate": "Bearer" },
    );
  }
}

/** The Set-Cookie header value that stores the token for this port. */
export function tokenCookie(token: string, port: number): string {
  return `${cookieName(port)}=${
    encodeURIComponent(token)
  }; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`;
}

/** Middleware run before every route: the Host check (DNS rebinding), then the Origin check. */
export function siteCheck(guard: Guard): MiddlewareHandler<ServerEnv> {
  return (c, next) => {
    checkHost(c.req.raw, guard);
    checkOrigin(c.req.raw);
    return next();
  };
}

/**
 * Middleware run before every API route, known or not: the token (from the query string too on
 * `queryTokenPath`, the event stream), then JSON-only writes.
 */
export function apiCheck(
  guard: Guard,
  queryTokenPath: string,
  uploadPath?: RegExp,
): MiddlewareHandler<ServerEnv> {
  return (c, next) => {
    const req = c.req.raw;
    const url = c.env.url;
    checkToken(req, url, guard, { query: url.pathname === queryTokenPath });
    if (req.method !== "GET" && req.method !== "HEAD") {
      const type = mediaType(req);
      // Simple cross-site form posts cannot send JSON: requiring it closes that door too. The
      // one upload route takes a file (multipart, as Hermes's, or raw); the token, which a
      // cross-site form cannot send (a SameSite=Strict cookie or a header), guards it.
      const upload = req.method === "POST" && uploadPath?.test(url.pathname) &&
        (type === "multipart/form-data" || type === "application/octet-stream");
      if (req.body !== null && type !== "" && type !== "application/json" && !upload) {
        throw notJson();
      }
    }
    return next();
  };
}
