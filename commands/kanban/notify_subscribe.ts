/** `hermes kanban notify-subscribe`: be told when a task completes, blocks, crashes or gives up. */

import { finished, InvalidStateError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import {
  DELIVERABLE_PLATFORMS,
  isDeliverable,
  subscriptionLabel,
} from "../../lib/gateway/notifier/mod.ts";
import { openNotify } from "../../lib/store/engine.ts";
import { subscriptionKeyArg } from "./subscription_arg.ts";

export const spec: CommandSpec = {
  name: "notify-subscribe",
  needs: [],
  summary: "notify a chat or webhook about one task's outcome",
  description:
    "The gateway's notifier sends completed, blocked, gave_up, crashed and timed_out events " +
    "of the task (kanban.notify.events changes the list). A crash or timeout that will be " +
    "retried keeps the subscription; completion or archive ends it. Platform 'webhook' " +
    "POSTs JSON to the --chat-id URL; other platforms are recorded but not delivered by this build.",
  args: [{ name: "id", description: "task id" }],
  options: [
    { long: "platform", value: "name", description: "webhook (delivered), or telegram, slack…" },
    { long: "chat-id", value: "id", description: "where to deliver: the URL for webhook" },
    { long: "thread-id", value: "id", description: "thread within the chat" },
    { long: "user-id", value: "id", description: "who asked (passed along in the message)" },
  ],
  examples: [
    "hermes kanban notify-subscribe t_1a2b3c4d --platform webhook --chat-id https://example.com/hook",
  ],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const key = subscriptionKeyArg(input);
  const userId = str(input, "userId")?.trim() || null;
  const store = ctx.store();
  const task = store.requireTask(key.taskId);
  if (finished(task.status)) {
    throw new InvalidStateError(
      `cannot subscribe to ${task.id}: it is ${task.status}, so there is nothing left to notify`,
    );
  }
  const { subscription, created } = openNotify(store).subscribe({
    ...key,
    userId,
  });
  const deliverable = isDeliverable(key.platform);
  if (ctx.json) {
    ctx.printJson({ subscription, created, deliverable });
    return 0;
  }
  const label = subscriptionLabel(subscription);
  ctx.print(
    created ? `Subscribed ${label} to ${task.id}` : `Already subscribed ${label} to ${task.id}`,
  );
  if (!deliverable) {
    ctx.warn(
      `note: this build delivers only to ${
        DELIVERABLE_PLATFORMS.join(", ")
      }; the ${key.platform} subscription is recorded but nothing will be sent to it`,
    );
  }
  return 0;
}
