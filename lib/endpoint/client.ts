/**
 * A worker's side of the endpoint: the worker verbs sent to the dispatcher over its Unix socket,
 * with the run's secret. Where nothing answers there (the dispatcher that started the worker has
 * exited), an unconfined worker's verbs run on the board directly, as the same worker with the
 * same secret; a confined worker cannot open the board, and is told so in one line.
 */

import {
  ConflictError,
  type ErrorKind,
  HermesError,
  InvalidInputError,
  InvalidRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
  StoreError,
  UsageError,
} from "../board/errors.ts";
import type { Status } from "../board/status.ts";
import type { Comment, Task, TaskDetail } from "../board/task.ts";
import type { Completed, TaskVerbs } from "../ops/tasks.ts";
import {
  type EndpointOp,
  type EndpointReply,
  type EndpointRequest,
  PROTOCOL_VERSION,
  readSecretFile,
  secretPath,
} from "./protocol.ts";

/** Nothing serves the endpoint (no socket, or nobody listening on it). */
export class EndpointUnreachable extends HermesError {
  readonly path: string;
  constructor(path: string, why: string) {
    super(
      `nothing answers at this run's endpoint ${path} (${why})`,
      "endpoint_unreachable",
      "unavailable",
    );
    this.path = path;
  }
}

/** The error a reply carries, as the class its kind has (front doors tell some apart). */
function rebuild(
  e: { code: string; kind: ErrorKind; message: string; field?: string },
): HermesError {
  switch (e.kind) {
    case "usage":
      return new UsageError(e.message, e.code);
    case "invalid_input":
      return new InvalidInputError(e.field ?? "", e.message, e.code);
    case "not_found":
      return new NotFoundError(e.message, e.code);
    case "conflict":
      return new ConflictError(e.message, e.code);
    case "invalid_request":
      return new InvalidRequestError(e.message, e.code);
    case "invalid_state":
      return new InvalidStateError(e.message, e.code);
    case "permission":
      return new PermissionError(e.message, e.code);
    case "store":
      return new StoreError(e.message, e.code);
    default:
      return new HermesError(e.message, e.code, e.kind);
  }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

/** Send one request to the endpoint at `path`; the verb's result, or its refusal thrown. */
export async function callEndpoint(path: string, req: EndpointRequest): Promise<unknown> {
  let conn: Deno.Conn;
  try {
    conn = await Deno.connect({ transport: "unix", path });
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound
      ? "no such socket"
      : e instanceof Deno.errors.ConnectionRefused
      ? "nobody is listening"
      : (e as Error).message.split("\n")[0];
    throw new EndpointUnreachable(path, why);
  }
  let reply: EndpointReply;
  try {
    await writeAll(conn, new TextEncoder().encode(JSON.stringify(req) + "\n"));
    reply = JSON.parse(await new Response(conn.readable).text()) as EndpointReply;
  } catch (e) {
    throw new HermesError(
      `the worker endpoint at ${path} broke off: ${(e as Error).message.split("\n")[0]}`,
      "endpoint_failed",
      "unavailable",
    );
  } finally {
    try {
      conn.close();
    } catch { /* closed by the stream */ }
  }
  if (!reply.ok) throw rebuild(reply.error);
  return reply.result;
}

/** Who a worker is and where its endpoint is. */
export interface WorkerTarget {
  home: string;
  board: string;
  taskId: string;
  runId: number | null;
  /** The socket: HERMES_KANBAN_ENDPOINT, else endpointPath(home). */
  socket: string;
  wire: "text" | "json";
}

/** The run's secret from its file, or "" (the endpoint then refuses the request). */
export function runSecret(t: WorkerTarget): string {
  if (t.runId === null) return "";
  return readSecretFile(secretPath(t.home, t.board, t.taskId, t.runId)) ?? "";
}

/** The verbs through the endpoint at `t.socket`, as run `t.runId` with `secret`. */
export function remoteVerbs(t: WorkerTarget, secret: string): TaskVerbs {
  // The endpoint answers each verb with lib/ops's result for it.
  const send = <T>(op: EndpointOp, input: Record<string, unknown>, events?: number) =>
    callEndpoint(t.socket, {
      v: PROTOCOL_VERSION,
      op,
      board: t.board,
      run: t.runId ?? undefined,
      secret,
      wire: t.wire,
      input,
      events,
    }) as Promise<T>;
  return {
    show: (input, events) => send<TaskDetail>("show", { ...input }, events),
    context: (input) => send<string>("context", { ...input }),
    comment: (input) => send<Comment>("comment", { ...input }),
    heartbeat: (input) => send<Task>("heartbeat", { ...input }),
    complete: (input) => send<Completed>("complete", { ...input }),
    block: (input) => send<{ task: Task; run_id: number | null }>("block", { ...input }),
    create: (input) => send<{ task: Task; existed: boolean }>("create", { ...input }),
    link: (input) =>
      send<{ parent: string; child: string; child_status: Status }>("link", { ...input }),
  };
}

/**
 * A worker's verbs: through its endpoint; where nothing answers there, on the board directly
 * (`direct`, given the SHA-256 of the run's secret, or null without one), which only an
 * unconfined worker can open. The rules are the same either way: the board checks the secret
 * and the run on every write.
 */
export function workerVerbs(
  t: WorkerTarget,
  direct: (credential: string | null) => Promise<TaskVerbs>,
): TaskVerbs {
  const secret = runSecret(t);
  const remote = remoteVerbs(t, secret);
  let local: Promise<TaskVerbs> | null = null;
  const open = async (unreachable: EndpointUnreachable): Promise<TaskVerbs> => {
    // node:crypto only on this rare path: a worker's CLI starts without it.
    const { hashSecret } = await import("./secret.ts");
    try {
      return await direct(secret ? hashSecret(secret) : null);
    } catch (d) {
      throw new HermesError(
        `cannot reach the board: ${unreachable.message}, and the board cannot be opened here ` +
          `(${(d as Error).message.split("\n")[0]}); a confined worker reaches the board only ` +
          "through its endpoint, which lives as long as a dispatcher of its HERMES_HOME runs",
        "board_unreachable",
        "unavailable",
      );
    }
  };
  const call = async <T>(verb: (v: TaskVerbs) => Promise<T>): Promise<T> => {
    if (local === null) {
      try {
        return await verb(remote);
      } catch (e) {
        if (!(e instanceof EndpointUnreachable)) throw e;
        local ??= open(e);
      }
    }
    return verb(await local);
  };
  return {
    show: (input, events) => call((v) => v.show(input, events)),
    context: (input) => call((v) => v.context(input)),
    comment: (input) => call((v) => v.comment(input)),
    heartbeat: (input) => call((v) => v.heartbeat(input)),
    complete: (input) => call((v) => v.complete(input)),
    block: (input) => call((v) => v.block(input)),
    create: (input) => call((v) => v.create(input)),
    link: (input) => call((v) => v.link(input)),
  };
}
