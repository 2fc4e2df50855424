import { deepEqual, equal, ok, throws } from "../support/assert.ts";
import { backoffMs, DEFAULT_EVENTS, parseNotifyConfig } from "../../lib/gateway/notifier/mod.ts";
import { UsageError } from "../../lib/board/mod.ts";

const env = (vars: Record<string, string> = {}) => (name: string) => vars[name];

Deno.test("notify config fills in defaults and accepts both command forms", () => {
  const empty = parseNotifyConfig({}, env());
  deepEqual([empty.sinks, empty.events, empty.pollIntervalMs], [[], DEFAULT_EVENTS, 1000]);
  const cfg = parseNotifyConfig({
    webhooks: [
      "https://example.com/a",
      { url: "https://example.com/b", events: ["completed"], secret_env: "HOOK_SECRET" },
    ],
    command: { argv: ["notify-send", "hermes"], timeout_seconds: 5 },
    max_attempts: 3,
  }, env({ HOOK_SECRET: "s" }));
  deepEqual(
    cfg.sinks.map((s) => [s.key, s.events.length, s.maxAttempts, s.timeoutMs]),
    [
      ["webhook:https://example.com/a", 5, 3, 10_000],
      ["webhook:https://example.com/b", 1, 3, 10_000],
      ['command:["notify-send","hermes"]', 5, 3, 5_000],
    ],
  );
  equal(cfg.sinks[1].type === "webhook" && cfg.sinks[1].secret, "s");
  equal(parseNotifyConfig({ command: ["true"] }, env()).sinks[0].key, 'command:["true"]');
});

Deno.test("notify config refuses bad shapes with one line naming the path", () => {
  const cases: [unknown, RegExp][] = [
    [[], /^config\.yaml: kanban\.notify must be a mapping, got \[\]$/],
    [{ webhook: [] }, /unknown key kanban\.notify\.webhook \(allowed: webhooks, command/],
    [{ webhooks: "https://x" }, /kanban\.notify\.webhooks must be a list/],
    [{ webhooks: [{ url: "ftp://x" }] }, /kanban\.notify\.webhooks\[0\]\.url must be an http/],
    [{ webhooks: [{ url: "https://x", events: ["complete"] }] }, /unknown event kind 'complete'/],
    [
      { webhooks: ["https://x", { url: "https://x" }] },
      /webhooks\[1\] repeats the url of webhooks\[0\]/,
    ],
    [{ webhooks: [{ url: "https://x", secret_env: "NOPE" }] }, /NOPE, which is not set/],
    [
      { webhooks: [{ url: "https://x", max_attempts: 0 }] },
      /max_attempts must be a whole number of at least 1/,
    ],
    [{ command: "notify-send hi" }, /kanban\.notify\.command must be a list of strings \(argv\)/],
    [{ command: [] }, /kanban\.notify\.command must be a non-empty list of strings/],
    [{ timeout_seconds: -1 }, /timeout_seconds must be a number of seconds of at least 0\.01/],
  ];
  for (const [raw, pattern] of cases) {
    throws(() => parseNotifyConfig(raw, env()), (e: unknown) => {
      ok(e instanceof UsageError, String(e));
      ok(pattern.test(e.message), `${JSON.stringify(raw)} → ${e.message}`);
      equal(e.message.split("\n").length, 1);
      return true;
    });
  }
});

Deno.test("backoff doubles per attempt, caps at the maximum and keeps half of each step", () => {
  deepEqual([1, 2, 3, 4].map((a) => backoffMs(a, 100, 1_000, () => 0)), [50, 100, 200, 400]);
  deepEqual([1, 2, 3, 4].map((a) => backoffMs(a, 100, 1_000, () => 1)), [100, 200, 400, 800]);
  equal(backoffMs(10, 100, 1_000, () => 1), 1_000);
});
