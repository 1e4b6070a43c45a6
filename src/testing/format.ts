/**
 * Plain-text renderings of case outcomes and coverage, shared by `tieuchi test` and the vitest helpers so a
 * failing case reads the same in both. Every word comes from the message catalogue (`case.*`).
 *
 * @module
 */
import type { Lang } from "../explain/format.js";
import { isMessage, say, t } from "../i18n/index.js";
import { STATUS_VALUES, VERDICT_VALUES } from "../i18n/codes/words.js";
import type { CaseOutcome, Difference } from "./cases.js";
import { COVERED_STATUSES, type Coverage } from "./coverage.js";

const IDS: ReadonlySet<string> = new Set([...STATUS_VALUES, ...VERDICT_VALUES]);

function show(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return t(lang, "word.none");
  if (isMessage(v)) return say(v, lang);
  // Statuses and verdicts are shown as the ids written in case files, so the author can find them there.
  if (typeof v === "string") {
    if (!IDS.has(v)) return v;
    const word = (STATUS_VALUES as readonly string[]).includes(v)
      ? t(lang, "word.status", { status: v as (typeof STATUS_VALUES)[number] })
      : t(lang, "word.verdict", { verdict: v as (typeof VERDICT_VALUES)[number] });
    return t(lang, "case.id", { id: v, word });
  }
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(", ");
  return String(v);
}

const FIELDS = ["verdict", "grade", "points", "invalidData", "error"] as const;

/** One line (or a few) per difference: what was expected, what happened, and for a criterion why. */
export function formatDifference(d: Difference, lang: Lang): string[] {
  if (d.criterion) {
    const head = t(lang, "case.expected_got", {
      label: t(lang, "case.criterion", { id: d.criterion.id, title: d.criterion.title }),
      expected: show(d.expected, lang),
      actual: show(d.actual, lang),
    });
    return d.criterion.message ? [head, `  ${d.criterion.message[lang]}`] : [head];
  }
  const label = d.field.startsWith("criteria.")
    ? t(lang, "case.criterion", { id: d.field.slice("criteria.".length) })
    : (FIELDS as readonly string[]).includes(d.field)
      ? t(lang, "case.field", { field: d.field as (typeof FIELDS)[number] })
      : d.field;
  if (Array.isArray(d.actual) && d.field === "invalidData" && !Array.isArray(d.expected))
    return [t(lang, "case.expected_list", { label, expected: show(d.expected, lang) }), ...d.actual.map((a) => `  ${show(a, lang)}`)];
  return [t(lang, "case.expected_got", { label, expected: show(d.expected, lang), actual: show(d.actual, lang) })];
}

/** The lines explaining why a case failed (empty for a case that held). */
export function formatOutcome(o: CaseOutcome, lang: Lang): string[] {
  return o.differences.flatMap((d) => formatDifference(d, lang));
}

/**
 * Coverage as a table: one row per criterion, a mark per status (`✔` seen, `·` possible but never seen, `–`
 * impossible for this criterion), and whether it was seen both passing and failing.
 */
export function formatCoverage(c: Coverage, lang: Lang): string {
  const rows = c.criteria.map((cr) => {
    const marks = COVERED_STATUSES.map((s) => (!cr.possible[s] ? "–" : cr.seen[s] > 0 ? `✔ ${cr.seen[s]}` : "·"));
    const note =
      cr.passAndFail === null
        ? t(lang, "case.pending")
        : cr.passAndFail
          ? ""
          : `✘ ${t(lang, "case.never_seen", { status: cr.seen.pass === 0 ? "pass" : "fail" })}`;
    return [cr.id, ...marks, note];
  });
  const header = [t(lang, "case.criterion_column"), ...COVERED_STATUSES.map((s) => t(lang, "word.status_short", { status: s })), ""];
  const all = [header, ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const lines = all.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
  const judged = c.criteria.filter((cr) => cr.passAndFail !== null);
  lines.push(t(lang, "case.coverage_summary", { seen: judged.filter((cr) => cr.passAndFail).length, total: judged.length }));
  return lines.join("\n");
}

/** The words for a status or verdict, in a language. */
export function statusWord(status: string, lang: Lang): string {
  if ((STATUS_VALUES as readonly string[]).includes(status)) return t(lang, "word.status", { status: status as (typeof STATUS_VALUES)[number] });
  if ((VERDICT_VALUES as readonly string[]).includes(status)) return t(lang, "word.verdict", { verdict: status as (typeof VERDICT_VALUES)[number] });
  return status;
}
