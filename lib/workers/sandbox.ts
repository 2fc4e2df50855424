/**
 * Confining a worker: on Linux a bubblewrap sandbox, on macOS a Seatbelt profile run by
 * `sandbox-exec`. A `workspace` sandbox lets the worker write only its workspace, a fresh
 * private temp directory and (through the descriptor the wrapper opened before entering)
 * its run log; it reads the rest of the file system, except the deny list: HERMES_HOME and
 * the usual places secrets live. On Linux the worker also gets its own PID namespace, so
 * stopping the sandbox stops every process started in it (`setsid` and double forks
 * included), and with `network: none` its own empty network namespace.
 *
 * Why not `npm:@anthropic-ai/sandbox-runtime`: see docs/reference/security.md.
 */

import { UsageError } from "../board/errors.ts";
import { type Config, get } from "../config/config.ts";

/** How a profile's workers are confined. */
export type SandboxMode = "workspace" | "off";

/** The two sandbox modes, for validation and docs. */
export const SANDBOX_MODES: readonly SandboxMode[] = ["workspace", "off"];

/** What a confined worker may reach on the network: nothing, everything, or these hosts. */
export type NetworkPolicy = "none" | "full" | readonly string[];

/**
 * Paths a confined worker can never read, besides HERMES_HOME (`~` is the worker's HOME):
 * credentials of the usual tools, key stores, and sockets that lead out of any sandbox
 * (the user's session bus and systemd, container engines, PostgreSQL's local socket, where
 * peer authentication would let a worker in as its user: the boards' database is the
 * dispatcher's, and a worker reaches its task only through its endpoint).
 */
export const DEFAULT_DENY: readonly string[] = [
  "~/.ssh",
  "~/.gnupg",
  "~/.aws",
  "~/.azure",
  "~/.config/gcloud",
  "~/.kube",
  "~/.docker/config.json",
  "~/.netrc",
  "~/.git-credentials",
  "~/.config/gh",
  "~/.config/hub",
  "~/.npmrc",
  "~/.pypirc",
  "~/.cargo/credentials",
  "~/.cargo/credentials.toml",
  "~/.terraform.d/credentials.tfrc.json",
  "~/.pgpass",
  "~/.pg_service.conf",
  "~/.password-store",
  "~/.local/share/keyrings",
  "~/Library/Keychains",
  "/run/user",
  "/run/docker.sock",
  "/var/run/docker.sock",
  "/run/containerd",
  "/run/podman",
  "/run/postgresql",
];

/** The owner's settings for every sandbox: `sandbox.deny`, `sandbox.writable`, `sandbox.bwrap`. */
export interface SandboxSettings {
  deny: readonly string[];
  writable: readonly string[];
  /** bubblewrap to use instead of the usual places; "" searches them. */
  bwrap: string;
}

/** What one run's sandbox is made of (paths may start with `~/`, expanded per run). */
export interface SandboxRequest {
  network: NetworkPolicy;
  /** Denied besides DEFAULT_DENY and HERMES_HOME. */
  deny: readonly string[];
  /** Writable besides the workspace and the private temp directory. */
  writable: readonly string[];
  /** `sandbox.bwrap`: the bubblewrap binary ("" or absent: the usual places). */
  bwrap?: string;
  /** With a host list: the Unix socket of the run's egress proxy (EgressProxy). */
  proxy?: string | null;
}

/** Check a configured path: absolute or `~/…`, no `.`/`..` segments, no newline. */
export function checkSandboxPath(key: string, p: unknown): string {
  if (typeof p !== "string" || p.trim() === "") {
    throw new UsageError(
      `config.yaml: ${key} must be a path, got ${JSON.stringify(p)}`,
      "invalid_config",
    );
  }
  const s = p.trim();
  if (!(s.startsWith("/") || s === "~" || s.startsWith("~/"))) {
    throw new UsageError(
      `config.yaml: ${key} must be an absolute path or start with ~/, got ${JSON.stringify(s)}`,
      "invalid_config",
    );
  }
  if (s.split("/").some((seg) => seg === "." || seg === "..") || /[\n\0]/.test(s)) {
    throw new UsageError(
      `config.yaml: ${key} must not contain '.' or '..' segments, got ${JSON.stringify(s)}`,
      "invalid_config",
    );
  }
  return s.length > 1 ? s.replace(/\/+$/, "") : s;
}

/** `sandbox.deny`, `sandbox.writable` and `sandbox.bwrap`, validated. */
export function sandboxSettings(config: Config): SandboxSettings {
  const list = (key: "sandbox.deny" | "sandbox.writable") =>
    (get(config, key) ?? []).map((p, i) => checkSandboxPath(`${key}[${i}]`, p));
  const bwrap = (get(config, "sandbox.bwrap") ?? "").trim();
  if (bwrap && !bwrap.startsWith("/")) {
    throw new UsageError(
      `config.yaml: sandbox.bwrap must be an absolute path, got ${JSON.stringify(bwrap)}`,
      "invalid_config",
    );
  }
  return { deny: list("sandbox.deny"), writable: list("sandbox.writable"), bwrap };
}

/** `~` and `~/x` against `home`; other paths as they are. */
export function expandHome(path: string, home: string | undefined): string | null {
  if (path !== "~" && !path.startsWith("~/")) return path;
  if (!home || !home.startsWith("/")) return null;
  const h = home.replace(/\/+$/, "");
  return path === "~" ? h || "/" : `${h}${path.slice(1)}`;
}

/** One step of the file-system view, applied in order (deeper paths after their parents). */
export type Mount =
  | { kind: "rw"; path: string }
  | { kind: "ro"; path: string; node: "dir" | "file" }
  | { kind: "deny"; path: string; node: "dir" | "file" };

/**
 * What a path is, or null when it does not exist. Throws when it cannot tell (our own
 * permissions do not cover the path): a denial that cannot be checked must not be dropped.
 */
export type NodeKind = (path: string) => "dir" | "file" | null;

/** Inputs of a mount plan, every path absolute. */
export interface PlanInput {
  workspace: string;
  /** HERMES_HOME: always denied. */
  home: string;
  deny: readonly string[];
  writable: readonly string[];
  /** Extra writable directories that must exist (the git directory of a worktree). */
  gitDirs?: readonly string[];
  /** A private temp directory made for this run (where the platform has no private mounts). */
  tmp?: string;
  /** The directory of the egress proxy's socket, visible read-only (a socket needs no write). */
  proxyDir?: string;
  /** The directory of the worker endpoint's socket (lib/endpoint), visible read-only. */
  endpointDir?: string;
  /** Files to make readable (read-only) even under a denied path: the run's input files. */
  inputs?: readonly string[];
  /**
   * hermes's own files, which a worker runs `hermes` from (the executable, the source tree, the
   * module cache): kept visible read-only where the sandbox would hide them (a private /tmp).
   */
  programs?: readonly string[];
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

function depth(path: string): number {
  return path === "/" ? 0 : path.split("/").length - 1;
}

function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
}

/**
 * The mounts that make the `workspace` view: writable binds and denials, ordered by depth so
 * the more specific path wins (a workspace under HERMES_HOME stays visible; a secret under a
 * writable directory stays hidden); at the same path a denial wins. Git hooks and config of
 * the writable repositories are kept read-only: a worker that could write them would run
 * code the next time the owner runs git. Missing paths are left out.
 */
export function mountPlan(input: PlanInput, kind: NodeKind): Mount[] {
  const out: { m: Mount; order: number }[] = [];
  const seen = new Set<string>();
  const add = (m: Mount, order: number) => {
    const key = `${m.kind}:${m.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ m, order });
  };
  const own = input.tmp ? [input.workspace, input.tmp] : [input.workspace];
  const rw = [...own, ...(input.gitDirs ?? []), ...input.writable];
  // A writable path we cannot look at stays read-only, which is the safe side.
  const soft = (p: string) => {
    try {
      return kind(p);
    } catch {
      return null;
    }
  };
  for (const p of rw) if (soft(p) !== null) add({ kind: "rw", path: p }, 0);
  for (const p of [input.home, ...input.deny]) {
    const k = kind(p);
    if (k !== null) add({ kind: "deny", path: p, node: k }, 1);
  }
  // Only what is writable needs protecting (a path left read-only is safe as it is).
  const made = new Set(out.map(({ m }) => m.path));
  for (const repo of [input.workspace, ...input.writable].filter((p) => made.has(p))) {
    for (const p of [`${repo}/.git/hooks`, `${repo}/.git/config`]) {
      const k = kind(p);
      if (k !== null) add({ kind: "ro", path: p, node: k }, 2);
    }
  }
  for (const dir of [input.proxyDir, input.endpointDir]) {
    if (!dir) continue;
    const k = kind(dir);
    if (k !== null) add({ kind: "ro", path: dir, node: k }, 2);
  }
  for (const f of input.inputs ?? []) {
    const k = kind(f);
    if (k !== null) add({ kind: "ro", path: f, node: k }, 2);
  }
  // Elsewhere they are visible already (read-only /); a denial is never undone for them.
  for (const p of (input.programs ?? []).filter((p) => under(p, "/tmp"))) {
    const k = soft(p);
    if (k !== null) add({ kind: "ro", path: p, node: k }, 2);
  }
  for (const g of (input.gitDirs ?? []).filter((p) => made.has(p))) {
    for (const p of [`${g}/hooks`, `${g}/config`]) {
      const k = kind(p);
      if (k !== null) add({ kind: "ro", path: p, node: k }, 2);
    }
  }
  // Only the run's own directories (and its proxy's and endpoint's) may be re-opened inside a
  // denied path;
  // `sandbox.writable` entries under HERMES_HOME or a secret stay hidden, and so does anything
  // beneath them (configuration never undoes a denial).
  const denied = out.filter(({ m }) => m.kind === "deny").map(({ m }) => m.path);
  const reopened = [
    ...own,
    ...[input.proxyDir, input.endpointDir].filter((d): d is string => !!d),
    ...(input.inputs ?? []),
  ];
  const kept = out.filter(({ m }) =>
    m.kind === "deny" || !denied.some((d) => under(m.path, d)) ||
    reopened.some((r) => under(m.path, r))
  );
  return kept
    .sort((a, b) => depth(a.m.path) - depth(b.m.path) || a.order - b.order)
    .map(({ m }) => m);
}

/** The git directory shared by a worktree (from its `.git` file), or null. */
export function worktreeGitDir(workspace: string): string | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(`${workspace}/.git`);
  } catch {
    return null;
  }
  const m = /^gitdir:\s*(\/.+?)\s*$/m.exec(text);
  if (!m) return null;
  // <repo>/.git/worktrees/<name>: the worker commits into <repo>/.git.
  const w = /^(.*)\/worktrees\/[^/]+$/.exec(m[1]);
  return w ? w[1] : null;
}

/**
 * A path's kind through stat (following symlinks, as the mounts will). Missing, or hidden from
 * this user by the OS (then from the worker too): null. Hidden by our own Deno permissions:
 * throws, so the spawn fails instead of leaving the path unmasked.
 */
export function statKind(path: string): "dir" | "file" | null {
  try {
    const st = Deno.statSync(path);
    return st.isDirectory ? "dir" : "file";
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) {
      throw new Error(`cannot check ${path} (not in the dispatcher's read permissions)`);
    }
    return null;
  }
}

/** Port the relay inside a sandbox listens on (its network namespace is its own). */
export const SANDBOX_PROXY_PORT = 3128;

/**
 * Inside a sandbox with a host list: relay 127.0.0.1:3128 to the proxy's Unix socket with
 * socat, wait until it listens (at most 5 s), then become the worker. `$1` socat, `$2` socket.
 */
const RELAY = [
  "__hx_socat=$1 __hx_sock=$2",
  "shift 2",
  `"$__hx_socat" TCP-LISTEN:${SANDBOX_PROXY_PORT},bind=127.0.0.1,fork,reuseaddr ` +
  '"UNIX-CONNECT:$__hx_sock" </dev/null &',
  "__hx_i=0",
  `while [ $__hx_i -lt 500 ] && ! grep -q ':${
    SANDBOX_PROXY_PORT.toString(16).toUpperCase().padStart(4, "0")
  } 00000000:0000 0A' /proc/net/tcp 2>/dev/null; do`,
  "  sleep 0.01; __hx_i=$((__hx_i + 1))",
  "done",
  "unset __hx_socat __hx_sock __hx_i",
  'exec "$@"',
].join("\n");

/** The proxy variables a worker with a host list gets (most HTTP clients honour them). */
export function proxyEnv(): Record<string, string> {
  const url = `http://127.0.0.1:${SANDBOX_PROXY_PORT}`;
  const env: Record<string, string> = {};
  for (const k of ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"]) {
    env[k] = url;
    env[k.toLowerCase()] = url;
  }
  env.NO_PROXY = env.no_proxy = "localhost,127.0.0.1,::1";
  // Node's own fetch reads the variables above only when asked to.
  env.NODE_USE_ENV_PROXY = "1";
  return env;
}

/** The root every sandbox starts from, and the probe tries: read-only /, own /dev and /proc. */
const BASE_MOUNTS: readonly string[] = [
  "--ro-bind",
  "/",
  "/",
  "--dev",
  "/dev",
  "--proc",
  "/proc",
  // A private /tmp per run: the worker's TMPDIR, gone with the sandbox.
  "--tmpfs",
  "/tmp",
];

/**
 * Where this hermes runs from: its executable (deno, or the compiled binary), its source tree
 * when run from source, and DENO_DIR when set. A worker's `hermes kanban …` and `hermes mcp` run
 * from the same files. Paths this process may not look at are left out.
 */
export function hermesProgramPaths(): string[] {
  const out: string[] = [];
  try {
    out.push(Deno.execPath());
  } catch { /* not allowed to know: nothing to keep visible */ }
  const src = new URL("../../", import.meta.url);
  if (src.protocol === "file:") out.push(decodeURIComponent(src.pathname).replace(/\/$/, ""));
  try {
    const dir = Deno.env.get("DENO_DIR");
    if (dir?.startsWith("/")) out.push(dir);
  } catch { /* not in this process's environment list */ }
  return out;
}

/** bubblewrap arguments for a plan (everything before `--`). */
export function bwrapArgs(plan: readonly Mount[], network: NetworkPolicy, cwd: string): string[] {
  const args = [...BASE_MOUNTS];
  const remount: string[] = [];
  for (const m of plan) {
    if (m.kind === "rw") {
      args.push("--bind", m.path, m.path);
    } else if (m.node === "dir") {
      if (m.kind === "deny") {
        // An empty directory; made read-only after the mounts beneath it exist.
        args.push("--tmpfs", m.path);
        remount.push(m.path);
      } else {
        args.push("--ro-bind", m.path, m.path);
      }
    } else {
      args.push("--ro-bind", m.kind === "deny" ? "/dev/null" : m.path, m.path);
    }
  }
  for (const p of remount.reverse()) args.push("--remount-ro", p);
  args.push("--unshare-pid", "--unshare-ipc");
  // A host list also gets an empty network: its only way out is the proxy's socket.
  if (network !== "full") args.push("--unshare-net");
  // No --new-session: the wrapper already leads a session without a terminal, and the
  // worker must stay in its process group for the graceful SIGTERM to reach it.
  args.push("--die-with-parent", "--chdir", cwd);
  return args;
}

function sbString(s: string): string {
  return `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * A Seatbelt profile (macOS `sandbox-exec -p`) for a plan; `sockets` are Unix sockets the worker
 * may connect to whatever its network (the worker endpoint).
 */
export function seatbeltProfile(
  plan: readonly Mount[],
  network: NetworkPolicy,
  sockets: readonly string[] = [],
): string {
  const lines = [
    "(version 1)",
    "(allow default)",
    "(deny file-write*)",
    '(allow file-write* (literal "/dev/null") (literal "/dev/zero") (literal "/dev/dtracehelper")' +
    ' (regex #"^/dev/tty") (regex #"^/dev/fd/"))',
  ];
  // Later rules win in a Seatbelt profile: the plan is ordered so the deeper path comes last.
  for (const m of plan) {
    const filter = m.kind !== "rw" && m.node === "file"
      ? `(literal ${sbString(m.path)})`
      : `(subpath ${sbString(m.path)})`;
    if (m.kind === "rw") lines.push(`(allow file-read* file-write* ${filter})`);
    // Read-only paths may sit inside a denied one (the run's input files): readable again.
    else if (m.kind === "ro") {
      lines.push(`(allow file-read* ${filter})`, `(deny file-write* ${filter})`);
    } else lines.push(`(deny file-read* file-write* ${filter})`);
  }
  if (network === "none") lines.push("(deny network*)");
  for (const s of sockets) {
    lines.push(`(allow network-outbound (remote unix-socket (path-literal ${sbString(s)})))`);
  }
  return lines.join("\n");
}

/** Whether a sandbox can be had here, and with what. */
export type SandboxProbe =
  | {
    ok: true;
    tool: "bwrap" | "sandbox-exec";
    path: string;
    version: string;
    /** `env` that resets SIGTERM inside bubblewrap (so the kill grace reaches the worker). */
    envPath: string | null;
  }
  | { ok: false; reason: string; fix: string };

const BWRAP_PATHS = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"];
const ENV_PATHS = ["/usr/bin/env", "/bin/env"];
const SOCAT_PATHS = ["/usr/bin/socat", "/usr/local/bin/socat", "/bin/socat"];
const SANDBOX_EXEC = "/usr/bin/sandbox-exec";

/** The programs a sandbox is made with, where they are looked for (stat'ed, never read). */
export const SANDBOX_TOOL_PATHS: readonly string[] = [
  ...BWRAP_PATHS,
  ...ENV_PATHS,
  ...SOCAT_PATHS,
  SANDBOX_EXEC,
];

function firstFile(paths: readonly string[]): string | null {
  for (const p of paths) {
    try {
      if (Deno.statSync(p).isFile) return p;
    } catch { /* next */ }
  }
  return null;
}

function runQuiet(path: string, args: string[]): { ok: boolean; out: string; err: string } {
  try {
    const r = new Deno.Command(path, {
      args,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      clearEnv: true,
      env: { PATH: "/usr/bin:/bin" },
    }).outputSync();
    const dec = new TextDecoder();
    return { ok: r.success, out: dec.decode(r.stdout).trim(), err: dec.decode(r.stderr).trim() };
  } catch (e) {
    return { ok: false, out: "", err: (e as Error).message };
  }
}

function probeLinux(configured: string): SandboxProbe {
  const bwrap = firstFile(configured ? [configured] : BWRAP_PATHS);
  if (!bwrap) {
    return {
      ok: false,
      reason: configured
        ? `bubblewrap not found at ${configured} (sandbox.bwrap)`
        : "bubblewrap (bwrap) is not installed",
      fix: "install bubblewrap (Debian/Ubuntu: apt install bubblewrap; Fedora: dnf install " +
        `bubblewrap)${configured ? " or correct sandbox.bwrap" : ""}`,
    };
  }
  const version = runQuiet(bwrap, ["--version"]).out.replace(/^bubblewrap\s*/, "") || "unknown";
  const base = [
    ...BASE_MOUNTS,
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-net",
    "--die-with-parent",
    "--",
  ];
  const env = firstFile(ENV_PATHS);
  if (env) {
    const r = runQuiet(bwrap, [...base, env, "--default-signal=TERM", "true"]);
    if (r.ok) return { ok: true, tool: "bwrap", path: bwrap, version, envPath: env };
  }
  const r = runQuiet(bwrap, [...base, "true"]);
  if (r.ok) return { ok: true, tool: "bwrap", path: bwrap, version, envPath: null };
  const why = r.err.split("\n")[0].replace(/^bwrap:\s*/, "") || "it failed";
  return {
    ok: false,
    reason: `bubblewrap cannot create a sandbox here (${why})`,
    fix: "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on " +
      "Ubuntu 24.04 an AppArmor profile for bwrap), or run hermes where they are allowed",
  };
}

function probeMac(): SandboxProbe {
  if (!firstFile([SANDBOX_EXEC])) {
    return { ok: false, reason: `${SANDBOX_EXEC} is missing`, fix: "restore macOS's sandbox-exec" };
  }
  const r = runQuiet(SANDBOX_EXEC, ["-p", "(version 1)(allow default)", "/usr/bin/true"]);
  if (!r.ok) {
    return {
      ok: false,
      reason: `sandbox-exec cannot run here (${r.err.split("\n")[0] || "it failed"})`,
      fix: "run hermes outside another sandbox",
    };
  }
  return { ok: true, tool: "sandbox-exec", path: SANDBOX_EXEC, version: "seatbelt", envPath: null };
}

const probed = new Map<string, SandboxProbe>();

/**
 * Whether this machine can confine workers, probed once per process (per `bwrap` path) by
 * starting a real sandbox: a bubblewrap that is installed but cannot make namespaces fails here.
 */
export function probeSandbox(bwrap = ""): SandboxProbe {
  let p = probed.get(bwrap);
  if (p === undefined) {
    p = Deno.build.os === "linux" ? probeLinux(bwrap) : Deno.build.os === "darwin" ? probeMac() : {
      ok: false,
      reason: `no worker sandbox on ${Deno.build.os}`,
      fix: "run confined workers on Linux or macOS",
    };
    probed.set(bwrap, p);
  }
  return p;
}

/** The one-line refusal for a profile that asks for a sandbox this machine cannot give. */
export function sandboxUnavailable(profile: string, probe: SandboxProbe): string {
  if (probe.ok) return "";
  return `sandbox unavailable: ${probe.reason}: ${probe.fix}, or set \`sandbox: off\` for ` +
    `profile ${profile}`;
}

/** What the spawner puts around the worker's argv. */
export interface SandboxWrap {
  /** argv before the worker's own (the sandbox tool and its arguments). */
  prefix: string[];
  /** Environment set for the worker inside. */
  env: Record<string, string>;
  /** A directory the wrapper removes after the worker ends (macOS's private temp dir). */
  cleanup: string | null;
  /**
   * The wrapper ignores SIGTERM so bubblewrap, which inherits that, outlives a group SIGTERM
   * while the worker inside (reset by `env --default-signal`) gets it: the kill grace then
   * works as without a sandbox. Without that reset a SIGTERM ends the sandbox at once.
   */
  ignoreTerm: boolean;
}

/** Inputs of `wrapForSandbox`. */
export interface WrapInput {
  /** The profile, named in refusals. */
  profile: string;
  request: SandboxRequest;
  workspace: string;
  home: string;
  /** The owner's HOME, for `~` in the deny and writable lists (required). */
  userHome: string | undefined;
  /** Where a private temp dir can be made when the platform has no private mounts. */
  tmpBase: string;
  /** The run's input files ({body_file}, {prompt_file}, its secret): readable inside. */
  inputs?: readonly string[];
  /** The worker endpoint's socket: its directory is bound read-only, so the worker reaches the board. */
  endpointSocket?: string;
}

/**
 * The sandbox around one run, or a thrown Error whose message is the one-line refusal
 * (cause and fix). `probe` is the machine's answer from probeSandbox (must be ok).
 */
export function wrapForSandbox(
  input: WrapInput,
  probe: Extract<SandboxProbe, { ok: true }>,
  kind: NodeKind = statKind,
): SandboxWrap {
  const { request } = input;
  const hosts = Array.isArray(request.network);
  const refuse = (why: string, fix: string) =>
    new Error(
      `sandbox unavailable: ${why}: ${fix}, or set network: none or full for profile ` +
        input.profile,
    );
  let socat: string | null = null;
  if (hosts) {
    if (probe.tool !== "bwrap") {
      throw refuse("network host lists are not supported with sandbox-exec yet", "use Linux");
    }
    socat = firstFile(SOCAT_PATHS);
    if (!socat) {
      throw refuse(
        "a network host list needs socat inside the sandbox, which is not installed",
        "install socat (Debian/Ubuntu: apt install socat)",
      );
    }
    if (!request.proxy) throw refuse("no egress proxy was started for it", "report a bug");
  }
  if (!input.userHome?.startsWith("/")) {
    // `~/.ssh` and the rest could not be found, so they could not be hidden.
    throw new Error(
      "sandbox unavailable: HOME is not set (or not absolute), so the secrets under it cannot " +
        `be hidden: start hermes with HOME set, or set \`sandbox: off\` for profile ${input.profile}`,
    );
  }
  const expand = (list: readonly string[]) =>
    list.map((p) => expandHome(p, input.userHome)).filter((p): p is string => p !== null);
  const gitDir = worktreeGitDir(input.workspace);
  // bubblewrap mounts a private /tmp; Seatbelt has no mounts, so a directory is made.
  const tmp = probe.tool === "bwrap"
    ? undefined
    : Deno.makeTempDirSync({ dir: input.tmpBase, prefix: "run-" });
  const plan = mountPlan({
    workspace: input.workspace,
    home: input.home,
    deny: expand([...DEFAULT_DENY, ...request.deny]),
    writable: expand(request.writable),
    gitDirs: gitDir ? [gitDir] : [],
    tmp,
    proxyDir: socat && request.proxy ? dirOf(request.proxy) : undefined,
    endpointDir: input.endpointSocket ? dirOf(input.endpointSocket) : undefined,
    inputs: input.inputs,
    programs: hermesProgramPaths(),
  }, kind);
  if (tmp === undefined) {
    const prefix = [probe.path, ...bwrapArgs(plan, request.network, input.workspace), "--"];
    const env: Record<string, string> = { TMPDIR: "/tmp" };
    if (socat && request.proxy) {
      prefix.push("/bin/sh", "-c", RELAY, "hermes-net", socat, request.proxy);
      Object.assign(env, proxyEnv());
    }
    if (probe.envPath) prefix.push(probe.envPath, "--default-signal=TERM");
    return { prefix, env, cleanup: null, ignoreTerm: probe.envPath !== null };
  }
  return {
    prefix: [
      probe.path,
      "-p",
      seatbeltProfile(plan, request.network, input.endpointSocket ? [input.endpointSocket] : []),
    ],
    env: { TMPDIR: tmp },
    cleanup: tmp,
    ignoreTerm: false,
  };
}

/** The deny list of a sandbox with `~` expanded: what the dispatcher stats before each spawn. */
export function denyPaths(settings: SandboxSettings, userHome: string | undefined): string[] {
  return [...DEFAULT_DENY, ...settings.deny]
    .map((p) => expandHome(p, userHome))
    .filter((p): p is string => p !== null);
}
