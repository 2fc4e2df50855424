/**
 * The worker context: the markdown a worker reads to orient itself on its task (body, prior
 * attempts, parents' results, its profile's recent work, the comment thread). Pure: the store
 * gathers the rows, this renders them within fixed caps so a long history cannot flood a prompt.
 */

import type { Comment, Run, Task } from "./task.ts";

/** Size caps of the worker context (Hermes's numbers). */
export const CONTEXT_CAPS = {
  /** Prior attempts shown (most recent). */
  attempts: 10,
  /** Comments shown (most recent). */
  comments: 30,
  /** Entries of the profile's recent work. */
  recent: 5,
  /** Characters of any one field (summary, result, error, metadata). */
  fieldChars: 4 * 1024,
  /** Characters of the task body. */
  bodyChars: 8 * 1024,
  /** Characters of one comment. */
  commentChars: 2 * 1024,
} as const;

/** A finished task with its hand-off text: the latest completed run's summary, else its result. */
export interface TaskHandoff {
  task: Task;
  handoff: string | null;
}

/** Everything the context is rendered from. */
export interface WorkerContextInput {
  task: Task;
  /** Closed runs of the task, oldest first, at most CONTEXT_CAPS.attempts; `number` counts from 1. */
  attempts: { number: number; run: Run }[];
  /** Closed runs left out because of the cap. */
  attemptsOmitted: number;
  /** Parents in creation order. */
  parents: TaskHandoff[];
  /** The assignee's other done tasks, most recent first. */
  recent: TaskHandoff[];
  /** Most recent comments, oldest first. */
  comments: Comment[];
  commentsOmitted: number;
  /** The worker was started to review the task (its run was claimed from review). */
  reviewing?: boolean;
}

/** Cut `text` to `max` characters, saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join("")}… [truncated, ${chars.length - max} chars omitted]`;
}

function iso(ts: number | null): string {
  return ts === null ? "-" : new Date(ts * 1000).toISOString().replace(".000Z", "Z");
}

function field(label: string, text: string | null): string[] {
  if (text === null || text.trim() === "") return [];
  return [`${label}: ${clip(text.trim(), CONTEXT_CAPS.fieldChars)}`];
}

/** Render the worker context markdown for a task. */
export function buildWorkerContext(c: WorkerContextInput): string {
  const t = c.task;
  const out: string[] = [`# Kanban task ${t.id}: ${t.title}`, ""];
  out.push(`- Status: ${t.status}`);
  out.push(`- Assignee: ${t.assignee ? `@${t.assignee}` : "(unassigned)"}`);
  out.push(`- Priority: ${t.priority}`);
  if (t.tenant) out.push(`- Tenant: ${t.tenant}`);
  out.push(
    `- Workspace: ${t.workspace_kind}${t.workspace_path ? ` (${t.workspace_path})` : ""}`,
  );
  if (t.skills?.length) out.push(`- Skills: ${t.skills.join(", ")}`);
  out.push(`- Created: ${iso(t.created_at)} by ${t.created_by ?? "-"}`);
  if (t.current_run_id !== null) out.push(`- Current run: ${t.current_run_id}`);
  if (t.max_runtime_seconds !== null) out.push(`- Max runtime: ${t.max_runtime_seconds}s`);
  if (c.parents.length) {
    out.push(`- Parents: ${c.parents.map((p) => `${p.task.id} (${p.task.status})`).join(", ")}`);
  }

  if (c.reviewing) {
    out.push(
      "",
      "## You are reviewing this task",
      "",
      "Another attempt finished the work and handed it to review (see Prior attempts and the " +
        "comments). Check it against the body. Approve: complete the task " +
        `(\`kanban_complete\`, or \`hermes kanban complete ${t.id}\`). Not good enough: ` +
        `\`hermes kanban send-back ${t.id} "what to fix"\` gives it back to its worker.`,
    );
  }

  out.push("", "## Body", "");
  out.push(t.body?.trim() ? clip(t.body.trim(), CONTEXT_CAPS.bodyChars) : "(no body)");

  if (c.attempts.length) {
    out.push("", "## Prior attempts on this task");
    if (c.attemptsOmitted > 0) {
      out.push("", `(${c.attemptsOmitted} earlier attempts not shown)`);
    }
    for (const { number, run } of c.attempts) {
      out.push(
        "",
        `### Attempt ${number} — ${run.outcome ?? run.status} (${run.profile ?? "-"}, ${
          iso(run.started_at)
        })`,
      );
      const lines = [
        ...field("Summary", run.summary),
        ...field("Error", run.error),
        ...field("Metadata", run.metadata ? JSON.stringify(run.metadata) : null),
      ];
      out.push(...(lines.length ? lines : ["(no summary recorded)"]));
    }
  }

  if (c.parents.length) {
    out.push("", "## Parent task results");
    for (const p of c.parents) {
      out.push("", `### ${p.task.id}: ${p.task.title} (${p.task.status})`);
      out.push(
        p.handoff?.trim()
          ? clip(p.handoff.trim(), CONTEXT_CAPS.fieldChars)
          : "(no result recorded)",
      );
    }
  }

  if (c.recent.length && t.assignee) {
    out.push("", `## Recent work by @${t.assignee}`);
    for (const r of c.recent) {
      out.push("", `### ${r.task.id}: ${r.task.title} (done ${iso(r.task.completed_at)})`);
      out.push(
        r.handoff?.trim()
          ? clip(r.handoff.trim(), CONTEXT_CAPS.fieldChars)
          : "(no result recorded)",
      );
    }
  }

  if (c.comments.length) {
    out.push("", "## Comment thread");
    if (c.commentsOmitted > 0) out.push("", `(${c.commentsOmitted} earlier comments not shown)`);
    for (const cm of c.comments) {
      out.push("", `**${cm.author}** · ${iso(cm.created_at)}`);
      out.push(clip(cm.body, CONTEXT_CAPS.commentChars));
    }
  }
  return out.join("\n") + "\n";
}
