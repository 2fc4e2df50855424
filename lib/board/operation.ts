/**
 * The vocabulary of the rulebook (rulebook.ts): who acts, what they ask for, what the rules are
 * told about the task, and the plan of effects they answer with. Types only, so a module that
 * only names them loads nothing.
 */

import type { HermesError } from "./errors.ts";
import type { RunStatus, Status } from "./status.ts";
import type { Task } from "./task.ts";

/**
 * Who asks. A worker holds the task `taskId` (HERMES_KANBAN_TASK) and, when it knows it, the run
 * `runId` it was started for; the dispatcher records how runs ended; the dashboard is a person
 * acting through the web board.
 */
export type Actor =
  | { kind: "person"; name: string }
  | { kind: "dashboard"; name: string }
  | { kind: "dispatcher"; name: string }
  | WorkerActor;

/**
 * A worker: the task it holds, the run it was started for, and `credential`, the SHA-256 (hex)
 * of the run secret it presented (the store compares it with the hash kept for the run).
 */
export interface WorkerActor {
  kind: "worker";
  name: string;
  taskId: string;
  runId: number | null;
  credential?: string | null;
}

/**
 * What the store found out about a worker actor, for the rules (absent for other actors, and
 * then every worker request is refused).
 */
export interface WorkerFacts {
  /** Its run belongs to its task and the secret it presented is that run's. */
  authentic: boolean;
  /** Its run is still open and is its task's current run. */
  runActive: boolean;
  /** Its task's tenant: the tasks it creates stay in it. */
  tenant: string | null;
  /** Of the tasks this decision concerns, those created by a worker of its task. */
  created: readonly string[];
  /** Of the tasks this decision concerns, its own task's parents and children. */
  linked: readonly string[];
}

/** What a worker's new task may be given (from config: the front door reads it, the rules apply it). */
export interface CreateRules {
  /** `kanban.worker_create_assignees`: assignees whose worker-made tasks skip triage. */
  allowed: readonly string[];
  /** Profiles that run unconfined (`sandbox: off`): a worker never assigns them (nor `shell`). */
  unconfined: readonly string[];
}

/** Kinds of failed attempt; each spends the task's failure budget when counted. */
export type FailureKind = "spawn_failed" | "crashed" | "timed_out" | "protocol_violation";

/** How a run ended, as the dispatcher classified it. */
export type RunEnd =
  /** The worker's exit says the task is done (exit_code completion mode, exit 0). */
  | { kind: "done"; result: string | null }
  /** A person is needed: exit 78, or a non-zero exit in exit_code mode. */
  | { kind: "blocked"; reason: string }
  /** Exit 75: try again later, after a doubling delay; the budget is not spent. */
  | { kind: "retry_later"; exitCode: number; delayFor: (attempt: number) => number }
  /** A failed attempt; at the task's failure limit it gives up (blocked, run `gave_up`). */
  | {
    kind: "failed";
    failure: FailureKind;
    /** What happened, in words. */
    error: string;
    /** False for failures the system caused (restart, shutdown): the budget is not spent. */
    counted: boolean;
    /** Board-wide failure limit (the task's max_retries wins). */
    limit: number;
    /** Extra event payload (pid, elapsed_seconds, cause, ...). */
    payload: Record<string, unknown>;
    /** The gave_up reason from the streak of failure kinds (oldest first) and the last error. */
    giveUpReason: (kinds: FailureKind[], lastError: string) => string;
  };

/** Completion input (result kept on the task, summary and metadata kept with the run). */
export interface CompleteFields {
  result: string | null;
  summary: string | null;
  metadata: Record<string, unknown> | null;
}

/**
 * A task a completing worker says it created (`created_cards`), as the store found it: whether
 * it exists, who created it, and whether it is a child of the completing task.
 */
export interface CardFact {
  id: string;
  exists: boolean;
  createdBy: string | null;
  child: boolean;
}

/** What a completion is told besides its fields: the cards it claims, ids it names in vain. */
export interface CompleteFacts {
  /** The cards claimed, in the order given; absent or empty: no claim to check. */
  cards?: readonly CardFact[];
  /** Task ids the summary or result mentions that name no task (an advisory event). */
  missingRefs?: readonly string[];
}

/** What someone asks of one task. Text fields arrive validated and trimmed. */
export type Operation =
  | { op: "claim"; lock: string; ttlSeconds: number }
  | { op: "heartbeat"; note: string | null; ttlSeconds: number }
  | ({ op: "complete" } & CompleteFields & CompleteFacts)
  /** `kind`: why, as Hermes types it (BLOCK_KINDS; null: untyped). It routes the task. */
  | { op: "block"; reason: string; kind?: string | null }
  /** Ready again (todo while a parent is not done); `reason` goes into its comments. */
  | { op: "unblock"; reason?: string | null }
  | { op: "archive" }
  /** `force`: ready even while a parent is not done (a person's recovery). */
  | { op: "promote"; force?: boolean; reason?: string | null }
  /**
   * Correct the result of a done task: its result, and the summary and metadata of its latest
   * completed run `runId` (null: it has none; a zero-length one is added).
   */
  | {
    op: "edit_result";
    result: string;
    summary: string | null;
    metadata: Record<string, unknown> | null;
    runId: number | null;
  }
  /**
   * Remove an archived task and everything recorded about it, for good. `unreapedRun`: a run
   * whose worker process was never seen to exit (its record must outlive it), or null.
   */
  | { op: "delete"; unreapedRun: number | null }
  /**
   * Park the task until `until` (unix seconds), or with no time until someone releases it
   * (Hermes's form); `reason` goes into its comments.
   */
  | { op: "schedule"; until: number | null; reason: string | null }
  /** A scheduled task whose time has come waits again (`facts.scheduledAt`). */
  | { op: "wake" }
  /** Hand the finished work to a reviewer (`reviewer` null: the assignee reviews it). */
  | { op: "review"; reviewer: string | null; note: string | null }
  /**
   * The reviewer sends the work back: the task waits again, for `to` (null: the assignee it had
   * before review), with `reason` in its comments.
   */
  | { op: "send_back"; reason: string; to: string | null }
  /** Ready a waiting (todo) task whose parents are all done; nothing otherwise. */
  | { op: "recompute" }
  | { op: "assign"; assignee: string | null }
  /** Release a running task's claim: its run closes as reclaimed, the task waits again. */
  | { op: "reclaim"; reason: string | null }
  /** Assign; with `reclaim`, a running task's claim is released first. */
  | { op: "reassign"; assignee: string | null; reclaim: boolean; reason: string | null }
  /** Make the task depend on `parentId` (status null: no such task; `linked`: already is). */
  | { op: "link"; parentId: string; parent: Status | null; cycle: boolean; linked: boolean }
  | { op: "unlink"; parentId: string; linked: boolean }
  | { op: "comment"; author: string; body: string }
  /** The dashboard drags a card to the column `to` (as sent: it may name no status). */
  | ({ op: "move"; to: string; reason: string } & CompleteFields)
  /** The dispatcher records how run `runId` ended. */
  | { op: "run_ended"; runId: number; end: RunEnd }
  /** The dispatcher puts a running task back without spending its budget (expired lease, ...). */
  | { op: "release"; runId: number | null; reason: string }
  /** The dispatcher extends the lease of a live worker. */
  | { op: "extend"; runId: number; ttlSeconds: number; pid: number | null }
  /** The dispatcher leaves a claim whose worker cannot be confirmed dead alone until `until`. */
  | { op: "defer"; runId: number; until: number; reason: string };

/** The name of an operation. */
export type OpName = Operation["op"];

/** A parent of the task, as refusals name it. */
export interface ParentFact {
  id: string;
  title: string;
  status: Status;
}

/** A child of the task, with the statuses of its other parents. */
export interface ChildFact {
  id: string;
  status: Status;
  otherParents: readonly Status[];
}

/** What the rules are told: the task as stored now, its links, and its retry history. */
export interface Facts {
  /** The id asked for. */
  id: string;
  /** The task, or null when there is none with that id. */
  task: Task | null;
  /** Its parents, oldest first. */
  parents: readonly ParentFact[];
  /** Its children; needed only where `needsChildren(op)` says so. */
  children: readonly ChildFact[];
  /** Try-later attempts so far (run_ended retry_later). */
  retryAttempts?: number;
  /** Kinds of its latest failed runs, oldest first, at least `consecutive_failures` of them. */
  recentFailures?: readonly FailureKind[];
  /** About the asking worker (the store fills it in for a worker actor). */
  worker?: WorkerFacts;
  /** When a scheduled task becomes ready by itself; null: it waits for a person (wake). */
  scheduledAt?: number | null;
  /** Its open run was claimed from review: a reviewer is at work (send_back). */
  reviewRun?: boolean;
  /** The assignee it had when it was sent to review, if known (send_back). */
  reviewedAssignee?: string | null;
}

/** Stands for the id of the run a plan opens until the store has one (see `bindRun`). */
export type NewRun = "new run";

/** A run id, or the run this plan opens. */
export type RunRef = number | NewRun;

/** Task columns a plan writes. */
export interface TaskPatch {
  status?: Status;
  assignee?: string | null;
  result?: string | null;
  started_at?: number | null;
  completed_at?: number | null;
  claim_lock?: string | null;
  claim_expires?: number | null;
  worker_pid?: number | null;
  current_run_id?: RunRef | null;
  last_heartbeat_at?: number | null;
  consecutive_failures?: number;
  last_failure_error?: string | null;
  block_kind?: string | null;
  block_recurrences?: number;
}

/** The open run to close (ended now, claim fields cleared); null fields keep their value. */
export interface RunClose {
  runId: number;
  status: RunStatus;
  summary: string | null;
  metadata: Record<string, unknown> | null;
  error: string | null;
}

/** A run to insert: a claim's running run, or a completion's zero-length one. */
export interface RunOpen {
  status: "running" | "done";
  profile: string | null;
  claim_lock: string | null;
  claim_expires: number | null;
  max_runtime_seconds: number | null;
  last_heartbeat_at: number | null;
  started_at: number;
  ended_at: number | null;
  summary: string | null;
  metadata: Record<string, unknown> | null;
}

/** A lease change on the task's open run. */
export interface RunLease {
  runId: number;
  lastHeartbeatAt: number | null;
  claimExpires: number;
  /** Keep a later expiry already set (heartbeats never shorten a lease). */
  neverShorten: boolean;
}

/** An event row to append for the task. */
export interface PlanEvent {
  kind: string;
  payload: Record<string, unknown> | null;
  runId: RunRef | null;
}

/** Every effect of one allowed operation, in the order the store applies them. */
export interface Plan {
  op: OpName;
  taskId: string;
  /** False when nothing is written (completing a done task again with the same result). */
  changed: boolean;
  /** 1. The open run to close (the plan also clears `current_run_id` when it was that run). */
  closeRun: RunClose | null;
  /** 2. The run to insert; its id replaces NEW_RUN everywhere (`bindRun`). */
  openRun: RunOpen | null;
  /** 3. Task columns to write. */
  set: TaskPatch;
  /** 4. A lease change on the open run. */
  lease: RunLease | null;
  /** 5. The try-later backoff: cleared, replaced, or (null) left alone. */
  retry: { clear: true } | { clear: false; notBefore: number; attempts: number } | null;
  /** 6. A dependency edge to add or remove (this task is the child). */
  link: { parentId: string; add: boolean } | null;
  /** 7. A comment to add. */
  comment: { author: string; body: string } | null;
  /** 8. Events for the task, in order. */
  events: PlanEvent[];
  /** 9. Plans for other tasks, applied afterwards (children that are ready now). */
  then: Plan[];
  /** 2b. A closed run whose summary and metadata are corrected (edit_result). */
  amendRun?: { runId: number; summary: string | null; metadata: Record<string, unknown> | null };
  /** Remove the task and every row about it instead of all of the above (delete). */
  purge?: boolean;
  /**
   * Refused, but with a record: the store applies the plan (its events) and then reports this
   * error (a completion naming cards its worker did not create, kept for the audit trail).
   */
  refusal?: HermesError;
  /**
   * 8b. The time a scheduled task becomes ready by itself: set (it belongs to the `scheduled`
   * event this plan writes), or cleared; absent or null: left alone.
   */
  schedule?: { clear: true } | { clear: false; dueAt: number } | null;
}

/** The status a new task starts in, who it is assigned to, and its `created` event. */
export interface CreatePlan {
  status: Status;
  /** The assignee to write (a worker's request for an unconfined profile is dropped). */
  assignee: string | null;
  tenant: string | null;
  parents: string[];
  event: PlanEvent;
  /** The worker task and run that created it, recorded so its worker may link and comment. */
  origin: { taskId: string; runId: number } | null;
}

/** The rulebook's answer: a plan, or the refusal to report. */
export type Decision<P = Plan> = { ok: true; plan: P } | { ok: false; error: HermesError };
