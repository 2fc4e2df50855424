/** Every command group and verb. Verb modules load lazily so start-up pays only for what runs. */

import type { Ctx } from "../lib/cli/context.ts";
import type { CommandSpec, OptionSpec, ParsedInput } from "../lib/cli/spec.ts";

/** What a verb module exports. */
export interface CommandModule {
  spec: CommandSpec;
  run(ctx: Ctx, input: ParsedInput): Promise<number | void> | number | void;
}

/** A registry entry: the name to dispatch on and how to load the module. */
export interface Entry {
  name: string;
  aliases?: string[];
  load: () => Promise<CommandModule>;
}

/** A command group (`kanban`, `gateway`). */
export interface Group {
  name: string;
  summary: string;
  entries: Entry[];
  /** Options every verb of the group accepts. */
  common: OptionSpec[];
  footer?: string;
}

/** Options every board verb accepts. */
export const BOARD_OPTIONS: OptionSpec[] = [
  {
    long: "board",
    value: "name",
    description: "board to use (default: $HERMES_KANBAN_BOARD or 'default')",
  },
  { long: "json", description: "print machine-readable JSON on stdout" },
  { long: "debug", description: "print stack traces for unexpected errors" },
];

const k = (name: string, load: () => Promise<CommandModule>, aliases?: string[]): Entry => ({
  name,
  load,
  aliases,
});

/** The `hermes kanban` verbs. */
export const KANBAN: Group = {
  name: "kanban",
  summary: "the task board: create, link, claim, complete and inspect tasks",
  common: BOARD_OPTIONS,
  footer: "Run 'hermes kanban <command> --help' for a command's arguments and options.",
  entries: [
    k("init", () => import("./kanban/init.ts")),
    k("create", () => import("./kanban/create.ts")),
    k("list", () => import("./kanban/list.ts"), ["ls"]),
    k("show", () => import("./kanban/show.ts")),
  ],
};

/** Top-level groups. */
export const GROUPS: Group[] = [KANBAN];

/** Find an entry by name or alias. */
export function findEntry(group: Group, name: string): Entry | undefined {
  return group.entries.find((e) => e.name === name || e.aliases?.includes(name));
}
