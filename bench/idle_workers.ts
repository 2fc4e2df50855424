/**
 * An idle `deno run` holding N idle Workers (`deno run … bench/idle_workers.ts N`, default 3):
 * what the gateway's idle CPU is read against, a Deno process with as many Worker threads as
 * the gateway, doing nothing. Prints "ready" once every Worker has started. The same file is
 * each Worker's script.
 */

/** A timer that never fires keeps an event loop alive at no cost. */
const keepAlive = () => setInterval(() => {}, 2 ** 30);

if ("WorkerGlobalScope" in globalThis) {
  keepAlive();
  (globalThis as unknown as { postMessage(m: string): void }).postMessage("ready");
} else {
  const n = Number(Deno.args[0] ?? 3);
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve) => {
        const w = new Worker(import.meta.url, { type: "module" });
        w.onmessage = () => resolve();
      })),
  );
  keepAlive();
  console.log("ready");
}
