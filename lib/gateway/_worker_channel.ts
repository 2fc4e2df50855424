/**
 * A typed channel to a Deno Worker started with narrowed permissions: send messages,
 * subscribe to them, wait for one with a deadline, and notice when the worker dies.
 */

/** How to start one Worker: where its code is, what it may do, what it is told first. */
export interface WorkerStart<In, Out extends { type: string }, First extends Out> {
  url: URL;
  /** Thread name, also in Deno's messages. */
  name: string;
  permissions: Deno.PermissionOptionsObject;
  /** The first message: its settings. */
  init: In;
  /** Subscribed before `init` is sent, so nothing the worker says while starting is missed. */
  listen?: (m: Out) => void;
  /** The answer that ends start-up (ready, or the worker's own report of failure). */
  first: (m: Out) => m is First;
  timeoutMs: number;
  /** Names the worker in a timeout or death message. */
  what: string;
}

/** A worker and its typed messages. */
export class WorkerChannel<In, Out extends { type: string }> {
  /**
   * Start a worker, send it `init` and wait for its first answer; a worker that dies or does not
   * answer in time is terminated and the promise rejects. A permission this process lacks
   * throws at once (NotCapable), before any promise: callers report it as it is.
   */
  static start<In, Out extends { type: string }, First extends Out>(
    w: WorkerStart<In, Out, First>,
  ): Promise<{ channel: WorkerChannel<In, Out>; first: First }> {
    const channel = new WorkerChannel<In, Out>(w.url, w.name, w.permissions);
    if (w.listen) channel.on(w.listen);
    channel.send(w.init);
    return channel.waitFor(w.first, w.timeoutMs, w.what).then(
      (first) => ({ channel, first }),
      (e) => {
        channel.terminate();
        throw e;
      },
    );
  }

  readonly #worker: Worker;
  readonly #listeners = new Set<(msg: Out) => void>();
  #dead: string | null = null;
  readonly #onDeath = new Set<(why: string) => void>();

  constructor(url: URL, name: string, permissions: Deno.PermissionOptionsObject) {
    try {
      this.#worker = new Worker(url, { type: "module", name, deno: { permissions } });
    } catch (e) {
      // Deno says only "Can't escalate parent thread permissions"; name what is missing.
      const missing = missingPermission(permissions);
      if (missing) throw new Deno.errors.NotCapable(`Requires ${missing} (for ${name})`);
      throw e;
    }
    this.#worker.onmessage = (e: MessageEvent<Out>) => {
      for (const l of [...this.#listeners]) l(e.data);
    };
    this.#worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.#die(e.message || "worker failed");
    };
    this.#worker.onmessageerror = () => this.#die("worker sent a message that could not be read");
  }

  #die(why: string): void {
    if (this.#dead !== null) return;
    this.#dead = why;
    for (const f of [...this.#onDeath]) f(why);
  }

  /** Why the worker died, or null while it lives. */
  get dead(): string | null {
    return this.#dead;
  }

  /** Post a message (ignored once the worker is gone). */
  send(msg: In): void {
    if (this.#dead === null) this.#worker.postMessage(msg);
  }

  /** Call `f` for every message; returns an unsubscribe function. */
  on(f: (msg: Out) => void): () => void {
    this.#listeners.add(f);
    return () => this.#listeners.delete(f);
  }

  /** Call `f` once if the worker dies (uncaught error, failed load). */
  onDeath(f: (why: string) => void): void {
    if (this.#dead !== null) f(this.#dead);
    else this.#onDeath.add(f);
  }

  /** Wait for the first message matching `pred`; rejects on timeout or worker death. */
  waitFor<T extends Out>(pred: (m: Out) => m is T, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      let off = () => {};
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${what}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      off = this.on((m) => {
        if (!pred(m)) return;
        clearTimeout(timer);
        off();
        resolve(m);
      });
      this.onDeath((why) => {
        clearTimeout(timer);
        off();
        reject(new Error(`${what}: ${why}`));
      });
    });
  }

  /** Stop the worker at once. */
  terminate(): void {
    this.#worker.terminate();
    this.#die("terminated");
  }
}

/** Descriptors for one kind of a worker's permission list. */
function descriptors(kind: string, value: unknown): Deno.PermissionDescriptor[] {
  const values: (string | undefined)[] = value === true
    ? [undefined]
    : Array.isArray(value)
    ? value.map(String)
    : [];
  return values.map((v) => {
    switch (kind) {
      case "read":
      case "write":
      case "ffi":
        return { name: kind, path: v } as Deno.PermissionDescriptor;
      case "net":
        return { name: "net", host: v };
      case "env":
        return { name: "env", variable: v };
      case "sys":
        return { name: "sys", kind: v as Deno.SysPermissionDescriptor["kind"] };
      case "run":
        return { name: "run", command: v };
      default:
        return { name: kind } as Deno.PermissionDescriptor;
    }
  });
}

/** The first permission a worker asks for that this process lacks, as Deno words it. */
export function missingPermission(p: Deno.PermissionOptionsObject): string | null {
  for (const [kind, value] of Object.entries(p)) {
    for (const d of descriptors(kind, value)) {
      let state: Deno.PermissionState;
      try {
        state = Deno.permissions.querySync(d).state;
      } catch {
        continue;
      }
      if (state !== "granted") {
        const target = Object.entries(d).find(([k]) => k !== "name")?.[1];
        return `${kind} access${target === undefined ? "" : ` to "${target}"`}`;
      }
    }
  }
  return null;
}
