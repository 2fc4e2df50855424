/**
 * The Deno Worker behind the synchronous PostgreSQL bridge (_pg_bridge.ts). It owns the
 * connections (npm:postgres, asynchronous) and answers one request at a time on its
 * MessagePort; after each answer it bumps a shared counter and wakes the calling thread,
 * which blocks on `Atomics.wait` meanwhile and then takes the answer with
 * `receiveMessageOnPort`. LISTEN notifications go to the owning thread's event loop as
 * ordinary messages.
 */

/// <reference lib="deno.worker" />

import postgres from "postgres";
import type { BridgeReply, BridgeRequest, ConnectOptions, Statement } from "./_pg_bridge.ts";

type Sql = ReturnType<typeof postgres>;

/** int8 and numeric as numbers: the store's counts, ids and times are all below 2^53. */
const NUMBER_TYPES = {
  bigint: {
    to: 20,
    from: [20, 1700],
    serialize: (x: unknown) => String(x),
    parse: (x: string) => Number(x),
  },
};

function open(o: ConnectOptions, max: number): Sql {
  return postgres({
    host: o.host,
    port: o.port,
    database: o.database,
    username: o.user,
    ...(o.password === null ? {} : { password: o.password }),
    ...(o.sslmode && o.sslmode !== "disable" ? { ssl: o.sslmode as "require" } : {}),
    max,
    idle_timeout: 0,
    connect_timeout: o.connectTimeoutSeconds,
    prepare: true,
    fetch_types: false,
    onnotice: () => {},
    types: NUMBER_TYPES,
    // Startup parameters: set again on every reconnect.
    connection: { application_name: "hermes", ...o.settings },
  } as unknown as postgres.Options<Record<string, postgres.PostgresType>>);
}

const sessions = new Map<number, Sql>();
const listeners = new Map<string, { sql: Sql; channels: Map<string, () => Promise<void>> }>();
let ctrl: Int32Array | null = null;
let port: MessagePort | null = null;

function reply(r: BridgeReply): void {
  port!.postMessage(r);
  Atomics.store(ctrl!, 0, r.seq);
  Atomics.notify(ctrl!, 0);
}

function errorOf(e: unknown): { message: string; code: string | null } {
  const err = e as { message?: string; code?: string; errno?: string };
  return { message: String(err?.message ?? e), code: err?.code ?? err?.errno ?? null };
}

/**
 * Send `before` down the session's connection without waiting for each (the driver pipelines
 * them, in order, ahead of whatever is sent next); resolves once all are done, rejecting with
 * the first error.
 */
function pipeline(sql: Sql, before: Statement[] | undefined): Promise<unknown> {
  if (!before?.length) return Promise.resolve();
  const sent = before.map((b) =>
    sql.unsafe(b.sql, b.params as never[], { prepare: true }).execute()
  );
  return Promise.allSettled(sent).then((rs) => {
    for (const r of rs) if (r.status === "rejected") throw r.reason;
  });
}

async function handle(m: BridgeRequest): Promise<BridgeReply> {
  switch (m.op) {
    case "open": {
      sessions.get(m.session)?.end({ timeout: 0 });
      sessions.set(m.session, open(m.options, 1));
      return { seq: m.seq };
    }
    case "query": {
      const sql = sessions.get(m.session);
      if (!sql) throw new Error("no such session");
      const ahead = pipeline(sql, m.before);
      const q = sql.unsafe(m.sql, m.params as never[], { prepare: true });
      if (m.arrays) q.values();
      q.execute();
      // The first error is the one to report; the main statement's own is then a consequence.
      const [pre, main] = await Promise.allSettled([ahead, q]);
      if (pre.status === "rejected") throw pre.reason;
      if (main.status === "rejected") throw main.reason;
      const rows = main.value;
      return { seq: m.seq, rows: [...rows], count: rows.count ?? 0 };
    }
    case "simple": {
      const sql = sessions.get(m.session);
      if (!sql) throw new Error("no such session");
      const ahead = pipeline(sql, m.before);
      const q = sql.unsafe(m.sql).simple();
      q.execute();
      const [pre, main] = await Promise.allSettled([ahead, q]);
      if (pre.status === "rejected") throw pre.reason;
      if (main.status === "rejected") throw main.reason;
      const res = main.value;
      // Several statements give one result each; the last one is the answer.
      const last = Array.isArray(res) && Array.isArray(res[res.length - 1])
        ? res[res.length - 1]
        : res;
      return {
        seq: m.seq,
        rows: [...(last as unknown[])],
        count: (last as { count?: number }).count ?? 0,
      };
    }
    case "close": {
      const sql = sessions.get(m.session);
      sessions.delete(m.session);
      await sql?.end({ timeout: 1 });
      return { seq: m.seq };
    }
    case "listen": {
      let l = listeners.get(m.key);
      if (!l) listeners.set(m.key, l = { sql: open(m.options, 1), channels: new Map() });
      if (!l.channels.has(m.channel)) {
        const channel = m.channel;
        const sub = await l.sql.listen(
          channel,
          () => self.postMessage({ type: "notify", channel }),
          // After a reconnect notifications may have been missed: say so, as one.
          () => self.postMessage({ type: "notify", channel }),
        );
        l.channels.set(channel, sub.unlisten);
      }
      return { seq: m.seq };
    }
    case "unlisten": {
      const l = listeners.get(m.key);
      const off = l?.channels.get(m.channel);
      if (l && off) {
        l.channels.delete(m.channel);
        await off().catch(() => {});
        if (l.channels.size === 0) {
          listeners.delete(m.key);
          await l.sql.end({ timeout: 1 });
        }
      }
      return { seq: m.seq };
    }
  }
}

self.onmessage = (e: MessageEvent) => {
  const init = e.data as { sab: SharedArrayBuffer; port: MessagePort };
  ctrl = new Int32Array(init.sab);
  port = init.port;
  port.onmessage = (ev: MessageEvent) => {
    const m = ev.data as BridgeRequest;
    handle(m).then(reply, (err) => reply({ seq: m.seq, error: errorOf(err) }));
  };
};
