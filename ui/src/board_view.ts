/// <reference lib="dom" />
/**
 * The board: one column per status, cards that open the drawer and move by drag and drop, a
 * check box on each card for bulk actions (ctrl/cmd-click toggles, shift-click picks a range),
 * and the running column split into lanes by profile.
 */

import { useEffect, useState } from "preact/hooks";
import { allowedMoves, moveRule } from "../../lib/board/rulebook.ts";
import { age, COLUMN_TITLES, duration, STALE, when } from "./format.ts";
import { html } from "./html.ts";
import { CheckIcon, CommentIcon, LinkIcon } from "./icons.ts";
import type { Card, Status, Warnings } from "./types.ts";

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

/** How a card's pick box or modified click changes the bulk selection. */
export interface Picking {
  /** The ids picked for a bulk action. */
  picked: ReadonlySet<string>;
  /** Ids a bulk action was refused for (marked until the next one). */
  failed: ReadonlySet<string>;
  /** Toggle one card. */
  toggle(id: string): void;
  /** Pick every visible card from the last one picked to this one. */
  range(id: string): void;
  /** Pick every card of a column, or drop them all when all are picked. */
  column(ids: readonly string[]): void;
}

/** A warning badge: the most urgent severity and how many diagnostics. */
function DiagnosticBadge({ w }: { w: Warnings }) {
  const kinds = Object.entries(w.kinds).map(([k, n]) => `${k.replaceAll("_", " ")} ×${n}`);
  return html`<span class=${`diag diag-${w.highest_severity}`} title=${`${w.highest_severity}: ${
    kinds.join(", ")
  }`}>⚠ ${kinds.length}</span>`;
}

function CardView(
  { card, onOpen, selected, picking }: {
    card: Card;
    onOpen: (id: string) => void;
    selected: boolean;
    picking: Picking;
  },
) {
  const c = card;
  const deps = c.link_counts.parents + c.link_counts.children;
  const picked = picking.picked.has(c.id);
  return html`
    <article
      class=${`card status-${c.status} ${staleness(c)} ${selected ? "selected" : ""} ${
        picked ? "picked" : ""
      } ${picking.failed.has(c.id) ? "failed" : ""}`}
      tabindex="0"
      draggable="true"
      data-id=${c.id}
      aria-label=${`${c.title}, ${COLUMN_TITLES[c.status]}`}
      onClick=${(e: MouseEvent) => {
        if (e.shiftKey) picking.range(c.id);
        else if (e.ctrlKey || e.metaKey) picking.toggle(c.id);
        else onOpen(c.id);
      }}
      onKeyDown=${(e: KeyboardEvent) => {
        // Keys on the pick box are the box's own (Space ticks it).
        if (e.target !== e.currentTarget) return;
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
          <input type="checkbox" class="pick" checked=${picked} title="Select for bulk actions"
            aria-label=${`Select ${c.id}`} onClick=${(e: MouseEvent) => {
              e.stopPropagation();
              if (e.shiftKey) picking.range(c.id);
              else picking.toggle(c.id);
            }} />
          <span class="card-id">${c.id}</span>
          ${c.warnings ? html`<${DiagnosticBadge} w=${c.warnings} />` : null}
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

/** The lane name of an unassigned running task. */
const NO_PROFILE = "(unassigned)";

/** Running cards grouped by profile, lanes in name order (unassigned last). */
export function lanesOf(cards: readonly Card[]): Array<{ profile: string; cards: Card[] }> {
  const by = new Map<string, Card[]>();
  for (const c of cards) {
    const k = c.assignee ?? NO_PROFILE;
    by.set(k, [...by.get(k) ?? [], c]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a === NO_PROFILE ? 1 : b === NO_PROFILE ? -1 : a.localeCompare(b))
    .map(([profile, cards]) => ({ profile, cards }));
}

function Column(
  { name, cards, onOpen, onMove, selected, picking, lanes }: {
    name: Status;
    cards: Card[];
    onOpen: (id: string) => void;
    onMove: (card: Card, to: Status) => void;
    selected: string | null;
    picking: Picking;
    /** Split this column into lanes by profile. */
    lanes: boolean;
  },
) {
  const [limit, setLimit] = useState(PAGE);
  const ids = cards.map((c) => c.id);
  const allPicked = ids.length > 0 && ids.every((id) => picking.picked.has(id));
  const cardOf = (c: Card) =>
    html`
      <${CardView} key=${c.id} card=${c} onOpen=${onOpen} selected=${selected === c.id}
        picking=${picking} />
    `;
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
          <input type="checkbox" class="pick-column" checked=${allPicked} disabled=${ids.length ===
            0} title="Select every task in this column" aria-label=${`Select every task in ${
            COLUMN_TITLES[name]
          }`} onClick=${() => picking.column(ids)} />
          <span class=${`dot dot-${name}`}></span>
          <h2>${COLUMN_TITLES[name]}</h2>
          <span class="count">${cards.length}</span>
        </header>
        ${hint === "no" ? html`<div class="drop-why" role="status">${why}</div>` : null}
        <div class="cards">
          ${lanes && cards.length
            ? lanesOf(cards.slice(0, limit)).map((lane) =>
              html`<section class="lane" key=${lane.profile} data-profile=${lane.profile}>
                <header class="lane-head">
                  <span class=${lane.profile === NO_PROFILE ? "lane-name none" : "lane-name"}>${
                lane.profile === NO_PROFILE ? lane.profile : `@${lane.profile}`
              }</span>
                  <span class="count">${lane.cards.length}</span>
                </header>
                ${lane.cards.map(cardOf)}
              </section>`
            )
            : cards.slice(0, limit).map(cardOf)}
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
  { columns, onOpen, onMove, selected, picking, lanes }: {
    columns: Array<{ name: Status; tasks: Card[] }>;
    onOpen: (id: string) => void;
    onMove: (card: Card, to: Status) => void;
    selected: string | null;
    picking: Picking;
    /** Split the running column into lanes by profile. */
    lanes: boolean;
  },
) {
  return html`<div class="board">
    ${
    columns.map((col) =>
      html`
        <${Column} key=${col.name} name=${col.name} cards=${col.tasks} onOpen=${onOpen}
          onMove=${onMove} selected=${selected} picking=${picking}
          lanes=${lanes && col.name === "running"} />
      `
    )
  }
  </div>`;
}

/** Statuses a card may move to (drawer buttons): the rulebook's answer. */
export function movesFor(status: Status): Status[] {
  return allowedMoves(status);
}
