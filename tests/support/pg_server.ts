/**
 * A PostgreSQL server of a test's own (initdb in a temporary directory, on a free port), for tests
 * that restart the database mid-run without disturbing the shared one. It runs as the `postgres`
 * user (initdb refuses root), so it needs Debian's server binaries, runuser and root.
 */

import { probe } from "./requires.ts";

/** Where Debian keeps the server binaries of the newest installed version, or null. */
function pgBin(): string | null {
  try {
    const versions = [...Deno.readDirSync("/usr/lib/postgresql")].map((e) => e.name)
      .filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = `/usr/lib/postgresql/${v}/bin`;
      try {
        Deno.statSync(`${dir}/initdb`);
        return dir;
      } catch { /* not this one */ }
    }
  } catch { /* not installed */ }
  return null;
}

/** Null when a server of the test's own can be made here, else why not. */
export async function ownServerMissing(): Promise<string | null> {
  if (pgBin() === null) return "no PostgreSQL server binaries under /usr/lib/postgresql";
  return await probe("a server of the test's own (run as user postgres)", "runuser", [
    "-u",
    "postgres",
    "--",
    "true",
  ]);
}

async function asPostgres(args: string[]): Promise<void> {
  const out = await new Deno.Command("runuser", {
    args: ["-u", "postgres", "--", ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr).trim().slice(0, 500)}`,
    );
  }
}

/** A running server of the test's own. */
export interface OwnServer extends AsyncDisposable {
  /** An administrator's URL (trust authentication on 127.0.0.1). */
  url: string;
  /** Restart it (fast shutdown: every connection is cut), waiting until it answers again. */
  restart(): Promise<void>;
}

/** initdb and start a server on a free port. */
export async function startOwnServer(): Promise<OwnServer> {
  const bin = pgBin()!;
  const dir = await Deno.makeTempDir({ prefix: "hermes-pg-" });
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  await new Deno.Command("chown", { args: ["postgres:", dir] }).output();
  const data = `${dir}/data`;
  await asPostgres([`${bin}/initdb`, "-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (cmd: string[]) =>
    asPostgres([`${bin}/pg_ctl`, "-D", data, "-o", opts, "-l", `${dir}/log`, "-w", ...cmd]);
  await ctl(["start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl(["-m", "fast", "restart"]),
    async [Symbol.asyncDispose]() {
      await ctl(["-m", "immediate", "stop"]).catch(() => {});
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
