/**
 * A board in PostgreSQL, end to end: the CLI's verbs, `kanban dispatch --until-idle` and a real
 * `hermes gateway run` (its dispatcher woken by LISTEN/NOTIFY) run shell tasks on it; another
 * host's run is judged by its lease alone; the database's password never shows. Each test gets
 * its own database. Without a reachable PostgreSQL the tests are reported ignored (CI: failed).
 */

import { stringify } from "yaml";
import { openBoard, prepareStore, type Store } from "../../lib/store/mod.ts";
import { openDispatch } from "../../lib/store/engine.ts";
import { deepEqual, equal, ok } from "../support/assert.ts";
import { hermes, MAIN, PERMISSION_FLAGS } from "../support/cli.ts";
import { exists } from "../support/fs.ts";
import { tempHome } from "../support/home.ts";
import { createTestDatabase, PG_ADMIN_URL, pgMissing } from "../support/postgres.ts";
import { needing } from "../support/requires.ts";
import { ownServerMissing, startOwnServer } from "../support/pg_server.ts";
import { waitFor } from "../support/wait.ts";
import { runGateway } from "./gateway_support.ts";

const missing = await pgMissing();

/**
 * A password that must never be printed: the test server's own, or, where it trusts logins
 * without one, this one (which it then ignores).
 */
const SECRET = new URL(PG_ADMIN_URL).password || "s3cret-never-shown";

/** A temp home on a fresh database (its URL with SECRET as the password), dropped afterwards. */
async function pgHome() {
  const db = createTestDatabase();
  const u = new URL(db.url);
  u.password = SECRET;
  const home = await tempHome({ HERMES_KANBAN_DB_URL: u.toString() });
  return {
    ...home,
    url: u.toString(),
    /** The board, opened in this process. */
    async open(): Promise<Store> {
      await prepareStore(home.path, (k) => k === "HERMES_KANBAN_DB_URL" ? u.toString() : undefined);
      return openBoard(home.path, "default", { create: true });
    },
    async [Symbol.asyncDispose]() {
      await home[Symbol.asyncDispose]();
      db.drop();
    },
  };
}

async function create(env: Record<string, string>, args: string[]): Promise<string> {
  const r = await hermes(["kanban", "create", ...args, "--json"], { env });
  equal(r.code, 0, r.stderr);
  ok(!r.stderr.includes(SECRET) && !r.stdout.includes(SECRET), "no password in the output");
  return r.json<{ id: string }>().id;
}

Deno.test(needing(missing, {
  name: "postgres board: a gateway runs shell tasks created from the CLI, in dependency order",
  async fn() {
    await using home = await pgHome();
    const first = await create(home.env, ["first", "--assignee", "shell", "--body", "echo one"]);
    await using gw = await runGateway(home);
    const ids = [first];
    for (let i = 0; i < 4; i++) {
      ids.push(
        await create(home.env, [
          `t${i}`,
          "--assignee",
          "shell",
          "--body",
          `echo ${i}`,
          ...(i === 3 ? ["--parent", ids[1]] : []),
        ]),
      );
    }
    const store = await home.open();
    try {
      await waitFor(() => ids.every((id) => store.getTask(id)?.status === "done"), {
        timeoutMs: 30_000,
        what: "every task done",
      });
      for (const id of ids) {
        deepEqual(store.runs(id).map((r) => r.outcome), ["completed"], `${id}: one run`);
      }
      const child = store.runs(ids[4])[0];
      ok(child.started_at >= store.runs(ids[1])[0].ended_at!, "the child ran after its parent");
    } finally {
      store.close();
    }
    const list = await hermes(["kanban", "list"], { env: home.env });
    equal(list.code, 0, list.stderr);
    equal(list.stdout.trim().split("\n").length, 5);
    const boards = await hermes(["kanban", "boards", "show"], { env: home.env });
    ok(boards.stdout.includes("DB path:      postgres://"), boards.stdout);
    ok(!boards.stdout.includes(SECRET), boards.stdout);
    const status = await hermes(["gateway", "status"], { env: home.env });
    ok(!status.stdout.includes(SECRET) && !status.stderr.includes(SECRET));
    gw.kill("SIGTERM");
    await gw.status;
    ok(!gw.stderr().includes(SECRET), "no password in the gateway's log");
  },
}));

Deno.test(needing(missing, {
  name:
    "postgres board: a worker completes its task through the endpoint, without the database's URL or password",
  async fn() {
    await using home = await pgHome();
    const out = await Deno.makeTempDir({ prefix: "hermes-worker-env-" });
    try {
      const hx = [Deno.execPath(), "run", "--quiet", ...PERMISSION_FLAGS, MAIN].join(" ");
      const denoDir = Deno.env.get("DENO_DIR");
      Deno.writeTextFileSync(
        `${home.path}/config.yaml`,
        stringify({
          kanban: {
            profiles: {
              reporter: {
                command: ["sh", "-c", "{body}"],
                completion: "report",
                sandbox: "off",
                env: { HX: hx, ...(denoDir ? { DENO_DIR: denoDir } : {}) },
              },
            },
          },
        }),
      );
      const body = `env > ${out}/env.txt; ` +
        `$HX kanban complete "$HERMES_KANBAN_TASK" --result "through the endpoint"`;
      const id = await create(home.env, ["t", "--assignee", "reporter", "--body", body]);
      // The gateway holds the password twice over (URL and PGPASSWORD); its workers get neither.
      await using gw = await runGateway(home, ["--no-dashboard"], { env: { PGPASSWORD: SECRET } });
      const store = await home.open();
      try {
        await waitFor(() => store.getTask(id)?.status === "done", {
          timeoutMs: 60_000,
          what: "the task done",
        }).catch((e) => {
          throw new Error(`${e.message}\n${gw.stderr()}`);
        });
        equal(store.getTask(id)?.result, "through the endpoint");
        deepEqual(store.runs(id).map((r) => r.outcome), ["completed"]);
      } finally {
        store.close();
      }
      const env = Object.fromEntries(
        Deno.readTextFileSync(`${out}/env.txt`).trim().split("\n").map((l) => {
          const i = l.indexOf("=");
          return [l.slice(0, i), l.slice(i + 1)];
        }),
      );
      ok(env.HERMES_KANBAN_ENDPOINT, "the worker was given its endpoint");
      for (const name of Object.keys(env)) {
        ok(name !== "HERMES_KANBAN_DB_URL" && !name.startsWith("PG"), `worker env has ${name}`);
      }
      const text = Deno.readTextFileSync(`${out}/env.txt`);
      ok(
        !text.includes(SECRET) && !text.includes("postgres://"),
        "no database address or password",
      );
      // Without the database the worker's verbs had only the endpoint: no SQLite board appeared.
      ok(!exists(`${home.path}/kanban.db`), "the worker opened no board of its own");
      gw.kill("SIGTERM");
      await gw.status;
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
}));

Deno.test(needing(missing, {
  name:
    "postgres boards: schemas shared by every host; switch, archive (schema renamed aside) and delete",
  async fn() {
    await using a = await pgHome();
    await using b = await tempHome({ HERMES_KANBAN_DB_URL: a.url });
    const run = async (env: Record<string, string>, ...args: string[]) => {
      const r = await hermes(["kanban", "boards", ...args, "--json"], { env });
      equal(r.code, 0, r.stderr);
      ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), "no password printed");
      return r.json<Record<string, unknown>>();
    };
    const slugs = async (env: Record<string, string>) =>
      ((await run(env, "list")) as unknown as { slug: string; total: number }[])
        .map((x) => `${x.slug}:${x.total}`);
    equal((await run(a.env, "create", "ops", "--name", "Ops")).created, true);
    equal((await run(a.env, "create", "ops")).created, false, "create is idempotent");
    await create(a.env, ["t", "--board", "ops"]);
    deepEqual(await slugs(a.env), ["default:0", "ops:1"]);
    // Host b made nothing, yet sees the board, and may make it its current one.
    deepEqual(await slugs(b.env), ["default:0", "ops:1"]);
    deepEqual(await run(b.env, "switch", "ops"), { current: "ops" });
    const listed = await hermes(["kanban", "list", "--json"], { env: b.env });
    equal(listed.json<unknown[]>().length, 1, "b's commands use ops now");

    const archived = await run(a.env, "rm", "ops");
    equal(archived.action, "archived");
    ok(
      String(archived.recover).startsWith('ALTER SCHEMA "hermes__archived_'),
      String(archived.recover),
    );
    deepEqual(await slugs(b.env), ["default:0"], "an archived board is listed nowhere");
    const refused = await hermes(["kanban", "list", "--board", "ops"], { env: b.env });
    equal(refused.code, 2, refused.stderr);

    await run(b.env, "create", "ops");
    await create(b.env, ["u", "--board", "ops"]);
    const busy = await hermes(["kanban", "boards", "rm", "ops", "--delete"], { env: a.env });
    equal(busy.code, 1, busy.stderr);
    ok(busy.stderr.includes("has 1 task"), busy.stderr);
    equal((await run(a.env, "rm", "ops", "--delete", "--force")).action, "deleted");
    deepEqual(await slugs(a.env), ["default:0"]);
  },
}));

Deno.test(needing(missing, {
  name: "postgres board: dispatch --until-idle runs a chain to the end",
  async fn() {
    await using home = await pgHome();
    const a = await create(home.env, ["a", "--assignee", "shell", "--body", "echo a"]);
    const b = await create(home.env, [
      "b",
      "--assignee",
      "shell",
      "--body",
      "echo b",
      "--parent",
      a,
    ]);
    const r = await hermes(["kanban", "dispatch", "--until-idle", "--json"], { env: home.env });
    equal(r.code, 0, r.stderr);
    const show = await hermes(["kanban", "show", b, "--json"], { env: home.env });
    equal(show.json<{ task: { status: string } }>().task.status, "done");
  },
}));

Deno.test(needing(missing, {
  name: "postgres board: another host's run is reclaimed once its lease lapses, by lease alone",
  async fn() {
    await using home = await pgHome();
    const id = await create(home.env, ["t", "--assignee", "shell", "--body", "echo fine"]);
    const store = await home.open();
    let runId: number;
    try {
      const d = openDispatch(store);
      runId = d.tx(() => d.claim(id, "elsewhere:99", 1))!.runId;
      d.recordSpawns([{
        taskId: id,
        runId,
        proc: { host: "elsewhere", bootId: "b", pidNs: "ns", pid: 99, startTicks: 1 },
        logPath: "/nonexistent/run.log",
        workspace: "/nonexistent",
      }]);
      const expires = store.requireTask(id).claim_expires!;
      await waitFor(() => store.now() > expires, { what: "the lease to lapse" });
    } finally {
      store.close();
    }
    const r = await hermes(["kanban", "dispatch", "--until-idle", "--json"], {
      env: { ...home.env, HERMES_HOST_ID: "here" },
    });
    equal(r.code, 0, r.stderr);
    const again = await home.open();
    try {
      deepEqual(again.runs(id).map((x) => [x.id === runId, x.status]), [
        [true, "reclaimed"],
        [false, "done"],
      ]);
    } finally {
      again.close();
    }
  },
}));

Deno.test(needing(missing, {
  name: "postgres board: an unreachable database is one line naming the URL without its password",
  async fn() {
    await using home = await tempHome({
      HERMES_KANBAN_DB_URL: `postgres://someone:${SECRET}@127.0.0.1:1/nowhere`,
    });
    const r = await hermes(["kanban", "list"], { env: home.env });
    equal(r.code, 1);
    equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    ok(r.stderr.includes("postgres://someone:***@127.0.0.1:1/nowhere"), r.stderr);
    ok(!r.stderr.includes(SECRET), r.stderr);
  },
}));

Deno.test(needing(missing, {
  name:
    "postgres board: three gateways as separate processes run every task exactly once, never twice at a time",
  async fn() {
    await using home = await pgHome();
    const marks = await Deno.makeTempDir({ prefix: "hermes-marks-" });
    const n = 60;
    try {
      // Each worker marks its own start and end (ns), named by task and run.
      const body = `m=${marks}/$HERMES_KANBAN_TASK.$HERMES_KANBAN_RUN_ID; ` +
        `date +%s%N > $m.start; sleep 0.05; date +%s%N > $m.end`;
      await using h2 = await tempHome({ HERMES_KANBAN_DB_URL: home.env.HERMES_KANBAN_DB_URL });
      await using h3 = await tempHome({ HERMES_KANBAN_DB_URL: home.env.HERMES_KANBAN_DB_URL });
      const gws = [];
      for (const [i, h] of [home, h2, h3].entries()) {
        gws.push(await runGateway(h, ["--no-dashboard"], { env: { HERMES_HOST_ID: `h${i + 1}` } }));
      }
      const store = await home.open();
      try {
        const ids = store.tx(() =>
          Array.from(
            { length: n },
            (_, i) => store.createTask({ title: `t${i}`, assignee: "shell", body }).task.id,
          )
        );
        await waitFor(() => ids.every((id) => store.getTask(id)?.status === "done"), {
          timeoutMs: 120_000,
          what: "every task done",
        });
        const homes = new Set<number>();
        for (const id of ids) {
          const runs = store.runs(id);
          deepEqual(runs.map((r) => r.outcome), ["completed"], `${id}: exactly one run`);
          // The spawned event names the run's log, under the home of the gateway that ran it.
          const log = String(
            store.events({ afterId: 0, taskId: id, kinds: ["spawned"] })[0]?.payload?.log,
          );
          homes.add([home.path, h2.path, h3.path].findIndex((p) => log.startsWith(`${p}/`)) + 1);
          const spans = runs.map((r) => {
            const m = `${marks}/${id}.${r.id}`;
            return [Deno.readTextFileSync(`${m}.start`), Deno.readTextFileSync(`${m}.end`)].map(
              (t) => BigInt(t.trim()),
            );
          });
          spans.sort((a, b) => (a[0] < b[0] ? -1 : 1));
          for (let k = 1; k < spans.length; k++) {
            ok(spans[k][0] >= spans[k - 1][1], `${id}: runs overlap`);
          }
        }
        deepEqual(homes.has(0), false, "every run's log is under one of the gateways' homes");
        ok(homes.size >= 2, `the work was shared: ${[...homes]}`);
      } finally {
        store.close();
      }
      for (const gw of gws) {
        gw.kill("SIGTERM");
        await gw.status;
        ok(!gw.stderr().includes(SECRET));
      }
    } finally {
      await Deno.remove(marks, { recursive: true });
    }
  },
}));

Deno.test(needing(missing, {
  name: "postgres board: doctor checks the schema and the tasks, and names a lapsed claim",
  async fn() {
    await using home = await pgHome();
    const id = await create(home.env, ["t", "--assignee", "shell"]);
    const healthy = await hermes(["kanban", "doctor", "--json"], { env: home.env });
    equal(healthy.code, 0, healthy.stdout);
    const h = healthy.json<{ file: { kind: string }; schema: { state: string }; path: string }>();
    deepEqual([h.file.kind, h.schema.state], ["postgres", "current"]);
    ok(!healthy.stdout.includes(SECRET), "no password in doctor's report");
    const store = await home.open();
    try {
      const d = openDispatch(store);
      d.tx(() => d.claim(id, "elsewhere:1", 1));
      const expires = store.requireTask(id).claim_expires!;
      await waitFor(() => store.now() > expires, { what: "the lease to lapse" });
    } finally {
      store.close();
    }
    const sick = await hermes(["kanban", "doctor", "--json"], { env: home.env });
    equal(sick.code, 1, sick.stdout);
    deepEqual(
      sick.json<{ problems: { code: string; task_id: string }[] }>().problems.map((p) => [
        p.code,
        p.task_id,
      ]),
      [["expired_claim", id]],
    );
    const none = await hermes(["kanban", "doctor", "--board", "nope", "--json"], { env: home.env });
    equal(none.json<{ problems: { code: string }[] }>().problems[0].code, "no_board");
  },
}));

Deno.test(needing(missing, {
  name:
    "postgres board: a host lost mid-run (gateway and workers killed) has its tasks finished by another once the leases lapse",
  async fn() {
    await using a = await pgHome();
    await using b = await tempHome({ HERMES_KANBAN_DB_URL: a.env.HERMES_KANBAN_DB_URL });
    const config = "kanban:\n  dispatch_interval_seconds: 1\n";
    Deno.writeTextFileSync(`${a.path}/config.yaml`, config);
    Deno.writeTextFileSync(`${b.path}/config.yaml`, config);
    const env = { HERMES_KANBAN_CLAIM_TTL_SECONDS: "5" };
    const gwA = await runGateway(a, ["--no-dashboard"], { env: { ...env, HERMES_HOST_ID: "a" } });
    const store = await a.open();
    try {
      const ids = store.tx(() =>
        [0, 1, 2].map((i) =>
          store.createTask({ title: `t${i}`, assignee: "shell", body: "sleep 7" }).task.id
        )
      );
      await waitFor(() => ids.every((id) => store.getTask(id)?.worker_pid), {
        timeoutMs: 20_000,
        what: "host a running every task",
      });
      await using gwB = await runGateway(b, ["--no-dashboard"], {
        env: { ...env, HERMES_HOST_ID: "b" },
      });
      // Host a renews its leases before they run out, and b leaves its live runs alone.
      await waitFor(
        () =>
          ids.every((id) =>
            store.events({ afterId: 0, taskId: id, kinds: ["claim_extended"] }).length
          ),
        { timeoutMs: 20_000, what: "host a renewing its leases" },
      );
      const firstRuns = ids.map((id) => store.getTask(id)!.current_run_id);
      // Host a is lost: its gateway and its workers die at once.
      gwA.kill("SIGKILL");
      for (const id of ids) {
        const pid = store.getTask(id)!.worker_pid!;
        for (const target of [-pid, pid]) {
          try {
            Deno.kill(target, "SIGKILL");
          } catch { /* gone */ }
        }
      }
      await gwA.status;
      const lostAt = store.now();
      await waitFor(() => ids.every((id) => store.getTask(id)?.status === "done"), {
        timeoutMs: 60_000,
        what: "host b finishing every task",
      });
      for (const [i, id] of ids.entries()) {
        const runs = store.runs(id);
        deepEqual(runs.map((r) => [r.id === firstRuns[i], r.status]), [
          [true, "reclaimed"],
          [false, "done"],
        ], id);
        ok(runs[1].started_at >= lostAt, `${id}: the second run began after host a was lost`);
        const logs = store.events({ afterId: 0, taskId: id, kinds: ["spawned"] })
          .map((e) => String(e.payload?.log));
        ok(logs[0].startsWith(`${a.path}/`) && logs[1].startsWith(`${b.path}/`), logs.join(" "));
      }
      gwB.kill("SIGTERM");
      await gwB.status;
    } finally {
      store.close();
      gwA.kill("SIGKILL");
    }
  },
}));

/** A TCP proxy to PostgreSQL that the test can cut (connections dropped, new ones refused). */
class CuttableProxy {
  readonly port: number;
  #listener: Deno.Listener | null = null;
  readonly #conns = new Set<Deno.Conn>();
  readonly #target: { hostname: string; port: number };

  constructor(target: URL) {
    this.#target = { hostname: target.hostname, port: Number(target.port || 5432) };
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.port = (this.#listener.addr as Deno.NetAddr).port;
    this.#accept(this.#listener);
  }

  async #accept(l: Deno.Listener): Promise<void> {
    try {
      for await (const conn of l) {
        const up = await Deno.connect(this.#target).catch(() => null);
        if (!up) {
          conn.close();
          continue;
        }
        this.#conns.add(conn);
        this.#conns.add(up);
        const done = () => {
          for (const c of [conn, up]) {
            this.#conns.delete(c);
            try {
              c.close();
            } catch { /* closed */ }
          }
        };
        conn.readable.pipeTo(up.writable).catch(() => {}).finally(done);
        up.readable.pipeTo(conn.writable).catch(() => {}).finally(done);
      }
    } catch { /* the listener was closed */ }
  }

  /** Drop every connection and refuse new ones. */
  cut(): void {
    this.#listener?.close();
    this.#listener = null;
    for (const c of this.#conns) {
      try {
        c.close();
      } catch { /* closed */ }
    }
    this.#conns.clear();
  }

  /** Accept connections again, on the same port. */
  heal(): void {
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: this.port });
    this.#accept(this.#listener);
  }

  close(): void {
    this.cut();
  }
}

Deno.test(needing(missing, {
  name:
    "postgres board: a gateway cut off from the database stops its workers once their leases lapse, another host finishes the tasks, and it rejoins",
  async fn() {
    await using a = await pgHome();
    await using b = await tempHome({ HERMES_KANBAN_DB_URL: a.env.HERMES_KANBAN_DB_URL });
    const marks = await Deno.makeTempDir({ prefix: "hermes-marks-" });
    const proxy = new CuttableProxy(new URL(a.url));
    const viaProxy = new URL(a.url);
    viaProxy.port = String(proxy.port);
    try {
      const config = "kanban:\n  dispatch_interval_seconds: 1\n";
      Deno.writeTextFileSync(`${a.path}/config.yaml`, config);
      Deno.writeTextFileSync(`${b.path}/config.yaml`, config);
      const env = { HERMES_KANBAN_CLAIM_TTL_SECONDS: "5" };
      await using gwA = await runGateway(a, ["--no-dashboard"], {
        env: { ...env, HERMES_HOST_ID: "a", HERMES_KANBAN_DB_URL: viaProxy.toString() },
      });
      // The first run of a task waits (stopped by SIGTERM, it marks its end); later ones finish.
      const body = `m=${marks}/$HERMES_KANBAN_TASK.$HERMES_KANBAN_RUN_ID; date +%s%N > $m.start; ` +
        `if [ -e ${marks}/$HERMES_KANBAN_TASK.seen ]; then date +%s%N > $m.end; exit 0; fi; ` +
        `touch ${marks}/$HERMES_KANBAN_TASK.seen; ` +
        `trap 'date +%s%N > $m.end; exit 143' TERM; sleep 60 & wait`;
      const store = await a.open();
      try {
        const ids = store.tx(() =>
          [0, 1].map((i) => store.createTask({ title: `t${i}`, assignee: "shell", body }).task.id)
        );
        await waitFor(() => ids.every((id) => store.getTask(id)?.worker_pid), {
          timeoutMs: 20_000,
          what: "host a running both tasks",
        });
        const first = ids.map((id) => store.getTask(id)!.current_run_id!);
        await using gwB = await runGateway(b, ["--no-dashboard"], {
          env: { ...env, HERMES_HOST_ID: "b" },
        });
        proxy.cut();
        await waitFor(() => ids.every((id) => store.getTask(id)?.status === "done"), {
          timeoutMs: 60_000,
          what: "host b finishing the tasks of the cut-off host",
        });
        for (const [i, id] of ids.entries()) {
          const runs = store.runs(id);
          deepEqual(runs.map((r) => [r.id === first[i], r.status]), [
            [true, "reclaimed"],
            [false, "done"],
          ], id);
          const mark = (run: number, end: string) =>
            BigInt(Deno.readTextFileSync(`${marks}/${id}.${run}.${end}`).trim());
          ok(
            mark(first[i], "end") <= mark(runs[1].id, "start"),
            `${id}: host a's worker stopped before host b's began`,
          );
          // The cut-off worker's run no longer holds the task: its late writes are refused.
          const late = await hermes(["kanban", "heartbeat", "--note", "late"], {
            env: { ...a.env, HERMES_KANBAN_TASK: id, HERMES_KANBAN_RUN_ID: String(first[i]) },
          });
          equal(late.code, 1, late.stderr);
          equal(store.getTask(id)?.status, "done");
        }
        ok(gwA.stderr().includes("ran out while the board could not be reached"), gwA.stderr());
        // The link returns: host a rejoins and dispatches again.
        proxy.heal();
        gwB.kill("SIGTERM");
        await gwB.status;
        const after = store.createTask({ title: "after", assignee: "shell", body: "true" }).task.id;
        await waitFor(() => store.getTask(after)?.status === "done", {
          timeoutMs: 30_000,
          what: "host a dispatching again after the link returned",
        });
        const log = String(
          store.events({ afterId: 0, taskId: after, kinds: ["spawned"] })[0]?.payload?.log,
        );
        ok(log.startsWith(`${a.path}/`), log);
        for (const id of ids) equal(store.runs(id).length, 2, `${id}: no third run`);
      } finally {
        store.close();
      }
      ok(!gwA.stderr().includes(SECRET));
    } finally {
      proxy.close();
      await Deno.remove(marks, { recursive: true });
    }
  },
}));

Deno.test(needing(missing ?? await ownServerMissing(), {
  name: "postgres board: the database restarting mid-run loses no task and runs none twice",
  async fn() {
    await using server = await startOwnServer();
    await using home = await tempHome({ HERMES_KANBAN_DB_URL: server.url });
    Deno.writeTextFileSync(`${home.path}/config.yaml`, "kanban:\n  dispatch_interval_seconds: 1\n");
    await using gw = await runGateway(home);
    await prepareStore(home.path, (k) => (k === "HERMES_KANBAN_DB_URL" ? server.url : undefined));
    let store = openBoard(home.path, "default", {});
    const ids = store.tx(() =>
      Array.from(
        { length: 6 },
        (_, i) => store.createTask({ title: `t${i}`, assignee: "shell", body: "sleep 1" }).task.id,
      )
    );
    await waitFor(() => ids.some((id) => store.getTask(id)?.status === "running"), {
      timeoutMs: 20_000,
      what: "a task running",
    });
    store.close();
    await server.restart();
    store = openBoard(home.path, "default", {});
    try {
      await waitFor(() => ids.every((id) => store.getTask(id)?.status === "done"), {
        timeoutMs: 60_000,
        what: "every task done after the restart",
      }).catch((e) => {
        throw new Error(
          `${e.message}: ${ids.map((id) => store.getTask(id)?.status).join(" ")}\n${gw.stderr()}`,
        );
      });
      for (const id of ids) {
        equal(store.runs(id).filter((r) => r.outcome === "completed").length, 1, id);
      }
      // The gateway's feed listens again: a task created now is run without a sweep's delay.
      const after = store.createTask({ title: "after", assignee: "shell", body: "true" }).task.id;
      await waitFor(() => store.getTask(after)?.status === "done", {
        timeoutMs: 20_000,
        what: "a task created after the restart",
      });
    } finally {
      store.close();
    }
    gw.kill("SIGTERM");
    await gw.status;
  },
}));
