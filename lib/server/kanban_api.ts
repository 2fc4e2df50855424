/**
 * Hermes's dashboard endpoints under /api/plugins/kanban, backed by the same store code as
 * the CLI. The table at the bottom lists every route.
 */

import {
  HermesError,
  isTaskId,
  NotFoundError,
  type Status,
  STATUSES,
  type Task,
  workspaceRoots,
} from "../board/mod.ts";
import { boardPaths, type Config, get } from "../config/mod.ts";
import type { Actor, Store } from "../store/mod.ts";
import { readTail } from "../workers/log_tail.ts";
import type { ProcessInfo } from "../workers/proc_reader.ts";
import {
  bool,
  cardWarnings,
  comment as addComment,
  createTask,
  deleteTask,
  diagnosticConfig,
  diagnostics,
  EditTask,
  int,
  link,
  listFilter,
  type OpContext,
  reassign,
  reclaim,
  schema,
  showTask,
  stringList,
  text,
  unlink,
} from "../ops/mod.ts";
import { queryBool, queryInt, readJson, withQuery } from "./_body.ts";
import type { BoardRegistry } from "./_board_registry.ts";
import { boardRoutes } from "./_board_routes.ts";
import type { EventHub } from "./_events.ts";
import { BASE_HEADERS, fnv, HttpError, json, notModified } from "./responses.ts";
import type { Route, RouteContext } from "./_router.ts";
import { apiCard, apiRun, apiTask } from "./_shapes.ts";

/** Where the API mounts, as in Hermes. */
export const API_PREFIX = "/api/plugins/kanban";

/** Columns of the board, in order (archived only on request). */
export const BOARD_COLUMNS: readonly Status[] = STATUSES.filter((s) => s !== "archived");

/** The dispatcher as the server sees it. */
export interface DispatchPort {
  /** Run one tick now; rejects with a message when it cannot. Null: no dispatcher here. */
  dispatch: ((req: { dryRun: boolean; max: number | null }) => Promise<unknown>) | null;
  /** Why there is no dispatcher (shown in the 503). */
  unavailableReason: () => string;
}

/** What the routes need. */
export interface ApiDeps {
  home: string;
  boards: BoardRegistry;
  hub: EventHub;
  config: Config;
  version: string;
  now: () => number;
  presence: () => Promise<{ running: boolean; message: string }>;
  dispatcher: DispatchPort;
  /** Called after a write (the gateway wakes its dispatcher; the event feed looks at once). */
  onWrite: (board: string) => void;
  log: (level: "warning" | "error", msg: string, err?: unknown) => void;
  /** What /proc says of the given pids that exist (inspect); rejects when it cannot be read. */
  processInfo: (pids: number[]) => Promise<Map<number, ProcessInfo>>;
}

/** The person acting through the dashboard. */
const DASHBOARD: Actor = { kind: "person", name: "dashboard" };

/** Largest log tail returned, in bytes (Hermes's limit). */
export const MAX_LOG_TAIL = 2_000_000;
/** Most ids one bulk request may name. */
export const MAX_BULK_IDS = 500;

function taskParam(c: RouteContext): string {
  const id = c.params.id;
  if (!isTaskId(id)) throw new NotFoundError(`task ${id} not found`, "not_found");
  return id;
}

function cleanName(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  const s = v.trim();
  return s === "" ? null : s;
}

/** How the dashboard acts through the operation layer: as the dashboard, with JSON input. */
const OPS: OpContext = { actor: DASHBOARD, author: "dashboard" };

/** Extra inputs of a status move. */
interface MoveExtras {
  result?: string | null;
  summary?: string | null;
  metadata?: Record<string, unknown> | null;
  reason?: string | null;
}

/** Move a card to the column `to`: the rulebook's `move`, carried out by the store. */
function applyMove(store: Store, id: string, to: string, x: MoveExtras): Task {
  return store.perform(id, {
    op: "move",
    to,
    reason: (x.reason ?? "").trim(),
    result: x.result ?? null,
    summary: x.summary ?? null,
    metadata: x.metadata ?? null,
  }, DASHBOARD).task!;
}

/** Validated PATCH /tasks/:id input. */
interface Patch {
  status?: string;
  assignee?: string | null;
  priority?: number;
  title?: string;
  body?: string | null;
  extras: MoveExtras;
}

/** A PATCH or bulk body through the edit schema (lib/ops). */
function parsePatch(body: Record<string, unknown>): Patch {
  const v = EditTask.parse(body);
  return {
    status: v.status?.toLowerCase(),
    assignee: v.assignee,
    priority: v.priority,
    title: v.title,
    body: v.body,
    extras: {
      result: v.result,
      summary: v.summary,
      reason: v.block_reason,
      metadata: v.metadata,
    },
  };
}

/** The bulk form: the ids to edit and whether to archive them, besides the edit's fields. */
const BulkEdit = schema({
  ids: stringList("task ids", MAX_BULK_IDS),
  archive: bool(),
  /** With an assignee: release a running task's claim first (reassign --reclaim). */
  reclaim_first: bool(),
});

/** A reclaim or terminate body (Hermes's): why. */
const Reason = schema({
  reason: text({ nullable: true }),
});

/** A reassign body (Hermes's wire names; the reassign operation's schema checks them). */
const ReassignBody = schema({
  profile: text({ nullable: true }),
  reclaim_first: bool(),
  reason: text({ nullable: true }),
});

/** Bytes of the worker log an inspection returns, unless `tail` says otherwise. */
const INSPECT_LOG_TAIL = 16_384;

function runParam(c: RouteContext): number {
  const raw = c.params.id;
  const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new NotFoundError(`run ${raw} not found`, "not_found");
  }
  return n;
}

/** A dispatch request's body (its query string gives the same fields). */
const DispatchRequest = schema({
  dry_run: bool(),
  max: int({ min: 1, max: 10_000 }),
});

function applyPatch(store: Store, id: string, p: Patch, reclaimFirst = false): Task {
  return store.tx(() => {
    let t = store.requireTask(id);
    if (p.assignee !== undefined) {
      const a = cleanName(p.assignee);
      if (a !== t.assignee) {
        t = reclaimFirst
          ? reassign(store, { task_id: id, assignee: a, reclaim: true }).task
          : store.assign(id, a);
      }
    }
    if (p.status !== undefined) t = applyMove(store, id, p.status, p.extras);
    if (p.priority !== undefined) t = store.reprioritize(id, p.priority);
    if (p.title !== undefined || p.body !== undefined) {
      t = store.editTask(id, { title: p.title, body: p.body });
    }
    return t;
  });
}

/** Build the route table. */
export function kanbanRoutes(d: ApiDeps): Route[] {
  const board = (c: RouteContext) => d.boards.resolve(c.url.searchParams.get("board"));
  const store = (c: RouteContext) => d.boards.get(board(c));
  const wrote = (c: RouteContext) => d.onWrite(board(c));
  const diagConfig = () => diagnosticConfig(get(d.config, "kanban.failure_limit"));

  /** A run of the board, or 404. */
  const runOf = (c: RouteContext) => {
    const id = runParam(c);
    const run = store(c).runRow(id);
    if (!run) throw new NotFoundError(`run ${id} not found`, "not_found");
    return run;
  };

  /** Is the run's worker alive? What /proc says of its process, told from a reused pid. */
  const inspectProcess = async (c: RouteContext, runId: number, ended: boolean) => {
    const proc = store(c).runProcess(runId);
    const pid = proc?.pid ?? null;
    if (pid === null) {
      return { alive: false, pid, reason: "no worker process recorded", process: null };
    }
    let info: ProcessInfo | undefined;
    try {
      info = (await d.processInfo([pid])).get(pid);
    } catch (e) {
      d.log("warning", "process inspection failed", e);
      return { alive: null, pid, reason: "the process cannot be inspected here", process: null };
    }
    const same = info !== undefined &&
      (proc!.start_ticks === null || proc!.start_ticks === info.startTicks);
    const alive = same && info!.state !== "Z";
    const reason = alive
      ? null
      : !info
      ? (ended ? "run already ended" : "process not found")
      : !same
      ? "another process has its pid now (the worker is gone)"
      : "the process is a zombie (exited, not yet reaped)";
    return {
      alive,
      pid,
      reason,
      process: info && same
        ? {
          pid,
          state: info.state,
          ppid: info.ppid,
          pgrp: info.pgrp,
          start_ticks: info.startTicks,
          rss_bytes: info.rssBytes,
          threads: info.threads,
          host: proc!.host,
          exit_code: proc!.exit_code,
        }
        : null,
    };
  };

  const routes: Array<[string, string, (c: RouteContext) => Response | Promise<Response>]> = [
    ["GET", "/board", (c) => {
      const { includeArchived, tenant } = withQuery(
        c.url,
        (q) => listFilter({ tenant: q.tenant, include_archived: q.include_archived }, "text"),
      );
      const s = store(c);
      // The view changes only when the board does: a client holding the last one gets a 304.
      const etag = `W/"${s.changeToken()}.${fnv(`${board(c)}\0${includeArchived}\0${tenant}`)}"`;
      if (notModified(c.req, etag)) {
        return new Response(null, { status: 304, headers: { ...BASE_HEADERS, etag } });
      }
      const view = s.boardView({ tenant, includeArchived });
      const now = d.now();
      const names: string[] = [...BOARD_COLUMNS, ...(includeArchived ? ["archived"] : [])];
      const cols = new Map<string, unknown[]>(names.map((n) => [n, []]));
      const warnings = cardWarnings(s, view.tasks.map((x) => x.task.id), {
        now,
        config: diagConfig(),
      });
      for (const { task, extras } of view.tasks) {
        (cols.get(task.status) ?? cols.get("todo"))!.push({
          ...apiCard(task, extras, now),
          warnings: warnings.get(task.id) ?? null,
        });
      }
      return json(
        {
          columns: names.map((name) => ({ name, tasks: cols.get(name) })),
          tenants: view.tenants,
          assignees: view.assignees,
          latest_event_id: view.latestEventId,
          now,
          board: board(c),
        },
        200,
        { etag },
      );
    }],
    ...boardRoutes({ home: d.home, boards: d.boards, now: d.now }),
    ["GET", "/tasks/:id", (c) => {
      const id = taskParam(c);
      const s = store(c);
      const detail = showTask(s, { task_id: id }, 200);
      const rel = s.relatives(id);
      const now = d.now();
      return json({
        task: apiTask(detail.task, now),
        comments: detail.comments,
        events: detail.events,
        links: { parents: rel.parents.map((p) => p.id), children: rel.children.map((x) => x.id) },
        parents: rel.parents,
        children: rel.children,
        runs: detail.runs.map(apiRun),
        scheduled_until: detail.scheduled_until ?? null,
        now,
      });
    }],
    ["POST", "/tasks", async (c) => {
      const { task, existed } = createTask(store(c), await readJson(c.req), {
        ...OPS,
        workspaceRoots: workspaceRoots(d.home, get(d.config, "kanban.workspace_roots")),
      });
      if (!existed) wrote(c);
      const out: Record<string, unknown> = { task: apiTask(task, d.now()), existed };
      if (!existed && task.status === "ready" && task.assignee) {
        try {
          const { running, message } = await d.presence();
          if (!running && message) out.warning = message;
        } catch (e) {
          d.log("warning", "dispatcher presence probe failed; create goes on without a warning", e);
        }
      }
      return json(out);
    }],
    ["PATCH", "/tasks/:id", async (c) => {
      const id = taskParam(c);
      const patch = parsePatch(await readJson(c.req));
      const t = applyPatch(store(c), id, patch);
      wrote(c);
      return json({ task: apiTask(t, d.now()) });
    }],
    ["POST", "/tasks/bulk", async (c) => {
      const body = await readJson(c.req);
      const bulk = BulkEdit.parse(body);
      const ids = bulk.ids ?? [];
      if (ids.length === 0) throw new HttpError("usage", "invalid_body", "ids is required");
      const patch = parsePatch(body);
      const archive = bulk.archive ?? false;
      const reclaimFirst = bulk.reclaim_first ?? false;
      if (
        !archive && patch.status === undefined && patch.assignee === undefined &&
        patch.priority === undefined
      ) {
        throw new HttpError(
          "usage",
          "invalid_body",
          "nothing to do: give status, assignee, priority or archive",
        );
      }
      const s = store(c);
      const results = ids.map((id) => {
        try {
          if (!isTaskId(id)) throw new NotFoundError(`task ${id} not found`);
          applyPatch(s, id, {
            status: archive ? "archived" : patch.status,
            assignee: patch.assignee,
            priority: patch.priority,
            extras: patch.extras,
          }, reclaimFirst);
          return { id, ok: true };
        } catch (e) {
          if (e instanceof HttpError || e instanceof HermesError) {
            return { id, ok: false, error: e.message, code: e.code };
          }
          d.log("error", "unexpected error in bulk update", e);
          return { id, ok: false, error: "internal error" };
        }
      });
      if (results.some((r) => r.ok)) wrote(c);
      return json({ results });
    }],
    ["POST", "/tasks/:id/comments", async (c) => {
      const id = taskParam(c);
      const comment = addComment(store(c), { ...await readJson(c.req), task_id: id }, OPS);
      wrote(c);
      return json({ ok: true, comment });
    }],
    ["GET", "/tasks/:id/log", (c) => {
      const id = taskParam(c);
      const tail = queryInt(c.url, "tail", 100_000, 1, MAX_LOG_TAIL);
      const runParam = c.url.searchParams.get("run");
      const runId = runParam === null || runParam === ""
        ? null
        : queryInt(c.url, "run", 0, 1, Number.MAX_SAFE_INTEGER);
      const s = store(c);
      s.requireTask(id);
      const run = s.runForLog(id, runId);
      if (runId !== null && run === null) {
        throw new NotFoundError(`task ${id} has no run ${runId}`, "no_run");
      }
      const logs = boardPaths(d.home, board(c)).logs;
      return json(readLog(logs, id, run?.id ?? null, run?.log_path ?? null, tail));
    }],
    ["DELETE", "/tasks/:id", (c) => {
      const id = taskParam(c);
      deleteTask(store(c), { task_id: id }, OPS);
      wrote(c);
      return json({ deleted: true, task_id: id });
    }],
    ["POST", "/tasks/:id/reclaim", async (c) => {
      const id = taskParam(c);
      const { reason } = Reason.parse(await readJson(c.req));
      reclaim(store(c), { task_id: id, reason });
      wrote(c);
      return json({ ok: true, task_id: id });
    }],
    ["POST", "/tasks/:id/reassign", async (c) => {
      const id = taskParam(c);
      const b = ReassignBody.parse(await readJson(c.req));
      const { task } = reassign(store(c), {
        task_id: id,
        assignee: cleanName(b.profile),
        reclaim: b.reclaim_first ?? false,
        reason: b.reason,
      });
      wrote(c);
      return json({ ok: true, task_id: id, assignee: task.assignee });
    }],
    ["GET", "/diagnostics", (c) => {
      const q = (k: string) => c.url.searchParams.get(k) ?? undefined;
      return json(diagnostics(store(c), { severity: q("severity"), task_id: q("task") }, {
        now: d.now(),
        config: diagConfig(),
        wire: "text",
      }));
    }],
    ["GET", "/workers/active", (c) => {
      const workers = store(c).activeWorkers();
      return json({ workers, count: workers.length, checked_at: d.now() });
    }],
    ["GET", "/runs/:id", (c) => json({ run: apiRun(runOf(c)) })],
    ["GET", "/runs/:id/inspect", async (c) => {
      const run = runOf(c);
      const s = store(c);
      const tail = queryInt(c.url, "tail", INSPECT_LOG_TAIL, 1, MAX_LOG_TAIL);
      const task = s.requireTask(run.task_id);
      const now = d.now();
      const logs = boardPaths(d.home, board(c)).logs;
      return json({
        run_id: run.id,
        task_id: run.task_id,
        ...await inspectProcess(c, run.id, run.ended_at !== null),
        run: apiRun(run),
        task: apiTask(task, now),
        runs: s.runs(task.id).map(apiRun),
        log: readLog(logs, task.id, run.id, run.log_path, tail),
        checked_at: now,
      });
    }],
    ["POST", "/runs/:id/terminate", async (c) => {
      const run = runOf(c);
      const { reason } = Reason.parse(await readJson(c.req));
      if (run.ended_at !== null) {
        throw new HttpError("conflict", "run_ended", `run ${run.id} already ended`);
      }
      // The run's claim is released as a reclaim; the woken dispatcher stops its worker.
      reclaim(store(c), { task_id: run.task_id, reason: reason ?? `terminated run ${run.id}` });
      wrote(c);
      return json({ ok: true, run_id: run.id, task_id: run.task_id });
    }],
    ["GET", "/links", (c) => json({ links: store(c).allLinks() })],
    ["POST", "/links", async (c) => {
      link(store(c), await readJson(c.req));
      wrote(c);
      return json({ ok: true });
    }],
    ["DELETE", "/links", (c) => {
      withQuery(c.url, (input) => unlink(store(c), input));
      wrote(c);
      return json({ ok: true });
    }],
    ["GET", "/stats", (c) => json(store(c).stats())],
    ["GET", "/assignees", (c) => {
      const profiles = new Set([
        "shell",
        ...Object.keys(get(d.config, "kanban.profiles") ?? {}),
      ]);
      const counts = store(c).assigneeCounts();
      const names = [...new Set([...profiles, ...Object.keys(counts)])].sort();
      return json({
        assignees: names.map((name) => ({
          name,
          on_disk: profiles.has(name),
          counts: counts[name] ?? {},
        })),
      });
    }],
    ["GET", "/config", async () => {
      let dispatcher = { running: true, message: "" };
      try {
        dispatcher = await d.presence();
      } catch { /* a failing probe is silent, as everywhere */ }
      return json({
        default_tenant: get(d.config, "dashboard.kanban.default_tenant"),
        lane_by_profile: get(d.config, "dashboard.kanban.lane_by_profile"),
        include_archived_by_default: get(
          d.config,
          "dashboard.kanban.include_archived_by_default",
        ),
        render_markdown: get(d.config, "dashboard.kanban.render_markdown"),
        version: d.version,
        dispatcher,
      });
    }],
    ["POST", "/dispatch", async (c) => {
      const f = DispatchRequest.parse(await readJson(c.req));
      const dryRun = f.dry_run ?? queryBool(c.url, "dry_run", false);
      const max = f.max ?? queryInt(c.url, "max", 8, 1, 10_000);
      if (!d.dispatcher.dispatch) {
        throw new HttpError("unavailable", "no_dispatcher", d.dispatcher.unavailableReason());
      }
      let result: unknown;
      try {
        result = await d.dispatcher.dispatch({ dryRun, max });
      } catch (e) {
        throw new HttpError(
          "unavailable",
          "dispatch_failed",
          `dispatch failed: ${(e as Error).message}`,
        );
      }
      return json(result ?? {});
    }],
    ["GET", "/events", (c) => {
      const name = board(c);
      d.boards.get(name); // the board must exist (the default one is created)
      const raw = c.url.searchParams.get("since") ?? c.req.headers.get("last-event-id");
      let since: number | null = null;
      if (raw !== null && raw !== "") {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 0) {
          throw new HttpError("usage", "invalid_query", "since must be a non-negative integer");
        }
        since = n;
      }
      const room = d.hub.room(c.peer);
      if (room === "full") {
        throw new HttpError(
          "unavailable",
          "too_many_clients",
          "too many live-event clients; close a tab",
        );
      }
      if (room === "peer_full") {
        throw new HttpError(
          "rate_limited",
          "too_many_streams",
          "too many live-event streams from this client; close a tab",
        );
      }
      return new Response(d.hub.subscribe(name, since, c.peer), {
        headers: {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          "x-accel-buffering": "no",
          "x-content-type-options": "nosniff",
        },
      });
    }],
  ];
  return routes.map(([method, pattern, handler]) => ({
    method,
    pattern: API_PREFIX + pattern,
    handler,
  }));
}

/**
 * Read the tail of a run's log at the path its spawn recorded (hx_run_procs.log_path),
 * never outside `logs`. A run without a recorded path never had a worker, so no log.
 */
export function readLog(
  logs: string,
  taskId: string,
  runId: number | null,
  logPath: string | null,
  tail: number,
): Record<string, unknown> {
  const empty = { task_id: taskId, run_id: runId, path: null, exists: false, size_bytes: 0 };
  if (runId === null || logPath === null) return { ...empty, content: "", truncated: false };
  const path = logPath;
  let real: string;
  let realLogs: string;
  try {
    real = Deno.realPathSync(path);
    realLogs = Deno.realPathSync(logs);
  } catch {
    return { ...empty, path, content: "", truncated: false };
  }
  if (!real.startsWith(realLogs + "/")) {
    // A symlink pointing out of the logs directory: refuse to follow it.
    return { ...empty, path, content: "", truncated: false };
  }
  const t = readTail(real, tail);
  if (t === null) return { ...empty, path, content: "", truncated: false };
  return {
    task_id: taskId,
    run_id: runId,
    path,
    exists: true,
    size_bytes: t.size,
    content: t.text,
    truncated: t.truncated,
  };
}
