/**
 * The gateway's tokens, random, made on first start, each in its own 0600 file under HERMES_HOME:
 * `dashboard.token` opens the board and its API; `metrics.token` only reads `/metrics`, so a
 * Prometheus scrape config never holds a credential that can change the board.
 */

import { writePrivateAtomic } from "../config/private_file.ts";

/** Path of the dashboard token file. */
export function tokenPath(home: string): string {
  return `${home}/dashboard.token`;
}

/** Path of the metrics token file. */
export function metricsTokenPath(home: string): string {
  return `${home}/metrics.token`;
}

/** Read the token at `path`, creating it on first use. */
function readOrMakeToken(path: string): string {
  try {
    const t = Deno.readTextFileSync(path).trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(t)) return t;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
  writePrivateAtomic(path, token + "\n");
  return token;
}

/** Read the dashboard token, creating it on first use. */
export function dashboardToken(home: string): string {
  return readOrMakeToken(tokenPath(home));
}

/** Read the read-only metrics token, creating it on first use. */
export function metricsToken(home: string): string {
  return readOrMakeToken(metricsTokenPath(home));
}

/** The URL people open: the dashboard's address with the token, which the page turns into a cookie. */
export function dashboardUrl(listening: string, token: string): string {
  const u = new URL(listening);
  u.searchParams.set("token", token);
  return u.toString();
}
