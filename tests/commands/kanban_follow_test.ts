import { deepEqual, equal, match, ok } from "../support/assert.ts";
import type { TaskEvent } from "../../lib/board/mod.ts";
import { hermes, spawnHermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { withBoard } from "../board/fixtures.ts";

/** A long-running `hermes` child whose stdout is collected as it arrives. */
class Follower implements AsyncDisposable {
  out = "";
  err = "";
  readonly child: Deno.ChildProcess;
  readonly #pumps: Promise<void>[];

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawnHermes(args, env);
    this.#pumps = [
      this.#pump(this.child.stdout, (s) => this.out += s),
      this.#pump(this.child.stderr, (s) => this.err += s),
    ];
  }

  async #pump(stream: ReadableStream<Uint8Array>, add: (s: string) => void): Promise<void> {
    const dec = new TextDecoder();
    for await (const chunk of stream) add(dec.decode(chunk, { stream: true }));
  }

  /** Parsed JSON lines so far. */
  events(): TaskEvent[] {
    return this.out.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as TaskEvent);
  }

  /** Send `signal` and wait for the exit code. */
  async stop(signal: Deno.Signal): Promise<number> {
    this.child.kill(signal);
    const { code } = await this.child.status;
    await Promise.all(this.#pumps);
    return code;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    try {
      this.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await this.child.status;
    await Promise.all(this.#pumps).catch(() => {});
  }
}

function latestEventId(home: string): number {
  return withBoard(home, (s) => s.latestEventId());
}

Deno.test("kanban watch prints changes made by other processes until SIGTERM", async () => {
  await using home = await tempHome();
  const since = latestEventId(home.path);
  await using w = new Follower(
    ["kanban", "watch", "--json", "--interval", "0.05", "--since", String(since)],
    home.env,
  );
  const c = await hermes(["kanban", "create", "live one", "--json"], { env: home.env });
  const id = c.json<{ id: string }>().id;
  await hermes(["kanban", "comment", id, "hello"], { env: home.env });
  await hermes(["kanban", "complete", id], { env: home.env });
  await waitFor(() => w.events().some((e) => e.kind === "completed"), {
    timeoutMs: 10_000,
    what: "the completed event",
  });
  deepEqual(w.events().map((e) => [e.task_id, e.kind]), [
    [id, "created"],
    [id, "commented"],
    [id, "completed"],
  ]);
  const ids = w.events().map((e) => e.id);
  deepEqual(ids, [...ids].sort((a, b) => a - b), "events arrive in id order");
  equal(await w.stop("SIGTERM"), 0, w.err);
  equal(w.err, "");
});

Deno.test("kanban tail follows one task in human form and exits 0 on SIGINT", async () => {
  await using home = await tempHome();
  const [id, other] = withBoard(home.path, (s) => [
    s.createTask({ title: "watched" }).task.id,
    s.createTask({ title: "other" }).task.id,
  ]);
  await using t = new Follower(["kanban", "tail", id, "--interval", "0.05"], home.env);
  await waitFor(() => t.out.includes(" created"), { what: "the task's history" });
  await hermes(["kanban", "comment", other, "elsewhere"], { env: home.env });
  await hermes(["kanban", "block", id, "stuck"], { env: home.env });
  await waitFor(() => t.out.includes(" blocked"), { what: "the blocked event" });
  const lines = t.out.trim().split("\n");
  equal(lines.length, 2, t.out);
  match(lines[0], new RegExp(`^#\\d+  \\d{4}-\\d\\d-\\d\\dT\\S+Z  ${id}  created  \\{`));
  match(
    lines[1],
    new RegExp(`^#\\d+  \\S+  ${id}  blocked  \\{"reason":"stuck","kind":null,"recurrences":1\\}$`),
  );
  ok(!t.out.includes(other), "other tasks' events are not shown");
  equal(await t.stop("SIGINT"), 0, t.err);
});

Deno.test("kanban watch --once prints what exists and honours its filters", async () => {
  await using home = await tempHome();
  const a = withBoard(home.path, (s) => {
    const a = s.createTask({ title: "a", assignee: "ann", tenant: "acme" }).task.id;
    const b = s.createTask({ title: "b", assignee: "bob" }).task.id;
    s.comment(a, "x", "hi");
    s.comment(b, "x", "hi");
    return a;
  });
  const base = ["kanban", "watch", "--once", "--since", "0", "--json"];
  const all = await hermes(base, { env: home.env });
  equal(all.code, 0, all.stderr);
  equal(all.stdout.trim().split("\n").length, 4);
  const ann = await hermes([...base, "--assignee", "ann"], { env: home.env });
  deepEqual(ann.stdout.trim().split("\n").map((l) => JSON.parse(l).task_id), [a, a]);
  const acme = await hermes([...base, "--tenant", "acme", "--kinds", "commented"], {
    env: home.env,
  });
  deepEqual(
    acme.stdout.trim().split("\n").map((l) => [JSON.parse(l).task_id, JSON.parse(l).kind]),
    [
      [a, "commented"],
    ],
  );
  const kinds = await hermes([...base, "--kinds", "created,commented", "--kinds", "nothing"], {
    env: home.env,
  });
  equal(kinds.stdout.trim().split("\n").length, 4);
  const human = await hermes(
    ["kanban", "watch", "--once", "--since", "0", "--kinds", "commented"],
    {
      env: home.env,
    },
  );
  match(human.stdout, new RegExp(`^#\\d+  \\S+Z  ${a}  commented  \\{"author":"x","len":2\\}\n#`));
  const fresh = await hermes(["kanban", "watch", "--once"], { env: home.env });
  equal(fresh.stdout, "", "without --since, watch starts at the newest event");
  const first = JSON.parse(all.stdout.split("\n")[0]).id;
  const after = await hermes([...base.slice(0, 3), "--since", String(first), "--json"], {
    env: home.env,
  });
  equal(after.stdout.trim().split("\n").length, 3, "--since skips up to that id");
});

Deno.test("kanban tail --once prints a task's events; bad input is refused", async () => {
  await using home = await tempHome();
  const id = withBoard(home.path, (s) => s.createTask({ title: "x" }).task.id);
  const r = await hermes(["kanban", "tail", id, "--once", "--json"], { env: home.env });
  equal(r.code, 0, r.stderr);
  deepEqual(r.stdout.trim().split("\n").map((l) => JSON.parse(l).kind), ["created"]);
  const cases: [string[], number][] = [
    [["tail", "t_00000000", "--once"], 1],
    [["tail", id, "--interval", "0"], 2],
    [["tail", id, "--interval", "fast"], 2],
    [["watch", "--since", "-1"], 2],
    [["watch", "--since", "x"], 2],
  ];
  for (const [argv, code] of cases) {
    const res = await hermes(["kanban", ...argv], { env: home.env });
    equal(res.code, code, argv.join(" "));
    equal(res.stderr.trim().split("\n").length, 1, res.stderr);
  }
});
