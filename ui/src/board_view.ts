/// <reference lib="dom" />
/** The board: one column per status, cards that open the drawer and move by drag and drop. */

import { useEffect, useState } from "preact/hooks";
import { allowedMoves, moveRule } from "../../lib/board/rulebook.ts";
import { age, COLUMN_TITLES, duration, STALE, when } from "./format.ts";
import { html } from "./html.ts";
import { CheckIcon, CommentIcon, LinkIcon } from "./icons.ts";
import type { Card, Status } from "./types.ts";

/** Seconds between the server's clock and ours (cards count with the server's time). */
let skew = 0;

/** Remember the server's time from a board response. */
export function setServerNow(now: number): void {
  skew = now - Date.now() / 1000;
}

/** Now, on the server's clock, in unix seconds. */
export function serverNow(): number {
  return Date.now() / 1000 + skew;
}

/** A live "running for 1m 20s" counter. */
function Elapsed({ since }: { since: number }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  return html`<span class="elapsed">${duration(serverNow() - since)}</span>`;
}

function staleness(c: Card): "" | "stale-1" | "stale-2" {
  const limits = STALE[c.status];
  if (!limits) return "";
  const a = c.status === "running" && c.run_started_at !== null
    ? serverNow() - c.run_started_at
    : c.age.created_age_seconds ?? 0;
  return a >= limits[1] ? "stale-2" : a >= limits[0] ? "stale-1" : "";
}

/** The card being dragged (dataTransfer cannot be read during dragover). */
let dragging: Card | null = null;

function CardView(
  { card, onOpen, selected }: { card: Card; onOpen: (id: string) => void; selected: boolean },
) {
  const c = card;
  const deps = c.link_counts.parents + c.link_counts.children;
  return html`
    <article
      class=${`card status-${c.status} ${staleness(c)} ${selected ? "selected" : ""}`}
      tabindex="0"
      draggable="true"
      data-id=${c.id}
      aria-label=${`${c.title}, ${COLUMN_TITLES[c.status]}`}
      onClick=${() => onOpen(c.id)}
      onKeyDown=${(e: KeyboardEvent) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onOpen(c.id);
        }
      }}
      onDragStart=${(e: DragEvent) => {
        dragging = c;
        e.dataTransfer?.setData("text/x-hermes-task", c.id);
        e.dataTransfer?.setData("text/plain", c.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
      }}
      onDragEnd=${() => (dragging = null)}
    >
      <div class="card-top">
          <span class="card-id">${c.id}</span>
          ${c.priority !== 0
            ? html`<span class="pill prio" title="priority">P${c.priority}</span>`
            : null}
          ${c.tenant ? html`<span class="pill tenant" title="tenant">${c.tenant}</span>` : null}
          ${c.status === "scheduled" && c.scheduled_until !== null
            ? html`<span class="pill due" title=${`becomes ready at ${when(c.scheduled_until)}`}>${
              c.scheduled_until > serverNow()
                ? `in ${duration(c.scheduled_until - serverNow())}`
                : "due"
            }</span>`
            : null}
        </div>
      <div class="card-title">${c.title}</div>
      <div class="card-meta">
          ${c.status === "running"
            ? html`<span class="running" title="running"><span class="pulse"></span>${
              c.run_started_at !== null ? html`<${Elapsed} since=${c.run_started_at} />` : "running"
            }</span>`
            : null}
          <span class=${c.assignee ? "assignee" : "assignee none"}>${c.assignee
            ? `@${c.assignee}`
            : "unassigned"}</span>
          <span class="spacer"></span>
          ${deps
            ? html`<span class="meta-item" title=${`${c.link_counts.parents} parent(s), ${c.link_counts.children} child(ren)`}><${LinkIcon} />${deps}</span>`
            : null}
          ${c.progress
            ? html`<span class="meta-item" title="children done"><${CheckIcon} />${c.progress.done}/${c.progress.total}</span>`
            : null}
          ${c.comment_count
            ? html`<span class="meta-item" title="comments"><${CommentIcon} />${c.comment_count}</span>`
            : null}
          <span class="meta-item age" title="age">${age(c.age.created_age_seconds)}</span>
        </div>
    </article>
  `;
}

/** Page size of a column: more cards load on demand so big boards stay quick. */
const PAGE = 60;

function Column(
  { name, cards, onOpen, onMove, selected }: {
    name: Status;
    cards: Card[];
    onOpen: (id: string) => void;
    onMove: (card: Card, to: Status) => void;
    selected: string | null;
  },
) {
  const [limit, setLimit] = useState(PAGE);
  const [hint, setHint] = useState<"" | "ok" | "no">("");
  const [why, setWhy] = useState("");
  return html`
    <section
      class=${`column col-${name} ${hint ? `drop-${hint}` : ""}`}
      data-status=${name}
      onDragOver=${(e: DragEvent) => {
        if (!dragging || dragging.status === name) return;
        const rule = moveRule(dragging.id, dragging.status, name);
        if (typeof rule !== "string") {
          setHint("no");
          setWhy(rule.message);
          return;
        }
        e.preventDefault();
        setHint("ok");
      }}
      onDragLeave=${() => {
        setHint("");
        setWhy("");
      }}
      onDrop=${(e: DragEvent) => {
        e.preventDefault();
        setHint("");
        setWhy("");
        if (dragging && dragging.status !== name) onMove(dragging, name);
        dragging = null;
      }}
    >
        <header class="column-head">
          <span class=${`dot dot-${name}`}></span>
          <h2>${COLUMN_TITLES[name]}</h2>
          <span class="count">${cards.length}</span>
        </header>
        ${hint === "no" ? html`<div class="drop-why" role="status">${why}</div>` : null}
        <div class="cards">
          ${cards.slice(0, limit).map((c) =>
            html`<${CardView} key=${c.id} card=${c} onOpen=${onOpen} selected=${
              selected === c.id
            } />`
          )}
          ${cards.length > limit
            ? html`<button class="more" onClick=${() => setLimit(limit + PAGE)}>Show ${
              Math.min(PAGE, cards.length - limit)
            } more of ${cards.length - limit}</button>`
            : null}
          ${cards.length === 0 ? html`<div class="empty">No tasks</div>` : null}
        </div>
      </section>
  `;
}

/** The board's columns. */
export function BoardView(
  { columns, onOpen, onMove, selected }: {
    columns: Array<{ name: Status; tasks: Card[] }>;
    onOpen: (id: string) => void;
    onMove: (card: Card, to: Status) => void;
    selected: string | null;
  },
) {
  return html`<div class="board">
    ${
    columns.map((col) =>
      html`
        <${Column} key=${col.name} name=${col.name} cards=${col.tasks} onOpen=${onOpen}
          onMove=${onMove} selected=${selected} />
      `
    )
  }
  </div>`;
}

/** Statuses a card may move to (drawer buttons): the rulebook's answer. */
export function movesFor(status: Status): Status[] {
  return allowedMoves(status);
}
