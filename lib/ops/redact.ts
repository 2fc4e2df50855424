/**
 * The redaction rule: secrets are masked in what agents send to the board and in what the board
 * hands back to them (the MCP tools' payloads). Agents are not trusted, and what they write is
 * shown on the dashboard, sent to chats and read by other agents; a token pasted into a summary
 * or a task body must not travel further. Masked: the literal secrets given (the dashboard and
 * metrics tokens), private key blocks, API keys and tokens with a well-known prefix, credentials
 * in Authorization and API-key headers, `NAME=value` assignments and JSON fields whose name says
 * secret, passwords in URLs, and secret-named query parameters.
 */

/** What a masked secret is replaced by. */
export const REDACTED = "[REDACTED]";

/** Token shapes with a vendor prefix (the prefix is kept, the rest masked). */
const PREFIXED = new RegExp(
  "\\b(" + [
    "sk-ant-[A-Za-z0-9_-]{10,}", // Anthropic
    "sk-(?:proj-)?[A-Za-z0-9_-]{16,}", // OpenAI, OpenRouter and the like
    "sk_(?:live|test)_[A-Za-z0-9]{10,}", // Stripe
    "rk_live_[A-Za-z0-9]{10,}",
    "gh[pousr]_[A-Za-z0-9]{20,}", // GitHub tokens
    "github_pat_[A-Za-z0-9_]{20,}",
    "glpat-[A-Za-z0-9_-]{20,}", // GitLab
    "xox[abprs]-[A-Za-z0-9-]{10,}", // Slack
    "xapp-\\d+-[A-Za-z0-9-]{10,}",
    "AIza[A-Za-z0-9_-]{30,}", // Google
    "AKIA[0-9A-Z]{16}", // AWS access key id
    "hf_[A-Za-z0-9]{20,}", // Hugging Face
    "npm_[A-Za-z0-9]{30,}",
    "pypi-[A-Za-z0-9_-]{30,}",
    "SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}", // SendGrid
    "gsk_[A-Za-z0-9]{20,}", // Groq
    "xai-[A-Za-z0-9]{30,}",
    "r8_[A-Za-z0-9]{20,}", // Replicate
    "dop_v1_[a-f0-9]{40,}", // DigitalOcean
    "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", // JWT
  ].join("|") + ")",
  "g",
);

const PRIVATE_KEY =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;

/** `Authorization: Bearer <x>` (any scheme, or none); the scheme word is kept. */
const AUTH_HEADER =
  /\b((?:proxy-)?authorization\s*:\s*)((?:bearer|basic|token|digest)\s+)?([^\s"',;]+)/gi;

/** Single-value API-key headers. */
const KEY_HEADER =
  /\b((?:x-api-key|x-goog-api-key|api-key|x-auth-token|x-access-token)\s*:\s*)([^\s"',;]+)/gi;

/** Words that make a name a secret's name. */
const SECRET_NAME = "(?:api[_-]?key|apikey|token|secret|passw(?:or)?d|credential|private[_-]?key)";

/** `NAME=value` with an upper-case NAME that says secret (env files, shell), anywhere. */
const ENV_ASSIGNMENT = new RegExp(
  `\\b([A-Z0-9_]*${SECRET_NAME.toUpperCase()}[A-Z0-9_]*)(\\s*=\\s*)("[^"\\n]*"|'[^'\\n]*'|[^\\s"']+)`,
  "g",
);

/** `name: value` or `name=value` opening a line, where name says secret (YAML, .env, configs). */
const LINE_ASSIGNMENT = new RegExp(
  `^([ \\t]*(?:export[ \\t]+)?[A-Za-z0-9_.-]*${SECRET_NAME}[A-Za-z0-9_.-]*)([ \\t]*[=:][ \\t]*)("[^"\\n]*"|'[^'\\n]*'|[^\\s"']+)`,
  "gim",
);

/** A value that is not a secret: a number (MAX_TOKENS=4096), a variable, or masked already. */
function notSecret(value: string): boolean {
  return /^[\d.,_]+$/.test(value) || value.startsWith("$") || value.startsWith(REDACTED);
}

/** `"name": "value"` in JSON where the name says secret. */
const JSON_FIELD = new RegExp(
  `("[A-Za-z0-9_.-]*${SECRET_NAME}[A-Za-z0-9_.-]*"\\s*:\\s*")([^"]+)(")`,
  "gi",
);

/** `scheme://user:password@host`: the password. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi;

/** `?token=…` and friends in URLs. */
const QUERY_SECRET =
  /([?&](?:access_token|refresh_token|id_token|token|api_key|apikey|key|secret|password|signature)=)([^&#\s"']+)/gi;

/** A name-value match with its value masked, unless the value is no secret. */
function assignment(m: string, name: string, sep: string, value: string): string {
  const quoted = /^["']/.test(value);
  const bare = quoted ? value.slice(1, -1) : value;
  if (bare === "" || notSecret(bare)) return m;
  return quoted ? `${name}${sep}${value[0]}${REDACTED}${value[0]}` : `${name}${sep}${REDACTED}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text` with every secret masked. `literals` are exact secrets known to the caller (tokens of
 * this installation); shorter than 8 characters they are ignored (too likely to be words).
 */
export function redactText(text: string, literals: readonly string[] = []): string {
  let s = text;
  for (const lit of literals) {
    if (lit.length >= 8) s = s.replace(new RegExp(escapeRegExp(lit), "g"), REDACTED);
  }
  return s
    .replace(PRIVATE_KEY, REDACTED)
    .replace(
      AUTH_HEADER,
      (_, name: string, scheme: string | undefined) => `${name}${scheme ?? ""}${REDACTED}`,
    )
    .replace(KEY_HEADER, (_, name: string) => `${name}${REDACTED}`)
    .replace(
      JSON_FIELD,
      (m: string, head: string, v: string, tail: string) =>
        notSecret(v) ? m : `${head}${REDACTED}${tail}`,
    )
    .replace(URL_PASSWORD, (_, head: string, _p: string, at: string) => `${head}${REDACTED}${at}`)
    .replace(QUERY_SECRET, (_, head: string) => `${head}${REDACTED}`)
    .replace(ENV_ASSIGNMENT, assignment)
    .replace(LINE_ASSIGNMENT, assignment)
    .replace(PREFIXED, (tok: string) => tok.slice(0, 4) + REDACTED);
}

/** The last word of a key names a secret (`api_key`, `password`, `githubToken`; not `tokens_used`). */
const SECRET_KEY =
  /(^|[_.-])(api_?key|apikey|token|secret(_?key)?|passw(or)?d|credentials?|private_?key|access_?key)$/;

/** True when an object key names a secret (camelCase is read as words). */
function secretKey(k: string): boolean {
  return SECRET_KEY.test(k.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase());
}

/**
 * `v` with every string in it passed through redactText, and the string value of a key that
 * names a secret masked whole.
 */
export function redactValue<T>(v: T, literals: readonly string[] = []): T {
  if (typeof v === "string") return redactText(v, literals) as T;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, literals)) as T;
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k,
        typeof x === "string" && secretKey(k) && !notSecret(x)
          ? REDACTED
          : redactValue(x, literals),
      ]),
    ) as T;
  }
  return v;
}
