import { equal } from "../support/assert.ts";
import { abortOnSignals, onSignal } from "../../lib/cli/shutdown.ts";
import { waitFor } from "../support/wait.ts";

// SIGUSR2 stands in for SIGINT/SIGTERM: the test runner itself listens to neither.

Deno.test("abortOnSignals aborts once, with the first signal's name as the reason", async () => {
  const stop = new AbortController();
  let aborts = 0;
  stop.signal.addEventListener("abort", () => aborts++);
  // A second listener keeps the process alive for the second signal; the test waits until it has
  // seen both, since a SIGUSR2 arriving after the last listener is gone ends the whole runner.
  let kept = 0;
  using _keep = onSignal("SIGUSR2", () => kept++);
  {
    using _listening = abortOnSignals(stop, ["SIGUSR2"]);
    Deno.kill(Deno.pid, "SIGUSR2");
    await waitFor(() => stop.signal.aborted && kept === 1, { what: "abort" });
    Deno.kill(Deno.pid, "SIGUSR2");
    await waitFor(() => kept === 2, { what: "the second signal" });
  }
  equal(stop.signal.reason, "SIGUSR2");
  equal(aborts, 1);
});

Deno.test("onSignal stops calling back once disposed", async () => {
  let calls = 0;
  let kept = 0;
  using _keep = onSignal("SIGUSR2", () => kept++);
  const listener = onSignal("SIGUSR2", () => calls++);
  Deno.kill(Deno.pid, "SIGUSR2");
  await waitFor(() => calls === 1, { what: "first call" });
  listener[Symbol.dispose]();
  let seen = 0;
  using _probe = onSignal("SIGUSR2", () => seen++);
  Deno.kill(Deno.pid, "SIGUSR2");
  await waitFor(() => seen === 1 && kept === 2, { what: "the probe's call" });
  equal(calls, 1);
});
