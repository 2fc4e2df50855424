import { deepEqual } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import type { Task } from "../../lib/board/mod.ts";
import { messageText } from "../../lib/gateway/notifier/mod.ts";
import { board, notifier, notifyOf, receiver, runEndedElsewhere } from "./notifier_helpers.ts";

Deno.test("notifier names the true cause of a give-up and does not promise a retry", async () => {
  await using home = await tempHome();
  using store = board(home.path);
  await using hook = receiver();
  const n = notifier(home.path, { webhooks: [hook.url] });
  await n.pollOnce();
  const id = store.createTask({ title: "use claude", assignee: "bot" }).task.id;
  const run = store.claim(id, "host:1", 900).run;
  // What the dispatcher writes when the second failure reaches the limit: one transaction.
  runEndedElsewhere(store, id, { id: run.id, status: "crashed", error: "exit 127" }, [
    ["crashed", { pid: 77, exit_code: 127 }],
    ["gave_up", { failures: 2, error: "command not found: claude" }],
  ]);
  await n.pollOnce();
  deepEqual(hook.ok().map((h) => h.body.message), [
    `✖ @bot Kanban ${id} worker crashed (pid 77 exited with code 127); not retried`,
    `✖ @bot Kanban ${id} gave up after 2 failures: command not found: claude`,
  ]);
  deepEqual(notifyOf(store).deliveries({ taskId: id }).map((d) => d.state), ["sent", "sent"]);
});

Deno.test("messages read the dispatcher's payloads for the true cause", () => {
  const task = { id: "t_0000beef", title: "t", assignee: "bot", result: null } as Task;
  const say = (kind: string, payload: Record<string, unknown>, followedBy: string | null = null) =>
    messageText({
      event: { id: 9, task_id: task.id, run_id: 3, kind, payload, created_at: 0 },
      task,
      followedBy,
    });
  const head = "@bot Kanban t_0000beef";
  deepEqual(
    [
      say("crashed", { pid: 1234, error: "worker killed by SIGKILL; last output: oom" }),
      say("crashed", { pid: 1234, exit_code: 3, error: "worker exited with code 3" }),
      say("crashed", { pid: 1234, claimer: "h:1" }, "claimed"),
      say("timed_out", { pid: 5, elapsed_seconds: 30, limit_seconds: 30, sigkill: true }),
      say("protocol_violation", { pid: 5, exit_code: 0, failures: 1 }),
      say("retry_later", { exit_code: 75, delay_seconds: 30, attempts: 1 }),
      say("gave_up", {
        failures: 2,
        error: "could not start 2 times (last: command not found: claude)",
      }),
    ],
    [
      `✖ ${head} worker crashed (pid 1234 killed by SIGKILL); will retry`,
      `✖ ${head} worker crashed (pid 1234 exited with code 3); will retry`,
      `✖ ${head} worker crashed (pid 1234 gone); will retry`,
      `⏱ ${head} timed out after 30s (max_runtime=30s); will retry`,
      `✖ ${head} worker exited with code 0 without completing or blocking; will retry`,
      `↻ ${head} worker asked to try again later; next try in 30s`,
      `✖ ${head} gave up after 2 failures: could not start 2 times (last: command not found: claude)`,
    ],
  );
});
