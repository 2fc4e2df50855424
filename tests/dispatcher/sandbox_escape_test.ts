/**
 * Escapes from a confined worker (`sandbox: workspace`), tried for real: bubblewrap, the
 * dispatcher, real shell bodies and the stand-in agent (tests/support/fake_agent.ts) through
 * `hermes mcp`. Each attempt must be refused and leave no trace, and the same worker must
 * still complete its own task, through the worker endpoint. The homes live under /var/tmp, not
 * /tmp: the sandbox gives every worker a private /tmp, which would hide a path there for a
 * reason other than the one under test.
 *
 * Without a usable bubblewrap these tests are ignored with the reason, except under CI=true,
 * where they run and fail.
 */

import { stringify } from "yaml";
import { deepEqual, equal, match, ok } from "../support/assert.ts";
import type { Task } from "../../lib/board/mod.ts";
import { loadConfig } from "../../lib/config/mod.ts";
import { Dispatcher } from "../../lib/dispatcher/mod.ts";
import { openBoard, type Store } from "../../lib/store/mod.ts";
import { findPreset, probeSandbox, sandboxUnavailable } from "../../lib/workers/mod.ts";
import { MAIN, PERMISSION_FLAGS } from "../support/cli.ts";
import { exists } from "../support/fs.ts";
import { loopbackListener } from "../support/net.ts";
import { waitFor } from "../support/wait.ts";

/** CI=true, read through a child (the test permissions hide variables outside HERMES_*). */
function inCi(): boolean {
  const out = new Deno.Command("/bin/sh", { args: ["-c", 'printf %s "$CI"'] }).outputSync();
  return new TextDecoder().decode(out.stdout).trim() === "true";
}

const probe = probeSandbox();
const IGNORE = !probe.ok && !inCi();
if (IGNORE) console.error(`sandbox escape tests ignored: ${sandboxUnavailable("jail", probe)}`);

const PROFILES = `
kanban:
  kill_grace_seconds: 0.3
  retry_backoff_seconds: 0
  failure_limit: 1
  profiles:
    jail:
      command: [sh, -c, "{body}"]
      completion: exit_code
      sandbox: workspace
      network: none
    jailnet:
      command: [sh, -c, "{body}"]
      completion: exit_code
      sandbox: workspace
      network: full
    jailfile:
      command: [sh, "{body_file}"]
      completion: exit_code
      sandbox: workspace
`;

const ROOT = new URL("../../", import.meta.url).pathname;
const FAKE_AGENT = new URL("../support/fake_agent.ts", import.meta.url).pathname;
/** Deno's cache: a confined worker reads it (HOME is a bare directory in these tests). */
const DENO_DIR = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;

/** argv that runs a deno script of this checkout, from anywhere. */
function denoRun(script: string): string[] {
  return [
    Deno.execPath(),
    "run",
    "--quiet",
    ...PERMISSION_FLAGS,
    "--config",
    `${ROOT}deno.json`,
    script,
  ];
}

/**
 * Two confined profiles that report to the board: `reporter` runs its body with sh (and has
 * `hx` for hermes), `agent` is the Claude preset with the stand-in agent as its program.
 */
function reportingProfiles(): string {
  const { entry } = findPreset("claude").build({
    name: "agent",
    home: "__HERMES_HOME__",
    hermes: denoRun(MAIN),
  });
  entry.command = [...denoRun(FAKE_AGENT), ...entry.command.slice(1)];
  entry.network = "none";
  entry.env = { ...entry.env, DENO_DIR };
  const reporter = {
    command: ["sh", "-c", "{body}"],
    completion: "report",
    sandbox: "workspace",
    network: "none",
    env: {
      DENO_DIR,
      HX: `${Deno.execPath()} run --quiet ${PERMISSION_FLAGS.join(" ")} ${MAIN}`,
    },
  };
  const yaml = stringify({ reporter, agent: entry }, { lineWidth: 0 });
  return yaml.split("\n").map((l) => (l ? `    ${l}` : l)).join("\n");
}

/** A HERMES_HOME, a separate HOME and a directory outside both, under /var/tmp. */
interface Jail extends AsyncDisposable {
  root: string;
  home: string;
  user: string;
  outside: string;
  store: Store;
  dispatcher: Dispatcher;
  create(
    title: string,
    body: string,
    over?: { assignee?: string; maxRuntime?: number; worktree?: string },
  ): Task;
  /** Work the board until nothing is ready or running. */
  drain(): Promise<void>;
  task(id: string): Task;
  log(id: string): string;
}

async function jail(extraYaml = ""): Promise<Jail> {
  const root = await Deno.makeTempDir({ dir: "/var/tmp", prefix: "hermes-sbx-" });
  const home = `${root}/hermes`;
  const user = `${root}/user`;
  const outside = `${root}/outside`;
  for (const d of [home, user, outside]) Deno.mkdirSync(d, { mode: 0o700 });
  // `outside` is a workspace root, so a worktree test can keep its repository there.
  const roots = `kanban:\n  workspace_roots: [${JSON.stringify(outside)}]\n`;
  Deno.writeTextFileSync(
    `${home}/config.yaml`,
    (PROFILES.replace("\nkanban:\n", roots) + extraYaml).replaceAll("__HERMES_HOME__", home),
  );
  const config = await loadConfig(home, (n) => (n === "HERMES_HOME" ? home : undefined));
  const store = openBoard(home, "default", { create: true });
  const dispatcher = new Dispatcher({
    home,
    board: "default",
    config,
    store,
    baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: user },
  });
  return {
    root,
    home,
    user,
    outside,
    store,
    dispatcher,
    create(title, body, over = {}) {
      return store.createTask({
        title,
        body,
        assignee: over.assignee ?? "jail",
        maxRuntimeSeconds: over.maxRuntime ?? null,
        workspace: over.worktree ? { kind: "worktree", path: over.worktree } : undefined,
      }).task;
    },
    async drain() {
      await dispatcher.run({ untilIdle: true, intervalSeconds: 1, pollMs: 20 });
    },
    task(id) {
      return store.requireTask(id);
    },
    log(id) {
      const runs = store.showTask(id).runs;
      const run = runs[runs.length - 1];
      return Deno.readTextFileSync(`${home}/kanban/logs/${id}.${run.id}.log`);
    },
    async [Symbol.asyncDispose]() {
      await dispatcher.close().catch(() => {});
      store.close();
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}

Deno.test({
  name: "a confined worker completes its own task but cannot write outside its workspace",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const targets = [
      `${j.outside}/escape`,
      `${j.home}/escape`,
      `${j.home}/kanban/escape`,
      `${j.user}/escape`,
      `${j.user}/.bashrc`,
    ];
    const body = [
      "echo made > made.txt",
      `for p in ${targets.map((t) => `'${t}'`).join(" ")}; do`,
      '  if echo x >"$p" 2>/dev/null; then echo "WROTE $p"; else echo "refused $p"; fi',
      "done",
      'echo tmp > "$TMPDIR/scratch" && echo "tmp ok"',
    ].join("\n");
    const t = j.create("write", body);
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    equal(Deno.readTextFileSync(`${j.home}/kanban/workspaces/${t.id}/made.txt`), "made\n");
    ok(!log.includes("WROTE"), log);
    match(log, /tmp ok/);
    for (const p of targets) ok(!exists(p), `${p} was written`);
  },
});

Deno.test({
  name: "a confined worker cannot read a planted ~/.ssh key or ~/.aws credentials",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const secret = `KEY-${crypto.randomUUID()}`;
    Deno.mkdirSync(`${j.user}/.ssh`, { mode: 0o700 });
    Deno.writeTextFileSync(`${j.user}/.ssh/id_ed25519`, secret, { mode: 0o600 });
    Deno.mkdirSync(`${j.user}/.aws`, { mode: 0o700 });
    Deno.writeTextFileSync(`${j.user}/.aws/credentials`, secret, { mode: 0o600 });
    Deno.writeTextFileSync(`${j.user}/notes.txt`, "readable\n");
    const body = [
      'echo "home=$HOME"',
      "cat ~/.ssh/id_ed25519 ~/.aws/credentials",
      'echo "listing:$(ls -A ~/.ssh 2>&1)$(ls -A ~/.aws 2>&1)."',
      "cat ~/notes.txt",
      "cp -r ~/.ssh ./stolen 2>/dev/null",
      "exit 0",
    ].join("\n");
    const t = j.create("read keys", body);
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    match(log, new RegExp(`home=${j.user}`));
    // The rest of HOME stays readable: only the secrets are hidden.
    match(log, /readable/);
    ok(!log.includes(secret), "the key reached the worker");
    // The directories are there, empty (masked), not missing: nothing to list, nothing to copy.
    match(log, /^listing:\.$/m);
    const stolen = `${j.home}/kanban/workspaces/${t.id}/stolen`;
    ok(!exists(`${stolen}/id_ed25519`), "the key was copied into the workspace");
  },
});

Deno.test({
  name: "a confined worker cannot read the board, the dashboard token or other tasks' files",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const token = `TOKEN-${crypto.randomUUID()}`;
    Deno.writeTextFileSync(`${j.home}/dashboard.token`, token + "\n", { mode: 0o600 });
    const other = j.create("other", "true", { assignee: "nobody" });
    const otherWs = `${j.home}/kanban/workspaces/${other.id}`;
    Deno.mkdirSync(otherWs, { recursive: true, mode: 0o700 });
    const neighbour = `NEIGHBOUR-${crypto.randomUUID()}`;
    Deno.writeTextFileSync(`${otherWs}/secret`, neighbour);
    Deno.writeTextFileSync(`${j.home}/kanban/logs/${other.id}.1.log`, neighbour);
    const body = [
      'head -c 16 "$HERMES_HOME/kanban.db"; echo',
      'cat "$HERMES_HOME/dashboard.token"',
      `cat '${otherWs}/secret' '${j.home}/kanban/logs/${other.id}.1.log'`,
      'ls -A "$HERMES_HOME" "$HERMES_HOME/kanban/logs"',
      'echo "own workspace: $(pwd)"',
      "exit 0",
    ].join("\n");
    const t = j.create("read board", body);
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    ok(!log.includes("SQLite format"), "kanban.db was read");
    ok(!log.includes(token), "the dashboard token was read");
    ok(!log.includes(neighbour), "another task's workspace or log was read");
    ok(!log.includes("config.yaml"), "HERMES_HOME was listed");
    match(log, new RegExp(`own workspace: ${j.home}/kanban/workspaces/${t.id}`));
  },
});

Deno.test({
  name: "a confined worker with network none cannot connect to a loopback listener",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const listener = loopbackListener("");
    const port = listener.state.port;
    try {
      const body = [
        `if bash -c 'exec 3<>/dev/tcp/127.0.0.1/${port}' 2>/dev/null; then`,
        "  echo CONNECTED",
        "else",
        "  echo refused",
        "fi",
      ].join("\n");
      const none = j.create("dial", body);
      // The same attempt from a profile with `network: full` does connect: the probe works.
      const full = j.create("dial (full)", body, { assignee: "jailnet" });
      await j.drain();
      const log = j.log(none.id);
      equal(j.task(none.id).status, "done", log);
      match(log, /refused/);
      ok(!log.includes("CONNECTED"), log);
      match(j.log(full.id), /CONNECTED/);
      await waitFor(() => listener.state.accepted === 1, { what: "the network: full connection" });
      equal(listener.state.accepted, 1, "only the network: full worker got through");
    } finally {
      await listener.close();
    }
  },
});

/** Pids whose command line contains `marker` (pgrep exits 1 when there are none). */
function pidsWith(marker: string): number[] {
  const out = new Deno.Command("pgrep", { args: ["-f", marker], stdout: "piped" }).outputSync();
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean).map(Number);
}

Deno.test({
  name: "a confined worker cannot outlive the max-runtime kill through setsid and a double fork",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const marker = `hx-escape-${crypto.randomUUID().slice(0, 12)}`;
    const body = [
      // A new session, then a subshell that forks and exits: the loop is orphaned twice over.
      `setsid sh -c '(sh -c "while :; do sleep 1; done" ${marker} &)'`,
      "echo escaped",
      "while :; do sleep 1; done",
    ].join("\n");
    const t = j.create("outlive", body, { maxRuntime: 2 });
    try {
      const draining = j.drain();
      const seen = await waitFor(() => pidsWith(marker).length > 0, {
        timeoutMs: 15_000,
        what: "the escaped process to start",
      });
      ok(seen);
      await draining;
      const ended = j.task(t.id);
      equal(ended.status, "blocked", `status ${ended.status}`);
      match(ended.last_failure_error ?? "", /max.?runtime|timed out|timeout/i);
      await waitFor(() => pidsWith(marker).length === 0, {
        timeoutMs: 5_000,
        what: "the escaped process to be gone",
      });
    } finally {
      for (const pid of pidsWith(marker)) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch { /* gone */ }
      }
    }
  },
});

Deno.test({
  name: "a confined worker gets SIGTERM first when stopped, like an unconfined one",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    // The handler takes a moment: a sandbox torn down at the first SIGTERM would cut it short.
    const body = "trap 'sleep 0.1; echo got TERM; exit 7' TERM\nwhile :; do sleep 0.1; done";
    const t = j.create("graceful", body, { maxRuntime: 1 });
    await j.drain();
    match(j.log(t.id), /got TERM/);
  },
});

Deno.test("a profile that asks for a sandbox where none can be had blocks its task, with the fix", async () => {
  await using j = await jail("sandbox:\n  bwrap: /nonexistent/hermes-test/bwrap\n");
  const marker = `${j.outside}/ran`;
  const t = j.create("never unconfined", `touch '${marker}'`);
  await j.drain();
  const ended = j.task(t.id);
  equal(ended.status, "blocked");
  ok(!exists(marker), "the body ran without its sandbox");
  const reason = j.store.showTask(t.id).comments.map((c) => c.body).join("\n");
  match(
    reason,
    /sandbox unavailable: bubblewrap not found at \/nonexistent\/hermes-test\/bwrap \(sandbox\.bwrap\): install bubblewrap .*, or set `sandbox: off` for profile jail/,
  );
  // One attempt only: retrying cannot make a sandbox appear.
  equal(j.store.showTask(t.id).runs.length, 1);
});

Deno.test({
  name: "a confined worker with a host list reaches the listed host through the proxy, no other",
  ignore: IGNORE,
  async fn() {
    const listed = loopbackListener("hello\n");
    const other = loopbackListener("hello\n");
    try {
      await using j = await jail(
        `    hosts:\n      command: [sh, -c, "{body}"]\n      completion: exit_code\n` +
          `      sandbox: workspace\n      network: ["127.0.0.1:${listed.state.port}"]\n`,
      );
      // Through the proxy the worker is given (HTTPS_PROXY), in CONNECT's own words.
      const body = [
        "tunnel() {",
        `  bash -c 'exec 3<>/dev/tcp/127.0.0.1/3128 && printf "CONNECT 127.0.0.1:%s HTTP/1.1\\r\\n\\r\\n" "$1" >&3 && cat <&3' _ "$1" | tr -d '\\r' | tr '\\n' ' '`,
        "}",
        'echo "proxy=$HTTPS_PROXY"',
        `echo "listed: $(tunnel ${listed.state.port})"`,
        `echo "other: $(tunnel ${other.state.port})"`,
        `if bash -c 'exec 3<>/dev/tcp/127.0.0.1/${listed.state.port}' 2>/dev/null; then`,
        "  echo DIRECT",
        "else",
        "  echo 'direct refused'",
        "fi",
      ].join("\n");
      const t = j.create("dial through proxy", body, { assignee: "hosts" });
      await j.drain();
      const log = j.log(t.id);
      equal(j.task(t.id).status, "done", log);
      match(log, /^proxy=http:\/\/127\.0\.0\.1:3128$/m);
      match(log, /^listed: HTTP\/1\.1 200 Connection established +hello $/m);
      match(log, /^other: HTTP\/1\.1 403 Forbidden /m);
      match(log, /^direct refused$/m);
      equal(listed.state.accepted, 1);
      equal(other.state.accepted, 0, "a host not on the list was reached");
    } finally {
      await listed.close();
      await other.close();
    }
  },
});

function git(cwd: string, ...args: string[]): string {
  const out = new Deno.Command("git", {
    args: ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

Deno.test({
  name:
    "a confined worker commits in its worktree but cannot plant a git hook or change git config",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const repo = `${j.outside}/repo`;
    Deno.mkdirSync(repo);
    git(repo, "init", "-q", "-b", "main");
    Deno.writeTextFileSync(`${repo}/file.txt`, "one\n");
    git(repo, "add", "file.txt");
    git(repo, "commit", "-qm", "first");
    const configBefore = Deno.readTextFileSync(`${repo}/.git/config`);
    const body = [
      "echo two > file.txt",
      "git add file.txt && git -c user.email=w@example.com -c user.name=w commit -qm work && echo COMMITTED",
      "common=$(git rev-parse --path-format=absolute --git-common-dir)",
      'if echo "touch pwned" > "$common/hooks/post-checkout" 2>/dev/null; then echo HOOK; else echo "hook refused"; fi',
      'if git config core.hooksPath "$PWD" 2>/dev/null; then echo CONFIG; else echo "config refused"; fi',
      "exit 0",
    ].join("\n");
    const t = j.create("commit", body, { worktree: repo });
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    match(log, /COMMITTED/);
    match(log, /hook refused/);
    match(log, /config refused/);
    ok(!exists(`${repo}/.git/hooks/post-checkout`), "a hook was planted");
    equal(Deno.readTextFileSync(`${repo}/.git/config`), configBefore);
    match(git(repo, "log", "--format=%s", `hermes/${t.id}`), /^work\n/);
  },
});

Deno.test({
  name: "a confined worker reads its body from {body_file}, which is removed after the run",
  ignore: IGNORE,
  async fn() {
    await using j = await jail();
    const t = j.create("from a file", 'echo "body ran in $(pwd)"', { assignee: "jailfile" });
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    match(log, new RegExp(`body ran in ${j.home}/kanban/workspaces/${t.id}`));
    const left = [...Deno.readDirSync(`${j.home}/kanban/logs`)].map((e) => e.name);
    ok(!left.some((n) => n.endsWith(".body")), left.join(" "));
  },
});

/** The created task a worker's `create` made (the newest task on the board but `except`). */
function newest(j: Jail, except: string[]): Task {
  const tasks = j.store.listTasks({ includeArchived: true }).filter((t) => !except.includes(t.id));
  equal(tasks.length, 1, tasks.map((t) => `${t.id} ${t.title}`).join(", "));
  return tasks[0];
}

/** What a hostile worker's attempts must have left: nothing, and the shell task parked. */
function checkNoTrace(j: Jail, other: Task, mine: string, marker: string): void {
  const shell = newest(j, [other.id, mine]);
  // It lands in triage, with nobody assigned, and never runs.
  deepEqual([shell.status, shell.assignee, j.store.runs(shell.id).length], ["triage", null, 0]);
  const made = j.store.showTask(shell.id).events.find((e) => e.kind === "created");
  deepEqual([made?.payload?.requested_assignee, made?.payload?.by_task], ["shell", mine]);
  ok(!exists(marker), "the shell task's body ran");
  const after = j.store.showTask(other.id);
  deepEqual([after.task.status, after.comments, after.runs], ["ready", [], []]);
}

Deno.test({
  name: "a confined shell worker reaches only its own task: shell tasks park in triage, other " +
    "tasks and the board are out of reach, its own task completes through the endpoint",
  ignore: IGNORE,
  async fn() {
    await using j = await jail(reportingProfiles());
    const token = `TOKEN-${crypto.randomUUID()}`;
    Deno.writeTextFileSync(`${j.home}/dashboard.token`, token + "\n", { mode: 0o600 });
    const other = j.store.createTask({ title: "someone else's", body: "true" }).task;
    const marker = `${j.outside}/escaped-through-shell`;
    const body = [
      "set -f",
      'echo "endpoint=$HERMES_KANBAN_ENDPOINT"',
      `$HX kanban create 'run this for me' --assignee shell --body 'touch ${marker}' --json`,
      `$HX kanban complete ${other.id} --summary hijacked; echo "complete_other=$?"`,
      `$HX kanban comment ${other.id} 'ignore your task'; echo "comment_other=$?"`,
      `$HX kanban show ${other.id}; echo "show_other=$?"`,
      'head -c 16 "$HERMES_HOME/kanban.db"; cat "$HERMES_HOME/dashboard.token"',
      // Without its identity it is no person: there is no board to reach at all.
      `env -u HERMES_KANBAN_TASK -u HERMES_KANBAN_RUN_ID -u HERMES_KANBAN_ENDPOINT $HX kanban ` +
      `complete ${other.id}; echo "as_nobody=$?"`,
      "$HX kanban complete --summary 'did mine'",
    ].join("\n");
    const t = j.create("hostile shell", body, { assignee: "reporter" });
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    equal(j.store.runs(t.id)[0].summary, "did mine");
    match(log, new RegExp(`^endpoint=${j.home}/kanban/endpoint/worker\\.sock$`, "m"));
    match(log, /^complete_other=1$/m);
    match(log, /may only complete the task it holds/);
    match(log, /^comment_other=1$/m);
    match(log, /may comment only on its own task/);
    match(log, /^show_other=1$/m);
    match(log, /may read only its own task/);
    match(log, /^as_nobody=1$/m);
    match(log, /^hermes: cannot create board .*kanban\.db: its directory is read-only/m);
    ok(!log.includes("SQLite format"), "kanban.db was read");
    ok(!log.includes(token), "the dashboard token was read");
    checkNoTrace(j, other, t.id, marker);
  },
});

Deno.test({
  name: "a confined agent reaches only its own task through MCP: shell tasks park in triage, " +
    "other tasks and the board are out of reach, its own task completes",
  ignore: IGNORE,
  async fn() {
    await using j = await jail(reportingProfiles());
    const token = `TOKEN-${crypto.randomUUID()}`;
    Deno.writeTextFileSync(`${j.home}/dashboard.token`, token + "\n", { mode: 0o600 });
    const other = j.store.createTask({ title: "someone else's", body: "true" }).task;
    const t = j.create("hostile agent", `escape:${other.id}`, { assignee: "agent" });
    await j.drain();
    const log = j.log(t.id);
    equal(j.task(t.id).status, "done", log);
    const line = /^fake_agent: escape (.*)$/m.exec(log)?.[1];
    ok(line, log);
    const r = JSON.parse(line!);
    deepEqual([r.create_shell.refused, r.create_shell.status, r.create_shell.assignee], [
      false,
      "triage",
      null,
    ]);
    for (const k of ["complete_other", "comment_other", "show_other"]) {
      deepEqual([k, r[k].refused, r[k].code], [k, true, "not_your_task"], JSON.stringify(r[k]));
    }
    ok(r.read_board !== "READ" && r.read_token !== "READ", JSON.stringify(r));
    ok(!log.includes(token), "the dashboard token was read");
    checkNoTrace(j, other, t.id, `${j.home}/escaped-through-shell`);
  },
});
