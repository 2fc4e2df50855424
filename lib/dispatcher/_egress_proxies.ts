/**
 * The egress proxies of the profiles with a network host list: one per profile, started
 * on first use (a spawn, or an adopted worker of an earlier dispatcher), released on close.
 */

import { ensurePrivateDir } from "../config/mod.ts";
import {
  acquireProxy,
  type EgressProxy,
  type Profile,
  proxySocketPath,
  releaseProxy,
  SpawnError,
} from "../workers/mod.ts";
import { type DispatcherLog, message } from "./_context.ts";

/** The egress proxies one dispatcher holds, by profile name. */
export class EgressProxies {
  readonly #home: string;
  readonly #log: DispatcherLog;
  readonly #proxies = new Map<string, EgressProxy>();

  constructor(home: string, log: DispatcherLog) {
    this.#home = home;
    this.#log = log;
  }

  /** The socket of the egress proxy of a profile with a host list, started on first use. */
  socketFor(profile: Profile): string {
    const running = this.#proxies.get(profile.name);
    if (running) return running.path;
    const path = proxySocketPath(this.#home, profile.name);
    const dir = path.slice(0, path.lastIndexOf("/"));
    // sun_path holds 108 bytes on Linux, 104 on macOS.
    if (new TextEncoder().encode(path).length > 100) {
      throw new SpawnError(
        "sandbox_unavailable",
        `sandbox unavailable: the egress proxy's socket path ${path} is too long: use a ` +
          `shorter HERMES_HOME or profile name, or set network: none or full for profile ${profile.name}`,
      );
    }
    const hosts = profile.network as readonly string[];
    let proxy: EgressProxy;
    try {
      ensurePrivateDir(dir);
      proxy = acquireProxy(path, hosts, (m) => this.#log("warning", `${profile.name}: ${m}`));
    } catch (e) {
      throw new SpawnError(
        "sandbox_unavailable",
        `sandbox unavailable: cannot start the egress proxy at ${path} (${message(e)}): fix ` +
          `it, or set network: none or full for profile ${profile.name}`,
      );
    }
    this.#proxies.set(profile.name, proxy);
    this.#log("debug", `egress proxy for ${profile.name} at ${path}: ${hosts.join(", ")}`);
    return path;
  }

  /** A worker left by an earlier dispatcher gets its egress proxy back. */
  adopt(profile: Profile | undefined): void {
    if (!profile || profile.sandbox === "off" || !Array.isArray(profile.network)) return;
    try {
      this.socketFor(profile);
    } catch (e) {
      this.#log("warning", `adopted worker of ${profile.name} has no network: ${message(e)}`);
    }
  }

  /** Release every proxy. */
  releaseAll(): void {
    for (const p of this.#proxies.values()) releaseProxy(p);
    this.#proxies.clear();
  }
}
