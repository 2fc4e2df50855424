/// <reference lib="dom" />
/** Talking to the dashboard API: same-origin fetches carrying the token cookie. */

/** Where the API lives. */
export const API = "/api/plugins/kanban";

/** An API refusal with its status, stable code and the server's explanation. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The board the page shows (`?board=` in the address bar). */
export function currentBoard(): string {
  return new URLSearchParams(location.search).get("board") ?? "";
}

/** Add `board=` to an API path when a named board is shown. */
export function withBoard(path: string): string {
  const b = currentBoard();
  if (!b) return path;
  return path + (path.includes("?") ? "&" : "?") + "board=" + encodeURIComponent(b);
}

/** Call the API; throws ApiError with the server's message on any refusal. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(API + withBoard(path), {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "offline", "The gateway does not answer. Is it still running?");
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch { /* not JSON */ }
  if (!res.ok) {
    const d = data as { detail?: string; error?: { code?: string } } | null;
    throw new ApiError(res.status, d?.error?.code ?? "error", d?.detail ?? res.statusText);
  }
  return data as T;
}
