/** Tasks, actors and operations the rulebook's table and effect tests share. */

import {
  type Actor,
  type ChildFact,
  decide,
  type Decision,
  type Facts,
  type FailureKind,
  type Operation,
  type ParentFact,
  type Status,
  STATUSES,
  type Task,
  type WorkerFacts,
} from "../../lib/board/mod.ts";

export type { WorkerFacts };
import { taskRecord } from "../support/task_record.ts";

/** The time every decision is made at. */
export const NOW = 1_700_000_000;

/** The run a running fixture task holds. */
export const RUN = 7;

/** A task record with every column at its default, then `over`. */
export function task(over: Partial<Task> = {}): Task {
  return taskRecord({
    id: "t_task0001",
    title: "the task",
    assignee: "writer",
    status: "ready",
    created_by: null,
    created_at: NOW - 1000,
    ...over,
  });
}

/** The fixture task in `status`, as the store leaves a task there (then `over`). */
export function taskIn(status: Status, over: Partial<Task> = {}): Task {
  return { ...taskAsLeft(status), ...over };
}

function taskAsLeft(status: Status): Task {
  switch (status) {
    case "running":
      return task({
        status,
        claim_lock: "host:1",
        claim_expires: NOW + 600,
        started_at: NOW - 300,
        current_run_id: RUN,
        last_heartbeat_at: NOW - 300,
        worker_pid: 4242,
      });
    case "blocked":
      return task({
        status,
        started_at: NOW - 300,
        consecutive_failures: 1,
        last_failure_error: "boom",
      });
    case "done":
      return task({ status, result: "r", started_at: NOW - 300, completed_at: NOW - 50 });
    default:
      return task({ status });
  }
}

/** A parent of the fixture task. */
export function parent(status: Status, id = "t_parent01"): ParentFact {
  return { id, title: `parent ${id.slice(-2)}`, status };
}

/** The waiting child every fixture task has (its only parent is the task). */
export const CHILD: ChildFact = { id: "t_child001", status: "todo", otherParents: [] };

/**
 * The facts of the fixture task in `status`: a todo task waits on a ready parent, a triage
 * task has none, the others have one done parent; every one has a waiting child. A scheduled
 * task's time has come; a running task's run is not a review; the task was `writer`'s before
 * review.
 */
export function factsIn(status: Status, over: Partial<Facts> = {}): Facts {
  const t = taskIn(status);
  return {
    id: t.id,
    task: t,
    parents: status === "triage" ? [] : [parent(status === "todo" ? "ready" : "done")],
    children: [CHILD],
    retryAttempts: 0,
    recentFailures: [],
    scheduledAt: status === "scheduled" ? NOW - 10 : null,
    reviewRun: false,
    reviewedAssignee: "writer",
    ...over,
  };
}

/**
 * `facts` as the store gives them to `actor`: a worker that has a run proved it with the run's
 * secret, and its run is active when it is its own task's current run (the worker of another
 * task is taken to hold its own).
 */
export function seenBy(facts: Facts, actor: Actor, created: string[] = []): Facts {
  if (actor.kind !== "worker") return facts;
  const own = facts.task?.id === actor.taskId;
  return {
    ...facts,
    worker: {
      authentic: actor.runId !== null,
      runActive: actor.runId !== null && (!own || facts.task?.current_run_id === actor.runId),
      tenant: null,
      created,
      linked: [],
    },
  };
}

/**
 * What some rows of the table change in the fixture task and its facts: a task blocked once
 * before for the same (untyped) reason, a schedule not due yet, a reviewer's run.
 */
export const VARIANTS: Record<string, { task?: Partial<Task>; facts?: Partial<Facts> }> = {
  "block, blocked once": { task: { block_recurrences: 1 } },
  "wake, not due": { facts: { scheduledAt: NOW + 60 } },
  "wake, no time": { facts: { scheduledAt: null } },
  "send back, review run": { facts: { reviewRun: true } },
};

/** The facts of row `label` of the table for the fixture task in `status`. */
export function factsFor(label: string, status: Status): Facts {
  const v = VARIANTS[label] ?? {};
  const f = factsIn(status, v.facts);
  return v.task ? { ...f, task: { ...f.task!, ...v.task } } : f;
}

/** The actors of the table, by column name; the worker ones are relative to `t`. */
export function actorsFor(t: Task): Record<string, Actor> {
  return {
    person: { kind: "person", name: "ann" },
    dashboard: { kind: "dashboard", name: "dashboard" },
    dispatcher: { kind: "dispatcher", name: "writer" },
    worker: { kind: "worker", name: "writer", taskId: t.id, runId: t.current_run_id },
    stale: { kind: "worker", name: "writer", taskId: t.id, runId: RUN - 1 },
    other: { kind: "worker", name: "editor", taskId: "t_other001", runId: RUN + 2 },
  };
}

/** Column names of the table, in order. */
export const ACTOR_NAMES = ["person", "dashboard", "dispatcher", "worker", "stale", "other"];

/** The gave_up reason the dispatcher writes, reduced to what the tests read. */
export function giveUpReason(kinds: FailureKind[], last: string): string {
  return `${kinds.join("+")} (last: ${last})`;
}

function failed(failure: FailureKind, counted = true, limit = 2): Operation {
  return {
    op: "run_ended",
    runId: RUN,
    end: {
      kind: "failed",
      failure,
      error: `${failure} error`,
      counted,
      limit,
      payload: { pid: 4242 },
      giveUpReason,
    },
  };
}

const complete = { result: "r", summary: null, metadata: null };

/** Every operation of the table, by row label, built for the fixture task in `status`. */
export function operations(status: Status): Record<string, Operation> {
  const linkedTo = (id: string) => factsIn(status).parents.some((p) => p.id === id);
  const ops: Record<string, Operation> = {
    "claim": { op: "claim", lock: "host:2", ttlSeconds: 900 },
    "heartbeat": { op: "heartbeat", note: null, ttlSeconds: 900 },
    "complete": { op: "complete", ...complete },
    "block": { op: "block", reason: "why" },
    "block, blocked once": { op: "block", reason: "why" },
    "block --kind dependency": { op: "block", reason: "why", kind: "dependency" },
    "block --kind needs_input": { op: "block", reason: "why", kind: "needs_input" },
    "unblock": { op: "unblock" },
    "archive": { op: "archive" },
    "promote": { op: "promote" },
    "promote --force": { op: "promote", force: true, reason: "hotfix" },
    "edit_result": {
      op: "edit_result",
      result: "r2",
      summary: null,
      metadata: null,
      runId: status === "done" ? RUN : null,
    },
    "delete": { op: "delete", unreapedRun: null },
    "delete, worker unreaped": { op: "delete", unreapedRun: RUN },
    "complete, phantom card": {
      op: "complete",
      ...complete,
      cards: [{ id: "t_nowhere1", exists: false, createdBy: null, child: false }],
    },
    "schedule": { op: "schedule", until: NOW + 3600, reason: "tomorrow" },
    "schedule, no time": { op: "schedule", until: null, reason: null },
    "wake": { op: "wake" },
    "wake, not due": { op: "wake" },
    "wake, no time": { op: "wake" },
    "review": { op: "review", reviewer: "editor", note: "PR 12" },
    "send back": { op: "send_back", reason: "tests fail", to: null },
    "send back, review run": { op: "send_back", reason: "tests fail", to: null },
    "recompute": { op: "recompute" },
    "assign": { op: "assign", assignee: "editor" },
    "reclaim": { op: "reclaim", reason: null },
    "reassign": { op: "reassign", assignee: "editor", reclaim: false, reason: null },
    "reassign --reclaim": { op: "reassign", assignee: "editor", reclaim: true, reason: null },
    "link, parent ready": {
      op: "link",
      parentId: "t_parent02",
      parent: "ready",
      cycle: false,
      linked: false,
    },
    "link, parent done": {
      op: "link",
      parentId: "t_parent02",
      parent: "done",
      cycle: false,
      linked: false,
    },
    "unlink": { op: "unlink", parentId: "t_parent01", linked: linkedTo("t_parent01") },
    "comment": { op: "comment", author: "ann", body: "hello" },
  };
  for (const to of STATUSES) {
    ops[`move to ${to}`] = { op: "move", to, reason: "", ...complete };
  }
  Object.assign(
    ops,
    {
      "ended: done": { op: "run_ended", runId: RUN, end: { kind: "done", result: "out" } },
      "ended: blocked (78)": {
        op: "run_ended",
        runId: RUN,
        end: { kind: "blocked", reason: "worker exited 78: a person is needed" },
      },
      "ended: retry (75)": {
        op: "run_ended",
        runId: RUN,
        end: { kind: "retry_later", exitCode: 75, delayFor: (n: number) => 30 * 2 ** (n - 1) },
      },
      "ended: crashed": failed("crashed"),
      "ended: timed_out": failed("timed_out"),
      "ended: spawn_failed": failed("spawn_failed"),
      "ended: protocol_violation": failed("protocol_violation"),
      "ended: crashed at limit": failed("crashed", true, 1),
      "ended: crashed uncounted": failed("crashed", false, 1),
      "release": { op: "release", runId: RUN, reason: "claim expired" },
      "extend": { op: "extend", runId: RUN, ttlSeconds: 900, pid: 4242 },
      "defer": { op: "defer", runId: RUN, until: NOW + 120, reason: "cannot confirm" },
    } satisfies Record<string, Operation>,
  );
  return ops;
}

/** A decision in one word: the status afterwards, `noop`, or `!<code>` of the refusal. */
export function outcome(d: Decision, before: Status): string {
  if (!d.ok) return `!${d.error.code}`;
  // Refused with a record: the attempt is kept as an event, then refused.
  if (d.plan.refusal) return `!${d.plan.refusal.code}+event`;
  if (!d.plan.changed) return "noop";
  if (d.plan.purge) return "deleted";
  return d.plan.set.status ?? before;
}

const LABEL_WIDTH = 26;
const CELL_WIDTH = 19;

/** The table of the operation `label`: a row per status, a column per actor. */
export function grid(label: string): string {
  const line = (first: string, cells: string[]) =>
    [first.padEnd(LABEL_WIDTH), ...cells.map((c) => c.padEnd(CELL_WIDTH))].join("").trimEnd();
  const rows = [line(label, ACTOR_NAMES)];
  for (const status of STATUSES) {
    const t = taskIn(status);
    const actors = actorsFor(t);
    const op = operations(status)[label];
    rows.push(line(
      status,
      ACTOR_NAMES.map((a) =>
        outcome(decide(op, seenBy(factsFor(label, status), actors[a]), actors[a], NOW), status)
      ),
    ));
  }
  return rows.join("\n");
}
