/**
 * Plain-text renderings of case outcomes and coverage, shared by `tieuchi test` and the vitest helpers so a
 * failing case reads the same in both.
 *
 * @module
 */
import type { Lang } from "../explain/format.js";
import type { CaseOutcome, Difference } from "./cases.js";
import { COVERED_STATUSES, type Coverage } from "./coverage.js";

const WORDS = {
  vi: {
    expected: "cần",
    got: "thực tế",
    verdict: "kết luận",
    grade: "xếp loại",
    points: "điểm",
    invalidData: "dữ liệu",
    error: "lỗi",
    none: "(không có)",
    criterion: "tiêu chí",
    pending: "chưa mã hóa: thiếu dữ liệu ở nơi áp dụng, không xét đạt/chưa đạt",
    neverBoth: "chưa có ca nào thấy",
    summary: (n: number, t: number) => `${n}/${t} tiêu chí đã được thấy cả đạt lẫn chưa đạt`,
    header: ["Tiêu chí", "đạt", "chưa đạt", "thiếu", "không áp dụng", ""],
  },
  en: {
    expected: "expected",
    got: "got",
    verdict: "verdict",
    grade: "grade",
    points: "points",
    invalidData: "data",
    error: "error",
    none: "(none)",
    criterion: "criterion",
    pending: "pending (not encoded): missing where it applies, exempt from pass and fail",
    neverBoth: "never seen",
    summary: (n: number, t: number) => `${n}/${t} criteria seen both passing and failing`,
    header: ["Criterion", "pass", "fail", "missing", "n/a", ""],
  },
} as const;

const STATUS_WORDS: Record<Lang, Record<string, string>> = {
  vi: { pass: "đạt", fail: "chưa đạt", missing: "thiếu dữ liệu", "not-applicable": "không áp dụng", error: "lỗi", incomplete: "chưa đủ dữ liệu" },
  en: { pass: "pass", fail: "fail", missing: "missing", "not-applicable": "not applicable", error: "error", incomplete: "incomplete" },
};

function show(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return WORDS[lang].none;
  // Statuses and verdicts stay as the ids written in case files, so the author can find them there.
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(", ");
  return String(v);
}

/** One line (or a few) per difference: what was expected, what happened, and for a criterion why. */
export function formatDifference(d: Difference, lang: Lang): string[] {
  const w = WORDS[lang];
  if (d.criterion) {
    const head = `${w.criterion} ${d.criterion.id} (${d.criterion.title[lang]}): ${w.expected} ${show(d.expected, lang)}, ${w.got} ${show(d.actual, lang)}`;
    return d.criterion.message ? [head, `  ${d.criterion.message[lang]}`] : [head];
  }
  const label = d.field.startsWith("criteria.") ? `${w.criterion} ${d.field.slice("criteria.".length)}` : ((w as Record<string, unknown>)[d.field] as string | undefined) ?? d.field;
  if (Array.isArray(d.actual) && d.field === "invalidData" && typeof d.expected === "string")
    return [`${label}: ${w.expected} ${d.expected}, ${w.got}:`, ...d.actual.map((a) => `  ${String(a)}`)];
  return [`${label}: ${w.expected} ${show(d.expected, lang)}, ${w.got} ${show(d.actual, lang)}`];
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
  const w = WORDS[lang];
  const rows = c.criteria.map((cr) => {
    const marks = COVERED_STATUSES.map((s) => (!cr.possible[s] ? "–" : cr.seen[s] > 0 ? `✔ ${cr.seen[s]}` : "·"));
    const note = cr.passAndFail === null ? w.pending : cr.passAndFail ? "" : `✘ ${w.neverBoth} ${cr.seen.pass === 0 ? STATUS_WORDS[lang].pass : STATUS_WORDS[lang].fail}`;
    return [cr.id, ...marks, note];
  });
  const all = [[...w.header], ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const lines = all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd());
  const judged = c.criteria.filter((cr) => cr.passAndFail !== null);
  lines.push(w.summary(judged.filter((cr) => cr.passAndFail).length, judged.length));
  return lines.join("\n");
}

/** The words for a status or verdict, in a language. */
export function statusWord(status: string, lang: Lang): string {
  return STATUS_WORDS[lang][status] ?? status;
}
