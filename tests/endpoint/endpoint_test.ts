/**
 * The worker endpoint as a server: a real Unix socket, real requests, a real board. Which
 * verbs a worker may use on which tasks is the rulebook's (tests/board, tests/commands); here:
 * proof of the run, the wire, and who serves the socket.
 */

import { deepEqual, equal, match, ok, rejects } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { openBoard } from "../../lib/store/mod.ts";
import {
  callEndpoint,
  endpointPath,
  EndpointUnreachable,
  PROTOCOL_VERSION,
  WorkerEndpoint,
} from "../../lib/endpoint/mod.ts";
import { HermesError } from "../../lib/board/mod.ts";
import { issueRunSecret } from "../support/runs.ts";

const RULES = { allowed: [], unconfined: ["shell"] };

/** A running task with its run's secret, on a board of a fresh home. */
async function running() {
  const home = await tempHome();
  const store = openBoard(home.path, "default", { create: true });
  const id = store.createTask({ title: "mine", assignee: "coder" }).task.id;
  const run = store.claim(id, "h:1", 900).run.id;
  const secret = issueRunSecret(home.path, store, id, run);
  return {
    home,
    store,
    id,
    run,
    secret,
    async [Symbol.asyncDispose]() {
      store.close();
      await home[Symbol.asyncDispose]();
    },
  };
}

/** A verb of run `run` with `secret`, as a worker's CLI sends it. */
function ask(path: string, run: number, secret: string, op: "heartbeat" | "show", input = {}) {
  return callEndpoint(path, { v: PROTOCOL_VERSION, op, board: "default", run, secret, input });
}

/** The refusal `p` ends in. */
async function refusal(p: Promise<unknown>): Promise<HermesError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HermesError) return e;
    throw e;
  }
  throw new Error("was not refused");
}

Deno.test("endpoint answers a run proven by its secret, and refuses any other alike", async () => {
  await using b = await running();
  const ep = new WorkerEndpoint(b.home.path, { ttlSeconds: 900, rules: RULES });
  try {
    ep.register("default", b.store);
    ep.claimIfVacant();
    equal(ep.serving, true);
    equal(Deno.statSync(ep.path).mode! & 0o777, 0o600);
    const own = await ask(ep.path, b.run, b.secret, "heartbeat", { task_id: b.id }) as {
      id: string;
    };
    equal(own.id, b.id);
    const forged = "A".repeat(43);
    const wrong = await refusal(ask(ep.path, b.run, forged, "heartbeat", { task_id: b.id }));
    const unknown = await refusal(ask(ep.path, b.run + 9, b.secret, "show", { task_id: b.id }));
    const none = await refusal(ask(ep.path, b.run, "", "show", { task_id: b.id }));
    // Nothing tells a wrong secret from an unknown run: run ids cannot be probed.
    deepEqual(new Set([wrong.message, unknown.message, none.message]).size, 1);
    deepEqual([wrong.code, wrong.kind], ["not_authenticated", "permission"]);
  } finally {
    ep.close();
  }
});

Deno.test("endpoint refuses malformed requests in one line each and keeps serving", async () => {
  await using b = await running();
  const ep = new WorkerEndpoint(b.home.path, { ttlSeconds: 900, rules: RULES });
  try {
    ep.register("default", b.store);
    ep.claimIfVacant();
    const raw = async (line: string) => {
      const c = await Deno.connect({ transport: "unix", path: ep.path });
      await c.write(new TextEncoder().encode(line + "\n"));
      const reply = JSON.parse(await new Response(c.readable).text());
      return reply;
    };
    for (
      const [line, want] of [
        ["not json", /^the request is not JSON$/],
        ['{"v":2,"op":"ping"}', /^protocol version 2 is not spoken here/],
        ['{"v":1,"op":"archive"}', /^unknown verb "archive"/],
        ['{"v":1,"op":"show","board":"../x","run":1}', /invalid board name/],
        ['{"v":1,"op":"show","input":[1]}', /input must be an object/],
      ] as const
    ) {
      const r = await raw(line);
      equal(r.ok, false, line);
      match(r.error.message, want, line);
      ok(!r.error.message.includes("\n"), "one line");
    }
    deepEqual(await raw('{"v":1,"op":"ping"}'), { ok: true, result: "hermes worker endpoint" });
  } finally {
    ep.close();
  }
});

Deno.test("endpoint answers for a board no dispatcher of its process registered", async () => {
  await using home = await tempHome();
  const main = openBoard(home.path, "default", { create: true });
  const other = openBoard(home.path, "side", { create: true });
  const ep = new WorkerEndpoint(home.path, { ttlSeconds: 900, rules: RULES });
  try {
    const id = other.createTask({ title: "there", assignee: "coder" }).task.id;
    const run = other.claim(id, "h:1", 900).run.id;
    const secret = issueRunSecret(home.path, other, id, run, "side");
    ep.register("default", main);
    ep.claimIfVacant();
    const shown = await callEndpoint(ep.path, {
      v: PROTOCOL_VERSION,
      op: "show",
      board: "side",
      run,
      secret,
      input: { task_id: id },
    }) as { task: { id: string } };
    equal(shown.task.id, id);
  } finally {
    ep.close();
    main.close();
    other.close();
  }
});

Deno.test("a second endpoint leaves a live one's socket alone and takes it once nobody answers", async () => {
  await using b = await running();
  const first = new WorkerEndpoint(b.home.path, { ttlSeconds: 900, rules: RULES });
  const second = new WorkerEndpoint(b.home.path, { ttlSeconds: 900, rules: RULES });
  try {
    first.register("default", b.store);
    second.register("default", b.store);
    first.claimIfVacant();
    second.claimIfVacant();
    await second.ensure(0);
    deepEqual([first.serving, second.serving], [true, false]);
    // The first goes away: its socket goes with it, and the second serves within its next look.
    first.close();
    await rejects(() => ask(first.path, b.run, b.secret, "show"), EndpointUnreachable);
    await second.ensure(10_000);
    equal(second.serving, true);
    await ask(second.path, b.run, b.secret, "heartbeat", { task_id: b.id });
  } finally {
    first.close();
    second.close();
  }
});

Deno.test("an endpoint whose socket was taken over stops serving and never removes the new one", async () => {
  await using b = await running();
  const first = new WorkerEndpoint(b.home.path, { ttlSeconds: 900, rules: RULES });
  const second = new WorkerEndpoint(b.home.path, { ttlSeconds: 900, rules: RULES });
  try {
    first.register("default", b.store);
    second.register("default", b.store);
    first.claimIfVacant();
    // A socket left by a process that died: nobody answers there.
    Deno.removeSync(first.path);
    second.claimIfVacant();
    equal(second.serving, true);
    await first.ensure(0);
    equal(first.serving, false, "the first saw its socket replaced");
    first.close();
    equal(Deno.lstatSync(endpointPath(b.home.path)).isSocket, true);
    await ask(second.path, b.run, b.secret, "heartbeat", { task_id: b.id });
  } finally {
    first.close();
    second.close();
  }
});
