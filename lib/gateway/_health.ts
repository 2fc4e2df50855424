/**
 * Health telemetry of the embedded dispatcher: when the stuck detector (lib/dispatcher/stuck.ts)
 * says a board's ready queue has stopped moving, name the cause, so a queue that silently stops
 * moving is reported with what to do.
 */

import type { Task } from "../board/task.ts";
import { locateCommand } from "../workers/command_path.ts";
import { type Profile, resolveProfile } from "../workers/profiles.ts";

/** Facts the diagnosis needs. */
export interface StuckFacts {
  /** Ready, assigned, unclaimed tasks. */
  waiting: Pick<Task, "id" | "assignee" | "last_failure_error">[];
  profiles: Map<string, Profile>;
  /** PATH the workers get. */
  path: string;
  /** Live workers now, in total and by profile. */
  live: number;
  liveByProfile: Record<string, number>;
  maxWorkers: number;
}

/** One line naming why ready tasks are not being started. */
export function diagnoseStuck(f: StuckFacts): string {
  const n = f.waiting.length;
  const lead = `${n} ready task(s) not started`;
  if (f.live >= f.maxWorkers) {
    return `${lead}: concurrency cap reached (${f.live} live workers, kanban.max_workers = ${f.maxWorkers})`;
  }
  for (const t of f.waiting) {
    const r = resolveProfile(f.profiles, t.assignee);
    if ("error" in r) {
      return `${lead}: no such profile '${t.assignee}' (task ${t.id}); add it under kanban.profiles in config.yaml`;
    }
    const p = r.profile;
    if (p.maxConcurrent !== null && (f.liveByProfile[p.name] ?? 0) >= p.maxConcurrent) {
      return `${lead}: concurrency cap reached for profile '${p.name}' (max_concurrent = ${p.maxConcurrent})`;
    }
    const prog = p.command[0];
    if (!prog.includes("{")) {
      const found = locateCommand(prog, f.path);
      if (!("path" in found)) {
        const what = found.cause === "permission_denied"
          ? "permission denied"
          : "command not found";
        return `${lead}: ${what} for profile '${p.name}': ${found.message}`;
      }
    }
  }
  for (const t of f.waiting) {
    const err = t.last_failure_error ?? "";
    if (/permission|NotCapable|EACCES|denied/i.test(err)) {
      return `${lead}: permission denied (task ${t.id}: ${err.split("\n")[0]})`;
    }
  }
  const last = f.waiting.find((t) => t.last_failure_error)?.last_failure_error;
  return last
    ? `${lead}; last error: ${last.split("\n")[0]}`
    : `${lead} for an unknown reason; check 'hermes kanban list --status ready' and the gateway log`;
}
