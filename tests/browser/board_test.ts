/**
 * The web board in headless Chromium: create in the page and watch a real shell worker take
 * the card to done, the create warning, live changes from the CLI, refused moves, safe
 * markdown. Screenshots land in $HERMES_SCREENSHOT_DIR (else a temp dir, printed).
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { baseEnv, hermes, hermesArgv } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { startServer, TOKEN } from "../server/server_support.ts";
import { Page } from "./browser_support.ts";

const API = "/api/plugins/kanban";
const SHOTS = Deno.env.get("HERMES_SCREENSHOT_DIR") ??
  await Deno.makeTempDir({ prefix: "hermes-screens-" });
await Deno.mkdir(SHOTS, { recursive: true });

async function shot(page: Page, name: string): Promise<void> {
  const path = `${SHOTS}/${name}.png`;
  await page.call("screenshot", path);
  console.log(`screenshot: ${path}`);
}

const card = (col: string, title: string) =>
  `.col-${col} .card:has(.card-title:text-is(${JSON.stringify(title)}))`;

Deno.test("web board: a task created in the page goes to done as a shell worker runs it", async () => {
  await using s = await startServer();
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}`);
  await page.call("waitFor", ".live-live");
  await page.call("press", "n");
  await page.call("waitFor", ".modal input[name=title]");
  await page.call("fill", ".modal input[name=title]", "say hello");
  await page.call("fill", ".modal input[name=assignee]", "shell");
  await page.call("fill", ".modal textarea[name=body]", "echo 'hello from the board'");
  await page.call("click", ".modal button[type=submit]");
  await page.call("waitFor", card("ready", "say hello"));
  await shot(page, "01-created-ready");
  const run = await hermes(["kanban", "dispatch", "--until-idle"], { env: s.home.env });
  equal(run.code, 0, run.stdout + run.stderr);
  await page.call("waitFor", card("done", "say hello"), 10_000);
  await page.call("click", card("done", "say hello"));
  await page.call("waitFor", ".drawer .run");
  await page.call("click", ".drawer .run button.link");
  await page.call("waitFor", ".drawer pre.log:has-text('hello from the board')");
  await shot(page, "02-done-with-log");
  deepEqual(await page.call("errors"), []);
});

Deno.test("web board: creating a task with no dispatcher shows the warning banner", async () => {
  // The real presence probe: no gateway runs for this home.
  await using s = await startServer({ presence: undefined });
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}`);
  await page.call("waitFor", ".column");
  await page.call("click", "text=+ New task");
  await page.call("fill", ".modal input[name=title]", "waits for a gateway");
  await page.call("fill", ".modal input[name=assignee]", "shell");
  await page.call("click", ".modal button[type=submit]");
  await page.call("waitFor", ".banner.warning");
  const text = String(await page.call("text", ".banner.warning"));
  match(text, /^Task created, but: No gateway is running/);
  match(text, /hermes gateway start/);
  await page.call("waitFor", card("ready", "waits for a gateway"));
  await shot(page, "03-warning-banner");
});

Deno.test("web board: a max runtime past the 100-year cap is refused in the form", async () => {
  await using s = await startServer();
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}`);
  await page.call("waitFor", ".column");
  await page.call("click", "text=+ New task");
  await page.call("fill", ".modal input[name=title]", "forever");
  await page.call("fill", ".modal input[name=max_runtime]", "36501d");
  await page.call("click", ".modal button[type=submit]");
  await page.call("waitFor", ".modal .form-error");
  equal(
    String(await page.call("text", ".modal .form-error")),
    "Max runtime: '36501d' is too long (at most 100 years)",
  );
  const board = await s.call<{ columns: { tasks: unknown[] }[] }>("GET", `${API}/board`);
  equal(board.body.columns.flatMap((c) => c.tasks).length, 0, "nothing was created");
});

Deno.test("web board: changes made from the CLI appear without reloading", async () => {
  await using s = await startServer();
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}`);
  await page.call("waitFor", ".live-live");
  await page.call("eval", "window.__sameDocument = true");
  const c = await hermes(["kanban", "create", "made in a terminal", "--json"], { env: s.home.env });
  equal(c.code, 0, c.stderr);
  const id = c.json<{ id: string }>().id;
  await page.call("waitFor", card("ready", "made in a terminal"), 5000);
  const b = await hermes(["kanban", "block", id, "needs a decision"], { env: s.home.env });
  equal(b.code, 0, b.stderr);
  await page.call("waitFor", card("blocked", "made in a terminal"), 5000);
  equal(await page.call("eval", "window.__sameDocument === true"), true, "no reload happened");
  await page.call("scheme", "dark");
  await shot(page, "04-live-from-cli-dark");
});

Deno.test("web board: refused moves explain why; allowed moves work from the drawer", async () => {
  await using s = await startServer();
  const parent = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, {
    title: "parent step",
  });
  await s.call("POST", `${API}/tasks`, { title: "child step", parents: [parent.body.task.id] });
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}`);
  await page.call("waitFor", card("todo", "child step"));
  await page.call("dragTo", card("todo", "child step"), ".col-ready");
  await page.call("waitFor", ".banner.error");
  match(String(await page.call("text", ".banner.error")), /parent\(s\) not done.*parent step/);
  await shot(page, "05-refused-move");
  // Keyboard: focus the parent's card, open it with Enter, complete it from the drawer.
  await page.call(
    "eval",
    `document.querySelector('.card[data-id="${parent.body.task.id}"]').focus()`,
  );
  await page.call("press", "Enter");
  await page.call("waitFor", ".drawer .moves");
  ok(
    !String(await page.call("text", ".drawer .moves")).includes("In progress"),
    "no button moves a task to running",
  );
  await page.call("click", ".drawer button.move-done");
  await page.call("waitFor", ".modal");
  await page.call("press", "Enter");
  await page.call("waitFor", card("done", "parent step"));
  await page.call("waitFor", card("ready", "child step"), 5000);
  await shot(page, "06-after-complete");
});

Deno.test("web board: task bodies render markdown without running any markup", async () => {
  await using s = await startServer();
  const body = [
    "# Plan",
    "Run **this** and `that`.",
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
    "[click](javascript:window.__pwned=3) and [docs](https://example.com/docs)",
    "- one",
    "- two",
  ].join("\n");
  const t = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "md", body });
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}#${t.body.task.id}`);
  await page.call("waitFor", ".drawer .md h3");
  equal(await page.call("count", ".drawer .md img"), 0);
  equal(await page.call("count", ".drawer .md script"), 0);
  equal(await page.call("count", ".drawer .md a[href^='javascript']"), 0);
  equal(await page.call("count", ".drawer .md a[href='https://example.com/docs']"), 1);
  equal(await page.call("count", ".drawer .md li"), 2);
  match(String(await page.call("text", ".drawer .md")), /<img src=x onerror=/);
  equal(await page.call("eval", "window.__pwned ?? null"), null);
});

Deno.test("web board: served by a running gateway, a task made in the page runs to done by itself", async () => {
  await using home = await tempHome();
  const gw = new Deno.Command(Deno.execPath(), {
    args: hermesArgv(["gateway", "run", "--port", "0"]),
    env: { ...baseEnv(), ...home.env },
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const lines = gw.stderr.pipeThrough(new TextDecoderStream()).getReader();
  try {
    let log = "";
    let url: string | null = null;
    const deadline = Date.now() + 20_000;
    while (!url && Date.now() < deadline) {
      const { value, done } = await lines.read();
      if (done) break;
      log += value;
      url = /gateway ready url=(\S+)/.exec(log)?.[1] ?? null;
    }
    ok(url, `gateway did not become ready: ${log}`);
    // The log carries the plain address; the owner signs in with the token from its own file.
    const token = Deno.readTextFileSync(`${home.path}/dashboard.token`).trim();
    ok(!log.includes(token), "the gateway's log carries the dashboard token");
    await using page = Page.launch();
    await page.call("goto", `${url}?token=${token}`);
    await page.call("waitFor", ".live-live");
    await page.call("click", "text=+ New task");
    await page.call("fill", ".modal input[name=title]", "run by the gateway");
    await page.call("fill", ".modal input[name=assignee]", "shell");
    await page.call("fill", ".modal textarea[name=body]", "echo done by the gateway");
    await page.call("click", ".modal button[type=submit]");
    await page.call("waitFor", card("done", "run by the gateway"), 15_000);
    equal(await page.call("count", ".banner.warning"), 0, "a gateway is up: no warning");
    await shot(page, "07-gateway-done");
  } finally {
    gw.kill("SIGTERM");
    await lines.cancel().catch(() => {});
    await gw.status;
  }
});

Deno.test("web board: scheduled and review columns, a drag to scheduled asks why, a timed card says when", async () => {
  await using s = await startServer();
  const a = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, {
    title: "nightly audit",
    assignee: "shell",
  });
  const b = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, {
    title: "release notes",
    assignee: "writer",
  });
  const timed = await hermes(["kanban", "schedule", a.body.task.id, "2h", "after", "backups"], {
    env: s.home.env,
  });
  equal(timed.code, 0, timed.stderr);
  const rev = await hermes(["kanban", "review", b.body.task.id, "--reviewer", "qa"], {
    env: s.home.env,
  });
  equal(rev.code, 0, rev.stderr);
  const c = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, {
    title: "wait for legal",
  });
  await using page = Page.launch();
  await page.call("goto", `${s.base}/?token=${TOKEN}`);
  await page.call("waitFor", card("scheduled", "nightly audit"));
  await page.call("waitFor", card("review", "release notes"));
  match(
    String(await page.call("text", `${card("scheduled", "nightly audit")} .pill.due`)),
    /^in 1h 5\dm|^in 2h 00m$/,
  );
  deepEqual(
    await page.call(
      "eval",
      "[...document.querySelectorAll('.column h2')].map((h) => h.textContent)",
    ),
    ["Triage", "Todo", "Scheduled", "Ready", "In progress", "Blocked", "Review", "Done"],
  );
  await page.call("dragTo", card("ready", "wait for legal"), ".col-scheduled");
  await page.call("waitFor", ".modal input[name=reason]");
  await page.call("fill", ".modal input[name=reason]", "until legal signs off");
  await page.call("press", "Enter");
  await page.call("waitFor", card("scheduled", "wait for legal"));
  await shot(page, "08-scheduled-and-review-columns");
  const detail = await s.call<{ comments: { body: string }[] }>(
    "GET",
    `${API}/tasks/${c.body.task.id}`,
  );
  deepEqual(detail.body.comments.map((x) => x.body), ["SCHEDULED: until legal signs off"]);
  await page.call("click", card("scheduled", "wait for legal"));
  await page.call("waitFor", ".drawer .banner.info");
  match(String(await page.call("text", ".drawer .banner.info")), /Scheduled without a time/);
  deepEqual(await page.call("errors"), []);
});
