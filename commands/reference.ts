/**
 * The README's reference sections, generated from the same tables the program uses
 * (command specs, config keys, environment variables), so the docs cannot drift.
 * `deno task docs` rewrites README.md; tests/readme_test.ts fails when it is stale.
 */

import { ENV_VARS } from "../lib/config/env_vars.ts";
import { KEYS } from "../lib/config/keys.ts";
import type { CommandSpec } from "../lib/cli/spec.ts";
import { GROUPS } from "./registry.ts";

const esc = (s: string) => s.replaceAll("|", "\\|");

function usage(group: string, spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => {
    const label = a.variadic ? `${a.name}...` : a.name;
    return a.required === false ? `[${label}]` : `<${label}>`;
  });
  return [`hermes ${group}`, spec.name, ...args].join(" ");
}

/** Markdown for every command of every group. */
export async function commandsMarkdown(): Promise<string> {
  const out: string[] = [];
  for (const g of GROUPS) {
    out.push(`### hermes ${g.name}`, "", `${g.summary[0].toUpperCase()}${g.summary.slice(1)}.`, "");
    if (g.common.length) {
      out.push(
        `Every \`hermes ${g.name}\` command also takes ${
          g.common.map((o) => `\`--${o.long}\``).join(", ")
        }.`,
        "",
      );
    }
    for (const e of g.entries) {
      const { spec } = await e.load();
      if (spec.hidden) continue;
      const alias = spec.aliases?.length
        ? ` (alias: ${spec.aliases.map((a) => `\`${a}\``).join(", ")})`
        : "";
      const text = spec.description ?? spec.summary;
      out.push(
        `#### \`${usage(g.name, spec)}\`${alias}`,
        "",
        text[0].toUpperCase() + text.slice(1),
        "",
      );
      const opts = (spec.options ?? []).filter((o) => !o.hidden);
      if (opts.length) {
        out.push("| option | meaning |", "|---|---|");
        for (const o of opts) {
          const flag = `${o.short ? `-${o.short}, ` : ""}--${o.long}${
            o.value ? ` <${o.value}>` : ""
          }`;
          const extra = [
            o.repeatable ? "repeatable" : "",
            o.defaultText ? `default: ${o.defaultText}` : "",
          ]
            .filter(Boolean).join("; ");
          out.push(`| \`${flag}\` | ${esc(o.description)}${extra ? ` (${extra})` : ""} |`);
        }
        out.push("");
      }
    }
  }
  return out.join("\n").trimEnd() + "\n";
}

/** Markdown table of every config.yaml key. */
export function keysMarkdown(): string {
  const rows = KEYS.map((k) => {
    const def = JSON.stringify(k.default);
    const env = k.env ? ` Env: \`${k.env}\`.` : "";
    return `| \`${k.name}\` | ${k.type} | \`${def}\` | ${esc(k.doc)}${env} |`;
  });
  return ["| key | type | default | meaning |", "|---|---|---|---|", ...rows].join("\n") + "\n";
}

/** Markdown table of every environment variable. */
export function envMarkdown(): string {
  const who = {
    read: "read by hermes",
    worker: "set for workers",
    hook: "set for the notify command hook",
  };
  const rows = ENV_VARS.map((v) => `| \`${v.name}\` | ${who[v.use]} | ${esc(v.doc)} |`);
  return ["| variable | use | meaning |", "|---|---|---|", ...rows].join("\n") + "\n";
}

/** Replace the text between `<!-- BEGIN GENERATED: name -->` and its END marker. */
export function splice(doc: string, name: string, body: string): string {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md lacks the ${name} markers`);
  return doc.slice(0, i + begin.length) + "\n\n" + body + "\n" + doc.slice(j);
}

/** README text with every generated section refreshed. */
export async function refreshReadme(doc: string): Promise<string> {
  let out = splice(doc, "commands", await commandsMarkdown());
  out = splice(out, "config", keysMarkdown());
  out = splice(out, "env", envMarkdown());
  return out;
}

if (import.meta.main) {
  const path = new URL("../README.md", import.meta.url);
  const doc = await Deno.readTextFile(path);
  const next = await refreshReadme(doc);
  if (next !== doc) await Deno.writeTextFile(path, next);
  console.log(next === doc ? "README.md is up to date" : "README.md updated");
}
