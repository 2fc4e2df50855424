/** Declarative command specs: one table drives parsing, help and the README. */

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

/** A leaf command or a group of subcommands. */
export interface CommandSpec {
  name: string;
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

/** camelCase key for an option's long name. */
export function optionKey(long: string): string {
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
