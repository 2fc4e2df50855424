/** The redaction rule: what it masks, what it keeps (so prose and numbers survive). */

import { deepEqual, equal } from "../support/assert.ts";
import { REDACTED, redactText, redactValue } from "../../lib/ops/redact.ts";

const R = REDACTED;

Deno.test("redact masks keys, tokens, credentials and the literal secrets given", () => {
  const cases: [string, string][] = [
    ["use sk-ant-api03-abcdefghijklmnopqrstuvwxyz now", `use sk-a${R} now`],
    ["ghp_0123456789abcdefghijABCDEFGHIJ0123 and AKIAABCDEFGHIJKLMNOP", `ghp_${R} and AKIA${R}`],
    ["OPENAI_API_KEY=sk-proj-1234567890abcdefghij", `OPENAI_API_KEY=${R}`],
    ['export GITHUB_TOKEN="abc def"', `export GITHUB_TOKEN="${R}"`],
    ["password: hunter2\nnote: keep", `password: ${R}\nnote: keep`],
    [
      'curl -H "Authorization: Bearer abc.def" -H "x-api-key: zzzz"',
      `curl -H "Authorization: Bearer ${R}" -H "x-api-key: ${R}"`,
    ],
    [
      '{"api_key": "AIzaSy-secret-value", "max_tokens": 100}',
      `{"api_key": "${R}", "max_tokens": 100}`,
    ],
    ["postgres://bob:s3cr3t@db:5432/x", `postgres://bob:${R}@db:5432/x`],
    ["https://h/?token=XYZXYZ&page=2", `https://h/?token=${R}&page=2`],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", R],
    ["the board token Q2xhdWRlIGlzIGF3ZXNvbWU here", `the board token ${R} here`],
  ];
  for (const [input, want] of cases) {
    equal(redactText(input, ["Q2xhdWRlIGlzIGF3ZXNvbWU"]), want, input);
  }
});

Deno.test("redact keeps prose, numbers and references to variables", () => {
  for (
    const s of [
      "Error: token expired, retry",
      "MAX_TOKENS=4096 and token_count: 5",
      "note: secret meeting at 5",
      "export GITHUB_TOKEN=$GH_TOKEN",
      "see t_1a2b3c4d and https://example.com/docs?page=2",
      "the skeleton key is in the drawer",
    ]
  ) equal(redactText(s), s, s);
  equal(redactText("short literal", ["abc"]), "short literal", "literals under 8 chars ignored");
});

Deno.test("redact walks values: strings anywhere, and a secret-named key's string whole", () => {
  deepEqual(
    redactValue({
      api_key: "k-999999",
      githubToken: "abc-def-ghi",
      tokens_used: "12k",
      password: "1234",
      nested: [{ note: "GH: ghp_0123456789abcdefghijABCDEFGHIJ", n: 3 }],
      ok: true,
    }),
    {
      api_key: R,
      githubToken: R,
      tokens_used: "12k",
      password: "1234",
      nested: [{ note: `GH: ghp_${R}`, n: 3 }],
      ok: true,
    },
  );
});
