/**
 * Durability: damaged, foreign, read-only and busy boards are reported in one clear line and
 * left exactly as they were; WAL, file modes, connection hygiene, BUSY retries, checkpoints,
 * integrity checks and schema stamps behave as docs/reference/store.md says.
 */

import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import { DatabaseSync } from "node:sqlite";
import { StoreError } from "../../lib/board/mod.ts";
import { Connection } from "../../lib/store/connection.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { SCHEMA_STAMP, SCHEMA_VERSION } from "../../lib/store/schema.ts";
import { type CliResult, hermes, hermesArgv } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { needing, probe } from "../support/requires.ts";
import { snapshot } from "../support/board.ts";
import { withBoard } from "../board/fixtures.ts";
import { assertCleanFailure, filesOf } from "./clean_failure.ts";

const HOLDER = new URL("./lock_holder.ts", import.meta.url).pathname;

/** A board of `home` with a few tasks, closed (so its WAL is checkpointed away); the first id. */
function seededBoard(home: string): string {
  return withBoard(home, (s) => {
    const a = s.createTask({ title: "first", assignee: "writer" }).task.id;
    s.createTask({ title: "second", parents: [a] });
    s.comment(a, "alice", "hello");
    return a;
  });
}

/** Another process holding the write lock of `db` until release() (or for `holdMs`). */
async function holdWriteLock(db: string, holdMs?: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-read",
      "--allow-write",
      HOLDER,
      db,
      ...(holdMs === undefined ? [] : [String(holdMs)]),
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("held\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("lock holder exited before taking the lock");
    seen += value;
  }
  return {
    async release() {
      await child.stdin.close().catch(() => {});
      reader.releaseLock();
      await child.stdout.cancel().catch(() => {});
      await child.status;
    },
  };
}

async function writeFile(path: string, bytes: Uint8Array): Promise<void> {
  await Deno.writeFile(path, bytes, { mode: 0o600 });
}

// ---- damaged and foreign files ----

const DAMAGED: Record<string, (path: string) => Promise<void>> = {
  "garbage bytes": (path) =>
    writeFile(path, crypto.getRandomValues(new Uint8Array(12_288)).map((b) => b || 1)),
  "a text file": (path) =>
    writeFile(path, new TextEncoder().encode("title,status\nwrite docs,ready\n")),
  "a truncated SQLite header": (path) => writeFile(path, new TextEncoder().encode("SQLite format")),
};

for (const [what, make] of Object.entries(DAMAGED)) {
  Deno.test(`store refuses ${what} as kanban.db and leaves it byte for byte`, async () => {
    await using home = await tempHome();
    await make(`${home.path}/kanban.db`);
    const before = await filesOf(home.path);
    for (const argv of [["list"], ["create", "x"], ["init"], ["show", "t_00000000", "--json"]]) {
      const r = await hermes(["kanban", ...argv], { env: home.env });
      assertCleanFailure(
        r,
        1,
        /kanban\.db is not a SQLite database; it was left untouched/,
        "corrupt",
      );
      match(r.stderr, /run 'hermes kanban doctor'/);
    }
    deepEqual(await filesOf(home.path), before, "no file created, changed or removed");
  });
}

Deno.test("store refuses a SQLite board with a trashed page and leaves it as it was", async () => {
  await using home = await tempHome();
  const first = seededBoard(home.path);
  const db = `${home.path}/kanban.db`;
  const raw = new DatabaseSync(db);
  // The tasks table and the index `list` reads from (it would not touch the table).
  const roots = (raw.prepare(
    "SELECT rootpage FROM sqlite_master WHERE name IN ('tasks', 'hx_idx_tasks_list')",
  ).all() as { rootpage: number }[]).map((r) => Number(r.rootpage));
  const pageSize = Number(
    (raw.prepare("PRAGMA page_size").get() as { page_size: number }).page_size,
  );
  raw.close();
  equal(roots.length, 2);
  const f = await Deno.open(db, { write: true });
  for (const root of roots) {
    await f.seek((root - 1) * pageSize, Deno.SeekMode.Start);
    await f.write(new Uint8Array(pageSize).fill(0x5a));
  }
  f.close();
  const before = await filesOf(home.path);
  for (const argv of [["list"], ["create", "x"], ["show", first], ["complete", first]]) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    assertCleanFailure(r, 1, /kanban\.db is corrupt .*it was left untouched/);
  }
  deepEqual(await filesOf(home.path), before);
});

Deno.test("store refuses a zero-byte kanban.db, init included, and leaves its size and mtime", async () => {
  await using home = await tempHome();
  const path = `${home.path}/kanban.db`;
  await writeFile(path, new Uint8Array());
  // An mtime in the past, so that any touch shows whatever the file system's granularity.
  const old = new Date("2024-01-02T03:04:05Z");
  await Deno.utime(path, old, old);
  const before = await filesOf(home.path);
  for (
    const argv of [["list"], ["create", "x"], ["init"], ["show", "t_00000000", "--json"], [
      "init",
      "--json",
    ]]
  ) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    assertCleanFailure(
      r,
      1,
      /board \S*kanban\.db is an empty file \(0 bytes\), not a SQLite board; it was left untouched — restore it from a backup, or delete it to start afresh/,
      "empty_board",
    );
    match(r.stderr, /hermes kanban doctor/);
  }
  const st = await Deno.stat(path);
  equal(st.size, 0);
  equal(st.mtime?.getTime(), old.getTime(), "mtime unchanged");
  deepEqual(await filesOf(home.path), before, "no -wal, -shm or other file beside it");

  // What the message advises: once the file is gone, init makes a board.
  await Deno.remove(path);
  const init = await hermes(["kanban", "init"], { env: home.env });
  equal(init.code, 0, init.stderr);
  equal(snapshot(home.path).tasks, 0);
  ok((await Deno.stat(path)).size > 0);
});

Deno.test("store: processes creating a new board at once all use one complete board", async () => {
  await using home = await tempHome();
  const n = 6;
  const runs = await Promise.all(
    Array.from({ length: n }, (_, i) => hermes(["kanban", "create", `racer ${i}`], home)),
  );
  for (const r of runs) equal(r.code, 0, r.stderr);
  equal(snapshot(home.path).tasks, n);
  deepEqual(
    Object.keys(await filesOf(home.path)).filter((f) => f.includes(".new-")),
    [],
    "no half-made board left behind",
  );
  equal(((await Deno.stat(`${home.path}/kanban.db`)).mode ?? 0) & 0o777, 0o600);
});

// ---- a read-only HERMES_HOME ----

/**
 * Tests run as root, and root ignores file modes, so a read-only home is a read-only bind
 * mount of it inside a private mount namespace (`unshare -m`; `-r` adds a user namespace
 * when not root). The mount vanishes with the process; nothing outside it sees it.
 */
async function readOnlyMountWorks(): Promise<{ unshare: string[] } | { missing: string }> {
  const dir = await Deno.makeTempDir();
  const reasons: string[] = [];
  try {
    for (const base of [["unshare", "-m"], ["unshare", "-rm"]]) {
      const why = await probe(base.join(" "), base[0], [
        ...base.slice(1),
        "--propagation",
        "private",
        "sh",
        "-c",
        'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && ! touch "$1/x" 2>/dev/null',
        "sh",
        dir,
      ]);
      if (why === null) return { unshare: base };
      reasons.push(why);
    }
    return { missing: `cannot make a read-only bind mount (${reasons.join("; ")})` };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const READ_ONLY_MOUNT = await readOnlyMountWorks();
const UNSHARE = "unshare" in READ_ONLY_MOUNT ? READ_ONLY_MOUNT.unshare : null;

/** Run hermes with `dir` mounted read-only for it alone. */
async function hermesReadOnly(
  dir: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> {
  const out = await new Deno.Command(UNSHARE![0], {
    args: [
      ...UNSHARE!.slice(1),
      "--propagation",
      "private",
      "sh",
      "-c",
      'd="$1"; shift; mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" && exec "$@"',
      "sh",
      dir,
      Deno.execPath(),
      ...hermesArgv(args),
    ],
    env: { PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "/root", ...env },
    clearEnv: true,
    stdin: "null",
  }).output();
  const dec = new TextDecoder();
  const stdout = dec.decode(out.stdout);
  return { code: out.code, stdout, stderr: dec.decode(out.stderr), json: () => JSON.parse(stdout) };
}

Deno.test(needing("missing" in READ_ONLY_MOUNT ? READ_ONLY_MOUNT.missing : null, {
  name: "store explains a read-only HERMES_HOME and changes nothing in it",
  async fn() {
    await using home = await tempHome();
    seededBoard(home.path);
    const before = await filesOf(home.path);
    for (const argv of [["list"], ["create", "x"], ["comment", "t_00000000", "hi"]]) {
      const r = await hermesReadOnly(home.path, ["kanban", ...argv], home.env);
      assertCleanFailure(
        r,
        1,
        /cannot open board .*kanban\.db: check that its directory exists and is writable/,
      );
    }
    deepEqual(await filesOf(home.path), before);
    // A read-only home without a board yet: creating the default board is refused too.
    await using empty = await tempHome();
    const r = await hermesReadOnly(empty.path, ["kanban", "create", "x", "--json"], empty.env);
    assertCleanFailure(r, 1, /cannot create board .*: its directory is read-only/, "read_only");
    deepEqual(await filesOf(empty.path), {});
  },
}));

// ---- a board held by a long write in another process ----

Deno.test("store reports a board held by a long write as busy, after the busy timeout", async () => {
  await using home = await tempHome({ HERMES_KANBAN_BUSY_TIMEOUT_MS: "300" });
  const first = seededBoard(home.path);
  const before = snapshot(home.path);
  const lock = await holdWriteLock(`${home.path}/kanban.db`);
  try {
    const t0 = performance.now();
    const r = await hermes(["kanban", "create", "blocked by a writer"], { env: home.env });
    const waited = performance.now() - t0;
    assertCleanFailure(
      r,
      1,
      /board .*kanban\.db is busy: another process held its write lock for more than 300 ms; try again/,
    );
    ok(waited >= 300, `waited ${waited} ms, at least the busy timeout`);
    const j = await hermes(["kanban", "comment", first, "a note", "--json"], { env: home.env });
    assertCleanFailure(j, 1, /kanban\.db is busy/, "busy");
  } finally {
    await lock.release();
  }
  deepEqual(snapshot(home.path), before);
});

Deno.test("store waits out a short write by another process", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const lock = await holdWriteLock(`${home.path}/kanban.db`, 400);
  try {
    const r = await hermes(["kanban", "create", "after the writer"], { env: home.env });
    equal(r.code, 0, r.stderr);
  } finally {
    await lock.release();
  }
  equal(snapshot(home.path).tasks, 3);
});

Deno.test("store retries a BUSY that SQLite returns without waiting, until the lock frees", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  const conn = Connection.open(path, { create: false, busyTimeoutMs: 5_000 });
  // A zero-timeout connection gets SQLITE_BUSY at once, as in WAL recovery or a stale
  // snapshot: the busy handler never runs, so only our retry can wait.
  const impatient = new DatabaseSync(path, { timeout: 0 });
  const lock = await holdWriteLock(path, 300);
  try {
    throws(() => impatient.exec("BEGIN IMMEDIATE"), /database is locked/);
    const t0 = performance.now();
    conn.retryBusy(() => impatient.exec("BEGIN IMMEDIATE"));
    ok(performance.now() - t0 < 4_000, "got the lock once the writer finished");
    impatient.exec("ROLLBACK");
  } finally {
    impatient.close();
    conn.close();
    await lock.release();
  }
});

Deno.test("store gives up on BUSY after the busy timeout, without waiting twice", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  const conn = Connection.open(path, { create: false, busyTimeoutMs: 300 });
  const lock = await holdWriteLock(path);
  try {
    const t0 = performance.now();
    let err: unknown = null;
    try {
      conn.tx(() => conn.run("DELETE FROM task_comments"));
    } catch (e) {
      err = e;
    }
    const waited = performance.now() - t0;
    ok(err instanceof StoreError, String(err));
    equal(err.code, "busy");
    ok(waited >= 300 && waited < 1_500, `waited ${waited} ms for a 300 ms timeout`);
  } finally {
    conn.close();
    await lock.release();
  }
  equal(snapshot(home.path).task_comments, 1);
});

// ---- WAL, modes, connections ----

Deno.test("store keeps the board in WAL and never recreates the WAL files under a reader", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  const reader = new DatabaseSync(path);
  try {
    reader.exec("BEGIN");
    equal(Number((reader.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number }).n), 2);
    const inodes =
      async () => [(await Deno.stat(`${path}-wal`)).ino, (await Deno.stat(`${path}-shm`)).ino];
    const before = await inodes();
    for (const argv of [["list"], ["create", "x"], ["list"], ["create", "y"]]) {
      equal((await hermes(["kanban", ...argv], { env: home.env })).code, 0);
    }
    deepEqual(await inodes(), before, "-wal and -shm are the same files");
    // The reader's snapshot is intact, and it sees the new rows once it starts a new one.
    equal(Number((reader.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number }).n), 2);
    reader.exec("COMMIT");
    equal(Number((reader.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number }).n), 4);
    equal(
      (reader.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode,
      "wal",
    );
  } finally {
    reader.close();
  }
});

Deno.test("store sets WAL on a board in another journal mode, and never sets any other mode", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const raw = new DatabaseSync(`${home.path}/kanban.db`);
  raw.exec("PRAGMA journal_mode = DELETE");
  raw.close();
  equal((await hermes(["kanban", "list"], { env: home.env })).code, 0);
  const check = new DatabaseSync(`${home.path}/kanban.db`);
  equal(
    (check.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode,
    "wal",
  );
  check.close();
  // No code path may switch a board out of WAL (Hermes fell back to DELETE on an I/O error).
  for await (const e of Deno.readDir(new URL("../../lib/store/", import.meta.url))) {
    const src = await Deno.readTextFile(new URL(`../../lib/store/${e.name}`, import.meta.url));
    for (const m of src.matchAll(/journal_mode\s*=\s*(\w+)/gi)) {
      equal(m[1].toUpperCase(), "WAL", `lib/store/${e.name} sets journal_mode = ${m[1]}`);
    }
  }
});

Deno.test("store creates its files 0600 in 0700 directories", async () => {
  await using root = await tempHome();
  const home = `${root.path}/fresh/home`;
  const env = { ...root.env, HERMES_HOME: home };
  equal((await hermes(["kanban", "create", "x"], { env })).code, 0);
  equal((await hermes(["kanban", "boards", "create", "side"], { env })).code, 0);
  const mode = async (p: string) => ((await Deno.stat(p)).mode ?? 0) & 0o777;
  equal(await mode(home), 0o700);
  equal(await mode(`${home}/kanban.db`), 0o600);
  equal(await mode(`${home}/kanban/boards/side`), 0o700);
  equal(await mode(`${home}/kanban/boards/side/kanban.db`), 0o600);
  // The WAL files exist while a connection is open; SQLite gives them the board's mode.
  const s = openBoard(home, "default");
  try {
    s.createTask({ title: "keeps the WAL" });
    equal(await mode(`${home}/kanban.db-wal`), 0o600);
    equal(await mode(`${home}/kanban.db-shm`), 0o600);
  } finally {
    s.close();
  }
});

Deno.test("store closes its connections: 2,000 opens leave no file descriptor behind", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  // Deno reads /proc only with --allow-all, so `ls -l` lists this process's descriptors. Only
  // those open on this test's board count: the parallel test runner shares the process with
  // other test files, whose descriptors come and go meanwhile.
  const fds = async () => {
    const out = await new Deno.Command("ls", { args: ["-l", `/proc/${Deno.pid}/fd`] }).output();
    return new TextDecoder().decode(out.stdout).split("\n")
      .filter((l) => l.includes(`-> ${home.path}/`)).length;
  };
  // Warm up once so lazily opened runtime descriptors are not counted as leaks.
  openBoard(home.path, "default").close();
  const before = await fds();
  for (let i = 0; i < 2_000; i++) {
    const s = openBoard(home.path, "default", { create: true });
    s.listTasks({});
    if (i % 100 === 0) s.createTask({ title: `t${i}` });
    s.close();
  }
  // The runtime may open a descriptor or two of its own meanwhile; a leak per open would
  // show as thousands.
  const grew = (await fds()) - before;
  ok(grew < 10, `${grew} more descriptors after 2,000 opens`);
  equal(snapshot(home.path).tasks, 22);
});

// ---- checkpoints, integrity checks, schema stamps ----

Deno.test("store maybeCheckpoint runs a passive checkpoint only when it is due", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  const conn = Connection.open(path, { create: false, checkpointIntervalMs: 60_000 });
  // A second connection keeps SQLite from checkpointing on close and leaves the WAL to us.
  const other = new DatabaseSync(path);
  try {
    other.prepare("SELECT 1 FROM tasks").get();
    conn.tx(() => conn.run("UPDATE tasks SET priority = priority + 1"));
    equal(conn.maybeCheckpoint(Date.now()), null, "not due yet");
    const r = conn.maybeCheckpoint(Date.now() + 60_000);
    ok(r, "due after the interval");
    equal(r.busy, false);
    ok(r.log > 0);
    equal(r.checkpointed, r.log, "every frame copied back");
    equal(conn.maybeCheckpoint(Date.now() + 60_001), null, "the interval restarts");
  } finally {
    other.close();
    conn.close();
  }
});

Deno.test("store integrityCheck finds a damaged board at open and leaves it alone", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  Connection.open(path, { create: false, integrityCheck: true }).close();
  const raw = new DatabaseSync(path);
  const root = Number(
    (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'idx_tasks_status'").get() as {
      rootpage: number;
    }).rootpage,
  );
  raw.close();
  const f = await Deno.open(path, { write: true });
  // A b-tree page header that is not one: quick_check's structural pass trips over it.
  await f.seek((root - 1) * 4096, Deno.SeekMode.Start);
  await f.write(new Uint8Array(16).fill(0xff));
  f.close();
  const before = await filesOf(home.path);
  // Plain opens do not look (it would cost every CLI start); a writer that asks does.
  Connection.open(path, { create: false }).close();
  throws(
    () => Connection.open(path, { create: false, integrityCheck: true }),
    (e: unknown) =>
      e instanceof StoreError && e.code === "corrupt" && /left untouched/.test(e.message),
  );
  deepEqual(await filesOf(home.path), before);
});

/** Overwrite the root page of `name` in the closed board at `path` with 0x5a bytes. */
async function trashRoot(path: string, name: string): Promise<void> {
  const raw = new DatabaseSync(path);
  const root = Number(
    (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = ?").get(name) as {
      rootpage: number;
    }).rootpage,
  );
  const pageSize = Number(
    (raw.prepare("PRAGMA page_size").get() as { page_size: number }).page_size,
  );
  raw.close();
  const f = await Deno.open(path, { write: true });
  await f.seek((root - 1) * pageSize, Deno.SeekMode.Start);
  await f.write(new Uint8Array(pageSize).fill(0x5a));
  f.close();
}

const DAMAGE_WARNING =
  /^hermes: warning: board \S*kanban\.db is damaged \(the root page of idx_tasks_status is not a b-tree page\);.* run 'hermes kanban doctor' for what to do\n$/;

Deno.test("store probe: list on a board damaged where list does not read succeeds and says so in one line", async () => {
  await using home = await tempHome();
  const first = seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  // `list` reads tasks through hx_idx_tasks_list; idx_tasks_status is a page it never touches.
  await trashRoot(path, "idx_tasks_status");
  const before = await filesOf(home.path);
  const list = await hermes(["kanban", "list"], { env: home.env });
  equal(list.code, 0, list.stderr);
  match(list.stdout, new RegExp(first));
  match(list.stdout, /second/);
  match(list.stderr, DAMAGE_WARNING);
  const json = await hermes(["kanban", "list", "--json"], { env: home.env });
  equal(json.code, 0, json.stderr);
  equal(json.json<unknown[]>().length, 2);
  match(json.stderr, DAMAGE_WARNING);
  deepEqual(await filesOf(home.path), before, "reading changed nothing");
  const doctor = await hermes(["kanban", "doctor", "--json"], { env: home.env });
  equal(doctor.code, 1);
  ok(
    doctor.json<{ problems: { code: string }[] }>().problems.some((p) => p.code === "corrupt"),
    doctor.stdout,
  );
});

Deno.test("store probe: a healthy board opens without a warning", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const r = await hermes(["kanban", "list"], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(r.stderr, "");
  equal(openBoard(home.path, "default").damage, null);
});

Deno.test("store probe: a command that hits the damage fails with the one error line alone", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  await trashRoot(`${home.path}/kanban.db`, "idx_tasks_status");
  // A new task goes into idx_tasks_status: SQLite refuses the write and the board is unchanged.
  const before = await filesOf(home.path);
  const r = await hermes(["kanban", "create", "x"], { env: home.env });
  assertCleanFailure(r, 1, /kanban\.db is corrupt .*it was left untouched/, "corrupt");
  deepEqual(await filesOf(home.path), before);
});

Deno.test("store brings a board stamped by an older schema up to date, once", async () => {
  await using home = await tempHome();
  seededBoard(home.path);
  const path = `${home.path}/kanban.db`;
  const raw = new DatabaseSync(path);
  raw.exec("DROP TABLE hx_meta");
  raw.exec("CREATE INDEX hx_idx_tasks_order ON tasks(priority DESC, created_at, id)");
  raw.exec(`PRAGMA user_version = ${SCHEMA_STAMP - 1}`);
  raw.close();
  openBoard(home.path, "default").close();
  const check = new DatabaseSync(path);
  try {
    ok(
      check.prepare("SELECT name FROM sqlite_master WHERE name = 'hx_meta'").get(),
      "hx_meta back",
    );
    equal(
      check.prepare("SELECT name FROM sqlite_master WHERE name = 'hx_idx_tasks_order'").get(),
      undefined,
      "a retired index of ours is dropped",
    );
    equal(
      Number((check.prepare("PRAGMA user_version").get() as { user_version: number }).user_version),
      SCHEMA_STAMP,
    );
    // A newer hermes's stamp means a superset schema: we neither migrate nor lower it.
    check.exec("DROP TABLE hx_meta");
    check.exec(`PRAGMA user_version = ${(SCHEMA_VERSION + 1) * 100_000}`);
  } finally {
    check.close();
  }
  openBoard(home.path, "default").close();
  const again = new DatabaseSync(path);
  try {
    equal(again.prepare("SELECT name FROM sqlite_master WHERE name = 'hx_meta'").get(), undefined);
    equal(
      Number((again.prepare("PRAGMA user_version").get() as { user_version: number }).user_version),
      (SCHEMA_VERSION + 1) * 100_000,
    );
  } finally {
    again.close();
  }
});
