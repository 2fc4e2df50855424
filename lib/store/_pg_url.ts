/**
 * A PostgreSQL board's address: the `postgres://` URL of `kanban.db_url` /
 * `HERMES_KANBAN_DB_URL`, turned into connection options, with the password taken from the URL,
 * else `PGPASSWORD`, else the password file (`PGPASSFILE` or `~/.pgpass`, as libpq reads it).
 * `redactUrl` is the one place a URL is made fit to print: no message, log line or status
 * output shows a password.
 */

import { UsageError } from "../board/errors.ts";

/** Looks up an environment variable. */
export type EnvLookup = (name: string) => string | undefined;

/** What the bridge needs to open connections to one database. */
export interface PgOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | null;
  /** `disable`, `prefer`, `require`, `verify-full`… as libpq's sslmode. */
  sslmode: string | null;
  /** The URL without its password, for messages. */
  display: string;
}

/** True when `url` names a PostgreSQL database (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** `url` with its password (if any) replaced by `***`; anything unparsable is cut to its scheme. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    if (u.password) u.password = "***";
    for (const k of [...u.searchParams.keys()]) {
      if (k.toLowerCase() === "password") u.searchParams.set(k, "***");
    }
    return u.toString();
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url.trim())?.[0] ?? "";
    return `${scheme}//… (unparsable URL)`;
  }
}

/** `text` with every occurrence of `secret` replaced by `***` (for driver error messages). */
export function scrub(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join("***");
}

/** Parse a database URL and find its password. Throws a usage error naming the redacted URL. */
export function pgOptions(url: string, env: EnvLookup, home: string | undefined): PgOptions {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new UsageError(`kanban.db_url is not a URL: ${redactUrl(url)}`, "bad_db_url");
  }
  if (!isPostgresUrl(url)) {
    throw new UsageError(
      `kanban.db_url must start with postgres:// (got ${redactUrl(url)})`,
      "bad_db_url",
    );
  }
  const q = u.searchParams;
  const host = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, "")) || q.get("host") ||
    env("PGHOST") || "localhost";
  const port = Number(u.port || q.get("port") || env("PGPORT") || 5432);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new UsageError(`bad port in ${redactUrl(url)}`, "bad_db_url");
  }
  const user = decodeURIComponent(u.username) || q.get("user") || env("PGUSER") ||
    env("USER") || "postgres";
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || q.get("dbname") ||
    env("PGDATABASE") || user;
  const password = u.password ? decodeURIComponent(u.password) : q.get("password") ??
    env("PGPASSWORD") ?? passFilePassword({ host, port, database, user }, env, home);
  return {
    host,
    port,
    database,
    user,
    password: password ?? null,
    sslmode: q.get("sslmode") ?? env("PGSSLMODE") ?? null,
    display: redactUrl(url),
  };
}

/**
 * The password the password file gives `target`, or undefined: lines
 * `host:port:database:user:password`, `*` matching anything, `\` escaping `:` and `\`, the
 * first match wins. As libpq, a file readable by group or others is ignored.
 */
export function passFilePassword(
  target: { host: string; port: number; database: string; user: string },
  env: EnvLookup,
  home: string | undefined,
): string | undefined {
  const file = env("PGPASSFILE") || (home ? `${home}/.pgpass` : undefined);
  if (!file) return undefined;
  let text: string;
  try {
    const st = Deno.statSync(file);
    if (!st.isFile || (st.mode !== null && (st.mode & 0o077) !== 0)) return undefined;
    text = Deno.readTextFileSync(file);
  } catch {
    return undefined;
  }
  const want = [target.host, String(target.port), target.database, target.user];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const fields = splitPassLine(line);
    if (fields.length < 5) continue;
    const hosts = target.host.startsWith("/") ? ["localhost", want[0]] : [want[0]];
    const match = (f: string, w: string | string[]) =>
      f === "*" || (Array.isArray(w) ? w.includes(f) : f === w);
    if (
      match(fields[0], hosts) && match(fields[1], want[1]) && match(fields[2], want[2]) &&
      match(fields[3], want[3])
    ) return fields.slice(4).join(":");
  }
  return undefined;
}

function splitPassLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length) cur += line[++i];
    else if (c === ":" && out.length < 4) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}
