import { deepEqual, equal, throws } from "../support/assert.ts";
import { writePrivateAtomic } from "../../lib/config/mod.ts";
import { tempHome } from "../support/home.ts";

Deno.test("writePrivateAtomic replaces a file with mode 0600, whatever a leftover temp file had", async () => {
  await using home = await tempHome();
  const path = `${home.path}/state.json`;
  Deno.writeTextFileSync(path, "old", { mode: 0o644 });
  Deno.writeTextFileSync(`${path}.tmp-${Deno.pid}`, "stale leftover", { mode: 0o666 });
  writePrivateAtomic(path, "new");
  equal(Deno.readTextFileSync(path), "new");
  equal(Deno.statSync(path).mode! & 0o777, 0o600);
  deepEqual([...Deno.readDirSync(home.path)].map((e) => e.name).sort(), ["state.json"]);
});

Deno.test("writePrivateAtomic leaves the target and no temp file behind when it fails", async () => {
  await using home = await tempHome();
  const path = `${home.path}/taken`;
  Deno.mkdirSync(path);
  throws(() => writePrivateAtomic(path, "x"));
  equal(Deno.statSync(path).isDirectory, true);
  deepEqual([...Deno.readDirSync(home.path)].map((e) => e.name), ["taken"]);
});
