/**
 * The module boundaries of lib/ (STYLE.md, "Public and private"): every folder under lib/ has a
 * `mod.ts` that names its public files; a file it does not name is private to the folder and its
 * name starts with `_`; nothing outside a folder imports one of its private files. Tests may reach
 * the private files of the folder they mirror (tests/<area>/ for lib/<area>/).
 */

import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { deepEqual } from "./support/assert.ts";
import {
  folderOf,
  type ImportEdge,
  importsOf,
  isPrivate,
  libFolders,
  mayImportPrivate,
  namedByMod,
  workerEntries,
} from "./support/module_graph.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

Deno.test("module boundaries every lib folder has a mod.ts", async () => {
  const missing: string[] = [];
  for (const folder of await libFolders(ROOT)) {
    try {
      await Deno.stat(join(ROOT, folder, "mod.ts"));
    } catch {
      missing.push(folder);
    }
  }
  deepEqual(missing, []);
});

Deno.test("module boundaries a file its mod.ts does not name is marked private with _", async () => {
  const entries = await workerEntries(ROOT);
  const unmarked: string[] = [];
  for (const folder of await libFolders(ROOT)) {
    const named = await namedByMod(ROOT, folder);
    for await (const e of Deno.readDir(join(ROOT, folder))) {
      if (!e.isFile || !e.name.endsWith(".ts") || e.name === "mod.ts") continue;
      const file = `${folder}/${e.name}`;
      if (!isPrivate(file) && !named.has(file) && !entries.has(file)) unmarked.push(file);
    }
  }
  deepEqual(unmarked, []);
});

Deno.test("module boundaries nothing imports another folder's private file", async () => {
  const edges: ImportEdge[] = await importsOf(ROOT, [
    "lib",
    "commands",
    "ui/src",
    "bench",
    "tests",
  ]);
  edges.push(...await importsOf(ROOT, ["main.ts"]));
  const crossings = edges
    .filter((e) => isPrivate(e.to) && folderOf(e.from) !== folderOf(e.to))
    .filter((e) => !mayImportPrivate(e.from, e.to))
    .map((e) => `${e.from} imports ${e.to}`);
  deepEqual(crossings, []);
});

Deno.test("module boundaries the check sees a crossing when one is written", async () => {
  // The scanner must find a static import, a dynamic import and a Worker URL, so the test above
  // cannot pass by reading nothing.
  const dir = await Deno.makeTempDir({ dir: ROOT, prefix: ".boundary_probe_" });
  try {
    await Deno.mkdir(join(dir, "a"));
    await Deno.writeTextFile(
      join(dir, "a", "x.ts"),
      [
        // Split so this file's own text holds no such specifier.
        'import { y } from "../b/' + '_y.ts";',
        'const z = await import("../b/' + '_z.ts");',
        'new Worker(new URL("../b/' + '_w.ts", import.meta.url).href, { type: "module" });',
        "",
      ].join("\n"),
    );
    const found = (await importsOf(ROOT, [relative(ROOT, dir)]))
      .filter((e) => isPrivate(e.to))
      .map((e) => e.to.slice(relative(ROOT, dir).length + 1))
      .sort();
    deepEqual(found, ["b/_w.ts", "b/_y.ts", "b/_z.ts"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
