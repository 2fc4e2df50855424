/** Help text, rendered by commander from the same CommandSpec tables the parser uses. */

import type { CommandSpec } from "./spec.ts";

/** A listing entry for group help. */
export interface HelpEntry {
  spec: Pick<CommandSpec, "name" | "summary" | "aliases" | "hidden" | "args">;
}

/** Render help for one command (`hermes kanban create --help`). */
export async function commandHelp(path: string, spec: CommandSpec): Promise<string> {
  // commander is loaded only here: importing it costs ~25 ms of Node-compat start-up,
  // which the hot verbs (create, list) must not pay.
  const { Command, Option } = await import("commander");
  const cmd = new Command(path);
  cmd.helpOption("-h, --help", "show this help");
  cmd.description(spec.description ?? spec.summary);
  if (spec.aliases?.length) cmd.aliases(spec.aliases);
  for (const a of spec.args ?? []) {
    const label = a.variadic ? `${a.name}...` : a.name;
    cmd.argument(a.required === false ? `[${label}]` : `<${label}>`, a.description);
  }
  for (const o of spec.options ?? []) {
    const flags = `${o.short ? `-${o.short}, ` : ""}--${o.long}${o.value ? ` <${o.value}>` : ""}`;
    let desc = o.repeatable ? `${o.description} (repeatable)` : o.description;
    if (o.defaultText) desc += ` (default: ${o.defaultText})`;
    const opt = new Option(flags, desc);
    if (o.hidden) opt.hideHelp();
    cmd.addOption(opt);
  }
  let text = cmd.helpInformation();
  if (spec.examples?.length) {
    text += "\nExamples:\n" + spec.examples.map((e) => `  ${e}`).join("\n") + "\n";
  }
  return text;
}

/** Render help for a group (`hermes kanban --help`). */
export async function groupHelp(
  path: string,
  summary: string,
  entries: readonly HelpEntry[],
  footer?: string,
): Promise<string> {
  const { Command } = await import("commander");
  const cmd = new Command(path);
  cmd.helpOption("-h, --help", "show this help");
  cmd.description(summary);
  cmd.usage("<command> [options]");
  for (const { spec } of entries) {
    if (spec.hidden) continue;
    const sub = new Command(spec.name).description(spec.summary);
    if (spec.aliases?.length) sub.aliases(spec.aliases);
    for (const a of spec.args ?? []) {
      const label = a.variadic ? `${a.name}...` : a.name;
      sub.argument(a.required === false ? `[${label}]` : `<${label}>`);
    }
    cmd.addCommand(sub);
  }
  let text = cmd.helpInformation();
  if (footer) text += "\n" + footer + "\n";
  return text;
}
