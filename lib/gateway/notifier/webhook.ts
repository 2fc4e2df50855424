/** Posting a notification to a webhook: signed JSON, a timeout, and a verdict on failure. */

import { refusedDestination, resolveHost, type Resolver } from "./_destination.ts";
import { type SendResult, StopRequested } from "./retry.ts";

/** Header carrying `sha256=<hex HMAC of the body>` when the sink has a secret. */
export const SIGNATURE_HEADER = "X-Hermes-Signature";

const enc = new TextEncoder();

/** `sha256=<hex>`: HMAC-SHA256 of `body` under `secret` (what receivers recompute). */
export async function signBody(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  return "sha256=" + Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The URL without credentials, query or path detail, for log lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "/" : "/…"}`;
  } catch {
    return "(invalid url)";
  }
}

function retryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  const s = Number(v.trim());
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** The innermost cause of a fetch error ("Connection refused (os error 111)"). */
function fetchCause(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const parts = msg.split(": ").map((s) => s.trim()).filter(Boolean);
  return parts[parts.length - 1] ?? msg;
}

/**
 * The result for a webhook this process may not reach: a gateway started from source may dial
 * only the webhook hosts it knew when it started (lib/gateway/confinement.ts). Retrying cannot
 * help; a restart, which takes the new host into its list, does.
 */
function outOfScope(url: string): SendResult {
  return {
    ok: false,
    error: `${redactUrl(url)} is not among the hosts this gateway may reach (those of ` +
      "kanban.notify and of the subscriptions when it started); restart it to add the host: " +
      "hermes gateway restart",
    permanent: true,
  };
}

/** What one webhook attempt sends. */
export interface WebhookRequest {
  url: string;
  body: string;
  secret: string | null;
  /** `X-Hermes-Event`: the event kind. */
  event: string;
  /** `X-Hermes-Delivery`: stable across retries, so receivers can drop duplicates. */
  deliveryId: string;
  timeoutMs: number;
  /** Deliver to loopback, link-local and private addresses too (refused otherwise). */
  allowPrivate: boolean;
}

/**
 * POST the body. 2xx is success; 408, 429 and 5xx and network errors are worth retrying;
 * other statuses (including redirects, which are not followed) are permanent.
 * Throws StopRequested when `stop` fires mid-request.
 */
export async function postWebhook(
  req: WebhookRequest,
  stop: AbortSignal,
  resolve: Resolver = resolveHost,
): Promise<SendResult> {
  if (!req.allowPrivate) {
    let why: string | null;
    try {
      why = await refusedDestination(req.url, resolve);
    } catch (e) {
      if (e instanceof Deno.errors.NotCapable) return outOfScope(req.url);
      return {
        ok: false,
        error: `cannot reach ${redactUrl(req.url)}: ${(e as Error).message}`,
        permanent: false,
      };
    }
    if (why !== null) {
      return {
        ok: false,
        error: `refused ${redactUrl(req.url)}: ${why}; set allow_private: true in ` +
          "kanban.notify (or on this webhook) to deliver to a private address",
        permanent: true,
      };
    }
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "hermes-notifier",
    "X-Hermes-Event": req.event,
    "X-Hermes-Delivery": req.deliveryId,
  };
  if (req.secret !== null) headers[SIGNATURE_HEADER] = await signBody(req.secret, req.body);
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: "POST",
      headers,
      body: req.body,
      redirect: "manual",
      signal: AbortSignal.any([stop, timeout]),
    });
  } catch (e) {
    if (stop.aborted) throw new StopRequested();
    if (e instanceof Deno.errors.NotCapable) return outOfScope(req.url);
    if (timeout.aborted) {
      return {
        ok: false,
        error: `no answer within ${req.timeoutMs / 1000}s (timeout_seconds)`,
        permanent: false,
      };
    }
    return {
      ok: false,
      error: `cannot reach ${redactUrl(req.url)}: ${fetchCause(e)}`,
      permanent: false,
    };
  }
  let snippet = "";
  try {
    if (res.ok) await res.body?.cancel();
    else snippet = (await res.text()).trim().split("\n")[0].slice(0, 200);
  } catch {
    // The status is what matters; an unreadable body changes nothing.
  }
  if (res.ok) return { ok: true };
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  const error = res.status >= 300 && res.status < 400
    ? `${status}: redirected to ${redactUrl(res.headers.get("location") ?? "")} (use the final URL)`
    : `${status}${snippet ? `: ${snippet}` : ""}`;
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return {
    ok: false,
    error,
    permanent: !retryable,
    retryAfterMs: retryable ? retryAfter(res.headers.get("retry-after")) : undefined,
  };
}
