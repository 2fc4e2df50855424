/**
 * The assertions every test uses. Deno's `node:assert/strict` exports the loose `equal`,
 * `deepEqual` and `notEqual` (`equal(undefined, null)` and `deepEqual({a: 1}, {a: "1"})`
 * pass there), so tests import these names from here, where each is the strict form.
 * tests/support/assert_test.ts fails when a test imports `node:assert/strict` again.
 */

export {
  deepStrictEqual as deepEqual,
  doesNotMatch,
  fail,
  match,
  notStrictEqual as notEqual,
  ok,
  rejects,
  strictEqual as equal,
  throws,
} from "node:assert";
