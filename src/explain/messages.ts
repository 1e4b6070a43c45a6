/**
 * The sentences of a result: one per criterion, from the set's templates or written automatically (what was
 * required, what was found), and one for the verdict. Always both languages.
 *
 * @module
 */

import { catalogue, type Message, say, t } from "../i18n/index.js";
import type { ReadValues } from "../logic/trace.js";
import type { Localized } from "../schema/common.js";
import type { CriteriaSet, Criterion } from "../schema/criteria-set.js";
import type { CriterionResult, Gap, Measure, PointsSummary, Verdict } from "../schema/result.js";
import { describeRule, type LabelNode } from "./describe.js";
import { formatNumber, formatPercent, formatValue, LANGS, type Lang } from "./format.js";

/** Everything a criterion's sentence can draw on. */
export interface MessageInput {
  readonly criterion: Criterion;
  readonly result: Omit<CriterionResult, "message">;
  /** Why the criterion is `error`, as a message of the catalogue. */
  readonly error?: Message | undefined;
  /** The values the criterion's rules read, by path, in the order first read. */
  readonly values: ReadValues;
  readonly measures: readonly Measure[];
  readonly root: Readonly<Record<string, unknown>>;
  readonly labels: LabelNode;
  /** Absent data paths the criterion's rules read, whether or not they could change it (decided over completions). */
  readonly absent?: readonly string[];
}

const MAX_FOUND = 6;

/**
 * The catalogue's sentences a criterion's explanation uses, read off each language's catalogue once: every
 * unit's sentences call them directly, with no lookup of a key among the catalogue's hundreds.
 */
const SENTENCES = {
  vi: sentencesOf("vi"),
  en: sentencesOf("en"),
};

function sentencesOf(lang: Lang) {
  const w = catalogue(lang);
  return {
    measure: w["explain.measure"],
    noDataRead: w["explain.no_data_read"]({}),
    moreValues: w["explain.more_values"],
    unknownMissing: w["explain.unknown_missing"]({}),
    points: w["explain.points"],
    noExclusion: w["explain.no_exclusion"]({}),
    met: w["explain.met"],
    excluded: w["explain.excluded"],
    notMet: w["explain.not_met"],
    notEncoded: w["explain.not_encoded"],
    missing: w["explain.missing"],
    notApplicable: w["explain.not_applicable"]({}),
    error: w["explain.error"],
  };
}

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

/**
 * A ratio compared, in words, kept by its numbers (the usual ratios of small groups recur from unit to unit):
 * per language, by required percentage and comparison, then by part and whole.
 */
const measureTexts = { vi: new Map<number, Map<number, string>>(), en: new Map<number, Map<number, string>>() };
let measureTextCount = 0;

function measureText(m: Measure, lang: Lang): string {
  const { part, whole, percent } = m;
  const kept =
    Number.isInteger(part) &&
    Number.isInteger(whole) &&
    Number.isInteger(percent) &&
    part >= 0 &&
    whole >= 0 &&
    part < 16384 &&
    whole < 16384 &&
    percent >= 0 &&
    percent <= 100;
  if (!kept) return measureTextOf(m, lang);
  const byPercent = measureTexts[lang];
  const k1 = percent * 2 + (m.op === "atLeast" ? 0 : 1);
  let byCounts = byPercent.get(k1);
  if (byCounts === undefined) byPercent.set(k1, (byCounts = new Map()));
  const k2 = part * 16384 + whole;
  let text = byCounts.get(k2);
  if (text === undefined) {
    text = measureTextOf(m, lang);
    if (++measureTextCount > 20_000) {
      measureTexts.vi.clear();
      measureTexts.en.clear();
      measureTextCount = 0;
    } else byCounts.set(k2, text);
  }
  return text;
}

function measureTextOf(m: Measure, lang: Lang): string {
  return SENTENCES[lang].measure({ part: m.part, whole: m.whole, percent: formatPercent(m.part, m.whole, lang), op: m.op, required: m.percent });
}

/** What was found, in words: the ratios compared, or the first values read. */
function found(input: MessageInput, lang: Lang): string {
  const measures = input.measures;
  if (measures.length > 0) {
    let text = measureText(measures[0]!, lang);
    for (let i = 1; i < measures.length; i++) text += `; ${measureText(measures[i]!, lang)}`;
    return text;
  }
  const { paths, values } = input.values;
  const count = paths.length;
  if (count === 0) return SENTENCES[lang].noDataRead;
  const byLang = labelsCached(input.labels)[lang];
  let text = "";
  const shown = Math.min(count, MAX_FOUND);
  for (let i = 0; i < shown; i++) text += `${i === 0 ? "" : "; "}${labelIn(byLang, paths[i]!, input.labels, lang)}: ${formatValue(values[i], lang)}`;
  if (count > MAX_FOUND) text += `; ${SENTENCES[lang].moreValues({ count: count - MAX_FOUND })}`;
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
  const rule =
    c.rule ?? c.excludes ?? (c.points && typeof c.points === "object" && "tiers" in c.points ? c.points.tiers[c.points.tiers.length - 1]!.when : undefined);
  return rule === undefined ? "" : describeRule(rule, lang, labels);
}

const trimDot = (s: string) => s.replace(/[.\s]+$/, "");

/** The missing paths in words. */
function missingText(input: MessageInput, lang: Lang): string {
  const missing = input.result.missing;
  const byLang = labelsCached(input.labels)[lang];
  let text = "";
  for (let i = 0; i < missing.length; i++) text += `${i === 0 ? "" : ", "}${labelIn(byLang, missing[i]!, input.labels, lang)}`;
  return text === "" ? SENTENCES[lang].unknownMissing : text;
}

/** ` (earned/max điểm)`, or in English ` (earned/max points)`: the same few for every unit, so kept. */
const pointsTexts = { vi: new Map<number, string>(), en: new Map<number, string>() };

function pointsText(points: { earned: number; possible?: number; max: number } | null, lang: Lang): string {
  if (!points) return "";
  const { earned, max } = points;
  if (points.possible !== undefined && points.possible !== earned) return ` (${t(lang, "decision.points_range", { earned, possible: points.possible, max })})`;
  const small = earned >= 0 && max >= 0 && earned < 65536 && max < 65536 && Number.isInteger(earned) && Number.isInteger(max);
  const key = earned * 65536 + max;
  let text = small ? pointsTexts[lang].get(key) : undefined;
  if (text === undefined) {
    text = ` (${SENTENCES[lang].points({ earned, max })})`;
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
  const { paths, values } = input.values;
  for (let i = 0; i < paths.length; i++) {
    const v = values[i];
    if (Array.isArray(v) && v.length === 0) empty.push(labelIn(byLang, paths[i]!, input.labels, lang));
  }
  return empty.length > 0 ? t(lang, "decision.empty_lists", { lists: empty }) : t(lang, "decision.empty_excluded");
}

/** The sentence of a criterion whose status comes from the set's declaration for an empty group. */
function emptyGroupMessage(input: MessageInput, lang: Lang): string {
  const { criterion: c, result: r } = input;
  const status = r.status === "pass" || r.status === "fail" ? r.status : "not-applicable";
  return t(lang, "decision.empty_group", { status, exclusion: c.role === "exclusion", why: emptyGroupText(input, lang), points: pointsText(r.points, lang) });
}

/** The absent paths a criterion read, in words, when they could not change its (certain) status. */
function unaffectedText(input: MessageInput, lang: Lang): string {
  const absent = input.absent;
  if (!absent || absent.length === 0 || input.result.status === "missing") return "";
  const byLang = labelsCached(input.labels)[lang];
  const shown = absent.slice(0, MAX_FOUND).map((p) => labelIn(byLang, p, input.labels, lang));
  const list = shown.join(", ") + (absent.length > MAX_FOUND ? `, ${t(lang, "word.and_more", { count: absent.length - MAX_FOUND })}` : "");
  return ` ${t(lang, "decision.unaffected", { missing: list })}`;
}

/** The sentence of a criterion not encoded yet: the same for every unit, so made once per criterion. */
const notEncodedTexts = new WeakMap<Criterion, Partial<Record<Lang, string>>>();

function notEncodedText(c: Criterion, lang: Lang): string {
  let texts = notEncodedTexts.get(c);
  if (texts === undefined) notEncodedTexts.set(c, (texts = {}));
  return (texts[lang] ??= SENTENCES[lang].notEncoded({ reason: trimDot(c.pending!.reason[lang]) }));
}

function automatic(input: MessageInput, lang: Lang): string {
  return automaticSentence(input, lang) + unaffectedText(input, lang);
}

function automaticSentence(input: MessageInput, lang: Lang): string {
  const { criterion: c, result: r } = input;
  const words = SENTENCES[lang];
  if (r.reason === "empty-group") return emptyGroupMessage(input, lang);
  switch (r.status) {
    case "pass":
      if (c.role === "exclusion") return words.noExclusion;
      return words.met({ points: pointsText(r.points, lang), found: found(input, lang) });
    case "fail": {
      const req = required(c, input.labels, lang).trimmed;
      if (c.role === "exclusion") return words.excluded({ required: req, found: found(input, lang) });
      return words.notMet({ points: pointsText(r.points, lang), required: req, found: found(input, lang) });
    }
    case "missing":
      if (r.reason === "not-encoded") return notEncodedText(c, lang);
      if (r.outcomes.length > 1) {
        const points =
          r.points && r.points.possible !== r.points.earned
            ? t(lang, "decision.points_range", { earned: r.points.earned, possible: r.points.possible, max: r.points.max })
            : undefined;
        return t(lang, "decision.undecided", { missing: missingText(input, lang), outcomes: r.outcomes, ...(points ? { points } : {}) });
      }
      return words.missing({ missing: missingText(input, lang) });
    case "not-applicable":
      return words.notApplicable;
    case "error":
      return words.error({ reason: input.error ? say(input.error, lang) : String(r.error) });
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
  let tpl = templateFor(input.criterion, input.result);
  // A template that speaks of the ratio compared, for a criterion decided without one (over completions of the
  // missing data): the automatic sentence says what is certain instead.
  if (tpl && input.measures.length === 0 && speaksOfRatio(tpl)) tpl = undefined;
  if (!tpl) return { vi: automatic(input, "vi"), en: automatic(input, "en") };
  return { vi: fillCut(cut(tpl.vi), input, "vi") + unaffectedText(input, "vi"), en: fillCut(cut(tpl.en), input, "en") + unaffectedText(input, "en") };
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

/** Template names that need a ratio measured. */
const RATIO_NAMES = ["{{part}}", "{{whole}}", "{{percent}}", "{{requiredPercent}}"];

/** Whether a template speaks of the ratio compared: found once per template (a set's templates are few). */
const ratioTemplates = new WeakMap<Localized, boolean>();

function speaksOfRatio(tpl: Localized): boolean {
  let yes = ratioTemplates.get(tpl);
  if (yes === undefined) ratioTemplates.set(tpl, (yes = RATIO_NAMES.some((n) => tpl.vi.includes(n) || tpl.en.includes(n))));
  return yes;
}

/** What a verdict's sentence draws on. */
export interface VerdictInput {
  readonly verdict: Verdict;
  readonly grade: { readonly title: Localized } | null;
  readonly gradeFinal: boolean;
  readonly highestGrade: { readonly title: Localized } | null;
  readonly points: PointsSummary | null;
  readonly gap: Gap;
}

/** The sentence, in both languages, on the verdict: what is certain, and what the missing data could still change. */
export function verdictMessage(set: CriteriaSet, d: VerdictInput, labels?: LabelNode): Localized {
  const out = { vi: "", en: "" };
  const { verdict, grade, points, gap } = d;
  for (const lang of LANGS) {
    const words = catalogue(lang);
    // Put into words only where a sentence says them.
    const range = () => (points ? t(lang, "decision.points_range", { earned: points.earned, possible: points.possible, max: points.applicableMax }) : "");
    const pointsIn = () => (points ? SENTENCES[lang].points({ earned: points.earned, max: points.applicableMax }) : "");
    const title = set.title[lang];
    if (verdict === "pass" && !d.gradeFinal && grade && d.highestGrade) {
      out[lang] = t(lang, "decision.pass_provisional", {
        title,
        grade: grade.title[lang],
        highest: d.highestGrade.title[lang],
        ...(points ? { points: range() } : {}),
      });
    } else if (verdict === "pass") {
      // A pass every completion agrees on can still leave the points open (a criterion that may pass or not apply).
      const shown = points && points.possible !== points.earned ? range() : pointsIn();
      out[lang] = words["explain.verdict_pass"]({ title, grade: grade?.title[lang], points: shown || undefined });
    } else if (verdict === "fail" && gap.blocking.length === 0 && points && points.passMark !== null && points.possible > points.earned) {
      out[lang] = t(lang, "decision.fail_unreachable", { title, possible: points.possible, max: points.applicableMax, passMark: points.passMark });
    } else if (verdict === "fail") {
      out[lang] = words["explain.verdict_fail"]({
        title,
        blocking: gap.blocking,
        ...(points && gap.pointsShort ? { points: pointsIn(), short: gap.pointsShort, passMark: points.passMark ?? undefined } : {}),
      });
    } else if (points && points.passMark === null) {
      out[lang] = words["explain.verdict_no_pass_mark"]({ title, points: pointsIn() });
    } else {
      const data = labels ? gap.missingPaths.slice(0, MAX_FOUND).map((p) => labelPath(p, labels, lang)) : [];
      if (labels && gap.missingPaths.length > MAX_FOUND) data.push(t(lang, "word.and_more", { count: gap.missingPaths.length - MAX_FOUND }));
      out[lang] = t(lang, "decision.incomplete", {
        title,
        ...(points ? { points: range() } : {}),
        ...(points && points.passMark !== null ? { passMark: points.passMark } : {}),
        criteria: gap.missing,
        data,
      });
    }
  }
  return out;
}
