/// <reference lib="dom" />
/** The bulk action bar: shown while cards are picked; acts on all of them at once. */

import { useState } from "preact/hooks";
import { html } from "./html.ts";

/** What the bar asks of the board: a bulk edit (POST /tasks/bulk) and selection changes. */
export interface BulkActions {
  /** Move every picked task to ready (blocked ones are unblocked, running ones stopped). */
  ready(): void;
  /** Complete every picked task (asks first). */
  complete(): void;
  /** Archive every picked task (asks first). */
  archive(): void;
  /** Give every picked task to `assignee` (null unassigns); `reclaim` releases running ones. */
  reassign(assignee: string | null, reclaim: boolean): void;
  selectAllVisible(): void;
  clear(): void;
}

/** The bar: how many are picked, the four actions, select all and clear. */
export function BulkBar(
  { count, assignees, actions, busy }: {
    count: number;
    assignees: string[];
    actions: BulkActions;
    busy: boolean;
  },
) {
  const [assignee, setAssignee] = useState("");
  const [reclaim, setReclaim] = useState(false);
  return html`
    <div class="bulkbar" role="toolbar" aria-label="Bulk actions">
      <span class="bulk-count"><strong>${count}</strong> selected</span>
      <button class="ghost" disabled=${busy} onClick=${actions.ready}
        title="Move the selected tasks to Ready (blocked ones are unblocked; running ones are stopped)">→ Ready</button>
      <button class="ghost" disabled=${busy} onClick=${actions.complete}
        title="Mark the selected tasks done">Complete</button>
      <button class="ghost" disabled=${busy} onClick=${actions.archive}
        title="Archive the selected tasks">Archive</button>
      <span class="bulk-reassign">
        <select aria-label="Reassign to" value=${assignee} onChange=${(e: Event) =>
          setAssignee((e.target as HTMLSelectElement).value)}>
            <option value="">Reassign to…</option>
            <option value="-">(unassign)</option>
            ${assignees.map((a) => html`<option value=${a}>@${a}</option>`)}
          </select>
        <label class="check"
          title="Release the claims of running tasks first (their workers are stopped)">
            <input type="checkbox" name="reclaim_first" checked=${reclaim} onChange=${(e: Event) =>
              setReclaim((e.target as HTMLInputElement).checked)} /> Reclaim first</label>
        <button class="ghost" disabled=${busy || !assignee} onClick=${() => {
          actions.reassign(assignee === "-" ? null : assignee, reclaim);
          setAssignee("");
        }}>Apply</button>
      </span>
      <span class="spacer"></span>
      <button class="link" onClick=${actions.selectAllVisible}>Select all visible</button>
      <button class="link" onClick=${actions.clear} title="Clear the selection (Esc)">Clear</button>
    </div>
  `;
}
