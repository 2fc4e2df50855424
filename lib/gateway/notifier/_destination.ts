/**
 * Where a webhook may be delivered. A notification carries task titles and bodies, and a URL
 * written by anyone who can subscribe must not turn the gateway into a probe of this machine or
 * its network: loopback, link-local (cloud metadata), private and other non-global addresses are
 * refused after DNS resolution unless the sink says `allow_private: true`.
 */

/** Parse a dotted IPv4 address into its four bytes, or null. */
function ipv4Bytes(ip: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const b = m.slice(1).map(Number);
  return b.every((x) => x <= 255) ? b : null;
}

/** Why an IPv4 address is not a public destination, or null when it is. */
function ipv4Reason(b: number[]): string | null {
  const [a, c] = b;
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return "private";
  if (a === 169 && c === 254) return "link-local";
  if (a === 100 && c >= 64 && c <= 127) return "shared (carrier-grade NAT)";
  if (a === 0) return "unspecified";
  if (a >= 224) return "multicast or reserved";
  if (a === 198 && (c === 18 || c === 19)) return "benchmarking";
  if (a === 192 && c === 0 && b[2] === 0) return "IETF protocol";
  return null;
}

/** Expand an IPv6 address into its eight 16-bit groups, or null. */
function ipv6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase().replace(/^\[|\]$/g, "");
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  const v4 = ipv4Bytes(s.slice(lastColon + 1));
  if (v4) {
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    s = s.slice(0, lastColon + 1) + "0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string) => h === "" ? [] : h.split(":").map((g) => parseInt(g, 16));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  let groups = halves.length === 2
    ? [...head, ...Array(8 - head.length - rest.length).fill(0), ...rest]
    : head;
  if (tail.length) groups = [...groups.slice(0, 6), ...tail];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) {
    return null;
  }
  return groups;
}

/** Why an IPv6 address is not a public destination, or null when it is. */
function ipv6Reason(g: number[]): string | null {
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && g[7] === 1) return "loopback";
  if (zeroTo(8)) return "unspecified";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d).
  if ((zeroTo(5) && g[5] === 0xffff) || zeroTo(6) || (g[0] === 0x64 && g[1] === 0xff9b)) {
    return ipv4Reason([g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]);
  }
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xfe00) === 0xfc00) return "private (unique local)";
  if ((g[0] & 0xffc0) === 0xfec0) return "site-local";
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  return null;
}

/** Why `ip` (an IPv4 or IPv6 literal) is not a public destination, or null when it is. */
export function nonPublicReason(ip: string): string | null {
  const v4 = ipv4Bytes(ip);
  if (v4) return ipv4Reason(v4);
  const v6 = ipv6Groups(ip);
  if (v6) return ipv6Reason(v6);
  return "not an IP address";
}

/** How a host name is turned into addresses (Deno.resolveDns by default; tests pass their own). */
export type Resolver = (host: string) => Promise<string[]>;

/** Resolve A and AAAA records; a name with neither is an error. */
export async function resolveHost(host: string): Promise<string[]> {
  const found: string[] = [];
  const errors: string[] = [];
  for (const type of ["A", "AAAA"] as const) {
    try {
      found.push(...await Deno.resolveDns(host, type));
    } catch (e) {
      // Not allowed to ask the DNS servers: the caller says what to do about it.
      if (e instanceof Deno.errors.NotCapable) throw e;
      errors.push((e as Error).message);
    }
  }
  if (found.length === 0) {
    throw new Error(`cannot resolve ${host}${errors.length ? `: ${errors[0]}` : ""}`);
  }
  return found;
}

/**
 * Check that `url` may be delivered to. Returns null when it may, or why not. Every address the
 * host resolves to must be public: a name that resolves to one public and one private address
 * is refused, since the connection may pick either.
 */
export async function refusedDestination(
  url: string,
  resolve: Resolver = resolveHost,
): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is loopback`;
  const literal = ipv4Bytes(host) !== null || ipv6Groups(host) !== null;
  const addrs = literal ? [host] : await resolve(host);
  for (const a of addrs) {
    const why = nonPublicReason(a);
    if (why !== null) return literal ? `${host} is ${why}` : `${host} resolves to ${a} (${why})`;
  }
  return null;
}
