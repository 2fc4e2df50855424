/**
 * The diagnostics operation (`kanban diagnostics`, `GET /diagnostics`, the web board's badges):
 * the board's rules of lib/board/diagnostics.ts over the tasks the store reads, filtered and
 * ordered as Hermes lists them.
 */

import {
  diagnose,
  type Diagnostic,
  DIAGNOSTIC_DEFAULTS,
  DIAGNOSTIC_EVENT_KINDS,
  type DiagnosticConfig,
  SEVERITIES,
  type Severity,
  severityAtLeast,
  warningsOf,
} from "../board/diagnostics.ts";
import { NotFoundError } from "../board/errors.ts";
import type { Status } from "../board/status.ts";
import type { BoardStore } from "../store/mod.ts";
import { oneOf, schema, text, type Wire } from "./_fields.ts";
import type { RawInput } from "./tasks.ts";

/** Input of `diagnostics`. */
export const Diagnose = schema({
  task_id: text({ nullable: true, trim: true, blankIsMissing: true }),
  severity: oneOf(SEVERITIES, (raw) => ({
    code: "invalid_severity",
    kind: "usage",
    message: `unknown severity '${raw}': expected one of ${SEVERITIES.join(", ")}`,
  })),
});

/** One task's active diagnostics, with what a listing shows of the task. */
export interface TaskDiagnostics {
  task_id: string;
  task_title: string;
  task_status: Status;
  task_assignee: string | null;
  diagnostics: Diagnostic[];
}

/** The rules' thresholds for a board whose failure limit is `failureLimit`. */
export function diagnosticConfig(failureLimit: number): DiagnosticConfig {
  return { ...DIAGNOSTIC_DEFAULTS, failureThreshold: failureLimit };
}

/**
 * Active diagnostics of one task (`task_id`) or of every task not archived, at or above
 * `severity`: tasks with the most urgent first, then the most recent.
 */
export function diagnostics(
  store: BoardStore,
  input: RawInput,
  opts: { now: number; config: DiagnosticConfig; wire?: Wire },
): { diagnostics: TaskDiagnostics[]; count: number } {
  const v = Diagnose.parse(input, opts.wire);
  const id = v.task_id ?? null;
  const inputs = store.diagnosisInputs(id === null ? null : [id], DIAGNOSTIC_EVENT_KINDS);
  if (id !== null && inputs.length === 0) throw new NotFoundError(`no such task: ${id}`);
  const rows: TaskDiagnostics[] = [];
  for (const x of inputs) {
    const ds = diagnose(x, opts.now, opts.config).filter((d) =>
      severityAtLeast(d.severity, v.severity as Severity | null)
    );
    if (ds.length === 0) continue;
    rows.push({
      task_id: x.task.id,
      task_title: x.task.title,
      task_status: x.task.status,
      task_assignee: x.task.assignee,
      diagnostics: ds,
    });
  }
  rows.sort((a, b) => {
    const [x, y] = [a.diagnostics[0], b.diagnostics[0]];
    return SEVERITIES.indexOf(y.severity) - SEVERITIES.indexOf(x.severity) ||
      y.last_seen_at - x.last_seen_at;
  });
  return { diagnostics: rows, count: rows.reduce((n, r) => n + r.diagnostics.length, 0) };
}

/** The `warnings` summary of each given task that has diagnostics (for the board's cards). */
export function cardWarnings(
  store: BoardStore,
  ids: readonly string[],
  opts: { now: number; config: DiagnosticConfig },
): Map<string, NonNullable<ReturnType<typeof warningsOf>>> {
  const out = new Map<string, NonNullable<ReturnType<typeof warningsOf>>>();
  if (ids.length === 0) return out;
  const wanted = new Set(ids);
  for (const x of store.diagnosisInputs(null, DIAGNOSTIC_EVENT_KINDS)) {
    if (!wanted.has(x.task.id)) continue;
    const w = warningsOf(diagnose(x, opts.now, opts.config));
    if (w) out.set(x.task.id, w);
  }
  return out;
}
