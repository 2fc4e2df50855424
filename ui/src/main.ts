/// <reference lib="dom" />
/** Entry of the web board's bundle (`deno task build:ui` writes ui/dist/app.js from it). */
import { render } from "preact";
import { App } from "./app.ts";
import { html } from "./html.ts";

render(html`<${App} />`, document.getElementById("app")!);
