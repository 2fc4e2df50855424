/** Per-task subscriptions as people type them: checking platform, chat id and thread. */

import { UsageError } from "../../board/errors.ts";
import type { SubscriptionKey } from "../../store/engine.ts";
import { checkWebhookUrl } from "./config.ts";
import { redactUrl } from "./webhook.ts";

/** Platforms this build delivers to; others are recorded (Hermes's gateway may serve them). */
export const DELIVERABLE_PLATFORMS: readonly string[] = ["webhook"];

const PLATFORM = /^[a-z][a-z0-9_-]{0,31}$/;

/** True when this build can deliver to the platform. */
export function isDeliverable(platform: string): boolean {
  return DELIVERABLE_PLATFORMS.includes(platform);
}

const PROFILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The Hermes profile whose gateway delivers a subscription (`--notifier-profile`, else the
 * HERMES_PROFILE_NAME or HERMES_PROFILE it was made under): a profile name, or null when none
 * is known (any notifier delivers it, Hermes's included).
 */
export function notifierProfile(
  given: string | undefined,
  fallback: string | undefined,
): string | null {
  const explicit = given !== undefined;
  const v = (explicit ? given : fallback ?? "").trim();
  if (!v) {
    if (explicit) {
      throw new UsageError("--notifier-profile needs a profile name", "invalid_notifier_profile");
    }
    return null;
  }
  if (!PROFILE.test(v)) {
    if (!explicit) return null;
    throw new UsageError(
      `--notifier-profile '${v}' is not a profile name (up to 64 of letters, digits, '.', '_' ` +
        "and '-')",
      "invalid_notifier_profile",
    );
  }
  return v;
}

/** Check and normalise what identifies a subscription. */
export function subscriptionKey(input: {
  taskId: string;
  platform: string | undefined;
  chatId: string | undefined;
  threadId?: string | undefined;
}): SubscriptionKey {
  const platform = (input.platform ?? "").trim().toLowerCase();
  if (!platform) {
    throw new UsageError("--platform is required (for example: webhook)", "missing_option");
  }
  if (!PLATFORM.test(platform)) {
    throw new UsageError(
      `--platform '${input.platform}' is not a platform name (letters, digits, '-' and '_')`,
      "invalid_platform",
    );
  }
  let chatId = (input.chatId ?? "").trim();
  if (!chatId) {
    throw new UsageError(
      platform === "webhook"
        ? "--chat-id is required: the URL to POST notifications to"
        : "--chat-id is required",
      "missing_option",
    );
  }
  if (platform === "webhook") chatId = checkWebhookUrl("--chat-id for platform webhook", chatId);
  return { taskId: input.taskId, platform, chatId, threadId: (input.threadId ?? "").trim() };
}

/**
 * `platform:chat[:thread]`, as Hermes prints a subscription; a webhook's URL is shown redacted
 * (scheme, host and `/…`), since its path or query often holds the receiver's secret.
 */
export function subscriptionLabel(
  k: { platform: string; chat_id: string; thread_id: string },
): string {
  const chat = k.platform === "webhook" ? redactUrl(k.chat_id) : k.chat_id;
  return `${k.platform}:${chat}${k.thread_id ? `:${k.thread_id}` : ""}`;
}

/** A readable name for an outbox sink key (`webhook:<url>`, `command:[…]`, `sub:[…]`). */
export function sinkDisplay(sink: string): string {
  if (sink.startsWith("webhook:")) return `webhook:${redactUrl(sink.slice("webhook:".length))}`;
  if (!sink.startsWith("sub:")) return sink;
  try {
    const [, platform, chat, thread] = JSON.parse(sink.slice(4)) as string[];
    return subscriptionLabel({ platform, chat_id: chat, thread_id: thread ?? "" }) +
      " (subscription)";
  } catch {
    return sink;
  }
}
