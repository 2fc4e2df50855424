/** The committed web-board bundle is what `deno task build:ui` makes from ui/src today. */

import { equal, ok } from "../support/assert.ts";
import { renderMarkdown, safeHref } from "../../ui/src/markdown.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("ui bundle in ui/dist is up to date with ui/src (run 'deno task build:ui')", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const task: string = config.tasks["build:ui"];
  ok(task.startsWith("deno bundle "), task);
  const out = await Deno.makeTempDir({ prefix: "hermes-ui-" });
  try {
    const args = task.slice("deno ".length).split(/\s+/)
      .map((a) => a === "ui/dist/app.js" ? `${out}/app.js` : a);
    const res = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stderr: "piped" })
      .output();
    equal(res.code, 0, new TextDecoder().decode(res.stderr));
    const fresh = await Deno.readTextFile(`${out}/app.js`);
    const committed = await Deno.readTextFile(`${ROOT}ui/dist/app.js`);
    ok(
      fresh === committed,
      "ui/dist/app.js is stale: run 'deno task build:ui' and commit the result",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

/** Flatten vnodes to [tag, props, text] for assertions. */
function flat(node: unknown): string {
  if (typeof node === "string") return node.replace(/</g, "&lt;");
  if (Array.isArray(node)) return node.map(flat).join("");
  const n = node as { type: string; props: Record<string, unknown> };
  const attrs = Object.entries(n.props).filter(([k]) => k !== "children")
    .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join("");
  return `<${n.type}${attrs}>${flat(n.props.children ?? [])}</${n.type}>`;
}

Deno.test("markdown renders a safe subset and never turns text into markup", () => {
  const out = flat(renderMarkdown([
    "## Title",
    "Some **bold**, *em* and `code` <b>not bold</b>",
    "[ok](https://example.com) [bad](javascript:alert(1)) [data](data:text/html,x)",
    "- a",
    "- b",
    "```",
    "<script>x</script>",
    "```",
  ].join("\n")));
  equal(
    out,
    "<h4>Title</h4>" +
      "<p>Some <strong>bold</strong>, <em>em</em> and <code>code</code> &lt;b>not bold&lt;/b> " +
      '<a href="https://example.com/" target="_blank" rel="noopener noreferrer nofollow">ok</a> ' +
      "[bad](javascript:alert(1)) [data](data:text/html,x)</p>" +
      "<ul><li>a</li><li>b</li></ul>" +
      "<pre><code>&lt;script>x&lt;/script></code></pre>",
  );
  equal(safeHref("javascript:alert(1)"), null);
  equal(safeHref("mailto:a@b.c"), "mailto:a@b.c");
});

/** Adversarial comment shapes: unclosed openers and runs that make a backtracking parser rescan. */
const ADVERSARIAL: ((n: number) => string)[] = [
  (n) => "*a ".repeat(n / 3),
  (n) => "**a ".repeat(n / 4),
  (n) => "~~a ".repeat(n / 4),
  (n) => "[a".repeat(n / 2) + "]",
  (n) => "[a](".repeat(n / 4),
  (n) => "``" + "`a".repeat(n / 2),
  (n) => "*".repeat(n),
  (n) => "*a" + " ".repeat(n) + "b",
  (n) => "# a" + " ".repeat(n) + "x",
  (n) => "http://[".repeat(n / 8),
  (n) => "- - " + " ".repeat(n) + "x",
  (n) => "*".repeat(n / 2) + "a".repeat(n / 2),
  (n) => "> ".repeat(n / 2),
];

/** Fastest of a few renders, in ms (the minimum filters out a GC pause or a busy neighbour). */
function renderMs(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    renderMarkdown(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

Deno.test("markdown renders adversarial text in linear time: 16x the input costs far less than 256x (quadratic)", () => {
  const small = 64 * 1024;
  const big = 16 * small; // 1 MiB
  for (const [i, make] of ADVERSARIAL.entries()) {
    const a = make(small);
    const b = make(big);
    // Linear work gives about 16; quadratic about 256. 100 leaves room for a loaded machine (81
    // was seen with eight test processes on two cores), and the best of five tries for a
    // collection or a busy neighbour landing on one measurement.
    // A floor of 1 ms keeps timer resolution from inflating the ratio of very fast renders.
    let ratio = Infinity;
    for (let attempt = 0; attempt < 5 && ratio >= 100; attempt++) {
      ratio = Math.min(ratio, renderMs(b) / Math.max(1, renderMs(a)));
    }
    ok(ratio < 100, `shape ${i}: 16x the input took ${ratio.toFixed(1)}x the time`);
  }
});

Deno.test("markdown keeps its inline rules: code, emphasis, strike, links, autolinks", () => {
  equal(
    flat(renderMarkdown("``a`b`` **x *y* z** ~~s~~ [t](http://e.com/p) see https://e.com/x.")),
    "<p><code>a`b</code> <strong>x <em>y</em> z</strong> <del>s</del> " +
      '<a href="http://e.com/p" target="_blank" rel="noopener noreferrer nofollow">t</a> see ' +
      '<a href="https://e.com/x" target="_blank" rel="noopener noreferrer nofollow">https://e.com/x</a>.</p>',
  );
  equal(flat(renderMarkdown("# Title ##")), "<h3>Title</h3>");
  equal(flat(renderMarkdown("a * b * c **open")), "<p>a * b * c **open</p>");
  equal(flat(renderMarkdown("- - -")), "<hr></hr>");
});
