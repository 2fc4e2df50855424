/**
 * The web board's bulk selection and its action bar (ready, complete, archive, reassign), the
 * running column's lanes by profile, and diagnostics on cards and in the drawer, in headless
 * Chromium. Screenshots land in $HERMES_SCREENSHOT_DIR (else a temp dir, printed).
 */

import { deepEqual, equal, match } from "../support/assert.ts";
import { openBoard, type Store } from "../../lib/store/mod.ts";
import { foreignWrite } from "../support/board.ts";
import { startServer, TOKEN } from "../server/server_support.ts";
import { Page } from "./browser_support.ts";

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
const pick = (col: string, title: string) => `${card(col, title)} input.pick`;

/** Titles of the cards in a column, in the order shown. */
async function titles(page: Page, col: string): Promise<string[]> {
  return await page.call<string[]>("texts", `.col-${col} .card-title`);
}

/** Tasks made within one second list in id order, which is random: each is a second older. */
let age = 1000;
function make(s: Store, title: string, assignee: string | null): string {
  const id = s.createTask({ title, assignee }).task.id;
  const home = s.path.slice(0, -"/kanban.db".length);
  foreignWrite(home, "UPDATE tasks SET created_at = created_at - ? WHERE id = ?", age--, id);
  return id;
}

/** A running task of `assignee` (claimed; no worker process behind it). */
function running(s: Store, title: string, assignee: string | null): string {
  const id = make(s, title, assignee);
  s.claim(id, "host:1", 900);
  return id;
}

Deno.test("web board: bulk select picks cards by box, shift-range and column, and acts on them all", async () => {
  await using s = await startServer();
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    for (const t of ["alpha", "beta", "gamma", "epsilon"]) make(store, t, "writer");
    const delta = make(store, "delta", "writer");
    store.block(delta, "needs a key", { kind: "person", name: "ann" });
    running(store, "build api", "coder");
    running(store, "build ui", "coder");
    running(store, "review docs", "reviewer");
    running(store, "mystery", null);

    await using page = Page.launch();
    await page.call("goto", `${s.base}/?token=${TOKEN}`);
    await page.call("waitFor", ".live-live");

    // Lanes by profile in the running column, unassigned last.
    deepEqual(await page.call("texts", ".col-running .lane-name"), [
      "@coder",
      "@reviewer",
      "(unassigned)",
    ]);
    deepEqual(await page.call("texts", ".col-running .lane[data-profile=coder] .card-title"), [
      "build api",
      "build ui",
    ]);
    await shot(page, "10-lanes-by-profile");

    // A box picks one card; shift-click picks the range up to another.
    await page.call("click", pick("ready", "alpha"));
    await page.call("waitFor", ".bulkbar");
    equal(await page.call("count", ".drawer"), 0, "picking does not open the drawer");
    await page.call("clickWith", card("ready", "gamma"), ["Shift"]);
    await page.call("waitFor", ".bulk-count:has-text('3 selected')");
    deepEqual(await page.call("texts", ".card.picked .card-title"), ["alpha", "beta", "gamma"]);
    await shot(page, "11-bulk-bar");

    // Complete asks first, then moves them all.
    await page.call("click", ".bulkbar button:text-is('Complete')");
    await page.call("waitFor", ".modal:has-text('Complete 3 task(s)?')");
    await page.call("press", "Enter");
    await page.call("waitFor", card("done", "gamma"));
    deepEqual(await titles(page, "done"), ["alpha", "beta", "gamma"]);
    equal(await page.call("count", ".bulkbar"), 0, "the bar goes once the action is done");
    match(String(await page.call("text", ".banner.info")), /^Completed: 3 task\(s\)/);

    // Ctrl-click picks; → Ready unblocks a blocked task.
    await page.call("clickWith", card("blocked", "delta"), ["Control"]);
    await page.call("click", ".bulkbar button:text-is('→ Ready')");
    await page.call("waitFor", card("ready", "delta"));

    // Reassigning a running task needs "Reclaim first": without it that one is refused.
    await page.call("click", pick("running", "build ui"));
    await page.call("click", pick("ready", "epsilon"));
    await page.call("select", ".bulkbar select", "reviewer");
    await page.call("click", ".bulkbar button:text-is('Apply')");
    await page.call("waitFor", ".banner.error");
    match(
      String(await page.call("text", ".banner.error")),
      /^Reassigned to @reviewer: 1 of 2 refused — t_[0-9a-f]{8}: cannot reassign t_[0-9a-f]{8}: currently running/,
    );
    match(String(await page.call("text", ".banner.error")), /Tick 'Reclaim first'/);
    await page.call("waitFor", `${card("running", "build ui")}.failed.picked`);
    await page.call("waitFor", `${card("ready", "epsilon")}:has-text('@reviewer')`);
    await shot(page, "12-bulk-refused");
    await page.call("click", ".bulkbar input[name=reclaim_first]");
    await page.call("select", ".bulkbar select", "reviewer");
    await page.call("click", ".bulkbar button:text-is('Apply')");
    await page.call("waitFor", `${card("ready", "build ui")}:has-text('@reviewer')`);
    // The outcome replaces the refusal it answers.
    await page.call("waitGone", ".banner.error");
    deepEqual(await page.call("texts", ".col-running .lane-name"), [
      "@coder",
      "@reviewer",
      "(unassigned)",
    ]);

    // The column box picks a whole column; Archive asks first.
    await page.call("click", ".col-done input.pick-column");
    await page.call("waitFor", ".bulk-count:has-text('3 selected')");
    await page.call("click", ".bulkbar button:text-is('Archive')");
    await page.call("waitFor", ".modal:has-text('Archive 3 task(s)?')");
    await page.call("press", "Enter");
    await page.call("waitFor", ".col-done .empty");

    // Select all visible, then Esc clears; lanes can be turned off.
    await page.call("click", pick("ready", "delta"));
    await page.call("click", ".bulkbar button:text-is('Select all visible')");
    equal(await page.call("count", ".card.picked"), await page.call("count", ".card"));
    await page.call("eval", "document.activeElement?.blur()");
    await page.call("press", "Escape");
    await page.call("waitGone", ".bulkbar");
    await page.call("click", ".filters input[name=lanes]");
    await page.call("waitGone", ".lane");
    await page.call("scheme", "dark");
    await page.call("click", pick("running", "review docs"));
    await shot(page, "13-no-lanes-dark");
    deepEqual(await page.call("errors"), []);
  } finally {
    store.close();
  }
});

Deno.test("web board: diagnostics mark cards, filter the board, and offer their actions in the drawer", async () => {
  await using s = await startServer();
  const store = openBoard(s.home.path, "default", { create: true });
  try {
    const now = Math.floor(Date.now() / 1000);
    const stranded = store.createTask({ title: "nobody picks me", assignee: "typo" }).task.id;
    foreignWrite(
      s.home.path,
      "UPDATE task_events SET created_at = ? WHERE task_id = ?",
      now - 3000,
      stranded,
    );
    const failing = store.createTask({ title: "keeps failing", assignee: "coder" }).task.id;
    store.block(failing, "gave up", { kind: "person", name: "ann" });
    foreignWrite(
      s.home.path,
      "UPDATE tasks SET consecutive_failures = 4, last_failure_error = 'exit 127: claude: not found' WHERE id = ?",
      failing,
    );
    store.createTask({ title: "all good" });

    await using page = Page.launch();
    await page.call("goto", `${s.base}/?token=${TOKEN}`);
    await page.call("waitFor", `${card("ready", "nobody picks me")} .diag.diag-warning`);
    await page.call("waitFor", `${card("blocked", "keeps failing")} .diag.diag-critical`);
    equal(await page.call("count", `${card("ready", "all good")} .diag`), 0);
    await page.call("click", "button.attention");
    await page.call("waitGone", card("ready", "all good"));
    equal(await page.call("count", ".card"), 2);
    match(String(await page.call("text", "button.attention")), /2 need attention/);
    await shot(page, "14-attention-filter");

    await page.call("click", card("blocked", "keeps failing"));
    await page.call("waitFor", ".drawer .diagnostic.sev-critical");
    match(
      String(await page.call("text", ".drawer .diagnostic strong")),
      /^Agent failure x4: exit 127: claude: not found$/,
    );
    await shot(page, "15-drawer-diagnostics");

    await page.call("click", card("ready", "nobody picks me"));
    await page.call("waitFor", ".drawer .diagnostic:has-text('Ready for')");
    await page.call("fill", ".drawer .diag-actions .reassign input", "coder");
    await page.call("click", ".drawer .diag-actions .reassign button");
    await page.call("waitFor", ".drawer .chips:has-text('@coder')");
    equal(store.requireTask(stranded).assignee, "coder");
    deepEqual(await page.call("errors"), []);
  } finally {
    store.close();
  }
});
