/**
 * Request bodies and query strings: size-limited reading and JSON parsing. Fields are checked
 * by the operation schemas (lib/ops); every problem here is an HttpError whose kind gives a 4xx
 * status, never a 500.
 */

import { InvalidInputError } from "../board/errors.ts";
import { HttpError } from "./responses.ts";

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The media type a request declares (`application/json`), lower case; "" when none. */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** The refusal of a body that is not JSON. */
export function notJson(): HttpError {
  return new HttpError(
    "unsupported_media",
    "unsupported_media_type",
    "request body must be JSON: send Content-Type: application/json",
  );
}

/** Read a JSON object body of at most `limit` bytes. An empty body is `{}`. */
export async function readJson(
  req: Request,
  limit = MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const type = mediaType(req);
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await req.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  const bytes = await readCapped(req, limit);
  if (bytes.length === 0) return {};
  if (type !== "application/json") throw notJson();
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError("usage", "invalid_json", "request body is not valid UTF-8 JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new HttpError("invalid_input", "invalid_body", "request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    "too_large",
    "too_large",
    `request body is larger than ${limit} bytes; send less (large task bodies belong in a file the task points at)`,
  );
}

async function readCapped(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError("usage", "bad_body", "could not read the request body");
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Parse a query-string boolean (`true/false/1/0/yes/no`); `def` when absent. */
export function queryBool(url: URL, name: string, def: boolean): boolean {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return def;
  const s = v.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(s)) return true;
  if (["0", "false", "no", "off"].includes(s)) return false;
  throw new HttpError("usage", "invalid_query", `query parameter '${name}' must be true or false`);
}

/** Parse a query-string integer within [min, max]; `def` when absent. */
export function queryInt(url: URL, name: string, def: number, min: number, max: number): number {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return def;
  const n = Number(v.trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpError(
      "usage",
      "invalid_query",
      `query parameter '${name}' must be an integer from ${min} to ${max}`,
    );
  }
  return n;
}

/**
 * Run an operation on the query string's parameters: a field the operation refuses is a bad
 * query (400 `invalid_query`, the schema's message), as a bad body field is a 422.
 */
export function withQuery<T>(url: URL, op: (input: Record<string, string>) => T): T {
  try {
    // An empty parameter (`?tenant=`) is one not given, as queryBool and queryInt read it.
    return op(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  } catch (e) {
    if (e instanceof InvalidInputError) throw new HttpError("usage", "invalid_query", e.message);
    throw e;
  }
}

/** Room for a multipart body's boundaries and part headers beyond the file's own bytes. */
const MULTIPART_SLACK = 64 * 1024;

/** A file sent to the upload route: its name, declared type, uploader and bytes. */
export interface Upload {
  filename: string | null;
  contentType: string | null;
  uploadedBy: string | null;
  data: ReadableStream<Uint8Array>;
}

function uploadTooLarge(max: number): HttpError {
  return new HttpError(
    "too_large",
    "too_large",
    `attachment exceeds the ${max} byte limit (kanban.attachment_max_bytes)`,
  );
}

/**
 * The file of an upload: multipart/form-data with a `file` part and an optional `uploaded_by`
 * field (Hermes's form), or a raw application/octet-stream body named by the `filename` query
 * parameter (with `content_type` and `uploaded_by` there too). A body declared larger than
 * `max` is refused before it is read; the file's bytes are counted again as they are stored.
 */
export async function readUpload(req: Request, url: URL, max: number): Promise<Upload> {
  const type = mediaType(req);
  const declared = req.headers.get("content-length");
  const slack = type === "multipart/form-data" ? MULTIPART_SLACK : 0;
  if (declared !== null && Number(declared) > max + slack) {
    await req.body?.cancel().catch(() => {});
    throw uploadTooLarge(max);
  }
  if (type === "application/octet-stream") {
    const q = (k: string) => url.searchParams.get(k);
    if (!q("filename")) {
      await req.body?.cancel().catch(() => {});
      throw new HttpError(
        "usage",
        "missing_filename",
        "a raw upload names its file with ?filename=",
      );
    }
    return {
      filename: q("filename"),
      contentType: q("content_type"),
      uploadedBy: q("uploaded_by"),
      data: req.body ?? new Blob([]).stream(),
    };
  }
  if (type !== "multipart/form-data") {
    await req.body?.cancel().catch(() => {});
    throw new HttpError(
      "unsupported_media",
      "unsupported_media_type",
      "send the file as multipart/form-data (a 'file' part) or application/octet-stream",
    );
  }
  // formData() holds the body in memory: count it on the way in and stop past the cap.
  let total = 0;
  let over = false;
  const counted = (req.body ?? new Blob([]).stream()).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        total += chunk.byteLength;
        if (total > max + slack) {
          over = true;
          ctl.error(uploadTooLarge(max));
          return;
        }
        ctl.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(counted, {
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    if (over) throw uploadTooLarge(max);
    throw new HttpError("usage", "bad_multipart", "the multipart body could not be read");
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new HttpError("usage", "missing_file", "the multipart body has no 'file' part");
  }
  const by = form.get("uploaded_by");
  return {
    filename: file.name,
    contentType: file.type || null,
    uploadedBy: typeof by === "string" ? by : null,
    data: file.stream(),
  };
}
