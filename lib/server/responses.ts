/** JSON responses and the error shape every route shares: Hermes's `detail` plus our `error`. */

import { type ErrorKind, HermesError } from "../board/errors.ts";

/** Headers every response carries (no sniffing, no framing, no referrer leaks). */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** FNV-1a of `text` as 8 hex digits: cache keys and validators, never security. */
export function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** True when the request's If-None-Match names `etag` (weakly compared, as RFC 9110 says). */
export function notModified(req: Request, etag: string): boolean {
  const inm = req.headers.get("if-none-match");
  if (!inm) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return inm.trim() === "*" || inm.split(",").some((t) => bare(t) === bare(etag));
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/**
 * The server's table: the HTTP status of each kind of error, and the code the API shows when it
 * words a kind its own way (every malformed field is `invalid_body`, as the API has always said).
 */
export const HTTP_STATUS: Readonly<Record<ErrorKind, { status: number; code?: string }>> = {
  usage: { status: 400 },
  invalid_input: { status: 422, code: "invalid_body" },
  not_found: { status: 404 },
  conflict: { status: 409 },
  invalid_request: { status: 400 },
  invalid_state: { status: 409 },
  permission: { status: 403 },
  unauthorized: { status: 401 },
  store: { status: 503 },
  too_large: { status: 413 },
  unsupported_media: { status: 415 },
  misdirected: { status: 421 },
  method_not_allowed: { status: 405 },
  rate_limited: { status: 429 },
  unavailable: { status: 503 },
  failure: { status: 500 },
};

/** A HermesError that also carries response headers (WWW-Authenticate, Allow). */
export class HttpError extends HermesError {
  /** Headers the error response carries. */
  readonly headers: Record<string, string>;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message, code, kind);
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
 * Map anything thrown by a route to a response: our errors by their kind through `HTTP_STATUS`
 * (4xx, 503 for a busy or broken store); anything else is a bug: a generic 500, with the
 * details going to the log only.
 */
export function fromError(e: unknown, log: (msg: string, err: unknown) => void): Response {
  if (e instanceof HermesError) {
    const { status, code } = HTTP_STATUS[e.kind];
    const headers = e instanceof HttpError ? e.headers : {};
    return errorResponse(status, code ?? e.code, e.message, headers);
  }
  log("unexpected error in a dashboard route", e);
  return errorResponse(500, "internal", "internal error; the gateway log has the details");
}
