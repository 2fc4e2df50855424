import { equal } from "../support/assert.ts";
import { abortOnSignals, onSignal } from "../../lib/cli/shutdown.ts";
import { waitFor } from "../support/wait.ts";

// SIGUSR2 stands in for SIGINT/SIGTERM: the test runner itself listens to neither.

Deno.test("abortOnSignals aborts once, with the first signal's name as the reason", async () => {
  const stop = new AbortController();
  let aborts = 0;
  stop.signal.addEventListener("abort", () => aborts++);
  // A second listener keeps the process alive for the second signal after disposal.
  using _keep = onSignal("SIGUSR2", () => {});
  {
    using _listening = abortOnSignals(stop, ["SIGUSR2"]);
    Deno.kill(Deno.pid, "SIGUSR2");
    await waitFor(() => stop.signal.aborted, { what: "abort" });
    Deno.kill(Deno.pid, "SIGUSR2");
  }
  equal(stop.signal.reason, "SIGUSR2");
  equal(aborts, 1);
});

Deno.test("onSignal stops calling back once disposed", async () => {
  let calls = 0;
  using _keep = onSignal("SIGUSR2", () => {});
  const listener = onSignal("SIGUSR2", () => calls++);
  Deno.kill(Deno.pid, "SIGUSR2");
  await waitFor(() => calls === 1, { what: "first call" });
  listener[Symbol.dispose]();
  let seen = 0;
  using _probe = onSignal("SIGUSR2", () => seen++);
  Deno.kill(Deno.pid, "SIGUSR2");
  await waitFor(() => seen === 1, { what: "the probe's call" });
  equal(calls, 1);
});
