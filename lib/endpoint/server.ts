/**
 * The dispatcher's side of the worker endpoint: one Unix socket per HERMES_HOME
 * (`<home>/kanban/endpoint/worker.sock`, 0600, in a 0700 directory bound read-only into every
 * confined worker's sandbox). Each connection carries one request: a worker verb of one run,
 * proven by the run's secret. The endpoint acts as that run's worker (its task, its profile as
 * the author) through lib/ops, so the store checks the secret's hash and that the run still
 * holds its task, and the rulebook limits the worker to its own task and the tasks it created.
 *
 * Whoever serves the socket serves every run of every board of the HERMES_HOME: the answer
 * depends only on the board, so a gateway restarting, or a `dispatch --until-idle` beside it,
 * may take it over without a worker noticing. A dispatcher serves it only while nothing else
 * answers there.
 */

import {
  HermesError,
  InvalidInputError,
  NotFoundError,
  PermissionError,
  UsageError,
} from "../board/errors.ts";
import type { CreateRules, WorkerActor } from "../board/operation.ts";
import { validateBoardName } from "../board/validate.ts";
import { ensurePrivateDir } from "../config/paths.ts";
import { localVerbs, type TaskVerbs } from "../ops/tasks.ts";
import type { WorkspaceRoots } from "../board/validate.ts";
import { openBoard, type Store } from "../store/mod.ts";
import { callEndpoint } from "./client.ts";
import {
  ENDPOINT_OPS,
  type EndpointOp,
  endpointPath,
  type EndpointReply,
  endpointStagingPath,
  MAX_REQUEST_BYTES,
  MAX_SOCKET_PATH_BYTES,
  PROTOCOL_VERSION,
  SECRET_PATTERN,
} from "./protocol.ts";
import { hashSecret } from "./secret.ts";

/** What the endpoint needs from config: the lease a heartbeat sets and the create rules. */
export interface EndpointSettings {
  ttlSeconds: number;
  rules: CreateRules;
  /** Where a created task's `dir:` workspace or worktree repository may be. */
  workspaceRoots?: WorkspaceRoots;
}

/** Messages for the dispatcher's log (never a secret). */
export type EndpointLog = (level: "debug" | "warning", message: string) => void;

/** How long a dispatcher that does not serve the socket waits before it looks again. */
const RECHECK_MS = 1000;
/** How long a liveness check of another server may take. */
const PING_TIMEOUT_MS = 1000;

const enc = new TextEncoder();

/** The endpoint of one HERMES_HOME, as served (or watched) by the dispatchers of this process. */
export class WorkerEndpoint {
  readonly home: string;
  readonly path: string;
  #settings: EndpointSettings;
  readonly #log: EndpointLog;
  readonly #boards = new Map<string, Store>();
  /** Boards opened here for requests no dispatcher of this process registered. */
  readonly #opened = new Map<string, Store>();
  #listener: Deno.Listener | null = null;
  /** The inode of the socket we made, so we never remove a successor's. */
  #ino: number | null = null;
  #checkedAt = -Infinity;
  #checking: Promise<void> | null = null;
  #closed = false;
  /** Why the socket could not be made last time (logged once per reason). */
  #problem = "";

  constructor(home: string, settings: EndpointSettings, log: EndpointLog = () => {}) {
    this.home = home;
    this.path = endpointPath(home);
    this.#settings = settings;
    this.#log = log;
  }

  /** True while this process listens on the socket. */
  get serving(): boolean {
    return this.#listener !== null;
  }

  /** Answer requests for `board` on `store` (a dispatcher's own connection). */
  register(board: string, store: Store, settings?: EndpointSettings): void {
    this.#boards.set(board, store);
    if (settings) this.#settings = settings;
  }

  /** Stop using `store` for `board` (its dispatcher closes it). */
  unregister(board: string, store: Store): void {
    if (this.#boards.get(board) === store) this.#boards.delete(board);
  }

  /**
   * Serve the socket unless another live process does (checked at most once a second while
   * someone else serves it). A socket that cannot be made here is logged once, and tried again.
   */
  ensure(nowMs: number = performance.now()): Promise<void> {
    if (this.#closed || this.#ownSocketInPlace()) return Promise.resolve();
    if (this.#checking) return this.#checking;
    if (nowMs - this.#checkedAt < RECHECK_MS) return Promise.resolve();
    this.#checkedAt = nowMs;
    this.#checking = this.#takeIfFree().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  /** Listen now if no socket is there at all (no other server to ask); else leave it to ensure(). */
  claimIfVacant(): void {
    if (this.#closed || this.#listener) return;
    try {
      Deno.lstatSync(this.path);
      return;
    } catch { /* vacant */ }
    this.#listen();
  }

  /** True when we listen and the path is still our socket. */
  #ownSocketInPlace(): boolean {
    if (!this.#listener) return false;
    try {
      if (Deno.lstatSync(this.path).ino === this.#ino) return true;
    } catch { /* removed */ }
    // Someone replaced or removed our socket: stop listening on the orphan.
    this.#stopListening();
    return false;
  }

  async #takeIfFree(): Promise<void> {
    let there = true;
    try {
      Deno.lstatSync(this.path);
    } catch {
      there = false;
    }
    if (there && await this.#answered()) return;
    if (this.#closed || this.#listener) return;
    try {
      this.#listen();
    } catch (e) {
      const why = (e as Error).message.split("\n")[0];
      if (why !== this.#problem) this.#log("warning", `cannot serve the worker endpoint: ${why}`);
      this.#problem = why;
      return;
    }
    this.#problem = "";
    this.#log("debug", `serving the worker endpoint at ${this.path}`);
  }

  /** True when a live server answers a ping at the path. */
  async #answered(): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((r) => {
      timer = setTimeout(() => r(false), PING_TIMEOUT_MS);
    });
    const ping = callEndpoint(this.path, { v: PROTOCOL_VERSION, op: "ping" }).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #listen(): void {
    if (enc.encode(this.path).length > MAX_SOCKET_PATH_BYTES) {
      throw new Error(
        `the worker endpoint's socket path ${this.path} is too long for a Unix socket: use a ` +
          "shorter HERMES_HOME",
      );
    }
    ensurePrivateDir(this.path.slice(0, this.path.lastIndexOf("/")));
    const staging = endpointStagingPath(this.home);
    try {
      Deno.removeSync(staging);
    } catch { /* none */ }
    // Made aside and renamed into place (replacing a stale socket at once): closing a listener
    // removes the path it was made at, which must never be a successor's socket.
    const listener = Deno.listen({ transport: "unix", path: staging });
    try {
      // Only the owner (and the sandboxes the directory is bound into) may connect.
      Deno.chmodSync(staging, 0o600);
      Deno.renameSync(staging, this.path);
    } catch (e) {
      listener.close();
      throw e;
    }
    this.#listener = listener;
    this.#ino = Deno.lstatSync(this.path).ino;
    this.#serve(listener);
  }

  async #serve(listener: Deno.Listener): Promise<void> {
    try {
      for await (const conn of listener) this.#handle(conn).catch(() => {});
    } catch { /* closed */ }
  }

  async #handle(conn: Deno.Conn): Promise<void> {
    try {
      let reply: EndpointReply;
      try {
        const line = await readLine(conn);
        reply = { ok: true, result: await this.#answer(line) };
      } catch (e) {
        reply = failure(e, this.#log);
      }
      const bytes = enc.encode(JSON.stringify(reply) + "\n");
      let off = 0;
      while (off < bytes.length) off += await conn.write(bytes.subarray(off));
    } finally {
      try {
        conn.close();
      } catch { /* closed */ }
    }
  }

  /** The result of one request line, or the refusal thrown. */
  #answer(line: string): Promise<unknown> {
    let req: Record<string, unknown>;
    try {
      req = JSON.parse(line);
    } catch {
      throw new UsageError("the request is not JSON", "bad_request");
    }
    if (req === null || typeof req !== "object" || Array.isArray(req)) {
      throw new UsageError("the request must be a JSON object", "bad_request");
    }
    if (req.v !== PROTOCOL_VERSION) {
      throw new UsageError(
        `protocol version ${JSON.stringify(req.v)} is not spoken here (${PROTOCOL_VERSION} is)`,
        "bad_request",
      );
    }
    if (req.op === "ping") return Promise.resolve("hermes worker endpoint");
    const op = req.op as EndpointOp;
    if (!(ENDPOINT_OPS as readonly unknown[]).includes(op)) {
      throw new UsageError(
        `unknown verb ${JSON.stringify(req.op)} (the endpoint answers ${ENDPOINT_OPS.join(", ")})`,
        "bad_request",
      );
    }
    const input = req.input ?? {};
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      throw new InvalidInputError("input", "input must be an object", "invalid_argument");
    }
    const verbs = this.#verbsFor(req);
    const fields = input as Record<string, unknown>;
    switch (op) {
      case "show": {
        const n = Number(req.events ?? 50);
        return verbs.show(fields, Number.isInteger(n) && n > 0 && n <= 500 ? n : 50);
      }
      case "context":
        return verbs.context(fields);
      default:
        return verbs[op](fields);
    }
  }

  /** The verbs of the run a request names, acting as its worker with the secret it presented. */
  #verbsFor(req: Record<string, unknown>): TaskVerbs {
    const board = validateBoardName(typeof req.board === "string" ? req.board : "default");
    const store = this.#store(board);
    const run = typeof req.run === "number" && Number.isSafeInteger(req.run) && req.run > 0
      ? store.runRow(req.run)
      : null;
    const secret = typeof req.secret === "string" ? req.secret : "";
    const actor: WorkerActor | null = run === null || !SECRET_PATTERN.test(secret) ? null : {
      kind: "worker",
      name: run.profile ?? "worker",
      taskId: run.task_id,
      runId: run.id,
      credential: hashSecret(secret),
    };
    // The same answer for an unknown run and a wrong secret, before anything else: nothing
    // here tells a caller without the secret which runs exist or whose they are.
    if (actor === null || !store.workerFacts(actor, []).authentic) {
      throw new PermissionError(
        "this request does not prove a run (a run id and its secret, from the run's secret " +
          "file); refused",
        "not_authenticated",
      );
    }
    return localVerbs(store, {
      actor,
      author: actor.name,
      wire: req.wire === "text" ? "text" : "json",
      ttlSeconds: this.#settings.ttlSeconds,
      rules: this.#settings.rules,
      workspaceRoots: this.#settings.workspaceRoots,
    });
  }

  #store(board: string): Store {
    const own = this.#boards.get(board) ?? this.#opened.get(board);
    if (own) return own;
    let store: Store;
    try {
      store = openBoard(this.home, board, { create: false });
    } catch {
      throw new NotFoundError(`no board named '${board}' here`, "no_board");
    }
    this.#opened.set(board, store);
    return store;
  }

  #stopListening(): void {
    try {
      this.#listener?.close();
    } catch { /* closed */ }
    this.#listener = null;
    this.#ino = null;
  }

  /** Stop serving; the socket file is removed when it is still ours. Boards opened here close. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownSocketInPlace()) {
      try {
        Deno.removeSync(this.path);
      } catch { /* gone */ }
    }
    this.#stopListening();
    for (const s of this.#opened.values()) {
      try {
        s.close();
      } catch { /* closed */ }
    }
    this.#opened.clear();
    this.#boards.clear();
  }
}

/** Read one request line (at most MAX_REQUEST_BYTES). */
async function readLine(conn: Deno.Conn): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const buf = new Uint8Array(64 * 1024);
  for (;;) {
    const n = await conn.read(buf);
    if (n === null) break;
    const nl = buf.subarray(0, n).indexOf(10);
    const part = buf.slice(0, nl < 0 ? n : nl);
    chunks.push(part);
    size += part.length;
    if (size > MAX_REQUEST_BYTES) {
      throw new HermesError(
        `the request is over ${MAX_REQUEST_BYTES} bytes`,
        "too_large",
        "too_large",
      );
    }
    if (nl >= 0) break;
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.length;
  }
  return new TextDecoder().decode(all);
}

/** A refusal as a reply; anything unexpected is logged (one line) and answered as internal. */
function failure(e: unknown, log: EndpointLog): EndpointReply {
  if (e instanceof HermesError) {
    const field = e instanceof InvalidInputError ? { field: e.field } : {};
    return { ok: false, error: { code: e.code, kind: e.kind, message: e.message, ...field } };
  }
  const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
  log("warning", `worker endpoint: ${msg}`);
  return {
    ok: false,
    error: { code: "internal", kind: "failure", message: `internal error: ${msg}` },
  };
}

const shared = new Map<string, { endpoint: WorkerEndpoint; users: number }>();

/**
 * The endpoint of `home` in this process, shared by its dispatchers (one per board in the
 * gateway); give it back with releaseEndpoint. It listens at once when the socket is vacant;
 * otherwise `ensure()` (each tick) takes it over once nothing answers there.
 */
export function acquireEndpoint(
  home: string,
  settings: EndpointSettings,
  log?: EndpointLog,
): WorkerEndpoint {
  const had = shared.get(home);
  if (had) {
    had.users++;
    return had.endpoint;
  }
  const endpoint = new WorkerEndpoint(home, settings, log);
  shared.set(home, { endpoint, users: 1 });
  return endpoint;
}

/** Give back an endpoint from acquireEndpoint; the last user closes it. */
export function releaseEndpoint(endpoint: WorkerEndpoint): void {
  const had = shared.get(endpoint.home);
  if (!had || had.endpoint !== endpoint) {
    endpoint.close();
    return;
  }
  if (--had.users > 0) return;
  shared.delete(endpoint.home);
  endpoint.close();
}
