/**
 * A small, safe markdown renderer for task bodies and comments. It builds Preact vnodes, never
 * HTML strings: every piece of text becomes a text node, so markup in a task body (which may
 * come from an agent) is shown, not run. Supported: headings, paragraphs, fenced and inline
 * code, bold, italics, strike-through, bullet and numbered lists, block quotes, rules, and
 * links to http(s) and mailto addresses only. Hand-written on purpose: a general markdown
 * library emits HTML that would then need a sanitiser; this subset cannot produce markup.
 */

import { h, type VNode } from "preact";

// deno-lint-ignore no-explicit-any
type Node = VNode<any>;
type Child = Node | string;

/** Only these URL schemes become links; anything else stays plain text. */
export function safeHref(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "mailto:"
    ? u.href
    : null;
}

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|~~([\s\S]+?)~~|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Render inline markdown (code, emphasis, links) to vnodes. */
export function renderInline(text: string, depth = 0): Child[] {
  if (depth > 4) return [text];
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    last = at + m[0].length;
    if (m[1] !== undefined) out.push(h("code", null, m[2]));
    else if (m[3] !== undefined) out.push(h("strong", null, ...renderInline(m[3], depth + 1)));
    else if (m[4] !== undefined) out.push(h("del", null, ...renderInline(m[4], depth + 1)));
    else if (m[5] !== undefined) out.push(h("em", null, ...renderInline(m[5], depth + 1)));
    else if (m[6] !== undefined) {
      const href = safeHref(m[7]);
      out.push(
        href
          ? h(
            "a",
            { href, target: "_blank", rel: "noopener noreferrer nofollow" },
            ...renderInline(m[6], depth + 1),
          )
          : m[0],
      );
    } else if (m[8] !== undefined) {
      const href = safeHref(m[8]);
      out.push(
        href ? h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, m[8]) : m[8],
      );
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const FENCE = /^\s*(```|~~~)(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;

/** Render markdown text to a list of block vnodes. */
export function renderMarkdown(text: string, depth = 0): Node[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: Node[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      const lang = fence[2].trim().split(/\s+/)[0];
      out.push(h("pre", lang ? { "data-lang": lang } : null, h("code", null, body.join("\n"))));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(h(`h${Math.min(6, heading[1].length + 2)}`, null, ...renderInline(heading[2])));
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push(h("hr", null));
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) body.push(QUOTE.exec(lines[i++])![1]);
      out.push(
        h(
          "blockquote",
          null,
          ...(depth < 3 ? renderMarkdown(body.join("\n"), depth + 1) : [body.join("\n")]),
        ),
      );
      continue;
    }
    const ordered = NUMBERED.exec(line);
    if (BULLET.test(line) || ordered) {
      const re = ordered ? NUMBERED : BULLET;
      const items: Child[][] = [];
      while (i < lines.length && re.test(lines[i])) {
        const m = re.exec(lines[i++])!;
        let item = ordered ? m[2] : m[1];
        // Continuation lines indented under the item belong to it.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !re.test(lines[i])) {
          item += " " + lines[i++].trim();
        }
        items.push(renderInline(item));
      }
      const start = ordered ? Number(ordered[1]) : 1;
      out.push(
        h(
          ordered ? "ol" : "ul",
          ordered && start !== 1 ? { start } : null,
          ...items.map((c) => h("li", null, ...c)),
        ),
      );
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length && lines[i].trim() !== "" && !FENCE.test(lines[i]) &&
      !HEADING.test(lines[i]) && !QUOTE.test(lines[i]) && !BULLET.test(lines[i]) &&
      !NUMBERED.test(lines[i]) && !RULE.test(lines[i])
    ) para.push(lines[i++].trim());
    out.push(h("p", null, ...renderInline(para.join(" "))));
  }
  return out;
}
