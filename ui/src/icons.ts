/** Tiny inline SVG icons (no icon font, no emoji: they render the same everywhere). */
import { html } from "./html.ts";

const svg = (d: string) =>
  html`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${d} />
    </svg>
  `;

/** A speech bubble. */
export const CommentIcon = () => svg("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z");
/** Two linked nodes (dependencies). */
export const LinkIcon = () => svg("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2");
/** A check mark (children done). */
export const CheckIcon = () => svg("M3 8.5l3 3 7-7");
