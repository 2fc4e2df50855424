/**
 * A task's workspace: the directory its worker runs in.
 * `scratch` is a private directory per task, `dir:<path>` an existing directory
 * under the workspace roots (`kanban.workspace_roots`, or HERMES_HOME while it is empty),
 * `worktree` a real git worktree on the branch `hermes/<task id>`, kept under the board
 * directory, of a repository under those roots.
 */

import { ConflictError, InvalidStateError, NotFoundError, UsageError } from "../board/errors.ts";
import type { Task } from "../board/task.ts";
import { validateAbsolutePath } from "../board/validate.ts";
import { checkWorkspaceRoots, type WorkspaceRoots } from "../board/validate.ts";
import { type BoardPaths, ensurePrivateDir } from "../config/paths.ts";

/** Extra inputs for prepareWorkspace. */
export interface WorkspaceOptions {
  /**
   * Repository for `worktree` tasks without a workspace_path: the board's default workdir, else
   * `kanban.worktree_repo`.
   */
  defaultRepo?: string | null;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function safeId(task: Task): string {
  // Ids become path segments and branch names: refuse anything that could escape.
  if (!SAFE_ID.test(task.id)) {
    throw new UsageError(`task id '${task.id}' cannot name a workspace`, "invalid_workspace");
  }
  return task.id;
}

/** Directory of a task's scratch workspace. */
export function scratchPath(paths: BoardPaths, taskId: string): string {
  return `${paths.workspaces}/${taskId}`;
}

/** Directory of a task's git worktree. */
export function worktreePath(paths: BoardPaths, taskId: string): string {
  return `${paths.dir}/worktrees/${taskId}`;
}

/** Branch a task's worktree is on. */
export function worktreeBranch(taskId: string): string {
  return `hermes/${taskId}`;
}

/** Real path of `p`, or a NotFoundError naming `what`. */
async function realDir(what: string, p: string): Promise<string> {
  let real: string;
  try {
    real = await Deno.realPath(p);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new NotFoundError(`${what}: ${p} does not exist; create it first`, "workspace_missing");
    }
    throw new InvalidStateError(
      `${what}: cannot resolve ${p}: ${(e as Error).message}`,
      "workspace",
    );
  }
  const st = await Deno.stat(real);
  if (!st.isDirectory) {
    throw new InvalidStateError(`${what}: ${p} is not a directory`, "workspace");
  }
  return real;
}

/**
 * Refuse `real` (`p` with symlinks resolved) unless it lies under one of the roots, each also
 * taken with its own symlinks resolved: the rule is lib/board's, this is its check at spawn time.
 */
async function checkRoots(
  what: string,
  p: string,
  real: string,
  roots: WorkspaceRoots,
): Promise<void> {
  const dirs: string[] = [];
  for (const root of roots.dirs) {
    try {
      dirs.push(await Deno.realPath(root));
    } catch { /* a root that does not exist contains nothing */ }
  }
  checkWorkspaceRoots(what, real, roots, { dirs, shown: real === p ? p : `${p} (really ${real})` });
}

/** Result of a git command. */
interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run git with a clean environment (no GIT_DIR or hooks from our caller leak in). */
async function git(args: string[]): Promise<GitResult> {
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "C",
    LC_ALL: "C",
    GIT_TERMINAL_PROMPT: "0",
  };
  const home = Deno.env.get("HOME");
  if (home) env.HOME = home;
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("git", {
      args,
      env,
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new InvalidStateError(
        "worktree workspace: git is not installed (not on PATH)",
        "workspace",
      );
    }
    throw e;
  }
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout).trim(),
    stderr: dec.decode(out.stderr).trim(),
  };
}

/** The most useful line of git's stderr. */
function gitReason(r: GitResult): string {
  const lines = r.stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => l.startsWith("fatal:") || l.startsWith("error:")) ?? lines[0] ??
    `git exited ${r.code}`;
}

/** True when `dir` is the top of a git worktree. */
async function isWorktreeTop(dir: string): Promise<boolean> {
  const r = await git(["-C", dir, "rev-parse", "--show-toplevel"]);
  if (r.code !== 0) return false;
  try {
    return r.stdout === await Deno.realPath(dir);
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await Deno.lstat(p);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

async function prepareWorktree(
  task: Task,
  paths: BoardPaths,
  roots: WorkspaceRoots,
  opts: WorkspaceOptions,
): Promise<string> {
  const id = safeId(task);
  const wt = worktreePath(paths, id);
  const branch = worktreeBranch(id);
  if (await exists(wt)) {
    // A retry of the task: reuse its worktree, but only if it really is one.
    if (await isWorktreeTop(wt)) return await Deno.realPath(wt);
    throw new ConflictError(
      `worktree workspace: ${wt} exists but is not a git worktree; move it away and retry`,
      "workspace",
    );
  }
  const repoRaw = (task.workspace_path?.trim() || opts.defaultRepo?.trim()) ?? "";
  if (!repoRaw) {
    throw new UsageError(
      "worktree workspace: no repository: set the task's workspace_path, the board's default workdir ('hermes kanban boards set-default-workdir') or kanban.worktree_repo in config.yaml",
      "workspace_no_repo",
    );
  }
  const repoPath = validateAbsolutePath("worktree repository", repoRaw);
  const real = await realDir("worktree repository", repoPath);
  await checkRoots("worktree repository", repoPath, real, roots);
  const top = await git(["-C", real, "rev-parse", "--show-toplevel"]);
  if (top.code !== 0) {
    throw new InvalidStateError(
      `worktree repository ${repoPath} is not a git repository (${gitReason(top)})`,
      "workspace",
    );
  }
  ensurePrivateDir(`${paths.dir}/worktrees`);
  const hasBranch =
    (await git(["-C", real, "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`])).code ===
      0;
  const addArgs = hasBranch
    ? ["-C", real, "worktree", "add", wt, branch]
    : ["-C", real, "worktree", "add", "-b", branch, wt];
  let add = await git(addArgs);
  if (add.code !== 0 && /already registered|is a missing but/.test(add.stderr)) {
    // The directory was deleted by hand but git still lists it: forget it and retry once.
    await git(["-C", real, "worktree", "prune"]);
    add = await git(addArgs);
  }
  if (add.code !== 0) {
    throw new InvalidStateError(
      `worktree workspace: git worktree add in ${repoPath} failed: ${gitReason(add)}`,
      "workspace",
    );
  }
  return await Deno.realPath(wt);
}

/**
 * A task's scratch workspace, made 0700 if missing, synchronously: the dispatcher makes it
 * right before the spawn, while the workers started before it run. One mkdir in the common
 * case (the parent only when that fails), then a chmod: the umask may have taken owner bits,
 * and a directory left by an earlier run has a mode we do not know.
 */
export function prepareScratch(task: Task, paths: BoardPaths): string {
  const dir = scratchPath(paths, safeId(task));
  makeScratch(paths, dir);
  return dir;
}

function makeScratch(paths: BoardPaths, dir: string): void {
  try {
    Deno.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      ensurePrivateDir(paths.workspaces);
      Deno.mkdirSync(dir, { mode: 0o700 });
    } else if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
  }
  Deno.chmodSync(dir, 0o700);
}

/**
 * Make sure a task's workspace exists and return its absolute, symlink-free path.
 * Throws a HermesError (UsageError, NotFoundError, PermissionError, InvalidStateError,
 * ConflictError) with a one-line message when it cannot.
 */
export async function prepareWorkspace(
  task: Task,
  paths: BoardPaths,
  roots: WorkspaceRoots,
  opts: WorkspaceOptions = {},
): Promise<string> {
  switch (task.workspace_kind) {
    case "scratch":
      return prepareScratch(task, paths);
    case "dir": {
      const raw = task.workspace_path?.trim();
      if (!raw) {
        throw new UsageError(
          "workspace dir: needs a path (the task has workspace_kind=dir but no workspace_path)",
          "invalid_workspace",
        );
      }
      const p = validateAbsolutePath("workspace dir:", raw);
      const real = await realDir("workspace dir:", p);
      await checkRoots("workspace dir:", p, real, roots);
      return real;
    }
    case "worktree":
      return await prepareWorktree(task, paths, roots, opts);
    default:
      throw new UsageError(
        `unknown workspace kind '${task.workspace_kind}': expected scratch, dir or worktree`,
        "invalid_workspace",
      );
  }
}

/** Options for removeWorktree. */
export interface RemoveWorktreeOptions {
  /** Remove even with uncommitted or untracked changes (they are lost). */
  force?: boolean;
}

/**
 * Remove a task's worktree (on archive). Only `<board dir>/worktrees/<task id>`
 * is ever touched, and only if git knows it as a worktree; the branch
 * `hermes/<task id>` is kept so committed work survives. A worktree with
 * uncommitted changes is refused (ConflictError) unless `force`.
 */
export async function removeWorktree(
  task: Task,
  paths: BoardPaths,
  opts: RemoveWorktreeOptions = {},
): Promise<void> {
  const wt = worktreePath(paths, safeId(task));
  if (!(await exists(wt))) return;
  if (!(await isWorktreeTop(wt))) {
    throw new ConflictError(`${wt} is not a git worktree; left alone`, "workspace");
  }
  const common = await git(["-C", wt, "rev-parse", "--path-format=absolute", "--git-common-dir"]);
  if (common.code !== 0) {
    throw new InvalidStateError(
      `cannot find the repository of ${wt}: ${gitReason(common)}`,
      "workspace",
    );
  }
  const args = ["--git-dir", common.stdout, "worktree", "remove"];
  if (opts.force) args.push("--force", "--force");
  args.push(wt);
  const r = await git(args);
  if (r.code !== 0) {
    if (/modified or untracked|contains modified|is dirty/.test(r.stderr)) {
      throw new ConflictError(
        `worktree ${wt} has uncommitted changes; kept (commit them, or remove it with 'git worktree remove --force ${wt}')`,
        "workspace_dirty",
      );
    }
    throw new InvalidStateError(`cannot remove worktree ${wt}: ${gitReason(r)}`, "workspace");
  }
}
