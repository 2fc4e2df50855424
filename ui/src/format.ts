/** Small formatting helpers: durations, relative ages, clipped text. */

/** `3s`, `4m 05s`, `2h 10m`, `3d 4h`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86400) {
    return `${Math.floor(s / 3600)}h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`;
  }
  return `${Math.floor(s / 86400)}d ${Math.floor(s % 86400 / 3600)}h`;
}

/** A short age: `now`, `5m`, `3h`, `2d`. */
export function age(seconds: number | null): string {
  if (seconds === null) return "";
  const s = Math.max(0, seconds);
  if (s < 60) return "now";
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** A unix time as a local date and time. */
export function when(unix: number | null): string {
  if (unix === null) return "—";
  return new Date(unix * 1000).toLocaleString();
}

/** Column titles. */
export const COLUMN_TITLES: Record<string, string> = {
  triage: "Triage",
  todo: "Todo",
  scheduled: "Scheduled",
  ready: "Ready",
  running: "In progress",
  blocked: "Blocked",
  review: "Review",
  done: "Done",
  archived: "Archived",
};

/** Age thresholds (seconds) past which a card turns amber, then red (Hermes's). */
export const STALE: Record<string, [number, number]> = {
  ready: [3600, 86400],
  running: [600, 3600],
  blocked: [3600, 86400],
  todo: [7 * 86400, 30 * 86400],
};
