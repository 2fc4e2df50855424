import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { type Status, STATUSES } from "../../lib/board/mod.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { snapshot } from "../support/board.ts";
import { taskInEachStatus, withBoard } from "../board/fixtures.ts";

interface Result {
  id: string;
  ok: boolean;
  changed?: boolean;
  task?: { status: Status };
  error?: { code: string; message: string };
}

type Want = Status | { refused: string };
const refused = (code = "invalid_state"): Want => ({ refused: code });

/** Multi-id verbs and what each does from every status (Hermes's state machine and its guards). */
const MULTI: Record<string, { argv: (ids: string[]) => string[]; want: Record<Status, Want> }> = {
  complete: {
    argv: (ids) => ["complete", ...ids],
    want: {
      triage: refused(),
      todo: refused(),
      scheduled: refused(),
      ready: "done",
      running: "done",
      blocked: "done",
      review: "done",
      done: "done",
      archived: refused(),
    },
  },
  block: {
    argv: (ids) => ["block", "--ids", ids.join(","), "need", "input"],
    want: {
      triage: refused(),
      todo: refused(),
      scheduled: refused(),
      ready: "blocked",
      running: "blocked",
      blocked: refused(),
      review: refused(),
      done: refused(),
      archived: refused(),
    },
  },
  unblock: {
    argv: (ids) => ["unblock", ...ids],
    want: {
      triage: refused(),
      todo: refused(),
      scheduled: "ready",
      ready: refused(),
      running: refused(),
      blocked: "ready",
      review: refused(),
      done: refused(),
      archived: refused(),
    },
  },
  archive: {
    argv: (ids) => ["archive", ...ids],
    want: {
      triage: "archived",
      todo: "archived",
      scheduled: "archived",
      ready: "archived",
      running: "archived",
      blocked: "archived",
      review: "archived",
      done: "archived",
      archived: refused(),
    },
  },
  promote: {
    argv: (ids) => ["promote", ...ids],
    want: {
      triage: "ready",
      todo: refused("parents_pending"),
      scheduled: "ready",
      ready: refused(),
      running: refused(),
      blocked: refused(),
      review: refused(),
      done: refused(),
      archived: refused(),
    },
  },
};

for (const [verb, { argv, want }] of Object.entries(MULTI)) {
  Deno.test(`kanban ${verb} applies the state machine to every status, one result per id`, async () => {
    await using home = await tempHome();
    const ids = withBoard(home.path, taskInEachStatus);
    const order = STATUSES.map((s) => ids[s]);
    const r = await hermes(["kanban", ...argv(order), "--json"], { env: home.env });
    equal(r.code, 1, "some ids are refused, so exit 1");
    const { results } = r.json<{ results: Result[] }>();
    deepEqual(results.map((x) => x.id), order);
    for (const [i, from] of STATUSES.entries()) {
      const w = want[from];
      const got = results[i];
      if (typeof w === "string") {
        ok(got.ok, `${verb} from ${from}: ${got.error?.message}`);
        equal(got.task?.status, w, `${verb} from ${from}`);
      } else {
        equal(got.ok, false, `${verb} from ${from} must be refused`);
        equal(got.error?.code, w.refused, `${verb} from ${from}`);
        match(got.error!.message, new RegExp(`cannot ${verb} ${ids[from]}`));
      }
    }
    const refusals = r.stderr.trim().split("\n");
    equal(refusals.length, Object.values(want).filter((w) => typeof w !== "string").length);
  });
}

Deno.test("kanban claim claims only a ready task, or one in review (for its reviewer)", async () => {
  await using home = await tempHome();
  const ids = withBoard(home.path, taskInEachStatus);
  const runs = await Promise.all(
    STATUSES.map((s) => hermes(["kanban", "claim", ids[s]], { env: home.env })),
  );
  for (const [i, from] of STATUSES.entries()) {
    const r = runs[i];
    if (from === "ready" || from === "review") {
      equal(r.code, 0, r.stderr);
      match(
        r.stdout,
        new RegExp(
          `^Claimed ${ids[from]}\nWorkspace: ${home.path}/kanban/workspaces/${ids[from]}\n$`,
        ),
      );
      ok(Deno.statSync(`${home.path}/kanban/workspaces/${ids[from]}`).isDirectory);
    } else {
      equal(r.code, 1, `claim from ${from}`);
      match(r.stderr, new RegExp(`^hermes: cannot claim ${ids[from]}: status=${from} lock=`));
      equal(r.stderr.trim().split("\n").length, 1);
    }
  }
});

Deno.test("kanban claim --json reports the lock, lease and run", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "x", assignee: "w" }).task.id);
  const r = await hermes(["kanban", "claim", id, "--ttl", "60", "--json"], { env: home.env });
  equal(r.code, 0, r.stderr);
  const j = r.json<{
    task: { status: string };
    run_id: number;
    lock: string;
    expires: number;
    workspace: string;
  }>();
  equal(j.task.status, "running");
  match(j.lock, /^[^:]+:\d+$/);
  ok(j.run_id > 0);
  ok(Math.abs(j.expires - Math.floor(Date.now() / 1000) - 60) <= 5);
  equal(j.workspace, `${home.path}/kanban/workspaces/${id}`);
  const bad = await hermes(["kanban", "claim", id, "--ttl", "soon"], { env: home.env });
  equal(bad.code, 2);
});

Deno.test("kanban claim prepares a dir: workspace first and claims nothing when it cannot", async () => {
  await using home = await tempHome();
  const dir = `${home.path}/project`;
  const [missing, present] = withBoard(home.path, (s) => [
    s.createTask({ title: "m", workspace: { kind: "dir", path: `${home.path}/nowhere` } }).task.id,
    s.createTask({ title: "p", workspace: { kind: "dir", path: dir } }).task.id,
  ]);
  await Deno.mkdir(dir);
  const before = snapshot(home.path);
  const bad = await hermes(["kanban", "claim", missing], { env: home.env });
  equal(bad.code, 1);
  match(bad.stderr, /nowhere does not exist/);
  equal(bad.stderr.trim().split("\n").length, 1);
  deepEqual(snapshot(home.path), before, "the task was not claimed");
  const good = await hermes(["kanban", "claim", present], { env: home.env });
  equal(good.code, 0, good.stderr);
  equal(good.stdout, `Claimed ${present}\nWorkspace: ${await Deno.realPath(dir)}\n`);
});

Deno.test("kanban heartbeat works only on a running task and extends its lease", async () => {
  await using home = await tempHome();
  const ids = withBoard(home.path, taskInEachStatus);
  const env = { ...home.env, HERMES_KANBAN_CLAIM_TTL_SECONDS: "5000" };
  const runs = await Promise.all(
    STATUSES.map((s) => hermes(["kanban", "heartbeat", ids[s], "--note", "alive"], { env })),
  );
  for (const [i, from] of STATUSES.entries()) {
    const r = runs[i];
    if (from === "running") {
      equal(r.code, 0, r.stderr);
      match(r.stdout, new RegExp(`^Heartbeat ${ids.running} \\(lease until \\S+Z\\)\n$`));
    } else {
      equal(r.code, 1, `heartbeat from ${from}`);
      match(r.stderr, new RegExp(`could not heartbeat ${ids[from]}: it is ${from}, not running`));
    }
  }
  const j = await hermes(["kanban", "heartbeat", ids.running, "--json"], { env });
  const hb = j.json<{ ok: boolean; claim_expires: number; last_heartbeat_at: number }>();
  equal(hb.ok, true);
  ok(hb.claim_expires - hb.last_heartbeat_at >= 4990, "lease extended by the env TTL");
  const bad = await hermes(["kanban", "heartbeat", ids.running], {
    env: { ...home.env, HERMES_KANBAN_CLAIM_TTL_SECONDS: "ten" },
  });
  equal(bad.code, 2);
  match(bad.stderr, /HERMES_KANBAN_CLAIM_TTL_SECONDS/);
});

Deno.test("kanban transitions print one human line per id", async () => {
  await using home = await tempHome();
  const [a, b] = withBoard(home.path, (s) => [
    s.createTask({ title: "a" }).task.id,
    s.createTask({ title: "b" }).task.id,
  ]);
  const blk = await hermes(["kanban", "block", a, "waiting", "for", "keys"], { env: home.env });
  equal(blk.code, 0, blk.stderr);
  equal(blk.stdout, `Blocked ${a}: waiting for keys\n`);
  const unb = await hermes(["kanban", "unblock", a], { env: home.env });
  equal(unb.stdout, `Unblocked ${a} (ready)\n`);
  const cmp = await hermes(["kanban", "complete", a, b, "--result", "ok"], { env: home.env });
  equal(cmp.code, 0, cmp.stderr);
  equal(cmp.stdout, `Completed ${a}\nCompleted ${b}\n`);
  const again = await hermes(["kanban", "complete", a, "--result", "ok"], { env: home.env });
  equal(again.code, 0, "completing again with the same result is a no-op success");
  equal(again.stdout, `Completed ${a} (already done; unchanged)\n`);
  const arc = await hermes(["kanban", "archive", a, "t_00000000"], { env: home.env });
  equal(arc.code, 1);
  equal(arc.stdout, `Archived ${a}\n`);
  equal(arc.stderr, "hermes: no such task: t_00000000\n");
  const show = await hermes(["kanban", "show", a, "--json"], { env: home.env });
  const c = show.json<{ comments: { body: string }[] }>().comments;
  deepEqual(c.map((x) => x.body), ["BLOCKED: waiting for keys"]);
});

Deno.test("kanban promote moves a triage task out of triage", async () => {
  await using home = await tempHome();
  const [p, t, lone] = withBoard(home.path, (s) => {
    const p = s.createTask({ title: "p" }).task.id;
    return [
      p,
      s.createTask({ title: "t", triage: true, parents: [p] }).task.id,
      s.createTask({ title: "lone", triage: true }).task.id,
    ];
  });
  const r = await hermes(["kanban", "promote", t, lone], { env: home.env });
  equal(r.code, 0, r.stderr);
  equal(r.stdout, `Promoted ${t} (todo: waiting on parents)\nPromoted ${lone} (ready)\n`);
  await hermes(["kanban", "complete", p], { env: home.env });
  const l = await hermes(["kanban", "list", "--json"], { env: home.env });
  const st = Object.fromEntries(
    l.json<{ id: string; status: string }[]>().map((x) => [x.id, x.status]),
  );
  equal(st[t], "ready", "completing the parent promotes the child");
});

Deno.test("kanban complete takes summary and metadata for one task only", async () => {
  await using home = await tempHome();
  const [a, b] = withBoard(home.path, (s) => [
    s.createTask({ title: "a" }).task.id,
    s.createTask({ title: "b" }).task.id,
  ]);
  const before = snapshot(home.path);
  for (
    const argv of [
      ["complete", a, b, "--summary", "x"],
      ["complete", a, b, "--metadata", "{}"],
      ["complete", a, "--metadata", "[1]"],
      ["complete", a, "--metadata", "{nope"],
      ["complete"],
    ]
  ) {
    const r = await hermes(["kanban", ...argv], { env: home.env });
    equal(r.code, 2, argv.join(" "));
    equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
  deepEqual(snapshot(home.path), before, "refused usage leaves the board unchanged");
  const ok1 = await hermes(
    ["kanban", "complete", a, "--summary", "shipped\nmore", "--metadata", '{"files":3}', "--json"],
    { env: home.env },
  );
  equal(ok1.code, 0, ok1.stderr);
  const runs = await hermes(["kanban", "runs", a, "--json"], { env: home.env });
  const [run] = runs.json<{ status: string; summary: string; metadata: unknown }[]>();
  equal(run.status, "done");
  equal(run.summary, "shipped\nmore");
  deepEqual(run.metadata, { files: 3 });
});

Deno.test("kanban refused transitions leave the board unchanged", async () => {
  await using home = await tempHome();
  const ids = withBoard(home.path, taskInEachStatus);
  const before = snapshot(home.path);
  for (
    const argv of [
      ["complete", ids.triage],
      ["block", ids.done, "x"],
      ["unblock", ids.ready],
      ["archive", ids.archived],
      ["promote", ids.running],
      ["claim", ids.blocked],
    ]
  ) {
    const r = await hermes(["kanban", ...argv, "--json"], { env: home.env });
    equal(r.code, 1, argv.join(" "));
  }
  deepEqual(snapshot(home.path), before);
  equal(before.integrity, "ok");
  withBoard(home.path, (s) => equal(s.requireTask(ids.done).result, "r"));
});
