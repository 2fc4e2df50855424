import { deepEqual, equal, throws } from "../support/assert.ts";
import { type Config, get, KEYS, resolveConfig } from "../../lib/config/mod.ts";

const noEnv = () => undefined;

Deno.test("get types each key by its definition", () => {
  const cfg: Config = resolveConfig({}, noEnv);
  const workers: number = get(cfg, "kanban.max_workers");
  const level: "debug" | "info" | "warning" | "error" = get(cfg, "gateway.log_level");
  const roots: string[] = get(cfg, "kanban.workspace_roots");
  deepEqual([workers, level, roots], [4, "info", []]);
  // @ts-expect-error: a key that is not in keys.ts does not type-check
  throws(() => get(cfg, "kanban.no_such_key"), /unknown config key/);
  // @ts-expect-error: kanban.max_workers is a number, not a string
  const _wrong: string = get(cfg, "kanban.max_workers");
});

Deno.test("resolveConfig gives every key of the table, at its default when nothing sets it", () => {
  const cfg = resolveConfig({}, noEnv);
  deepEqual([...cfg.keys()], KEYS.map((k) => k.name));
  for (const k of KEYS) deepEqual(cfg.get(k.name), k.default);
});

Deno.test("resolveConfig: an environment override beats config.yaml, which beats the default", () => {
  const file = { kanban: { claim_ttl_seconds: 60 } };
  equal(get(resolveConfig({}, noEnv), "kanban.claim_ttl_seconds"), 900);
  equal(get(resolveConfig(file, noEnv), "kanban.claim_ttl_seconds"), 60);
  const env = (n: string) => n === "HERMES_KANBAN_CLAIM_TTL_SECONDS" ? "30" : undefined;
  equal(get(resolveConfig(file, env), "kanban.claim_ttl_seconds"), 30);
});
