/**
 * The notifier: turns board events into webhook posts, command-hook runs and per-task
 * subscription messages, for every board under HERMES_HOME.
 *
 * Each board keeps its own outbox (lib/store/_notify_store.ts). A scan queues new events
 * per sink, in one transaction with the sink's cursor; delivery lanes, one per sink,
 * drain their queue in event order with bounded retries. Lanes run independently, so a
 * slow or failing sink only ever delays itself. A commit to any board wakes the scan at
 * once (the gateway's file watcher); the poll interval is the fallback. It needs
 * read/write of HERMES_HOME, net (webhooks) and run (the command hook), so the gateway
 * can host it in a narrowed Worker.
 */

import { type Env, homePaths } from "../../config/paths.ts";
import { boardsOnDisk } from "../../store/boards.ts";
import { sleep } from "../abortable_sleep.ts";
import { get, loadConfig } from "../../config/config.ts";
import { type Clock, openBoard, type Store, systemClock } from "../../store/mod.ts";
import { ChangeFeed, type Delivery, type NotifyStore, openNotify } from "../../store/engine.ts";
import { runHook } from "./_command_hook.ts";
import {
  CONFIGURED_PREFIXES,
  type ConfiguredSink,
  type NotifyConfig,
  parseNotifyConfig,
  type RetryPolicy,
} from "./config.ts";
import { notificationBody } from "./message.ts";
import { backoffMs, type SendResult, StopRequested } from "./retry.ts";
import { isDeliverable, sinkDisplay } from "./subscription.ts";
import { postWebhook, redactUrl } from "./webhook.ts";

// The host's severities: one vocabulary across hermes.
import type { LogLevel } from "../../log/logger.ts";
export type { LogLevel };

/** Where the notifier reports what it did; one line per call. */
export type NotifierLog = (level: LogLevel, message: string) => void;

/** How to build a notifier. */
export interface NotifierOptions {
  /** HERMES_HOME: boards and config.yaml are found under it. */
  home: string;
  /** The environment (PATH for the command hook, secret_env lookups). */
  env: Env;
  log?: NotifierLog;
  /** Use this value instead of config.yaml's `kanban.notify` (embedding and tests). */
  notify?: unknown;
  /** Unix-seconds clock for stored timestamps. */
  clock?: Clock;
}

/** Counts of one `pollOnce()` (or of a notifier's life, from `totals`). */
export interface PollReport {
  boards: number;
  queued: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** What subscriptions use while config.yaml cannot be read. */
const DEFAULTS: NotifyConfig = parseNotifyConfig({}, () => undefined);

/** Deliveries in flight at once, across all sinks (bounded resources, many subscriptions). */
const MAX_IN_FLIGHT = 16;
/** Scans that look at every board even when nothing changed (a safety sweep). */
const SWEEP_EVERY = 30;
/** Sent deliveries are kept this long for notify-list, then pruned. */
const KEEP_SENT_SECONDS = 7 * 86_400;
const PRUNE_EVERY_MS = 3_600_000;
/** Longest a lane sleeps before looking at its queue again. */
const MAX_LANE_SLEEP_MS = 1_000;
/** A lease outlives the attempt's own timeout by this much before another notifier may retake it. */
const LEASE_MARGIN_MS = 30_000;

interface BoardHandle {
  name: string;
  store: Store;
  notify: NotifyStore;
  /** PRAGMA data_version at the last scan; null before the first. */
  dataVersion: number | null;
}

type Target =
  | (
    & {
      type: "webhook";
      url: string;
      secret: string | null;
      allowPrivate: boolean;
      label: string;
    }
    & RetryPolicy
  )
  | ({ type: "command"; argv: readonly string[]; label: string } & RetryPolicy);

/** A counting semaphore. */
class Slots {
  #free: number;
  #waiting: (() => void)[] = [];
  constructor(n: number) {
    this.#free = n;
  }
  take(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((r) => this.#waiting.push(r));
  }
  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

function sinkLabel(s: ConfiguredSink): string {
  return s.type === "webhook" ? `webhook ${redactUrl(s.url)}` : `command ${s.argv[0]}`;
}

const defaultLog: NotifierLog = (level, message) => {
  console.error(`${level}: ${message}`);
};

/** Delivers board events to the sinks in `kanban.notify` and to per-task subscriptions. */
export class Notifier {
  /** Lease owner id: unique per instance, so a restart never mistakes old leases for its own. */
  readonly owner = `notifier:${Deno.pid}:${crypto.randomUUID().slice(0, 8)}`;
  readonly #home: string;
  readonly #env: Env;
  readonly #log: NotifierLog;
  readonly #clock: Clock;
  readonly #fixed: unknown;
  #config: NotifyConfig | null = null;
  #configStamp: string | null = null;
  #boards = new Map<string, BoardHandle>();
  /** Running lanes: key → token, so a finished lane removes only itself. */
  #lanes = new Map<string, object>();
  #inFlight = new Set<Promise<void>>();
  #slots = new Slots(MAX_IN_FLIGHT);
  #warned = new Set<string>();
  #stop: AbortSignal = new AbortController().signal;
  #started = false;
  #lastPrune = 0;
  /** Ends the current nap early; set while napping. */
  #wake: (() => void) | null = null;
  /** A change arrived while not napping: skip the next nap. */
  #woken = false;
  #totals: PollReport = { boards: 0, queued: 0, sent: 0, retrying: 0, failed: 0 };

  constructor(opts: NotifierOptions) {
    this.#home = opts.home;
    this.#env = opts.env;
    this.#log = opts.log ?? defaultLog;
    this.#clock = opts.clock ?? systemClock;
    this.#fixed = opts.notify;
  }

  /** Counts over this notifier's life. */
  get totals(): PollReport {
    return { ...this.#totals };
  }

  /**
   * One pass: queue new events of every board, then attempt every due delivery once (sinks
   * in parallel, each in event order). Resolves when those attempts are done. Not to be
   * called while `start()` runs.
   */
  async pollOnce(): Promise<PollReport> {
    if (this.#started) throw new Error("pollOnce() cannot run while start() is running");
    const before = this.totals;
    const active = await this.#scan(true);
    await Promise.all(active.map(([h, sink]) => this.#drainDue(h, sink)));
    const after = this.totals;
    return {
      boards: this.#boards.size,
      queued: after.queued - before.queued,
      sent: after.sent - before.sent,
      retrying: after.retrying - before.retrying,
      failed: after.failed - before.failed,
    };
  }

  /**
   * Run until `signal` aborts: scan every poll interval (boards whose data_version did not
   * move are skipped), with a delivery lane per sink. On abort, attempts in flight are cut
   * short and handed back unsent, and the boards are closed.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new Error("the notifier is already running");
    this.#started = true;
    this.#stop = signal;
    const watcher = new ChangeFeed(this.#home);
    watcher.subscribe({
      // The scan confirms with data_version; a commit not yet visible is caught by the next.
      changed: () => {
        this.#wakeUp();
        return true;
      },
      boardsChanged: () => this.#wakeUp(),
      failed: (e) =>
        this.#once("watch", "info", `notifier: no file watching (${e.message}); polling instead`),
    });
    let lastError = "";
    try {
      for (let n = 0; !signal.aborted; n++) {
        try {
          for (const [h, sink] of await this.#scan(n % SWEEP_EVERY === 0)) this.#lane(h, sink);
          watcher.watch([...this.#boards.keys()]);
          this.#prune();
          lastError = "";
        } catch (e) {
          // A lasting fault (a full disk) is logged when it starts, not on every pass.
          const message = `notifier: scan failed: ${(e as Error).message}`;
          if (message !== lastError) this.#log("error", message);
          lastError = message;
        }
        await this.#nap(this.#config?.pollIntervalMs ?? 1_000, signal);
      }
    } finally {
      watcher.close();
      while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight]);
      for (const h of this.#boards.values()) {
        try {
          h.notify.release(this.owner);
        } catch { /* closing anyway */ }
      }
      this.close();
      this.#stop = new AbortController().signal;
      this.#started = false;
    }
  }

  /** Wait for the poll interval, a board change, or the stop, whichever comes first. */
  #nap(ms: number, signal: AbortSignal): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    const ac = new AbortController();
    this.#wake = () => ac.abort();
    return sleep(ms, AbortSignal.any([signal, ac.signal])).finally(() => {
      this.#wake = null;
      this.#woken = false;
    });
  }

  #wakeUp(): void {
    if (this.#wake) this.#wake();
    else this.#woken = true;
  }

  /** Close every board connection (a later poll reopens them). */
  close(): void {
    for (const h of this.#boards.values()) h.store.close();
    this.#boards.clear();
  }

  // ---- configuration ----

  /** Reload `kanban.notify` when config.yaml changed; true when the sinks may differ. */
  async #refreshConfig(): Promise<boolean> {
    let stamp = "fixed";
    if (this.#fixed === undefined) {
      stamp = "absent";
      try {
        const st = await Deno.stat(homePaths(this.#home).config);
        stamp = `${st.mtime?.getTime()}:${st.size}`;
      } catch { /* no config file: defaults */ }
    }
    if (stamp === this.#configStamp) return false;
    this.#configStamp = stamp;
    try {
      const raw = this.#fixed !== undefined
        ? this.#fixed
        : get(await loadConfig(this.#home, this.#env), "kanban.notify");
      this.#config = parseNotifyConfig(raw, this.#env);
      const sinks = this.#config.sinks.map(sinkLabel);
      this.#log("info", `notifier: sinks: ${sinks.length ? sinks.join(", ") : "none configured"}`);
      return true;
    } catch (e) {
      this.#log(
        "error",
        `notifier: ${(e as Error).message} — ${
          this.#config ? "keeping the previous sinks" : "configured sinks are off until it is fixed"
        }`,
      );
      return false;
    }
  }

  // ---- scanning ----

  #open(name: string): BoardHandle | null {
    const had = this.#boards.get(name);
    if (had) return had;
    try {
      const store = openBoard(this.#home, name, { create: false, clock: this.#clock });
      const h = {
        name,
        store,
        notify: openNotify(store),
        dataVersion: null,
      };
      this.#boards.set(name, h);
      this.#warned.delete(`open:${name}`);
      return h;
    } catch (e) {
      this.#once(`open:${name}`, "error", `notifier: board ${name}: ${(e as Error).message}`);
      return null;
    }
  }

  #once(key: string, level: LogLevel, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#log(level, message);
  }

  /** Queue new events on every board that changed; returns the sinks with work waiting. */
  async #scan(force: boolean): Promise<[BoardHandle, string][]> {
    const changed = await this.#refreshConfig();
    const active: [BoardHandle, string][] = [];
    for (const name of boardsOnDisk(this.#home)) {
      const h = this.#open(name);
      if (!h) continue;
      const version = h.store.dataVersion();
      const fresh = h.dataVersion === null;
      if (!force && !changed && !fresh && version === h.dataVersion) continue;
      h.dataVersion = version;
      try {
        this.#enqueue(h, changed || fresh);
        for (const sink of h.notify.activeSinks()) active.push([h, sink]);
      } catch (e) {
        this.#log("error", `notifier: board ${name}: ${(e as Error).message}`);
      }
    }
    this.#totals.boards = this.#boards.size;
    return active;
  }

  #enqueue(h: BoardHandle, sinksChanged: boolean): void {
    const cfg = this.#config;
    if (cfg) {
      // A board shared with other hosts: their notifiers may have sinks this one lacks.
      if (sinksChanged && !h.store.shared) {
        const keep = new Set(cfg.sinks.map((s) => s.key));
        for (const gone of h.notify.forgetSinks(keep, CONFIGURED_PREFIXES)) {
          this.#log(
            "info",
            `notifier: board ${h.name}: sink ${sinkDisplay(gone)} removed from kanban.notify`,
          );
        }
      }
      for (const sink of cfg.sinks) {
        for (let more = true; more;) {
          const r = h.notify.enqueueSink(
            sink.key,
            sink.events,
            (q) => JSON.stringify(notificationBody(h.name, q)),
          );
          if (r.created) {
            this.#log(
              "info",
              `notifier: board ${h.name}: new ${sinkLabel(sink)} starts after event ${r.cursor}`,
            );
          }
          this.#totals.queued += r.queued;
          more = r.more;
        }
      }
    }
    const events = (cfg ?? DEFAULTS).events;
    for (let more = true; more;) {
      const r = h.notify.enqueueSubscriptions(
        events,
        isDeliverable,
        (q, sub) => JSON.stringify(notificationBody(h.name, q, sub)),
      );
      this.#totals.queued += r.queued;
      more = r.more;
      for (const [platform, n] of r.skipped) {
        this.#once(
          `platform:${platform}`,
          "warning",
          `notifier: subscriptions on platform '${platform}' are recorded but this build delivers only 'webhook'; skipped ${n} notification(s) (further skips are not logged)`,
        );
      }
    }
  }

  #prune(): void {
    const now = Date.now();
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    for (const h of this.#boards.values()) h.notify.pruneSent(this.#clock() - KEEP_SENT_SECONDS);
  }

  // ---- delivering ----

  /** Start a lane for the sink unless one runs; it drains the queue and then ends. */
  #lane(h: BoardHandle, sink: string): void {
    const key = `${h.name}\0${sink}`;
    if (this.#lanes.has(key)) return;
    const token = {};
    this.#lanes.set(key, token);
    const leave = () => {
      if (this.#lanes.get(key) === token) this.#lanes.delete(key);
    };
    const run = (async () => {
      while (!this.#stop.aborted) {
        if (!this.#deliverable(h, sink)) return leave();
        const c = h.notify.claim(sink, this.owner, Date.now(), this.#leaseMs(sink));
        if (c === null) return leave();
        // Capped, so a lease handed back by another notifier is noticed soon after.
        if ("waitUntilMs" in c) {
          await sleep(Math.min(c.waitUntilMs - Date.now(), MAX_LANE_SLEEP_MS), this.#stop);
        } else await this.#attempt(h, c.delivery);
      }
    })().catch((e) => {
      this.#log(
        "error",
        `notifier: board ${h.name}: sink ${sinkDisplay(sink)}: ${(e as Error).message}`,
      );
    }).finally(() => {
      leave();
      this.#inFlight.delete(run);
    });
    this.#inFlight.add(run);
  }

  /** Attempt the sink's due deliveries once each, in order, until one is not due. */
  async #drainDue(h: BoardHandle, sink: string): Promise<void> {
    while (this.#deliverable(h, sink)) {
      const c = h.notify.claim(sink, this.owner, Date.now(), this.#leaseMs(sink));
      if (c === null || "waitUntilMs" in c) return;
      await this.#attempt(h, c.delivery);
      if (this.#stop.aborted) return;
    }
  }

  /**
   * Configured sinks wait while config.yaml is unreadable; subscriptions never do. On a board
   * shared with other hosts, a configured sink this notifier does not have is left to theirs.
   */
  #deliverable(h: BoardHandle, sink: string): boolean {
    if (sink.startsWith("sub:")) return true;
    if (this.#config === null) return false;
    return !h.store.shared || this.#config.sinks.some((s) => s.key === sink);
  }

  #leaseMs(sink: string): number {
    const s = this.#config?.sinks.find((x) => x.key === sink);
    return (s?.timeoutMs ?? this.#config?.retry.timeoutMs ?? 10_000) + LEASE_MARGIN_MS;
  }

  #target(d: Delivery): Target | null {
    const cfg = this.#config ?? DEFAULTS;
    if (d.sink.startsWith("sub:")) {
      return {
        type: "webhook",
        url: d.target ?? "",
        secret: null,
        allowPrivate: cfg.allowPrivate,
        label: `webhook ${redactUrl(d.target ?? "")} (subscription to ${d.task_id})`,
        ...cfg.retry,
      };
    }
    const s = cfg.sinks.find((x) => x.key === d.sink);
    if (!s) return null;
    return { ...s, label: sinkLabel(s) };
  }

  async #send(h: BoardHandle, d: Delivery, t: Target): Promise<SendResult> {
    const deliveryId = `${h.name}:${d.id}`;
    if (t.type === "webhook") {
      return await postWebhook({
        url: t.url,
        body: d.body,
        secret: t.secret,
        allowPrivate: t.allowPrivate,
        event: d.kind,
        deliveryId,
        timeoutMs: t.timeoutMs,
      }, this.#stop);
    }
    return await runHook(
      {
        argv: t.argv,
        stdin: d.body,
        timeoutMs: t.timeoutMs,
        vars: {
          HERMES_HOME: this.#home,
          HERMES_KANBAN_BOARD: h.name,
          HERMES_NOTIFY_EVENT: d.kind,
          HERMES_NOTIFY_TASK: d.task_id,
          HERMES_NOTIFY_DELIVERY: deliveryId,
        },
      },
      this.#env,
      this.#stop,
    );
  }

  async #attempt(h: BoardHandle, d: Delivery): Promise<void> {
    const t = this.#target(d);
    if (!t) {
      if (this.#config) h.notify.fail(d.id, this.owner, "sink removed from kanban.notify");
      else h.notify.release(this.owner, d.id); // config unreadable: wait for it to be fixed
      return;
    }
    await this.#slots.take();
    try {
      if (this.#stop.aborted) return;
      let res: SendResult;
      try {
        res = await this.#send(h, d, t);
      } catch (e) {
        if (e instanceof StopRequested) return;
        res = { ok: false, error: `unexpected error: ${(e as Error).message}`, permanent: false };
      }
      const what = `${d.kind} of ${d.task_id} (event ${d.event_id}, board ${h.name}) to ${t.label}`;
      const attempts = d.attempts + 1;
      if (res.ok) {
        if (h.notify.succeed(d.id, this.owner)) this.#totals.sent++;
        if (attempts > 1) this.#log("info", `notifier: delivered ${what} on attempt ${attempts}`);
        return;
      }
      if (res.permanent || attempts >= t.maxAttempts) {
        if (h.notify.fail(d.id, this.owner, res.error)) this.#totals.failed++;
        this.#log(
          "warning",
          `notifier: could not deliver ${what} after ${attempts} attempt(s): ${res.error} — parked as failed (see 'hermes kanban notify-list')`,
        );
        return;
      }
      const wait = Math.min(
        t.backoffMaxMs,
        Math.max(backoffMs(attempts, t.backoffMs, t.backoffMaxMs), res.retryAfterMs ?? 0),
      );
      if (h.notify.retry(d.id, this.owner, Date.now() + wait, res.error)) this.#totals.retrying++;
      this.#log(
        "info",
        `notifier: ${what} failed (attempt ${attempts}/${t.maxAttempts}): ${res.error}; next try in ${
          (wait / 1000).toFixed(1)
        }s`,
      );
    } finally {
      this.#slots.give();
    }
  }
}
