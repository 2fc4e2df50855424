/**
 * `/metrics` in the Prometheus text format: task and run counts read from the boards, and
 * the dispatcher's figures from the stats the gateway sends every second.
 */

import { STATUSES } from "../board/mod.ts";
import type { GatewayStats } from "../gateway/messages.ts";

/** One metric of the page: its name, labels, type and help text (also the docs' table row). */
export interface MetricDef {
  name: string;
  type: "gauge" | "counter";
  labels: readonly string[];
  help: string;
  /** When the metric is on the page, if not always. */
  when?: string;
}

const DISPATCHER = "while dispatcher stats arrive";

/** Every metric `/metrics` shows, in page order (docs/reference/dashboard.md lists them). */
export const METRICS = {
  info: { name: "hermes_info", type: "gauge", labels: ["version"], help: "Build information." },
  tasks: {
    name: "hermes_tasks",
    type: "gauge",
    labels: ["board", "status"],
    help: "Tasks by board and status.",
  },
  runs: {
    name: "hermes_runs_total",
    type: "counter",
    labels: ["board", "status"],
    help:
      "Runs (attempts) by board and status; failures are crashed, timed_out, spawn_failed, gave_up.",
  },
  failures: {
    name: "hermes_failures_total",
    type: "counter",
    labels: [],
    help: "Failed attempts: spawn failures, crashes, timeouts, give-ups.",
  },
  sseClients: {
    name: "hermes_dashboard_sse_clients",
    type: "gauge",
    labels: [],
    help: "Open live-event streams.",
  },
  dispatcherUp: {
    name: "hermes_dispatcher_up",
    type: "gauge",
    labels: [],
    help: "1 when the gateway reports dispatcher stats.",
  },
  ticks: {
    name: "hermes_dispatcher_ticks_total",
    type: "counter",
    labels: [],
    help: "Dispatcher ticks since the gateway started.",
    when: DISPATCHER,
  },
  spawns: {
    name: "hermes_spawns_total",
    type: "counter",
    labels: [],
    help: "Workers spawned since the gateway started.",
    when: DISPATCHER,
  },
  running: {
    name: "hermes_dispatcher_running",
    type: "gauge",
    labels: [],
    help: "Tasks running now.",
    when: DISPATCHER,
  },
  ready: {
    name: "hermes_dispatcher_ready",
    type: "gauge",
    labels: [],
    help: "Ready, assigned tasks waiting for a worker.",
    when: DISPATCHER,
  },
  stuck: {
    name: "hermes_dispatcher_stuck",
    type: "gauge",
    labels: [],
    help: "1 while the ready queue is stuck (see the gateway log for the cause).",
    when: DISPATCHER,
  },
  lastTick: {
    name: "hermes_dispatcher_last_tick_seconds",
    type: "gauge",
    labels: [],
    help: "Duration of the last tick that did something.",
    when: "once a tick has done something",
  },
  lastTickAt: {
    name: "hermes_dispatcher_last_tick_timestamp_seconds",
    type: "gauge",
    labels: [],
    help: "When the last tick ran (unix time).",
    when: "once the dispatcher has ticked",
  },
} as const satisfies Record<string, MetricDef>;

/** Per-board counts read from the database. */
export interface BoardCounts {
  board: string;
  tasks: Record<string, number>;
  runs: Record<string, number>;
}

const FAILED_RUNS = ["crashed", "timed_out", "spawn_failed", "gave_up"];

function label(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function head(out: string[], m: MetricDef): void {
  out.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`);
}

/** Render the metrics page. */
export function renderMetrics(
  boards: BoardCounts[],
  stats: GatewayStats | null,
  server: { sseClients: number; version: string },
): string {
  const out: string[] = [];
  const m = METRICS;
  head(out, m.info);
  out.push(`${m.info.name}{version="${label(server.version)}"} 1`);
  head(out, m.tasks);
  for (const b of boards) {
    for (const s of STATUSES) {
      out.push(`${m.tasks.name}{board="${label(b.board)}",status="${s}"} ${b.tasks[s] ?? 0}`);
    }
  }
  head(out, m.runs);
  for (const b of boards) {
    for (const [s, n] of Object.entries(b.runs).sort()) {
      out.push(`${m.runs.name}{board="${label(b.board)}",status="${label(s)}"} ${n}`);
    }
  }
  const failures = boards.reduce(
    (n, b) => n + FAILED_RUNS.reduce((k, s) => k + (b.runs[s] ?? 0), 0),
    0,
  );
  head(out, m.failures);
  out.push(`${m.failures.name} ${failures}`);
  head(out, m.sseClients);
  out.push(`${m.sseClients.name} ${server.sseClients}`);
  head(out, m.dispatcherUp);
  out.push(`${m.dispatcherUp.name} ${stats ? 1 : 0}`);
  if (!stats) return out.join("\n") + "\n";
  const values: [MetricDef, number][] = [
    [m.ticks, stats.ticks],
    [m.spawns, stats.spawnedTotal],
    [m.running, stats.running],
    [m.ready, stats.ready],
    [m.stuck, stats.stuck ? 1 : 0],
  ];
  if (stats.lastTick) values.push([m.lastTick, stats.lastTick.durationMs / 1000]);
  if (stats.lastTickAt !== null) values.push([m.lastTickAt, stats.lastTickAt / 1000]);
  for (const [def, v] of values) {
    head(out, def);
    out.push(`${def.name} ${v}`);
  }
  return out.join("\n") + "\n";
}
