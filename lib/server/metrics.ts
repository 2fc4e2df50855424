/**
 * `/metrics` in the Prometheus text format: task and run counts read from the boards, and
 * the dispatcher's figures from the stats the gateway sends every second.
 */

import type { GatewayStats } from "../gateway/messages.ts";

/** A histogram as the gateway may send it: upper bounds (seconds), per-bucket counts, sum, count. */
export interface HistogramSnapshot {
  /** Upper bounds in seconds, ascending (the +Inf bucket is implied). */
  bounds: number[];
  /** Observations per bucket, same length as bounds (not cumulative). */
  counts: number[];
  sum: number;
  count: number;
}

/** Stats the dashboard reports: the gateway's, plus optional figures when it sends them. */
export type DashboardStats = GatewayStats & {
  /** Failed attempts (spawn failures, crashes, timeouts) since start. */
  failuresTotal?: number;
  /** Tick durations. */
  tickSeconds?: HistogramSnapshot;
  /** From the commit of a create to the worker's spawn. */
  createToSpawnSeconds?: HistogramSnapshot;
};

/** Per-board counts read from the database. */
export interface BoardCounts {
  board: string;
  tasks: Record<string, number>;
  runs: Record<string, number>;
}

const STATUSES = ["triage", "todo", "ready", "running", "blocked", "done", "archived"];
const FAILED_RUNS = ["crashed", "timed_out", "spawn_failed", "gave_up"];

function label(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function histogram(out: string[], name: string, help: string, h: HistogramSnapshot): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
  let cum = 0;
  h.bounds.forEach((b, i) => {
    cum += h.counts[i] ?? 0;
    out.push(`${name}_bucket{le="${b}"} ${cum}`);
  });
  out.push(
    `${name}_bucket{le="+Inf"} ${h.count}`,
    `${name}_sum ${h.sum}`,
    `${name}_count ${h.count}`,
  );
}

/** Render the metrics page. */
export function renderMetrics(
  boards: BoardCounts[],
  stats: DashboardStats | null,
  server: { sseClients: number; version: string },
): string {
  const out: string[] = [];
  out.push(
    "# HELP hermes_info Build information.",
    "# TYPE hermes_info gauge",
    `hermes_info{version="${label(server.version)}"} 1`,
    "# HELP hermes_tasks Tasks by board and status.",
    "# TYPE hermes_tasks gauge",
  );
  for (const b of boards) {
    for (const s of STATUSES) {
      out.push(`hermes_tasks{board="${label(b.board)}",status="${s}"} ${b.tasks[s] ?? 0}`);
    }
  }
  out.push(
    "# HELP hermes_runs_total Runs (attempts) by board and status; failures are crashed, timed_out, spawn_failed, gave_up.",
    "# TYPE hermes_runs_total counter",
  );
  for (const b of boards) {
    for (const [s, n] of Object.entries(b.runs).sort()) {
      out.push(`hermes_runs_total{board="${label(b.board)}",status="${label(s)}"} ${n}`);
    }
  }
  const dbFailures = boards.reduce(
    (n, b) => n + FAILED_RUNS.reduce((m, s) => m + (b.runs[s] ?? 0), 0),
    0,
  );
  out.push(
    "# HELP hermes_failures_total Failed attempts: spawn failures, crashes, timeouts, give-ups.",
    "# TYPE hermes_failures_total counter",
    `hermes_failures_total ${stats?.failuresTotal ?? dbFailures}`,
    "# HELP hermes_dashboard_sse_clients Open live-event streams.",
    "# TYPE hermes_dashboard_sse_clients gauge",
    `hermes_dashboard_sse_clients ${server.sseClients}`,
    "# HELP hermes_dispatcher_up 1 when the gateway reports dispatcher stats.",
    "# TYPE hermes_dispatcher_up gauge",
    `hermes_dispatcher_up ${stats ? 1 : 0}`,
  );
  if (stats) {
    out.push(
      "# HELP hermes_dispatcher_ticks_total Dispatcher ticks since the gateway started.",
      "# TYPE hermes_dispatcher_ticks_total counter",
      `hermes_dispatcher_ticks_total ${stats.ticks}`,
      "# HELP hermes_spawns_total Workers spawned since the gateway started.",
      "# TYPE hermes_spawns_total counter",
      `hermes_spawns_total ${stats.spawnedTotal}`,
      "# HELP hermes_dispatcher_running Tasks running now.",
      "# TYPE hermes_dispatcher_running gauge",
      `hermes_dispatcher_running ${stats.running}`,
      "# HELP hermes_dispatcher_ready Ready, assigned tasks waiting for a worker.",
      "# TYPE hermes_dispatcher_ready gauge",
      `hermes_dispatcher_ready ${stats.ready}`,
      "# HELP hermes_dispatcher_stuck 1 while the ready queue is stuck (see the gateway log for the cause).",
      "# TYPE hermes_dispatcher_stuck gauge",
      `hermes_dispatcher_stuck ${stats.stuck ? 1 : 0}`,
    );
    if (stats.lastTick) {
      out.push(
        "# HELP hermes_dispatcher_last_tick_seconds Duration of the last tick that did something.",
        "# TYPE hermes_dispatcher_last_tick_seconds gauge",
        `hermes_dispatcher_last_tick_seconds ${stats.lastTick.durationMs / 1000}`,
      );
    }
    if (stats.lastTickAt !== null) {
      out.push(
        "# HELP hermes_dispatcher_last_tick_timestamp_seconds When the last tick ran (unix time).",
        "# TYPE hermes_dispatcher_last_tick_timestamp_seconds gauge",
        `hermes_dispatcher_last_tick_timestamp_seconds ${stats.lastTickAt / 1000}`,
      );
    }
    if (stats.tickSeconds) {
      histogram(
        out,
        "hermes_tick_duration_seconds",
        "Dispatcher tick duration.",
        stats.tickSeconds,
      );
    }
    if (stats.createToSpawnSeconds) {
      histogram(
        out,
        "hermes_create_to_spawn_seconds",
        "Latency from a task's create to its worker's spawn.",
        stats.createToSpawnSeconds,
      );
    }
  }
  return out.join("\n") + "\n";
}
