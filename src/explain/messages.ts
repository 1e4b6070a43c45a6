/**
 * The sentences of a result: one per criterion, from the set's templates or written automatically (what was
 * required, what was found), and one for the verdict. Always both languages.
 *
 * @module
 */
import type { Localized } from "../schema/common.js";
import type { CriteriaSet, Criterion } from "../schema/criteria-set.js";
import type { CriterionResult, Gap, Measure, PointsSummary, Verdict } from "../schema/result.js";
import { describeRule, type LabelNode } from "./describe.js";
import { fill, formatPercent, formatValue, LANGS, type Lang } from "./format.js";
import { formatNumber } from "./format.js";

/** Everything a criterion's sentence can draw on. */
export interface MessageInput {
  readonly criterion: Criterion;
  readonly result: Omit<CriterionResult, "message">;
  readonly values: ReadonlyMap<string, unknown>;
  readonly measures: readonly Measure[];
  readonly root: Readonly<Record<string, unknown>>;
  readonly labels: LabelNode;
}

const MAX_FOUND = 6;

/** Labels of paths already put into words, per label tree and language: batches meet the same paths again and again. */
const labelCache = new WeakMap<LabelNode, { vi: Map<string, string>; en: Map<string, string> }>();
const MAX_CACHED_LABELS = 20_000;

/** A data path in words, e.g. `thanhVien[2].tuoi` -> `Thành viên #3 › Tuổi`. */
export function labelPath(path: string, labels: LabelNode, lang: Lang): string {
  let cache = labelCache.get(labels);
  if (!cache) labelCache.set(labels, (cache = { vi: new Map(), en: new Map() }));
  const byLang = cache[lang];
  let text = byLang.get(path);
  if (text === undefined) {
    text = pathInWords(path, labels, lang);
    if (byLang.size >= MAX_CACHED_LABELS) byLang.clear();
    byLang.set(path, text);
  }
  return text;
}

function pathInWords(path: string, labels: LabelNode, lang: Lang): string {
  const parts: string[] = [];
  let node: LabelNode | undefined = labels;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) {
      node = node?.item;
      parts[parts.length - 1] += ` #${Number(m[2]) + 1}`;
      continue;
    }
    node = node?.fields?.get(m[1]!);
    parts.push(node?.label?.[lang] ?? m[1]!);
  }
  return parts.join(" › ");
}

function measureText(m: Measure, lang: Lang): string {
  const actual = `${formatNumber(m.part, lang)}/${formatNumber(m.whole, lang)} (${formatPercent(m.part, m.whole, lang)})`;
  const need = `${m.op === "atLeast" ? (lang === "vi" ? "tối thiểu" : "at least") : lang === "vi" ? "tối đa" : "at most"} ${formatNumber(m.percent, lang)}%`;
  return lang === "vi" ? `${actual}, yêu cầu ${need}` : `${actual}, ${need} required`;
}

function found(input: MessageInput, lang: Lang): string {
  if (input.measures.length > 0) return input.measures.map((m) => measureText(m, lang)).join("; ");
  const count = input.values.size;
  if (count === 0) return lang === "vi" ? "không đọc dữ liệu nào" : "no data read";
  const shown: string[] = [];
  for (const [p, v] of input.values) {
    if (shown.length === MAX_FOUND) break;
    shown.push(`${labelPath(p, input.labels, lang)}: ${formatValue(v, lang)}`);
  }
  if (count > MAX_FOUND) shown.push(lang === "vi" ? `… và ${count - MAX_FOUND} giá trị khác` : `… and ${count - MAX_FOUND} more`);
  return shown.join("; ");
}

/** What a criterion requires, in words: the same for every unit, so written once per criterion and language. */
const requiredCache = new WeakMap<Criterion, WeakMap<LabelNode, Partial<Record<Lang, string>>>>();

function required(c: Criterion, labels: LabelNode, lang: Lang): string {
  let byLabels = requiredCache.get(c);
  if (!byLabels) requiredCache.set(c, (byLabels = new WeakMap()));
  let texts = byLabels.get(labels);
  if (!texts) byLabels.set(labels, (texts = {}));
  return (texts[lang] ??= requiredText(c, labels, lang));
}

function requiredText(c: Criterion, labels: LabelNode, lang: Lang): string {
  if (c.requirement) return c.requirement[lang];
  const rule = c.rule ?? c.excludes ?? (c.points && typeof c.points === "object" && "tiers" in c.points ? c.points.tiers[c.points.tiers.length - 1]!.when : undefined);
  return rule === undefined ? "" : describeRule(rule, lang, labels);
}

const trimDot = (s: string) => s.replace(/[.\s]+$/, "");

function automatic(input: MessageInput, lang: Lang, names: Record<string, string>): string {
  const { criterion: c, result: r } = input;
  const vi = lang === "vi";
  const pts = r.points ? (vi ? ` (${r.points.earned}/${r.points.max} điểm)` : ` (${r.points.earned}/${r.points.max} points)`) : "";
  switch (r.status) {
    case "pass":
      if (c.role === "exclusion") return vi ? "Không thuộc trường hợp loại trừ." : "No exclusion applies.";
      return vi ? `Đạt${pts}. Ghi nhận: ${names.found}.` : `Met${pts}. Found: ${names.found}.`;
    case "fail":
      if (c.role === "exclusion")
        return vi ? `Thuộc trường hợp không xét: ${trimDot(names.required!)}. Ghi nhận: ${names.found}.` : `Excluded: ${trimDot(names.required!)}. Found: ${names.found}.`;
      return vi
        ? `Chưa đạt${pts}. Yêu cầu: ${trimDot(names.required!)}. Ghi nhận: ${names.found}.`
        : `Not met${pts}. Required: ${trimDot(names.required!)}. Found: ${names.found}.`;
    case "missing":
      if (r.reason === "not-encoded")
        return vi ? `Chưa được mã hóa: ${trimDot(c.pending!.reason.vi)}.` : `Not encoded yet: ${trimDot(c.pending!.reason.en)}.`;
      return vi ? `Thiếu dữ liệu: ${names.missing}.` : `Missing data: ${names.missing}.`;
    case "not-applicable":
      if (r.reason === "empty-group")
        return vi ? "Không áp dụng: nhóm dùng để tính tỷ lệ không có ai." : "Not applicable: the group the share is taken of is empty.";
      return vi ? "Không áp dụng cho đơn vị này." : "Not applicable to this unit.";
    case "error":
      return vi ? `Lỗi khi đánh giá: ${r.error}.` : `Could not be evaluated: ${r.error}.`;
  }
}

function templateFor(c: Criterion, r: Omit<CriterionResult, "message">): Localized | undefined {
  const e = c.explain;
  if (!e) return undefined;
  if (r.status === "pass") return e.pass;
  if (r.status === "fail") return e.fail;
  if (r.status === "missing" && r.reason !== "not-encoded") return e.missing;
  if (r.status === "not-applicable") return e.notApplicable;
  return undefined;
}

const placeholderCache = new Map<string, readonly string[]>();

/** The names a template's `{{placeholders}}` use, as `fill` reads them. */
function placeholders(template: string): readonly string[] {
  let names = placeholderCache.get(template);
  if (!names) {
    names = [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!);
    if (placeholderCache.size > 10_000) placeholderCache.clear();
    placeholderCache.set(template, names);
  }
  return names;
}

/** The sentence, in both languages, saying why a criterion has its status. */
export function criterionMessage(input: MessageInput): Localized {
  const out = { vi: "", en: "" };
  const tpl = templateFor(input.criterion, input.result);
  for (const lang of LANGS) {
    const m = input.measures[0];
    const names: Record<string, string> = {
      id: input.criterion.id,
      title: input.criterion.title[lang],
      points: String(input.result.points?.earned ?? 0),
      maxPoints: String(input.result.points?.max ?? 0),
      missing: input.result.missing.map((p) => labelPath(p, input.labels, lang)).join(", ") || (lang === "vi" ? "(không rõ)" : "(unknown)"),
      found: found(input, lang),
      required: required(input.criterion, input.labels, lang),
    };
    if (m) {
      names.part = formatNumber(m.part, lang);
      names.whole = formatNumber(m.whole, lang);
      names.percent = formatPercent(m.part, m.whole, lang);
      names.requiredPercent = `${formatNumber(m.percent, lang)}%`;
    }
    if (tpl) {
      // Only the inputs the template names need words (fill leaves every other name alone).
      for (const k of placeholders(tpl[lang])) if (!(k in names) && k in input.root) names[k] = formatValue(input.root[k], lang);
      out[lang] = fill(tpl[lang], names);
    } else {
      out[lang] = automatic(input, lang, names);
    }
  }
  return out;
}

/** The sentence, in both languages, on the verdict. */
export function verdictMessage(set: CriteriaSet, verdict: Verdict, grade: { title: Localized } | null, points: PointsSummary | null, gap: Gap): Localized {
  const out = { vi: "", en: "" };
  for (const lang of LANGS) {
    const vi = lang === "vi";
    const pts = points ? (vi ? `${points.earned}/${points.applicableMax} điểm` : `${points.earned}/${points.applicableMax} points`) : "";
    const title = set.title[lang];
    if (verdict === "pass") {
      const g = grade ? (vi ? `, xếp loại ${grade.title.vi}` : `, grade ${grade.title.en}`) : "";
      out[lang] = vi ? `Đạt danh hiệu "${title}"${g}${pts ? ` (${pts})` : ""}.` : `Earns "${title}"${g}${pts ? ` (${pts})` : ""}.`;
    } else if (verdict === "fail") {
      const why: string[] = [];
      if (gap.blocking.length) why.push(vi ? `không đạt tiêu chí bắt buộc ${gap.blocking.join(", ")}` : `fails knock-out criteria ${gap.blocking.join(", ")}`);
      if (points && gap.pointsShort)
        why.push(vi ? `${pts}, thiếu ${gap.pointsShort} điểm so với mức đạt ${points.passMark}` : `${pts}, ${gap.pointsShort} short of the pass mark ${points.passMark}`);
      out[lang] = vi ? `Chưa đạt danh hiệu "${title}": ${why.join("; ") || "có tiêu chí chưa đạt"}.` : `Does not earn "${title}": ${why.join("; ") || "some criteria are not met"}.`;
    } else if (points && points.passMark === null) {
      out[lang] = vi
        ? `Không thể kết luận về danh hiệu "${title}": văn bản chưa xác định được mức điểm đạt (${pts}).`
        : `"${title}" cannot be decided: the regulation's pass mark is not known (${pts}).`;
    } else {
      out[lang] = vi
        ? `Chưa đủ dữ liệu để kết luận về danh hiệu "${title}": thiếu dữ liệu ở tiêu chí ${gap.missing.join(", ")}.`
        : `Not enough data to decide "${title}": criteria ${gap.missing.join(", ")} lack data.`;
    }
  }
  return out;
}
