/**
 * Reads the repository's import graph from the source text, for the module boundary test: which
 * file imports which (static and dynamic imports, re-exports, Worker URLs), which files a folder's
 * mod.ts names, and which files are private (`_` prefix).
 */

import { dirname, join, normalize } from "node:path";

/** One import: repository-relative paths of the importer and the imported file. */
export interface ImportEdge {
  from: string;
  to: string;
}

// A relative .ts specifier after `from`, `import(`, a bare `import`, or `new URL(`.
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew\s+URL\s*\(\s*)["'](\.{1,2}\/[^"']+\.tsx?)["']/g;

async function* tsFiles(root: string, rel: string): AsyncGenerator<string> {
  const full = join(root, rel);
  const info = await Deno.stat(full);
  if (info.isFile) {
    if (/\.tsx?$/.test(rel)) yield normalize(rel);
    return;
  }
  for await (const e of Deno.readDir(full)) {
    if (e.name === "node_modules" || e.name === "dist") continue;
    yield* tsFiles(root, join(rel, e.name));
  }
}

/** The relative .ts specifiers written in `source`. */
export function specifiersIn(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]);
}

/** Every import edge out of the .ts files under `paths` (files or folders, relative to root). */
export async function importsOf(root: string, paths: string[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const p of paths) {
    for await (const file of tsFiles(root, p)) {
      const source = await Deno.readTextFile(join(root, file));
      for (const spec of specifiersIn(source)) {
        edges.push({ from: file, to: normalize(join(dirname(file), spec)) });
      }
    }
  }
  return edges;
}

/** The folders under lib/ that hold .ts files, relative to root. */
export async function libFolders(root: string): Promise<string[]> {
  const folders = new Set<string>();
  for await (const file of tsFiles(root, "lib")) {
    const dir = dirname(file);
    if (dir !== "lib") folders.add(dir);
  }
  return [...folders].sort();
}

/** The files `folder/mod.ts` names (re-exports, imports, URLs), relative to root. */
export async function namedByMod(root: string, folder: string): Promise<Set<string>> {
  let source: string;
  try {
    source = await Deno.readTextFile(join(root, folder, "mod.ts"));
  } catch {
    return new Set();
  }
  return new Set(specifiersIn(source).map((s) => normalize(join(folder, s))));
}

/** Worker entry files the build names in deno.json (loaded by URL, public by construction). */
export async function workerEntries(root: string): Promise<Set<string>> {
  const text = await Deno.readTextFile(join(root, "deno.json"));
  return new Set([...text.matchAll(/--include (lib\/[^\s"]+\.ts)/g)].map((m) => normalize(m[1])));
}

/** True for a file private to its folder (its name starts with `_`). */
export function isPrivate(file: string): boolean {
  return file.split("/").at(-1)!.startsWith("_");
}

/** The folder a file belongs to. */
export function folderOf(file: string): string {
  return dirname(file);
}

/** True when a test under tests/<area>/ reaches a private file of the lib/<area> it mirrors. */
export function mayImportPrivate(from: string, to: string): boolean {
  const [top, area] = from.split("/");
  return top === "tests" && to.startsWith(`lib/${area}/`);
}
