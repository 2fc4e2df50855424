/// <reference lib="dom" />
/** Modal dialogs: confirming a move (with a reason for blocks) and creating a task. */

import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api.ts";
import { UsageError } from "../../lib/board/errors.ts";
import { parseDuration } from "../../lib/board/validate.ts";
import { html } from "./html.ts";
import type { Task } from "./types.ts";

/** A modal frame that closes on Escape and keeps focus inside. */
function Modal(
  { title, onClose, children }: { title: string; onClose: () => void; children: unknown },
) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus the first field, or else the confirming button (so Enter confirms, Esc cancels).
    const first = ref.current?.querySelector<HTMLElement>("input, textarea, select") ??
      ref.current?.querySelector<HTMLElement>("button[type=submit]");
    first?.focus();
    const key = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        onClose();
      }
    };
    addEventListener("keydown", key, true);
    return () => removeEventListener("keydown", key, true);
  }, []);
  return html`
    <div class="backdrop" onClick=${(e: MouseEvent) => e.target === e.currentTarget && onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${title} ref=${ref}>
          <h2>${title}</h2>
          ${children}
        </div>
    </div>
  `;
}

/** What a confirmation asks. */
export interface ConfirmRequest {
  title: string;
  text: string;
  action: string;
  /** Ask for a reason (blocking), optional. */
  reason?: boolean;
  onConfirm: (reason: string) => void;
}

/** Confirm a move; optionally with a reason. */
export function ConfirmDialog({ req, onClose }: { req: ConfirmRequest; onClose: () => void }) {
  const [reason, setReason] = useState("");
  return html`
    <${Modal} title=${req.title} onClose=${onClose}>
      <form onSubmit=${(e: Event) => {
        e.preventDefault();
        req.onConfirm(reason);
        onClose();
      }}>
          <p>${req.text}</p>
          ${req.reason
            ? html`<label>Reason<input name="reason" value=${reason} onInput=${(e: Event) =>
              setReason(
                (e.target as HTMLInputElement).value,
              )} placeholder="what is needed to go on" /></label>`
            : null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${onClose}>Cancel</button>
            <button type="submit" class="primary">${req.action}</button>
          </div>
        </form>
      <//>
  `;
}

/** The create form: every field `hermes kanban create` has. */
export function CreateDialog(
  { assignees, tenants, defaultTenant, onClose, onCreated }: {
    assignees: string[];
    tenants: string[];
    defaultTenant: string;
    onClose: () => void;
    onCreated: (task: Task, warning: string | null) => void;
  },
) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [workspace, setWorkspace] = useState("scratch");
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const body: Record<string, unknown> = {
      title: text("title"),
      body: text("body") || null,
      assignee: text("assignee") || null,
      tenant: text("tenant") || null,
      priority: text("priority") ? Number(text("priority")) : 0,
      triage: f.get("triage") === "on",
      workspace_kind: workspace,
      workspace_path: workspace === "dir" ? text("workspace_path") || null : null,
      parents: text("parents").split(/[\s,]+/).filter(Boolean),
      skills: text("skills")
        ? text("skills").split(",").map((s) => s.trim()).filter(Boolean)
        : null,
      idempotency_key: text("idempotency_key") || null,
      created_by: text("created_by") || null,
    };
    if (text("max_runtime")) {
      try {
        body.max_runtime_seconds = parseDuration("Max runtime", text("max_runtime"));
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        setError(err.message);
        return;
      }
    }
    if (text("max_retries")) body.max_retries = Number(text("max_retries"));
    if (!Number.isInteger(body.priority)) {
      setError("Priority must be a whole number");
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ task: Task; warning?: string }>("POST", "/tasks", body);
      onCreated(res.task, res.warning ?? null);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return html`
    <${Modal} title="New task" onClose=${onClose}>
      <form class="create" onSubmit=${submit}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${assignees.map((a) =>
            html`<option value=${a} />`
          )}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${defaultTenant} /></label>
          <datalist id="tenant-list">${tenants.map((t) => html`<option value=${t} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${workspace} onChange=${(e: Event) =>
              setWorkspace((e.target as HTMLSelectElement).value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${workspace === "dir"
            ? html`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`
            : null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${error ? html`<div class="form-error wide" role="alert">${error}</div>` : null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${onClose}>Cancel</button>
            <button type="submit" class="primary" disabled=${busy}>Create task</button>
          </div>
        </form>
      <//>
  `;
}
