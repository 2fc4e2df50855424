/** The PostgreSQL URL: its options, where its password comes from, and how it is printed. */

import { passFilePassword, pgOptions, redactUrl, scrub } from "../../lib/store/_pg_url.ts";
import { deepEqual, equal, throws } from "../support/assert.ts";
import { UsageError } from "../../lib/board/mod.ts";

const env = (vars: Record<string, string>) => (k: string) => vars[k];

Deno.test("pg url: redactUrl hides the password and nothing else", () => {
  equal(
    redactUrl("postgres://ann:p%40ss@db.example:6543/team"),
    "postgres://ann:***@db.example:6543/team",
  );
  equal(
    redactUrl("postgres://ann@db/team?password=x&sslmode=require"),
    "postgres://ann@db/team?password=***&sslmode=require",
  );
  equal(redactUrl("postgres://db/team"), "postgres://db/team");
  equal(redactUrl("postgres://ann:pw@[::1"), "postgres://… (unparsable URL)");
  equal(scrub("login for ann failed (pw: hunter2)", "hunter2"), "login for ann failed (pw: ***)");
});

Deno.test("pg url: the URL wins over PG* variables, which fill what it leaves out", () => {
  const o = pgOptions(
    "postgres://ann:pw@db:6543/team",
    env({ PGPASSWORD: "other", PGUSER: "x" }),
    undefined,
  );
  deepEqual([o.host, o.port, o.user, o.database, o.password, o.display], [
    "db",
    6543,
    "ann",
    "team",
    "pw",
    "postgres://ann:***@db:6543/team",
  ]);
  const d = pgOptions("postgres://db", env({ PGPASSWORD: "fromenv", PGUSER: "bob" }), undefined);
  deepEqual([d.port, d.user, d.database, d.password], [5432, "bob", "bob", "fromenv"]);
  throws(() => pgOptions("mysql://db/x", env({}), undefined), UsageError);
});

Deno.test("pg url: the password file is read as libpq reads it, and ignored when others may read it", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const file = `${dir}/.pgpass`;
    Deno.writeTextFileSync(
      file,
      "# comment\nother:5432:*:ann:wrong\ndb:*:team:ann:pa\\:ss\\\\word\n*:*:*:*:fallback\n",
    );
    Deno.chmodSync(file, 0o600);
    const target = { host: "db", port: 5432, database: "team", user: "ann" };
    equal(passFilePassword(target, env({}), dir), "pa:ss\\word");
    equal(passFilePassword({ ...target, database: "x" }, env({}), dir), "fallback");
    equal(pgOptions("postgres://ann@db/team", env({}), dir).password, "pa:ss\\word");
    equal(passFilePassword(target, env({ PGPASSFILE: `${dir}/none` }), dir), undefined);
    Deno.chmodSync(file, 0o644);
    equal(passFilePassword(target, env({}), dir), undefined, "readable by others: ignored");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
