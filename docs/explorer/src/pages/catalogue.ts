/** Page 1: every title, its versions on a timeline, and how complete each encoding is. */
import { addLocal, find, supersededBy, titles, today, versionName, type Entry, type Title } from "../catalogue.js";
import { fill, h } from "../dom.js";
import { loc, t, viDate } from "../i18n.js";
import { href } from "../router.js";
import type { View } from "../app.js";
import { badge, completenessView, phase, setLink } from "../views/common.js";
import { errorView } from "../views/errors.js";

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, so no time zone shifts a day). */
function day(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

const SUBJECT_ORDER = ["family", "clan", "village", "commune", "district", "province", "agency", "citizen"];

/** Titles from the smallest unit (a family) to the largest, then by id. */
function ordered(all: Title[]): Title[] {
  const rank = (x: Title) => SUBJECT_ORDER.indexOf(x.versions.at(-1)!.set.definition.subject);
  return [...all].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1));
}

/**
 * Every title's versions as bars on one time scale, so the reader sees which version was in force when, and
 * where one replaced another. Bars are placed with percentages through the CSSOM (`el.style`), which a CSP
 * without 'unsafe-inline' allows, unlike a `style` attribute.
 */
function timeline(all: Title[]): HTMLElement {
  const tr = t();
  const now = today();
  const entries = all.flatMap((x) => x.versions);
  const firstYear = Number(
    entries
      .map((e) => e.set.definition.validFrom)
      .sort()[0]!
      .slice(0, 4),
  );
  const lastYear = Math.max(Number([...entries.map((e) => e.set.definition.validTo ?? now), now].sort().at(-1)!.slice(0, 4)), firstYear) + 1;
  const from = day(`${firstYear}-01-01`);
  const span = day(`${lastYear}-01-01`) - from;
  const pct = (date: string) => `${(((day(date) - from) / span) * 100).toFixed(3)}%`;

  const axis = h("div", { class: "tl-axis", "aria-hidden": "true" });
  const step = Math.max(1, Math.ceil((lastYear - firstYear) / 7));
  for (let y = firstYear; y <= lastYear; y += step) {
    const tick = h("span", { class: "tl-tick" }, String(y));
    tick.style.left = pct(`${y}-01-01`);
    axis.appendChild(tick);
  }
  // Today, marked on the axis with its date written out (not only as a tooltip).
  const nowMark = h("span", { class: "tl-now", "data-test": "today-marker" }, h("span", { class: "tl-now-label" }, `${tr.today} ${viDate(now)}`));
  nowMark.style.left = pct(now);
  if (day(now) - from > span * 0.75) nowMark.classList.add("tl-now-end");

  const rows = all.map((title) => {
    const latest = title.versions.at(-1)!.set.definition;
    const bars = title.versions.map((e) => {
      const d = e.set.definition;
      const bar = h(
        "a",
        {
          class: `tl-bar tl-${phase(e)}${d.validTo === null ? " tl-open" : ""}`,
          href: href.set(d.id, d.version),
          "data-version": d.version,
          title: `${d.source.document} · ${tr.inForceRange(d.validFrom, d.validTo)} · ${d.version}`,
        },
        h("span", { class: "tl-bar-text" }, versionName(e)),
      );
      bar.style.left = pct(d.validFrom);
      bar.style.width = `calc(${pct(d.validTo ?? now)} - ${pct(d.validFrom)})`;
      return bar;
    });
    return h(
      "li",
      { class: "tl-row", "data-set": title.id },
      h(
        "button",
        { type: "button", class: "linkish tl-label", onclick: () => document.getElementById(`title-${title.id}`)?.scrollIntoView({ block: "start" }) },
        loc(latest.title),
      ),
      h("span", { class: "tl-track" }, bars),
    );
  });
  return h(
    "figure",
    { class: "timeline", "data-test": "timeline" },
    h(
      "figcaption",
      null,
      tr.timeline,
      h(
        "span",
        { class: "tl-legend" },
        (["current", "past", "future"] as const).map((k) => h("span", { class: `tl-key tl-${k}` }, tr.statusNow[k])),
      ),
    ),
    h("ol", { class: "tl-rows" }, rows),
    h("div", { class: "tl-row" }, h("span", { class: "tl-label" }), h("div", { class: "tl-track tl-axis-track" }, axis, nowMark)),
  );
}

function versionCard(e: Entry): HTMLElement {
  const tr = t();
  const d = e.set.definition;
  const sup = d.supersedes;
  const later = supersededBy(e);
  const p = phase(e);
  return h(
    "article",
    { class: "version", "data-test": "version", "data-version": d.version },
    h(
      "header",
      { class: "version-head" },
      h("h3", null, h("a", { href: href.set(d.id, d.version) }, versionName(e)), h("span", { class: "muted small version-id" }, ` ${tr.version} ${d.version}`)),
      badge(tr.statusNow[p], p),
      e.local ? badge(tr.localBadge, "local") : null,
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, tr.document),
      h("dd", null, d.source.url ? h("a", { href: d.source.url, rel: "noopener noreferrer", target: "_blank" }, d.source.document) : d.source.document),
      h("dt", null, tr.issuer),
      // The issuer as the file names it: Vietnamese, whatever the page's language.
      h("dd", null, h("span", { lang: "vi" }, d.source.issuer), h("span", { class: "muted" }, ` · ${d.source.issued}`)),
      h("dt", null, tr.inForce),
      h("dd", null, tr.inForceRange(d.validFrom, d.validTo)),
      h("dt", null, tr.supersedes),
      h("dd", null, sup ? setLink(sup.id, sup.version, find(sup.id, sup.version) !== undefined) : tr.nothing),
      later.length > 0
        ? [
            h("dt", null, tr.supersededBy),
            h(
              "dd",
              null,
              later.map((l, i) => [i > 0 ? ", " : null, setLink(l.set.definition.id, l.set.definition.version, true)]),
            ),
          ]
        : null,
      h("dt", null, tr.completeness),
      h("dd", null, completenessView(e.set, "folded")),
    ),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: href.set(d.id, d.version) }, tr.view),
      h("a", { class: "button secondary", href: href.check(d.id, d.version) }, tr.check),
    ),
  );
}

function titleSection(title: Title): HTMLElement {
  const tr = t();
  const latest = title.versions.at(-1)!.set.definition;
  return h(
    "section",
    { class: "title-card", id: `title-${title.id}`, "data-test": "title", "data-set": title.id },
    h("h2", null, loc(latest.title)),
    h("p", { class: "muted" }, h("code", null, title.id), ` · ${tr.subjectLabel}: ${tr.subject[latest.subject]} · ${latest.jurisdiction}`),
    h("div", { class: "versions" }, [...title.versions].reverse().map(versionCard)),
  );
}

function openFile(onLoaded: () => void): HTMLElement {
  const tr = t();
  const out = h("div", { class: "open-result", "aria-live": "polite" });
  const input = h("input", {
    type: "file",
    accept: ".json,application/json",
    "data-test": "open-criteria",
    onchange: async () => {
      const file = input.files?.[0];
      if (!file) return;
      try {
        const e = addLocal(file.name, await file.text());
        onLoaded();
        fill(
          out,
          h(
            "p",
            { class: "ok" },
            tr.openFileOk(`${e.set.definition.id}@${e.set.definition.version}`),
            " ",
            h("a", { href: href.set(e.set.definition.id, e.set.definition.version) }, tr.view),
          ),
        );
      } catch (err) {
        fill(out, errorView(err));
      }
      input.value = "";
    },
  });
  return h(
    "details",
    { class: "open-file" },
    h("summary", null, tr.openFile),
    h("p", { class: "muted" }, tr.openFileHint),
    h("label", { class: "file-pick button secondary" }, tr.chooseCriteriaFile, input),
    out,
  );
}

export function catalogueView(): View {
  const tr = t();
  const list = h("div", { class: "titles" });
  const draw = () => {
    const all = ordered(titles());
    fill(
      list,
      h(
        "p",
        { class: "lead" },
        tr.catalogueIntro(
          all.length,
          all.reduce((n, x) => n + x.versions.length, 0),
        ),
      ),
      timeline(all),
      all.map(titleSection),
    );
  };
  draw();
  return { title: tr.catalogueTitle, node: h("section", { class: "page catalogue" }, h("h1", null, tr.catalogueTitle), list, openFile(draw)) };
}
