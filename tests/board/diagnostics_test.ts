/**
 * The diagnostics rules (Hermes v0.18's per-task distress signals): each fires on what it
 * watches, at the severity Hermes gives it, and stops once what it saw is resolved.
 */

import { deepEqual, equal } from "../support/assert.ts";
import {
  diagnose,
  type DiagnosisInput,
  DIAGNOSTIC_DEFAULTS,
  severityAtLeast,
  warningsOf,
} from "../../lib/board/diagnostics.ts";
import type { Run, RunStatus, Task, TaskEvent } from "../../lib/board/mod.ts";
import { runOutcome } from "../../lib/board/mod.ts";
import { taskRecord } from "../support/task_record.ts";

const NOW = 1_800_000_000;
const H = 3600;

let nextId = 1;

function ev(kind: string, at: number, payload: Record<string, unknown> | null = null): TaskEvent {
  return { id: nextId++, task_id: "t_00000001", run_id: null, kind, payload, created_at: at };
}

function run(status: RunStatus, error: string | null = null): Run {
  return {
    id: nextId++,
    task_id: "t_00000001",
    profile: "coder",
    step_key: null,
    status,
    claim_lock: null,
    claim_expires: null,
    worker_pid: null,
    max_runtime_seconds: null,
    last_heartbeat_at: null,
    started_at: NOW - H,
    ended_at: NOW - H + 60,
    outcome: runOutcome(status),
    summary: null,
    metadata: null,
    error,
    exit_code: null,
    log_path: null,
  };
}

function input(
  over: Partial<Task>,
  events: TaskEvent[] = [],
  runs: Run[] = [],
): DiagnosisInput {
  return { task: taskRecord({ assignee: "coder", created_at: NOW - 10, ...over }), events, runs };
}

/** Kinds and severities of what fires. */
function fired(x: DiagnosisInput, now = NOW): string[] {
  return diagnose(x, now).map((d) => `${d.kind}:${d.severity}`);
}

Deno.test("diagnostics: phantom created_cards fire until a clean completion follows", () => {
  const blocked = ev("completion_blocked_hallucination", NOW - 60, {
    phantom_cards: ["t_aaaaaaaa", "t_bbbbbbbb"],
  });
  const again = ev("completion_blocked_hallucination", NOW - 30, { phantom_cards: ["t_aaaaaaaa"] });
  const x = input({ status: "running" }, [blocked, again]);
  const [d] = diagnose(x, NOW);
  deepEqual([d.kind, d.severity, d.count], ["hallucinated_cards", "error", 2]);
  deepEqual(d.data.phantom_ids, ["t_aaaaaaaa", "t_bbbbbbbb"]);
  deepEqual([d.first_seen_at, d.last_seen_at], [NOW - 60, NOW - 30]);
  deepEqual(d.actions.map((a) => a.kind), ["comment", "reclaim", "reassign"]);
  deepEqual(fired(input({ status: "done" }, [blocked, again, ev("completed", NOW - 10)])), []);
});

Deno.test("diagnostics: phantom references in a summary warn until the next completion", () => {
  const refs = ev("suspected_hallucinated_references", NOW - 5, { phantom_refs: ["t_cccccccc"] });
  deepEqual(fired(input({ status: "done" }, [ev("completed", NOW - 5), refs])), [
    "prose_phantom_refs:warning",
  ]);
  deepEqual(fired(input({ status: "done" }, [refs, ev("edited", NOW)])), []);
});

Deno.test("diagnostics: repeated failures at the failure limit, critical at twice it", () => {
  const crashed = [run("crashed", "segfault\nat line 3"), run("spawn_failed", "no such command")];
  const at = input({ status: "blocked", consecutive_failures: 2, last_failure_error: "nope" }, [], [
    ...crashed,
  ]);
  const [d] = diagnose(at, NOW);
  deepEqual([d.kind, d.severity, d.title], [
    "repeated_failures",
    "error",
    "Agent spawn x2: nope",
  ]);
  deepEqual(d.actions[0].payload, { command: "hermes kanban profiles --check" });
  equal(
    diagnose({ ...at, task: { ...at.task, consecutive_failures: 4 } }, NOW)[0].severity,
    "critical",
  );
  // Below the limit, done, or trying again right now: nothing.
  deepEqual(fired({ ...at, task: { ...at.task, consecutive_failures: 1 } }), []);
  deepEqual(fired({ ...at, task: { ...at.task, status: "running" } }), []);
  // The limit follows the board's failure limit.
  const cfg = { ...DIAGNOSTIC_DEFAULTS, failureThreshold: 5 };
  deepEqual(diagnose(at, NOW, cfg), []);
});

Deno.test("diagnostics: trailing crashes fire below the failure limit; a completion breaks the streak", () => {
  const x = input({ status: "ready", consecutive_failures: 0 }, [], [
    run("done"),
    run("crashed", "OOM"),
    run("timed_out"),
    run("crashed", "OOM again"),
  ]);
  const [d] = diagnose(x, NOW);
  deepEqual([d.kind, d.severity, d.count, d.data.last_error], [
    "repeated_crashes",
    "error",
    2,
    "OOM again",
  ]);
  deepEqual(
    fired(input({ status: "ready" }, [], [run("crashed"), run("done"), run("crashed")])),
    [],
  );
});

Deno.test("diagnostics: blocked a day without a word warns; a comment answers it", () => {
  const blocked = ev("blocked", NOW - 25 * H, { reason: "which API key?" });
  deepEqual(fired(input({ status: "blocked" }, [blocked])), ["stuck_in_blocked:warning"]);
  deepEqual(fired(input({ status: "blocked" }, [blocked]), NOW - 2 * H), []);
  deepEqual(
    fired(input({ status: "blocked" }, [blocked, ev("commented", NOW - 24 * H)])),
    [],
  );
  // Giving up after failures blocks too.
  deepEqual(fired(input({ status: "blocked" }, [ev("gave_up", NOW - 30 * H)])), [
    "stuck_in_blocked:warning",
  ]);
});

Deno.test("diagnostics: blocked again after each unblock, three times in a day, warns", () => {
  const cycle = (at: number) => [ev("blocked", at), ev("unblocked", at + 60)];
  const events = [
    ...cycle(NOW - 5 * H),
    ...cycle(NOW - 4 * H),
    ...cycle(NOW - 3 * H),
    ev(
      "blocked",
      NOW - 2 * H,
    ),
  ];
  const [d] = diagnose(input({ status: "blocked" }, events), NOW);
  deepEqual([d.kind, d.count], ["block_unblock_cycling", 3]);
  deepEqual(fired(input({ status: "blocked" }, events.slice(2))), []);
  // Older than the window: not counted.
  deepEqual(fired(input({ status: "blocked" }, events), NOW + 30 * H), [
    "stuck_in_blocked:warning",
  ]);
});

Deno.test("diagnostics: ready and unclaimed past 30 minutes warns, then errs, then is critical", () => {
  const ready = input({ status: "ready", created_at: NOW - 31 * 60 }, [
    ev("created", NOW - 31 * 60),
  ]);
  deepEqual(fired(ready), ["stranded_in_ready:warning"]);
  deepEqual(fired(ready, NOW + 40 * 60), ["stranded_in_ready:error"]);
  deepEqual(fired(ready, NOW + 3 * H), ["stranded_in_ready:critical"]);
  // A later move to ready restarts the clock; no assignee or a claim: not this rule's business.
  deepEqual(fired({ ...ready, events: [...ready.events, ev("unblocked", NOW - 60)] }), []);
  deepEqual(fired({ ...ready, task: { ...ready.task, assignee: null } }), []);
  deepEqual(fired({ ...ready, task: { ...ready.task, claim_lock: "h:1" } }), []);
});

Deno.test("diagnostics: most urgent first; severities filter and summarize for cards", () => {
  const x = input({ status: "blocked", consecutive_failures: 4, created_at: NOW - 40 * H }, [
    ev("blocked", NOW - 30 * H),
    ev("completion_blocked_hallucination", NOW - 20 * H, { phantom_cards: ["t_dddddddd"] }),
  ]);
  const ds = diagnose(x, NOW);
  deepEqual(ds.map((d) => d.severity), ["critical", "error", "warning"]);
  equal(severityAtLeast("warning", "error"), false);
  equal(severityAtLeast("critical", "error"), true);
  equal(severityAtLeast("warning", null), true);
  deepEqual(warningsOf(ds), {
    count: 6,
    kinds: { repeated_failures: 4, hallucinated_cards: 1, stuck_in_blocked: 1 },
    latest_at: NOW,
    highest_severity: "critical",
  });
  equal(warningsOf([]), null);
});
