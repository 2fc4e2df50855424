/** `hermes kanban migrate`: copy a board between its SQLite file and PostgreSQL. */

import { UsageError } from "../../lib/board/mod.ts";
import type { Ctx } from "../../lib/cli/context.ts";
import { table } from "../../lib/cli/output.ts";
import { str } from "../../lib/cli/parse.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { migrate } from "../../lib/store/migrate.ts";
import { isPostgresUrl, redactUrl } from "../../lib/store/postgres.ts";

export const spec: CommandSpec = {
  name: "migrate",
  // The PostgreSQL database named by --to or --from, even when the boards are SQLite files.
  needs: ["net"],
  summary: "copy the board into PostgreSQL (--to) or back into its SQLite file (--from)",
  description: "Copies every table of the board (tasks, links, comments, events, runs, " +
    "subscriptions, and hermes's own records) row for row, ids kept, in one transaction that " +
    "commits only when every table's count on the target equals the source's. The target board " +
    "must be empty. --to copies <HERMES_HOME>'s SQLite board into the PostgreSQL database as " +
    "schema hermes_<board>; then set kanban.db_url to use it. --from copies it back into the " +
    "SQLite file, which must not hold tasks. Stop the gateway first: writes made meanwhile are " +
    "not copied.",
  options: [
    {
      long: "to",
      value: "url",
      description: "copy the SQLite board into this postgres:// database",
    },
    {
      long: "from",
      value: "url",
      description: "copy the board from this postgres:// database into SQLite",
    },
  ],
  examples: [
    "hermes kanban migrate --to postgres://hermes@db.internal:5432/hermes",
    "hermes kanban migrate --from postgres://hermes@db.internal:5432/hermes --board research",
  ],
};

export function run(ctx: Ctx, input: ParsedInput): number {
  const to = str(input, "to")?.trim();
  const from = str(input, "from")?.trim();
  if (!!to === !!from) {
    throw new UsageError("give exactly one of --to <postgres://…> and --from <postgres://…>");
  }
  const url = (to ?? from)!;
  if (!isPostgresUrl(url)) {
    throw new UsageError(
      `--${to ? "to" : "from"} must be a postgres:// URL, got ${redactUrl(url)}`,
    );
  }
  const r = migrate({ home: ctx.home, board: ctx.board, env: ctx.env, to, from });
  if (ctx.json) {
    ctx.printJson(r);
    return 0;
  }
  ctx.print(`Copied board '${r.board}' from ${r.from} to ${r.to}:`);
  ctx.stdout.write(table(r.tables.map((t) => [t.table, `${t.target} rows`])));
  if (to) {
    ctx.warn(
      `set kanban.db_url (or HERMES_KANBAN_DB_URL) to ${redactUrl(url)} to use it; ` +
        "the SQLite file was left as it was",
    );
  }
  return 0;
}
