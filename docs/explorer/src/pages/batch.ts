/**
 * Page 5: many units at once, in the browser. The file is read and every unit evaluated by the library in a
 * Web Worker (./sheet-worker.ts), which also counts the report (createReport) and writes the downloads: the
 * page only shows progress and figures, so it never freezes. A new file, or "Dừng", ends the run in progress.
 * Nothing is sent anywhere.
 */
import { formatPath, isInForce, msg, say, type Localized, type Report, type Tally } from "tieuchi";
import { allEntries, find, registry, titles, today, versionName, type Entry } from "../catalogue.js";
import { downloadBlob, fill, h } from "../dom.js";
import { lang, loc, t, viDate } from "../i18n.js";
import { href } from "../router.js";
import type { View } from "../app.js";
import { SheetWorker } from "../sheet-worker.js";
import type { ExportKind, Reply, SetFile, ShownError } from "../worker/protocol.js";
import { barChart, type Bar } from "../views/chart.js";
import { heading } from "../views/common.js";
import { dateInput } from "../views/date-input.js";
import { errorView } from "../views/errors.js";

/** What a batch left: its worker (which keeps the output lines, so a new grouping needs no new evaluation) and report. */
interface Run {
  readonly entry: Entry;
  readonly file: string;
  readonly asOf: string;
  readonly worker: SheetWorker;
  readonly fields: string[];
  readonly notices: Localized[];
  readonly delimiter: string | null;
  /** The units the report lists as not evaluated, with their errors whole. */
  readonly errors: readonly ShownError[];
  report: Report;
  by: string;
}

let last: Run | null = null;
/** The run in progress, if any: a new file or "Dừng" ends it. */
let running: SheetWorker | null = null;

/** Every criteria file the page knows, for the worker. */
export function setFiles(): SetFile[] {
  return allEntries().map((e) => ({ path: e.path, json: e.json }));
}

const key = (e: Entry) => `${e.set.definition.id}@${e.set.definition.version}`;
const pct = (p: string | null) => (p === null ? "—" : `${lang() === "vi" ? p.replace(".", ",") : p}%`);
const share = (count: number, p: string | null) => `${count} (${pct(p)})`;

function verdictBars(tally: Tally): Bar[] {
  const tr = t();
  return [
    {
      label: tr.verdict.pass,
      value: tally.verdicts.pass.count,
      max: tally.evaluated,
      text: share(tally.verdicts.pass.count, tally.verdicts.pass.percent),
      kind: "pass",
    },
    {
      label: tr.verdict.fail,
      value: tally.verdicts.fail.count,
      max: tally.evaluated,
      text: share(tally.verdicts.fail.count, tally.verdicts.fail.percent),
      kind: "fail",
    },
    {
      label: tr.verdict.incomplete,
      value: tally.verdicts.incomplete.count,
      max: tally.evaluated,
      text: share(tally.verdicts.incomplete.count, tally.verdicts.incomplete.percent),
      kind: "incomplete",
    },
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
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          [tr.colId, tr.colCriterion, tr.status.pass, tr.status.fail, tr.status.missing, tr.status["not-applicable"]].map((x) => h("th", { scope: "col" }, x)),
        ),
      ),
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
  const word = (key: "decision.report_final" | "decision.report_provisional" | "decision.report_incomplete" | "decision.report_no_grade") =>
    say(msg(key), lang());
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
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          [tr.grade, word("decision.report_final"), word("decision.report_provisional"), word("decision.report_incomplete")].map((x) =>
            h("th", { scope: "col" }, x),
          ),
        ),
      ),
      h("tbody", null, rows),
    ),
  );
}

function summaryLine(tally: Tally): string {
  return t().batchSummary(tally.units, tally.evaluated, tally.errors.count);
}

/** Asks the worker for a file and offers it as a download. */
async function save(run: Run, what: ExportKind, name: string): Promise<void> {
  const r = await run.worker.request({ type: "export", what, lang: lang(), by: run.by });
  if (r.type === "file") downloadBlob(name, r.blob);
  else if (r.type === "error") throw new Error(r.error.message);
}

/** When the date decided is outside the set's dates in force: said first, with the version in force then. */
function outOfForce(run: Run): HTMLElement | null {
  const tr = t();
  const d = run.entry.set.definition;
  if (!run.asOf || isInForce(d, run.asOf)) return null;
  let instead: Node | null = null;
  try {
    const s = registry().inForceOn(d.id, run.asOf).set.definition;
    const e = find(s.id, s.version);
    instead = h("a", { href: href.batch(s.id, s.version), "data-test": "in-force-link" }, tr.runWith(e ? versionName(e) : s.version));
  } catch {
    instead = h("span", null, tr.noneInForce);
  }
  return h(
    "div",
    { class: "not-in-force", role: "alert", "data-test": "not-in-force" },
    h("strong", null, tr.notInForceHeadline(versionName(run.entry), viDate(run.asOf))),
    " ",
    tr.resultsForReference,
    " ",
    instead,
  );
}

/** A unit's error in the page's language: what happened, and its first problem with the field's path. */
function errorSummary(e: ShownError): Array<Node | string> {
  const l = lang();
  const headline = e.detail ? say(e.detail, l) : e.message.split("\n", 1)[0]!.replace(/:$/, "");
  const p = e.problems?.[0];
  if (!p) return [headline];
  const more = e.problems!.length - 1;
  return [
    `${headline}: `,
    h("code", null, formatPath(p.path, l)),
    `: ${p.key ? say({ key: p.key, params: p.params ?? {} } as Parameters<typeof say>[0], l) : p.message}${more > 0 ? ` (+${more})` : ""}`,
  ];
}

function reportView(run: Run, regroup: (by: string) => void): HTMLElement {
  const tr = t();
  const report = run.report;
  const total = report.total;
  const base = `${run.entry.set.definition.id}-${run.entry.set.definition.version}-${run.file.replace(/\.[^.]+$/, "")}`;
  const out = h("p", { class: "actions-msg", "aria-live": "polite" });
  const button = (test: string, text: string, what: ExportKind, name: string, primary = false) =>
    h(
      "button",
      {
        type: "button",
        class: primary ? undefined : "secondary",
        "data-test": test,
        onclick: () => save(run, what, name).catch((e: unknown) => fill(out, errorView(e))),
      },
      text,
    );
  const groupSelect = h(
    "select",
    { id: "group-by", "data-test": "group-by", onchange: () => regroup(groupSelect.value) },
    h("option", { value: "" }, tr.noGrouping),
    run.fields.map((f) => h("option", { value: f, selected: f === run.by }, f)),
  );
  return h(
    "div",
    { class: "report-view", "data-test": "report" },
    outOfForce(run),
    h("p", { class: "lead", "data-test": "batch-summary" }, summaryLine(total)),
    run.delimiter !== null || run.notices.length > 0
      ? h(
          "ul",
          { class: "notices", "data-test": "notices" },
          run.delimiter !== null
            ? h("li", { "data-test": "delimiter" }, tr.delimiterFound(loc(delimiterNames[run.delimiter] ?? { vi: run.delimiter, en: run.delimiter })))
            : null,
          run.notices.map((n) => h("li", null, loc(n))),
        )
      : null,
    h(
      "div",
      { class: "charts" },
      barChart(tr.chartVerdicts, verdictBars(total), "chart-verdicts"),
      failedBars(total).length > 0 ? barChart(tr.chartFailed, failedBars(total), "chart-failed") : null,
    ),
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
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                [run.by, tr.units, tr.verdict.pass, tr.verdict.fail, tr.verdict.incomplete, tr.notEvaluated].map((x) => h("th", { scope: "col" }, x)),
              ),
            ),
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
          h(
            "ul",
            { class: "plain errors", "data-test": "report-errors" },
            run.errors.map((e) =>
              h("li", null, h("strong", null, tr.lineNo(e.line)), " ", errorSummary(e), " ", h("span", { class: "muted small" }, `[${e.code}]`)),
            ),
          ),
        ]
      : null,
    h("h2", null, tr.downloads),
    h(
      "p",
      { class: "actions" },
      button("download-results-xlsx", tr.downloadResultsAs("Excel (.xlsx)"), "results-xlsx", `${base}-ket-qua.xlsx`, true),
      button("download-results-csv", tr.downloadResultsAs("CSV"), "results-csv", `${base}-ket-qua.csv`),
      button("download-results", tr.downloadResults, "results-ndjson", `${base}-results.ndjson`),
      (["csv", "md", "json", "text"] as const).map((f) =>
        button(`download-report-${f}`, tr.downloadReport(f.toUpperCase()), `report-${f}`, `${base}-report.${f === "text" ? "txt" : f}`),
      ),
    ),
    out,
  );
}

const delimiterNames: Record<string, Localized> = {
  ",": { vi: "dấu phẩy (,)", en: "comma (,)" },
  ";": { vi: "dấu chấm phẩy (;)", en: "semicolon (;)" },
  "\t": { vi: "dấu tab", en: "tab" },
  "|": { vi: "dấu gạch đứng (|)", en: "vertical bar (|)" },
};

/** The template of a set: XLSX made by the worker (exceljs), offered as a download. */
export async function downloadTemplate(entry: Entry, format: "xlsx" | "csv"): Promise<void> {
  const d = entry.set.definition;
  const worker = await SheetWorker.start();
  try {
    const r = await worker.request({ type: "template", sets: setFiles(), set: { id: d.id, version: d.version }, format, lang: lang() });
    if (r.type === "error") throw new Error(r.error.message);
    if (r.type === "file") downloadBlob(`mau-${d.id}-${d.version}.${format}`, r.blob);
  } finally {
    worker.stop();
  }
}

/** The two template buttons of a set, with where their errors go. */
export function templateButtons(entry: Entry): HTMLElement {
  const tr = t();
  const out = h("span", { class: "template-msg", "aria-live": "polite" });
  const go = (format: "xlsx" | "csv") => () => {
    fill(out, tr.making);
    downloadTemplate(entry, format).then(
      () => fill(out),
      (e: unknown) => fill(out, errorView(e)),
    );
  };
  return h(
    "span",
    { class: "template-buttons" },
    h("button", { type: "button", class: "secondary", "data-test": "template-xlsx", onclick: go("xlsx") }, tr.templateXlsx),
    " ",
    h("button", { type: "button", class: "secondary", "data-test": "template-csv", onclick: go("csv") }, tr.templateCsv),
    " ",
    out,
  );
}

export function batchView(id: string | null, version: string | null): View | undefined {
  const tr = t();
  const entry = id && version ? find(id, version) : (last?.entry ?? titles()[0]?.versions.at(-1));
  if (!entry) return undefined;
  const d = entry.set.definition;
  const out = h("div", { class: "batch-out", "aria-live": "polite" });
  let asOfValue = last?.entry === entry ? last.asOf : today();
  const asOf = dateInput({ id: "batch-as-of", value: asOfValue, test: "batch-as-of" }, (iso) => {
    if (iso !== null) asOfValue = iso;
  });
  const metaInput = h("input", { type: "text", id: "batch-meta", autocomplete: "off", "data-test": "batch-meta", placeholder: "xa, thon" });
  const delimiter = h(
    "select",
    { id: "batch-delimiter", "data-test": "batch-delimiter" },
    h("option", { value: "" }, tr.delimiterAuto),
    h("option", { value: "," }, ","),
    h("option", { value: ";" }, ";"),
    h("option", { value: "tab" }, "Tab"),
  );

  // Progress: the phase, a bar, the count and the percentage, and a button that ends the run.
  const bar = h("progress", { max: "1", value: "0", "data-test": "progress" });
  const count = h("span", { class: "progress-count", "data-test": "progress-count" });
  const phaseText = h("span", { class: "progress-phase", "data-test": "progress-phase" });
  const stop = h("button", { type: "button", class: "secondary small", "data-test": "cancel", onclick: () => cancel() }, tr.cancel);
  const progress = h("div", { class: "progress-box", hidden: true, "data-test": "progress-box", role: "status" }, phaseText, bar, count, stop);

  const show = (run: Run) => {
    last = run;
    const regroup = (by: string) => {
      run.by = by;
      run.worker.request({ type: "report", by }).then(
        (r) => {
          if (r.type === "report") {
            run.report = r.report;
            fill(out, reportView(run, regroup));
          }
        },
        (e: unknown) => fill(out, errorView(e)),
      );
    };
    fill(out, reportView(run, regroup));
  };

  const cancel = () => {
    if (!running) return;
    running.stop();
    running = null;
    progress.hidden = true;
    fill(out, h("p", { class: "note", "data-test": "cancelled" }, tr.cancelled));
  };

  let fileName = "";
  const onProgress = (p: Extract<Reply, { type: "progress" }>) => {
    if (p.phase === "reading") {
      fill(phaseText, tr.readingFile(fileName));
      bar.removeAttribute("value");
      fill(count);
      return;
    }
    fill(phaseText, tr.evaluating(fileName));
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
    fill(count, tr.progressCount(p.done, p.total, pct));
  };

  const take = async (file: File) => {
    // A new file ends the run in progress: its worker stops, and nothing it did reaches this page.
    if (running) running.stop();
    last?.worker.stop();
    last = null;
    const asOfNow = asOfValue;
    fileName = file.name;
    fill(out);
    progress.hidden = false;
    fill(phaseText, tr.readingFile(file.name));
    bar.removeAttribute("value");
    fill(count);
    let worker: SheetWorker | null = null;
    try {
      worker = await SheetWorker.start();
      running = worker;
      const meta = metaInput.value
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");
      const r = await worker.request(
        {
          type: "run",
          file,
          sets: setFiles(),
          set: { id: d.id, version: d.version },
          asOf: asOfNow,
          meta,
          delimiter: delimiter.value === "" ? null : delimiter.value === "tab" ? "\t" : delimiter.value,
          lang: lang(),
        },
        onProgress,
      );
      if (running !== worker) return;
      running = null;
      progress.hidden = true;
      if (r.type === "error") {
        fill(out, errorView(Object.assign(new Error(r.error.message), r.error), tr.batchFailed(file.name)));
        worker.stop();
        return;
      }
      if (r.type !== "done") return;
      show({
        entry,
        file: file.name,
        asOf: asOfNow,
        worker,
        fields: r.fields,
        notices: r.notices,
        delimiter: r.delimiter,
        report: r.report,
        errors: r.errors,
        by: "",
      });
    } catch (err) {
      if (worker && running !== worker) return; // stopped: a newer file or "Dừng" took over
      running = null;
      progress.hidden = true;
      worker?.stop();
      fill(out, errorView(err, tr.batchFailed(file.name)));
    }
  };

  const input = h("input", {
    type: "file",
    id: "batch-file",
    accept: ".xlsx,.csv,.ndjson,.jsonl,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
        x.versions.map((e) => h("option", { value: key(e), selected: e === entry }, `${versionName(e)} (${e.set.definition.version})`)),
      ),
    ),
  );
  if (last && last.entry === entry) show(last);
  if (running) {
    progress.hidden = false;
    fill(phaseText, tr.evaluating(""));
  }
  const node = h(
    "section",
    { class: "page batch-page" },
    heading(tr.batchTitle, [
      [tr.navCatalogue, href.catalogue()],
      [tr.batchTitle, null],
    ]),
    h("p", { class: "lead" }, tr.batchIntro),
    h(
      "div",
      { class: "toolbar" },
      h("div", { class: "tool" }, h("label", { for: "batch-set" }, tr.criteriaSet), select),
      h("div", { class: "tool" }, h("label", { for: "batch-as-of" }, tr.asOf), asOf, h("span", { class: "hint" }, tr.asOfHint)),
    ),
    h(
      "div",
      { class: "templates", "data-test": "templates" },
      h("strong", null, tr.templatesFor(versionName(entry))),
      " ",
      templateButtons(entry),
      h("p", { class: "hint" }, tr.templatesHint),
    ),
    zone,
    h(
      "details",
      { class: "batch-more" },
      h("summary", null, tr.moreOptions),
      h("p", { class: "hint" }, tr.batchFormats(Object.keys(d.inputs).slice(0, 3).join(", "))),
      h(
        "div",
        { class: "toolbar" },
        h("div", { class: "tool" }, h("label", { for: "batch-meta" }, tr.metaFields), metaInput, h("span", { class: "hint" }, tr.metaHint)),
        h("div", { class: "tool" }, h("label", { for: "batch-delimiter" }, tr.delimiter), delimiter),
      ),
    ),
    progress,
    out,
  );
  return { title: `${tr.batchTitle} · ${versionName(entry)}`, node };
}
