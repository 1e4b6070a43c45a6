/**
 * Page 5: many units at once, in the browser. A file of units is read here, each unit evaluated by the
 * library, and the figures counted by the library's report (createReport): nothing is sent anywhere.
 */
import { createReport, errorLine, evaluate, formatReport, msg, resultLine, say, TieuchiError, type BatchLine, type Report, type ReportFormat, type Tally } from "tieuchi";
import { find, registry, titles, type Entry } from "../catalogue.js";
import { download, fill, h } from "../dom.js";
import { lang, loc, t } from "../i18n.js";
import { href } from "../router.js";
import type { View } from "../app.js";
import { readUnits, type UnitInput } from "../batch-input.js";
import { barChart, type Bar } from "../views/chart.js";
import { heading } from "../views/common.js";
import { errorView } from "../views/errors.js";

/** What a batch left: its output lines (kept, so a new grouping needs no new evaluation). */
interface Run {
  readonly entry: Entry;
  readonly file: string;
  readonly asOf: string;
  readonly lines: BatchLine[];
  readonly fields: string[];
  by: string;
}

let last: Run | null = null;

const key = (e: Entry) => `${e.set.definition.id}@${e.set.definition.version}`;
const pct = (p: string | null) => (p === null ? "—" : `${lang() === "vi" ? p.replace(".", ",") : p}%`);
const share = (count: number, p: string | null) => `${count} (${pct(p)})`;

/** Evaluates every unit, yielding to the page every few units so it stays responsive and shows progress. */
async function evaluateAll(entry: Entry, units: UnitInput[], asOf: string, progress: (done: number) => void): Promise<BatchLine[]> {
  const lines: BatchLine[] = [];
  const options = { sets: registry(), ...(asOf ? { asOf } : {}) };
  let since = performance.now();
  for (const [i, u] of units.entries()) {
    if (u.error) lines.push(errorLine(u.line, u.unit, u.error));
    else {
      try {
        lines.push(resultLine(u.line, u.unit, evaluate(entry.set, u.data, options)));
      } catch (err) {
        if (!(err instanceof TieuchiError)) throw err;
        lines.push(errorLine(u.line, u.unit, err));
      }
    }
    if (performance.now() - since > 40) {
      progress(i + 1);
      await new Promise((r) => setTimeout(r, 0));
      since = performance.now();
    }
  }
  progress(units.length);
  return lines;
}

function reportOf(run: Run): Report {
  const acc = createReport({ set: run.entry.set, ...(run.by ? { by: [run.by] } : {}) });
  for (const l of run.lines) {
    if ("result" in l) acc.addResult(l.result, l.unit);
    else acc.addError(l.error, l.unit, l.line);
  }
  return acc.finish();
}

function verdictBars(tally: Tally): Bar[] {
  const tr = t();
  return [
    { label: tr.verdict.pass, value: tally.verdicts.pass.count, max: tally.evaluated, text: share(tally.verdicts.pass.count, tally.verdicts.pass.percent), kind: "pass" },
    { label: tr.verdict.fail, value: tally.verdicts.fail.count, max: tally.evaluated, text: share(tally.verdicts.fail.count, tally.verdicts.fail.percent), kind: "fail" },
    { label: tr.verdict.incomplete, value: tally.verdicts.incomplete.count, max: tally.evaluated, text: share(tally.verdicts.incomplete.count, tally.verdicts.incomplete.percent), kind: "incomplete" },
    { label: tr.notEvaluated, value: tally.errors.count, max: tally.units, text: share(tally.errors.count, tally.errors.percent), kind: "error" },
  ];
}

const TOP_FAILED = 10;

function failedBars(tally: Tally): Bar[] {
  const set = tally.sets[0];
  if (!set) return [];
  return [...set.criteria]
    .filter((c) => c.fail.count > 0)
    .sort((a, b) => b.fail.count - a.fail.count || (a.id < b.id ? -1 : 1))
    .slice(0, TOP_FAILED)
    .map((c) => ({ label: `${c.id} ${loc(c.title)}`, value: c.fail.count, max: set.evaluated, text: share(c.fail.count, c.fail.percent), kind: "fail" }));
}

function tallyTable(tally: Tally): HTMLElement {
  const tr = t();
  const set = tally.sets[0];
  const rows = set
    ? set.criteria.map((c) =>
        h(
          "tr",
          { "data-test": "report-criterion", "data-id": c.id },
          h("td", { class: "c-id" }, h("strong", null, c.id)),
          h("td", { class: "c-title" }, loc(c.title)),
          h("td", { class: "num", "data-label": tr.status.pass }, share(c.pass.count, c.pass.percent)),
          h("td", { class: "num", "data-label": tr.status.fail }, share(c.fail.count, c.fail.percent)),
          h("td", { class: "num", "data-label": tr.status.missing }, share(c.missing.count, c.missing.percent)),
          h("td", { class: "num", "data-label": tr.status["not-applicable"] }, share(c.notApplicable.count, c.notApplicable.percent)),
        ),
      )
    : [];
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "report stack", "data-test": "report-criteria" },
      h("thead", null, h("tr", null, [tr.colId, tr.colCriterion, tr.status.pass, tr.status.fail, tr.status.missing, tr.status["not-applicable"]].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", null, rows),
    ),
  );
}

/**
 * The grades: final and provisional ones in columns of their own (a provisional grade could still rise), and
 * incomplete verdicts apart, in no grade; every share is of the units evaluated.
 */
function gradesList(tally: Tally): HTMLElement | null {
  const tr = t();
  if (tally.grades.length === 0 && tally.verdicts.incomplete.count === 0) return null;
  const word = (key: "decision.report_final" | "decision.report_provisional" | "decision.report_incomplete" | "decision.report_no_grade") => say(msg(key), lang());
  const rows = [
    ...tally.grades.map((g) =>
      h(
        "tr",
        { "data-test": `grade-${g.id ?? "none"}` },
        h("th", { scope: "row" }, g.title ? loc(g.title) : word("decision.report_no_grade")),
        h("td", { class: "num", "data-label": word("decision.report_final") }, share(g.count, g.percent)),
        h("td", { class: "num", "data-label": word("decision.report_provisional") }, g.id === null ? "" : share(g.provisional.count, g.provisional.percent)),
        h("td", { class: "num", "data-label": word("decision.report_incomplete") }, ""),
      ),
    ),
    h(
      "tr",
      { "data-test": "grade-incomplete" },
      h("th", { scope: "row" }, word("decision.report_incomplete")),
      h("td", { class: "num" }, ""),
      h("td", { class: "num" }, ""),
      h("td", { class: "num", "data-label": word("decision.report_incomplete") }, share(tally.verdicts.incomplete.count, tally.verdicts.incomplete.percent)),
    ),
  ];
  return h(
    "div",
    { class: "table-wrap" },
    h("p", null, say(msg("decision.report_grades", { evaluated: tally.evaluated }), lang())),
    h(
      "table",
      { class: "report stack", "data-test": "report-grades" },
      h("thead", null, h("tr", null, [tr.grade, word("decision.report_final"), word("decision.report_provisional"), word("decision.report_incomplete")].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", null, rows),
    ),
  );
}

function summaryLine(tally: Tally): string {
  return t().batchSummary(tally.units, tally.evaluated, tally.errors.count);
}

function reportView(run: Run, rerender: () => void): HTMLElement {
  const tr = t();
  const report = reportOf(run);
  const total = report.total;
  const name = `${key(run.entry)}-${run.file.replace(/\.[^.]+$/, "")}`;
  const save = (format: ReportFormat) =>
    download(`${name}-report.${format === "text" ? "txt" : format}`, formatReport(report, format, lang()), format === "json" ? "application/json" : format === "csv" ? "text/csv" : "text/plain");
  const groupSelect = h(
    "select",
    {
      id: "group-by",
      "data-test": "group-by",
      onchange: () => {
        run.by = groupSelect.value;
        rerender();
      },
    },
    h("option", { value: "" }, tr.noGrouping),
    run.fields.map((f) => h("option", { value: f, selected: f === run.by }, f)),
  );
  return h(
    "div",
    { class: "report-view", "data-test": "report" },
    h("p", { class: "lead", "data-test": "batch-summary" }, summaryLine(total)),
    h("div", { class: "charts" }, barChart(tr.chartVerdicts, verdictBars(total), "chart-verdicts"), failedBars(total).length > 0 ? barChart(tr.chartFailed, failedBars(total), "chart-failed") : null),
    h("h2", null, tr.grade),
    gradesList(total),
    h("h2", null, tr.criteria),
    tallyTable(total),
    h("h2", null, tr.byGroup),
    h("div", { class: "tool" }, h("label", { for: "group-by" }, tr.groupBy), groupSelect),
    report.groups.length > 0
      ? h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "report stack", "data-test": "report-groups" },
            h("thead", null, h("tr", null, [run.by, tr.units, tr.verdict.pass, tr.verdict.fail, tr.verdict.incomplete, tr.notEvaluated].map((x) => h("th", { scope: "col" }, x)))),
            h(
              "tbody",
              null,
              report.groups.map((g) =>
                h(
                  "tr",
                  { "data-test": "report-group" },
                  h("td", { class: "c-title" }, String(g.key[run.by] ?? tr.nothing)),
                  h("td", { class: "num", "data-label": tr.units }, String(g.units)),
                  h("td", { class: "num", "data-label": tr.verdict.pass }, share(g.verdicts.pass.count, g.verdicts.pass.percent)),
                  h("td", { class: "num", "data-label": tr.verdict.fail }, share(g.verdicts.fail.count, g.verdicts.fail.percent)),
                  h("td", { class: "num", "data-label": tr.verdict.incomplete }, share(g.verdicts.incomplete.count, g.verdicts.incomplete.percent)),
                  h("td", { class: "num", "data-label": tr.notEvaluated }, share(g.errors.count, g.errors.percent)),
                ),
              ),
            ),
          ),
        )
      : null,
    report.errors.length > 0
      ? [
          h("h2", null, tr.notEvaluated),
          h("ul", { class: "plain errors", "data-test": "report-errors" }, report.errors.map((e) => h("li", null, h("strong", null, tr.lineNo(e.line)), " ", h("code", null, e.code), " ", e.message))),
        ]
      : null,
    h("h2", null, tr.downloads),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "button", "data-test": "download-results", onclick: () => download(`${name}-results.ndjson`, run.lines.map((l) => JSON.stringify(l)).join("\n") + "\n", "application/x-ndjson") }, tr.downloadResults),
      (["csv", "md", "json", "text"] as const).map((f) => h("button", { type: "button", class: "secondary", "data-test": `download-report-${f}`, onclick: () => save(f) }, tr.downloadReport(f.toUpperCase()))),
    ),
  );
}

export function batchView(id: string | null, version: string | null): View | undefined {
  const tr = t();
  const entry = id && version ? find(id, version) : (last?.entry ?? titles()[0]?.versions.at(-1));
  if (!entry) return undefined;
  const d = entry.set.definition;
  const out = h("div", { class: "batch-out", "aria-live": "polite" });
  const progress = h("progress", { max: "1", value: "0", hidden: true, "data-test": "progress" });
  const asOf = h("input", { type: "date", id: "batch-as-of", value: last?.entry === entry ? last.asOf : "", "data-test": "batch-as-of" });
  const metaInput = h("input", { type: "text", id: "batch-meta", autocomplete: "off", "data-test": "batch-meta", placeholder: "xa, thon" });
  const delimiter = h("select", { id: "batch-delimiter", "data-test": "batch-delimiter" }, h("option", { value: "," }, ","), h("option", { value: ";" }, ";"), h("option", { value: "tab" }, "Tab"));

  const show = (run: Run) => {
    last = run;
    const rerender = () => fill(out, reportView(run, rerender));
    rerender();
  };

  const take = async (file: File) => {
    fill(out, h("p", null, tr.reading(file.name)));
    progress.hidden = false;
    progress.value = 0;
    try {
      const meta = metaInput.value.split(",").map((x) => x.trim()).filter((x) => x !== "");
      const units = await readUnits(file, entry.set, { meta, delimiter: delimiter.value === "tab" ? "\t" : delimiter.value });
      progress.max = Math.max(1, units.length);
      const lines = await evaluateAll(entry, units, asOf.value, (n) => (progress.value = n));
      const fields = [...new Set(lines.flatMap((l) => Object.keys(l.unit)))].sort();
      show({ entry, file: file.name, asOf: asOf.value, lines, fields, by: "" });
    } catch (err) {
      fill(out, errorView(err, tr.batchFailed(file.name)));
    } finally {
      progress.hidden = true;
    }
  };

  const input = h("input", {
    type: "file",
    id: "batch-file",
    accept: ".csv,.ndjson,.jsonl,.json,text/csv,application/json",
    "data-test": "batch-file",
    onchange: () => {
      const f = input.files?.[0];
      input.value = "";
      if (f) void take(f);
    },
  });
  const zone = h(
    "label",
    {
      class: "drop",
      for: "batch-file",
      "data-test": "drop",
      ondragover: (e: DragEvent) => {
        e.preventDefault();
        zone.classList.add("over");
      },
      ondragleave: () => zone.classList.remove("over"),
      ondrop: (e: DragEvent) => {
        e.preventDefault();
        zone.classList.remove("over");
        const f = e.dataTransfer?.files[0];
        if (f) void take(f);
      },
    },
    h("strong", null, tr.dropHere),
    h("span", { class: "hint" }, tr.dropHint),
    input,
  );
  const select = h(
    "select",
    { id: "batch-set", "data-test": "batch-set", onchange: () => (location.hash = href.batch(...(select.value.split("@") as [string, string]))) },
    titles().map((x) =>
      h(
        "optgroup",
        { label: loc(x.versions.at(-1)!.set.definition.title) },
        x.versions.map((e) => h("option", { value: key(e), selected: e === entry }, `${e.set.definition.version} · ${e.set.definition.source.document}`)),
      ),
    ),
  );
  if (last && last.entry === entry) show(last);
  const node = h(
    "section",
    { class: "page batch-page" },
    heading(tr.batchTitle, [[tr.navCatalogue, href.catalogue()], [tr.batchTitle, null]]),
    h("p", { class: "lead" }, tr.batchIntro),
    h(
      "div",
      { class: "toolbar" },
      h("div", { class: "tool" }, h("label", { for: "batch-set" }, tr.criteriaSet), select),
      h("div", { class: "tool" }, h("label", { for: "batch-as-of" }, tr.asOf), asOf, h("span", { class: "hint" }, tr.asOfHint)),
      h("div", { class: "tool" }, h("label", { for: "batch-meta" }, tr.metaFields), metaInput, h("span", { class: "hint" }, tr.metaHint)),
      h("div", { class: "tool tool-end" }, h("label", { for: "batch-delimiter" }, tr.delimiter), delimiter),
    ),
    h("p", { class: "hint" }, tr.batchFormats(Object.keys(d.inputs).slice(0, 3).join(", "))),
    zone,
    progress,
    out,
  );
  return { title: `${tr.batchTitle} · ${key(entry)}`, node };
}
