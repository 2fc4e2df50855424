/**
 * Runs headless Chromium through playwright-core in its own process and obeys JSON-line
 * commands on stdin. playwright-core needs permissions the test runner does not grant
 * (it reads the home directory at import), so the browser side lives here, started by
 * tests/browser/browser_support.ts with exactly the flags it needs.
 */

import { chromium } from "playwright-core";

const executablePath = Deno.args[0];
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
const consoleErrors: string[] = [];
page.on("console", (m) => {
  if (m.type() === "error") consoleErrors.push(m.text());
});
page.on("pageerror", (e) => consoleErrors.push(String(e)));

type Args = unknown[];
const ops: Record<string, (...a: Args) => Promise<unknown>> = {
  goto: async (url) => {
    await page.goto(String(url));
    return page.url();
  },
  click: (sel) => page.click(String(sel), { timeout: 10_000 }),
  /** Click with modifier keys held ("Shift", "Control", "Meta"). */
  clickWith: (sel, mods) =>
    page.click(String(sel), {
      timeout: 10_000,
      modifiers: (mods as ("Shift" | "Control" | "Meta" | "Alt")[]) ?? [],
    }),
  select: (sel, value) => page.selectOption(String(sel), String(value), { timeout: 10_000 }),
  texts: (sel) => page.locator(String(sel)).allTextContents(),
  fill: (sel, v) => page.fill(String(sel), String(v), { timeout: 10_000 }),
  press: (key) => page.keyboard.press(String(key)),
  waitFor: async (sel, timeout) => {
    await page.waitForSelector(String(sel), { timeout: Number(timeout ?? 10_000) });
    return true;
  },
  waitGone: async (sel, timeout) => {
    await page.waitForSelector(String(sel), {
      state: "detached",
      timeout: Number(timeout ?? 10_000),
    });
    return true;
  },
  text: (sel) => page.textContent(String(sel), { timeout: 10_000 }),
  count: (sel) => page.locator(String(sel)).count(),
  eval: (expr) => page.evaluate(String(expr)),
  dragTo: (src, dst) => page.dragAndDrop(String(src), String(dst), { timeout: 10_000 }),
  scheme: (s) => page.emulateMedia({ colorScheme: s as "light" | "dark" }),
  screenshot: async (path) => {
    await page.screenshot({ path: String(path) });
    return path;
  },
  errors: () => Promise.resolve(consoleErrors.splice(0)),
  close: async () => {
    await browser.close();
    return true;
  },
};

const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
let buf = "";
const enc = new TextEncoder();
for await (const chunk of lines) {
  buf += chunk;
  let nl: number;
  while ((nl = buf.indexOf("\n")) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: Args };
    let reply: unknown;
    try {
      const f = ops[op];
      if (!f) throw new Error(`unknown op ${op}`);
      reply = { id, ok: true, value: (await f(...args)) ?? null };
    } catch (e) {
      reply = { id, ok: false, error: String((e as Error).message ?? e).split("\n")[0] };
    }
    await Deno.stdout.write(enc.encode(JSON.stringify(reply) + "\n"));
    if (op === "close") Deno.exit(0);
  }
}
await browser.close();
