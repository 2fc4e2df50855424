/**
 * `hermes kanban doctor`: reports health and stuck tasks with what to do, exits 1 when it
 * finds a problem, and never changes the board it inspects.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { DatabaseSync } from "node:sqlite";
import { openBoard } from "../../lib/store/mod.ts";
import { identityOf, selfIdentity } from "../../lib/workers/mod.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { PERSON } from "../board/fixtures.ts";
import { assertCleanFailure, filesOf } from "../store/clean_failure.ts";
import { foreignWrite } from "../support/board.ts";

interface Report {
  healthy: boolean;
  integrity: string[] | null;
  journal_mode: string | null;
  schema: { state: string } | null;
  file: { kind: string; mode?: string };
  problems: { code: string; task_id: string | null; message: string; fix: string }[];
}

const HOUR = 3600;

/** The board file alone: bytes and inode (SQLite readers may add empty -wal/-shm files). */
async function boardFile(home: string) {
  const all = await filesOf(home);
  return all["kanban.db"];
}

Deno.test("doctor reports a healthy board, exits 0 and leaves the file as it was", async () => {
  await using home = await tempHome();
  const s = openBoard(home.path, "default", { create: true });
  s.createTask({ title: "fine", assignee: "shell" });
  s.close();
  const before = await boardFile(home.path);
  const human = await hermes(["kanban", "doctor"], { env: home.env });
  equal(human.code, 0, human.stdout + human.stderr);
  match(human.stdout, /integrity +ok/);
  match(human.stdout, /journal +wal/);
  match(human.stdout, /No problems found\./);
  const json = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(json.code, 0);
  const r = json.json<Report>();
  deepEqual([r.healthy, r.integrity, r.journal_mode, r.schema?.state], [
    true,
    ["ok"],
    "wal",
    "current",
  ]);
  deepEqual(r.problems, []);
  equal(await boardFile(home.path), before);
});

Deno.test("doctor finds stuck tasks and says what to do about each", async () => {
  await using home = await tempHome();
  const now = Math.floor(Date.now() / 1000);
  const past = openBoard(home.path, "default", { create: true, clock: () => now - 2 * HOUR });
  const ids: Record<string, string> = {};
  let deadPid = 0;
  try {
    const mk = (name: string, assignee: string | null, extra = {}) =>
      ids[name] = past.createTask({ title: name, assignee, ...extra }).task.id;
    mk("expired", "shell");
    past.claim(ids.expired, "elsewhere:1", 60);
    mk("no run", "shell");
    const claimed = past.claim(ids["no run"], "elsewhere:2", 86_400);
    foreignWrite(
      home.path,
      "UPDATE task_runs SET ended_at = ?, status = 'crashed' WHERE id = ?",
      now,
      claimed.run.id,
    );
    mk("dead worker", "shell");
    const dead = past.claim(ids["dead worker"], "here:3", 86_400);
    // A real process that has since exited: same host, boot and namespace, pid gone.
    const child = new Deno.Command("sleep", { args: ["5"] }).spawn();
    const id = identityOf(child.pid);
    ok(id, "identity of a live child");
    child.kill("SIGKILL");
    await child.status;
    deadPid = child.pid;
    foreignWrite(
      home.path,
      `INSERT INTO hx_run_procs (run_id, task_id, host, boot_id, pid_ns, pid, start_ticks)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      dead.run.id,
      ids["dead worker"],
      id.host,
      id.bootId,
      id.pidNs,
      id.pid,
      id.startTicks,
    );
    // Healthy neighbours that must not be reported.
    mk("alive worker", "shell");
    const alive = past.claim(ids["alive worker"], "here:4", 86_400);
    const me = selfIdentity();
    foreignWrite(
      home.path,
      `INSERT INTO hx_run_procs (run_id, task_id, host, boot_id, pid_ns, pid, start_ticks)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      alive.run.id,
      ids["alive worker"],
      me.host,
      me.bootId,
      me.pidNs,
      me.pid,
      me.startTicks,
    );
    mk("unassigned", null);
    mk("ghost", "ghost");
    mk("known profile", "shell");
    // A Hermes write left a todo child whose only parent is done.
    mk("parent", "shell");
    mk("waiting", "shell", { parents: [ids.parent] });
    past.complete(ids.parent, { result: "r" }, PERSON);
    foreignWrite(home.path, "UPDATE tasks SET status = 'todo' WHERE id = ?", ids.waiting);
  } finally {
    past.close();
  }
  const before = await boardFile(home.path);
  const r = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(r.code, 1, r.stderr);
  const report = r.json<Report>();
  equal(report.healthy, false);
  const found = Object.fromEntries(report.problems.map((p) => [p.task_id ?? "-", p.code]));
  deepEqual(found, {
    [ids.expired]: "expired_claim",
    [ids["no run"]]: "no_open_run",
    [ids["dead worker"]]: "dead_worker",
    [ids.unassigned]: "unassigned",
    [ids.ghost]: "unknown_profile",
    [ids.waiting]: "todo_ready",
  });
  for (const p of report.problems) {
    ok(p.message.includes(p.task_id!), p.message);
    ok(p.fix.includes(`hermes kanban`), `${p.code}: a command to run: ${p.fix}`);
  }
  const byCode = Object.fromEntries(report.problems.map((p) => [p.code, p]));
  match(byCode.dead_worker.message, new RegExp(`pid ${deadPid}`));
  match(byCode.expired_claim.message, /expired 1h ago \(lock elsewhere:1\)/);
  match(byCode.unknown_profile.message, /'ghost', which is not a profile/);
  match(byCode.todo_ready.fix, new RegExp(`hermes kanban promote ${ids.waiting}`));
  // With a longer idle allowance the waiting-too-long findings go; the rest stay.
  const patient = await hermes(["kanban", "doctor", "--json", "--idle", "3h"], { env: home.env });
  deepEqual(
    patient.json<Report>().problems.map((p) => p.code).sort(),
    ["dead_worker", "expired_claim", "no_open_run", "todo_ready"],
  );
  const human = await hermes(["kanban", "doctor"], { env: home.env });
  equal(human.code, 1);
  match(human.stdout, /6 problems:/);
  equal(human.stdout.match(/ ✖ /g)?.length, 6);
  equal(human.stdout.match(/ → /g)?.length, 6);
  equal(await boardFile(home.path), before, "doctor never writes the board");
});

Deno.test("doctor explains a corrupt board, suggests recovery and never touches the file", async () => {
  await using home = await tempHome();
  const s = openBoard(home.path, "default", { create: true });
  for (let i = 0; i < 50; i++) s.createTask({ title: `task ${i}`, body: "x".repeat(500) });
  s.close();
  const path = `${home.path}/kanban.db`;
  const raw = new DatabaseSync(path);
  const root = Number(
    (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'tasks'").get() as {
      rootpage: number;
    }).rootpage,
  );
  raw.close();
  const f = await Deno.open(path, { write: true });
  await f.seek((root - 1) * 4096, Deno.SeekMode.Start);
  await f.write(new Uint8Array(4096).fill(0x5a));
  f.close();
  const before = await boardFile(home.path);
  const r = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(r.code, 1);
  const report = r.json<Report>();
  const corrupt = report.problems.find((p) => p.code === "corrupt");
  ok(corrupt, JSON.stringify(report.problems));
  ok(report.integrity === null || report.integrity[0] !== "ok");
  match(corrupt.fix, /left untouched/);
  match(corrupt.fix, /from a backup/);
  match(corrupt.fix, /\.recover/);
  const human = await hermes(["kanban", "doctor"], { env: home.env });
  equal(human.code, 1);
  match(human.stdout, /✖ .*kanban\.db (failed SQLite's integrity check|is corrupt)/);
  equal(await boardFile(home.path), before, "the board's bytes and inode are unchanged");
  const wal = await Deno.stat(`${path}-wal`).catch(() => null);
  ok(wal === null || wal.size === 0, "nothing was written to a WAL either");
});

Deno.test("doctor explains a kanban.db that is not SQLite and creates nothing beside it", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/kanban.db`, "id,title\n1,write docs\n", { mode: 0o600 });
  const before = await filesOf(home.path);
  const r = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(r.code, 1);
  const report = r.json<Report>();
  equal(report.file.kind, "foreign");
  deepEqual(report.problems.map((p) => p.code), ["not_sqlite"]);
  match(report.problems[0].fix, /left untouched/);
  deepEqual(await filesOf(home.path), before);
});

Deno.test("doctor explains a zero-byte kanban.db and leaves it as it was", async () => {
  await using home = await tempHome();
  const path = `${home.path}/kanban.db`;
  await Deno.writeFile(path, new Uint8Array(), { mode: 0o600 });
  const old = new Date("2024-01-02T03:04:05Z");
  await Deno.utime(path, old, old);
  const before = await filesOf(home.path);
  const r = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(r.code, 1);
  const report = r.json<Report>();
  equal(report.file.kind, "empty");
  deepEqual(report.problems.map((p) => p.code), ["empty_board"]);
  match(report.problems[0].message, /kanban\.db is an empty file \(0 bytes\)/);
  match(report.problems[0].fix, /restore .*kanban\.db from a backup/);
  match(report.problems[0].fix, /delete it \(rm '.*kanban\.db'\) and run hermes kanban init$/);
  const human = await hermes(["kanban", "doctor"], { env: home.env });
  equal(human.code, 1);
  match(human.stdout, /✖ .*kanban\.db is an empty file/);
  deepEqual(await filesOf(home.path), before);
  equal((await Deno.stat(path)).mtime?.getTime(), old.getTime());
});

Deno.test("doctor reports loose file modes and a board out of WAL, and fixes neither", async () => {
  await using home = await tempHome();
  openBoard(home.path, "default", { create: true }).close();
  const path = `${home.path}/kanban.db`;
  const raw = new DatabaseSync(path);
  raw.exec("PRAGMA journal_mode = DELETE");
  raw.close();
  await Deno.chmod(path, 0o644);
  await Deno.chmod(home.path, 0o755);
  const r = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(r.code, 1);
  const problems = Object.fromEntries(r.json<Report>().problems.map((p) => [p.code, p.fix]));
  deepEqual(Object.keys(problems).sort(), ["dir_mode", "file_mode", "journal_mode"]);
  equal(problems.file_mode, `chmod 600 '${path}'`);
  equal(problems.dir_mode, `chmod 700 '${home.path}'`);
  equal(((await Deno.stat(path)).mode ?? 0) & 0o777, 0o644);
  const check = new DatabaseSync(path);
  equal(
    (check.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode,
    "delete",
  );
  check.close();
});

Deno.test("doctor on a board that does not exist says how to create it and creates nothing", async () => {
  await using home = await tempHome();
  const r = await hermes(["kanban", "doctor", "--board", "research", "--json"], { env: home.env });
  equal(r.code, 1);
  const p = r.json<Report>().problems;
  deepEqual(p.map((x) => [x.code, x.fix]), [[
    "no_board",
    "create it: hermes kanban boards create research",
  ]]);
  deepEqual(await filesOf(home.path), {});
  const bad = await hermes(["kanban", "doctor", "--idle", "soon"], { env: home.env });
  assertCleanFailure(bad, 2, /--idle: malformed duration 'soon'/);
});

Deno.test("doctor reports a confined profile whose sandbox cannot be had, with the fix", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(
    `${home.path}/config.yaml`,
    "kanban:\n  profiles:\n    jail:\n      command: [sh, -c, '{body}']\n      sandbox: workspace\n" +
      "sandbox:\n  bwrap: /nonexistent/hermes-test/bwrap\n",
  );
  openBoard(home.path, "default", { create: true }).close();
  const json = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(json.code, 1, json.stderr);
  const r = json.json<Report & { sandbox: Record<string, unknown> }>();
  deepEqual(r.sandbox, { profiles: ["jail"], available: false, tool: null });
  const p = r.problems.find((x) => x.code === "sandbox_unavailable")!;
  match(p.message, /profile 'jail' asks for a sandbox.*bubblewrap not found at/);
  match(p.fix, /^install bubblewrap .*, or set `sandbox: off` for profile jail$/);
  const human = await hermes(["kanban", "doctor"], { env: home.env });
  match(human.stdout, /sandbox +UNAVAILABLE \(confined profiles: jail\)/);
});

Deno.test("doctor names the sandbox tool when the confined profiles can have it", async () => {
  await using home = await tempHome();
  Deno.writeTextFileSync(
    `${home.path}/config.yaml`,
    "kanban:\n  sandbox: workspace\n  profiles:\n    jail:\n      command: [sh, -c, '{body}']\n",
  );
  openBoard(home.path, "default", { create: true }).close();
  const json = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  const r = json.json<Report & { sandbox: { profiles: string[]; available: boolean } }>();
  deepEqual(r.sandbox.profiles, ["jail"]);
  if (r.sandbox.available) {
    equal(json.code, 0, JSON.stringify(r.problems));
  } else {
    ok(r.problems.some((x) => x.code === "sandbox_unavailable"));
  }
});
