/** Run secrets: made at spawn, handed to the worker, kept by the board only as a SHA-256. */

import { createHash } from "node:crypto";

/** Random bytes in a secret. */
const SECRET_BYTES = 32;

import { SECRET_PATTERN } from "./protocol.ts";

/** A new run secret and the hash the board keeps of it. */
export function newRunSecret(): { secret: string; hash: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  const secret = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
  if (!SECRET_PATTERN.test(secret)) throw new Error("a run secret came out malformed");
  return { secret, hash: hashSecret(secret) };
}

/** SHA-256 of a secret, hex: what the board keeps and compares. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Write `secret` to a new 0600 file at `path` (an older file there is replaced, never followed). */
export function writeSecretFile(path: string, secret: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* not there: the usual case */ }
  Deno.writeTextFileSync(path, secret + "\n", { mode: 0o600, createNew: true });
}

/** Remove a run's secret file (its run has ended); a missing file is fine. */
export function removeSecretFile(path: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* gone already */ }
}
