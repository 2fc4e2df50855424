/**
 * Fuzzed requests against the real handler: random methods, paths, queries, headers and
 * bodies from a fixed-seed generator. Nothing may answer 5xx, and the board must stay intact.
 * HERMES_FUZZ_CASES raises the count for a longer run.
 */

import { deepEqual, equal, ok } from "../support/assert.ts";
import { STATUSES } from "../../lib/board/mod.ts";
import { openDb } from "../support/board.ts";
import { prng } from "../support/prng.ts";
import { startServer, TOKEN } from "./server_support.ts";

const API = "/api/plugins/kanban";
const CASES = Number(Deno.env.get("HERMES_FUZZ_CASES") ?? "6000");
const SEED = 0x5eed_2026;

const STATUS_VALUES = [...STATUSES, "x", ""];
const FIELDS = [
  "title",
  "body",
  "assignee",
  "tenant",
  "priority",
  "workspace_kind",
  "workspace_path",
  "parents",
  "triage",
  "idempotency_key",
  "max_runtime_seconds",
  "max_retries",
  "skills",
  "created_by",
  "status",
  "result",
  "summary",
  "block_reason",
  "metadata",
  "ids",
  "archive",
  "author",
  "parent_id",
  "child_id",
  "dry_run",
  "max",
  "__proto__",
  "constructor",
];
const NASTY = [
  "",
  " ",
  "../../etc/passwd",
  "%2e%2e%2f",
  "\u0000",
  "\u202e",
  "'; DROP TABLE tasks; --",
  "<script>alert(1)</script>",
  "🦀".repeat(50),
  "a".repeat(5000),
  "t_00000000",
  "dir:/tmp",
  "/tmp",
  "relative/path",
  "NaN",
  "-1",
  "1e309",
];

Deno.test("fuzzed requests never get a 5xx and leave the board intact", async () => {
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const ids: string[] = [];
  await using s = await startServer({
    dispatch: () => Promise.resolve({ spawned: 0 }),
    events: { pollMs: 1000 },
  });
  const id = () => (ids.length && rand() < 0.8 ? pick(ids) : pick(NASTY));
  const value = (depth = 0): unknown => {
    const r = rand();
    if (r < 0.15) return pick(NASTY);
    if (r < 0.25) return pick(STATUS_VALUES);
    if (r < 0.35) return Math.floor((rand() - 0.5) * 4000);
    if (r < 0.4) return pick([0, -0, 1.5, 1e20, -1e20, Number.MAX_SAFE_INTEGER + 2]);
    if (r < 0.5) return rand() < 0.5;
    if (r < 0.55) return null;
    if (r < 0.7 && depth < 3) return Array.from({ length: Math.floor(rand() * 4) }, () => id());
    if (r < 0.8 && depth < 3) return object(depth + 1);
    return `s${Math.floor(rand() * 1e6)}`;
  };
  const object = (depth = 0): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    const n = Math.floor(rand() * 6);
    for (let i = 0; i < n; i++) o[pick(FIELDS)] = value(depth);
    if (depth === 0 && rand() < 0.6) o.title = rand() < 0.8 ? `task ${ids.length}` : value(1);
    return o;
  };
  const path = (): string => {
    const r = rand();
    const t = id();
    if (r < 0.2) return `${API}/tasks`;
    if (r < 0.35) return `${API}/tasks/${encodeURIComponent(t)}`;
    if (r < 0.45) return `${API}/tasks/${encodeURIComponent(t)}/comments`;
    if (r < 0.5) return `${API}/tasks/${t}/log`;
    if (r < 0.58) return `${API}/tasks/bulk`;
    if (r < 0.65) return `${API}/links`;
    if (r < 0.72) return `${API}/board`;
    if (r < 0.75) {
      return pick([`${API}/stats`, `${API}/assignees`, `${API}/config`, `${API}/boards`]);
    }
    if (r < 0.77) return `${API}/dispatch`;
    if (r < 0.775) return `${API}/events`;
    if (r < 0.8) return pick(["/", "/healthz", "/metrics", "/favicon.svg", "/assets/x.js"]);
    const segs = Array.from(
      { length: 1 + Math.floor(rand() * 4) },
      () => pick(["api", "plugins", "kanban", "tasks", "..", "%2e%2e", "%00", t, pick(NASTY)]),
    );
    return "/" + segs.map((x) => x.replace(/[#?]/g, "")).join("/");
  };
  const query = (): string => {
    if (rand() < 0.5) return "";
    const keys = [
      "board",
      "tenant",
      "include_archived",
      "tail",
      "run",
      "parent_id",
      "child_id",
      "since",
      "dry_run",
      "max",
      "token",
    ];
    const parts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const k = pick(keys);
      const v = k === "board" && rand() < 0.5 ? "default" : String(value(2));
      return `${k}=${encodeURIComponent(v)}`;
    });
    return "?" + parts.join("&");
  };

  const statuses = new Map<number, number>();
  for (let i = 0; i < CASES; i++) {
    // One case in eight is a plausible create, so later cases have real tasks to hit.
    const seeding = rand() < 0.125;
    const method = seeding
      ? "POST"
      : pick(["GET", "GET", "POST", "POST", "PATCH", "DELETE", "PUT", "HEAD"]);
    const url = seeding ? `${s.base}${API}/tasks` : `${s.base}${path()}${query()}`;
    const headers = new Headers({ host: `127.0.0.1:${s.port}` });
    if (rand() < 0.95) headers.set("authorization", `Bearer ${TOKEN}`);
    let body: BodyInit | undefined;
    if (method !== "GET" && method !== "HEAD") {
      const r = rand();
      if (seeding) {
        headers.set("content-type", "application/json");
        body = JSON.stringify({
          ...object(1),
          title: `seed ${i}`,
          parents: rand() < 0.3 ? [id()] : [],
        });
      } else if (r < 0.7) {
        headers.set("content-type", "application/json");
        body = JSON.stringify(rand() < 0.9 ? object() : value());
      } else if (r < 0.8) {
        headers.set("content-type", "application/json");
        body = pick(["{", "[]", "null", '{"title":', "\u00ff\u00fe", "1", '"str"']);
      } else if (r < 0.9) {
        headers.set("content-type", pick(["text/plain", "application/x-www-form-urlencoded"]));
        body = "title=x";
      } else {
        headers.set("content-type", "application/json");
        body = new Uint8Array(Array.from({ length: 64 }, () => Math.floor(rand() * 256)));
      }
    }
    let res: Response;
    try {
      res = await s.handler(new Request(url, { method, headers, body }));
    } catch (e) {
      throw new Error(`case ${i}: ${method} ${url} threw ${e}`);
    }
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) {
      throw new Error(
        `case ${i}: ${method} ${url} ${body ?? ""} → ${res.status} ${await res.text()}`,
      );
    }
    if (res.headers.get("content-type")?.includes("event-stream")) {
      await res.body?.cancel();
    } else if (
      res.status === 200 && method === "POST" && new URL(url).pathname === `${API}/tasks`
    ) {
      const out = await res.json();
      if (out?.task?.id && !ids.includes(out.task.id)) ids.push(out.task.id);
    } else {
      await res.body?.cancel();
    }
  }
  console.log(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  ok((statuses.get(200) ?? 0) > CASES / 10, `enough requests succeeded: ${[...statuses]}`);
  ok(ids.length > 50, `tasks were created: ${ids.length}`);

  const db = openDb(s.home.path);
  try {
    const one = (sql: string) =>
      Object.values((db.prepare(sql).get() ?? {}) as Record<string, unknown>)[0];
    equal(one("PRAGMA integrity_check"), "ok");
    equal(one("PRAGMA foreign_key_check"), undefined);
    equal(
      one(
        "SELECT COUNT(*) FROM tasks WHERE status NOT IN ('triage','todo','ready','running','blocked','done','archived')",
      ),
      0,
    );
    equal(one("SELECT COUNT(*) FROM tasks"), ids.length);
    equal(
      one("SELECT COUNT(*) FROM task_events WHERE kind = 'created'"),
      ids.length,
      "one created event per task",
    );
    equal(one("SELECT COUNT(*) FROM task_events WHERE task_id NOT IN (SELECT id FROM tasks)"), 0);
    equal(
      one(
        "SELECT COUNT(*) FROM task_links WHERE parent_id NOT IN (SELECT id FROM tasks) OR child_id NOT IN (SELECT id FROM tasks)",
      ),
      0,
    );
    equal(
      one("SELECT COUNT(*) FROM tasks WHERE status = 'running'"),
      0,
      "nothing moved to running",
    );
    equal(
      one(
        "SELECT COUNT(*) FROM tasks t WHERE t.status = 'ready' AND EXISTS (SELECT 1 FROM task_links l JOIN tasks p ON p.id = l.parent_id WHERE l.child_id = t.id AND p.status NOT IN ('done','archived'))",
      ),
      0,
      "no ready task waits on an undone parent",
    );
    deepEqual(
      one("SELECT COUNT(*) FROM task_runs WHERE ended_at IS NULL"),
      0,
      "no run was opened by the API",
    );
  } finally {
    db.close();
  }
});
