import { deepEqual, equal, match, ok, rejects, throws } from "../support/assert.ts";
import {
  checkWorkspaceRoots,
  ConflictError,
  InvalidStateError,
  isUnder,
  NotFoundError,
  PermissionError,
  UsageError,
  workspaceRoots,
} from "../../lib/board/mod.ts";
import { boardPaths } from "../../lib/config/mod.ts";
import { prepareWorkspace, removeWorktree } from "../../lib/workers/mod.ts";
import { tempHome } from "../support/home.ts";
import { makeTask } from "./fixtures.ts";

async function git(args: string[], cwd?: string): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  }).output();
  const dec = new TextDecoder();
  if (!out.success) throw new Error(`git ${args.join(" ")}: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout).trim();
}

/** A git repository with one commit, at `<dir>/repo`. */
async function makeRepo(dir: string): Promise<string> {
  const repo = `${dir}/repo`;
  Deno.mkdirSync(repo);
  await git(["init", "-q", "-b", "main"], repo);
  Deno.writeTextFileSync(`${repo}/README`, "hello\n");
  await git(["add", "README"], repo);
  await git(["commit", "-q", "-m", "first"], repo);
  return repo;
}

Deno.test("prepareWorkspace makes a private scratch directory per task", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const task = makeTask();
  const ws = await prepareWorkspace(task, paths, workspaceRoots(home.path, []));
  equal(ws, `${home.path}/kanban/workspaces/${task.id}`);
  ok(Deno.statSync(ws).isDirectory);
  equal(Deno.statSync(ws).mode! & 0o777, 0o700);
  equal(
    await prepareWorkspace(task, paths, workspaceRoots(home.path, [])),
    ws,
    "a retry gets the same directory",
  );
});

Deno.test("prepareWorkspace accepts an existing dir: workspace, symlinks resolved", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const real = `${home.path}/projects/app`;
  Deno.mkdirSync(real, { recursive: true });
  Deno.symlinkSync(real, `${home.path}/link`);
  const t = makeTask({ workspace_kind: "dir", workspace_path: `${home.path}/link` });
  equal(
    await prepareWorkspace(t, paths, workspaceRoots(home.path, [`${home.path}/projects`])),
    await Deno.realPath(real),
  );
  equal(await prepareWorkspace(t, paths, workspaceRoots(home.path, [])), await Deno.realPath(real));
});

Deno.test("prepareWorkspace refuses dir: paths that are missing, relative, files or dotted", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const dir = (p: string | null) => makeTask({ workspace_kind: "dir", workspace_path: p });
  await rejects(
    prepareWorkspace(dir(`${home.path}/nope`), paths, workspaceRoots(home.path, [])),
    NotFoundError,
  );
  await rejects(
    prepareWorkspace(dir("relative/path"), paths, workspaceRoots(home.path, [])),
    UsageError,
  );
  await rejects(
    prepareWorkspace(dir(`${home.path}/a/../b`), paths, workspaceRoots(home.path, [])),
    UsageError,
  );
  await rejects(prepareWorkspace(dir(null), paths, workspaceRoots(home.path, [])), UsageError);
  Deno.writeTextFileSync(`${home.path}/file`, "x");
  await rejects(
    prepareWorkspace(dir(`${home.path}/file`), paths, workspaceRoots(home.path, [])),
    InvalidStateError,
  );
});

Deno.test("prepareWorkspace refuses a dir: outside the roots, also through a symlink", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const root = `${home.path}/root`;
  const outside = `${home.path}/outside`;
  Deno.mkdirSync(root);
  Deno.mkdirSync(outside);
  Deno.mkdirSync(`${home.path}/rootling`);
  Deno.symlinkSync(outside, `${root}/escape`);
  const dir = (p: string) => makeTask({ workspace_kind: "dir", workspace_path: p });
  await rejects(
    prepareWorkspace(dir(outside), paths, workspaceRoots(home.path, [root])),
    PermissionError,
  );
  await rejects(
    prepareWorkspace(dir(`${root}/escape`), paths, workspaceRoots(home.path, [root])),
    (e: Error) => e instanceof PermissionError && /really .*outside/.test(e.message),
  );
  await rejects(
    prepareWorkspace(dir(`${home.path}/rootling`), paths, workspaceRoots(home.path, [root])),
    PermissionError,
    "a sibling whose name starts with the root's is not inside it",
  );
  equal(
    await prepareWorkspace(dir(root), paths, workspaceRoots(home.path, [root])),
    await Deno.realPath(root),
  );
});

Deno.test("a worktree workspace is a real git worktree on hermes/<id>, removed on archive", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const repo = await makeRepo(home.path);
  const task = makeTask({ workspace_kind: "worktree", workspace_path: repo });
  const wt = await prepareWorkspace(task, paths, workspaceRoots(home.path, []));
  equal(wt, await Deno.realPath(`${home.path}/kanban/worktrees/${task.id}`));
  equal(await git(["rev-parse", "--abbrev-ref", "HEAD"], wt), `hermes/${task.id}`);
  equal(Deno.readTextFileSync(`${wt}/README`), "hello\n");
  match(
    await git(["worktree", "list"], repo),
    new RegExp(`${task.id}\\s+\\w+ \\[hermes/${task.id}\\]`),
  );
  equal(
    await prepareWorkspace(task, paths, workspaceRoots(home.path, [])),
    wt,
    "a retry reuses the worktree",
  );

  // Uncommitted work is never thrown away silently.
  Deno.writeTextFileSync(`${wt}/notes.txt`, "draft\n");
  await rejects(removeWorktree(task, paths), ConflictError);
  ok(Deno.statSync(wt).isDirectory);
  await git(["add", "notes.txt"], wt);
  await git(["commit", "-q", "-m", "work"], wt);

  await removeWorktree(task, paths);
  await rejects(Deno.stat(wt), Deno.errors.NotFound);
  ok(!(await git(["worktree", "list"], repo)).includes(task.id));
  equal(
    await git(["log", "-1", "--format=%s", `hermes/${task.id}`], repo),
    "work",
    "the branch and its commits are kept",
  );
  await removeWorktree(task, paths);

  // The branch exists now: a new worktree for the task checks it out again.
  const again = await prepareWorkspace(task, paths, workspaceRoots(home.path, []));
  equal(Deno.readTextFileSync(`${again}/notes.txt`), "draft\n");
  await removeWorktree(task, paths);
});

Deno.test("a worktree workspace uses the default repo and checks it is a repository", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const repo = await makeRepo(home.path);
  const task = makeTask({ workspace_kind: "worktree" });
  await rejects(prepareWorkspace(task, paths, workspaceRoots(home.path, [])), /no repository/);
  const wt = await prepareWorkspace(task, paths, workspaceRoots(home.path, []), {
    defaultRepo: repo,
  });
  equal(await git(["rev-parse", "--abbrev-ref", "HEAD"], wt), `hermes/${task.id}`);
  await removeWorktree(task, paths);

  Deno.mkdirSync(`${home.path}/plain`);
  const notRepo = makeTask({ workspace_kind: "worktree", workspace_path: `${home.path}/plain` });
  await rejects(
    prepareWorkspace(notRepo, paths, workspaceRoots(home.path, [])),
    /is not a git repository/,
  );
  await rejects(
    prepareWorkspace(
      makeTask({ workspace_kind: "worktree", workspace_path: repo }),
      paths,
      workspaceRoots(home.path, [`${home.path}/plain`]),
    ),
    PermissionError,
  );
});

Deno.test("with kanban.workspace_roots empty, HERMES_HOME is the only root, at spawn too", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const outside = await Deno.makeTempDir({ prefix: "hermes-outside-" });
  try {
    const roots = workspaceRoots(home.path, []);
    deepEqual(roots, { dirs: [home.path], configured: false });
    Deno.mkdirSync(`${home.path}/mine`);
    const dir = (p: string) => makeTask({ workspace_kind: "dir", workspace_path: p });
    equal(await prepareWorkspace(dir(`${home.path}/mine`), paths, roots), `${home.path}/mine`);
    await rejects(
      prepareWorkspace(dir(outside), paths, roots),
      (e: Error) =>
        e instanceof PermissionError &&
        e.message === `workspace dir: ${outside} is outside HERMES_HOME (${home.path}), the ` +
            "only workspace root while kanban.workspace_roots is empty; list its directory " +
            "there in config.yaml",
    );
    // A symlink under HERMES_HOME that leads out is judged by where it leads.
    Deno.symlinkSync(outside, `${home.path}/door`);
    await rejects(prepareWorkspace(dir(`${home.path}/door`), paths, roots), PermissionError);
    // Listing a root replaces HERMES_HOME: nothing but the list counts then.
    const listed = workspaceRoots(home.path, [outside]);
    equal(await prepareWorkspace(dir(outside), paths, listed), await Deno.realPath(outside));
    await rejects(prepareWorkspace(dir(`${home.path}/mine`), paths, listed), PermissionError);
  } finally {
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("the workspace-roots rule compares whole path segments", () => {
  const roots = workspaceRoots("/h", ["/srv/work/", "relative", "//srv//other"]);
  deepEqual(roots.dirs, ["/srv/work", "/srv/other"]);
  for (const p of ["/srv/work", "/srv/work/a/b", "/srv/other/x"]) {
    checkWorkspaceRoots("x", p, roots);
  }
  for (const p of ["/srv/workshop", "/srv", "/h/a", "/"]) {
    throws(() => checkWorkspaceRoots("x", p, roots), PermissionError, p);
  }
  ok(isUnder("/anything", "/"));
  // A list of nothing but relative entries holds nothing: every path is refused.
  throws(() => checkWorkspaceRoots("x", "/h", workspaceRoots("/h", ["rel"])), PermissionError);
});

Deno.test("removeWorktree leaves alone a directory that is not a git worktree", async () => {
  await using home = await tempHome();
  const paths = boardPaths(home.path, "default");
  const task = makeTask({ workspace_kind: "worktree" });
  await removeWorktree(task, paths);
  const dir = `${home.path}/kanban/worktrees/${task.id}`;
  Deno.mkdirSync(dir, { recursive: true });
  Deno.writeTextFileSync(`${dir}/keep`, "x");
  await rejects(removeWorktree(task, paths), ConflictError);
  equal(Deno.readTextFileSync(`${dir}/keep`), "x");
  await rejects(prepareWorkspace(task, paths, workspaceRoots(home.path, [])), ConflictError);
});
