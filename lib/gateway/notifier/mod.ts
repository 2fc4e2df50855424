/** The notifier: board events to webhooks, a command hook and per-task subscriptions. */
export {
  type LogLevel,
  Notifier,
  type NotifierLog,
  type NotifierOptions,
  type PollReport,
} from "./notifier.ts";
export {
  checkWebhookUrl,
  type CommandSink,
  type ConfiguredSink,
  DEFAULT_EVENTS,
  KNOWN_EVENTS,
  type NotifyConfig,
  parseNotifyConfig,
  type RetryPolicy,
  type WebhookSink,
} from "./config.ts";
export { messageText, type NotificationBody, notificationBody, willRetry } from "./message.ts";
export { SIGNATURE_HEADER, signBody } from "./webhook.ts";
export { backoffMs } from "./retry.ts";
export type { NotifierCommand, NotifierReply } from "./protocol.ts";
export {
  DELIVERABLE_PLATFORMS,
  isDeliverable,
  notifierProfile,
  sinkDisplay,
  subscriptionKey,
  subscriptionLabel,
} from "./subscription.ts";
