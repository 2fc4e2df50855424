/** `html` tagged templates (htm) bound to Preact: JSX-like markup without a build step. */
import { h, type VNode } from "preact";
import htmModule from "htm";

// deno-lint-ignore no-explicit-any
type Any = any;
type Htm = {
  bind<R>(h: (type: Any, props: Any, ...children: Any[]) => R): (
    strings: TemplateStringsArray,
    ...values: unknown[]
  ) => R;
};

/** Tagged template producing Preact vnodes; interpolated text is always escaped. */
export const html: (strings: TemplateStringsArray, ...values: unknown[]) => VNode<Any> =
  (htmModule as unknown as Htm).bind(h);
