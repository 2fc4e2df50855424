/**
 * The web board's files, compiled into the program: the page shell (no data in it), the
 * bundled app and its stylesheet. Served from this fixed table, so no request path ever
 * reaches the file system.
 */

import appJs from "../../ui/dist/app.js" with { type: "text" };
import appCss from "../../ui/src/styles.css" with { type: "text" };
import { BASE_HEADERS, fnv } from "./responses.ts";

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
  `<rect width="32" height="32" rx="8" fill="#4f46e5"/>` +
  `<rect x="7" y="8" width="5" height="16" rx="2" fill="#fff"/>` +
  `<rect x="14" y="8" width="5" height="10" rx="2" fill="#c7d2fe"/>` +
  `<rect x="21" y="8" width="5" height="13" rx="2" fill="#fff"/></svg>`;

/** A served file. */
interface Asset {
  body: string;
  type: string;
  immutable: boolean;
}

const JS_PATH = `/assets/app.${fnv(appJs)}.js`;
const CSS_PATH = `/assets/app.${fnv(appCss)}.css`;

/** Content-Security-Policy of the page: only our own script and styles, no framing. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The page shell: it loads the app, which fetches everything else with the token cookie. */
export const SHELL_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>hermes · board</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${CSS_PATH}">
</head>
<body>
<div id="app"><noscript>The hermes board needs JavaScript.</noscript></div>
<script type="module" src="${JS_PATH}"></script>
</body>
</html>
`;

const ASSETS = new Map<string, Asset>([
  [JS_PATH, { body: appJs, type: "text/javascript; charset=utf-8", immutable: true }],
  [CSS_PATH, { body: appCss, type: "text/css; charset=utf-8", immutable: true }],
  ["/favicon.svg", { body: FAVICON, type: "image/svg+xml", immutable: false }],
]);

/** Every static asset path. */
export const ASSET_PATHS: readonly string[] = [...ASSETS.keys()];

/** The response for a static asset path, or null when there is no such asset. */
export function assetResponse(path: string): Response | null {
  const a = ASSETS.get(path);
  if (!a) return null;
  return new Response(a.body, {
    headers: {
      ...BASE_HEADERS,
      "content-type": a.type,
      "cache-control": a.immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    },
  });
}

/** The page shell response. */
export function shellResponse(extra: Record<string, string> = {}): Response {
  return new Response(SHELL_HTML, {
    headers: {
      ...BASE_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": PAGE_CSP,
      ...extra,
    },
  });
}
