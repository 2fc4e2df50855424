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
import type { TaskVerbs } from "../ops/tasks.ts";
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
  const send = (op: EndpointOp, input: Record<string, unknown>, events?: number) =>
    callEndpoint(t.socket, {
      v: PROTOCOL_VERSION,
      op,
      board: t.board,
      run: t.runId ?? undefined,
      secret,
      wire: t.wire,
      input,
      events,
    });
  // deno-lint-ignore no-explicit-any
  const as = <T>(p: Promise<unknown>) => p as Promise<T & any>;
  return {
    show: (input, events) => as(send("show", { ...input }, events)),
    context: (input) => as(send("context", { ...input })),
    comment: (input) => as(send("comment", { ...input })),
    heartbeat: (input) => as(send("heartbeat", { ...input })),
    complete: (input) => as(send("complete", { ...input })),
    block: (input) => as(send("block", { ...input })),
    create: (input) => as(send("create", { ...input })),
    link: (input) => as(send("link", { ...input })),
  };
}

/**
 * A worker's verbs: through its endpoint; where nothing answers there, on the board directly
 * (`direct`, given the SHA-256 of the run's secret, or null without one), which only an
 * unconfined worker can open.
 * The rules are the same either way: the board checks the secret and the run on every write.
 */
export function workerVerbs(
  t: WorkerTarget,
  direct: (credential: string | null) => Promise<TaskVerbs>,
): TaskVerbs {
  const secret = runSecret(t);
  const remote = remoteVerbs(t, secret);
  let fallback: Promise<TaskVerbs> | null = null;
  const via = <K extends keyof TaskVerbs>(name: K) =>
    (async (...args: unknown[]) => {
      if (fallback === null) {
        try {
          // deno-lint-ignore no-explicit-any
          return await (remote[name] as any)(...args);
        } catch (e) {
          if (!(e instanceof EndpointUnreachable)) throw e;
          // node:crypto only on this rare path: a worker's CLI starts without it.
          const { hashSecret } = await import("./secret.ts");
          fallback = direct(secret ? hashSecret(secret) : null).catch((d) => {
            throw new HermesError(
              `cannot reach the board: ${e.message}, and the board cannot be opened here ` +
                `(${(d as Error).message.split("\n")[0]}); a confined worker reaches the board ` +
                "only through its endpoint, which lives as long as the dispatcher that started it",
              "board_unreachable",
              "unavailable",
            );
          });
        }
      }
      // deno-lint-ignore no-explicit-any
      return ((await fallback)[name] as any)(...args);
    }) as TaskVerbs[K];
  return {
    show: via("show"),
    context: via("context"),
    comment: via("comment"),
    heartbeat: via("heartbeat"),
    complete: via("complete"),
    block: via("block"),
    create: via("create"),
    link: via("link"),
  };
}
