/**
 * The store's interface: everything the CLI, dispatcher, notifier and server ask of a board.
 * SQLite is one implementation; another backend implements the same interfaces and passes the
 * same conformance suite (tests/store/conformance/).
 */

import type {
  Actor,
  Attachment,
  Comment,
  CreateRules,
  DiagnosisInput,
  ListSort,
  Operation,
  Plan,
  Run,
  Status,
  Task,
  TaskDetail,
  TaskEvent,
  WorkerActor,
  WorkerFacts,
  WorkspaceSpec,
} from "../board/mod.ts";
import type { WorkerContextInput } from "../board/worker_context.ts";
import type {
  ActiveWorker,
  BoardView,
  CardExtras,
  RunProcess,
  TaskRef,
} from "./_dashboard_queries.ts";
import type {
  BoardProbe,
  DispatchClaim,
  FailureInput,
  FailureKindName,
  FailureResult,
  LiveRow,
  ProcRecord,
  RunLog,
  RunningRow,
  SpawnRecord,
  UnreapedRow,
} from "./_dispatch_store.ts";
import type {
  BodyBuilder,
  Claim,
  Delivery,
  DeliveryState,
  QueuedEvent,
  SinkState,
  Subscription,
  SubscriptionKey,
} from "./_notify_store.ts";

export type {
  ActiveWorker,
  BoardProbe,
  BoardView,
  BodyBuilder,
  CardExtras,
  Claim,
  Delivery,
  DeliveryState,
  DispatchClaim,
  FailureInput,
  FailureKindName,
  FailureResult,
  LiveRow,
  ProcRecord,
  QueuedEvent,
  RunLog,
  RunningRow,
  RunProcess,
  SinkState,
  SpawnRecord,
  Subscription,
  SubscriptionKey,
  TaskRef,
  UnreapedRow,
};

/** Seconds since the epoch, as Hermes stores times. */
export type Clock = () => number;

/** Who is acting (the rulebook's actors). */
export type { Actor };

/** What `perform` did: the plan applied, and the task afterwards (null for an unknown id). */
export interface Performed {
  plan: Plan;
  task: Task | null;
}

/** Input for creating a task. */
export interface CreateTaskInput {
  title: string;
  body?: string | null;
  assignee?: string | null;
  priority?: number;
  parents?: string[];
  triage?: boolean;
  workspace?: WorkspaceSpec;
  tenant?: string | null;
  idempotencyKey?: string | null;
  maxRuntimeSeconds?: number | null;
  maxRetries?: number | null;
  skills?: string[] | null;
  createdBy?: string | null;
  /** `blocked` parks it for a person; default `running` (the usual path). */
  initialStatus?: "running" | "blocked";
  branchName?: string | null;
  projectId?: string | null;
  modelOverride?: string | null;
  goalMode?: boolean;
  goalMaxTurns?: number | null;
  /** The worker creating it, if a worker is (the rules then decide its status and assignee). */
  creator?: WorkerActor | null;
  /** What config allows a worker's new task (`kanban.worker_create_assignees`, unconfined profiles). */
  rules?: CreateRules;
}

/** An attachment to record (addAttachment). */
export interface NewAttachment {
  taskId: string;
  filename: string;
  storedPath: string;
  contentType: string | null;
  size: number;
  uploadedBy: string | null;
}

/** The task fields a text line can show. */
export type LineColumn = "id" | "status" | "assignee" | "tenant" | "title";

/**
 * One cell of a fixed-width text line (see renderLines): literal `text`, or a `column` of the
 * task. A column's value goes through, in order: `map` (a value found there is replaced),
 * `whenNull` (stands for NULL), `around` (wraps a non-empty value; NULL and "" become ""),
 * `width` (padded with spaces on the right to that many code points; longer stays longer).
 * The layout belongs to whoever shows the lines; the store only renders it.
 */
export type LineCell =
  | { readonly text: string }
  | {
    readonly column: LineColumn;
    readonly map?: Readonly<Record<string, string>>;
    readonly whenNull?: string;
    readonly around?: readonly [before: string, after: string];
    readonly width?: number;
  };

/** Filters for listing tasks. */
export interface ListFilter {
  assignee?: string | null;
  status?: Status[];
  tenant?: string | null;
  includeArchived?: boolean;
  limit?: number;
  sort?: ListSort;
}

/** Everything `show` prints (defined with the board's types). */
export type { TaskDetail };

/** Counts for `stats`. */
export interface BoardStats {
  by_status: Record<string, number>;
  by_assignee: Record<string, Record<string, number>>;
  oldest_ready_age_seconds: number | null;
  now: number;
}

/** Completion input. */
export interface CompleteInput {
  result?: string | null;
  summary?: string | null;
  metadata?: Record<string, unknown> | null;
  /** Ids of the tasks the completing worker says it created; each is checked (created_cards). */
  createdCards?: readonly string[] | null;
}

/** A claim handed out by `claim`. */
export interface ClaimResult {
  task: Task;
  run: Run;
}

/** Event filter for tail/watch. */
export interface EventFilter {
  afterId: number;
  taskId?: string;
  kinds?: string[];
  assignee?: string;
  tenant?: string;
  limit?: number;
}

/** The board operations every backend provides. */
export interface BoardStore {
  readonly path: string;
  createTask(input: CreateTaskInput): { task: Task; existed: boolean };
  getTask(id: string): Task | null;
  requireTask(id: string): Task;
  listTasks(filter: ListFilter): Task[];
  /**
   * Each task of `filter` as one line of `cells`, in listTasks' order, as UTF-8: lines end in
   * "\n"; no task, no bytes. Rendered by the engine in one buffer, so a 10,000-task listing
   * costs no JavaScript value per task (`kanban list`); equal, byte for byte, to the lines
   * renderLine() makes of listTasks() (the conformance suite checks both).
   */
  renderLines(filter: ListFilter, cells: readonly LineCell[]): Uint8Array;
  showTask(id: string, eventLimit?: number): TaskDetail;
  /** Decide `op` on task `id` with the rulebook and apply its plan, in one transaction. */
  perform(id: string, op: Operation, actor: Actor): Performed;
  assign(id: string, assignee: string | null): Task;
  /** Release a running task's claim now (an operator's recovery); the worker is stopped after. */
  reclaim(id: string, reason: string | null): Task;
  /** Assign to another profile, releasing a running task's claim first with `reclaim`. */
  reassign(
    id: string,
    assignee: string | null,
    opts: { reclaim: boolean; reason: string | null },
  ): { task: Task; reclaimed: boolean };
  /** Make `childId` wait for `parentId`; a worker may link only its own and created tasks. */
  link(parentId: string, childId: string, actor?: Actor): void;
  unlink(parentId: string, childId: string): void;
  /** Add a comment; a worker may comment only on its own and created tasks. */
  comment(id: string, author: string, body: string, actor?: Actor): Comment;
  complete(id: string, input: CompleteInput, actor: Actor): { task: Task; changed: boolean };
  /** Block (`kind`: a typed reason, BLOCK_KINDS; it routes the task, see the rulebook). */
  block(id: string, reason: string, actor: Actor, kind?: string | null): Task;
  /**
   * When scheduled task `id` becomes ready by itself (unix seconds); null when it has no time
   * (it waits for an unblock) or is not scheduled by us.
   */
  scheduledAt(id: string): number | null;
  /** Release a blocked or scheduled task; `reason` goes into its comments. */
  unblock(id: string, reason?: string | null, actor?: Actor): Task;
  archive(id: string): Task;
  /** Promote out of triage/todo; `force` readies it while a parent is not done. */
  promote(id: string, opts?: { force?: boolean; reason?: string | null }): Task;
  /** What performing `op` would do (the rulebook's plan), without writing; throws the refusal. */
  preview(id: string, op: Operation, actor: Actor): Plan;
  /** Correct a done task's result and its latest completed run's summary and metadata. */
  editResult(
    id: string,
    input: { result: string; summary: string | null; metadata: Record<string, unknown> | null },
    actor: Actor,
  ): Task;
  /** Remove an archived task and every row about it, for good. */
  deleteTask(id: string, actor: Actor): void;
  claim(id: string, lock: string, ttlSeconds: number): ClaimResult;
  heartbeat(id: string, note: string | null, ttlSeconds: number, actor: Actor): Task;
  runs(id: string): Run[];
  /** One run by id, or null. */
  runRow(runId: number): Run | null;
  events(filter: EventFilter): TaskEvent[];
  latestEventId(): number;
  stats(): BoardStats;
  assigneeCounts(): Record<string, Record<string, number>>;
  /** A counter that moves whenever another connection commits (cheap change polling). */
  dataVersion(): number;
  /**
   * An opaque token that differs whenever the board changed since it was taken, by this handle
   * or any other (HTTP validators: ETag and 304 on the board view). Two handles may give
   * different tokens for the same board; one handle gives the same token until a change.
   */
  changeToken(): string;
  /** The rows the worker context of a task is rendered from. */
  workerContextData(id: string): WorkerContextInput;
  /**
   * What the diagnostics rules read of the given tasks (null: every task not archived): each
   * task with its events of `eventKinds` and its runs, oldest first.
   */
  diagnosisInputs(ids: readonly string[] | null, eventKinds: readonly string[]): DiagnosisInput[];
  /** What the rules know about a worker actor, for tasks `ids` (see WorkerFacts). */
  workerFacts(actor: WorkerActor, ids: readonly string[]): WorkerFacts;
  /** Keep the SHA-256 (hex) of a run's secret, which its worker's requests must match. */
  recordRunSecret(runId: number, taskId: string, hash: string): void;
  /**
   * Record a file attached to task `taskId` (its file already written at `storedPath`), with
   * an `attached` event. NotFoundError for an unknown task.
   */
  addAttachment(a: NewAttachment): Attachment;
  /** The task's attachments, oldest first (NotFoundError for an unknown task). */
  listAttachments(taskId: string): Attachment[];
  getAttachment(id: number): Attachment | null;
  /** Delete an attachment's row, with an `attachment_removed` event; null when none had `id`. */
  deleteAttachment(id: number): Attachment | null;
  /** Delete (or, dry, count) events older than `before` of done/archived tasks. */
  pruneEvents(before: number, dryRun: boolean): number;
  close(): void;
}

/** The dashboard's queries and edits (the web board and its REST API). */
export interface DashboardQueries {
  /** Every card of the board (optionally one tenant, optionally with archived ones), in one snapshot. */
  boardView(opts: { tenant?: string | null; includeArchived?: boolean }): BoardView;
  /** Every dependency edge of the board (for the graph view). */
  allLinks(): Array<{ parent_id: string; child_id: string }>;
  /** Parents and children of a task, as short references. */
  relatives(id: string): { parents: TaskRef[]; children: TaskRef[] };
  /** The run a log request means: `runId` if it belongs to the task, else the newest run. */
  runForLog(taskId: string, runId: number | null): Run | null;
  /** Change a task's priority (event `reprioritized`); a no-op when unchanged. */
  reprioritize(id: string, priority: number): Task;
  /** Edit a task's title and/or body (event `edited`); a no-op when unchanged. */
  editTask(id: string, fields: { title?: string; body?: string | null }): Task;
  /** Task counts by status and run counts by outcome, for /metrics. */
  metricCounts(): { tasks: Record<string, number>; runs: Record<string, number> };
  /** Every worker at work: open runs with a recorded process, of running tasks. */
  activeWorkers(): ActiveWorker[];
  /** The process run `runId`'s worker was started as, or null. */
  runProcess(runId: number): RunProcess | null;
}

/**
 * One open board: its operations, the dashboard's queries, transactions and upkeep. The
 * dispatcher's and the notifier's views of the same board come from `openDispatch` and
 * `openNotify` (lib/store/engine.ts), which the hot CLI verbs never load.
 */
export interface Store extends BoardStore, DashboardQueries {
  /** The board's clock (unix seconds); tests inject a fake one. */
  readonly now: Clock;
  /** What a cheap probe at open found damaged, or null. */
  readonly damage: string | null;
  /**
   * True when gateways on other hosts may dispatch from this board too (PostgreSQL): a run
   * recorded on another host is judged by its lease alone, and live workers' leases are renewed
   * before they run out, not after.
   */
  readonly shared: boolean;
  /**
   * Run `fn` as one transaction: every store operation inside commits together, or none does
   * when `fn` throws. Nests (an inner call joins the outer transaction).
   */
  tx<T>(fn: () => T): T;
  /** Several reads in one consistent snapshot. */
  read<T>(fn: () => T): T;
  /** Upkeep a long-running process calls now and then (SQLite: a passive WAL checkpoint). */
  maybeCheckpoint(): void;
}

/**
 * The dispatcher's queries and writes over one board. Every outcome is fenced: it applies
 * only while the run is still the task's current one.
 */
export interface DispatchStore {
  /** The board these queries run on. */
  readonly board: Store;
  /** Unix seconds from the board's clock. */
  now(): number;
  /** Run `fn` in one transaction (nests inline). */
  tx<T>(fn: () => T): T;
  /** Several reads in one snapshot. */
  read<T>(fn: () => T): T;
  /** Moves whenever another connection commits. */
  dataVersion(): number;
  /** Which parts of a tick have anything to do. */
  probe(): BoardProbe;
  /** Every running task with its open run and recorded worker process. */
  running(): RunningRow[];
  /** Closed runs whose worker process was never seen to end. */
  unreaped(): UnreapedRow[];
  /** Running tasks in total and per assignee. */
  liveCounts(): LiveRow;
  /** Todo tasks whose parents are all done, without promoting them. */
  promotable(): string[];
  /** Promote every todo task whose parents are done, in one transaction. Returns the count. */
  promoteAll(): number;
  /** Scheduled tasks whose time has come by `now`, earliest first (nothing written). */
  dueScheduled(now: number): string[];
  /** Scheduled tasks whose time has come wait again (`wake`), in one transaction; their ids. */
  wakeDue(now: number): string[];
  /** Earliest time after `now` a scheduled task becomes ready by itself, or null. */
  nextScheduledAt(now: number): number | null;
  /** Ready (or review) tasks nobody is assigned to. */
  unassignedReady(limit?: number): string[];
  /**
   * Ready, assigned, unclaimed tasks whose parents are done and whose backoff has passed, then
   * assigned tasks in review.
   */
  candidates(opts: {
    now: number;
    exclude: readonly string[];
    limit: number;
    taskId?: string | null;
    ignoreBackoff?: boolean;
  }): { id: string; assignee: string }[];
  /** Earliest retry time of a ready task still in backoff, or null. */
  nextRetryAt(now: number): number | null;
  /** Tasks that are ready or in review (assigned), or running. */
  inFlight(): { ready: number; running: number };
  /** A task by id, or null. */
  task(id: string): Task | null;
  /** Statuses of the given tasks. */
  statuses(ids: readonly string[]): Map<string, string>;
  /** Claim one ready task inside the caller's transaction; null if it is no longer claimable. */
  claim(id: string, lock: string, ttlSeconds: number): DispatchClaim | null;
  /** Record spawned workers; returns the run ids closed meanwhile (their worker must stop). */
  recordSpawns(items: readonly SpawnRecord[]): number[];
  /** Record the exit status of a run's process (first one wins). */
  recordExit(runId: number, code: number): void;
  /** Exit-code completion. False if the run lost its claim. */
  complete(
    taskId: string,
    runId: number,
    result: string | null,
    exitCode: number,
    actorName: string,
  ): boolean;
  /** The worker blocked its task. False if the run lost its claim. */
  block(
    taskId: string,
    runId: number,
    reason: string,
    exitCode: number | null,
    actorName: string,
  ): boolean;
  /** Try later with a growing delay; null if the run lost its claim. */
  retryLater(
    taskId: string,
    runId: number,
    exitCode: number,
    delayFor: (attempt: number) => number,
  ): { notBefore: number; delay: number } | null;
  /** A failed attempt: spends the failure budget when counted, gives up at the limit. */
  fail(f: FailureInput): FailureResult;
  /** Put a running task back to ready without spending its budget (`reclaimed`). */
  reclaim(taskId: string, runId: number | null, reason: string, exitCode?: number | null): boolean;
  /** Extend a live worker's lease (`claim_extended`). */
  extend(taskId: string, runId: number, ttlSeconds: number, pid: number | null): boolean;
  /** Leave a claim alone until `until` (`reclaim_deferred`). */
  defer(taskId: string, runId: number, until: number, reason: string): boolean;
  /** Runs of a task, newest first, with their log files. */
  runLogs(taskId: string): RunLog[];
}

/** The notifier's subscriptions, cursors and outbox over one board. */
export interface NotifyStore {
  /** Subscribe; starts at the newest event so nothing already past is sent. */
  subscribe(
    k: SubscriptionKey & { userId: string | null; notifierProfile?: string | null },
  ): { subscription: Subscription; created: boolean };
  /** One subscription, or null. */
  subscription(k: SubscriptionKey): Subscription | null;
  /** Remove a subscription and drop its undelivered messages; false if there was none. */
  unsubscribe(k: SubscriptionKey): boolean;
  /** Subscriptions of one task, or of the whole board. */
  subscriptions(taskId?: string): Subscription[];
  /** Queue a configured sink's new events of `kinds` and move its cursor past them. */
  enqueueSink(
    sink: string,
    kinds: readonly string[],
    build: BodyBuilder,
  ): { created: boolean; cursor: number; queued: number; more: boolean };
  /** Queue every subscription's new events of `kinds`. */
  enqueueSubscriptions(
    kinds: readonly string[],
    deliverable: (platform: string) => boolean,
    build: (q: QueuedEvent, sub: Subscription) => string | null,
  ): { queued: number; skipped: Map<string, number>; ended: number; more: boolean };
  /** Forget configured sinks (keys starting with one of `prefixes`) that are not in `keep`. */
  forgetSinks(keep: ReadonlySet<string>, prefixes: readonly string[]): string[];
  /** Sinks that have deliveries waiting. */
  activeSinks(): string[];
  /** Claim the sink's oldest undelivered message if it is due. */
  claim(sink: string, owner: string, nowMs: number, leaseMs: number): Claim;
  /** Record a successful delivery. False if the lease was lost meanwhile. */
  succeed(id: number, owner: string): boolean;
  /** Record a failed attempt to be tried again at `nextAtMs`. */
  retry(id: number, owner: string, nextAtMs: number, error: string): boolean;
  /** Park a delivery as failed for good. */
  fail(id: number, owner: string, error: string): boolean;
  /** Give back leases `owner` holds (one, or all) without counting an attempt. */
  release(owner: string, id?: number): number;
  /** Configured sinks with their cursors and delivery counts. */
  sinks(): SinkState[];
  /** Deliveries, newest first: of one task, or of the board where attention is needed. */
  deliveries(opts?: { taskId?: string; limit?: number }): Delivery[];
  /** Delete sent deliveries finished before `beforeSeconds`. */
  pruneSent(beforeSeconds: number): number;
}
