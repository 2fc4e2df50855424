/** A real TCP listener on loopback for tests that dial out (proxies, sandboxes). */

/** A loopback listener on a free port and how many connections it accepted. */
export interface LoopbackListener {
  state: { port: number; accepted: number };
  /** Stop listening and wait for the accept loop to end. */
  close(): Promise<void>;
}

/** A loopback listener that writes `greeting` (if any) to every connection, closes it and counts it. */
export function loopbackListener(greeting: string): LoopbackListener {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const state = { port: (l.addr as Deno.NetAddr).port, accepted: 0 };
  const bytes = new TextEncoder().encode(greeting);
  const serving = (async () => {
    for await (const c of l) {
      state.accepted++;
      // A client that hangs up first must not stop the listener serving the next one.
      if (bytes.length > 0) await c.write(bytes).catch(() => 0);
      c.close();
    }
  })().catch(() => {});
  return {
    state,
    async close() {
      l.close();
      await serving;
    },
  };
}
