/**
 * One unit's result as an official assessment record (biên bản đánh giá), for the browser's print (and "Save
 * as PDF"): the set and the regulation it follows, the unit, every criterion with its result and reason, the
 * verdict, the hashes of the data and of the set (so the record can be checked with `tieuchi verify`), the date,
 * and blank lines to sign. Only the print stylesheet shows it.
 */
import { VERSION, type Result } from "tieuchi";
import { versionName, type Entry } from "../catalogue.js";
import { h } from "../dom.js";
import { lang, loc, t, viDate } from "../i18n.js";

function unitName(entry: Entry, data: unknown): string {
  const inputs = entry.set.definition.inputs;
  const name = Object.entries(inputs).find(([, s]) => s.type === "string" && s.enum === undefined)?.[0];
  const v = name && typeof data === "object" && data !== null ? (data as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" && v.trim() !== "" ? v : t().unnamedUnit;
}

export function printSheet(entry: Entry, r: Result, data: unknown, dataHash: string): HTMLElement {
  const tr = t();
  const d = entry.set.definition;
  const vi = lang() === "vi";
  const date = r.asOf ? viDate(r.asOf) : "……/……/……";
  const row = (k: string, v: string | Node) => h("tr", null, h("th", { scope: "row" }, k), h("td", null, v));
  const verdict =
    r.inForce === false
      ? tr.notInForceVerdict(versionName(entry), date)
      : [
          tr.verdict[r.verdict],
          r.grade ? ` · ${tr.grade} ${loc(r.grade.title)}` : "",
          r.points ? ` · ${tr.pointsOf(r.points.earned, r.points.applicableMax)}` : "",
        ].join("");
  return h(
    "article",
    { class: "print-sheet", "data-test": "bien-ban", lang: lang() },
    h(
      "header",
      { class: "ps-head" },
      h("p", { class: "ps-nation" }, vi ? "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" : "SOCIALIST REPUBLIC OF VIET NAM"),
      h("p", { class: "ps-motto" }, vi ? "Độc lập - Tự do - Hạnh phúc" : "Independence - Freedom - Happiness"),
      h("h1", null, tr.printTitle),
      h("p", { class: "ps-sub" }, tr.printSubtitle(loc(d.decision.passTitle ?? d.title))),
    ),
    h(
      "table",
      { class: "ps-facts" },
      h(
        "tbody",
        null,
        row(tr.printSet, `${loc(d.title)} · ${versionName(entry)} (${d.id}@${d.version})`),
        row(
          tr.printRegulation,
          // The section as the file writes it (Vietnamese), marked so whatever the page's language.
          h(
            "span",
            null,
            [d.source.document, d.source.title ? ` — ${loc(d.source.title)}` : ""].join(""),
            d.source.section ? ["; ", h("span", { lang: "vi" }, d.source.section)] : null,
          ),
        ),
        row(tr.printUnit, unitName(entry, data)),
        row(tr.printDate, date),
      ),
    ),
    h(
      "table",
      { class: "ps-criteria", "data-test": "bien-ban-criteria" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          [tr.printColNo, tr.colId, tr.colCriterion, tr.printColResult, tr.colPoints, tr.printColReason].map((x) => h("th", { scope: "col" }, x)),
        ),
      ),
      h(
        "tbody",
        null,
        r.criteria.map((c, i) => {
          const crit = d.criteria.find((x) => x.id === c.id);
          return h(
            "tr",
            { "data-id": c.id },
            h("td", { class: "num" }, String(i + 1)),
            h("td", null, c.id),
            h("td", null, loc(c.title), crit?.article ? h("div", { class: "ps-article" }, `${tr.article}: ${crit.article}`) : null),
            h("td", null, tr.status[c.status]),
            h("td", { class: "num" }, c.points ? `${c.points.earned}/${c.points.max}` : ""),
            h("td", null, c.message ? loc(c.message) : c.reason === "not-encoded" ? tr.notEncoded : ""),
          );
        }),
      ),
    ),
    h("p", { class: "ps-verdict", "data-test": "bien-ban-verdict" }, h("strong", null, `${tr.printVerdict}: `), verdict),
    r.message && r.inForce !== false ? h("p", null, loc(r.message)) : null,
    h(
      "table",
      { class: "ps-hashes" },
      h("tbody", null, row(tr.printDataHash, h("code", null, dataHash)), row(tr.printSetHash, h("code", null, entry.set.hash))),
    ),
    h("p", { class: "ps-place" }, tr.printPlace),
    h(
      "div",
      { class: "ps-signs" },
      [tr.printSignEvaluator, tr.printSignUnit].map((who) =>
        h("div", { class: "ps-sign" }, h("p", null, h("strong", null, who)), h("p", { class: "ps-note" }, tr.printSignNote), h("div", { class: "ps-line" })),
      ),
    ),
    h("p", { class: "ps-foot" }, tr.printMadeWith(VERSION, new Date().toLocaleString(vi ? "vi-VN" : "en-GB"))),
  );
}
