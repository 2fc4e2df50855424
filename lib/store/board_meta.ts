/**
 * A board's metadata as Hermes keeps it: `<home>/kanban/boards/<name>/board.json` (the default
 * board's too, though its database stays at `<home>/kanban.db`), a JSON object with a display
 * name, description, icon, colour, default workdir, creation time and an archived flag. Fields
 * this program does not know are kept as they are, so both programs can write the file.
 */

import { UsageError } from "../board/errors.ts";
import { validateAbsolutePath } from "../board/validate.ts";
import { boardPaths, ensurePrivateDir } from "../config/paths.ts";
import { writePrivateAtomic } from "../config/private_file.ts";

/** What board.json holds (Hermes's fields; unknown ones ride along). */
export interface BoardMeta {
  slug: string;
  name: string;
  description: string;
  icon: string;
  color: string;
  /** Directory a board's worktree (and pathless dir) tasks anchor on; null: none. */
  default_workdir: string | null;
  /** Unix seconds of the first write; null for a board never described. */
  created_at: number | null;
  archived: boolean;
  [field: string]: unknown;
}

/** The fields a person may change. */
export interface BoardMetaPatch {
  name?: string;
  description?: string;
  icon?: string;
  color?: string;
  /** An absolute path; null clears it. */
  default_workdir?: string | null;
  archived?: boolean;
}

/** A slug as a display name, as Hermes makes one: `atm10-server` → `Atm10 Server`. */
export function displayName(slug: string): string {
  const words = slug.replaceAll("_", "-").split("-").filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join(" ") || slug;
}

/** The board's metadata: board.json over the defaults; a missing or broken file gives the defaults. */
export function readBoardMeta(home: string, board: string): BoardMeta {
  const meta: BoardMeta = {
    slug: board,
    name: displayName(board),
    description: "",
    icon: "",
    color: "",
    default_workdir: null,
    created_at: null,
    archived: false,
  };
  try {
    const raw = JSON.parse(Deno.readTextFileSync(boardPaths(home, board).meta));
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      Object.assign(meta, raw);
      // The directory is the board's identity, whatever the file says.
      meta.slug = board;
      delete meta.db_path;
    }
  } catch { /* absent or unreadable: the defaults */ }
  return meta;
}

/**
 * A default workdir as stored: an existing directory, by its real path. A process not allowed to
 * look there (the dashboard's server may read only HERMES_HOME) stores the absolute path as given.
 */
export function checkWorkdir(path: string): string {
  const p = validateAbsolutePath("default workdir", path);
  let real: string;
  try {
    real = Deno.realPathSync(p);
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) return p;
    throw new UsageError(
      `default workdir ${path} does not exist; create it first`,
      "invalid_workdir",
    );
  }
  if (!Deno.statSync(real).isDirectory) {
    throw new UsageError(`default workdir ${path} is not a directory`, "invalid_workdir");
  }
  return real;
}

/** Merge `patch` into the board's metadata and write board.json; `now` stamps a first write. */
export function writeBoardMeta(
  home: string,
  board: string,
  patch: BoardMetaPatch,
  now: number,
): BoardMeta {
  const meta = readBoardMeta(home, board);
  if (patch.name !== undefined) meta.name = patch.name.trim() || displayName(board);
  if (patch.description !== undefined) meta.description = patch.description;
  if (patch.icon !== undefined) meta.icon = patch.icon;
  if (patch.color !== undefined) meta.color = patch.color;
  if (patch.archived !== undefined) meta.archived = patch.archived;
  if (patch.default_workdir !== undefined) {
    meta.default_workdir = patch.default_workdir === null || patch.default_workdir === ""
      ? null
      : checkWorkdir(patch.default_workdir);
  }
  if (!meta.created_at) meta.created_at = now;
  const path = boardPaths(home, board).meta;
  ensurePrivateDir(path.slice(0, path.lastIndexOf("/")));
  writePrivateAtomic(path, JSON.stringify(meta, null, 2) + "\n");
  return meta;
}

/**
 * The workspace kind Hermes's dashboard suggests for a board's new tasks: `scratch` without a
 * default workdir, `worktree` when it lies in a git checkout, else `dir`.
 */
export function defaultWorkspaceKind(meta: Pick<BoardMeta, "default_workdir">): string {
  const dir = meta.default_workdir?.trim();
  if (!dir) return "scratch";
  try {
    for (let d = dir; d !== ""; d = d.slice(0, d.lastIndexOf("/"))) {
      try {
        Deno.statSync(`${d}/.git`);
        return "worktree";
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
    }
  } catch { /* cannot look there: no checkout we know of */ }
  return "dir";
}
