import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { exists } from "../support/fs.ts";
import { openDb } from "../support/board.ts";
import { PERSON, withBoard } from "../board/fixtures.ts";

/** A board with an archived and a live task (scratch dirs for both), old events, old and new logs. */
async function littered(home: string) {
  const ws = `${home}/kanban/workspaces`;
  const logs = `${home}/kanban/logs`;
  const outside = `${home}/elsewhere`;
  const ids = withBoard(home, (s) => {
    const gone = s.createTask({ title: "gone" }).task.id;
    s.archive(gone);
    const live = s.createTask({ title: "live" }).task.id;
    const done = s.createTask({ title: "done" }).task.id;
    s.complete(done, {}, PERSON);
    const foreign =
      s.createTask({ title: "foreign", workspace: { kind: "scratch", path: outside } })
        .task.id;
    s.archive(foreign);
    return { gone, live, done, foreign };
  });
  for (const d of [`${ws}/${ids.gone}`, `${ws}/${ids.live}`, outside]) {
    await Deno.mkdir(d, { recursive: true });
    await Deno.writeTextFile(`${d}/file.txt`, "x");
  }
  await Deno.mkdir(`${logs}/old`, { recursive: true });
  for (
    const f of [
      `${logs}/${ids.gone}.log`,
      `${logs}/old/${ids.done}.log.1`,
      `${logs}/${ids.live}.log`,
    ]
  ) {
    await Deno.writeTextFile(f, "log");
  }
  const longAgo = new Date(Date.now() - 40 * 86_400_000);
  await Deno.utime(`${logs}/${ids.gone}.log`, longAgo, longAgo);
  await Deno.utime(`${logs}/old/${ids.done}.log.1`, longAgo, longAgo);
  const db = openDb(home);
  try {
    // Age the done task's and the live task's events by 40 days.
    db.prepare(
      "UPDATE task_events SET created_at = created_at - 40 * 86400 WHERE task_id IN (?, ?)",
    )
      .run(ids.done, ids.live);
  } finally {
    db.close();
  }
  return { ...ids, ws, logs, outside };
}

function eventCounts(home: string): Record<string, number> {
  const db = openDb(home);
  try {
    const rows = db.prepare("SELECT task_id, COUNT(*) AS n FROM task_events GROUP BY task_id")
      .all() as {
        task_id: string;
        n: number;
      }[];
    return Object.fromEntries(rows.map((r) => [r.task_id, Number(r.n)]));
  } finally {
    db.close();
  }
}

Deno.test("kanban gc --dry-run lists what would go and removes nothing", async () => {
  await using home = await tempHome();
  const b = await littered(home.path);
  const before = eventCounts(home.path);
  const r = await hermes(["kanban", "gc", "--dry-run"], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(
    r.stdout,
    [
      `Would remove workspace ${b.ws}/${b.gone} (${b.gone})`,
      "Would remove 2 events older than 30 days of done/archived tasks",
      `Would remove log ${b.logs}/old/${b.done}.log.1`,
      `Would remove log ${b.logs}/${b.gone}.log`,
      "",
    ].join("\n"),
  );
  ok(exists(`${b.ws}/${b.gone}`));
  ok(exists(`${b.logs}/${b.gone}.log`));
  deepEqual(eventCounts(home.path), before);
});

Deno.test("kanban gc removes archived scratch dirs, old events of finished tasks and old logs", async () => {
  await using home = await tempHome();
  const b = await littered(home.path);
  const r = await hermes(["kanban", "gc", "--json"], { env: home.env });
  equal(r.code, 0, r.stderr);
  deepEqual(r.json(), {
    dry_run: false,
    workspaces: [{ task_id: b.gone, path: `${b.ws}/${b.gone}` }],
    worktrees: [],
    events_removed: 2,
    logs: [`${b.logs}/old/${b.done}.log.1`, `${b.logs}/${b.gone}.log`],
  });
  ok(!exists(`${b.ws}/${b.gone}`));
  ok(exists(`${b.ws}/${b.live}/file.txt`), "a live task's workspace stays");
  ok(exists(`${b.outside}/file.txt`), "nothing outside the board's workspaces dir is touched");
  ok(!exists(`${b.logs}/${b.gone}.log`));
  ok(exists(`${b.logs}/${b.live}.log`), "a recent log stays");
  const counts = eventCounts(home.path);
  equal(counts[b.done], undefined, "old events of a done task are gone");
  equal(counts[b.live], 1, "old events of a live task stay");
  equal(counts[b.gone], 2, "recent events of an archived task stay");
  const again = await hermes(["kanban", "gc"], { env: home.env });
  equal(again.stdout, "Nothing to remove\n");
});

Deno.test("kanban gc honours the retention flags and refuses bad ones", async () => {
  await using home = await tempHome();
  const b = await littered(home.path);
  const r = await hermes(
    ["kanban", "gc", "--event-retention-days", "60", "--log-retention-days", "0", "--json"],
    { env: home.env },
  );
  equal(r.code, 0, r.stderr);
  const j = r.json<{ events_removed: number; logs: string[] }>();
  equal(j.events_removed, 0);
  equal(j.logs.length, 3, "retention 0 removes every log");
  ok(exists(`${b.logs}`));
  for (const bad of [["--event-retention-days", "-1"], ["--log-retention-days", "soon"]]) {
    const e = await hermes(["kanban", "gc", ...bad], { env: home.env });
    equal(e.code, 2, bad.join(" "));
    match(e.stderr, /expected an integer/);
  }
});

async function gitIn(cwd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

Deno.test("archive removes a clean worktree and keeps a dirty one until gc finds it clean", async () => {
  await using home = await tempHome();
  const repo = `${home.path}/repo`;
  await Deno.mkdir(repo);
  await gitIn(repo, "init", "-q");
  await Deno.writeTextFile(`${repo}/README`, "hi\n");
  await gitIn(repo, "add", "README");
  await gitIn(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
  const { prepareWorkspace } = await import("../../lib/workers/mod.ts");
  const { boardPaths } = await import("../../lib/config/mod.ts");
  const { workspaceRoots } = await import("../../lib/board/mod.ts");
  const paths = boardPaths(home.path, "default");
  const [clean, dirty] = withBoard(
    home.path,
    (s) =>
      ["clean", "dirty"].map((title) =>
        s.createTask({ title, workspace: { kind: "worktree", path: repo } }).task
      ),
  );
  const wtClean = await prepareWorkspace(clean, paths, workspaceRoots(home.path, []));
  const wtDirty = await prepareWorkspace(dirty, paths, workspaceRoots(home.path, []));
  await Deno.writeTextFile(`${wtDirty}/notes.txt`, "unsaved work\n");

  const a = await hermes(["kanban", "archive", clean.id, dirty.id], { env: home.env });
  equal(a.code, 0, a.stderr);
  match(a.stderr, new RegExp(`Removed worktree .*${clean.id}`));
  match(a.stderr, new RegExp(`Kept worktree .*${dirty.id}.*uncommitted`));
  ok(!exists(wtClean), "the clean worktree is gone");
  ok(exists(`${wtDirty}/notes.txt`), "unsaved work is never thrown away");
  match(await gitIn(repo, "branch", "--list", `hermes/${clean.id}`), /hermes\//);

  const kept = await hermes(["kanban", "gc", "--json"], { env: home.env });
  equal(kept.json<{ worktrees: { removed: boolean }[] }>().worktrees[0].removed, false);
  await Deno.remove(`${wtDirty}/notes.txt`);
  const gc = await hermes(["kanban", "gc", "--json"], { env: home.env });
  deepEqual(gc.json<{ worktrees: unknown[] }>().worktrees, [
    { task_id: dirty.id, path: wtDirty, removed: true },
  ]);
  ok(!exists(wtDirty));
});
