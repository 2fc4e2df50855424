import { deepEqual, equal, match, ok, throws } from "../support/assert.ts";
import {
  bwrapArgs,
  checkSandboxPath,
  expandHome,
  type Mount,
  mountPlan,
  probeSandbox,
  seatbeltProfile,
  type SpawnError,
  spawnWorker,
  statKind,
  worktreeGitDir,
} from "../../lib/workers/mod.ts";
import { tempHome } from "../support/home.ts";
import { exists } from "../support/fs.ts";
import { makeProfile, makeTask, request } from "./fixtures.ts";

/** A file system of the given directories and files, for plans without touching the disk. */
function fs(dirs: string[], files: string[] = []) {
  return (p: string) => dirs.includes(p) ? "dir" as const : files.includes(p) ? "file" : null;
}

const show = (plan: Mount[]) => plan.map((m) => `${m.kind} ${m.path}`);

Deno.test("mountPlan lets the deeper path win: a workspace under HERMES_HOME stays writable", () => {
  const plan = mountPlan({
    workspace: "/h/kanban/workspaces/t_1",
    home: "/h",
    deny: ["/u/.ssh", "/u/.netrc"],
    writable: [],
  }, fs(["/h/kanban/workspaces/t_1", "/h", "/u/.ssh"], ["/u/.netrc"]));
  deepEqual(show(plan), [
    "deny /h",
    "deny /u/.ssh",
    "deny /u/.netrc",
    "rw /h/kanban/workspaces/t_1",
  ]);
});

Deno.test("mountPlan keeps a secret hidden inside a writable directory, and drops missing paths", () => {
  const plan = mountPlan({
    workspace: "/u",
    home: "/u/.hermes",
    deny: ["/u/.ssh", "/u/.aws"],
    writable: ["/var/cache/x"],
  }, fs(["/u", "/u/.hermes", "/u/.ssh"]));
  deepEqual(show(plan), ["rw /u", "deny /u/.hermes", "deny /u/.ssh"]);
});

Deno.test("mountPlan never lets a writable entry undo a denial", () => {
  const plan = mountPlan({
    workspace: "/w",
    home: "/h",
    deny: ["/u/.ssh"],
    writable: ["/h/kanban", "/u/.ssh/keys", "/u/.ssh"],
  }, fs(["/w", "/h", "/h/kanban", "/u/.ssh", "/u/.ssh/keys"]));
  deepEqual(show(plan), ["rw /w", "deny /h", "deny /u/.ssh"]);
});

Deno.test("mountPlan reveals nothing beneath a denied path, not even read-only", () => {
  const plan = mountPlan({
    workspace: "/w",
    home: "/h",
    deny: [],
    writable: ["/h/repo"],
    gitDirs: ["/h/other/.git"],
  }, fs(["/w", "/h", "/h/repo", "/h/repo/.git/hooks", "/h/other/.git", "/h/other/.git/hooks"]));
  deepEqual(show(plan), ["rw /w", "deny /h"]);
});

Deno.test("mountPlan protects the hooks only of what it makes writable", () => {
  const kind = (p: string) => {
    if (p.startsWith("/repo")) throw new Error(`cannot check ${p}`);
    return p === "/w" || p === "/h" ? "dir" as const : null;
  };
  // A repository the dispatcher cannot look at stays read-only as a whole: nothing to protect.
  const plan = mountPlan(
    { workspace: "/w", home: "/h", deny: [], writable: [], gitDirs: ["/repo/.git"] },
    kind,
  );
  deepEqual(show(plan), ["rw /w", "deny /h"]);
});

Deno.test("mountPlan keeps git hooks and config of writable repositories read-only", () => {
  const plan = mountPlan(
    {
      workspace: "/w",
      home: "/h",
      deny: [],
      writable: [],
      gitDirs: ["/repo/.git"],
    },
    fs(["/w", "/h", "/w/.git/hooks", "/repo/.git", "/repo/.git/hooks"], [
      "/w/.git/config",
      "/repo/.git/config",
    ]),
  );
  deepEqual(show(plan), [
    "rw /w",
    "deny /h",
    "rw /repo/.git",
    "ro /w/.git/hooks",
    "ro /w/.git/config",
    "ro /repo/.git/hooks",
    "ro /repo/.git/config",
  ]);
});

Deno.test("mountPlan fails, never drops the denial, when a denied path cannot be checked", () => {
  const kind = (p: string) => {
    if (p === "/u/.ssh") throw new Error("cannot check /u/.ssh");
    return p === "/w" || p === "/h" ? "dir" as const : null;
  };
  throws(
    () => mountPlan({ workspace: "/w", home: "/h", deny: ["/u/.ssh"], writable: [] }, kind),
    /cannot check \/u\/\.ssh/,
  );
  // A writable path that cannot be checked just stays read-only.
  const plan = mountPlan({ workspace: "/w", home: "/h", deny: [], writable: ["/u/.ssh"] }, kind);
  deepEqual(show(plan), ["rw /w", "deny /h"]);
});

Deno.test("bwrapArgs masks directories with read-only tmpfs, files with /dev/null, and unshares", () => {
  const plan = mountPlan({
    workspace: "/h/kanban/workspaces/t_1",
    home: "/h",
    deny: ["/u/.netrc"],
    writable: [],
  }, fs(["/h/kanban/workspaces/t_1", "/h"], ["/u/.netrc"]));
  const args = bwrapArgs(plan, "none", "/h/kanban/workspaces/t_1").join(" ");
  equal(
    args,
    "--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp " +
      "--tmpfs /h --ro-bind /dev/null /u/.netrc " +
      "--bind /h/kanban/workspaces/t_1 /h/kanban/workspaces/t_1 " +
      // Made read-only only after the workspace's mount point was created inside it.
      "--remount-ro /h " +
      "--unshare-pid --unshare-ipc --unshare-net --die-with-parent --chdir /h/kanban/workspaces/t_1",
  );
  ok(!bwrapArgs(plan, "full", "/w").includes("--unshare-net"));
  ok(bwrapArgs(plan, ["api.example.com"], "/w").includes("--unshare-net"));
  ok(!bwrapArgs(plan, "none", "/w").includes("--new-session"));
});

Deno.test("seatbeltProfile denies writes but the plan's, later rules winning", () => {
  const plan: Mount[] = [
    { kind: "deny", path: "/h", node: "dir" },
    { kind: "rw", path: "/h/kanban/workspaces/t_1" },
    { kind: "ro", path: "/h/kanban/workspaces/t_1/.git/config", node: "file" },
  ];
  const text = seatbeltProfile(plan, "none");
  const lines = text.split("\n");
  equal(lines[0], "(version 1)");
  ok(
    lines.indexOf("(deny file-write*)") <
      lines.indexOf('(deny file-read* file-write* (subpath "/h"))'),
  );
  ok(
    lines.indexOf('(deny file-read* file-write* (subpath "/h"))') <
      lines.indexOf('(allow file-read* file-write* (subpath "/h/kanban/workspaces/t_1"))'),
  );
  match(text, /\(deny file-write\* \(literal "\/h\/kanban\/workspaces\/t_1\/\.git\/config"\)\)/);
  match(text, /\(deny network\*\)$/);
  ok(!seatbeltProfile(plan, "full").includes("network"));
  match(seatbeltProfile([{ kind: "rw", path: '/a "b"' }], "full"), /\(subpath "\/a \\"b\\""\)/);
});

Deno.test("expandHome and checkSandboxPath", () => {
  equal(expandHome("~/.ssh", "/home/me/"), "/home/me/.ssh");
  equal(expandHome("~", "/home/me"), "/home/me");
  equal(expandHome("/etc/x", undefined), "/etc/x");
  equal(expandHome("~/.ssh", undefined), null);
  equal(checkSandboxPath("k", "~/.cache/x/"), "~/.cache/x");
  throws(() => checkSandboxPath("k", "cache"), /must be an absolute path or start with ~\//);
  throws(() => checkSandboxPath("k", "/a/../b"), /'\.\.' segments/);
  throws(() => checkSandboxPath("k", 3), /must be a path/);
});

Deno.test("worktreeGitDir finds the repository a worktree commits into", async () => {
  await using home = await tempHome();
  const ws = `${home.path}/wt`;
  Deno.mkdirSync(ws);
  equal(worktreeGitDir(ws), null);
  Deno.writeTextFileSync(`${ws}/.git`, "gitdir: /srv/repo/.git/worktrees/t_1\n");
  equal(worktreeGitDir(ws), "/srv/repo/.git");
  equal(statKind(ws), "dir");
  equal(statKind(`${ws}/.git`), "file");
  equal(statKind(`${ws}/missing`), null);
});

const probe = probeSandbox();

Deno.test({
  name: "a confined spawn without HOME is refused: the secrets under it could not be hidden",
  ignore: !probe.ok,
  async fn() {
    await using home = await tempHome();
    const req = request(home.path, makeTask({ body: "true" }), {
      baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
      sandbox: { network: "none", deny: [], writable: [] },
    });
    throws(() => spawnWorker(req), (err: unknown) => {
      equal((err as SpawnError).cause, "sandbox_unavailable");
      match(
        (err as Error).message,
        /^sandbox unavailable: HOME is not set .*or set `sandbox: off` for profile shell$/,
      );
      return true;
    });
    ok(!exists(req.logPath), "a worker was started");
  },
});

Deno.test({
  name: "a profile's own HOME does not move the deny list off the owner's secrets",
  ignore: !probe.ok,
  async fn() {
    await using home = await tempHome();
    const owner = await Deno.makeTempDir({ dir: "/var/tmp", prefix: "hermes-owner-" });
    try {
      const secret = `KEY-${crypto.randomUUID()}`;
      Deno.mkdirSync(`${owner}/.ssh`);
      Deno.writeTextFileSync(`${owner}/.ssh/id_ed25519`, secret);
      const req = request(
        home.path,
        makeTask({ body: `cat '${owner}/.ssh/id_ed25519'; echo "home=$HOME"` }),
        {
          baseEnv: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: owner },
          profile: makeProfile(["sh", "-c", "{body}"], {
            name: "jail",
            env: { HOME: "/var/tmp" },
            sandbox: "workspace",
            network: "none",
          }),
          sandbox: { network: "none", deny: [], writable: [] },
        },
      );
      const w = spawnWorker(req);
      w.child?.ref();
      await w.exited;
      const log = Deno.readTextFileSync(req.logPath);
      match(log, /home=\/var\/tmp/);
      ok(!log.includes(secret), log);
    } finally {
      await Deno.remove(owner, { recursive: true });
    }
  },
});

Deno.test("mountPlan makes the run's input files readable inside HERMES_HOME, nothing beside them", () => {
  const body = "/h/kanban/logs/t_1.1.body";
  const plan = mountPlan({
    workspace: "/w",
    home: "/h",
    deny: [],
    writable: [],
    inputs: [body],
  }, fs(["/w", "/h"], [body, "/h/kanban/logs/t_2.1.body"]));
  deepEqual(show(plan), ["rw /w", "deny /h", `ro ${body}`]);
});

Deno.test("mountPlan keeps hermes's own files visible under the private /tmp, and undoes no denial", () => {
  const plan = mountPlan({
    workspace: "/w",
    home: "/tmp/src/home",
    deny: [],
    writable: [],
    // From source under /tmp (a CI checkout), the executable elsewhere, a cache in a denied home.
    programs: ["/tmp/src", "/usr/bin/deno", "/tmp/src/home/deno-cache", "/tmp/missing"],
  }, fs(["/w", "/tmp/src", "/tmp/src/home", "/tmp/src/home/deno-cache"], ["/usr/bin/deno"]));
  deepEqual(show(plan), ["rw /w", "ro /tmp/src", "deny /tmp/src/home"]);
});
