/** `hermes kanban create`: add a task. */

import { parseDuration, taskJson, UsageError, workspaceRoots } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { arg, flag, list, str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";

export const spec: CommandSpec = {
  name: "create",
  needs: ["endpoint"],
  summary: "create a task",
  args: [{ name: "title", description: "what the task is" }],
  options: [
    {
      long: "body",
      value: "text",
      description: "details, instructions (markdown); the shell profile runs it",
    },
    {
      long: "body-file",
      value: "path",
      description: "read the body from a file ('-' for standard input) instead of --body",
    },
    { long: "assignee", value: "profile", description: "profile that works the task" },
    {
      long: "parent",
      value: "id",
      repeatable: true,
      description: "task that must be done first; 'none' for no parent",
      defaultText: "none; inside a worker, its task ($HERMES_KANBAN_TASK)",
    },
    {
      long: "workspace",
      value: "kind",
      description: "scratch | worktree | dir:<absolute path>",
      defaultText: "scratch",
    },
    { long: "tenant", value: "name", description: "namespace for multi-tenant boards" },
    { long: "priority", value: "n", description: "higher runs first", defaultText: "0" },
    { long: "triage", description: "park in triage (never dispatched until promoted)" },
    {
      long: "idempotency-key",
      value: "key",
      description: "return the existing task with this key",
    },
    {
      long: "max-runtime",
      value: "duration",
      description: "stop the worker after 300, 90s, 30m, 2h, 1d",
    },
    {
      long: "max-retries",
      value: "n",
      description: "failures before the task is blocked (default: kanban.failure_limit)",
    },
    {
      long: "created-by",
      value: "name",
      description: "author recorded on the task",
      defaultText: "you",
    },
    { long: "skill", value: "name", repeatable: true, description: "skill the worker should load" },
  ],
  examples: [
    "hermes kanban create 'write the release notes' --assignee writer",
    "hermes kanban create 'run tests' --assignee shell --body 'deno task test' --parent t_1a2b3c4d",
    "hermes kanban create 'unrelated idea' --parent none   # inside a worker: not a child of its task",
  ],
};

/**
 * The new task's parents: the --parent ids; without any, a worker's own task (what it creates is
 * follow-up work that waits for it), else none. `--parent none` asks for no parent.
 */
function parentsOf(ctx: Ctx, given: string[]): string[] {
  const ids = given.map((p) => p.trim()).filter(Boolean);
  if (ids.includes("none")) {
    if (ids.length > 1) {
      throw new UsageError(
        "--parent none means no parent; it cannot be given with ids",
        "bad_option",
      );
    }
    return [];
  }
  if (ids.length) return ids;
  return ctx.actor.kind === "worker" ? [ctx.actor.taskId] : [];
}

/** `--workspace scratch | worktree | dir:<path>` as the operation's two fields. */
function workspaceFields(
  v: string | undefined,
): { workspace_kind?: string; workspace_path?: string } {
  if (v === undefined) return {};
  const s = v.trim();
  return s.startsWith("dir:") ? { workspace_kind: "dir", workspace_path: s.slice(4) } : {
    workspace_kind: s,
  };
}

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const maxRuntime = str(input, "maxRuntime");
  const bodyFile = str(input, "bodyFile");
  if (bodyFile !== undefined && str(input, "body") !== undefined) {
    throw new UsageError("give the body with --body or --body-file, not both", "bad_option");
  }
  const body = bodyFile === undefined
    ? str(input, "body")
    : await (await import("./body_file.ts")).readBodyFile(bodyFile);
  const workspace = workspaceFields(str(input, "workspace"));
  // Only a path needs the roots, and so config.yaml: the common create does not load it.
  const roots = workspace.workspace_path === undefined
    ? undefined
    : workspaceRoots(ctx.home, (await ctx.config()).get("kanban.workspace_roots") as string[]);
  const { task, existed } = await (await ctx.verbs({ workspaceRoots: roots })).create({
    title: arg(input, "title") ?? "",
    body,
    assignee: str(input, "assignee"),
    priority: str(input, "priority"),
    parents: parentsOf(ctx, list(input, "parent")),
    triage: flag(input, "triage"),
    ...workspace,
    tenant: str(input, "tenant")?.trim() || ctx.env("HERMES_TENANT"),
    idempotency_key: str(input, "idempotencyKey"),
    max_runtime_seconds: maxRuntime === undefined
      ? undefined
      : parseDuration("--max-runtime", maxRuntime),
    max_retries: str(input, "maxRetries"),
    skills: list(input, "skill"),
    created_by: str(input, "createdBy"),
  });
  if (ctx.json) {
    ctx.printJson({ ...taskJson(task), existed });
    return 0;
  }
  ctx.print(
    `${existed ? "Exists" : "Created"} ${task.id}  (${task.status}, assignee=${
      task.assignee ?? "-"
    })`,
  );
  if (!existed && task.status === "ready" && task.assignee) {
    const { dispatcherPresence } = await import("../../lib/gateway/presence.ts");
    const { running, message } = await dispatcherPresence(ctx.home, ctx.env);
    if (!running && message) ctx.warn(`\n⚠  ${message}`);
  }
  return 0;
}
