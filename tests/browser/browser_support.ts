/** A headless Chromium page driven from tests, through tests/browser/page_driver.ts. */

const DRIVER = new URL("./page_driver.ts", import.meta.url).pathname;

/** Path of the system Chromium, or null when it is not installed. */
export function chromiumPath(): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/bin").split(":")) {
    for (const name of ["chromium", "chromium-browser"]) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch { /* not here */ }
    }
  }
  return null;
}

/** One browser page. */
export class Page implements AsyncDisposable {
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #next = 1;
  #reading: Promise<void>;

  private constructor(child: Deno.ChildProcess) {
    this.#child = child;
    this.#writer = child.stdin.getWriter();
    this.#reading = this.#read();
  }

  /** Launch Chromium (fails with a clear message when it is missing). */
  static launch(): Page {
    const exe = chromiumPath();
    if (!exe) {
      throw new Error("chromium is not installed: apt-get install -y chromium (.ci/run does this)");
    }
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-run",
        "--allow-net",
        "--allow-sys=hostname,homedir",
        DRIVER,
        exe,
      ],
      // is-wsl (inside playwright-core) probes /proc/sys/fs/binfmt_misc at import unless told not to.
      env: { __IS_WSL_TEST__: "1" },
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    return new Page(child);
  }

  async #read(): Promise<void> {
    const lines = this.#child.stdout.pipeThrough(new TextDecoderStream());
    let buf = "";
    for await (const chunk of lines) {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const m = JSON.parse(buf.slice(0, nl)) as {
          id: number;
          ok: boolean;
          value?: unknown;
          error?: string;
        };
        buf = buf.slice(nl + 1);
        const p = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(m.error));
      }
    }
    for (const p of this.#pending.values()) p.reject(new Error("browser driver exited"));
    this.#pending.clear();
  }

  /** Send one command and wait for its answer. */
  call<T = unknown>(op: string, ...args: unknown[]): Promise<T> {
    const id = this.#next++;
    const line = JSON.stringify({ id, op, args }) + "\n";
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#writer.write(new TextEncoder().encode(line)).catch(reject);
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.call("close").catch(() => {});
    await this.#writer.close().catch(() => {});
    await this.#reading.catch(() => {});
    await this.#child.status;
  }
}
