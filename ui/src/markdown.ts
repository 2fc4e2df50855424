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

const LINK_ATTRS = { target: "_blank", rel: "noopener noreferrer nofollow" };
const AUTOLINK_END = /[\s<>()]/;
const TRAILING_PUNCT = ".,;:!?'\"";

/**
 * Finds the next occurrence of a needle at or after a position, remembering the answer: the
 * scan only moves forward, so each character is looked at once per needle and a run of
 * unclosed openers (`[[[[…`, `**a **a …`) costs linear time instead of a rescan per opener.
 */
class Finder {
  #from = -1;
  #at = -1;
  constructor(readonly text: string, readonly find: (from: number) => number) {}
  next(from: number): number {
    if (from >= this.#from && (this.#at === -1 ? this.#from !== -1 : from <= this.#at)) {
      return this.#at === -1 ? -1 : this.#at;
    }
    this.#from = from;
    this.#at = this.find(from);
    return this.#at;
  }
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
}

/** Render inline markdown (code, emphasis, links) to vnodes, in time linear in the text. */
export function renderInline(text: string, depth = 0): Child[] {
  if (depth > 4) return [text];
  const n = text.length;
  const idx = (needle: string) => new Finder(text, (from) => text.indexOf(needle, from));
  const strong = idx("**");
  const strike = idx("~~");
  const star = idx("*");
  const close = idx("]");
  const paren = idx(")");
  const newline = idx("\n");
  const space = new Finder(text, (from) => {
    for (let i = from; i < n; i++) if (isSpace(text[i])) return i;
    return -1;
  });
  // Backtick runs by length, in order, with a cursor each: a code span closes at the next run
  // of the same length.
  const runs = new Map<number, { starts: number[]; next: number }>();
  for (let i = 0; i < n;) {
    if (text[i] !== "`") {
      i++;
      continue;
    }
    let j = i;
    while (j < n && text[j] === "`") j++;
    const r = runs.get(j - i) ?? { starts: [], next: 0 };
    r.starts.push(i);
    runs.set(j - i, r);
    i = j;
  }
  const out: Child[] = [];
  let plain = 0; // start of the text not yet emitted
  let p = 0;
  const emit = (upTo: number) => {
    if (upTo > plain) out.push(text.slice(plain, upTo));
  };
  while (p < n) {
    const c = text[p];
    if (c === "`") {
      let j = p;
      while (j < n && text[j] === "`") j++;
      const r = runs.get(j - p);
      if (!r) {
        p = j;
        continue;
      }
      while (r.next < r.starts.length && r.starts[r.next] <= p) r.next++;
      if (r.next < r.starts.length) {
        const end = r.starts[r.next];
        emit(p);
        out.push(h("code", null, text.slice(j, end)));
        p = end + (j - p);
        plain = p;
      } else p = j;
      continue;
    }
    if (c === "*" && text[p + 1] === "*") {
      const end = strong.next(p + 2);
      if (end > p + 2) {
        emit(p);
        out.push(h("strong", null, renderInline(text.slice(p + 2, end), depth + 1)));
        p = end + 2;
        plain = p;
        continue;
      }
    }
    if (c === "~" && text[p + 1] === "~") {
      const end = strike.next(p + 2);
      if (end > p + 2) {
        emit(p);
        out.push(h("del", null, renderInline(text.slice(p + 2, end), depth + 1)));
        p = end + 2;
        plain = p;
        continue;
      }
    }
    if (c === "*" && text[p + 1] !== undefined && text[p + 1] !== "*" && !isSpace(text[p + 1])) {
      const end = star.next(p + 1);
      if (end > p && !isSpace(text[end - 1])) {
        emit(p);
        out.push(h("em", null, renderInline(text.slice(p + 1, end), depth + 1)));
        p = end + 1;
        plain = p;
        continue;
      }
    }
    if (c === "[") {
      const end = close.next(p + 1);
      const nl = newline.next(p + 1);
      if (end > p + 1 && (nl === -1 || nl > end) && text[end + 1] === "(") {
        const rp = paren.next(end + 2);
        const ws = space.next(end + 2);
        if (rp > end + 2 && (ws === -1 || ws > rp)) {
          const href = safeHref(text.slice(end + 2, rp));
          if (href) {
            emit(p);
            out.push(
              h("a", { href, ...LINK_ATTRS }, renderInline(text.slice(p + 1, end), depth + 1)),
            );
            p = rp + 1;
            plain = p;
            continue;
          }
        }
      }
    }
    if (c === "h" && (text.startsWith("http://", p) || text.startsWith("https://", p))) {
      let j = p;
      while (j < n && !AUTOLINK_END.test(text[j])) j++;
      while (j > p && TRAILING_PUNCT.includes(text[j - 1])) j--;
      const href = j > p ? safeHref(text.slice(p, j)) : null;
      if (href && j > text.indexOf("//", p) + 2) {
        emit(p);
        out.push(h("a", { href, ...LINK_ATTRS }, text.slice(p, j)));
        p = j;
        plain = p;
        continue;
      }
      // Not a link: what was scanned stays text, and is not scanned again.
      p = Math.max(p + 1, j);
      continue;
    }
    p++;
  }
  emit(n);
  return out;
}

const FENCE = /^\s*(```|~~~)(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;

/** A thematic break: three or more of one of `-`, `*`, `_`, spaces allowed between. */
function isRule(line: string): boolean {
  const s = line.replace(/\s/g, "");
  if (s.length < 3 || !"-*_".includes(s[0])) return false;
  for (let i = 1; i < s.length; i++) if (s[i] !== s[0]) return false;
  return true;
}

/** A heading's text without its closing `#`s (scanned from the end, no backtracking regex). */
function headingText(raw: string): string {
  let s = raw.trimEnd();
  let end = s.length;
  while (end > 0 && s[end - 1] === "#") end--;
  if (end === 0 || isSpace(s[end - 1])) s = s.slice(0, end);
  return s.trimEnd();
}

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
      out.push(
        h(`h${Math.min(6, heading[1].length + 2)}`, null, renderInline(headingText(heading[2]))),
      );
      i++;
      continue;
    }
    if (isRule(line)) {
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
          depth < 3 ? renderMarkdown(body.join("\n"), depth + 1) : [body.join("\n")],
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
          items.map((c) => h("li", null, c)),
        ),
      );
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length && lines[i].trim() !== "" && !FENCE.test(lines[i]) &&
      !HEADING.test(lines[i]) && !QUOTE.test(lines[i]) && !BULLET.test(lines[i]) &&
      !NUMBERED.test(lines[i]) && !isRule(lines[i])
    ) para.push(lines[i++].trim());
    out.push(h("p", null, renderInline(para.join(" "))));
  }
  return out;
}
