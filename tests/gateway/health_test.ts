import { equal, match, ok } from "../support/assert.ts";
import { resolveConfig } from "../../lib/config/config.ts";
import { HEALTH_WINDOW, StuckDetector, WARN_EVERY_MS } from "../../lib/dispatcher/mod.ts";
import { diagnoseStuck } from "../../lib/gateway/_health.ts";
import { loadProfiles } from "../../lib/workers/profiles.ts";

const PATH = Deno.env.get("PATH") ?? "/usr/bin:/bin";

Deno.test("stuck detector warns after six unproductive sweeps, then at most every 300 s", () => {
  const d = new StuckDetector();
  let t = 0;
  for (let i = 1; i < HEALTH_WINDOW; i++) equal(d.record(3, 0, t += 1000), null);
  equal(d.record(3, 0, t += 1000), HEALTH_WINDOW);
  ok(d.stuck);
  equal(d.record(3, 0, t += 1000), null, "rate limited");
  equal(d.record(3, 0, t + WARN_EVERY_MS), HEALTH_WINDOW + 2);
});

Deno.test("stuck detector resets when a worker spawns or the queue empties", () => {
  const d = new StuckDetector();
  for (let i = 0; i < HEALTH_WINDOW - 1; i++) d.record(1, 0, i);
  d.record(1, 1, 10);
  for (let i = 0; i < HEALTH_WINDOW - 1; i++) equal(d.record(1, 0, 20 + i), null);
  d.record(0, 0, 40);
  equal(d.stuck, false);
});

function facts(profiles: Record<string, unknown>, waiting: { assignee: string; err?: string }[]) {
  const cfg = resolveConfig({ kanban: { profiles } }, () => undefined);
  return {
    waiting: waiting.map((w, i) => ({
      id: `t_${i}`,
      assignee: w.assignee,
      last_failure_error: w.err ?? null,
    })),
    profiles: loadProfiles(cfg),
    path: PATH,
    live: 0,
    liveByProfile: {} as Record<string, number>,
    maxWorkers: 4,
  };
}

Deno.test("stuck diagnosis names a missing profile", () => {
  match(diagnoseStuck(facts({}, [{ assignee: "ghost" }])), /no such profile 'ghost'/);
});

Deno.test("stuck diagnosis names a command not found on PATH", () => {
  const f = facts({ agent: { command: ["no-such-agent-cli", "{prompt}"] } }, [{
    assignee: "agent",
  }]);
  match(diagnoseStuck(f), /command not found for profile 'agent'/);
});

Deno.test("stuck diagnosis names the concurrency caps", () => {
  const f = { ...facts({}, [{ assignee: "shell" }]), live: 4 };
  match(diagnoseStuck(f), /concurrency cap reached \(4 live workers, kanban\.max_workers = 4\)/);
  const g = facts({ shell: { max_concurrent: 1 } }, [{ assignee: "shell" }]);
  g.liveByProfile = { shell: 1 };
  match(diagnoseStuck(g), /concurrency cap reached for profile 'shell'/);
});

Deno.test("stuck diagnosis names a permission denial from the last spawn error", () => {
  const f = facts({}, [{ assignee: "shell", err: 'NotCapable: Requires read access to "/srv"' }]);
  match(diagnoseStuck(f), /permission denied/);
});
