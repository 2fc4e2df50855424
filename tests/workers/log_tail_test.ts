import { deepEqual, equal } from "../support/assert.ts";
import { decodeTail, outputTail, readTail } from "../../lib/workers/mod.ts";
import { tempHome } from "../support/home.ts";

Deno.test("readTail keeps whole characters when the tail starts inside one", async () => {
  await using home = await tempHome();
  const path = `${home.path}/run.log`;
  // "a" then three 4-byte characters: a tail of 4n-1 bytes starts on a continuation byte.
  await Deno.writeTextFile(path, "a😀😀😀");
  for (
    const [bytes, text] of [[11, "😀😀"], [10, "😀😀"], [9, "😀😀"], [8, "😀😀"], [13, "a😀😀😀"]]
  ) {
    deepEqual(readTail(path, bytes as number)?.text, text, `tail of ${bytes} bytes`);
  }
  deepEqual(readTail(path, 12), { text: "😀😀😀", size: 13, truncated: true });
  equal(readTail(`${home.path}/missing.log`, 10), null);
  equal(outputTail(path, 2), "😀😀");
});

Deno.test("decodeTail leaves an uncut text alone, even one that starts with a stray byte", () => {
  const bytes = new Uint8Array([0x80, 0x41]);
  equal(decodeTail(bytes, false), "\uFFFDA", "a broken byte the output itself had is shown");
  equal(decodeTail(bytes, true), "A");
});
