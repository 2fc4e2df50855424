/**
 * Diagnostics: the per-task distress rules Hermes's board added (v0.18), each reading one task
 * with its events and runs and answering what is wrong, how bad, and what a person can do about
 * it. Read-only and stateless: a rule stops firing by itself once what it saw is resolved (a
 * clean completion, a comment, a claim). The CLI (`kanban diagnostics`), the REST API
 * (`GET /diagnostics`) and the web board's badges all ask `diagnose`.
 *
 * Hermes's `triage_aux_unavailable` rule is not here: it watches Hermes's auxiliary model
 * settings for triage, which hermes does not have.
 */

import type { Run, Task, TaskEvent } from "./task.ts";

/** How urgent a diagnostic is, least first. */
export const SEVERITIES = ["warning", "error", "critical"] as const;

/** A severity. */
export type Severity = typeof SEVERITIES[number];

/** Every kind of diagnostic, in the order rules run (and ties are listed). */
export const DIAGNOSTIC_KINDS = [
  "hallucinated_cards",
  "prose_phantom_refs",
  "repeated_failures",
  "repeated_crashes",
  "stuck_in_blocked",
  "block_unblock_cycling",
  "stranded_in_ready",
] as const;

/** A kind of diagnostic. */
export type DiagnosticKind = typeof DIAGNOSTIC_KINDS[number];

/**
 * What a person can do about it: `reclaim`, `reassign` (payload `reclaim_first`), `unblock` and
 * `comment` act on the task; `cli_hint` is a command to run (payload `command`).
 */
export interface DiagnosticAction {
  kind: "reclaim" | "reassign" | "unblock" | "comment" | "cli_hint";
  label: string;
  payload: Record<string, unknown>;
  /** The recommended first step. */
  suggested: boolean;
}

/** One active distress signal on a task (Hermes's shape). */
export interface Diagnostic {
  kind: DiagnosticKind;
  severity: Severity;
  title: string;
  detail: string;
  actions: DiagnosticAction[];
  first_seen_at: number;
  last_seen_at: number;
  count: number;
  run_id: number | null;
  data: Record<string, unknown>;
}

/** Thresholds of the rules. */
export interface DiagnosticConfig {
  /** Consecutive failures that make `repeated_failures` fire (the board's failure limit). */
  failureThreshold: number;
  /** Trailing crashed runs that make `repeated_crashes` fire. */
  crashThreshold: number;
  /** Hours blocked without a word before `stuck_in_blocked` fires. */
  blockedStaleHours: number;
  /** Block-after-unblock cycles within the window before `block_unblock_cycling` fires. */
  blockCycleThreshold: number;
  blockCycleWindowSeconds: number;
  /** Seconds ready and unclaimed (with an assignee) before `stranded_in_ready` fires. */
  strandedSeconds: number;
}

/** Hermes's defaults (its failure threshold follows the dispatcher's failure limit, 2). */
export const DIAGNOSTIC_DEFAULTS: Readonly<DiagnosticConfig> = {
  failureThreshold: 2,
  crashThreshold: 2,
  blockedStaleHours: 24,
  blockCycleThreshold: 3,
  blockCycleWindowSeconds: 24 * 3600,
  strandedSeconds: 30 * 60,
};

/**
 * Event kinds the rules read; a caller may load only these (heartbeats and the like are most
 * of a busy board's events and never matter here).
 */
export const DIAGNOSTIC_EVENT_KINDS: readonly string[] = [
  "completion_blocked_hallucination",
  "suspected_hallucinated_references",
  "completed",
  "edited",
  "blocked",
  "gave_up",
  "unblocked",
  "commented",
  "created",
  "promoted",
  "reclaimed",
  "status",
];

/** True when `s` is at least as urgent as `threshold` (no threshold: always). */
export function severityAtLeast(s: Severity, threshold: Severity | null | undefined): boolean {
  return !threshold || SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(threshold);
}

/** What one task's rules read. */
export interface DiagnosisInput {
  task: Task;
  /** Its events, oldest first (at least those of DIAGNOSTIC_EVENT_KINDS). */
  events: readonly TaskEvent[];
  /** Its runs, oldest first. */
  runs: readonly Run[];
}

type Rule = (x: DiagnosisInput, now: number, cfg: DiagnosticConfig) => Diagnostic | null;

function diagnostic(
  kind: DiagnosticKind,
  severity: Severity,
  parts: Pick<Diagnostic, "title" | "detail" | "actions" | "data"> & Partial<Diagnostic>,
  now: number,
): Diagnostic {
  return {
    kind,
    severity,
    first_seen_at: now,
    last_seen_at: now,
    count: 1,
    run_id: null,
    ...parts,
  };
}

function action(
  kind: DiagnosticAction["kind"],
  label: string,
  payload: Record<string, unknown> = {},
  suggested = false,
): DiagnosticAction {
  return { kind, label, payload, suggested };
}

function hint(command: string, suggested = false): DiagnosticAction {
  return action("cli_hint", command, { command }, suggested);
}

/**
 * The recovery every diagnostic can offer: reclaim a running task, unblock a blocked one,
 * reassign any.
 */
function recovery(t: Task): DiagnosticAction[] {
  const running = t.status === "running";
  return [
    ...(running ? [action("reclaim", "Reclaim the task (stop its worker)")] : []),
    ...(t.status === "blocked" ? [action("unblock", "Unblock the task")] : []),
    action("reassign", "Reassign to another profile", { reclaim_first: running }),
  ];
}

/** Events of `kind` no completion or edit has superseded since. */
function unresolved(events: readonly TaskEvent[], kind: string): TaskEvent[] {
  const out: TaskEvent[] = [];
  for (const e of events) {
    if (e.kind === "completed" || e.kind === "edited") out.length = 0;
    else if (e.kind === kind) out.push(e);
  }
  return out;
}

/** Each id of the payload lists `key` of `events`, once, in order. */
function idsOf(events: readonly TaskEvent[], key: string): string[] {
  const ids = events.flatMap((e) => {
    const v = e.payload?.[key];
    return Array.isArray(v) ? v.map(String) : [];
  });
  return [...new Set(ids)];
}

/** The first line of `s`, at most `n` characters. */
function head(s: string, n: number): string {
  return s.split("\n")[0].slice(0, n);
}

/** `s` cut to 500 characters, with an ellipsis when cut. */
function snippet(s: string): string {
  return s.length > 500 ? s.slice(0, 500) + "…" : s;
}

const hallucinatedCards: Rule = ({ task, events }) => {
  const hits = unresolved(events, "completion_blocked_hallucination");
  if (hits.length === 0) return null;
  const ids = idsOf(hits, "phantom_cards");
  return diagnostic("hallucinated_cards", "error", {
    title: "Worker claimed cards that don't exist",
    detail: "The completing worker listed created_cards that do not exist or were not created " +
      "by its profile, so the completion was refused and the task kept its status. Usually the " +
      "worker made up ids instead of using what kanban_create returned.",
    actions: [action("comment", "Comment with what to do"), ...recovery(task)],
    first_seen_at: hits[0].created_at,
    last_seen_at: hits.at(-1)!.created_at,
    count: hits.length,
    data: { phantom_ids: ids },
  }, 0);
};

const prosePhantomRefs: Rule = ({ task, events }) => {
  const hits = unresolved(events, "suspected_hallucinated_references");
  if (hits.length === 0) return null;
  return diagnostic("prose_phantom_refs", "warning", {
    title: "Completion summary names unknown task ids",
    detail: "The hand-off mentions task ids that are not on this board. The completion went " +
      "through, but whoever reads the summary may look for tasks that never existed.",
    actions: recovery(task),
    first_seen_at: hits[0].created_at,
    last_seen_at: hits.at(-1)!.created_at,
    count: hits.length,
    data: { phantom_refs: idsOf(hits, "phantom_refs") },
  }, 0);
};

/** Run outcomes of failed attempts, as the failure rules name them. */
const FAILURE_LABEL: Readonly<Record<string, string>> = {
  spawn_failed: "spawn",
  timed_out: "timeout",
  crashed: "crash",
  protocol_violation: "protocol violation",
};

/** A task nothing is waiting on any more, or one trying again now: failures are history. */
function failuresAreHistory(t: Task): boolean {
  return t.status === "done" || t.status === "archived" || t.status === "running";
}

const repeatedFailures: Rule = ({ task, runs }, now, cfg) => {
  if (failuresAreHistory(task)) return null;
  const failures = task.consecutive_failures;
  const threshold = Math.max(1, cfg.failureThreshold);
  if (failures < threshold) return null;
  const last = [...runs].reverse().find((r) => (r.outcome ?? "") in FAILURE_LABEL) ?? null;
  const outcome = last?.outcome ?? null;
  const label = FAILURE_LABEL[outcome ?? ""] ?? "failure";
  const err = (task.last_failure_error ?? "").trim();
  const actions: DiagnosticAction[] = outcome === "spawn_failed" && task.assignee
    ? [hint("hermes kanban profiles --check", true)]
    : outcome === "timed_out" || outcome === "crashed"
    ? [hint(`hermes kanban log ${task.id}`, true)]
    : [];
  return diagnostic("repeated_failures", failures >= threshold * 2 ? "critical" : "error", {
    title: err
      ? `Agent ${label} x${failures}: ${head(snippet(err), 160)}`
      : `Agent ${label} x${failures} (no error recorded)`,
    detail: err
      ? `This task failed ${failures} times in a row (last: ${label}). Last error:\n\n` +
        `${snippet(err)}\n\nThe board gives up after ${threshold} failed attempts ` +
        "(kanban.failure_limit). Fix the cause, then unblock, reclaim or reassign the task."
      : `This task failed ${failures} times in a row (last: ${label}) and no error text was ` +
        "kept. The worker log may say more.",
    actions: [...actions, ...recovery(task)],
    count: failures,
    run_id: last?.id ?? null,
    data: {
      consecutive_failures: failures,
      most_recent_outcome: outcome,
      last_error: task.last_failure_error,
      failure_threshold: threshold,
    },
  }, now);
};

const repeatedCrashes: Rule = ({ task, runs }, now, cfg) => {
  if (failuresAreHistory(task)) return null;
  // The failure rule above speaks for this task already.
  if (task.consecutive_failures >= Math.max(1, cfg.failureThreshold)) return null;
  let crashes = 0;
  let lastError: string | null = null;
  let lastRun: number | null = null;
  for (const r of [...runs].reverse()) {
    if (r.outcome === "crashed") {
      crashes++;
      if (lastRun === null) {
        lastRun = r.id;
        lastError = r.error;
      }
    } else if (r.outcome === "completed" || r.outcome === "reclaimed") break;
  }
  if (crashes < cfg.crashThreshold) return null;
  const err = (lastError ?? "").trim();
  return diagnostic(
    "repeated_crashes",
    crashes >= cfg.crashThreshold * 2 ? "critical" : "error",
    {
      title: err
        ? `Agent crashed ${crashes}x: ${head(snippet(err), 160)}`
        : `Agent crashed ${crashes}x (no error recorded)`,
      detail: err
        ? `The last ${crashes} runs crashed. Last error:\n\n${snippet(err)}`
        : `The last ${crashes} runs crashed and no error text was kept. The worker log may say more.`,
      actions: [hint(`hermes kanban log ${task.id}`, true), ...recovery(task)],
      count: crashes,
      run_id: lastRun,
      data: { consecutive_crashes: crashes, last_error: lastError },
    },
    now,
  );
};

/** Events that put a task in blocked: a block, or giving up after failures. */
const BLOCKING = new Set(["blocked", "gave_up"]);

const stuckInBlocked: Rule = ({ task, events }, now, cfg) => {
  if (task.status !== "blocked") return null;
  const since = Math.max(0, ...events.filter((e) => BLOCKING.has(e.kind)).map((e) => e.created_at));
  if (since === 0) return null;
  const hours = (now - since) / 3600;
  if (hours < cfg.blockedStaleHours) return null;
  const answered = events.some((e) =>
    (e.kind === "commented" || e.kind === "unblocked") && e.created_at > since
  );
  if (answered) return null;
  return diagnostic("stuck_in_blocked", "warning", {
    title: `Blocked for ${Math.floor(hours)}h`,
    detail: `This task was blocked ${Math.floor(hours)}h ago and nobody has commented on or ` +
      "unblocked it since. A blocked task waits for a person: read the reason, then answer " +
      "with a comment or unblock it.",
    actions: [
      action("comment", "Comment with an answer", {}, true),
      action("unblock", "Unblock the task"),
    ],
    first_seen_at: since,
    last_seen_at: since,
    data: { blocked_at: since, age_hours: Math.round(hours * 10) / 10 },
  }, now);
};

const blockUnblockCycling: Rule = ({ task, events }, now, cfg) => {
  const from = now - cfg.blockCycleWindowSeconds;
  let cycles = 0;
  let unblocked = false;
  let first = 0;
  let last = 0;
  for (const e of events) {
    if (e.created_at < from) continue;
    if (e.kind === "blocked") {
      first ||= e.created_at;
      if (unblocked) {
        cycles++;
        last = e.created_at;
        unblocked = false;
      }
    } else if (e.kind === "unblocked") unblocked = true;
  }
  if (cycles < Math.max(1, cfg.blockCycleThreshold)) return null;
  const hours = Math.round(cfg.blockCycleWindowSeconds / 3600);
  return diagnostic("block_unblock_cycling", "warning", {
    title: `Blocked again after unblocking, ${cycles}x in ${hours}h`,
    detail: `This task was blocked ${cycles} times right after being unblocked: unblocking ` +
      "does not fix what stops it, and its worker keeps hitting the same wall. Read the block " +
      "reasons; reassigning, rescoping or archiving it may be what it needs.",
    actions: [hint(`hermes kanban show ${task.id}`, true), ...recovery(task)],
    first_seen_at: first || now,
    last_seen_at: last || now,
    count: cycles,
    data: { cycles, window_seconds: cfg.blockCycleWindowSeconds },
  }, now);
};

/** Events after which a task is ready (again). */
function becameReady(e: TaskEvent): boolean {
  switch (e.kind) {
    case "created":
    case "promoted":
    case "reclaimed":
    case "unblocked":
      return true;
    case "status":
      return e.payload?.status === "ready";
    default:
      return false;
  }
}

const strandedInReady: Rule = ({ task, events }, now, cfg) => {
  if (task.status !== "ready" || task.claim_lock !== null) return null;
  const assignee = (task.assignee ?? "").trim();
  // An unassigned ready task is never started: that is a different problem (and message).
  if (!assignee) return null;
  const since = Math.max(0, ...events.filter(becameReady).map((e) => e.created_at)) ||
    task.created_at;
  const age = now - since;
  const threshold = Math.max(1, cfg.strandedSeconds);
  if (age < threshold) return null;
  const ageText = age >= 3600 ? `${(age / 3600).toFixed(1)}h` : `${Math.floor(age / 60)}m`;
  return diagnostic(
    "stranded_in_ready",
    age >= threshold * 6 ? "critical" : age >= threshold * 2 ? "error" : "warning",
    {
      title: `Ready for ${ageText} with no worker`,
      detail: `This task has been ready for ${ageText} and nothing has claimed it. Usually the ` +
        `assignee '${assignee}' is misspelled or no such profile exists, the profile's cap is ` +
        "full, or no dispatcher is running for this board.",
      actions: [
        action("reassign", "Reassign to another profile", { current_assignee: assignee }),
        hint("hermes gateway status"),
        hint("hermes kanban profiles --check"),
      ],
      first_seen_at: since,
      last_seen_at: since,
      data: { ready_since: since, age_seconds: age, assignee, threshold_seconds: threshold },
    },
    now,
  );
};

const RULES: readonly Rule[] = [
  hallucinatedCards,
  prosePhantomRefs,
  repeatedFailures,
  repeatedCrashes,
  stuckInBlocked,
  blockUnblockCycling,
  strandedInReady,
];

/** Every active diagnostic of one task at `now`: most urgent first, then most recent. */
export function diagnose(
  input: DiagnosisInput,
  now: number,
  cfg: DiagnosticConfig = DIAGNOSTIC_DEFAULTS,
): Diagnostic[] {
  const out = RULES.map((rule) => rule(input, now, cfg)).filter((d): d is Diagnostic => !!d);
  return out.sort((a, b) =>
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    b.last_seen_at - a.last_seen_at
  );
}

/** A card's summary of its diagnostics (Hermes's `warnings`), or null when there are none. */
export function warningsOf(ds: readonly Diagnostic[]): {
  count: number;
  kinds: Record<string, number>;
  latest_at: number;
  highest_severity: Severity;
} | null {
  if (ds.length === 0) return null;
  const kinds: Record<string, number> = {};
  for (const d of ds) kinds[d.kind] = (kinds[d.kind] ?? 0) + d.count;
  return {
    count: ds.reduce((n, d) => n + d.count, 0),
    kinds,
    latest_at: Math.max(...ds.map((d) => d.last_seen_at)),
    highest_severity: ds.reduce<Severity>(
      (top, d) => SEVERITIES.indexOf(d.severity) > SEVERITIES.indexOf(top) ? d.severity : top,
      "warning",
    ),
  };
}
