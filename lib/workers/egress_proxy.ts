/**
 * The network of a confined worker whose profile lists hosts (`network: [host, …]`): the
 * worker has its own empty network namespace, and its only way out is an HTTP CONNECT
 * proxy that the dispatcher serves on a Unix socket bound into the sandbox. The proxy
 * opens a tunnel only to a listed host and port (HTTPS; plain HTTP requests are refused),
 * so a hostile worker can reach its provider's API and nothing else.
 */

/** One allowed destination. */
interface Allowed {
  host: string;
  port: number;
}

/** Port a host entry without `:port` allows. */
export const DEFAULT_PROXY_PORT = 443;

/** `host` or `host:port` as an allowed destination (host lower-cased, no trailing dot). */
export function parseHostEntry(entry: string): Allowed {
  const m = /^(.+?)(?::(\d{1,5}))?$/.exec(entry.trim());
  const host = (m?.[1] ?? "").toLowerCase().replace(/\.$/, "");
  const port = m?.[2] ? Number(m[2]) : DEFAULT_PROXY_PORT;
  return { host, port };
}

/** `host:port` of each entry, as Deno's --allow-net takes them. */
export function netPermissions(entries: readonly string[]): string[] {
  return entries.map((e) => {
    const { host, port } = parseHostEntry(e);
    return `${host}:${port}`;
  });
}

/** The target of `CONNECT host:port HTTP/1.x`, or null for anything else. */
export function connectTarget(head: string): Allowed | null {
  const line = head.split("\r\n", 1)[0];
  const m = /^CONNECT (\[[0-9A-Fa-f:.]+\]|[^\s:/]+):(\d{1,5}) HTTP\/1\.[01]$/.exec(line);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1].toLowerCase().replace(/\.$/, ""), port };
}

const MAX_HEAD = 8192;
const DIAL_TIMEOUT_MS = 10_000;
const enc = new TextEncoder();

function reply(status: string, text: string): Uint8Array {
  return enc.encode(
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n` +
      `Content-Length: ${enc.encode(text).length}\r\n\r\n${text}`,
  );
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

/** Read a request head (through the blank line); extra bytes after it are returned too. */
async function readHead(conn: Deno.Conn): Promise<{ head: string; rest: Uint8Array } | null> {
  const buf = new Uint8Array(MAX_HEAD);
  let len = 0;
  while (len < MAX_HEAD) {
    const n = await conn.read(buf.subarray(len));
    if (n === null) return null;
    len += n;
    const text = new TextDecoder("latin1").decode(buf.subarray(0, len));
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) return { head: text.slice(0, end), rest: buf.slice(end + 4, len) };
  }
  return null;
}

/** Why a connection was refused or failed, for the dispatcher's log. */
export type ProxyLog = (message: string) => void;

/** A CONNECT proxy on a Unix socket that tunnels only to the listed hosts. */
export class EgressProxy {
  readonly path: string;
  readonly #allowed: Allowed[];
  readonly #log: ProxyLog;
  #listener: Deno.Listener | null = null;
  readonly #open = new Set<Deno.Conn>();

  constructor(path: string, hosts: readonly string[], log: ProxyLog = () => {}) {
    this.path = path;
    this.#allowed = hosts.map(parseHostEntry);
    this.#log = log;
  }

  /** Whether `host:port` is on the list. */
  allows(host: string, port: number): boolean {
    return this.#allowed.some((a) => a.host === host && a.port === port);
  }

  /** Listen (replacing a stale socket file left by an earlier process). */
  start(): void {
    if (this.#listener) return;
    try {
      Deno.removeSync(this.path);
    } catch { /* none */ }
    this.#listener = Deno.listen({ transport: "unix", path: this.path });
    // Only the owner (and the sandboxes it binds it into) may connect.
    Deno.chmodSync(this.path, 0o600);
    this.#serve(this.#listener);
  }

  async #serve(listener: Deno.Listener): Promise<void> {
    try {
      for await (const conn of listener) this.#handle(conn).catch(() => {});
    } catch { /* closed */ }
  }

  async #handle(conn: Deno.Conn): Promise<void> {
    this.#open.add(conn);
    let upstream: Deno.TcpConn | null = null;
    try {
      const req = await readHead(conn);
      if (!req) return;
      const target = connectTarget(req.head);
      if (!target) {
        await writeAll(
          conn,
          reply(
            "405 Method Not Allowed",
            "hermes: only HTTPS tunnels (CONNECT host:port) leave this sandbox\n",
          ),
        );
        return;
      }
      const where = `${target.host}:${target.port}`;
      if (!this.allows(target.host, target.port)) {
        this.#log(`worker proxy refused ${where}: not in the profile's network list`);
        await writeAll(
          conn,
          reply("403 Forbidden", `hermes: ${where} is not in this profile's network list\n`),
        );
        return;
      }
      try {
        upstream = await Promise.race([
          Deno.connect({ hostname: target.host.replace(/^\[|\]$/g, ""), port: target.port }),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("timed out")), DIAL_TIMEOUT_MS)
          ),
        ]);
      } catch (e) {
        this.#log(`worker proxy could not reach ${where}: ${(e as Error).message}`);
        await writeAll(conn, reply("502 Bad Gateway", `hermes: cannot reach ${where}\n`));
        return;
      }
      await writeAll(conn, enc.encode("HTTP/1.1 200 Connection established\r\n\r\n"));
      if (req.rest.length) await writeAll(upstream, req.rest);
      const up = upstream;
      await Promise.allSettled([
        conn.readable.pipeTo(up.writable),
        up.readable.pipeTo(conn.writable),
      ]);
    } finally {
      this.#open.delete(conn);
      for (const c of [conn, upstream]) {
        try {
          c?.close();
        } catch { /* closed by a stream */ }
      }
    }
  }

  /** Stop listening and drop open tunnels. The socket file stays for the next dispatcher. */
  close(): void {
    try {
      this.#listener?.close();
    } catch { /* closed */ }
    this.#listener = null;
    for (const c of this.#open) {
      try {
        c.close();
      } catch { /* closed */ }
    }
    this.#open.clear();
  }
}

/**
 * Where the egress proxy of a profile listens: one per HERMES_HOME and profile (every board's
 * dispatcher in a process shares it, as they share the profile), in a directory of its own
 * that the profile's sandboxes bind, so a proxy restarted by the next dispatcher reaches the
 * workers it adopts and no profile's worker sees another profile's proxy.
 */
export function proxySocketPath(home: string, profile: string): string {
  return `${home}/kanban/net/${profile}/proxy.sock`;
}

const shared = new Map<string, { proxy: EgressProxy; hosts: string; users: number }>();

/**
 * The running proxy at `path` for `hosts`, started on first use and shared by the
 * dispatchers of this process; give it back with releaseProxy. A changed host list
 * replaces the proxy.
 */
export function acquireProxy(
  path: string,
  hosts: readonly string[],
  log: ProxyLog = () => {},
): EgressProxy {
  const key = hosts.join(",");
  const had = shared.get(path);
  if (had && had.hosts === key) {
    had.users++;
    return had.proxy;
  }
  const proxy = new EgressProxy(path, hosts, log);
  proxy.start();
  had?.proxy.close();
  shared.set(path, { proxy, hosts: key, users: (had?.users ?? 0) + 1 });
  return proxy;
}

/** Give back a proxy from acquireProxy; the last user closes it. */
export function releaseProxy(proxy: EgressProxy): void {
  const had = shared.get(proxy.path);
  if (!had || had.proxy !== proxy) {
    proxy.close();
    return;
  }
  if (--had.users > 0) return;
  shared.delete(proxy.path);
  proxy.close();
}
