/** Errors from the library, shown the way it reports them: what, where, and its stable code. */
import { formatPath, TieuchiError } from "tieuchi";
import { h } from "../dom.js";

/** A readable block for any thrown value. */
export function errorView(err: unknown, heading?: string): HTMLElement {
  if (err instanceof TieuchiError) {
    // With its problems listed apart, the message's first line says enough; without, all of it is shown.
    const first = err.problems.length > 0 ? err.message.split("\n")[0]! : err.message;
    return h(
      "div",
      { class: "error", role: "alert", "data-test": "error", "data-code": err.code },
      heading ? h("strong", null, heading) : null,
      h("p", null, first, " ", h("code", null, err.code)),
      err.problems.length > 0
        ? h("ul", { class: "problems" }, err.problems.map((p) => h("li", null, h("code", null, formatPath(p.path)), ": ", p.message, " ", h("span", { class: "muted" }, `[${p.code}]`))))
        : null,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return h("div", { class: "error", role: "alert", "data-test": "error" }, heading ? h("strong", null, heading) : null, h("p", null, message));
}
