import { equal, throws } from "../support/assert.ts";
import { isWhen, parseWhen } from "../../lib/board/mod.ts";

const NOW = 1_780_000_000;

Deno.test("parseWhen reads Hermes's duration forms as seconds from now", () => {
  for (
    const [raw, seconds] of [
      ["90s", 90],
      ["10m", 600],
      ["+10m", 600],
      ["2h", 7200],
      ["1.5h", 5400],
      ["1d", 86_400],
      ["2H", 7200],
      ["45", 45],
      ["+45", 45],
    ] as const
  ) equal(parseWhen(raw, NOW) - NOW, seconds, raw);
});

Deno.test("parseWhen reads ISO times: with a zone as given, without one as local time", () => {
  equal(parseWhen("2026-06-01T09:00:00Z", NOW), Date.UTC(2026, 5, 1, 9) / 1000);
  equal(parseWhen("2026-06-01T09:00+02:00", NOW), Date.UTC(2026, 5, 1, 7) / 1000);
  equal(parseWhen("2026-06-01 09:00:30-0130", NOW), Date.UTC(2026, 5, 1, 10, 30, 30) / 1000);
  equal(parseWhen("2026-06-01T09:00", NOW), new Date(2026, 5, 1, 9).getTime() / 1000);
  equal(parseWhen("2026-06-01", NOW), new Date(2026, 5, 1).getTime() / 1000, "local midnight");
});

Deno.test("parseWhen refuses what is no time, no date, or absurdly far", () => {
  for (
    const raw of ["soon", "10y", "-5m", "2026-02-30", "2026-13-01", "2026-06-01T25:00", "99999d"]
  ) {
    throws(() => parseWhen(raw, NOW), /: invalid time '/, raw);
  }
});

Deno.test("isWhen takes a word for a time only with a unit, a + or a date", () => {
  for (const w of ["2h", "+90", "1.5d", "2026-06-01", "2026-06-01T09:00Z"]) {
    equal(isWhen(w), true, w);
  }
  for (const w of ["3", "reviewers", "t_1a2b3c4d", "h2", ""]) equal(isWhen(w), false, w);
});
