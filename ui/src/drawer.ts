/// <reference lib="dom" />
/**
 * The task drawer: body, moves, diagnostics with their recovery actions, relatives, comments,
 * runs with their logs, events.
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api.ts";
import { movesFor } from "./board_view.ts";
import { COLUMN_TITLES, duration, when } from "./format.ts";
import { html } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import type {
  Diagnostic,
  DiagnosticsData,
  Run,
  Status,
  Task,
  TaskDetail,
  TaskRef,
} from "./types.ts";

function RunLog({ taskId, run, version }: { taskId: string; run: Run; version: number }) {
  const [log, setLog] = useState<{ content: string; exists: boolean; truncated: boolean } | null>(
    null,
  );
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    api<{ content: string; exists: boolean; truncated: boolean }>(
      "GET",
      `/tasks/${taskId}/log?run=${run.id}&tail=65536`,
    ).then(setLog).catch((e) =>
      setLog({ content: String(e.message), exists: false, truncated: false })
    );
  }, [taskId, run.id, version]);
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [log]);
  if (!log) return html`<div class="muted">Loading log…</div>`;
  if (!log.exists) return html`<div class="muted">No log for this run.</div>`;
  return html`<pre class="log" ref=${pre}>${log.truncated ? "…\n" : ""}${
    log.content || "(empty)"
  }</pre>`;
}

function RunItem({ taskId, run, version }: { taskId: string; run: Run; version: number }) {
  const [open, setOpen] = useState(run.ended_at === null);
  const took = (run.ended_at ?? Date.now() / 1000) - run.started_at;
  return html`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${run.status}`}>${run.status}</span>
      <span>#${run.id}</span>
      ${run.profile ? html`<span class="muted">@${run.profile}</span>` : null}
      <span class="muted">${when(run.started_at)} · ${duration(took)}</span>
      ${run.exit_code !== null ? html`<span class="muted">exit ${run.exit_code}</span>` : null}
      <span class="spacer"></span>
      <button class="link" onClick=${() => setOpen(!open)} aria-expanded=${open}>${
    open ? "Hide log" : "Show log"
  }</button>
    </div>
    ${run.summary ? html`<div class="run-text">${run.summary}</div>` : null}
    ${run.error ? html`<div class="run-text error-text">${run.error}</div>` : null}
    ${open ? html`<${RunLog} taskId=${taskId} run=${run} version=${version} />` : null}
  </li>`;
}

function Refs(
  { title, refs, onOpen }: { title: string; refs: TaskRef[]; onOpen: (id: string) => void },
) {
  return html`<div class="refs">
    <h3>${title}</h3>
    ${
    refs.length === 0
      ? html`<div class="muted">None</div>`
      : html`<ul>${
        refs.map((r) =>
          html`<li><button class="ref" onClick=${() => onOpen(r.id)}>
            <span class=${`dot dot-${r.status}`}></span><span class="ref-title">${r.title}</span>
            <span class="muted">${r.id} · ${r.status}</span></button></li>`
        )
      }</ul>`
  }
  </div>`;
}

/**
 * A task's active diagnostics (GET /diagnostics?task=), each with what can be done about it:
 * reclaim, reassign and unblock act at once; a command is shown to copy.
 */
function Diagnostics(
  { task, version, onDone, onComment, onError }: {
    task: Task;
    version: number;
    onDone: () => void;
    onComment: () => void;
    onError: (msg: string) => void;
  },
) {
  const [list, setList] = useState<Diagnostic[]>([]);
  const [profile, setProfile] = useState("");
  useEffect(() => {
    let live = true;
    api<DiagnosticsData>("GET", `/diagnostics?task=${task.id}`)
      .then((d) => live && setList(d.diagnostics[0]?.diagnostics ?? []))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, [task.id, version]);
  if (list.length === 0) return null;
  const act = async (method: string, path: string, body: unknown) => {
    try {
      await api(method, path, body);
      onDone();
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const action = (d: Diagnostic, a: Diagnostic["actions"][number], i: number) => {
    const cls = `ghost small ${a.suggested ? "suggested" : ""}`;
    switch (a.kind) {
      case "reclaim":
        return html`<button key=${i} class=${cls} onClick=${() =>
          act("POST", `/tasks/${task.id}/reclaim`, {
            reason: `reclaimed on the dashboard (${d.kind})`,
          })}>${a.label}</button>`;
      case "unblock":
        return html`<button key=${i} class=${cls} onClick=${() =>
          act("PATCH", `/tasks/${task.id}`, { status: "ready" })}>${a.label}</button>`;
      case "comment":
        return html`<button key=${i} class=${cls} onClick=${onComment}>${a.label}</button>`;
      case "reassign":
        return html`<span key=${i} class="reassign">
          <input aria-label="Profile to reassign to" placeholder="profile" value=${profile}
            onInput=${(e: Event) => setProfile((e.target as HTMLInputElement).value)} />
          <button class=${cls} disabled=${!profile.trim()} onClick=${() =>
          act("POST", `/tasks/${task.id}/reassign`, {
            profile: profile.trim(),
            reclaim_first: Boolean(a.payload.reclaim_first),
            reason: `reassigned on the dashboard (${d.kind})`,
          })}>${a.label}</button></span>`;
      case "cli_hint":
        return html`<code key=${i} class="hint" title="Run this in a terminal">${
          String(a.payload.command ?? a.label)
        }</code>`;
    }
  };
  return html`
    <section class="diagnostics" aria-label="Diagnostics">
      <h3>Diagnostics <span class="count">${list.length}</span></h3>
      <ul>${list.map((d) =>
        html`
          <li key=${d.kind} class=${`diagnostic sev-${d.severity}`}>
            <div class="diag-head"><span class=${`diag diag-${d.severity}`}>${d.severity}</span>
                    <strong>${d.title}</strong></div>
            <div class="diag-detail">${d.detail}</div>
            <div class="diag-actions">${d.actions.map((a, i) => action(d, a, i))}</div>
          </li>
        `
      )}</ul>
    </section>
  `;
}

function eventText(e: TaskDetail["events"][number]): string {
  const p = e.payload ?? {};
  const bits = Object.entries(p)
    .filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  return bits.join(" ");
}

/** The drawer for one task. `version` moves when the task changed (live events). */
export function Drawer(
  { id, version, markdown, onClose, onOpen, onMove, onError }: {
    id: string;
    version: number;
    markdown: boolean;
    onClose: () => void;
    onOpen: (id: string) => void;
    onMove: (task: Task, to: Status) => void;
    onError: (msg: string) => void;
  },
) {
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [own, setOwn] = useState(0);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    api<TaskDetail>("GET", `/tasks/${id}`).then((d) => {
      if (live) {
        setDetail(d);
        setMissing(null);
      }
    }).catch((e) => live && setMissing(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [id, version, own]);
  useEffect(() => {
    ref.current?.focus();
  }, [id]);
  const addComment = async (e: Event) => {
    e.preventDefault();
    if (!comment.trim()) return;
    try {
      await api("POST", `/tasks/${id}/comments`, { body: comment });
      setComment("");
      const d = await api<TaskDetail>("GET", `/tasks/${id}`);
      setDetail(d);
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const t = detail?.task;
  return html`<aside class="drawer" tabindex="-1" ref=${ref} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${id}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${onClose} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${missing ? html`<div class="banner error">${missing}</div>` : null}
    ${
    !t ? (missing ? null : html`<div class="muted pad">Loading…</div>`) : html`
      <div class="drawer-body">
        <h1 class="task-title">${t.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${t.status}`}>${COLUMN_TITLES[t.status]}</span>
          <span class="pill">${t.assignee ? `@${t.assignee}` : "unassigned"}</span>
          ${t.priority ? html`<span class="pill prio">P${t.priority}</span>` : null}
          ${t.tenant ? html`<span class="pill tenant">${t.tenant}</span>` : null}
          ${t.skills.map((s) => html`<span class="pill">${s}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${movesFor(t.status).map((to) =>
            html`<button class=${`move move-${to}`} onClick=${() => onMove(t, to)}>${
              to === "archived" ? "Archive" : `→ ${COLUMN_TITLES[to]}`
            }</button>`
          )}
        </div>
        <${Diagnostics} task=${t} version=${version + own} onDone=${() => setOwn((n) => n + 1)}
          onError=${onError} onComment=${() =>
            ref.current?.querySelector<HTMLTextAreaElement>("textarea[name=comment]")?.focus()} />
        <section class="md">${t.body
          ? (markdown ? renderMarkdown(t.body) : html`<pre class="plain">${t.body}</pre>`)
          : html`<p class="muted">No description.</p>`}</section>
        ${t.result
          ? html`
            <section>
              <h3>Result</h3>
              <div class="md">${renderMarkdown(t.result)}</div>
            </section>
          `
          : null}
        ${t.last_failure_error
          ? html`<div class="banner warning">Last failure (${t.consecutive_failures}): ${t.last_failure_error}</div>`
          : null}
        ${t.status === "scheduled"
          ? html`<div class="banner info">${
            detail!.scheduled_until === null
              ? "Scheduled without a time: it waits until someone moves it on."
              : `Scheduled: becomes ready at ${when(detail!.scheduled_until)}.`
          }</div>`
          : null}
        ${t.block_recurrences > 0
          ? html`
            <div
              class="banner warning">Blocked ${t.block_recurrences} time(s) for ${t.block_kind ??
                "an untyped reason"} since it last completed${t.status === "triage"
                ? ": in triage for a person to decide"
                : ""}.</div>
          `
          : null}
        <dl class="details">
          <dt>Created</dt><dd>${when(t.created_at)}${t.created_by ? ` by ${t.created_by}` : ""}</dd>
          <dt>Started</dt><dd>${when(t.started_at)}</dd>
          <dt>Completed</dt><dd>${when(t.completed_at)}</dd>
          <dt>Workspace</dt><dd>${t.workspace_kind}${t.workspace_path
            ? `: ${t.workspace_path}`
            : ""}</dd>
          <dt>Max runtime</dt><dd>${t.max_runtime_seconds === null
            ? "default"
            : duration(t.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${t.max_retries ?? "default"}</dd>
        </dl>
        <div class="two">
          <${Refs} title="Parents" refs=${detail!.parents} onOpen=${onOpen} />
          <${Refs} title="Children" refs=${detail!.children} onOpen=${onOpen} />
        </div>
        <section>
          <h3>Comments <span class="count">${detail!.comments.length}</span></h3>
          <ul class="comments">
            ${detail!.comments.map((c) =>
              html`
                <li>
                  <div class="comment-head"><strong>${c.author}</strong><span class="muted">${when(
                    c.created_at,
                  )}</span></div>
                  <div class="md">${renderMarkdown(c.body)}</div>
                </li>
              `
            )}
          </ul>
          <form class="comment-form" onSubmit=${addComment}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${comment}
              onInput=${(e: Event) => setComment((e.target as HTMLTextAreaElement).value)}
              onKeyDown=${(e: KeyboardEvent) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) addComment(e);
              }}></textarea>
            <button type="submit" class="primary" disabled=${!comment.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${detail!.runs.length}</span></h3>
          ${detail!.runs.length === 0
            ? html`<div class="muted">Not run yet.</div>`
            : html`<ul class="runs">${
              [...detail!.runs].reverse().map((r) =>
                html`<${RunItem} key=${r.id} taskId=${t.id} run=${r} version=${version} />`
              )
            }</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...detail!.events].reverse().slice(0, 50).map((e) =>
              html`<li><span class="ev-kind">${e.kind}</span><span class="ev-text">${
                eventText(e)
              }</span><span class="muted">${when(e.created_at)}</span></li>`
            )}
          </ol>
        </section>
      </div>
    `
  }
  </aside>`;
}
