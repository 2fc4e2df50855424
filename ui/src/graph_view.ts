/// <reference lib="dom" />
/** The dependency graph: tasks with links, in layers from roots to leaves, drawn as SVG. */

import { useEffect, useState } from "preact/hooks";
import { api } from "./api.ts";
import { html } from "./html.ts";
import type { Card } from "./types.ts";

const W = 210;
const H = 52;
const GAP_X = 70;
const GAP_Y = 18;
/** Most nodes drawn; a graph larger than this is unreadable anyway. */
const MAX_NODES = 400;

interface Placed {
  card: Card;
  x: number;
  y: number;
}

/** Layer each node by its longest path from a root (cycles cannot exist: links refuse them). */
export function layout(
  cards: Card[],
  links: Array<{ parent_id: string; child_id: string }>,
): { nodes: Placed[]; edges: Array<[Placed, Placed]>; width: number; height: number } {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const edges = links.filter((l) => byId.has(l.parent_id) && byId.has(l.child_id));
  const linked = new Set(edges.flatMap((l) => [l.parent_id, l.child_id]));
  const ids = [...linked].slice(0, MAX_NODES);
  const keep = new Set(ids);
  const parents = new Map<string, string[]>();
  for (const l of edges) {
    if (!keep.has(l.parent_id) || !keep.has(l.child_id)) continue;
    parents.set(l.child_id, [...(parents.get(l.child_id) ?? []), l.parent_id]);
  }
  const level = new Map<string, number>();
  const depth = (id: string, guard = 0): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (guard > MAX_NODES) return 0;
    const ps = parents.get(id) ?? [];
    const d = ps.length ? 1 + Math.max(...ps.map((p) => depth(p, guard + 1))) : 0;
    level.set(id, d);
    return d;
  };
  const layers: string[][] = [];
  for (const id of ids) (layers[depth(id)] ??= []).push(id);
  const placed = new Map<string, Placed>();
  layers.forEach((layer, x) => {
    layer.sort((a, b) => byId.get(a)!.created_at - byId.get(b)!.created_at);
    layer.forEach((id, y) => {
      placed.set(id, { card: byId.get(id)!, x: 20 + x * (W + GAP_X), y: 20 + y * (H + GAP_Y) });
    });
  });
  const tallest = Math.max(0, ...layers.map((l) => l.length));
  return {
    nodes: [...placed.values()],
    edges: edges.filter((l) => placed.has(l.parent_id) && placed.has(l.child_id))
      .map((l) => [placed.get(l.parent_id)!, placed.get(l.child_id)!]),
    width: 40 + layers.length * (W + GAP_X) - GAP_X,
    height: 40 + tallest * (H + GAP_Y) - GAP_Y,
  };
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

/** The graph view of the (filtered) cards. `version` moves when the board changed. */
export function GraphView(
  { cards, version, onOpen }: { cards: Card[]; version: number; onOpen: (id: string) => void },
) {
  const [links, setLinks] = useState<Array<{ parent_id: string; child_id: string }> | null>(null);
  useEffect(() => {
    api<{ links: Array<{ parent_id: string; child_id: string }> }>("GET", "/links")
      .then((r) => setLinks(r.links)).catch(() => setLinks([]));
  }, [version]);
  if (!links) return html`<div class="muted pad">Loading…</div>`;
  const g = layout(cards, links);
  if (g.nodes.length === 0) {
    return html`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `;
  }
  return html`
    <div class="graph-wrap">
      <svg class="graph" width=${g.width} height=${g
        .height} viewBox=${`0 0 ${g.width} ${g.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${g.edges.map(([a, b]) => {
            const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
            const mx = (x1 + x2) / 2;
            return html`<path class="edge" d=${`M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${
              x2 - 2
            } ${y2}`} marker-end="url(#arrow)" />`;
          })}
          ${g.nodes.map((n) =>
            html`
              <g class=${`node st-${n.card.status}`} transform=${`translate(${n.x},${n.y})`} tabindex="0" role="button"
                aria-label=${n.card.title} onClick=${() => onOpen(n.card.id)}
                onKeyDown=${(e: KeyboardEvent) => e.key === "Enter" && onOpen(n.card.id)}>
                <rect width=${W} height=${H} rx="10" />
                <rect class="bar" width="5" height=${H} rx="2" />
                <text x="14" y="21" class="node-title">${clip(n.card.title, 26)}</text>
                <text x="14" y="39" class="node-meta">${n.card.id} · ${n.card
                  .status}${n.card.assignee ? ` · @${clip(n.card.assignee, 12)}` : ""}</text>
              </g>
            `
          )}
        </svg>
    </div>
  `;
}
