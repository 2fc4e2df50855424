/**
 * The board's rulebook: every transition of a task, decided in one place. Given the task as
 * stored (with its parents, children and history), the actor and the time, `decide` answers
 * with a refusal or with a plan of effects (run to close or open, columns to write, counters
 * to reset, comment, events, children that become ready). The store applies plans in one
 * transaction; the CLI, the dashboard, MCP and the dispatcher all ask here. Pure: no I/O, no
 * clock, no Deno APIs (the web board imports it).
 *
 * A new status starts in STATUS_RULES (its traits and what dropping a card on it does) and in
 * VERB_FROM (the verbs that accept it); the plans below follow from those.
 */

import {
  ConflictError,
  type HermesError,
  InvalidRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
  UsageError,
} from "./errors.ts";
import type {
  Actor,
  CardFact,
  ChildFact,
  CompleteFacts,
  CompleteFields,
  CreatePlan,
  CreateRules,
  Decision,
  Facts,
  FailureKind,
  NewRun,
  Operation,
  Plan,
  PlanEvent,
  RunEnd,
  RunRef,
  TaskPatch,
  WorkerActor,
  WorkerFacts,
} from "./operation.ts";
import { isStatus, type RunStatus, type Status, STATUSES } from "./status.ts";
import type { Task } from "./task.ts";
import { firstLine } from "./validate.ts";

/** What the rules need to know about a status. */
export interface StatusRule {
  /** A child whose parents are all in statuses like this one may be ready. */
  satisfiesChildren: boolean;
  /** A task in this status holds a claim and exactly one open run. */
  holdsRun: boolean;
  /** Why a dashboard status write never moves a task out of it (archiving aside), or null. */
  terminal: string | null;
  /** What dropping a card on this column of the dashboard does. */
  drop: "direct" | "block" | "complete" | "archive" | "schedule" | "review" | "refuse";
}

/** Every status's traits. */
export const STATUS_RULES: Readonly<Record<Status, StatusRule>> = {
  triage: { satisfiesChildren: false, holdsRun: false, terminal: null, drop: "direct" },
  todo: { satisfiesChildren: false, holdsRun: false, terminal: null, drop: "direct" },
  scheduled: { satisfiesChildren: false, holdsRun: false, terminal: null, drop: "schedule" },
  ready: { satisfiesChildren: false, holdsRun: false, terminal: null, drop: "direct" },
  running: { satisfiesChildren: false, holdsRun: true, terminal: null, drop: "refuse" },
  blocked: { satisfiesChildren: false, holdsRun: false, terminal: null, drop: "block" },
  review: { satisfiesChildren: false, holdsRun: false, terminal: null, drop: "review" },
  done: {
    satisfiesChildren: true,
    holdsRun: false,
    terminal: "a status write never reopens it — create a follow-up task instead",
    drop: "complete",
  },
  archived: {
    satisfiesChildren: true,
    holdsRun: false,
    terminal: "a status write never revives it — create a new task instead",
    drop: "archive",
  },
};

/** The statuses each verb accepts, in the order its refusal lists them. */
export const VERB_FROM = {
  claim: ["ready", "review"],
  heartbeat: ["running"],
  complete: ["running", "ready", "blocked", "review"],
  block: ["running", "ready"],
  unblock: ["blocked", "scheduled"],
  promote: ["triage", "scheduled", "todo"],
  recompute: ["todo"],
  archive: ["triage", "todo", "scheduled", "ready", "running", "blocked", "review", "done"],
  assign: ["triage", "todo", "scheduled", "ready", "blocked", "review", "done", "archived"],
  reclaim: ["running"],
  edit_result: ["done"],
  delete: ["archived"],
  schedule: ["todo", "scheduled", "ready", "running", "blocked"],
  wake: ["scheduled"],
  review: ["running", "ready", "blocked"],
  send_back: ["review", "running"],
} as const satisfies Record<string, readonly Status[]>;

/** A verb of VERB_FROM. */
export type Verb = keyof typeof VERB_FROM;

/** True when `verb` applies to a task in `status`. */
export function accepts(verb: Verb, status: Status): boolean {
  return (VERB_FROM[verb] as readonly Status[]).includes(status);
}

/** True when a claim may take `t` as far as the task itself goes (its parents aside). */
export function claimable(t: Pick<Task, "status" | "claim_lock">): boolean {
  return accepts("claim", t.status) && t.claim_lock === null;
}

/** True when nothing will happen to a task in `status` any more but archiving (done, archived). */
export function finished(status: Status): boolean {
  return STATUS_RULES[status].terminal !== null;
}

/** The statuses nothing happens to any more (for queries that filter on them). */
export const FINISHED_STATUSES: readonly Status[] = STATUSES.filter(finished);

/** Parents count as done when done or archived. */
export function parentSatisfied(status: Status): boolean {
  return STATUS_RULES[status].satisfiesChildren;
}

/** The statuses that satisfy a child (for queries that filter on them). */
export const SATISFYING_STATUSES: readonly Status[] = STATUSES.filter(parentSatisfied);

/** Where a task waits: ready when its parents are all done, else todo. */
export function waitingStatus(parentsDone: boolean): Status {
  return parentsDone ? "ready" : "todo";
}

/**
 * Hermes's typed block reasons. `dependency` waits for parents (todo, or ready when they are
 * done), never for a person; the others block for a person, and a task blocked again for the
 * same reason after an unblock goes to triage instead (the unblock-loop breaker).
 */
export const BLOCK_KINDS = ["dependency", "needs_input", "capability", "transient"] as const;

/** A typed block reason. */
export type BlockKind = typeof BLOCK_KINDS[number];

/** Same-cause blocks (since the last completion) at which a block goes to triage (Hermes's 2). */
export const BLOCK_RECURRENCE_LIMIT = 2;

/** Kinds of failed attempt, as run statuses; each spends the failure budget when counted. */
export const FAILURE_KINDS: readonly FailureKind[] = [
  "spawn_failed",
  "crashed",
  "timed_out",
  "protocol_violation",
];

/** Longest error text kept on a run or task (Hermes cuts at 500). */
export const MAX_ERROR_CHARS = 500;

/** Cut a stored error or reason text. */
export function cutText(s: string): string {
  return s.length > MAX_ERROR_CHARS ? s.slice(0, MAX_ERROR_CHARS) : s;
}

/** The reason the dashboard's direct status writes record. */
export const MOVE_REASON = "moved on the dashboard";

/** Placeholder for the id of the run a plan opens; `bindRun` replaces it. */
export const NEW_RUN: NewRun = "new run";

/** The run a plan opened, by id: NEW_RUN replaced in columns, events and payloads. */
export function bindRun(plan: Plan, runId: number): Plan {
  const ref = (r: RunRef | null): number | null => r === NEW_RUN ? runId : r;
  const payload = (p: Record<string, unknown> | null) =>
    p === null
      ? null
      : Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === NEW_RUN ? runId : v]));
  const set = { ...plan.set };
  if (set.current_run_id !== undefined) set.current_run_id = ref(set.current_run_id);
  return {
    ...plan,
    set,
    events: plan.events.map((e) => ({ ...e, runId: ref(e.runId), payload: payload(e.payload) })),
  };
}

/** The plan of an allowed decision; throws the refusal otherwise. */
export function planOf<P>(d: Decision<P>): P {
  if (!d.ok) throw d.error;
  return d.plan;
}

/** True when deciding `op` needs the task's children (it can make them ready). */
export function needsChildren(op: Operation): boolean {
  switch (op.op) {
    case "complete":
    case "archive":
      return true;
    case "move":
      return isStatus(op.to) && parentSatisfied(op.to);
    case "run_ended":
      return op.end.kind === "done";
    default:
      return false;
  }
}

/** The built-in profile that runs task bodies as the owner: never a worker's to assign. */
export const SHELL_ASSIGNEE = "shell";

/** A worker that creates a task: who it is, what the store found, what config allows. */
export interface Creator {
  actor: WorkerActor;
  facts: WorkerFacts | undefined;
  rules: CreateRules;
}

/**
 * How the status a new task starts in is chosen, and its `created` event. A task a worker
 * creates lands in triage unless its assignee is in `kanban.worker_create_assignees`; one that
 * names `shell` or an unconfined profile lands in triage with no assignee (a person reads it and
 * assigns it, or not); it stays in the worker's tenant; and a worker whose run has ended
 * creates nothing.
 */
export function planCreate(input: {
  triage: boolean;
  /** Its parents, de-duplicated, in the order given; status null for an unknown id. */
  parents: ReadonlyArray<{ id: string; status: Status | null }>;
  assignee: string | null;
  tenant: string | null;
  skills: string[] | null;
  /** `blocked` parks it for a person (Hermes's `--initial-status`); default `running`. */
  initialStatus?: "running" | "blocked";
  /** Recorded in its `created` event when set (as Hermes does). */
  branch?: string | null;
  goalMode?: boolean;
  /** Set when a worker creates the task. */
  creator?: Creator;
}): Decision<CreatePlan> {
  let { assignee, tenant, triage } = input;
  const review: Record<string, unknown> = {};
  const c = input.creator;
  if (c) {
    const denied = workerWriteRefusal(c.actor, c.facts, "create tasks");
    if (denied) return refuse(denied);
    const own = c.facts!.tenant;
    if (own !== null) {
      if (tenant !== null && tenant !== own) {
        return refuse(
          new PermissionError(
            `a worker of tenant '${own}' cannot create tasks in tenant '${tenant}'`,
            "wrong_tenant",
          ),
        );
      }
      tenant = own;
    }
    if (assignee !== null && unconfinedAssignee(assignee, c.rules)) {
      review.requested_assignee = assignee;
      review.review = "unconfined_assignee";
      assignee = null;
      triage = true;
    } else if (assignee === null || !c.rules.allowed.includes(assignee)) {
      if (!triage) review.review = "worker_create_assignees";
      triage = true;
    }
  }
  const missing = input.parents.filter((p) => p.status === null).map((p) => p.id);
  if (missing.length) {
    return refuse(new NotFoundError(`unknown parent task(s): ${missing.join(", ")}`));
  }
  const done = input.parents.every((p) => parentSatisfied(p.status as Status));
  // A worker's task its rules send to triage stays there; otherwise `blocked` wins over
  // `--triage`, as in Hermes.
  const status = review.review
    ? "triage"
    : input.initialStatus === "blocked"
    ? "blocked"
    : triage
    ? "triage"
    : waitingStatus(done);
  const parents = input.parents.map((p) => p.id);
  const origin = c ? { taskId: c.actor.taskId, runId: c.actor.runId as number } : null;
  return allow({
    status,
    assignee,
    tenant,
    parents,
    origin,
    event: {
      kind: "created",
      payload: {
        assignee,
        status,
        parents,
        tenant,
        skills: input.skills ?? [],
        ...(input.branch ? { branch_name: input.branch } : {}),
        ...(input.goalMode ? { goal_mode: true } : {}),
        ...(origin ? { by_task: origin.taskId, by_run: origin.runId, ...review } : {}),
      },
      runId: null,
    },
  });
}

/** True when a worker may not give a task to `assignee`: `shell` or an unconfined profile. */
function unconfinedAssignee(assignee: string, rules: CreateRules): boolean {
  return assignee === SHELL_ASSIGNEE || rules.unconfined.includes(assignee);
}

/** Decide `op` on the task `facts` describe, asked by `actor` at `now` (unix seconds). */
export function decide(op: Operation, facts: Facts, actor: Actor, now: number): Decision {
  if (actor.kind === "worker") {
    const denied = workerGate(op, facts, actor);
    if (denied) return refuse(denied);
  }
  const d = decideOp(op, facts, actor, now);
  // A run that has ended changes nothing any more (repeating a finished completion is no change).
  if (actor.kind === "worker" && d.ok && d.plan.changed && !facts.worker!.runActive) {
    return refuse(staleRun(actor, facts.id));
  }
  const t = facts.task;
  // A task leaving scheduled, whichever way, forgets its time.
  if (d.ok && t !== null && t.status === "scheduled" && d.plan.changed) {
    const to = d.plan.set.status;
    if (to !== undefined && to !== "scheduled") d.plan.schedule = { clear: true };
  }
  return d;
}

function decideOp(op: Operation, facts: Facts, actor: Actor, now: number): Decision {
  if (op.op === "link") return decideLink(op, facts);
  if (op.op === "unlink") return decideUnlink(op, facts);
  if (isDispatcherOp(op) && actor.kind !== "dispatcher") {
    return refuse(
      new PermissionError(
        `only the dispatcher records how runs end and what leases do (${op.op})`,
        "not_dispatcher",
      ),
    );
  }
  const t = facts.task;
  if (t === null) return refuse(unknownTask(op, facts.id));
  switch (op.op) {
    case "claim":
      return decideClaim(t, facts, op.lock, op.ttlSeconds, now);
    case "heartbeat":
      return decideHeartbeat(t, op.note, op.ttlSeconds, actor, now);
    case "complete":
    case "block":
    case "unblock":
    case "archive":
      return decideStatusOp(t, facts, op, actor, now);
    case "promote":
      return decidePromote(t, facts, op.force ?? false, op.reason ?? null);
    case "edit_result":
      return decideEditResult(t, op, actor, now);
    case "delete":
      return decideDelete(t, op.unreapedRun, actor);
    case "schedule":
      return decideSchedule(t, op, actor, now);
    case "wake":
      return decideWake(t, facts, now);
    case "review":
      return decideReview(t, op, actor);
    case "send_back":
      return decideSendBack(t, facts, op, actor);
    case "recompute":
      return allow(recompute(t.id, t.status, facts.parents.map((p) => p.status)));
    case "assign":
      return decideAssign(t, { ...op, reclaim: false, reason: null }, actor, facts);
    case "reassign":
      return decideAssign(t, op, actor, facts);
    case "reclaim":
      return decideReclaim(t, facts, op.reason, actor);
    case "comment":
      return allow(plan("comment", t.id, {
        comment: { author: op.author, body: op.body },
        events: [event("commented", { author: op.author, len: op.body.length })],
      }));
    case "move":
      return decideMove(t, facts, op, actor, now);
    case "run_ended":
    case "release":
    case "extend":
    case "defer":
      return decideDispatch(t, facts, op, actor, now);
  }
}

// ---- refusals and plan building ----

function allow<P>(plan: P): Decision<P> {
  return { ok: true, plan };
}

function refuse(error: HermesError): { ok: false; error: HermesError } {
  return { ok: false, error };
}

function event(
  kind: string,
  payload: Record<string, unknown> | null,
  runId: RunRef | null = null,
): PlanEvent {
  return { kind, payload, runId };
}

function plan(op: Plan["op"], taskId: string, parts: Partial<Plan>): Plan {
  return {
    op,
    taskId,
    changed: true,
    closeRun: null,
    openRun: null,
    set: {},
    lease: null,
    retry: null,
    link: null,
    comment: null,
    events: [],
    then: [],
    ...parts,
  };
}

/** A plan that writes nothing. */
function unchanged(op: Plan["op"], taskId: string): Plan {
  return plan(op, taskId, { changed: false });
}

/** "a, b or c". */
function orList(xs: readonly string[]): string {
  return xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}`;
}

/** `cannot <verb> <id>: it is <status> (<verb> needs a, b or c)`. */
function wrongStatus(verb: Verb, t: Task): HermesError {
  return new InvalidStateError(
    `cannot ${verb} ${t.id}: it is ${t.status} (${verb} needs ${orList(VERB_FROM[verb])})`,
  );
}

/** Hermes's refusal of a reclaim, for a task that is not running and for an unknown id alike. */
function reclaimRefused(id: string): string {
  return `cannot reclaim ${id} (not running or unknown id)`;
}

/** Hermes's refusal of a reassign without --reclaim, for a running task or an unknown id. */
function reassignRefused(id: string): string {
  return `cannot reassign ${id} (unknown id, or still running — pass --reclaim to release first)`;
}

/** The refusal for an id that names no task (the recovery verbs word it as Hermes does). */
function unknownTask(op: Operation, id: string): HermesError {
  switch (op.op) {
    case "reclaim":
      return new NotFoundError(reclaimRefused(id));
    case "reassign":
      return new NotFoundError(reassignRefused(id));
    default:
      return new NotFoundError(`no such task: ${id}`);
  }
}

// ---- workers ----

/** The operations a worker may ask for: on its own task, or within its scope (see below). */
const WORKER_OPS: ReadonlySet<Operation["op"]> = new Set<Operation["op"]>([
  "heartbeat",
  "complete",
  "block",
  "comment",
  "link",
  // Its own task only (the decisions ask workerRefusal): park it, hand it to a reviewer, or, as
  // the reviewer's run, send the work back.
  "schedule",
  "review",
  "send_back",
]);

/** The refusal of a worker that did not present its run's secret. */
function unauthenticated(actor: WorkerActor): HermesError {
  const run = actor.runId === null ? "no run" : `run ${actor.runId}`;
  return new PermissionError(
    `a worker must prove its run with the run's secret (${run} of ${actor.taskId} did not); ` +
      "workers reach the board through the endpoint their dispatcher serves",
    "not_authenticated",
  );
}

/** The refusal of a worker whose run no longer holds its task. */
function staleRun(actor: WorkerActor, id: string): HermesError {
  return new PermissionError(
    `run ${actor.runId} no longer holds ${actor.taskId} (it has ended, or its claim was ` +
      `reclaimed or taken over); refused${id === actor.taskId ? "" : ` on ${id}`}`,
    "stale_run",
  );
}

/** Why a worker may not write at all (unproven, or its run has ended), or null. */
function workerWriteRefusal(
  actor: WorkerActor,
  w: WorkerFacts | undefined,
  what: string,
): HermesError | null {
  if (!w?.authentic) return unauthenticated(actor);
  if (!w.runActive) {
    return new PermissionError(
      `run ${actor.runId} no longer holds ${actor.taskId} (it has ended, or its claim was ` +
        `reclaimed or taken over); a worker whose run has ended cannot ${what}`,
      "stale_run",
    );
  }
  return null;
}

/** True when task `id` is the worker's own or one a worker of its task created. */
function ownOrCreated(actor: WorkerActor, w: WorkerFacts, id: string): boolean {
  return id === actor.taskId || w.created.includes(id);
}

/** What the rules say before a worker's operation is decided at all: proof, verb and scope. */
function workerGate(op: Operation, facts: Facts, actor: WorkerActor): HermesError | null {
  const w = facts.worker;
  if (!w?.authentic) return unauthenticated(actor);
  if (!WORKER_OPS.has(op.op)) {
    return new PermissionError(`a worker may not ${op.op} tasks`, "not_a_worker_verb");
  }
  if (op.op === "comment" && !ownOrCreated(actor, w, facts.id)) {
    return new PermissionError(
      `a worker may comment only on its own task (${actor.taskId}) and the tasks it created, ` +
        `not ${facts.id}`,
      "not_your_task",
    );
  }
  if (op.op === "link") {
    const outside = [op.parentId, facts.id].filter((id) => !ownOrCreated(actor, w, id));
    if (outside.length) {
      return new PermissionError(
        `a worker may link only its own task (${actor.taskId}) and the tasks it created, ` +
          `not ${outside.join(", ")}`,
        "not_your_task",
      );
    }
  }
  return null;
}

/**
 * Why a worker may not read task `id` (show, context), or null: it reads its own task, its
 * task's parents and children, and the tasks it created.
 */
export function workerReadRefusal(
  actor: WorkerActor,
  w: WorkerFacts | undefined,
  id: string,
): HermesError | null {
  if (!w?.authentic) return unauthenticated(actor);
  if (ownOrCreated(actor, w, id) || w.linked.includes(id)) return null;
  return new PermissionError(
    `a worker may read only its own task (${actor.taskId}), its parents and children, and the ` +
      `tasks it created, not ${id}`,
    "not_your_task",
  );
}

/** A worker acts only on the task it holds, and only with its current run. */
function workerRefusal(t: Task, actor: Actor, verb: string): HermesError | null {
  if (actor.kind !== "worker") return null;
  if (t.id !== actor.taskId) {
    return new PermissionError(
      `a worker may only ${verb} the task it holds (${actor.taskId}), not ${t.id}`,
      "not_your_task",
    );
  }
  if (actor.runId !== null && t.current_run_id !== actor.runId) {
    return new PermissionError(
      `run ${actor.runId} no longer holds ${t.id} (its claim was reclaimed or taken over); refused`,
      "stale_run",
    );
  }
  return null;
}

function parentsDone(facts: Facts, except: string | null = null): boolean {
  return facts.parents.every((p) => p.id === except || parentSatisfied(p.status));
}

/** The columns a task leaving its claim writes. */
const CLAIM_CLEARED: TaskPatch = {
  claim_lock: null,
  claim_expires: null,
  worker_pid: null,
  current_run_id: null,
};

/** A plan closing the task's open run, if it points at one. */
function closeCurrent(
  t: Task,
  status: RunStatus,
  fields: {
    summary?: string | null;
    metadata?: Record<string, unknown> | null;
    error?: string | null;
  },
): Plan["closeRun"] {
  if (t.current_run_id === null) return null;
  return {
    runId: t.current_run_id,
    status,
    summary: fields.summary ?? null,
    metadata: fields.metadata ?? null,
    error: fields.error ?? null,
  };
}

/** A todo task whose parents (`parents`) are all done becomes ready; otherwise nothing. */
function recompute(id: string, status: Status, parents: readonly Status[]): Plan {
  if (!accepts("recompute", status) || !parents.every(parentSatisfied)) {
    return unchanged("recompute", id);
  }
  return plan("recompute", id, { set: { status: "ready" }, events: [event("promoted", null)] });
}

/** Children that are ready once this task is in `status`. */
function readyChildren(children: readonly ChildFact[], status: Status): Plan[] {
  if (!parentSatisfied(status)) return [];
  return children
    .map((c) => recompute(c.id, c.status, [...c.otherParents, status]))
    .filter((p) => p.changed);
}

// ---- the verbs ----

function decideClaim(t: Task, facts: Facts, lock: string, ttl: number, now: number): Decision {
  if (!claimable(t)) {
    return refuse(
      new InvalidStateError(
        `cannot claim ${t.id}: status=${t.status} lock=${t.claim_lock ?? "(none)"}`,
      ),
    );
  }
  // A task in review passed its parents' gate when it first ran (Hermes does not ask again).
  const reviewing = t.status === "review";
  if (!reviewing && !parentsDone(facts)) {
    return refuse(
      new InvalidStateError(
        `cannot claim ${t.id}: its parents are not all done`,
        "parents_pending",
      ),
    );
  }
  const expires = now + ttl;
  return allow(plan("claim", t.id, {
    // A run the task still points at leaked (it is not running): close it first.
    closeRun: closeCurrent(t, "reclaimed", { error: "leaked run closed" }),
    openRun: {
      status: "running",
      profile: t.assignee,
      claim_lock: lock,
      claim_expires: expires,
      max_runtime_seconds: t.max_runtime_seconds,
      last_heartbeat_at: now,
      started_at: now,
      ended_at: null,
      summary: null,
      metadata: null,
    },
    set: {
      status: "running",
      claim_lock: lock,
      claim_expires: expires,
      started_at: t.started_at ?? now,
      current_run_id: NEW_RUN,
      last_heartbeat_at: now,
      worker_pid: null,
    },
    events: [
      event("claimed", {
        lock,
        expires,
        run_id: NEW_RUN,
        ...(reviewing ? { source_status: "review" } : {}),
      }, NEW_RUN),
    ],
  }));
}

function decideHeartbeat(
  t: Task,
  note: string | null,
  ttl: number,
  actor: Actor,
  now: number,
): Decision {
  if (!accepts("heartbeat", t.status)) {
    return refuse(
      new InvalidStateError(`could not heartbeat ${t.id}: it is ${t.status}, not running`),
    );
  }
  const denied = workerRefusal(t, actor, "heartbeat");
  if (denied) return refuse(denied);
  const expires = now + ttl;
  return allow(plan("heartbeat", t.id, {
    set: { last_heartbeat_at: now, claim_expires: Math.max(t.claim_expires ?? 0, expires) },
    lease: t.current_run_id === null ? null : {
      runId: t.current_run_id,
      lastHeartbeatAt: now,
      claimExpires: expires,
      neverShorten: true,
    },
    events: [event("heartbeat", note ? { note } : null, t.current_run_id)],
  }));
}

/** The operations a move may turn into, decided alike whether asked for by name or by a move. */
function decideStatusOp(
  t: Task,
  facts: Facts,
  op: Extract<Operation, { op: "complete" | "block" | "unblock" | "archive" }>,
  actor: Actor,
  now: number,
): Decision {
  switch (op.op) {
    case "complete":
      return decideComplete(t, facts, op, actor, now);
    case "block":
      return decideBlock(t, facts, op.reason, actor, op.kind ?? null);
    case "unblock":
      return decideUnblock(t, facts, op.reason ?? null, actor);
    case "archive":
      return decideArchive(t, facts);
  }
}

/**
 * The cards a completion claims, split as Hermes splits them: a card is verified when it exists
 * and its worker's profile (the task's assignee) or the task itself created it, or it is one of
 * the task's children; any other is a phantom.
 */
export function checkCards(
  t: Pick<Task, "id" | "assignee">,
  cards: readonly CardFact[],
): { verified: string[]; phantom: string[] } {
  const verified: string[] = [];
  const phantom: string[] = [];
  for (const c of cards) {
    if (verified.includes(c.id) || phantom.includes(c.id)) continue;
    const ours = c.exists && (
      (t.assignee !== null && c.createdBy === t.assignee) || c.createdBy === t.id || c.child
    );
    (ours ? verified : phantom).push(c.id);
  }
  return { verified, phantom };
}

/** Task ids (`t_` and hex, ours and Hermes's) mentioned in free text, each once. */
export function mentionedTaskIds(text: string): string[] {
  return [...new Set(text.match(/\bt_[0-9a-f]{8,}\b/g) ?? [])];
}

/** The artifact paths a completion's metadata lists (Hermes's `metadata.artifacts`). */
function artifactsOf(metadata: Record<string, unknown> | null): string[] {
  const a = metadata?.artifacts;
  if (!Array.isArray(a)) return [];
  return a.filter((p): p is string => typeof p === "string" && p.trim() !== "").map((p) =>
    p.trim()
  );
}

function decideComplete(
  t: Task,
  facts: Facts,
  input: CompleteFields & CompleteFacts,
  actor: Actor,
  now: number,
): Decision {
  if (t.status === "done") {
    // Completing again is idempotent for the holder, with the same result or none.
    if (actor.kind === "worker" && t.id !== actor.taskId) {
      return refuse(workerRefusal(t, actor, "complete")!);
    }
    if (input.result === null || input.result === t.result) {
      return allow(unchanged("complete", t.id));
    }
    return refuse(
      new InvalidStateError(
        `cannot complete ${t.id}: it is already done with a different result`,
        "already_done",
      ),
    );
  }
  if (!accepts("complete", t.status)) return refuse(wrongStatus("complete", t));
  const denied = workerRefusal(t, actor, "complete");
  if (denied) return refuse(denied);
  const handoff = input.summary ?? input.result;
  const { verified, phantom } = checkCards(t, input.cards ?? []);
  if (phantom.length) {
    // Refused, nothing changes; the attempt is kept as an event (diagnostics read it).
    return allow(plan("complete", t.id, {
      events: [event("completion_blocked_hallucination", {
        phantom_cards: phantom,
        verified_cards: verified,
        summary_preview: firstLine(handoff, 200),
      })],
      refusal: new InvalidRequestError(
        "completion blocked: claimed created_cards that do not exist or were not created by " +
          `this worker: ${phantom.join(", ")}`,
        "phantom_cards",
      ),
    }));
  }
  const missingRefs = (input.missingRefs ?? []).filter((id) => !verified.includes(id));
  const artifacts = artifactsOf(input.metadata);
  let runId: RunRef | null = t.current_run_id;
  let openRun: Plan["openRun"] = null;
  if (runId === null && (handoff !== null || input.metadata)) {
    // Never claimed, but handing off data: keep it in a zero-length run.
    runId = NEW_RUN;
    openRun = handoffRun(t, now, handoff, input.metadata ?? null);
  }
  return allow(plan("complete", t.id, {
    closeRun: closeCurrent(t, "done", { summary: handoff, metadata: input.metadata }),
    openRun,
    set: {
      status: "done",
      result: input.result ?? t.result,
      completed_at: now,
      ...CLAIM_CLEARED,
      consecutive_failures: 0,
      last_failure_error: null,
      // A completion ends every block loop (Hermes resets both).
      block_kind: null,
      block_recurrences: 0,
    },
    retry: { clear: true },
    events: [
      event("completed", {
        result_len: input.result?.length ?? 0,
        summary: firstLine(input.summary ?? input.result, 400),
        ...(verified.length ? { verified_cards: verified } : {}),
        ...(artifacts.length ? { artifacts } : {}),
      }, runId),
      // Advisory: the hand-off names tasks that do not exist (it is done all the same).
      ...(missingRefs.length
        ? [event("suspected_hallucinated_references", {
          phantom_refs: missingRefs,
          source: "completion_summary",
        }, runId)]
        : []),
    ],
    then: readyChildren(facts.children, "done"),
  }));
}

function decideBlock(
  t: Task,
  facts: Facts,
  reason: string,
  actor: Actor,
  kind: string | null,
): Decision {
  if (!accepts("block", t.status)) return refuse(wrongStatus("block", t));
  const denied = workerRefusal(t, actor, "block");
  if (denied) return refuse(denied);
  if (kind !== null && !(BLOCK_KINDS as readonly string[]).includes(kind)) {
    return refuse(
      new UsageError(
        `unknown block kind '${kind}': expected one of ${BLOCK_KINDS.join(", ")} (or none)`,
        "invalid_block_kind",
      ),
    );
  }
  return allow(blockPlan(t, facts, reason, actor.name, kind));
}

/**
 * Where a block sends the task, as Hermes routes it. A dependency waits for its parents (todo,
 * or ready when they are done) and keeps its loop count. Any other block counts: the same kind
 * as the last block (untyped counts as a kind) adds one, another kind starts again at one; at
 * BLOCK_RECURRENCE_LIMIT the task goes to triage for a person to decide, not back to blocked
 * for an unblocker to release again.
 */
function blockPlan(
  t: Task,
  facts: Facts,
  reason: string,
  author: string,
  kind: string | null,
): Plan {
  const common = {
    closeRun: closeCurrent(t, "blocked", { error: reason || null }),
    comment: reason ? { author, body: `BLOCKED: ${reason}` } : null,
  };
  if (kind === "dependency") {
    return plan("block", t.id, {
      ...common,
      set: { status: waitingStatus(parentsDone(facts)), ...CLAIM_CLEARED, block_kind: kind },
      events: [event("dependency_wait", { reason: reason || null, kind }, t.current_run_id)],
    });
  }
  const recurrences = t.block_kind === kind ? t.block_recurrences + 1 : 1;
  const looped = recurrences >= BLOCK_RECURRENCE_LIMIT;
  return plan("block", t.id, {
    ...common,
    set: {
      status: looped ? "triage" : "blocked",
      ...CLAIM_CLEARED,
      block_kind: kind,
      block_recurrences: recurrences,
    },
    events: [
      looped
        ? event("block_loop_detected", {
          reason: reason || null,
          kind,
          recurrences,
          limit: BLOCK_RECURRENCE_LIMIT,
        }, t.current_run_id)
        : event("blocked", { reason: reason || null, kind, recurrences }, t.current_run_id),
    ],
  });
}

/**
 * A zero-length, done run that keeps a hand-off (summary, metadata) for a task that has no
 * completed run to keep it in (completed without a claim, or corrected afterwards).
 */
function handoffRun(
  t: Task,
  now: number,
  summary: string | null,
  metadata: Record<string, unknown> | null,
): NonNullable<Plan["openRun"]> {
  return {
    status: "done",
    profile: t.assignee,
    claim_lock: null,
    claim_expires: null,
    max_runtime_seconds: null,
    last_heartbeat_at: null,
    started_at: now,
    ended_at: now,
    summary,
    metadata,
  };
}

function decideEditResult(
  t: Task,
  op: Extract<Operation, { op: "edit_result" }>,
  actor: Actor,
  now: number,
): Decision {
  if (!accepts("edit_result", t.status)) {
    return refuse(
      new InvalidStateError(`cannot edit ${t.id}: it is ${t.status}, not done`, "not_done"),
    );
  }
  const denied = workerRefusal(t, actor, "edit");
  if (denied) return refuse(denied);
  const handoff = op.summary ?? op.result;
  const runId: RunRef = op.runId ?? NEW_RUN;
  return allow(plan("edit_result", t.id, {
    // A done task without a completed run keeps the corrected hand-off in a zero-length one.
    openRun: op.runId !== null ? null : handoffRun(t, now, handoff, op.metadata),
    amendRun: op.runId === null
      ? undefined
      : { runId: op.runId, summary: handoff, metadata: op.metadata },
    set: { result: op.result },
    events: [event("edited", {
      fields: ["result", "summary", ...(op.metadata !== null ? ["metadata"] : [])],
      result_len: op.result.length,
      summary: firstLine(handoff, 400),
    }, runId)],
  }));
}

function decideDelete(t: Task, unreapedRun: number | null, actor: Actor): Decision {
  if (!accepts("delete", t.status)) {
    return refuse(
      new InvalidStateError(
        `cannot delete ${t.id}: it is ${t.status}; only archived tasks are deleted (archive it first)`,
        "not_archived",
      ),
    );
  }
  const denied = workerRefusal(t, actor, "delete");
  if (denied) return refuse(denied);
  if (unreapedRun !== null) {
    // Its process record is how the dispatcher makes sure the worker is gone: keep it till then.
    return refuse(
      new ConflictError(
        `cannot delete ${t.id} yet: the worker of its run ${unreapedRun} was not seen to exit; ` +
          "the dispatcher stops it (start the gateway or run 'hermes kanban dispatch'), then retry",
        "worker_unreaped",
      ),
    );
  }
  return allow(plan("delete", t.id, { purge: true }));
}

/**
 * Release a blocked or scheduled task: ready, or todo while a parent is not done, with a fresh
 * failure budget. The block kind and loop count stay (Hermes: forgetting them on unblock is
 * what let a cron spin a task forever).
 */
function decideUnblock(t: Task, facts: Facts, reason: string | null, actor: Actor): Decision {
  if (!accepts("unblock", t.status)) {
    return refuse(
      new InvalidStateError(`cannot unblock ${t.id}: it is ${t.status}, not blocked or scheduled`),
    );
  }
  const next = waitingStatus(parentsDone(facts));
  return allow(plan("unblock", t.id, {
    comment: reason ? { author: actor.name, body: `UNBLOCK: ${reason}` } : null,
    closeRun: closeCurrent(t, "reclaimed", { error: "leaked run closed" }),
    set: {
      status: next,
      ...(t.current_run_id === null ? {} : { current_run_id: null }),
      consecutive_failures: 0,
      last_failure_error: null,
    },
    retry: { clear: true },
    events: [event("unblocked", { status: next, ...(reason ? { reason } : {}) })],
  }));
}

/**
 * Park a task until a time, or (until null) until someone releases it. A running task's run
 * closes as `scheduled` (its worker is stopped, or it parks itself); a scheduled one gets the new
 * time. `unblock`, `promote` or a dashboard move release it early.
 */
function decideSchedule(
  t: Task,
  op: Extract<Operation, { op: "schedule" }>,
  actor: Actor,
  now: number,
): Decision {
  if (!accepts("schedule", t.status)) return refuse(wrongStatus("schedule", t));
  const denied = workerRefusal(t, actor, "schedule");
  if (denied) return refuse(denied);
  if (op.until !== null && op.until <= now) {
    return refuse(
      new UsageError(
        `cannot schedule ${t.id} for a time that has passed (${op.until} <= now ${now})`,
        "invalid_time",
      ),
    );
  }
  const reason = op.reason || null;
  // Parking a blocked task is a release for later: like unblock, it gets a fresh failure budget
  // (a task that gave up would otherwise wake into ready still at its failure limit).
  const fresh = t.status === "blocked" ? { consecutive_failures: 0, last_failure_error: null } : {};
  return allow(plan("schedule", t.id, {
    closeRun: closeCurrent(t, "scheduled", { summary: reason }),
    set: { status: "scheduled", ...CLAIM_CLEARED, ...fresh },
    comment: reason ? { author: actor.name, body: `SCHEDULED: ${reason}` } : null,
    schedule: op.until === null ? { clear: true } : { clear: false, dueAt: op.until },
    events: [
      event("scheduled", {
        reason,
        ...(op.until === null ? {} : { until: op.until }),
      }, t.current_run_id),
    ],
  }));
}

/** A scheduled task whose time has come waits again: ready, or todo while a parent is not done. */
function decideWake(t: Task, facts: Facts, now: number): Decision {
  if (!accepts("wake", t.status)) return refuse(wrongStatus("wake", t));
  const at = facts.scheduledAt ?? null;
  if (at === null || at > now) {
    return refuse(
      new InvalidStateError(
        at === null
          ? `cannot wake ${t.id}: it is scheduled without a time (unblock releases it)`
          : `cannot wake ${t.id}: it is scheduled until ${at}`,
        "not_due",
      ),
    );
  }
  const next = waitingStatus(parentsDone(facts));
  return allow(plan("wake", t.id, {
    set: { status: next },
    events: [event("schedule_due", { status: next, due_at: at })],
  }));
}

/**
 * Hand finished work to a reviewer: the task waits in review, assigned to `reviewer` (or its
 * assignee), until the dispatcher starts the reviewer on it. A running task's run closes as
 * `review` with the note (a worker handing off its own task; anyone else's move stops it).
 */
function decideReview(
  t: Task,
  op: Extract<Operation, { op: "review" }>,
  actor: Actor,
): Decision {
  if (!accepts("review", t.status)) return refuse(wrongStatus("review", t));
  const denied = workerRefusal(t, actor, "review");
  if (denied) return refuse(denied);
  const note = op.note || null;
  const reviewer = op.reviewer ?? t.assignee;
  return allow(plan("review", t.id, {
    closeRun: closeCurrent(t, "review", { summary: note }),
    set: {
      status: "review",
      ...CLAIM_CLEARED,
      assignee: reviewer,
      consecutive_failures: 0,
      last_failure_error: null,
    },
    retry: { clear: true },
    comment: note ? { author: actor.name, body: `REVIEW: ${note}` } : null,
    events: [
      event("review_requested", { reviewer, from_assignee: t.assignee, note }, t.current_run_id),
    ],
  }));
}

/**
 * A reviewer (or a person) sends the work back: it waits again — ready, or todo while a parent
 * is not done — for the assignee it had before review (or `to`), with what to fix in its
 * comments. A reviewer's run closes as `sent_back`.
 */
function decideSendBack(
  t: Task,
  facts: Facts,
  op: Extract<Operation, { op: "send_back" }>,
  actor: Actor,
): Decision {
  if (!accepts("send_back", t.status)) return refuse(wrongStatus("send_back", t));
  if (STATUS_RULES[t.status].holdsRun && !facts.reviewRun) {
    return refuse(
      new InvalidStateError(
        `cannot send ${t.id} back: it is running, but not for a review`,
        "not_in_review",
      ),
    );
  }
  const denied = workerRefusal(t, actor, "send back");
  if (denied) return refuse(denied);
  const assignee = op.to ?? facts.reviewedAssignee ?? t.assignee;
  const next = waitingStatus(parentsDone(facts));
  return allow(plan("send_back", t.id, {
    closeRun: closeCurrent(t, "sent_back", { summary: op.reason || null }),
    set: { status: next, ...CLAIM_CLEARED, assignee, last_heartbeat_at: null },
    comment: op.reason ? { author: actor.name, body: `SENT BACK: ${op.reason}` } : null,
    events: [
      event("sent_back", {
        reason: op.reason || null,
        reviewer: t.assignee,
        assignee,
        status: next,
      }, t.current_run_id),
    ],
  }));
}

function decideArchive(t: Task, facts: Facts): Decision {
  if (!accepts("archive", t.status)) {
    return refuse(new InvalidStateError(`cannot archive ${t.id}: it is already archived`));
  }
  return allow(plan("archive", t.id, {
    closeRun: closeCurrent(t, "reclaimed", { error: "archived" }),
    set: { status: "archived", ...CLAIM_CLEARED },
    events: [event("archived", null)],
    // Archived parents count as done: children waiting on this one may be free now.
    then: readyChildren(facts.children, "archived"),
  }));
}

/**
 * Promote out of triage or todo: ready once every parent is done, else todo. Forced, ready at
 * once (the dispatcher still starts it only when its parents are done, as Hermes's claim does).
 */
function decidePromote(t: Task, facts: Facts, force: boolean, reason: string | null): Decision {
  if (!accepts("promote", t.status)) return refuse(wrongStatus("promote", t));
  const next = force ? "ready" : waitingStatus(parentsDone(facts));
  if (next === t.status) {
    return refuse(
      new InvalidStateError(
        `cannot promote ${t.id}: its parents are not all done yet (use --force to override)`,
        "parents_pending",
      ),
    );
  }
  return allow(plan("promote", t.id, {
    set: { status: next },
    events: [
      event("promoted", {
        from: t.status,
        status: next,
        ...(force ? { forced: true } : {}),
        ...(reason ? { reason } : {}),
      }),
    ],
  }));
}

/**
 * The effects of a running task giving up its claim without finishing: its run closes as
 * `reclaimed` (its worker is stopped by the dispatcher), and it waits again — ready, or todo
 * while a parent linked since the claim is not done.
 */
function releasePlan(
  op: Plan["op"],
  t: Task,
  facts: Facts,
  runError: string,
  released: PlanEvent,
  extra: TaskPatch,
): Plan {
  return plan(op, t.id, {
    closeRun: closeCurrent(t, "reclaimed", { error: cutText(runError) }),
    set: { status: waitingStatus(parentsDone(facts)), ...CLAIM_CLEARED, ...extra },
    events: [released],
  });
}

/**
 * A person releasing a claim (reclaim, reassign --reclaim), recorded as Hermes records it: the
 * run's error `manual_reclaim: <reason>` (or the lock it took away), a `reclaimed` event marked
 * manual. A person stepping in is a recovery: the next attempt gets a fresh failure budget.
 */
function manualRelease(op: Plan["op"], t: Task, facts: Facts, reason: string | null): Plan {
  return releasePlan(
    op,
    t,
    facts,
    reason ? `manual_reclaim: ${reason}` : `manual_reclaim lock=${t.claim_lock}`,
    event("reclaimed", { manual: true, reason, prev_lock: t.claim_lock }, t.current_run_id),
    { consecutive_failures: 0, last_failure_error: null },
  );
}

function decideReclaim(t: Task, facts: Facts, reason: string | null, actor: Actor): Decision {
  if (!accepts("reclaim", t.status)) {
    return refuse(new InvalidStateError(reclaimRefused(t.id), "not_running"));
  }
  const denied = workerRefusal(t, actor, "reclaim");
  if (denied) return refuse(denied);
  return allow(manualRelease("reclaim", t, facts, reason));
}

function decideAssign(
  t: Task,
  { op, assignee, reclaim, reason }: {
    op: "assign" | "reassign";
    assignee: string | null;
    reclaim: boolean;
    reason: string | null;
  },
  actor: Actor,
  facts: Facts,
): Decision {
  const assign = plan(op, t.id, {
    set: { assignee, consecutive_failures: 0, last_failure_error: null },
    events: [event("assigned", { assignee })],
  });
  if (accepts("assign", t.status)) return allow(assign);
  if (!reclaim || !accepts("reclaim", t.status)) {
    return refuse(
      new InvalidStateError(
        op === "reassign"
          ? reassignRefused(t.id)
          : `cannot reassign ${t.id}: currently running (claimed). ` +
            "Wait for completion or reclaim the stale lock first.",
        "running",
      ),
    );
  }
  const denied = workerRefusal(t, actor, "reassign");
  if (denied) return refuse(denied);
  const released = manualRelease(op, t, facts, reason ?? "reassign");
  return allow({
    ...released,
    set: { ...released.set, ...assign.set },
    events: [...released.events, ...assign.events],
  });
}

function decideLink(op: Extract<Operation, { op: "link" }>, facts: Facts): Decision {
  const child = facts.id;
  if (op.parentId === child) {
    return refuse(new InvalidRequestError("a task cannot depend on itself", "self_link"));
  }
  const missing = [
    ...(op.parent === null ? [op.parentId] : []),
    ...(facts.task === null ? [child] : []),
  ];
  if (missing.length) return refuse(new NotFoundError(`unknown task(s): ${missing.join(", ")}`));
  const t = facts.task as Task;
  if (op.cycle) {
    return refuse(
      new InvalidRequestError(`linking ${op.parentId} -> ${child} would create a cycle`, "cycle"),
    );
  }
  if (op.linked) return allow(unchanged("link", child));
  // A ready child waits again for a parent that is not done; others keep their status.
  const demote = t.status === "ready" && !parentSatisfied(op.parent as Status);
  return allow(plan("link", child, {
    link: { parentId: op.parentId, add: true },
    set: demote ? { status: "todo" } : {},
    events: [event("linked", { parent: op.parentId, child })],
  }));
}

function decideUnlink(op: Extract<Operation, { op: "unlink" }>, facts: Facts): Decision {
  const child = facts.id;
  if (!op.linked || facts.task === null) {
    return refuse(new NotFoundError(`No such link: ${op.parentId} -> ${child}`, "no_link"));
  }
  const t = facts.task;
  const rest = facts.parents.filter((p) => p.id !== op.parentId).map((p) => p.status);
  const ready = recompute(child, t.status, rest);
  return allow(plan("unlink", child, {
    link: { parentId: op.parentId, add: false },
    set: ready.set,
    events: [event("unlinked", { parent: op.parentId, child }), ...ready.events],
  }));
}

// ---- the dashboard ----

/** How a dashboard move is carried out. */
export type MoveKind =
  | "noop"
  | "archive"
  | "complete"
  | "block"
  | "unblock"
  | "schedule"
  | "review"
  | "direct";

/**
 * How moving a card from `from` to the column `to` is carried out, or why it cannot be, from
 * the statuses alone (`decide` adds the parent check of moves to ready). The web board asks
 * this before sending a drag.
 */
export function moveRule(id: string, from: Status, to: string): MoveKind | HermesError {
  if (!isStatus(to)) {
    return new UsageError(
      `unknown status: ${to} (expected one of ${STATUSES.join(", ")})`,
      "unknown_status",
    );
  }
  const drop = STATUS_RULES[to].drop;
  if (drop === "refuse") {
    return new UsageError(
      `Cannot set status to '${to}' directly: only the dispatcher starts tasks (move it to ready)`,
      "running_refused",
    );
  }
  if (from === to) return "noop";
  const terminal = STATUS_RULES[from].terminal;
  if (terminal !== null && drop !== "archive") {
    return new InvalidStateError(`${id} is ${from}; ${terminal}`, "terminal");
  }
  switch (drop) {
    case "archive":
      return "archive";
    case "complete":
    case "block":
    case "schedule":
    case "review": {
      if (accepts(drop, from)) return drop;
      const allowed = orList(STATUSES.filter((s) => accepts(drop, s)));
      return new InvalidStateError(
        `cannot ${drop} ${id}: it is ${from}; only ${allowed} tasks can be ${MOVED[drop]}`,
        "invalid_move",
      );
    }
    case "direct":
      if (STATUS_RULES[from].holdsRun && to !== "ready") {
        return new InvalidStateError(
          `cannot move ${id} to ${to} while it runs: move it to ready first (that stops its worker)`,
          "invalid_move",
        );
      }
      return to === "ready" && accepts("unblock", from) ? "unblock" : "direct";
  }
}

/** How a refusal names the tasks a verb-like drop applies to. */
const MOVED = {
  complete: "completed",
  block: "blocked",
  schedule: "scheduled",
  review: "sent to review",
} as const;

/** Every status a card in `from` may be moved to (drawer buttons and drop targets). */
export function allowedMoves(from: Status): Status[] {
  return STATUSES.filter((to) => to !== from && typeof moveRule("", from, to) === "string");
}

function decideMove(
  t: Task,
  facts: Facts,
  op: Extract<Operation, { op: "move" }>,
  actor: Actor,
  now: number,
): Decision {
  const kind = moveRule(t.id, t.status, op.to);
  if (typeof kind !== "string") return refuse(kind);
  const to = op.to as Status;
  if (to === "ready" && !parentsDone(facts)) {
    const pending = facts.parents.filter((p) => !parentSatisfied(p.status));
    return refuse(
      new InvalidStateError(
        `cannot move ${t.id} to ready: blocked by parent(s) not done — ${
          pending.map((p) => `'${p.title}' (${p.id}, ${p.status})`).join(", ")
        }`,
        "parents_pending",
      ),
    );
  }
  switch (kind) {
    case "noop":
      return allow(unchanged("move", t.id));
    case "archive":
    case "complete":
    case "block":
    case "unblock":
      return decideStatusOp(t, facts, { ...op, op: kind }, actor, now);
    case "schedule":
      return decideSchedule(
        t,
        { op: "schedule", until: null, reason: op.reason || null },
        actor,
        now,
      );
    case "review":
      return decideReview(t, { op: "review", reviewer: null, note: op.reason || null }, actor);
    case "direct": {
      const leaving = STATUS_RULES[t.status].holdsRun;
      const unblocking = accepts("unblock", t.status);
      return allow(plan("move", t.id, {
        closeRun: leaving ? closeCurrent(t, "reclaimed", { error: MOVE_REASON }) : null,
        set: {
          status: to,
          claim_lock: null,
          claim_expires: null,
          worker_pid: null,
          ...(leaving ? { current_run_id: null } : {}),
          ...(unblocking ? { consecutive_failures: 0, last_failure_error: null } : {}),
        },
        retry: unblocking ? { clear: true } : null,
        events: [
          event(
            "status",
            { status: to, from: t.status, reason: MOVE_REASON },
            leaving ? t.current_run_id : null,
          ),
        ],
      }));
    }
  }
}

// ---- the dispatcher ----

type DispatcherOp = Extract<Operation, { op: "run_ended" | "release" | "extend" | "defer" }>;

function isDispatcherOp(op: Operation): op is DispatcherOp {
  return op.op === "run_ended" || op.op === "release" || op.op === "extend" ||
    op.op === "defer";
}

/** The dispatcher's writes apply only while the run is still the task's current one. */
function decideDispatch(
  t: Task,
  facts: Facts,
  op: DispatcherOp,
  actor: Actor,
  now: number,
): Decision {
  const runId = op.runId;
  if (!STATUS_RULES[t.status].holdsRun || (runId !== null && t.current_run_id !== runId)) {
    return refuse(
      new ConflictError(
        `run ${runId ?? "(any)"} no longer holds ${t.id} (it is ${t.status}); nothing recorded`,
        "run_lost",
      ),
    );
  }
  switch (op.op) {
    case "release":
      return allow(
        releasePlan(
          "release",
          t,
          facts,
          op.reason,
          event("reclaimed", { stale_lock: t.claim_lock, reason: op.reason }, t.current_run_id),
          { last_heartbeat_at: null },
        ),
      );
    case "extend":
    case "defer": {
      const expires = op.op === "extend" ? now + op.ttlSeconds : op.until;
      return allow(plan(op.op, t.id, {
        set: { claim_expires: expires },
        lease: {
          runId: op.runId,
          lastHeartbeatAt: null,
          claimExpires: expires,
          neverShorten: false,
        },
        events: [
          op.op === "extend"
            ? event("claim_extended", { expires, pid: op.pid }, op.runId)
            : event("reclaim_deferred", { reason: op.reason, until: expires }, op.runId),
        ],
      }));
    }
    case "run_ended":
      return allow(runEnded(t, facts, op.runId, op.end, actor, now));
  }
}

/** A running task whose run ended waits again: ready (todo while a parent is not done). */
function requeued(facts: Facts): TaskPatch {
  return {
    status: waitingStatus(parentsDone(facts)),
    ...CLAIM_CLEARED,
    last_heartbeat_at: null,
  };
}

function runEnded(
  t: Task,
  facts: Facts,
  runId: number,
  end: RunEnd,
  actor: Actor,
  now: number,
): Plan {
  const holder: Actor = { kind: "worker", name: actor.name, taskId: t.id, runId };
  switch (end.kind) {
    case "done":
      return {
        ...planOf(
          decideComplete(
            t,
            facts,
            { result: end.result, summary: null, metadata: null },
            holder,
            now,
          ),
        ),
        op: "run_ended",
      };
    case "blocked":
      return { ...blockPlan(t, facts, cutText(end.reason), actor.name, null), op: "run_ended" };
    case "retry_later": {
      const attempts = (facts.retryAttempts ?? 0) + 1;
      const delay = Math.ceil(end.delayFor(attempts));
      const notBefore = now + delay;
      return plan("run_ended", t.id, {
        closeRun: closeCurrent(t, "retry_later", {
          error: `worker exited ${end.exitCode} (try again later); retry in ${delay}s`,
        }),
        set: requeued(facts),
        retry: { clear: false, notBefore, attempts },
        events: [
          event("retry_later", {
            exit_code: end.exitCode,
            delay_seconds: delay,
            not_before: notBefore,
            attempts,
          }, runId),
        ],
      });
    }
    case "failed":
      return failed(t, facts, runId, end);
  }
}

/**
 * A failed attempt. Counted failures spend the task's budget (one counter for every kind); at
 * the limit the task is blocked with run and event `gave_up` naming the true cause.
 */
function failed(
  t: Task,
  facts: Facts,
  runId: number,
  end: Extract<RunEnd, { kind: "failed" }>,
): Plan {
  const error = cutText(end.error);
  const kind = end.failure;
  if (!end.counted) {
    return plan("run_ended", t.id, {
      closeRun: closeCurrent(t, kind, { error }),
      set: requeued(facts),
      events: [event(kind, { ...end.payload, error, counted: false }, runId)],
    });
  }
  const failures = t.consecutive_failures + 1;
  const limit = Math.max(1, t.max_retries ?? end.limit);
  if (failures < limit) {
    return plan("run_ended", t.id, {
      closeRun: closeCurrent(t, kind, { error }),
      set: { ...requeued(facts), consecutive_failures: failures, last_failure_error: error },
      events: [event(kind, { ...end.payload, error, failures }, runId)],
    });
  }
  const earlier: FailureKind[] = failures > 1
    ? (facts.recentFailures ?? []).slice(-(failures - 1))
    : [];
  const reason = cutText(end.giveUpReason([...earlier, kind], end.error));
  return plan("run_ended", t.id, {
    closeRun: closeCurrent(t, "gave_up", { error: reason }),
    set: {
      status: "blocked",
      ...CLAIM_CLEARED,
      consecutive_failures: failures,
      last_failure_error: reason,
    },
    // `cause` is the most specific one known (command_not_found beats spawn_failed).
    events: [
      event("gave_up", {
        ...end.payload,
        failures,
        error: reason,
        kind,
        cause: end.payload.cause ?? kind,
      }, runId),
    ],
  });
}
