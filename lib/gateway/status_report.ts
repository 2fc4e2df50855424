/**
 * What `hermes gateway status` reports: whether a gateway runs (its lock), its pid file
 * and state file, and the boards' running and stuck tasks read from the databases.
 */

import { type Task, VERB_FROM } from "../board/mod.ts";
import type { Config } from "../config/config.ts";
import { type Env, homePaths } from "../config/paths.ts";
import { openBoard } from "../store/mod.ts";
import { boardsOnDisk } from "../store/boards.ts";
import { liveGateway } from "./control.ts";
import type { StuckWarning, TickSummary } from "./messages.ts";
import { dispatchSetting } from "./_settings.ts";
import { readState } from "./_state_file.ts";
import type { EffectivePermissions } from "./confinement.ts";
import { type DispatchLockReport, dispatchLockReport } from "./_dispatch_lock_holder.ts";

export type { DispatchLockReport } from "./_dispatch_lock_holder.ts";

/** A task that waits longer than it should. */
export interface StuckTask {
  board: string;
  id: string;
  title: string;
  assignee: string | null;
  status: string;
  /** Why it counts as stuck. */
  why: string;
  /** Seconds since it became a problem (creation or claim expiry). */
  seconds: number;
}

/** The report `status --json` prints. */
export interface StatusReport {
  running: boolean;
  pid: number | null;
  started_at: number | null;
  uptime_seconds: number | null;
  url: string | null;
  phase: string | null;
  dispatch: { enabled: boolean; reason: string };
  /** Hermes's dispatcher lock: free, or held by this gateway, a Hermes gateway or another process. */
  dispatch_lock: DispatchLockReport;
  dashboard: { enabled: boolean; reason: string } | null;
  last_tick_at: number | null;
  last_activity: TickSummary | null;
  ticks: number;
  spawned_total: number;
  tasks: { running: number; ready: number };
  stuck: StuckTask[];
  health_warning: StuckWarning | null;
  log: string;
  home: string;
  /** What the running gateway may write and reach, as it reported at start (null: not running). */
  permissions: EffectivePermissions | null;
}

/** One of EffectivePermissions' lists as text: `any`, `none`, or the entries joined by commas. */
export function permissionText(p: "any" | string[]): string {
  return p === "any" ? "any" : p.length ? p.join(",") : "none";
}

/** A ready, assigned task older than this with no claim is reported as stuck. */
export const STUCK_READY_SECONDS = 120;

/** Task `t` of `board` reported as stuck, with why and for how long. */
function stuckTask(board: string, t: Task, why: string, seconds: number): StuckTask {
  return { board, id: t.id, title: t.title, assignee: t.assignee, status: t.status, why, seconds };
}

/** Gather the status of the gateway of `home`. */
export function statusReport(home: string, config: Config, env: Env, now: number): StatusReport {
  const rec = liveGateway(home);
  const state = readState(home);
  const live = rec !== null && state !== null && state.pid === rec.identity.pid ? state : null;
  const tasks = { running: 0, ready: 0 };
  const stuck: StuckTask[] = [];
  for (const board of boardsOnDisk(home)) {
    let store;
    try {
      store = openBoard(home, board, { create: false, busyTimeoutMs: 2_000 });
    } catch {
      continue;
    }
    try {
      // Running, or waiting to be claimed (ready, or in review for its reviewer).
      for (const t of store.listTasks({ status: ["running", ...VERB_FROM.claim] })) {
        if (t.status === "running") {
          tasks.running++;
          if (t.claim_expires !== null && t.claim_expires < now) {
            stuck.push(stuckTask(board, t, "claim expired (no heartbeat)", now - t.claim_expires));
          }
          continue;
        }
        if (!t.assignee || t.claim_lock) continue;
        tasks.ready++;
        if (now - t.created_at > STUCK_READY_SECONDS) {
          const why = t.last_failure_error
            ? `not started: ${t.last_failure_error.split("\n")[0]}`
            : "ready and assigned but not started";
          stuck.push(stuckTask(board, t, why, now - t.created_at));
        }
      }
    } finally {
      store.close();
    }
  }
  return {
    running: rec !== null,
    pid: rec?.identity.pid ?? null,
    started_at: rec?.started_at ?? null,
    uptime_seconds: rec ? Math.max(0, now - rec.started_at) : null,
    url: rec?.url ?? null,
    phase: live?.phase ?? (rec ? "starting" : null),
    dispatch: rec?.dispatch ?? dispatchSetting(config, env),
    dispatch_lock: dispatchLockReport(
      home,
      rec ? { pid: rec.identity.pid, lock: live?.stats.dispatchLock ?? null } : null,
    ),
    dashboard: live?.dashboard ?? null,
    last_tick_at: live?.stats.lastTickAt ?? null,
    last_activity: live?.stats.lastTick ?? null,
    ticks: live?.stats.ticks ?? 0,
    spawned_total: live?.stats.spawnedTotal ?? 0,
    tasks,
    stuck,
    health_warning: live?.stats.stuck ?? null,
    log: homePaths(home).gatewayLog,
    home,
    permissions: live?.permissions ?? null,
  };
}
