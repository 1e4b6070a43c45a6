/**
 * A report as plain text, Markdown, CSV or JSON. Text and Markdown write numbers the way the language does
 * (`98,0%` in Vietnamese); CSV and JSON always use `.`, for spreadsheets and programs.
 *
 * @module
 */
import { formatNumber, type Lang } from "../explain/format.js";
import { catalogue, say } from "../i18n/index.js";
import type { Localized } from "../schema/common.js";
import type { GroupValue } from "./line.js";
import { roundedPercent, localizePercent } from "./percent.js";
import type { Report, Share, Tally } from "./aggregate.js";

/** The formats a report is written in. */
export type ReportFormat = "text" | "md" | "csv" | "json";
/** Every report format. */
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "md", "csv", "json"];

/** The words of a report in one language, read from the catalogue once per report. */
function words(lang: Lang) {
  const c = catalogue(lang);
  const none = {};
  return {
    units: c["report.units"](none),
    summary: (units: number, evaluated: number, errors: string) => c["report.summary"]({ units, evaluated, errors }),
    set: c["report.set"](none),
    verdict: c["report.verdict"](none),
    grade: c["report.grade"](none),
    count: c["report.count"](none),
    share: c["report.share"](none),
    noGrade: c["decision.report_no_grade"](none),
    verdictsHeading: (evaluated: number) => c["decision.report_verdicts"]({ evaluated }),
    gradesHeading: (evaluated: number) => c["decision.report_grades"]({ evaluated }),
    final: c["decision.report_final"](none),
    provisional: c["decision.report_provisional"](none),
    incomplete: c["decision.report_incomplete"](none),
    passProvisional: c["decision.report_pass_provisional"](none),
    criteria: (evaluated: number) => c["report.criteria"]({ evaluated }),
    id: c["report.id"](none),
    title: c["report.title"](none),
    by: (fields: string) => c["report.by"]({ fields }),
    total: c["report.total"](none),
    none: c["word.none"](none),
    errors: c["report.errors"](none),
    line: (line: number) => c["report.line"]({ line }),
    moreErrors: (count: number) => c["report.more_errors"]({ count }),
    verdicts: Object.fromEntries(VERDICTS.map((v) => [v, capital(c["word.verdict"]({ verdict: v }), lang)])) as Record<(typeof VERDICTS)[number], string>,
    statuses: Object.fromEntries(STATUSES.map((st) => [st, capital(c["word.status"]({ status: STATUS_IDS[st] }), lang)])) as Record<
      (typeof STATUSES)[number],
      string
    >,
    errorCol: c["report.errors_column"](none),
    yesNo: (v: boolean) => c["word.yes_no"]({ value: v }),
  };
}

const capital = (s: string, lang: Lang) => s.charAt(0).toLocaleUpperCase(lang) + s.slice(1);

const VERDICTS = ["pass", "fail", "incomplete"] as const;
const STATUSES = ["pass", "fail", "missing", "notApplicable", "error"] as const;
const STATUS_IDS = { pass: "pass", fail: "fail", missing: "missing", notApplicable: "not-applicable", error: "error" } as const;

type Align = "l" | "r";
interface Block {
  readonly heading?: string;
  readonly head: readonly string[];
  readonly align: readonly Align[];
  readonly rows: readonly (readonly string[])[];
}

function n(v: number, lang: Lang): string {
  return formatNumber(v, lang);
}

function pct(s: Share, lang: Lang): string {
  return s.percent === null ? "—" : `${localizePercent(s.percent, lang)}%`;
}

function valueText(v: GroupValue, lang: Lang): string {
  if (v === null) return words(lang).none;
  if (typeof v === "boolean") return words(lang).yesNo(v);
  if (typeof v === "number") return formatNumber(v, lang);
  return v;
}

function keyText(key: Readonly<Record<string, GroupValue>>, by: readonly string[], lang: Lang): string {
  return by.map((f) => valueText(key[f] ?? null, lang)).join(" / ");
}

/** The tables of one tally: verdicts, grades, and each set's criteria. */
function tallyBlocks(t: Tally, lang: Lang): Block[] {
  const w = words(lang);
  const cell = (s: Share) => `${n(s.count, lang)}/${n(s.total, lang)} ${pct(s, lang)}`;
  const blocks: Block[] = [
    {
      heading: w.verdictsHeading(t.evaluated),
      head: [w.verdict, w.count, w.share],
      align: ["l", "r", "r"],
      rows: VERDICTS.map((v) => [w.verdicts[v], `${n(t.verdicts[v].count, lang)}/${n(t.verdicts[v].total, lang)}`, pct(t.verdicts[v], lang)]),
    },
  ];
  // Final grades, provisional grades and incomplete verdicts in columns of their own, never added together.
  if (t.grades.some((g) => g.id !== null) || t.verdicts.incomplete.count > 0)
    blocks.push({
      heading: w.gradesHeading(t.evaluated),
      head: [w.grade, w.final, w.provisional, w.incomplete],
      align: ["l", "r", "r", "r"],
      rows: [
        ...t.grades.map((g) => [g.title ? g.title[lang] : w.noGrade, cell(g), g.id === null ? "" : cell(g.provisional), ""]),
        [w.incomplete, "", "", cell(t.verdicts.incomplete)],
      ],
    });
  for (const s of t.sets) {
    const withErrors = s.criteria.some((c) => c.error.count > 0);
    const cols = STATUSES.filter((st) => st !== "error" || withErrors);
    blocks.push({
      heading: `${t.sets.length > 1 ? `${s.id}@${s.version}: ` : ""}${w.criteria(s.evaluated)}`,
      head: [w.id, ...cols.map((st) => w.statuses[st]), w.title],
      align: ["l", ...cols.map((): Align => "r"), "l"],
      rows: s.criteria.map((c) => [c.id, ...cols.map((st) => `${n(c[st].count, lang)} (${pct(c[st], lang)})`), c.title[lang]]),
    });
  }
  return blocks;
}

function summaryLine(t: Tally, lang: Lang): string {
  return words(lang).summary(t.units, t.evaluated, `${n(t.errors.count, lang)} (${pct(t.errors, lang)})`);
}

function setLines(r: Report, lang: Lang): string[] {
  const set = words(lang).set;
  return r.total.sets.map((s) => `${set}: ${s.title[lang]} — ${s.id}@${s.version} (${s.document}), ${s.hash}`);
}

/** The table comparing groups: units, each verdict, errors. */
function groupsBlock(r: Report, lang: Lang): Block {
  const w = words(lang);
  const provisional = (t: Tally): Share => {
    const count = t.grades.reduce((s, g) => s + g.provisional.count, 0);
    return { count, total: t.evaluated, percent: roundedPercent(count, t.evaluated, r.decimals) };
  };
  const cell = (s: Share) => `${n(s.count, lang)}/${n(s.total, lang)} ${pct(s, lang)}`;
  const row = (label: string, t: Tally) => [
    label,
    n(t.units, lang),
    cell(t.verdicts.pass),
    cell(provisional(t)),
    cell(t.verdicts.fail),
    cell(t.verdicts.incomplete),
    n(t.errors.count, lang),
  ];
  return {
    heading: w.by(r.by.join(", ")),
    head: [r.by.join(" / "), w.units, w.verdicts.pass, w.passProvisional, w.verdicts.fail, w.verdicts.incomplete, w.errorCol],
    align: ["l", "r", "r", "r", "r", "r", "r"],
    rows: [...r.groups.map((g) => row(keyText(g.key, r.by, lang), g)), row(w.total, r.total)],
  };
}

function errorLines(r: Report, lang: Lang): string[] {
  const w = words(lang);
  if (r.total.errors.count === 0) return [];
  const lines = r.errors.map(
    (e) =>
      `${w.line(e.line)}${
        Object.keys(e.unit).length
          ? ` (${Object.values(e.unit)
              .map((v) => valueText(v, lang))
              .join(", ")})`
          : ""
      }: ${say(e.summary, lang)} [${e.code}]`,
  );
  if (r.total.errors.count > r.errors.length) lines.push(w.moreErrors(r.total.errors.count - r.errors.length));
  return lines;
}

function textTable(b: Block): string {
  const all = [b.head, ...b.rows];
  const widths = b.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const last = b.head.length - 1;
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === last && b.align[i] === "l" ? c : b.align[i] === "r" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [...(b.heading ? [b.heading] : []), line(b.head), ...b.rows.map(line)].join("\n");
}

/** Text for Markdown (a table cell, a heading, a list item): no line breaks, and no HTML (`<` `>` escaped). */
function mdCell(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/([|<>])/g, "\\$1")
    .replace(/\r?\n/g, " ");
}

function mdTable(b: Block, level: number): string {
  const out: string[] = [];
  if (b.heading) out.push(`${"#".repeat(level)} ${mdCell(b.heading)}`, "");
  out.push(`| ${b.head.map(mdCell).join(" | ")} |`);
  out.push(`|${b.align.map((a) => (a === "r" ? " ---: " : " --- ")).join("|")}|`);
  for (const r of b.rows) out.push(`| ${r.map(mdCell).join(" | ")} |`);
  return out.join("\n");
}

function renderText(r: Report, lang: Lang): string {
  const out: string[] = [...setLines(r, lang), summaryLine(r.total, lang), "", ...tallyBlocks(r.total, lang).map((b) => `${textTable(b)}\n`)];
  if (r.by.length > 0) {
    out.push(`${textTable(groupsBlock(r, lang))}\n`);
    for (const g of r.groups) {
      const title = `== ${r.by.join(" / ")}: ${keyText(g.key, r.by, lang)} ==`;
      out.push(title, summaryLine(g, lang), "", ...tallyBlocks(g, lang).map((b) => `${textTable(b)}\n`));
    }
  }
  const errs = errorLines(r, lang);
  if (errs.length) out.push(words(lang).errors, ...errs.map((e) => `  ${e}`), "");
  return `${out.join("\n").trimEnd()}\n`;
}

function renderMarkdown(r: Report, lang: Lang): string {
  const w = words(lang);
  const out: string[] = [
    `# ${mdCell(r.total.sets.length === 1 ? r.total.sets[0]!.title[lang] : w.set)}`,
    "",
    ...setLines(r, lang).map((l) => `${mdCell(l)}  `),
    summaryLine(r.total, lang),
    "",
  ];
  for (const b of tallyBlocks(r.total, lang)) out.push(mdTable(b, 2), "");
  if (r.by.length > 0) {
    out.push(mdTable(groupsBlock(r, lang), 2), "");
    for (const g of r.groups) {
      out.push(`## ${mdCell(`${r.by.join(" / ")}: ${keyText(g.key, r.by, lang)}`)}`, "", summaryLine(g, lang), "");
      for (const b of tallyBlocks(g, lang)) out.push(mdTable(b, 3), "");
    }
  }
  const errs = errorLines(r, lang);
  if (errs.length) out.push(`## ${w.errors}`, "", ...errs.map((e) => `- ${mdCell(e)}`), "");
  return `${out.join("\n").trimEnd()}\n`;
}

/** Quotes a CSV cell (RFC 4180). Text that a spreadsheet would run as a formula is prefixed with `'`. */
function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function renderCsv(r: Report, lang: Lang): string {
  const w = words(lang);
  const head = ["scope", ...r.by, "section", "set", "key", "status", "label", "count", "total", "percent"];
  const rows: (string | number | null)[][] = [];
  const emit = (scope: string, key: readonly GroupValue[], t: Tally) => {
    const k = key.map((v) => (v === null ? null : typeof v === "boolean" ? String(v) : v));
    const add = (section: string, set: string | null, id: string | null, status: string | null, label: Localized | string | null, s: Share) =>
      rows.push([scope, ...k, section, set, id, status, label === null ? null : typeof label === "string" ? label : label[lang], s.count, s.total, s.percent]);
    add("units", null, "evaluated", null, null, { count: t.evaluated, total: t.units, percent: roundedPercent(t.evaluated, t.units, r.decimals) });
    add("units", null, "errors", null, null, t.errors);
    for (const v of VERDICTS) add("verdict", null, v, null, w.verdicts[v], t.verdicts[v]);
    for (const g of t.grades) {
      add("grade", null, g.id, "final", g.title ?? w.noGrade, g);
      if (g.id !== null) add("grade", null, g.id, "provisional", g.title, g.provisional);
    }
    for (const s of t.sets)
      for (const c of s.criteria) for (const st of STATUSES) add("criterion", `${s.id}@${s.version}`, c.id, STATUS_IDS[st], c.title, c[st]);
  };
  emit(
    "all",
    r.by.map(() => null),
    r.total,
  );
  for (const g of r.groups)
    emit(
      "group",
      r.by.map((f) => g.key[f] ?? null),
      g,
    );
  return `${[head.map(csvCell).join(","), ...rows.map((row) => row.map(csvCell).join(","))].join("\r\n")}\r\n`;
}

/**
 * Writes a report.
 *
 * @param format - `text` (aligned tables for a terminal), `md` (Markdown tables), `csv` (one row per figure,
 *   for spreadsheets: scope, the grouping fields, section, set, key, status, label, count, total, percent) or
 *   `json` (the {@link Report} object).
 * @param lang - Language of labels and, for text and Markdown, of numbers.
 */
export function formatReport(report: Report, format: ReportFormat, lang: Lang = "vi"): string {
  switch (format) {
    case "text":
      return renderText(report, lang);
    case "md":
      return renderMarkdown(report, lang);
    case "csv":
      return renderCsv(report, lang);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
