/** The store's interface: everything the CLI, dispatcher and server ask of a board. */

import type {
  Actor,
  Comment,
  Operation,
  Plan,
  Run,
  Status,
  Task,
  TaskDetail,
  TaskEvent,
  WorkspaceSpec,
} from "../board/mod.ts";
import type { WorkerContextInput } from "../board/worker_context.ts";

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
}

/** Filters for listing tasks. */
export interface ListFilter {
  assignee?: string | null;
  status?: Status[];
  tenant?: string | null;
  includeArchived?: boolean;
  limit?: number;
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
  /** The human listing of `filter` as UTF-8 lines (see SqliteBoardStore.listText). */
  listText(filter: ListFilter, icons: Readonly<Record<Status, string>>): Uint8Array;
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
  link(parentId: string, childId: string): void;
  unlink(parentId: string, childId: string): void;
  comment(id: string, author: string, body: string): Comment;
  complete(id: string, input: CompleteInput, actor: Actor): { task: Task; changed: boolean };
  block(id: string, reason: string, actor: Actor): Task;
  unblock(id: string): Task;
  archive(id: string): Task;
  promote(id: string): Task;
  claim(id: string, lock: string, ttlSeconds: number): ClaimResult;
  heartbeat(id: string, note: string | null, ttlSeconds: number, actor: Actor): Task;
  runs(id: string): Run[];
  events(filter: EventFilter): TaskEvent[];
  latestEventId(): number;
  stats(): BoardStats;
  assigneeCounts(): Record<string, Record<string, number>>;
  /** A counter that moves whenever another connection commits (cheap change polling). */
  dataVersion(): number;
  /** The rows the worker context of a task is rendered from. */
  workerContextData(id: string): WorkerContextInput;
  /** Delete (or, dry, count) events older than `before` of done/archived tasks. */
  pruneEvents(before: number, dryRun: boolean): number;
  close(): void;
}
