/** JSON responses and the error shape every route shares: Hermes's `detail` plus our `error`. */

import { HermesError } from "../board/errors.ts";

/** Headers every response carries (no sniffing, no framing, no referrer leaks). */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** An error a route raises on purpose: status, stable code, one-line message. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** `{"detail": message, "error": {"code", "message"}}` with `status`. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json({ detail: message, error: { code, message } }, status, headers);
}

/**
 * Map anything thrown by a route to a response. Our error classes keep their HTTP status
 * (4xx, 503 for a busy or broken store); anything else is a bug: a generic 500, with the
 * details going to the log only.
 */
export function fromError(e: unknown, log: (msg: string, err: unknown) => void): Response {
  if (e instanceof HttpError) return errorResponse(e.status, e.code, e.message, e.headers);
  if (e instanceof HermesError) return errorResponse(e.httpStatus, e.code, e.message);
  log("unexpected error in a dashboard route", e);
  return errorResponse(500, "internal", "internal error; the gateway log has the details");
}
