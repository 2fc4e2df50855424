/**
 * Finding a worker's program before spawning it, so a missing or non-executable
 * command is reported with its true cause instead of a shell's exit 127/126.
 */

/** Where a command resolved to, or why it did not. */
export type CommandLookup =
  | { path: string }
  | { cause: "command_not_found" | "permission_denied"; message: string };

/** A regular file with at least one execute bit (root may still exec it then). */
function probe(path: string): "ok" | "no_exec" | "missing" {
  try {
    const st = Deno.statSync(path);
    if (!st.isFile) return "missing";
    return st.mode === null || (st.mode & 0o111) !== 0 ? "ok" : "no_exec";
  } catch {
    return "missing";
  }
}

// Positive lookups are cached per (PATH, command); a hit is re-probed once so a
// removed binary is noticed, but the PATH walk (one failed stat per directory) is skipped.
const cache = new Map<string, string>();
const CACHE_MAX = 256;

/**
 * Resolve `cmd` the way execvp would: a name with a slash is taken as is (relative
 * to the workspace `cwd`, never the process's), anything else is searched on `pathEnv`.
 */
export function locateCommand(cmd: string, pathEnv: string, cwd?: string): CommandLookup {
  if (cmd === "") return { cause: "command_not_found", message: "empty command" };
  if (cmd.includes("/")) {
    if (!cmd.startsWith("/") && cwd === undefined) {
      return {
        cause: "command_not_found",
        message: `${cmd} is relative and no workspace is known`,
      };
    }
    const full = cmd.startsWith("/") ? cmd : `${cwd}/${cmd}`;
    const r = probe(full);
    if (r === "ok") return { path: full };
    if (r === "no_exec") {
      return { cause: "permission_denied", message: `${full} is not executable` };
    }
    return { cause: "command_not_found", message: `${full} does not exist` };
  }
  const key = `${pathEnv}\0${cmd}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    if (probe(hit) === "ok") return { path: hit };
    cache.delete(key);
  }
  let denied: string | null = null;
  for (const dir of pathEnv.split(":")) {
    // An empty PATH entry means the current directory to execvp; we never resolve from the CWD.
    if (!dir.startsWith("/")) continue;
    const full = `${dir.replace(/\/+$/, "")}/${cmd}`;
    const r = probe(full);
    if (r === "ok") {
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(key, full);
      return { path: full };
    }
    if (r === "no_exec" && denied === null) denied = full;
  }
  if (denied !== null) {
    return { cause: "permission_denied", message: `${denied} is not executable` };
  }
  return { cause: "command_not_found", message: `'${cmd}' not found on PATH (${pathEnv})` };
}

/** Absolute path of `cmd` found on `pathEnv` (or `cmd` itself if it has a slash), or null. */
export function commandAvailable(cmd: string, pathEnv: string): string | null {
  const r = locateCommand(cmd, pathEnv);
  return "path" in r ? r.path : null;
}
