/**
 * The docs' reference sections, generated from the same tables the program uses (command specs,
 * config keys, environment variables, the worker's environment, the metrics), so the docs cannot
 * drift. `deno task docs` rewrites them; tests/readme_test.ts fails when one is stale.
 */

import { ENV_VARS, OTHER_HERMES_ENV } from "../lib/config/env_vars.ts";
import { KEYS, OTHER_HERMES_KEYS } from "../lib/config/keys.ts";
import type { CommandSpec } from "../lib/cli/spec.ts";
import { METRICS } from "../lib/server/metrics.ts";
import {
  DEFAULT_PATH,
  INHERITED_ENV,
  WORKER_TERM,
  WORKER_VARS,
} from "../lib/workers/worker_env.ts";
import { GROUPS } from "./registry.ts";
import { DEFAULT_DENY } from "../lib/workers/sandbox.ts";
import denoJson from "../deno.json" with { type: "json" };

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
    const hermes = [...(k.hermesKeys ?? []), ...(k.hermesEnv ? [k.hermesEnv] : [])];
    const alias = hermes.length ? ` Hermes: ${hermes.map((h) => `\`${h}\``).join(", ")}.` : "";
    return `| \`${k.name}\` | ${k.type} | \`${def}\` | ${esc(k.doc)}${env}${alias} |`;
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

/**
 * Hermes v0.18's configuration keys and environment variables beside ours: which of ours each
 * one sets, and what happens to those that set nothing here.
 */
export function hermesNamesMarkdown(): string {
  const code = (v: string) => v.split(", ").map((x) => `\`${x}\``).join(", ");
  const rows: string[] = [];
  for (const k of KEYS) {
    for (const h of k.hermesKeys ?? []) {
      rows.push(
        `| ${code(h)} | config.yaml | ${code(k.name)} | read when ${code(k.name)} is not set${
          k.hermesKeys!.length > 1 ? " (when several are set, the smallest)" : ""
        }; a value ours would refuse is ignored with a warning |`,
      );
    }
  }
  for (const h of OTHER_HERMES_KEYS) {
    const same = h.here.startsWith("the same key");
    rows.push(`| ${code(h.name)} | config.yaml | ${same ? code(h.name) : "—"} | ${esc(h.here)} |`);
  }
  for (const v of ENV_VARS) {
    if (v.hermesFor) {
      rows.push(`| ${code(v.name)} | environment | ${v.hermesFor} | ${esc(v.doc)} |`);
    }
  }
  for (const v of OTHER_HERMES_ENV) {
    rows.push(`| ${code(v.name)} | environment | — | ${esc(v.here)} |`);
  }
  return [
    "| Hermes name | where | ours | how |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n") + "\n";
}

/** The numbered list of what a worker's environment is made of, in the order it is built. */
export function workerEnvMarkdown(): string {
  const code = (v: string) => `\`${v}\``;
  const rows = WORKER_VARS.map((v) => `| ${code(v.name)} | ${esc(v.value)} |`);
  return [
    `1. from the dispatcher's environment, when set there: ${
      INHERITED_ENV.map(code).join(", ")
    } (\`PATH\` defaults to ${code(DEFAULT_PATH)});`,
    `2. ${code(`TERM=${WORKER_TERM}`)};`,
    "3. the profile's `env` (which may override the above);",
    "4. set last, so nothing overrides them (a profile that configures one is refused):",
    "",
    "| variable | value |",
    "|---|---|",
    ...rows,
  ].join("\n") + "\n";
}

/** Markdown table of every metric on the `/metrics` page. */
export function metricsMarkdown(): string {
  const rows = Object.values(METRICS).map((m) => {
    const labels = m.labels.length ? `{${m.labels.join(",")}}` : "";
    const when = "when" in m ? m.when : "always";
    return `| \`${m.name}${labels}\` | ${m.type} | ${when} | ${esc(m.help)} |`;
  });
  return ["| metric | type | shown | meaning |", "|---|---|---|---|", ...rows].join("\n") + "\n";
}

/** deno.json's `default` permission set written as the deno flags it amounts to, plus --no-prompt. */
export function releaseFlags(): string[] {
  const set = denoJson.permissions.default as Record<string, unknown>;
  const out: string[] = [];
  for (const [kind, v] of Object.entries(set)) {
    if (v === true) out.push(`--allow-${kind}`);
    else if (Array.isArray(v)) out.push(`--allow-${kind}=${v.join(",")}`);
    else if (v && typeof v === "object") {
      const o = v as { allow?: boolean | string[]; ignore?: boolean | string[] };
      if (o.allow === true) out.push(`--allow-${kind}`);
      else if (Array.isArray(o.allow)) out.push(`--allow-${kind}=${o.allow.join(",")}`);
      if (o.ignore === true) out.push(`--ignore-${kind}`);
    }
  }
  return [...out, "--no-prompt"];
}

/** The release set as a code block of flags, a few to a line. */
export function releaseSetMarkdown(): string {
  const flags = releaseFlags();
  const lines: string[] = [];
  let line = "";
  for (const f of flags) {
    if (line && line.length + f.length + 1 > 100) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${f}` : f;
  }
  if (line) lines.push(line);
  return ["```", ...lines, "```"].join("\n") + "\n";
}

/** Which verbs keep `run`, `net` or neither (each verb's `needs`; the rest is revoked at start). */
export async function verbReachMarkdown(): Promise<string> {
  const rows = new Map<string, string[]>();
  for (const g of GROUPS) {
    for (const e of g.entries) {
      const { spec } = await e.load();
      const keeps = spec.needs.length ? spec.needs.map((n) => `\`${n}\``).join(" and ") : "neither";
      rows.set(keeps, [...(rows.get(keeps) ?? []), `\`${g.name} ${spec.name}\``]);
    }
  }
  // Most kept first: both, then one, then neither.
  const rank = (k: string) => k === "neither" ? 0 : k.split(" and ").length;
  const order = [...rows.keys()].sort((a, b) => rank(b) - rank(a) || a.localeCompare(b));
  return [
    "| keeps | verbs |",
    "|---|---|",
    ...order.map((k) => `| ${k} | ${rows.get(k)!.join(", ")} |`),
  ].join("\n") + "\n";
}

/** The paths no confined worker may read, besides HERMES_HOME and `sandbox.deny`. */
export function denyListMarkdown(): string {
  return DEFAULT_DENY.map((p) => `\`${p}\``).join(", ") + "\n";
}

/** Replace the text between `<!-- BEGIN GENERATED: name -->` and its END marker. */
export function splice(doc: string, name: string, body: string, file = "README.md"): string {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file} lacks the ${name} markers`);
  return doc.slice(0, i + begin.length) + "\n\n" + body + "\n" + doc.slice(j);
}

/** A file with generated sections: its path from the repository root and how to make each. */
export interface GeneratedDoc {
  path: string;
  sections: Record<string, () => string | Promise<string>>;
  /** Run through `deno fmt` afterwards, as `deno task check` wants (README.md is left as made). */
  format: boolean;
}

/** Every file with generated sections. */
export const GENERATED_DOCS: readonly GeneratedDoc[] = [
  {
    path: "README.md",
    sections: { commands: commandsMarkdown, config: keysMarkdown, env: envMarkdown },
    format: false,
  },
  {
    path: "docs/reference/workers.md",
    sections: { "worker-env": workerEnvMarkdown },
    format: true,
  },
  { path: "docs/reference/dashboard.md", sections: { metrics: metricsMarkdown }, format: true },
  {
    path: "docs/reference/permissions.md",
    sections: {
      "release-set": releaseSetMarkdown,
      "verb-reach": verbReachMarkdown,
      "deny-list": denyListMarkdown,
    },
    format: true,
  },
  {
    path: "docs/reference/kanban.md",
    sections: { "hermes-names": hermesNamesMarkdown },
    format: true,
  },
];

const ROOT = new URL("../", import.meta.url);

/** Markdown as `deno fmt` (with this repository's settings) writes it. */
async function formatMarkdown(text: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=md", "-"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error(`deno fmt: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

/** `doc`'s text with every generated section refreshed. */
export async function refreshDoc(doc: GeneratedDoc, text: string): Promise<string> {
  let out = text;
  for (const [name, make] of Object.entries(doc.sections)) {
    out = splice(out, name, await make(), doc.path);
  }
  return doc.format ? await formatMarkdown(out) : out;
}

if (import.meta.main) {
  for (const doc of GENERATED_DOCS) {
    const path = new URL(doc.path, ROOT);
    const text = await Deno.readTextFile(path);
    const next = await refreshDoc(doc, text);
    if (next !== text) await Deno.writeTextFile(path, next);
    console.log(`${doc.path} ${next === text ? "is up to date" : "updated"}`);
  }
}
