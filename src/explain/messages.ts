/**
 * The sentences of a result: one per criterion, from the set's templates or written automatically (what was
 * required, what was found), and one for the verdict. Always both languages.
 *
 * @module
 */
import type { Localized } from "../schema/common.js";
import type { CriteriaSet, Criterion } from "../schema/criteria-set.js";
import type { CriterionResult, Gap, Measure, PointsSummary, Verdict } from "../schema/result.js";
import { say, type Message } from "../i18n/index.js";
import { describeRule, type LabelNode } from "./describe.js";
import { formatNumber, formatPercent, formatValue, LANGS, type Lang } from "./format.js";

/** Everything a criterion's sentence can draw on. */
export interface MessageInput {
  readonly criterion: Criterion;
  readonly result: Omit<CriterionResult, "message">;
  /** Why the criterion is `error`, as a message of the catalogue. */
  readonly error?: Message | undefined;
  readonly values: ReadonlyMap<string, unknown>;
  readonly measures: readonly Measure[];
  readonly root: Readonly<Record<string, unknown>>;
  readonly labels: LabelNode;
}

const MAX_FOUND = 6;

/** Labels of paths already put into words, per label tree and language: batches meet the same paths again and again. */
const labelCache = new WeakMap<LabelNode, { vi: Map<string, string>; en: Map<string, string> }>();
const MAX_CACHED_LABELS = 20_000;

function labelsCached(labels: LabelNode): { vi: Map<string, string>; en: Map<string, string> } {
  let cache = labelCache.get(labels);
  if (!cache) labelCache.set(labels, (cache = { vi: new Map(), en: new Map() }));
  return cache;
}

/** A data path in words, e.g. `thanhVien[2].tuoi` -> `Thành viên #3 › Tuổi`. */
export function labelPath(path: string, labels: LabelNode, lang: Lang): string {
  return labelIn(labelsCached(labels)[lang], path, labels, lang);
}

function labelIn(byLang: Map<string, string>, path: string, labels: LabelNode, lang: Lang): string {
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
    parts.push(node?.step?.[lang] ?? node?.label?.[lang] ?? m[1]!);
  }
  return parts.join(" › ");
}

function measureText(m: Measure, lang: Lang): string {
  const actual = `${formatNumber(m.part, lang)}/${formatNumber(m.whole, lang)} (${formatPercent(m.part, m.whole, lang)})`;
  const need = `${m.op === "atLeast" ? (lang === "vi" ? "tối thiểu" : "at least") : lang === "vi" ? "tối đa" : "at most"} ${formatNumber(m.percent, lang)}%`;
  return lang === "vi" ? `${actual}, yêu cầu ${need}` : `${actual}, ${need} required`;
}

/** What was found, in words: the ratios compared, or the first values read. */
function found(input: MessageInput, lang: Lang): string {
  const measures = input.measures;
  if (measures.length > 0) {
    let text = measureText(measures[0]!, lang);
    for (let i = 1; i < measures.length; i++) text += `; ${measureText(measures[i]!, lang)}`;
    return text;
  }
  const count = input.values.size;
  if (count === 0) return lang === "vi" ? "không đọc dữ liệu nào" : "no data read";
  const byLang = labelsCached(input.labels)[lang];
  let text = "";
  let shown = 0;
  for (const [p, v] of input.values) {
    if (shown === MAX_FOUND) break;
    text += `${shown === 0 ? "" : "; "}${labelIn(byLang, p, input.labels, lang)}: ${formatValue(v, lang)}`;
    shown++;
  }
  if (count > MAX_FOUND) text += lang === "vi" ? `; … và ${count - MAX_FOUND} giá trị khác` : `; … and ${count - MAX_FOUND} more`;
  return text;
}

/** What a criterion requires, in words, as written and without its final full stop: the same for every unit. */
interface Required {
  readonly text: string;
  readonly trimmed: string;
}

const requiredCache = new WeakMap<Criterion, WeakMap<LabelNode, Partial<Record<Lang, Required>>>>();

function required(c: Criterion, labels: LabelNode, lang: Lang): Required {
  let byLabels = requiredCache.get(c);
  if (!byLabels) requiredCache.set(c, (byLabels = new WeakMap()));
  let texts = byLabels.get(labels);
  if (!texts) byLabels.set(labels, (texts = {}));
  let r = texts[lang];
  if (r === undefined) {
    const text = requiredText(c, labels, lang);
    texts[lang] = r = { text, trimmed: trimDot(text) };
  }
  return r;
}

function requiredText(c: Criterion, labels: LabelNode, lang: Lang): string {
  if (c.requirement) return c.requirement[lang];
  const rule = c.rule ?? c.excludes ?? (c.points && typeof c.points === "object" && "tiers" in c.points ? c.points.tiers[c.points.tiers.length - 1]!.when : undefined);
  return rule === undefined ? "" : describeRule(rule, lang, labels);
}

const trimDot = (s: string) => s.replace(/[.\s]+$/, "");

/** The missing paths in words. */
function missingText(input: MessageInput, lang: Lang): string {
  const missing = input.result.missing;
  const byLang = labelsCached(input.labels)[lang];
  let text = "";
  for (let i = 0; i < missing.length; i++) text += `${i === 0 ? "" : ", "}${labelIn(byLang, missing[i]!, input.labels, lang)}`;
  return text === "" ? (lang === "vi" ? "(không rõ)" : "(unknown)") : text;
}

/** ` (earned/max điểm)`, or in English ` (earned/max points)`: the same few for every unit, so kept. */
const pointsTexts = { vi: new Map<number, string>(), en: new Map<number, string>() };

function pointsText(points: { earned: number; max: number } | null, lang: Lang): string {
  if (!points) return "";
  const { earned, max } = points;
  const small = earned >= 0 && max >= 0 && earned < 65536 && max < 65536 && Number.isInteger(earned) && Number.isInteger(max);
  const key = earned * 65536 + max;
  let text = small ? pointsTexts[lang].get(key) : undefined;
  if (text === undefined) {
    text = lang === "vi" ? ` (${earned}/${max} điểm)` : ` (${earned}/${max} points)`;
    if (small && pointsTexts[lang].size < 10_000) pointsTexts[lang].set(key, text);
  }
  return text;
}

/**
 * Which group was empty, in words: the lists read that were given empty (`thành viên: danh sách trống`), or,
 * when the lists had members, that every one of them was left out of the base.
 */
function emptyGroupText(input: MessageInput, lang: Lang): string {
  const byLang = labelsCached(input.labels)[lang];
  const empty: string[] = [];
  for (const [p, v] of input.values) if (Array.isArray(v) && v.length === 0) empty.push(labelIn(byLang, p, input.labels, lang));
  if (empty.length > 0) return lang === "vi" ? `danh sách ${empty.join(", ")} được khai là trống` : `the list of ${empty.join(", ")} is given empty`;
  return lang === "vi" ? "không còn ai trong nhóm để tính tỷ lệ sau khi loại trừ" : "nobody is left in the group the share is taken of once the exclusions are applied";
}

/** The sentence of a criterion whose status comes from the set's declaration for an empty group. */
function emptyGroupMessage(input: MessageInput, lang: Lang): string {
  const { criterion: c, result: r } = input;
  const vi = lang === "vi";
  const why = emptyGroupText(input, lang);
  const pts = pointsText(r.points, lang);
  if (c.role === "exclusion")
    return r.status === "fail"
      ? vi ? `Thuộc trường hợp không xét: ${why}, và bộ tiêu chí coi nhóm trống là thuộc trường hợp này.` : `Excluded: ${why}, which the set counts as excluded.`
      : vi ? `Không thuộc trường hợp loại trừ: ${why}.` : `No exclusion applies: ${why}.`;
  if (r.status === "pass") return vi ? `Đạt${pts}: ${why}, và văn bản coi nhóm trống là đạt.` : `Met${pts}: ${why}, which the regulation counts as met.`;
  if (r.status === "fail") return vi ? `Chưa đạt${pts}: ${why}; nhóm trống không đáp ứng tiêu chí này.` : `Not met${pts}: ${why}; an empty group does not meet this criterion.`;
  return vi ? `Không áp dụng: ${why}; tiêu chí không đặt ra cho đơn vị không có ai trong nhóm này.` : `Not applicable: ${why}; the criterion does not concern a unit with nobody in this group.`;
}

function automatic(input: MessageInput, lang: Lang): string {
  const { criterion: c, result: r } = input;
  const vi = lang === "vi";
  if (r.reason === "empty-group") return emptyGroupMessage(input, lang);
  switch (r.status) {
    case "pass": {
      if (c.role === "exclusion") return vi ? "Không thuộc trường hợp loại trừ." : "No exclusion applies.";
      const pts = pointsText(r.points, lang);
      return vi ? `Đạt${pts}. Ghi nhận: ${found(input, lang)}.` : `Met${pts}. Found: ${found(input, lang)}.`;
    }
    case "fail": {
      const req = required(c, input.labels, lang).trimmed;
      if (c.role === "exclusion") return vi ? `Thuộc trường hợp không xét: ${req}. Ghi nhận: ${found(input, lang)}.` : `Excluded: ${req}. Found: ${found(input, lang)}.`;
      const pts = pointsText(r.points, lang);
      return vi ? `Chưa đạt${pts}. Yêu cầu: ${req}. Ghi nhận: ${found(input, lang)}.` : `Not met${pts}. Required: ${req}. Found: ${found(input, lang)}.`;
    }
    case "missing":
      if (r.reason === "not-encoded")
        return vi ? `Chưa được mã hóa: ${trimDot(c.pending!.reason.vi)}.` : `Not encoded yet: ${trimDot(c.pending!.reason.en)}.`;
      return vi ? `Thiếu dữ liệu: ${missingText(input, lang)}.` : `Missing data: ${missingText(input, lang)}.`;
    case "not-applicable":
      return vi ? "Không áp dụng cho đơn vị này." : "Not applicable to this unit.";
    case "error":
      return vi ? `Lỗi khi đánh giá: ${input.error ? say(input.error, lang) : r.error}.` : `Could not be evaluated: ${input.error ? say(input.error, lang) : r.error}.`;
  }
}

function templateFor(c: Criterion, r: Omit<CriterionResult, "message">): Localized | undefined {
  const e = c.explain;
  // A set's templates speak of the ratio it compared; an empty group has none: its own sentence says why.
  if (!e || r.reason === "empty-group") return undefined;
  if (r.status === "pass") return e.pass;
  if (r.status === "fail") return e.fail;
  if (r.status === "missing" && r.reason !== "not-encoded") return e.missing;
  if (r.status === "not-applicable") return e.notApplicable;
  return undefined;
}

/**
 * A template cut at its `{{placeholders}}` (a name between double braces, spaces around it ignored): text,
 * then name and the placeholder as written, in turn, ending with text. Cut once per template.
 */
type CutTemplate = readonly string[];
const cutCache = new Map<string, CutTemplate>();

function cut(template: string): CutTemplate {
  let parts = cutCache.get(template);
  if (!parts) {
    const out: string[] = [];
    let last = 0;
    for (const m of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      out.push(template.slice(last, m.index), m[1]!, m[0]);
      last = m.index + m[0].length;
    }
    out.push(template.slice(last));
    parts = out;
    if (cutCache.size > 10_000) cutCache.clear();
    cutCache.set(template, parts);
  }
  return parts;
}

/** The value of a template's `{{name}}`, or undefined to leave the placeholder as written (an unknown name). */
function nameValue(input: MessageInput, lang: Lang, name: string): string | undefined {
  const c = input.criterion;
  switch (name) {
    case "id":
      return c.id;
    case "title":
      return c.title[lang];
    case "points":
      return String(input.result.points?.earned ?? 0);
    case "maxPoints":
      return String(input.result.points?.max ?? 0);
    case "missing":
      return missingText(input, lang);
    case "found":
      return found(input, lang);
    case "required":
      return required(c, input.labels, lang).text;
  }
  const m = input.measures[0];
  if (m) {
    switch (name) {
      case "part":
        return formatNumber(m.part, lang);
      case "whole":
        return formatNumber(m.whole, lang);
      case "percent":
        return formatPercent(m.part, m.whole, lang);
      case "requiredPercent":
        return `${formatNumber(m.percent, lang)}%`;
    }
  }
  // An input or derived value by name (own: an input named like an Object.prototype method reads the input).
  return Object.hasOwn(input.root, name) ? formatValue(input.root[name], lang) : undefined;
}

/** The sentence, in both languages, saying why a criterion has its status. */
export function criterionMessage(input: MessageInput): Localized {
  const tpl = templateFor(input.criterion, input.result);
  if (!tpl) return { vi: automatic(input, "vi"), en: automatic(input, "en") };
  return { vi: fillCut(cut(tpl.vi), input, "vi"), en: fillCut(cut(tpl.en), input, "en") };
}

/**
 * Longest sentence a template fills, in characters: a template repeating `{{name}}` thousands of times over a
 * long value would otherwise build a text longer than JavaScript strings can be (a `RangeError`).
 */
export const MAX_SENTENCE = 10_000;

function fillCut(parts: CutTemplate, input: MessageInput, lang: Lang): string {
  let text = parts[0]!;
  for (let i = 1; i < parts.length && text.length <= MAX_SENTENCE; i += 3) text += (nameValue(input, lang, parts[i]!) ?? parts[i + 1]!) + parts[i + 2]!;
  return text.length <= MAX_SENTENCE ? text : `${text.slice(0, MAX_SENTENCE)}…`;
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
