import { deepEqual, equal, match } from "../support/assert.ts";
import { lineLogger, setupLogging } from "../../lib/log/mod.ts";

Deno.test("lineLogger prints info and above, one bare line each", () => {
  const lines: string[] = [];
  const log = lineLogger((l) => lines.push(l));
  log.debug("quiet");
  log.info("started");
  log.warning("careful", { ignored: true });
  log.error("broken");
  deepEqual(lines, ["started", "careful", "broken"]);
});

Deno.test("the gateway's parts log under their own LogTape category, at the configured level", async () => {
  const lines: string[] = [];
  const log = await setupLogging({ format: "json", level: "info", write: (l) => lines.push(l) });
  try {
    log.info("gateway ready", { url: "http://127.0.0.1:1" });
    log.part("dispatcher").warning("task t1 gave up", { task: "t1" });
    log.part("notifier").debug("below the level");
  } finally {
    await log.close();
  }
  const recs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  deepEqual(recs.map((r) => [r.logger, r.level, r.message]), [
    ["hermes.gateway", "INFO", "gateway ready"],
    ["hermes.dispatcher", "WARN", "task t1 gave up"],
  ]);
  equal((recs[1].properties as Record<string, unknown>).task, "t1");
});

Deno.test("text lines carry the message's fields as key=value", async () => {
  const lines: string[] = [];
  const log = await setupLogging({ format: "text", level: "debug", write: (l) => lines.push(l) });
  try {
    log.part("server").debug("listening", { url: "http://x/{y}" });
  } finally {
    await log.close();
  }
  equal(lines.length, 1);
  match(lines[0], /hermes·server: listening url=http:\/\/x\/\{y\}/);
});
