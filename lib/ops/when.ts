/**
 * When a scheduled task becomes ready, as a person writes it: a duration from now in Hermes's
 * duration forms (`90s`, `10m`, `2h`, `1d`, `1.5h`; a leading `+` reads as "from now"; a bare
 * number of seconds) or an ISO 8601 time (`2026-06-01T09:00`, with `Z` or an offset; without
 * one, local time; a date alone is its local midnight). Hermes v0.18.2's own `schedule` takes
 * no time (its docs show `--at <ISO8601>`, which its code does not have); these forms are the
 * ones its duration flags and its docs use.
 */

import { UsageError } from "../board/errors.ts";

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `+10m`, `2h`, `1.5d`, `+90`: a duration from now (a bare number: seconds). */
const DURATION = /^\+?(\d+(?:\.\d+)?)([smhd])?$/i;

/** `2026-06-01`, `2026-06-01T09:00`, `2026-06-01 09:00:30.5+02:00`, `...Z`. */
const ISO =
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
  const d = DURATION.exec(w);
  if (d) return d[2] !== undefined || w.startsWith("+");
  return ISO.test(w);
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
  const d = DURATION.exec(w);
  if (d) {
    const seconds = Math.round(Number(d[1]) * UNIT_SECONDS[(d[2] ?? "s").toLowerCase()]);
    if (seconds > MAX_AHEAD_SECONDS) throw invalid(raw, " (more than ten years ahead)");
    return now + seconds;
  }
  const m = ISO.exec(w);
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
