/** Errors from the library, shown the way it reports them: what, where, and its stable code. */
import { formatPath, say, TieuchiError } from "tieuchi";
import { h } from "../dom.js";
import { lang } from "../i18n.js";

/** A readable block for any thrown value. */
export function errorView(err: unknown, heading?: string): HTMLElement {
  if (err instanceof TieuchiError) {
    // What happened, from the catalogue in the page's language; the problems are listed apart.
    const l = lang();
    const first = say(err.detail, l);
    return h(
      "div",
      { class: "error", role: "alert", "data-test": "error", "data-code": err.code },
      heading ? h("strong", null, heading) : null,
      h("p", null, first, " ", h("code", null, err.code)),
      err.problems.length > 0
        ? h(
            "ul",
            { class: "problems" },
            err.problems.map((p) => h("li", null, h("code", null, formatPath(p.path, l)), ": ", say(p, l), " ", h("span", { class: "muted" }, `[${p.code}]`))),
          )
        : null,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return h("div", { class: "error", role: "alert", "data-test": "error" }, heading ? h("strong", null, heading) : null, h("p", null, message));
}
