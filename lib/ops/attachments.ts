/**
 * Attachments: files a person attaches to a task (the CLI's `attach`, the dashboard's upload),
 * stored as Hermes does — a `task_attachments` row and the file under the board's
 * `attachments/<task id>/` (0700 directories, 0600 files) — so either program lists, serves and
 * hands them to workers. The name given is only a label: it is sanitized for display and the
 * file on disk gets a generated name, so no name can reach outside the task's directory.
 */

import { HermesError, NotFoundError, PermissionError, UsageError } from "../board/errors.ts";
import type { Attachment } from "../board/task.ts";
import { isTaskId } from "../board/validate.ts";
import type { BoardPaths } from "../config/paths.ts";
import type { Actor, BoardStore } from "../store/mod.ts";

/** Hermes's cap on one attachment, the default of `kanban.attachment_max_bytes`. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** Longest attachment name kept, in characters (Hermes's). */
export const MAX_ATTACHMENT_NAME_CHARS = 200;

/** The content type of a file whose type is unknown, and of every download. */
export const OCTET_STREAM = "application/octet-stream";

/**
 * The label of an attached file: the last path component (of `/` or `\`), without control or
 * format characters and leading dots, at most MAX_ATTACHMENT_NAME_CHARS. Empty: refused.
 */
export function attachmentName(raw: string | null | undefined): string {
  const leaf = (raw ?? "").replaceAll("\\", "/").split("/").pop() ?? "";
  const name = leaf.replace(/[\p{Cc}\p{Cf}]/gu, "").trim().replace(/^\.+/, "").trim();
  if (!name) {
    throw new UsageError(
      `invalid attachment filename '${raw ?? ""}': it needs a name that is not only dots`,
      "invalid_filename",
    );
  }
  return [...name].slice(0, MAX_ATTACHMENT_NAME_CHARS).join("");
}

const TOKEN = "[a-z0-9!#$&^_.+-]{1,127}";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/**
 * A declared content type, checked: `type/subtype` (parameters dropped, lower-cased); none is
 * application/octet-stream. It is recorded only: downloads are always served as octet-stream.
 */
export function attachmentContentType(raw: string | null | undefined): string {
  const base = (raw ?? "").split(";")[0].trim().toLowerCase();
  if (base === "") return OCTET_STREAM;
  if (!MEDIA_TYPE.test(base)) {
    throw new UsageError(
      `invalid content type '${raw}': expected type/subtype, e.g. application/pdf`,
      "invalid_content_type",
    );
  }
  return base;
}

const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  html: "text/html",
  htm: "text/html",
  xml: "application/xml",
  yaml: "application/yaml",
  yml: "application/yaml",
  zip: "application/zip",
  gz: "application/gzip",
  tar: "application/x-tar",
};

/** The content type of a file by its extension (the CLI's guess); octet-stream when unknown. */
export function contentTypeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() ?? "";
  return BY_EXTENSION[ext] ?? OCTET_STREAM;
}

/** The directory of task `taskId`'s files (checked: a task id is a path component). */
export function taskAttachmentsDir(paths: BoardPaths, taskId: string): string {
  if (!isTaskId(taskId)) {
    throw new UsageError(`task id '${taskId}' cannot name an attachments directory`, "bad_id");
  }
  return `${paths.attachments}/${taskId}`;
}

function privateDir(path: string): void {
  Deno.mkdirSync(path, { recursive: true, mode: 0o700 });
  Deno.chmodSync(path, 0o700);
}

/** What `attach` needs besides the bytes. */
export interface AttachInput {
  task_id: string;
  /** The name given (a path is reduced to its last component). */
  filename: string | null | undefined;
  content_type?: string | null;
  uploaded_by: string;
}

/** Who attaches and how much they may. */
export interface AttachContext {
  actor: Actor;
  /** `kanban.attachment_max_bytes`. */
  maxBytes: number;
}

function tooLarge(max: number): HermesError {
  return new HermesError(
    `attachment exceeds the ${max} byte limit (kanban.attachment_max_bytes)`,
    "too_large",
    "too_large",
  );
}

/**
 * Attach `data` to a task: written under a generated name (0600) in the task's directory, up
 * to `maxBytes` (more: the file is removed and too_large thrown), then recorded with an
 * `attached` event. A worker cannot attach (people attach files for workers to read).
 */
export async function attach(
  store: BoardStore,
  paths: BoardPaths,
  input: AttachInput,
  data: ReadableStream<Uint8Array>,
  ctx: AttachContext,
): Promise<Attachment> {
  if (ctx.actor.kind === "worker") {
    throw new PermissionError(
      "a worker cannot attach files; hand files over in its workspace or its result",
      "worker_attach",
    );
  }
  const task = store.requireTask(input.task_id);
  const filename = attachmentName(input.filename);
  const contentType = attachmentContentType(input.content_type);
  const dir = taskAttachmentsDir(paths, task.id);
  privateDir(paths.attachments);
  privateDir(dir);
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(filename)?.[1]?.toLowerCase();
  const random = crypto.getRandomValues(new Uint8Array(12));
  const stored = `${dir}/${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}${
    ext ? `.${ext}` : ""
  }`;
  const file = await Deno.open(stored, { write: true, createNew: true, mode: 0o600 });
  let size = 0;
  let kept = false;
  try {
    try {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > ctx.maxBytes) throw tooLarge(ctx.maxBytes);
        let off = 0;
        while (off < chunk.byteLength) off += await file.write(chunk.subarray(off));
      }
    } finally {
      file.close();
    }
    const a = store.addAttachment({
      taskId: task.id,
      filename,
      storedPath: stored,
      contentType,
      size,
      uploadedBy: input.uploaded_by,
    });
    kept = true;
    return a;
  } finally {
    if (!kept) {
      try {
        Deno.removeSync(stored);
      } catch { /* already gone */ }
    }
  }
}

/** True when `path` is a file inside `dir` (both resolved: no symlink leads out). */
function inside(path: string, dir: string): boolean {
  try {
    const real = Deno.realPathSync(path);
    const root = Deno.realPathSync(dir);
    return real.startsWith(`${root}/`) && Deno.statSync(real).isFile;
  } catch {
    return false;
  }
}

/**
 * The attachment `id` and its file, for a download. NotFoundError when there is no such row,
 * or its file is missing or not under the board's attachments directory (a row edited to
 * point elsewhere is never served).
 */
export function attachmentFile(
  store: BoardStore,
  paths: BoardPaths,
  id: number,
): { attachment: Attachment; path: string } {
  const a = store.getAttachment(id);
  if (!a) throw new NotFoundError(`no such attachment: ${id}`, "attachment_not_found");
  if (!inside(a.stored_path, paths.attachments)) {
    throw new NotFoundError(`attachment ${id}: its file is missing`, "attachment_missing");
  }
  return { attachment: a, path: Deno.realPathSync(a.stored_path) };
}

/**
 * Remove attachment `id`: its row (with an `attachment_removed` event), then its file when it
 * is under the board's attachments directory. A worker cannot.
 */
export function removeAttachment(
  store: BoardStore,
  paths: BoardPaths,
  id: number,
  actor: Actor,
): Attachment {
  if (actor.kind === "worker") {
    throw new PermissionError("a worker cannot remove attachments", "worker_attach");
  }
  const a = store.deleteAttachment(id);
  if (!a) throw new NotFoundError(`no such attachment: ${id}`, "attachment_not_found");
  if (inside(a.stored_path, paths.attachments)) {
    try {
      Deno.removeSync(a.stored_path);
    } catch { /* already gone */ }
  }
  return a;
}

/** An attachment as the CLI's --json and the API show it (Hermes's fields). */
export function attachmentJson(a: Attachment): Record<string, unknown> {
  return {
    id: a.id,
    task_id: a.task_id,
    filename: a.filename,
    content_type: a.content_type,
    size: a.size,
    uploaded_by: a.uploaded_by,
    stored_path: a.stored_path,
    created_at: a.created_at,
  };
}
