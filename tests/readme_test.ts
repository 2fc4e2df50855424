import { equal, ok } from "./support/assert.ts";
import { GENERATED_DOCS, refreshDoc } from "../commands/reference.ts";
import { ENV_VARS, OTHER_HERMES_ENV } from "../lib/config/env_vars.ts";

const ROOT = new URL("../", import.meta.url);

for (const doc of GENERATED_DOCS) {
  Deno.test(`${doc.path}: generated sections match the code (run 'deno task docs')`, async () => {
    const text = await Deno.readTextFile(new URL(doc.path, ROOT));
    equal(await refreshDoc(doc, text), text);
  });
}

Deno.test("README shows exactly the two set-up commands", async () => {
  const doc = await Deno.readTextFile(new URL("README.md", ROOT));
  ok(doc.includes("npx -y deno@2.9.6 task start"));
  ok(doc.includes("npx -y deno@2.9.6 task test"));
});

async function* sources(dir: URL): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const u = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory) yield* sources(u);
    else if (e.name.endsWith(".ts")) yield await Deno.readTextFile(u);
  }
}

Deno.test("every HERMES_ environment variable the code uses is documented", async () => {
  // Hermes's variables this program does not read are documented beside the ones it does.
  const known = new Set([
    ...ENV_VARS.map((v) => v.name),
    ...OTHER_HERMES_ENV.flatMap((v) => v.name.split(", ")),
  ]);
  const used = new Set<string>();
  for (const dir of ["lib/", "commands/"]) {
    for await (const text of sources(new URL(dir, ROOT))) {
      for (const m of text.matchAll(/["'`](HERMES_[A-Z_]+)["'`]/g)) used.add(m[1]);
      for (const m of text.matchAll(/\b(HERMES_[A-Z_]+):/g)) used.add(m[1]);
    }
  }
  const missing = [...used].filter((v) => !known.has(v)).sort();
  equal(missing.join(", "), "", "add these to lib/config/env_vars.ts");
});
