/** Pieces several pages share. */
import type { LoadedSet, Note } from "tieuchi";
import { find, type Entry, inForceOn, today, versionName } from "../catalogue.js";
import { h } from "../dom.js";
import { loc, t } from "../i18n.js";
import { href } from "../router.js";

/** How many criteria of a set are listed but not encoded yet. */
export function pendingCount(set: LoadedSet): number {
  return set.definition.criteria.filter((c) => c.pending !== undefined).length;
}

/** Whether a version is in force today, past, or yet to come. */
export function phase(entry: Entry): "current" | "past" | "future" {
  const now = today();
  if (inForceOn(entry, now)) return "current";
  return entry.set.definition.validFrom > now ? "future" : "past";
}

/** A small label. */
export function badge(text: string, kind: string): HTMLElement {
  return h("span", { class: `badge badge-${kind}` }, text);
}

/**
 * A note of a criteria file in the page's language. A note written as one string (older or hand-made files) is
 * shown as written, marked with * and without a language of its own: the page cannot tell which it is.
 */
export function noteView(tag: "li" | "div", note: Note, attrs: Record<string, string> = {}): HTMLElement {
  return typeof note === "string" ? h(tag, { ...attrs, "data-note": "as-written" }, `* ${note}`) : h(tag, attrs, loc(note));
}

/** The completeness of a set: its level, pending count and notes (shown, or folded behind their count). */
export function completenessView(set: LoadedSet, notes: "shown" | "folded"): HTMLElement {
  const c = set.definition.completeness;
  const tr = t();
  const asWritten = c.notes.some((n) => typeof n === "string");
  const list =
    c.notes.length > 0
      ? h(
          "div",
          null,
          h(
            "ul",
            { class: "notes" },
            c.notes.map((n) => noteView("li", n)),
          ),
          asWritten ? h("p", { class: "small muted" }, tr.notesAsWritten) : null,
        )
      : null;
  return h(
    "div",
    { class: "completeness", "data-test": "completeness" },
    badge(tr.completenessLevel[c.level], c.level),
    " ",
    h("span", { class: "muted" }, tr.pendingCount(pendingCount(set))),
    list && notes === "folded" ? h("details", { class: "notes-fold" }, h("summary", null, tr.notesCount(c.notes.length)), list) : list,
  );
}

/** A version named as officials name it (its document), `id@version` beside it, linked to its page when known. */
export function setLink(id: string, version: string, known: boolean): Node {
  const e = known ? find(id, version) : undefined;
  const text = `${id}@${version}`;
  if (!e) return h("span", null, text);
  return h(
    "span",
    null,
    h("a", { href: href.set(id, version) }, `${loc(e.set.definition.title)} · ${versionName(e)}`),
    h("span", { class: "muted small" }, ` (${text})`),
  );
}

/** A page heading with a breadcrumb back to the catalogue. */
export function heading(title: string, crumbs: ReadonlyArray<readonly [string, string | null]>, sub?: Node | string): HTMLElement {
  return h(
    "div",
    { class: "heading" },
    h(
      "nav",
      { class: "crumbs", "aria-label": t().breadcrumb },
      crumbs.map(([text, link], i) => [
        i > 0 ? h("span", { class: "sep", "aria-hidden": "true" }, "›") : null,
        link ? h("a", { href: link }, text) : h("span", null, text),
      ]),
    ),
    h("h1", null, title),
    sub ? h("p", { class: "sub" }, sub) : null,
  );
}
