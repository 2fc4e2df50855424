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
