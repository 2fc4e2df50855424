/** Reading a notification subscription (task, platform, chat, thread) from the command line. */

import { arg, str } from "../../lib/cli/parse.ts";
import type { ParsedInput } from "../../lib/cli/spec.ts";
import { subscriptionKey } from "../../lib/gateway/notifier/mod.ts";
import type { SubscriptionKey } from "../../lib/store/engine.ts";

/** The checked subscription key named by `<id> --platform --chat-id [--thread-id]`. */
export function subscriptionKeyArg(input: ParsedInput): SubscriptionKey {
  return subscriptionKey({
    taskId: arg(input, "id") ?? "",
    platform: str(input, "platform"),
    chatId: str(input, "chatId"),
    threadId: str(input, "threadId"),
  });
}
