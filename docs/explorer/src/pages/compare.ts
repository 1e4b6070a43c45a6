/**
 * Page 3: two versions side by side, and what changed from one to the other, in sentences from the library's
 * diff. It leads with what changes decisions (the decision rule and the thresholds), then the criteria
 * (reworded ones paired with their old id), the data needed, and last, folded, the document's details.
 */
import { diff, diffSummary, type Change, type SetDiff } from "tieuchi";
import { allEntries, find, titles, versionName, type Entry } from "../catalogue.js";
import { download, h } from "../dom.js";
import { lang, loc, t } from "../i18n.js";
import { href } from "../router.js";
import type { View } from "../app.js";
import { heading } from "../views/common.js";
import { errorView } from "../views/errors.js";

const key = (e: Entry) => `${e.set.definition.id}@${e.set.definition.version}`;

/** Without a choice: the newest title change, its version and the one before it. */
function defaults(): [Entry, Entry] | null {
  const withTwo = titles().filter((x) => x.versions.length > 1);
  const pick = withTwo.sort((a, b) => (a.versions.at(-1)!.set.definition.validFrom < b.versions.at(-1)!.set.definition.validFrom ? 1 : -1))[0];
  if (pick) return [pick.versions.at(-2)!, pick.versions.at(-1)!];
  const all = allEntries();
  return all.length > 1 ? [all[0]!, all[1]!] : null;
}

function picker(id: string, label: string, selected: Entry, onPick: (e: Entry) => void): HTMLElement {
  const select = h(
    "select",
    { id, "data-test": id, onchange: () => onPick(allEntries().find((e) => key(e) === select.value)!) },
    titles().map((x) =>
      h(
        "optgroup",
        { label: loc(x.versions.at(-1)!.set.definition.title) },
        x.versions.map((e) =>
          h("option", { value: key(e), selected: e === selected }, `${versionName(e)} · ${loc(e.set.definition.title)} (${e.set.definition.version})`),
        ),
      ),
    ),
  );
  return h("div", { class: "tool" }, h("label", { for: id }, label), select);
}

const KIND_BADGE: Partial<Record<Change["kind"], "added" | "removed" | "renamed">> = {
  "criterion-added": "added",
  "input-added": "added",
  "derived-added": "added",
  "group-added": "added",
  "criterion-removed": "removed",
  "input-removed": "removed",
  "derived-removed": "removed",
  "group-removed": "removed",
  "criterion-renamed": "renamed",
};

/** The order the page shows changes in: what changes decisions first, the document's details last. */
export function changeGroups(
  changes: readonly Change[],
): Array<{ id: "decisive" | "criteria" | "inputs" | "derived" | "groups" | "metadata"; changes: Change[] }> {
  const decisive = (c: Change) => c.section === "decision" || (c.section === "criteria" && c.kind === "criterion-changed" && c.field === "threshold");
  const groups = [
    {
      id: "decisive" as const,
      changes: [...changes.filter((c) => c.section === "decision"), ...changes.filter((c) => decisive(c) && c.section === "criteria")],
    },
    ...(["criteria", "inputs", "derived", "groups", "metadata"] as const).map((id) => ({
      id,
      changes: changes.filter((c) => c.section === id && !decisive(c)),
    })),
  ];
  return groups.filter((g) => g.changes.length > 0);
}

function changeItem(c: Change): HTMLElement {
  const tr = t();
  const kind = KIND_BADGE[c.kind] ?? "changed";
  return h(
    "li",
    { class: `change change-${kind}`, "data-test": "change", "data-kind": c.kind, "data-target": c.target ?? "" },
    h("span", { class: `badge badge-${kind}` }, tr.changeKind[kind]),
    " ",
    loc(c.message),
  );
}

function changesView(d: SetDiff): HTMLElement {
  const tr = t();
  if (d.changes.length === 0) return h("p", { class: "note", "data-test": "no-changes" }, diffSummary(d, lang()));
  return h(
    "div",
    { class: "changes" },
    changeGroups(d.changes).map((g) => {
      const head = h("h2", null, tr.diffGroup[g.id], h("span", { class: "muted" }, ` · ${g.changes.length}`));
      const list = h("ul", { class: "plain change-list" }, g.changes.map(changeItem));
      if (g.id === "metadata")
        return h("details", { class: "change-section change-fold", "data-test": "change-section", "data-section": g.id }, h("summary", null, head), list);
      return h(
        "section",
        { class: `change-section${g.id === "decisive" ? " change-lead" : ""}`, "data-test": "change-section", "data-section": g.id },
        head,
        list,
      );
    }),
  );
}

export function compareView(a: { id: string; version: string } | null, b: { id: string; version: string } | null): View {
  const tr = t();
  const chosen = a && b ? [find(a.id, a.version), find(b.id, b.version)] : defaults();
  const title = tr.compareTitle;
  if (!chosen?.[0] || !chosen[1]) {
    const missing = a && b ? [a, b].filter((x) => !find(x.id, x.version)).map((x) => `${x.id}@${x.version}`) : [];
    return {
      title,
      node: h(
        "section",
        { class: "page" },
        heading(title, [
          [tr.navCatalogue, href.catalogue()],
          [title, null],
        ]),
        h("p", null, missing.length ? tr.setNotFound(missing.join(", ")) : tr.compareNeedsTwo),
      ),
    };
  }
  const [older, newer] = chosen as [Entry, Entry];
  const go = (x: Entry, y: Entry) =>
    (location.hash = href.compare(x.set.definition.id, x.set.definition.version, y.set.definition.id, y.set.definition.version));
  let body: Node;
  try {
    const d = diff(older.set, newer.set);
    body = h(
      "div",
      { class: "diff", "data-test": "diff" },
      h(
        "div",
        { class: "diff-head" },
        [older, newer].map((e, i) => {
          const s = e.set.definition;
          return h(
            "div",
            { class: "diff-side" },
            h("p", { class: "muted small" }, i === 0 ? tr.olderVersion : tr.newerVersion),
            h(
              "p",
              null,
              h("a", { href: href.set(s.id, s.version) }, h("strong", null, versionName(e))),
              h("span", { class: "muted small" }, ` ${loc(s.title)} · ${s.version}`),
            ),
            h("p", null, s.source.document, h("span", { class: "muted" }, ` · ${tr.inForceRange(s.validFrom, s.validTo)}`)),
          );
        }),
      ),
      h("p", { class: "lead", "data-test": "diff-summary" }, diffSummary(d, lang())),
      changesView(d),
      h(
        "p",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            "data-test": "download-diff",
            onclick: () => download(`diff-${key(older)}-${key(newer)}.json`, `${JSON.stringify(d, null, 2)}\n`),
          },
          tr.downloadDiff,
        ),
      ),
    );
  } catch (err) {
    body = errorView(err);
  }
  const node = h(
    "section",
    { class: "page compare-page" },
    heading(title, [
      [tr.navCatalogue, href.catalogue()],
      [title, null],
    ]),
    h("p", { class: "lead" }, tr.compareIntro),
    h(
      "div",
      { class: "toolbar" },
      picker("compare-old", tr.olderVersion, older, (e) => go(e, newer)),
      picker("compare-new", tr.newerVersion, newer, (e) => go(older, e)),
      h("div", { class: "tool tool-end" }, h("button", { type: "button", class: "secondary", "data-test": "swap", onclick: () => go(newer, older) }, tr.swap)),
    ),
    body,
  );
  return { title: `${title} · ${versionName(older)} → ${versionName(newer)}`, node };
}
