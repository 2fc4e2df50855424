import { deepEqual, equal, throws } from "../support/assert.ts";
import { get, resolveConfig } from "../../lib/config/mod.ts";
import { loadProfiles } from "../../lib/workers/mod.ts";

const noEnv = () => undefined;

/** Resolve `doc` and collect the warnings. */
function resolve(doc: unknown, env: Record<string, string> = {}) {
  const warnings: string[] = [];
  const cfg = resolveConfig(doc, (n) => env[n], (m) => warnings.push(m));
  return { cfg, warnings };
}

Deno.test("Hermes's max_in_progress and max_spawn set kanban.max_workers when ours is not set", () => {
  equal(get(resolve({ kanban: { max_in_progress: 3 } }).cfg, "kanban.max_workers"), 3);
  equal(get(resolve({ kanban: { max_spawn: 2 } }).cfg, "kanban.max_workers"), 2);
  const both = resolve({ kanban: { max_spawn: 5, max_in_progress: 3 } });
  equal(get(both.cfg, "kanban.max_workers"), 3, "both are caps: the smaller holds");
  deepEqual(both.warnings, []);
  equal(get(resolve({ kanban: { max_spawn: null } }).cfg, "kanban.max_workers"), 4, "null: unset");
});

Deno.test("our key beats Hermes's name for it, with one warning when they differ", () => {
  const r = resolve({ kanban: { max_workers: 8, max_in_progress: 2 } });
  equal(get(r.cfg, "kanban.max_workers"), 8);
  deepEqual(r.warnings, [
    "kanban.max_workers (8) and Hermes's kanban.max_in_progress (2) differ; using kanban.max_workers",
  ]);
  deepEqual(resolve({ kanban: { max_workers: 2, max_in_progress: 2 } }).warnings, [], "agreeing");
});

Deno.test("a Hermes value ours would refuse is ignored with a warning, as Hermes ignores it", () => {
  const r = resolve({ kanban: { max_in_progress: 0, worker_log_rotate_bytes: "lots" } });
  equal(get(r.cfg, "kanban.max_workers"), 4);
  equal(get(r.cfg, "kanban.log_max_bytes"), 2 * 1024 * 1024);
  deepEqual(r.warnings, [
    "config.yaml: kanban.max_in_progress must be at least 1, got 0 (Hermes's name for kanban.max_workers); ignored",
    'config.yaml: kanban.worker_log_rotate_bytes must be a whole number, got "lots" (Hermes\'s name for kanban.log_max_bytes); ignored',
  ]);
  throws(() => resolve({ kanban: { max_workers: 0 } }), /max_workers must be at least 1/);
});

Deno.test("worker_log_rotate_bytes sets kanban.log_max_bytes", () => {
  equal(
    get(resolve({ kanban: { worker_log_rotate_bytes: 65536 } }).cfg, "kanban.log_max_bytes"),
    65536,
  );
});

Deno.test("Hermes's rate-limit cooldown variable sets the retry backoff; ours wins over it", () => {
  const file = { kanban: { retry_backoff_seconds: 10 } };
  const env = { HERMES_KANBAN_RATE_LIMIT_COOLDOWN_SECONDS: "0" };
  const r = resolve(file, env);
  equal(get(r.cfg, "kanban.retry_backoff_seconds"), 0, "the environment beats config.yaml");
  deepEqual(r.warnings, []);
  throws(
    () => resolve({}, { HERMES_KANBAN_RATE_LIMIT_COOLDOWN_SECONDS: "soon" }),
    /HERMES_KANBAN_RATE_LIMIT_COOLDOWN_SECONDS: expected number, got 'soon'/,
  );
});

Deno.test("max_in_progress_per_profile caps every profile that sets no max_concurrent", () => {
  const profiles = {
    coder: { command: ["true"] },
    review: { command: ["true"], max_concurrent: 5 },
  };
  const caps = (doc: unknown) =>
    [...loadProfiles(resolveConfig(doc, noEnv)).values()].map((p) => [p.name, p.maxConcurrent]);
  deepEqual(caps({ kanban: { profiles } }), [["shell", null], ["coder", null], ["review", 5]]);
  deepEqual(caps({ kanban: { profiles, max_in_progress_per_profile: 2 } }), [
    ["shell", 2],
    ["coder", 2],
    ["review", 5],
  ]);
  throws(
    () => resolveConfig({ kanban: { max_in_progress_per_profile: -1 } }, noEnv),
    /max_in_progress_per_profile must be at least 0/,
  );
});
