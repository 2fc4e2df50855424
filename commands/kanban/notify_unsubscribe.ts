/** `hermes kanban notify-unsubscribe`: stop notifications about a task. */

import { NotFoundError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { subscriptionLabel } from "../../lib/gateway/notifier/mod.ts";
import { openNotify } from "../../lib/store/engine.ts";
import { subscriptionKeyArg } from "./subscription_arg.ts";

export const spec: CommandSpec = {
  name: "notify-unsubscribe",
  needs: [],
  summary: "remove a task's notification subscription",
  args: [{ name: "id", description: "task id" }],
  options: [
    { long: "platform", value: "name", description: "platform it was subscribed with" },
    { long: "chat-id", value: "id", description: "chat id (the URL for webhook)" },
    { long: "thread-id", value: "id", description: "thread within the chat" },
  ],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const key = subscriptionKeyArg(input);
  const store = ctx.store();
  const notify = openNotify(store);
  if (!notify.unsubscribe(key)) {
    store.requireTask(key.taskId);
    throw new NotFoundError(
      `no subscription ${
        subscriptionLabel({ platform: key.platform, chat_id: key.chatId, thread_id: key.threadId })
      } on ${key.taskId} (see 'hermes kanban notify-list ${key.taskId}')`,
      "no_subscription",
    );
  }
  if (ctx.json) {
    ctx.printJson({
      unsubscribed: true,
      task_id: key.taskId,
      platform: key.platform,
      chat_id: key.chatId,
      thread_id: key.threadId,
    });
  } else {
    ctx.print(`Unsubscribed from ${key.taskId}`);
  }
  return 0;
}
