/**
 * Declarative command specs: one table drives parsing, help, the README and what each verb may
 * reach beyond its files.
 */

/** A positional argument. */
export interface ArgSpec {
  /** Name used as the key in the parsed args. */
  name: string;
  description: string;
  /** Defaults to true. */
  required?: boolean;
  /** Collects the remaining words. */
  variadic?: boolean;
}

/** An option such as `--assignee <name>`, `--json` or `-v, --verbose`. */
export interface OptionSpec {
  /** Long name without dashes: `assignee`. Parsed key is its camelCase form. */
  long: string;
  /** One-letter alias without the dash. */
  short?: string;
  /** Value placeholder: `name`. Absent for boolean flags. */
  value?: string;
  description: string;
  /** May be given more than once; values collect into an array. */
  repeatable?: boolean;
  /** Left out of help (escape hatches). */
  hidden?: boolean;
  /** Shown in help. */
  defaultText?: string;
}

/** What a command receives after parsing. */
export interface ParsedInput {
  args: Record<string, string | string[] | undefined>;
  opts: Record<string, string | boolean | string[] | undefined>;
}

/**
 * What a verb may reach beyond its files: start processes or signal them (`run`: git, a
 * worker, kill(2) of another process), or use the network (`net`). main.ts revokes every
 * kind a verb does not name before it parses the arguments, so no input can make a board
 * verb spawn or dial.
 */
export type Reach = "run" | "net" | "endpoint";

/**
 * Every kind of Reach. `endpoint` is the worker endpoint, a Unix socket, which Deno counts as
 * network: a verb that needs it keeps `net` only when a worker runs it (HERMES_KANBAN_TASK set),
 * since a person's verbs open the board itself.
 */
export const REACHES: readonly Reach[] = ["run", "net", "endpoint"];

/** The permissions a Reach is made of, each revoked when no kept Reach needs it. */
const REVOCABLE = ["run", "net"] as const;

/** A leaf command or a group of subcommands. */
export interface CommandSpec {
  name: string;
  /** What this verb may reach (see Reach); `[]` for a verb that only reads and writes files. */
  needs: readonly Reach[];
  aliases?: string[];
  /** One line for listings. */
  summary: string;
  /** Longer help text. */
  description?: string;
  args?: ArgSpec[];
  options?: OptionSpec[];
  hidden?: boolean;
  /** Extra lines shown at the end of help (examples). */
  examples?: string[];
}

/**
 * Revoke, for the rest of this process, each kind of Reach that `needs` leaves out (a few
 * microseconds), and report what each kind is now: "granted" only for a kind kept and granted.
 * `worker`: a worker runs the verb (an `endpoint` verb keeps net). `database`: the boards live
 * in PostgreSQL, which the store reaches over the network, so every verb keeps net (Deno cannot
 * narrow a granted net to one host after start); run is revoked as usual.
 */
export function revokeUnneeded(
  needs: readonly Reach[],
  opts: { worker?: boolean; database?: boolean } = {},
): Record<"run" | "net", Deno.PermissionState> {
  const keep = new Set<string>(needs);
  if (opts.worker && keep.has("endpoint")) keep.add("net");
  if (opts.database) keep.add("net");
  const out = {} as Record<"run" | "net", Deno.PermissionState>;
  for (const kind of REVOCABLE) {
    if (!keep.has(kind)) Deno.permissions.revokeSync({ name: kind });
    out[kind] = Deno.permissions.querySync({ name: kind }).state;
  }
  return out;
}

/** camelCase key for an option's long name. */
export function optionKey(long: string): string {
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
