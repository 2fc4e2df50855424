import { deepEqual, equal, notEqual, throws } from "./assert.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Every .ts file under a directory, recursively. */
function* tsFiles(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* tsFiles(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

Deno.test("assertions are strict: null is not undefined, 1 is not '1'", () => {
  throws(() => equal(undefined as unknown, null));
  throws(() => equal(1 as unknown, "1"));
  throws(() => deepEqual({ a: 1 } as unknown, { a: "1" }));
  throws(() => deepEqual([undefined] as unknown, [null]));
  throws(() => notEqual(1 as unknown, 1));
  notEqual(1 as unknown, "1");
});

Deno.test("tests and benches import assertions only from tests/support/assert.ts", () => {
  const offenders: string[] = [];
  for (const dir of ["tests", "bench"]) {
    for (const p of tsFiles(`${ROOT}${dir}`)) {
      if (p.endsWith("tests/support/assert.ts")) continue;
      if (/from\s+["']node:assert(\/strict)?["']/.test(Deno.readTextFileSync(p))) {
        offenders.push(p.slice(ROOT.length));
      }
    }
  }
  deepEqual(offenders, []);
});
