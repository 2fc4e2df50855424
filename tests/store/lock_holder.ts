/**
 * A process that holds a board's write lock, as another hermes (or Hermes) mid-write would:
 * `deno run --allow-read --allow-write lock_holder.ts <db> [holdMs]`. Prints `held` once it
 * has the lock, then keeps it for `holdMs` milliseconds, or until its stdin closes.
 */

import { DatabaseSync } from "node:sqlite";

const [path, holdMs] = Deno.args;
const db = new DatabaseSync(path, { timeout: 10_000 });
db.exec("BEGIN IMMEDIATE");
// A real write, so the lock is a writer's lock with a dirty page, not an idle reservation.
db.exec("CREATE TABLE IF NOT EXISTS hx_lock_holder_probe (x)");
await Deno.stdout.write(new TextEncoder().encode("held\n"));
if (holdMs !== undefined) {
  await new Promise((r) => setTimeout(r, Number(holdMs)));
} else {
  for await (const _ of Deno.stdin.readable) { /* wait for EOF */ }
}
db.exec("ROLLBACK");
db.close();
