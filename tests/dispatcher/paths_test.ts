/**
 * A task down every path, with real worker processes: success, block, 78, 75,
 * SIGKILL, timeout, spawn failures, report mode, a refused worker, a dependency chain.
 */

import { equal, match, ok } from "../support/assert.ts";
import { deepEqual } from "../support/assert.ts";
import { readExitFile } from "../../lib/workers/mod.ts";
import { MAIN, PERMISSION_FLAGS } from "../support/cli.ts";
import { waitFor } from "../support/wait.ts";
import {
  eventKinds,
  fixture,
  groupGone,
  lastEvent,
  runsOf,
  TEST_CONFIG,
  tickUntil,
} from "./fixture.ts";

const PROFILES = `${TEST_CONFIG}
  failure_limit: 2
  profiles:
    reporter:
      command: ["sh", "-c", "{body}"]
      completion: report
    broken:
      command: ["no-such-command-hx-test"]
      completion: exit_code
`;

Deno.test("dispatch runs a shell task that exits 0 to done with its output as result", async () => {
  await using fx = await fixture();
  const t = fx.create("hello", { body: "echo hello from $HERMES_KANBAN_TASK" });
  const d = fx.dispatcher();
  const first = await d.tick();
  deepEqual(first.spawned.map((s) => [s.task_id, s.assignee]), [[t.id, "shell"]]);
  ok(first.spawned[0].workspace.endsWith(`/kanban/workspaces/${t.id}`));
  await tickUntil(d, () => fx.task(t.id).status === "done");
  const task = fx.task(t.id);
  equal(task.result, `hello from ${t.id}`);
  equal(task.current_run_id, null);
  const [run] = runsOf(fx.db, t.id);
  equal(run.status, "done");
  equal(run.exit_code, 0);
  ok(String(run.log_path).endsWith(".log"));
  deepEqual(eventKinds(fx.db, t.id), ["created", "claimed", "spawned", "completed"]);
});

Deno.test("dispatch blocks a shell task that exits 1 with the tail of its stderr", async () => {
  await using fx = await fixture();
  const t = fx.create("fails", { body: "echo 'first line'; echo 'disk is full' >&2; exit 1" });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "blocked");
  const reason = String(lastEvent(fx.db, t.id, "blocked")?.reason);
  match(reason, /^worker exited with code 1: first line\ndisk is full$/);
  const [run] = runsOf(fx.db, t.id);
  equal(run.status, "blocked");
  equal(run.exit_code, 1);
  equal(fx.task(t.id).consecutive_failures, 0);
});

Deno.test("dispatch blocks at once on exit 78, even in report mode", async () => {
  await using fx = await fixture(PROFILES);
  const t = fx.create("needs a person", {
    assignee: "reporter",
    body: "echo 'API key revoked' >&2; exit 78",
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "blocked");
  match(String(lastEvent(fx.db, t.id, "blocked")?.reason), /78.*API key revoked/s);
  equal(runsOf(fx.db, t.id).length, 1);
  equal(fx.task(t.id).consecutive_failures, 0);
});

Deno.test("dispatch retries an exit 75 later without spending the failure budget", async () => {
  await using fx = await fixture();
  // First attempt: rate limited. Second: works. The scratch workspace survives between runs.
  const t = fx.create("rate limited", {
    body: "if [ -f tried ]; then echo ok; exit 0; fi; touch tried; exit 75",
    maxRetries: 1,
  });
  const d = fx.dispatcher();
  const seen: string[] = [];
  await tickUntil(d, () => {
    const s = fx.task(t.id);
    seen.push(String(s.consecutive_failures));
    return s.status === "done";
  });
  deepEqual(runsOf(fx.db, t.id).map((r) => [r.status, r.exit_code]), [
    ["retry_later", 75],
    ["done", 0],
  ]);
  ok(seen.every((n) => n === "0"), "a 75 never counts as a failure");
  const ev = lastEvent(fx.db, t.id, "retry_later");
  equal(ev?.exit_code, 75);
  equal(ev?.attempts, 1);
});

Deno.test("dispatch holds a 75 back for the backoff before trying again", async () => {
  await using fx = await fixture(
    `${TEST_CONFIG.replace("retry_backoff_seconds: 0", "retry_backoff_seconds: 600")}`,
  );
  const t = fx.create("quota", { body: "exit 75" });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "ready" && runsOf(fx.db, t.id).length === 1);
  const r = await d.tick();
  equal(r.spawned.length, 0, "still in backoff");
  const ev = lastEvent(fx.db, t.id, "retry_later");
  equal(ev?.delay_seconds, 600);
  fx.skew.seconds = 601;
  const later = await d.tick();
  deepEqual(later.spawned.map((s) => s.task_id), [t.id]);
});

Deno.test("dispatch counts a SIGKILLed worker as crashed, kills its group and retries it", async () => {
  await using fx = await fixture();
  const t = fx.create("flaky", {
    body: "if [ -f once ]; then echo second; exit 0; fi; touch once; sleep 30",
  });
  const d = fx.dispatcher();
  await d.tick();
  const [first] = runsOf(fx.db, t.id);
  const pid = Number(first.pid);
  ok(pid > 1);
  const marker = `${fx.home.path}/kanban/workspaces/${t.id}/once`;
  await waitFor(() => Deno.statSync(marker).isFile, { what: "the worker to start" });
  Deno.kill(pid, "SIGKILL");
  await tickUntil(d, () => fx.task(t.id).status === "done");
  const runs = runsOf(fx.db, t.id);
  deepEqual(runs.map((r) => r.status), ["crashed", "done"]);
  equal(runs[0].exit_code, 137);
  match(String(runs[0].error), /killed by SIGKILL/);
  await waitFor(() => groupGone(pid), { what: "the crashed worker's sleep to be killed" });
  equal(fx.task(t.id).consecutive_failures, 0, "completion resets the counter");
  equal(lastEvent(fx.db, t.id, "crashed")?.failures, 1);
});

Deno.test("dispatch stops a run past its max runtime and kills its whole tree", async () => {
  await using fx = await fixture();
  const t = fx.create("slow", {
    body: "sleep 30 & sleep 30; wait",
    maxRuntimeSeconds: 1,
    maxRetries: 1,
  });
  const d = fx.dispatcher();
  await d.tick();
  const pid = Number(runsOf(fx.db, t.id)[0].pid);
  const r = await tickUntil(d, () => fx.task(t.id).status === "blocked", { timeoutMs: 20_000 });
  ok(r);
  const [run] = runsOf(fx.db, t.id);
  equal(run.status, "gave_up");
  const ev = lastEvent(fx.db, t.id, "gave_up");
  equal(ev?.cause, "timed_out");
  match(String(ev?.error), /^timed out once \(last: elapsed \d+s > limit 1s\)$/);
  equal(ev?.limit_seconds, 1);
  ok(await groupGone(pid), "no process of the worker's group is left");
});

Deno.test("max runtime counts from the current run, not the first attempt", async () => {
  await using fx = await fixture();
  const t = fx.create("retried", {
    body: "if [ -f once ]; then sleep 1; exit 0; fi; touch once; exit 75",
    maxRuntimeSeconds: 2,
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => runsOf(fx.db, t.id).length === 2);
  // Pretend the first attempt started long ago: only the current run's start may count.
  fx.db.prepare("UPDATE tasks SET started_at = started_at - 3600 WHERE id = ?").run(t.id);
  await tickUntil(d, () => fx.task(t.id).status === "done");
  deepEqual(runsOf(fx.db, t.id).map((r) => r.status), ["retry_later", "done"]);
});

Deno.test("an unknown profile gives up at the failure limit naming the true cause", async () => {
  await using fx = await fixture(PROFILES);
  const t = fx.create("ghostly", { assignee: "ghost" });
  const d = fx.dispatcher();
  const r1 = await d.tick();
  deepEqual(r1.skipped_nonspawnable, [t.id]);
  deepEqual(r1.spawn_failed, [t.id]);
  equal(fx.task(t.id).status, "ready");
  const r2 = await d.tick();
  deepEqual(r2.auto_blocked, [t.id]);
  const task = fx.task(t.id);
  equal(task.status, "blocked");
  equal(task.consecutive_failures, 2);
  deepEqual(runsOf(fx.db, t.id).map((r) => r.status), ["spawn_failed", "gave_up"]);
  const ev = lastEvent(fx.db, t.id, "gave_up");
  equal(ev?.failures, 2);
  match(String(ev?.error), /^could not be spawned 2 times \(last: unknown profile 'ghost'/);
  equal((await d.tick()).spawned.length, 0, "a gave_up task stays blocked");
});

Deno.test("a missing command gives up with command not found as the cause", async () => {
  await using fx = await fixture(PROFILES);
  const t = fx.create("broken", { assignee: "broken" });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "blocked");
  const ev = lastEvent(fx.db, t.id, "gave_up");
  equal(ev?.kind, "spawn_failed");
  equal(ev?.cause, "command_not_found");
  match(String(ev?.error), /no-such-command-hx-test' not found on PATH/);
  equal(lastEvent(fx.db, t.id, "spawn_failed")?.cause, "command_not_found");
});

Deno.test("a refused dir: workspace is a spawn failure with the reason", async () => {
  await using fx = await fixture(`${TEST_CONFIG}  workspace_roots: ["/nonexistent-root-hx"]\n`);
  const t = fx.create("outside", { workspace: { kind: "dir", path: "/tmp" }, maxRetries: 1 });
  const d = fx.dispatcher();
  await d.tick();
  equal(fx.task(t.id).status, "blocked");
  match(String(lastEvent(fx.db, t.id, "gave_up")?.error), /outside kanban\.workspace_roots/);
});

Deno.test("a report-mode worker that exits 0 without reporting is a protocol violation", async () => {
  await using fx = await fixture(PROFILES);
  const t = fx.create("forgetful", {
    assignee: "reporter",
    body: "echo did things",
    maxRetries: 2,
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "blocked");
  deepEqual(runsOf(fx.db, t.id).map((r) => r.status), ["protocol_violation", "gave_up"]);
  match(
    String(lastEvent(fx.db, t.id, "gave_up")?.error),
    /^exited without reporting 2 times \(last: worker exited 0 without completing or blocking/,
  );
});

Deno.test("a worker may complete its own task but is refused another one", async () => {
  const flags = PERMISSION_FLAGS.join(" ");
  const denoDir = Deno.env.get("DENO_DIR");
  await using fx = await fixture(`${TEST_CONFIG}
  profiles:
    agent:
      command: ["sh", "-c", "{body}"]
      completion: report
      env:
        HX_DENO: ${JSON.stringify(Deno.execPath())}
        HX_MAIN: ${JSON.stringify(MAIN)}
${denoDir ? `        DENO_DIR: ${JSON.stringify(denoDir)}\n` : ""}`);
  const other = fx.create("not yours", { assignee: null });
  const hx = `"$HX_DENO" run --quiet ${flags} "$HX_MAIN"`;
  const t = fx.create("mine", {
    assignee: "agent",
    body: `${hx} kanban complete ${other.id} 2>refused.txt; echo $? >rc.txt; ` +
      `${hx} kanban complete --result 'did mine'`,
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "done", { timeoutMs: 30_000 });
  const ws = `${fx.home.path}/kanban/workspaces/${t.id}`;
  equal(Deno.readTextFileSync(`${ws}/rc.txt`).trim(), "1");
  match(Deno.readTextFileSync(`${ws}/refused.txt`), /may only complete the task it holds/);
  equal(fx.task(other.id).status, "ready");
  equal(fx.task(t.id).result, "did mine");
  await waitFor(() => runsOf(fx.db, t.id)[0].exit_code === 0, { what: "exit recorded" });
});

Deno.test("a three-level dependency chain runs in order", async () => {
  await using fx = await fixture();
  const log = `${fx.home.path}/order.log`;
  const step = (name: string) =>
    `echo "start ${name} $(date +%s%N)" >>${log}; sleep 0.1; echo "end ${name} $(date +%s%N)" >>${log}`;
  const a = fx.create("a", { body: step("a") });
  const b = fx.create("b", { body: step("b"), parents: [a.id] });
  const c = fx.create("c", { body: step("c"), parents: [b.id] });
  equal(fx.task(b.id).status, "todo");
  const d = fx.dispatcher();
  const summary = await d.run({ untilIdle: true, pollMs: 2 });
  deepEqual(summary.finished.done.sort(), [a.id, b.id, c.id].sort());
  const lines = Deno.readTextFileSync(log).trim().split("\n").map((l) => l.split(" "));
  deepEqual(lines.map((l) => `${l[0]} ${l[1]}`), [
    "start a",
    "end a",
    "start b",
    "end b",
    "start c",
    "end c",
  ]);
  const times = lines.map((l) => BigInt(l[2]));
  for (let i = 1; i < times.length; i++) ok(times[i] >= times[i - 1]);
  const runs = [a, b, c].map((t) => runsOf(fx.db, t.id)[0]);
  for (let i = 1; i < runs.length; i++) {
    ok(
      Number(runs[i].started_at) >= Number(runs[i - 1].ended_at),
      "a child starts after its parent ended",
    );
  }
});

Deno.test("exit files let the next dispatcher finish a worker it did not start", async () => {
  await using fx = await fixture();
  const t = fx.create("outlives", { body: "sleep 0.5; echo adopted" });
  const first = fx.dispatcher();
  await first.tick();
  await first.close();
  const [run] = runsOf(fx.db, t.id);
  const exitPath = String(run.log_path).replace(/\.log$/, ".exit");
  const second = fx.dispatcher();
  const r = await second.tick();
  equal(r.reclaimed + r.crashed.length, 0, "a live worker is adopted, not reclaimed");
  equal(fx.task(t.id).status, "running");
  await waitFor(() => readExitFile(exitPath) === 0, { what: "the worker to finish" });
  const done = await tickUntil(second, () => fx.task(t.id).status === "done");
  ok(done);
  equal(fx.task(t.id).result, "adopted");
});

Deno.test("a worker's log is capped at kanban.log_max_bytes while it runs and at its end", async () => {
  await using fx = await fixture(`${TEST_CONFIG}  log_max_bytes: 4096\n`);
  // Capping is copy-truncate, so the test never caps while the worker writes.
  const t = fx.create("chatty", {
    body: 'i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i+1)); done; touch written; ' +
      "while [ ! -f go ]; do sleep 0.01; done; " +
      'j=0; while [ $j -lt 1000 ]; do echo "tail $j"; j=$((j+1)); done',
  });
  const ws = `${fx.home.path}/kanban/workspaces/${t.id}`;
  const d = fx.dispatcher();
  await d.tick();
  const log = await waitFor(() => runsOf(fx.db, t.id)[0]?.log_path as string | undefined);
  await waitFor(() => Deno.statSync(`${ws}/written`).isFile, { what: "the first burst" });
  await tickUntil(d, () => Deno.statSync(log).size <= 4096 + 200, { what: "the running cap" });
  match(Deno.readTextFileSync(log), /line 2999\n$/);
  Deno.writeTextFileSync(`${ws}/go`, "");
  await waitFor(() => Deno.statSync(log.replace(/\.log$/, ".exit")).isFile, { what: "the end" });
  await tickUntil(d, () => fx.task(t.id).status === "done");
  const size = Deno.statSync(log).size;
  ok(size <= 4096 + 200, `log is ${size} bytes`);
  match(Deno.readTextFileSync(log), /tail 999\n$/);
  match(String(fx.task(t.id).result), /tail 999$/);
});

Deno.test("a worktree task runs in a real git worktree on its own branch", async () => {
  await using fx = await fixture();
  const repo = `${fx.home.path}/repo`;
  const git = (...args: string[]) =>
    new Deno.Command("git", {
      args: ["-C", repo, ...args],
      env: {
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@t",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@t",
      },
      stdout: "null",
      stderr: "null",
    }).outputSync();
  Deno.mkdirSync(repo);
  git("init", "-q", "-b", "main");
  git("commit", "-q", "--allow-empty", "-m", "root");
  const t = fx.create("in a branch", {
    body: "git rev-parse --abbrev-ref HEAD",
    workspace: { kind: "worktree", path: repo },
  });
  const d = fx.dispatcher();
  await tickUntil(d, () => fx.task(t.id).status === "done");
  equal(fx.task(t.id).result, `hermes/${t.id}`);
  const ws = runsOf(fx.db, t.id).length && lastEvent(fx.db, t.id, "spawned")?.workspace;
  ok(String(ws).endsWith(`/worktrees/${t.id}`));
});

Deno.test("a dispatcher loop survives a failing tick and goes on", async () => {
  await using fx = await fixture();
  const errors: string[] = [];
  const ac = new AbortController();
  const d = fx.dispatcher({
    signal: ac.signal,
    log: (level, msg) => level === "error" && errors.push(msg),
  });
  fx.db.exec("ALTER TABLE hx_task_retry RENAME TO hx_task_retry_away");
  const t = fx.create("after a bad tick", { body: "true" });
  const loop = d.run({ intervalSeconds: 0.05, pollMs: 5 });
  try {
    await waitFor(() => errors.length > 0, { what: "a failing tick" });
    match(errors[0], /dispatcher tick failed: .*hx_task_retry/);
    fx.db.exec("ALTER TABLE hx_task_retry_away RENAME TO hx_task_retry");
    d.wake();
    await waitFor(() => fx.task(t.id).status === "done", { what: "the task done after recovery" });
  } finally {
    ac.abort();
    await loop;
  }
});
