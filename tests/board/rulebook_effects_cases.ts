/** The cases of rulebook_effects_test.ts: one decision each, by the name the test reports. */

import {
  type Actor,
  type CreatePlan,
  type CreateRules,
  decide,
  type Decision,
  type Facts,
  type Operation,
  type Plan,
  planCreate,
  type Status,
} from "../../lib/board/mod.ts";
import {
  CHILD,
  factsIn,
  giveUpReason,
  NOW,
  parent,
  RUN,
  seenBy,
  task,
  taskIn,
  type WorkerFacts,
} from "./rulebook_fixtures.ts";

const PERSON: Actor = { kind: "person", name: "ann" };
const DASHBOARD: Actor = { kind: "dashboard", name: "dashboard" };
const DISPATCHER: Actor = { kind: "dispatcher", name: "writer" };
const WORKER = { kind: "worker" as const, name: "writer", taskId: "t_task0001", runId: RUN };

function on(status: Status, op: Operation, actor: Actor = PERSON, over: Partial<Facts> = {}) {
  return (): Decision => decide(op, seenBy(factsIn(status, over), actor), actor, NOW);
}

/** A running worker's facts: proven, its run active, in tenant acme, with `over`. */
function proven(over: Partial<WorkerFacts> = {}): WorkerFacts {
  return { authentic: true, runActive: true, tenant: "acme", created: [], linked: [], ...over };
}

/** Config for a worker's new tasks: `coder` needs no review; `shell` and `owner` run unconfined. */
const RULES: CreateRules = { allowed: ["coder", "owner"], unconfined: ["shell", "owner"] };

/** A task created by the running worker, asking for `assignee`. */
function workerCreates(
  assignee: string | null,
  facts: WorkerFacts = proven(),
  tenant: string | null = null,
) {
  return () =>
    planCreate({
      triage: false,
      parents: [{ id: "t_task0001", status: "running" }],
      assignee,
      tenant,
      skills: null,
      creator: { actor: WORKER, facts, rules: RULES },
    });
}

const noComplete = { result: null, summary: null, metadata: null };
const move = (to: string) => ({ op: "move" as const, to, reason: "", ...noComplete });
const crash = (counted: boolean, limit: number) => ({
  op: "run_ended" as const,
  runId: RUN,
  end: {
    kind: "failed" as const,
    failure: "crashed" as const,
    error: "worker pid 4242 died without leaving an exit status",
    counted,
    limit,
    payload: { pid: 4242, claimer: "host:1" },
    giveUpReason,
  },
});

/** Every case, by name. */
export const CASES: Record<string, () => Decision<Plan | CreatePlan>> = {
  "create with done parents starts ready": () =>
    planCreate({
      triage: false,
      parents: [{ id: "t_parent01", status: "done" }, { id: "t_parent02", status: "archived" }],
      assignee: "writer",
      tenant: "acme",
      skills: null,
    }),
  "create with a parent not done starts todo": () =>
    planCreate({
      triage: false,
      parents: [{ id: "t_parent01", status: "done" }, { id: "t_parent02", status: "blocked" }],
      assignee: null,
      tenant: null,
      skills: ["go"],
    }),
  "create in triage starts triage whatever its parents": () =>
    planCreate({
      triage: true,
      parents: [{ id: "t_parent01", status: "done" }],
      assignee: null,
      tenant: null,
      skills: null,
    }),
  "create with unknown parents is refused": () =>
    planCreate({
      triage: false,
      parents: [{ id: "t_nope0001", status: null }, { id: "t_parent01", status: "done" }, {
        id: "t_nope0002",
        status: null,
      }],
      assignee: null,
      tenant: null,
      skills: null,
    }),
  "claim opens a running run and takes the lease": on("ready", {
    op: "claim",
    lock: "host:2",
    ttlSeconds: 900,
  }),
  "claim first closes a run the ready task still points at": on(
    "ready",
    { op: "claim", lock: "host:2", ttlSeconds: 60 },
    PERSON,
    { task: task({ status: "ready", current_run_id: 5, started_at: NOW - 900 }) },
  ),
  "claim refuses a ready task whose parents are not done": on(
    "ready",
    { op: "claim", lock: "host:2", ttlSeconds: 60 },
    PERSON,
    { parents: [parent("running")] },
  ),
  "heartbeat extends the lease of task and run, never shortening it": on(
    "running",
    { op: "heartbeat", note: "halfway", ttlSeconds: 60 },
    WORKER,
  ),
  "complete of a running task closes its run with the hand-off and readies the child": on(
    "running",
    { op: "complete", result: "all good", summary: "did it\nsecond line", metadata: { n: 1 } },
    WORKER,
  ),
  "complete of a task never claimed, with a result, records a zero-length run": on(
    "ready",
    { op: "complete", result: "r", summary: null, metadata: null },
  ),
  "complete of a task never claimed, with nothing to hand off, opens no run": on("blocked", {
    op: "complete",
    ...noComplete,
  }),
  "complete readies only children whose other parents are done": on(
    "running",
    { op: "complete", ...noComplete },
    PERSON,
    {
      children: [
        CHILD,
        { id: "t_child002", status: "todo", otherParents: ["done", "archived"] },
        { id: "t_child003", status: "todo", otherParents: ["running"] },
        { id: "t_child004", status: "triage", otherParents: [] },
      ],
    },
  ),
  "complete of a done task with another result is refused": on("done", {
    op: "complete",
    result: "other",
    summary: null,
    metadata: null,
  }),
  "block of a running task closes its run and comments the reason": on(
    "running",
    { op: "block", reason: "need the staging password" },
    WORKER,
  ),
  "block without a reason adds no comment": on("ready", { op: "block", reason: "" }),
  "block --kind dependency waits for its parents in todo, not for a person": on(
    "running",
    { op: "block", reason: "needs the schema task", kind: "dependency" },
    WORKER,
    { parents: [parent("running")] },
  ),
  "block --kind dependency with its parents done is ready again": on("ready", {
    op: "block",
    reason: "",
    kind: "dependency",
  }),
  "block for the same reason after an unblock goes to triage (the loop breaker)": on(
    "running",
    { op: "block", reason: "still no key", kind: "needs_input" },
    WORKER,
    { task: taskIn("running", { block_kind: "needs_input", block_recurrences: 1 }) },
  ),
  "block for another reason than the last counts from one": on(
    "ready",
    { op: "block", reason: "no access", kind: "capability" },
    PERSON,
    { task: taskIn("ready", { block_kind: "needs_input", block_recurrences: 1 }) },
  ),
  "block with a kind that is none of Hermes's is refused": on("ready", {
    op: "block",
    reason: "",
    kind: "someday",
  }),
  "unblock resets the failure budget and readies the task": on("blocked", { op: "unblock" }),
  "unblock keeps the block kind and count, and comments its reason": on(
    "blocked",
    { op: "unblock", reason: "key added" },
    PERSON,
    { task: taskIn("blocked", { block_kind: "needs_input", block_recurrences: 1 }) },
  ),
  "unblock of a scheduled task releases it early and forgets its time": on("scheduled", {
    op: "unblock",
  }),
  "schedule by its worker parks a running task until a time, its run closed as scheduled": on(
    "running",
    { op: "schedule", until: NOW + 3600, reason: "rate limit resets at noon" },
    WORKER,
  ),
  "schedule without a time parks a task until someone releases it": on("ready", {
    op: "schedule",
    until: null,
    reason: null,
  }),
  "schedule of a scheduled task moves its time": on("scheduled", {
    op: "schedule",
    until: NOW + 60,
    reason: null,
  }),
  "schedule for a time that has passed is refused": on("todo", {
    op: "schedule",
    until: NOW,
    reason: null,
  }),
  "wake of a scheduled task whose time has come waits in todo while a parent is not done": on(
    "scheduled",
    { op: "wake" },
    DISPATCHER,
    { parents: [parent("running")] },
  ),
  "wake before its time is refused": on("scheduled", { op: "wake" }, DISPATCHER, {
    scheduledAt: NOW + 60,
  }),
  "promote of a scheduled task releases it early": on("scheduled", { op: "promote" }),
  "move of a scheduled card to todo forgets its time": on("scheduled", move("todo"), DASHBOARD),
  "move of a card to scheduled parks it without a time": on(
    "blocked",
    { ...move("scheduled"), reason: "after the freeze" },
    DASHBOARD,
  ),
  "review by its worker closes its run as review and hands the task to the reviewer": on(
    "running",
    { op: "review", reviewer: "editor", note: "PR #12 is open" },
    WORKER,
  ),
  "review by a person of a running task, reviewed by its assignee": on("running", {
    op: "review",
    reviewer: null,
    note: null,
  }),
  "claim of a task in review starts its reviewer without asking its parents": on(
    "review",
    { op: "claim", lock: "host:2", ttlSeconds: 900 },
    DISPATCHER,
    { task: taskIn("review", { assignee: "editor" }), parents: [parent("running")] },
  ),
  "complete of a task in review approves it": on("review", {
    op: "complete",
    result: "merged",
    summary: null,
    metadata: null,
  }),
  "send back by the reviewer closes its run and gives the task back to its worker": on(
    "running",
    { op: "send_back", reason: "the tests fail on main", to: null },
    WORKER,
    { task: taskIn("running", { assignee: "editor" }), reviewRun: true },
  ),
  "send back of a task in review to another profile, while a parent is not done": on(
    "review",
    { op: "send_back", reason: "needs a designer", to: "designer" },
    PERSON,
    { task: taskIn("review", { assignee: "editor" }), parents: [parent("blocked")] },
  ),
  "send back of a running task that is not a review is refused": on("running", {
    op: "send_back",
    reason: "x",
    to: null,
  }, WORKER),
  "unblock waits in todo while a parent is not done": on("blocked", { op: "unblock" }, PERSON, {
    parents: [parent("done"), parent("ready", "t_parent02")],
  }),
  "unblock closes a run the blocked task still points at": on(
    "blocked",
    { op: "unblock" },
    PERSON,
    { task: task({ status: "blocked", current_run_id: 5 }) },
  ),
  "archive of a running task closes its run as reclaimed and readies the child": on("running", {
    op: "archive",
  }),
  "promote from triage waits in todo while a parent is not done": on(
    "triage",
    { op: "promote" },
    PERSON,
    { parents: [parent("blocked")] },
  ),
  "promote from todo readies a task whose parents are done": on("todo", { op: "promote" }, PERSON, {
    parents: [parent("archived")],
  }),
  "recompute readies a todo task whose parents are done": on("todo", { op: "recompute" }, PERSON, {
    parents: [parent("done")],
  }),
  "assign resets the failure budget": on("blocked", { op: "assign", assignee: null }),
  "assign refuses a running task": on("running", { op: "assign", assignee: "editor" }),
  "reclaim releases the claim, resets the budget, and readies the task": on(
    "running",
    { op: "reclaim", reason: null },
  ),
  "reclaim waits in todo while a parent linked since the claim is not done": on(
    "running",
    { op: "reclaim", reason: "stuck" },
    PERSON,
    { parents: [parent("ready")] },
  ),
  "reassign --reclaim releases the claim, then assigns": on("running", {
    op: "reassign",
    assignee: "editor",
    reclaim: true,
    reason: null,
  }),
  "reclaim refuses a task that is not running, in Hermes's words": on("blocked", {
    op: "reclaim",
    reason: null,
  }),
  "reclaim of an unknown id is refused in Hermes's words": () =>
    decide(
      { op: "reclaim", reason: null },
      { id: "t_nope0001", task: null, parents: [], children: [] },
      PERSON,
      NOW,
    ),
  "reassign without --reclaim refuses a running task, in Hermes's words": on("running", {
    op: "reassign",
    assignee: "editor",
    reclaim: false,
    reason: null,
  }),
  "link to a parent not done sends a ready child back to todo": on("ready", {
    op: "link",
    parentId: "t_parent02",
    parent: "blocked",
    cycle: false,
    linked: false,
  }),
  "link that exists already writes nothing": on("ready", {
    op: "link",
    parentId: "t_parent01",
    parent: "done",
    cycle: false,
    linked: true,
  }),
  "link that would close a cycle is refused": on("ready", {
    op: "link",
    parentId: "t_parent02",
    parent: "todo",
    cycle: true,
    linked: false,
  }),
  "link of a task to itself is refused before anything else": () =>
    decide(
      { op: "link", parentId: "t_task0001", parent: null, cycle: false, linked: false },
      { id: "t_task0001", task: null, parents: [], children: [] },
      PERSON,
      NOW,
    ),
  "link names every unknown task": () =>
    decide(
      { op: "link", parentId: "t_nope0001", parent: null, cycle: false, linked: false },
      { id: "t_nope0002", task: null, parents: [], children: [] },
      PERSON,
      NOW,
    ),
  "unlink of the last parent not done readies a todo task": on("todo", {
    op: "unlink",
    parentId: "t_parent01",
    linked: true,
  }),
  "unlink of a link that does not exist is refused": on("ready", {
    op: "unlink",
    parentId: "t_parent02",
    linked: false,
  }),
  "comment adds the comment and its event": on("archived", {
    op: "comment",
    author: "ann",
    body: "for the record",
  }),
  "move from ready to todo writes the status directly": on("ready", move("todo"), DASHBOARD),
  "move from running to ready closes the run as reclaimed": on("running", move("ready"), DASHBOARD),
  "move from blocked to triage resets the failure budget": on(
    "blocked",
    move("triage"),
    DASHBOARD,
  ),
  "move from blocked to ready unblocks": on("blocked", move("ready"), DASHBOARD),
  "move to ready names the parents not done": on("todo", move("ready"), DASHBOARD, {
    parents: [parent("done"), parent("running", "t_parent02"), parent("todo", "t_parent03")],
  }),
  "move to done completes with the dashboard's result": on(
    "running",
    { op: "move", to: "done", reason: "", result: "shipped", summary: null, metadata: null },
    DASHBOARD,
  ),
  "move to blocked blocks with the dashboard's reason": on(
    "ready",
    { op: "move", to: "blocked", reason: "waiting on legal", ...noComplete },
    DASHBOARD,
  ),
  "move of a done task anywhere but archived is refused": on("done", move("todo"), DASHBOARD),
  "move of an archived task is refused": on("archived", move("ready"), DASHBOARD),
  "move to running is refused": on("ready", move("running"), DASHBOARD),
  "move to a column that is no status is refused": on("ready", move("doing"), DASHBOARD),
  "move from running to todo is refused": on("running", move("todo"), DASHBOARD),
  "move to done from todo is refused": on("todo", move("done"), DASHBOARD),
  "ended done completes with the output as result": on("running", {
    op: "run_ended",
    runId: RUN,
    end: { kind: "done", result: "output tail" },
  }, DISPATCHER),
  "ended blocked (78) blocks and comments as the profile": on("running", {
    op: "run_ended",
    runId: RUN,
    end: { kind: "blocked", reason: "worker exited 78: a person is needed" },
  }, DISPATCHER),
  "ended retry (75) requeues with a doubling delay, budget untouched": on(
    "running",
    {
      op: "run_ended",
      runId: RUN,
      end: { kind: "retry_later", exitCode: 75, delayFor: (n) => 30 * 2 ** (n - 1) },
    },
    DISPATCHER,
    { retryAttempts: 2 },
  ),
  "ended crashed below the limit requeues and counts the failure": on(
    "running",
    crash(true, 3),
    DISPATCHER,
  ),
  "ended crashed at the limit gives up with the streak as the reason": on(
    "running",
    crash(true, 3),
    DISPATCHER,
    {
      task: { ...taskIn("running"), consecutive_failures: 2 },
      recentFailures: ["timed_out", "spawn_failed", "timed_out"],
    },
  ),
  "ended crashed uses the task's max_retries over the board's limit": on(
    "running",
    crash(true, 5),
    DISPATCHER,
    { task: { ...taskIn("running"), max_retries: 1 } },
  ),
  "ended crashed uncounted requeues without spending the budget": on(
    "running",
    crash(false, 1),
    DISPATCHER,
  ),
  "ended of a run that no longer holds the task records nothing": on(
    "running",
    { ...crash(true, 2), runId: RUN - 1 },
    DISPATCHER,
  ),
  "release puts the task back, budget untouched": on("running", {
    op: "release",
    runId: RUN,
    reason: "claim by host:1 expired and no worker process was recorded",
  }, DISPATCHER),
  "release without a run id closes whatever run the task points at": on(
    "running",
    { op: "release", runId: null, reason: "task was running without an open run" },
    DISPATCHER,
  ),
  "release waits in todo while a parent linked since the claim is not done": on(
    "running",
    { op: "release", runId: RUN, reason: "claim expired" },
    DISPATCHER,
    { parents: [parent("ready")] },
  ),
  "extend sets the lease of task and run": on("running", {
    op: "extend",
    runId: RUN,
    ttlSeconds: 900,
    pid: 4242,
  }, DISPATCHER),
  "defer leaves the claim alone until a time": on("running", {
    op: "defer",
    runId: RUN,
    until: NOW + 120,
    reason: "its worker runs on another host",
  }, DISPATCHER),
  "a person may not record how a run ended": on("running", {
    op: "release",
    runId: RUN,
    reason: "x",
  }),
  "a worker may not complete another task": on(
    "running",
    { op: "complete", ...noComplete },
    { kind: "worker", name: "editor", taskId: "t_other001", runId: 9 },
  ),
  "a worker with an old run may not block its task": on(
    "running",
    { op: "block", reason: "" },
    { ...WORKER, runId: RUN - 1 },
  ),
  "a worker's task for an assignee in worker_create_assignees waits for its parent": workerCreates(
    "coder",
  ),
  "a worker's task for another assignee lands in triage": workerCreates("reviewer"),
  "a worker's task for shell lands in triage with no assignee": workerCreates("shell"),
  "a worker's task for an unconfined profile lands in triage unassigned, even when listed":
    workerCreates("owner"),
  "a worker's task stays in its tenant": workerCreates("coder", proven(), "other"),
  "a worker whose run has ended creates nothing": workerCreates(
    "coder",
    proven({ runActive: false }),
  ),
  "a worker without its run's secret creates nothing": workerCreates(
    "coder",
    proven({ authentic: false }),
  ),
  "a worker without its run's secret is refused on its own task": () =>
    decide(
      { op: "heartbeat", note: null, ttlSeconds: 900 },
      { ...factsIn("running"), worker: proven({ authentic: false }) },
      WORKER,
      NOW,
    ),
  "a worker whose run has ended changes nothing on a task it created": () =>
    decide(
      { op: "comment", author: "writer", body: "late" },
      {
        ...factsIn("ready", { id: "t_made0001", task: task({ id: "t_made0001" }) }),
        worker: proven({ runActive: false, created: ["t_made0001"] }),
      },
      WORKER,
      NOW,
    ),
  "a worker comments on a task it created": () =>
    decide(
      { op: "comment", author: "writer", body: "context for you" },
      {
        ...factsIn("ready", { id: "t_made0001", task: task({ id: "t_made0001" }) }),
        worker: proven({ created: ["t_made0001"] }),
      },
      WORKER,
      NOW,
    ),
  "a worker may not comment on a task it did not create": () =>
    decide(
      { op: "comment", author: "writer", body: "do this instead" },
      {
        ...factsIn("ready", { id: "t_else0001", task: task({ id: "t_else0001" }) }),
        worker: proven({ linked: ["t_else0001"] }),
      },
      WORKER,
      NOW,
    ),
  "a worker links a task it created after its own": () =>
    decide(
      { op: "link", parentId: "t_task0001", parent: "running", cycle: false, linked: false },
      {
        ...factsIn("ready", { id: "t_made0001", task: task({ id: "t_made0001" }) }),
        worker: proven({ created: ["t_made0001"] }),
      },
      WORKER,
      NOW,
    ),
  "a worker may not link a task it did not create": () =>
    decide(
      { op: "link", parentId: "t_made0001", parent: "ready", cycle: false, linked: false },
      {
        ...factsIn("ready", { id: "t_else0001", task: task({ id: "t_else0001" }) }),
        worker: proven({ created: ["t_made0001"] }),
      },
      WORKER,
      NOW,
    ),
  "a worker may not ask for more than the worker verbs": on("running", { op: "archive" }, WORKER),
  "an unknown task is refused": () =>
    decide(
      { op: "archive" },
      { id: "t_nope0001", task: null, parents: [], children: [] },
      PERSON,
      NOW,
    ),
};
