/** The dashboard's access token: random, made on first start, kept in `<home>/dashboard.token` (0600). */

import { writePrivateAtomic } from "../config/private_file.ts";

/** Path of the token file. */
export function tokenPath(home: string): string {
  return `${home}/dashboard.token`;
}

/** Read the token, creating it on first use. */
export function dashboardToken(home: string): string {
  const path = tokenPath(home);
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

/** The URL people open: the dashboard's address with the token, which the page turns into a cookie. */
export function dashboardUrl(listening: string, token: string): string {
  const u = new URL(listening);
  u.searchParams.set("token", token);
  return u.toString();
}
