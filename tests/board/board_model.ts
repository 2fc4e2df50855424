/**
 * A board in memory that changes only by applying the rulebook's plans: the reference the
 * property tests check invariants on (and compare the store with).
 */

import {
  bindRun,
  type ChildFact,
  type CreatePlan,
  type Facts,
  type FailureKind,
  type Plan,
  type RunStatus,
  type Status,
  type Task,
} from "../../lib/board/mod.ts";
import { task } from "./rulebook_fixtures.ts";

/** A run as the model keeps it. */
export interface ModelRun {
  id: number;
  taskId: string;
  status: RunStatus;
  open: boolean;
  claimExpires: number | null;
  lastHeartbeatAt: number | null;
  summary: string | null;
  error: string | null;
}

/** An event as the model keeps it. */
export interface ModelEvent {
  taskId: string;
  kind: string;
  payload: Record<string, unknown> | null;
  runId: number | null;
}

const FAILURES: readonly string[] = ["spawn_failed", "crashed", "timed_out", "protocol_violation"];

/** The board: tasks, runs, links, retry rows, comments and events. */
export class BoardModel {
  tasks = new Map<string, Task>();
  runs = new Map<number, ModelRun>();
  /** Edges as `parent>child`. */
  links = new Set<string>();
  retry = new Map<string, { notBefore: number; attempts: number }>();
  /** When each scheduled task becomes ready by itself (hx_task_schedule). */
  schedule = new Map<string, number>();
  comments: Array<{ taskId: string; author: string; body: string }> = [];
  events: ModelEvent[] = [];
  #nextRun = 1;
  #nextTask = 1;

  /** Parents of `id`, oldest first. */
  parentIds(id: string): string[] {
    return [...this.links].map((l) => l.split(">")).filter(([, c]) => c === id).map(([p]) => p)
      .sort();
  }

  /** Children of `id`. */
  childIds(id: string): string[] {
    return [...this.links].map((l) => l.split(">")).filter(([p]) => p === id).map(([, c]) => c)
      .sort();
  }

  /** True when `to` is reachable from `from` along parent → child edges. */
  reaches(from: string, to: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...this.childIds(n));
    }
    return false;
  }

  /** What the rulebook is told about `id`, as the store reads it. */
  facts(id: string): Facts {
    const t = this.tasks.get(id) ?? null;
    const children: ChildFact[] = this.childIds(id).map((c) => ({
      id: c,
      status: this.tasks.get(c)!.status,
      otherParents: this.parentIds(c).filter((p) => p !== id).map((p) => this.tasks.get(p)!.status),
    }));
    const failures = [...this.runs.values()]
      .filter((r) => r.taskId === id && FAILURES.includes(r.status))
      .sort((a, b) => a.id - b.id)
      .map((r) => r.status as FailureKind);
    return {
      id,
      task: t === null ? null : { ...t },
      parents: this.parentIds(id).map((p) => {
        const pt = this.tasks.get(p)!;
        return { id: p, title: pt.title, status: pt.status };
      }),
      children,
      retryAttempts: this.retry.get(id)?.attempts ?? 0,
      recentFailures: failures,
      scheduledAt: this.schedule.get(id) ?? null,
      reviewRun: t?.current_run_id != null &&
        this.events.some((e) =>
          e.kind === "claimed" && e.runId === t.current_run_id &&
          e.payload?.source_status === "review"
        ),
      reviewedAssignee:
        (this.events.findLast((e) => e.taskId === id && e.kind === "review_requested")?.payload
          ?.from_assignee ?? null) as string | null,
    };
  }

  /** Add a task from a create plan (with the id given, else a new one); returns its id. */
  create(p: CreatePlan, fields: Partial<Task> = {}, given?: string): string {
    const id = given ?? `t_m${String(this.#nextTask++).padStart(7, "0")}`;
    this.tasks.set(id, task({ id, title: id, ...fields, status: p.status }));
    for (const parent of p.parents) this.links.add(`${parent}>${id}`);
    this.events.push({ taskId: id, kind: p.event.kind, payload: p.event.payload, runId: null });
    return id;
  }

  /** Apply a plan's effects in the store's order. */
  apply(plan: Plan, now: number): void {
    let p = plan;
    if (!p.changed) return;
    const t = this.tasks.get(p.taskId);
    if (!t) throw new Error(`plan for a task the model does not have: ${p.taskId}`);
    if (p.closeRun) {
      const r = this.runs.get(p.closeRun.runId);
      if (r && r.open) {
        r.open = false;
        r.status = p.closeRun.status;
        r.claimExpires = null;
        r.summary = p.closeRun.summary ?? r.summary;
        r.error = p.closeRun.error ?? r.error;
      }
      for (const x of this.tasks.values()) {
        if (x.current_run_id === p.closeRun.runId) x.current_run_id = null;
      }
    }
    if (p.openRun) {
      const id = this.#nextRun++;
      this.runs.set(id, {
        id,
        taskId: p.taskId,
        status: p.openRun.status,
        open: p.openRun.ended_at === null,
        claimExpires: p.openRun.claim_expires,
        lastHeartbeatAt: p.openRun.last_heartbeat_at,
        summary: p.openRun.summary,
        error: null,
      });
      p = bindRun(p, id);
    }
    Object.assign(t, p.set);
    if (p.lease) {
      const r = this.runs.get(p.lease.runId);
      if (r) {
        if (p.lease.lastHeartbeatAt !== null) r.lastHeartbeatAt = p.lease.lastHeartbeatAt;
        r.claimExpires = p.lease.neverShorten
          ? Math.max(r.claimExpires ?? 0, p.lease.claimExpires)
          : p.lease.claimExpires;
      }
    }
    if (p.retry) {
      if (p.retry.clear) this.retry.delete(p.taskId);
      else this.retry.set(p.taskId, { notBefore: p.retry.notBefore, attempts: p.retry.attempts });
    }
    if (p.link) {
      const edge = `${p.link.parentId}>${p.taskId}`;
      if (p.link.add) this.links.add(edge);
      else this.links.delete(edge);
    }
    if (p.comment) this.comments.push({ taskId: p.taskId, ...p.comment });
    for (const e of p.events) {
      this.events.push({
        taskId: p.taskId,
        kind: e.kind,
        payload: e.payload,
        runId: e.runId as number | null,
      });
    }
    if (p.schedule?.clear) this.schedule.delete(p.taskId);
    else if (p.schedule) this.schedule.set(p.taskId, p.schedule.dueAt);
    for (const child of p.then) this.apply(child, now);
  }

  /** Statuses of every task, by id. */
  statuses(): Record<string, Status> {
    return Object.fromEntries([...this.tasks].map(([id, t]) => [id, t.status]));
  }
}
