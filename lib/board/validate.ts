/** Pure validation of user input: titles, bodies, durations, workspaces, names. */

import { PermissionError, UsageError } from "./errors.ts";
import type { WorkspaceKind } from "./task.ts";

/** Largest task body we accept, in bytes (UTF-8). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Largest title we accept, in characters. */
export const MAX_TITLE_CHARS = 500;
/** Largest comment, result or reason we accept, in bytes. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** Priorities are integers in this range. */
export const PRIORITY_RANGE = [-1000, 1000] as const;

const encoder = new TextEncoder();

/** Trim and check a title. */
export function validateTitle(title: string | undefined | null): string {
  const t = (title ?? "").trim();
  if (!t) throw new UsageError("title is required (got an empty title)", "invalid_title");
  if ([...t].length > MAX_TITLE_CHARS) {
    throw new UsageError(
      `title is too long: at most ${MAX_TITLE_CHARS} characters`,
      "invalid_title",
    );
  }
  return t;
}

/** Check a text field against a byte limit; returns it unchanged. */
export function validateText(
  field: string,
  text: string | null | undefined,
  limit = MAX_TEXT_BYTES,
): string | null {
  if (text === undefined || text === null) return null;
  const bytes = encoder.encode(text).length;
  if (bytes > limit) {
    throw new UsageError(
      `${field} is too large: ${bytes} bytes (limit ${limit} bytes)`,
      "too_large",
    );
  }
  return text;
}

/** Check a body: at most MAX_BODY_BYTES. */
export function validateBody(body: string | null | undefined): string | null {
  return validateText("body", body, MAX_BODY_BYTES);
}

/** Parse a priority given as text or number. */
export function parsePriority(v: string | number | undefined | null): number {
  if (v === undefined || v === null || v === "") return 0;
  const n = typeof v === "number" ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < PRIORITY_RANGE[0] || n > PRIORITY_RANGE[1]) {
    throw new UsageError(
      `invalid priority '${v}': expected an integer from ${PRIORITY_RANGE[0]} to ${
        PRIORITY_RANGE[1]
      }`,
      "invalid_priority",
    );
  }
  return n;
}

const DURATION = /^(\d+)\s*([smhd]?)$/i;
const UNIT: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Parse `300`, `90s`, `30m`, `2h`, `1d` into seconds. */
export function parseDuration(flag: string, v: string): number {
  const m = DURATION.exec(v.trim());
  if (!m) {
    throw new UsageError(
      `${flag}: malformed duration '${v}' (use 300, 90s, 30m, 2h or 1d)`,
      "invalid_duration",
    );
  }
  const seconds = Number(m[1]) * UNIT[m[2].toLowerCase()];
  // Past this, now + duration is no longer a date (it would be stored, then fail to print).
  if (seconds > MAX_DURATION_SECONDS) {
    throw new UsageError(`${flag}: '${v}' is too long (at most 100 years)`, "invalid_duration");
  }
  return seconds;
}

/** The longest duration accepted: 100 years. */
export const MAX_DURATION_SECONDS = 100 * 365 * 86_400;

/** Parse a non-negative integer flag. */
export function parseCount(flag: string, v: string | number, min = 0): number {
  const n = typeof v === "number" ? v : Number(String(v).trim());
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag}: expected an integer ≥ ${min}, got '${v}'`, "invalid_number");
  }
  return n;
}

/** A workspace request: kind plus optional absolute path. */
export interface WorkspaceSpec {
  kind: WorkspaceKind;
  path: string | null;
}

/** Check an absolute, normalised path: no relative parts, no `..`. */
export function validateAbsolutePath(what: string, p: string): string {
  if (!p.startsWith("/")) {
    throw new UsageError(
      `${what}: '${p}' is not an absolute path (relative paths would resolve against whatever directory the dispatcher runs in)`,
      "invalid_path",
    );
  }
  if (p.split("/").some((seg) => seg === ".." || seg === ".")) {
    throw new UsageError(`${what}: '${p}' contains '.' or '..' segments`, "invalid_path");
  }
  if (p.includes("\0")) throw new UsageError(`${what}: path contains a NUL byte`, "invalid_path");
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

/** Parse `scratch`, `worktree` or `dir:<absolute path>`. */
export function parseWorkspace(v: string | undefined | null): WorkspaceSpec {
  const s = (v ?? "scratch").trim();
  if (s === "scratch" || s === "") return { kind: "scratch", path: null };
  if (s === "worktree") return { kind: "worktree", path: null };
  if (s.startsWith("dir:")) {
    const p = s.slice(4).trim();
    if (!p) {
      throw new UsageError("--workspace dir: requires a path after the colon", "invalid_path");
    }
    return { kind: "dir", path: validateAbsolutePath("--workspace dir:", p) };
  }
  throw new UsageError(
    `unknown workspace '${s}': expected scratch, worktree or dir:<absolute path>`,
    "invalid_workspace",
  );
}

/** Trim, de-duplicate and check skill names; `null` stays null. */
export function normalizeSkills(skills: readonly string[] | null | undefined): string[] | null {
  if (skills === null || skills === undefined) return null;
  const out: string[] = [];
  for (const raw of skills) {
    const s = raw.trim();
    if (!s) continue;
    if (s.includes(",")) {
      throw new UsageError(`skill name cannot contain comma: ${s}`, "invalid_skill");
    }
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

const SLUG = /^[a-z0-9][a-z0-9\-_]{0,63}$/;

/** Check a board name (Hermes's slug rule). */
export function validateBoardName(name: string): string {
  if (!SLUG.test(name)) {
    throw new UsageError(
      `invalid board name '${name}': use 1-64 of a-z, 0-9, '-' and '_', starting with a letter or digit`,
      "invalid_board",
    );
  }
  return name;
}

const TASK_ID = /^t_[0-9a-f]{8}$/;

/** True when `id` looks like a task id (`t_` + 8 hex). */
export function isTaskId(id: string): boolean {
  return TASK_ID.test(id);
}

/** Make a new task id: `t_` + 8 random hex characters. */
export function newTaskId(): string {
  const b = crypto.getRandomValues(new Uint8Array(4));
  return "t_" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Parse a JSON object given on the command line (metadata). */
export function parseJsonObject(flag: string, v: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new UsageError(`${flag}: not valid JSON`, "invalid_json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`${flag}: must be a JSON object`, "invalid_json");
  }
  return parsed as Record<string, unknown>;
}

/** First line of a text, cut to `max` characters (event summaries). */
export function firstLine(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const line = text.trim().split("\n")[0].trim();
  if (!line) return null;
  return [...line].length > max ? [...line].slice(0, max).join("") : line;
}

// ---- Workspace roots ----
// Where a task's `dir:` workspace or worktree repository may be: under one of
// `kanban.workspace_roots`, or under HERMES_HOME alone while that list is empty. One rule for
// every front door (the CLI, REST and MCP check the path as given when the task is created) and
// for the dispatcher (which checks it again, symlinks resolved, right before the worker starts).

/** The directories workspaces must lie under, and where they came from. */
export interface WorkspaceRoots {
  /** Absolute directories, without a trailing slash. */
  dirs: readonly string[];
  /** From `kanban.workspace_roots`; false when the list is empty and HERMES_HOME is the root. */
  configured: boolean;
}

/** `p` with repeated and trailing slashes removed ("/" stays "/"). */
function tidy(p: string): string {
  const t = p.replace(/\/{2,}/g, "/");
  return t.length > 1 ? t.replace(/\/$/, "") : t;
}

/**
 * The roots of a HERMES_HOME: `configured` (kanban.workspace_roots; entries that are not
 * absolute contain nothing), or `[home]` when the list is empty.
 */
export function workspaceRoots(home: string, configured: readonly string[]): WorkspaceRoots {
  if (configured.length === 0) return { dirs: [tidy(home)], configured: false };
  return { dirs: configured.filter((r) => r.startsWith("/")).map(tidy), configured: true };
}

/** True when the absolute path `p` is `root` or lies below it (compared as written). */
export function isUnder(p: string, root: string): boolean {
  const path = tidy(p);
  const r = tidy(root);
  return r === "/" || path === r || path.startsWith(r + "/");
}

/**
 * Refuse `path` (absolute, without `.` or `..` segments) unless it lies under one of `dirs`,
 * which default to the roots' own (the dispatcher passes them with symlinks resolved too).
 * `shown` is how the message names the path, after `what` ("workspace dir:").
 */
export function checkWorkspaceRoots(
  what: string,
  path: string,
  roots: WorkspaceRoots,
  opts: { dirs?: readonly string[]; shown?: string } = {},
): void {
  const dirs = opts.dirs ?? roots.dirs;
  if (dirs.some((d) => isUnder(path, d))) return;
  const shown = opts.shown ?? path;
  throw new PermissionError(
    roots.configured
      ? `${what} ${shown} is outside kanban.workspace_roots (${roots.dirs.join(", ")})`
      : `${what} ${shown} is outside HERMES_HOME (${roots.dirs[0]}), the only workspace root ` +
        "while kanban.workspace_roots is empty; list its directory there in config.yaml",
    "workspace_outside_roots",
  );
}

// ---- times: when a scheduled task becomes ready ----

/*
 * When a scheduled task becomes ready, as a person writes it: a duration from now in Hermes's
 * duration forms (`90s`, `10m`, `2h`, `1d`, `1.5h`; a leading `+` reads as "from now"; a bare
 * number of seconds) or an ISO 8601 time (`2026-06-01T09:00`, with `Z` or an offset; without
 * one, local time; a date alone is its local midnight). Hermes v0.18.2's own `schedule` takes
 * no time (its docs show `--at <ISO8601>`, which its code does not have); these forms are the
 * ones its duration flags and its docs use.
 */

const WHEN_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `+10m`, `2h`, `1.5d`, `+90`: a duration from now (a bare number: seconds). */
const WHEN_DURATION = /^\+?(\d+(?:\.\d+)?)([smhd])?$/i;

/** `2026-06-01`, `2026-06-01T09:00`, `2026-06-01 09:00:30.5+02:00`, `...Z`. */
const WHEN_ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The longest delay a schedule may name (ten years): anything longer is a typo. */
const MAX_AHEAD_SECONDS = 10 * 366 * 86_400;

/**
 * True when `word` reads as a time in one of the forms above, with a unit, a `+` or a date:
 * the command line takes such a first word as the time and the rest as the reason (a bare
 * number there is a reason's first word, not seconds).
 */
export function isWhen(word: string): boolean {
  const w = word.trim();
  const d = WHEN_DURATION.exec(w);
  if (d) return d[2] !== undefined || w.startsWith("+");
  return WHEN_ISO.test(w);
}

function invalid(raw: string, why = ""): UsageError {
  return new UsageError(
    `invalid time '${raw}'${why}: expected a duration from now (90s, 10m, 2h, 1d, +1.5h) or an ` +
      "ISO time (2026-06-01T09:00, 2026-06-01T09:00Z)",
    "invalid_time",
  );
}

/** The unix time (seconds) `raw` names, read at `now` (unix seconds). */
export function parseWhen(raw: string, now: number): number {
  const w = raw.trim();
  const d = WHEN_DURATION.exec(w);
  if (d) {
    const seconds = Math.round(Number(d[1]) * WHEN_UNITS[(d[2] ?? "s").toLowerCase()]);
    if (seconds > MAX_AHEAD_SECONDS) throw invalid(raw, " (more than ten years ahead)");
    return now + seconds;
  }
  const m = WHEN_ISO.exec(w);
  if (!m) throw invalid(raw);
  const [, date, time, zone] = m;
  const offset = zone === undefined
    ? ""
    : zone.toUpperCase() === "Z"
    ? "Z"
    : zone.includes(":")
    ? zone
    : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  // Without a zone Date reads a date-time as local time, but a bare date as UTC: say it.
  const ms = Date.parse(`${date}T${time ?? "00:00"}${offset}`);
  if (Number.isNaN(ms)) throw invalid(raw);
  // Date.parse rolls 2026-02-30 over to March; a calendar date that does not exist is refused.
  const [y, mo, da] = date.split("-").map(Number);
  const day = new Date(Date.UTC(y, mo - 1, da));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== da) {
    throw invalid(raw, " (no such date)");
  }
  const at = Math.floor(ms / 1000);
  if (at - now > MAX_AHEAD_SECONDS) throw invalid(raw, " (more than ten years ahead)");
  return at;
}
