/**
 * What changed between two versions of a criteria set (or a set and the one that superseded it): criteria
 * added, removed, renamed and changed, inputs, derived values, groups, the decision and the metadata. Each
 * change is data (JSON) and a sentence in Vietnamese and English; rules are shown in words.
 *
 * Renames are matched this way, and only this way:
 * 1. criteria with the same id are the same criterion; if its title changed, that is a rename (`criterion-renamed`
 *    with the same id), and any other change to it is listed as well;
 * 2. of the criteria left over, one removed and one added whose substance is identical (the same role, `rule`,
 *    `excludes`, `applies`, `points` and `pending`, compared as canonical JSON) are one criterion under a new id
 *    (`criterion-renamed`), paired in file order;
 * 3. of those still left, one removed and one added whose Vietnamese titles are each other's most alike, sharing
 *    most of their words (a Dice coefficient of at least {@link TEXT_MATCH} over their sets of words, numbers
 *    aside), are one criterion reworded under a new id (`criterion-renamed`, `field: "text"`); what else
 *    changed in it is listed as for any pair. Anything else left over is added or removed.
 *
 * @module
 */
import { z } from "zod";
import { describeRule, type LabelNode } from "../explain/describe.js";
import { formatNumber, formatValue, type Lang } from "../explain/format.js";
import { isLoadedSet, loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import { Localized } from "../schema/common.js";
import type { CriteriaSet, Criterion, Decision, Points } from "../schema/criteria-set.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { Rule } from "../schema/rule.js";
import { canonicalJson } from "../json/canonical.js";
import { showDate } from "../schema/dates.js";

/** The part of a set a change is in. */
export const ChangeSection = z.enum(["metadata", "inputs", "derived", "groups", "criteria", "decision"]);
export type ChangeSection = z.infer<typeof ChangeSection>;

/** Kinds of change. */
export const ChangeKind = z.enum([
  "metadata-changed",
  "input-added",
  "input-removed",
  "input-changed",
  "derived-added",
  "derived-removed",
  "derived-changed",
  "group-added",
  "group-removed",
  "group-changed",
  "criterion-added",
  "criterion-removed",
  "criterion-renamed",
  "criterion-changed",
  "criteria-reordered",
  "decision-changed",
]);
export type ChangeKind = z.infer<typeof ChangeKind>;

/** One change, as data and as a sentence. */
export const Change = z
  .object({
    section: ChangeSection,
    kind: ChangeKind,
    /** What changed: a criterion id (the new one for a rename), an input path such as `thanhVien[].tuoi`, a grade or level id; null for the set itself. */
    target: z.string().nullable(),
    /** Which property of it: `rule`, `threshold`, `points`, `mandatory`, `applies`, `passMark`, `validFrom`, ... (null for added and removed). */
    field: z.string().nullable(),
    /** The value before and after (absent for what did not exist). For `threshold`, the numbers that changed. */
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    message: Localized,
  })
  .strict();
export type Change = z.infer<typeof Change>;

const Stamp = z.object({ id: z.string(), version: z.string(), hash: z.string(), document: z.string() }).strict();

/** The difference between two sets. */
export const SetDiff = z
  .object({
    format: z.literal("tieuchi/diff@1"),
    old: Stamp,
    new: Stamp,
    /** True when the two files have the same content hash. */
    identical: z.boolean(),
    /** How criteria of the old set map to the new one: `[oldId, newId]` for every criterion in both. */
    matched: z.array(z.tuple([z.string(), z.string()])),
    changes: z.array(Change),
    /** Number of changes of each kind. */
    counts: z.record(z.string(), z.number().int().positive()),
  })
  .strict();
export type SetDiff = z.infer<typeof SetDiff>;

type Say = { vi: string; en: string };
const say = (vi: string, en: string): Say => ({ vi, en });
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const q = (s: string, lang: Lang) => (lang === "vi" ? `«${s}»` : `"${s}"`);

/** `«old» → «new»` in one language; when that language's text did not change, says the other one did. */
function retitled(a: Localized | undefined, b: Localized | undefined, lang: Lang): string {
  if (a && b && a[lang] === b[lang]) return `${q(b[lang], lang)} (${lang === "vi" ? "chỉ sửa bản tiếng Anh" : "only the Vietnamese text changed"})`;
  return `${show(a, lang)} → ${show(b, lang)}`;
}

/** Builds the two language versions of a sentence from one function of the language. */
function both(f: (lang: Lang) => string): Say {
  return { vi: f("vi"), en: f("en") };
}

function show(v: unknown, lang: Lang): string {
  if (v === undefined || v === null) return lang === "vi" ? "(không có)" : "(none)";
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? showDate(v, lang) : q(v, lang);
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(", ");
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.vi === "string" && typeof o.en === "string") return q(o[lang] as string, lang);
    if (typeof o.id === "string" && typeof o.version === "string") return `${o.id}@${o.version}${typeof o.article === "string" ? ` (${o.article})` : ""}`;
    return JSON.stringify(v);
  }
  return formatValue(v, lang);
}

function pointsText(p: Points | undefined, lang: Lang, labels: LabelNode): string {
  const vi = lang === "vi";
  if (p === undefined) return vi ? "không tính điểm" : "no points";
  if (typeof p === "number") return vi ? `${p} điểm` : `${p} point${p === 1 ? "" : "s"}`;
  if ("tiers" in p) {
    const tiers = p.tiers.map((t) => (vi ? `${t.points} nếu ${describeRule(t.when, lang, labels)}` : `${t.points} if ${describeRule(t.when, lang, labels)}`)).join("; ");
    return vi ? `tối đa ${p.max} điểm theo bậc (${tiers})` : `up to ${p.max} points in tiers (${tiers})`;
  }
  return vi ? `tối đa ${p.max} điểm, chấm theo ${describeRule(p.score, lang, labels)}` : `up to ${p.max} points, scored as ${describeRule(p.score, lang, labels)}`;
}

/** Numbers that differ between two rules of the same shape, or null when the shape differs. */
export function thresholdChanges(a: unknown, b: unknown, path = ""): Array<{ path: string; before: number; after: number }> | null {
  const out: Array<{ path: string; before: number; after: number }> = [];
  const walk = (x: unknown, y: unknown, p: string): boolean => {
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) out.push({ path: p, before: x, after: y });
      return true;
    }
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => walk(v, y[i], `${p}[${i}]`));
    if (x && y && typeof x === "object" && typeof y === "object" && !Array.isArray(x) && !Array.isArray(y)) {
      const kx = Object.keys(x).sort();
      const ky = Object.keys(y).sort();
      return same(kx, ky) && kx.every((k) => walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], p === "" ? k : `${p}.${k}`));
    }
    return same(x, y);
  };
  return walk(a, b, path) ? out : null;
}

/** A criterion's substance: what it decides and how much it weighs, without its wording. */
function substance(c: Criterion): string {
  return canonicalJson({ role: c.role, rule: c.rule ?? null, excludes: c.excludes ?? null, applies: c.applies ?? null, points: c.points ?? null, pending: c.pending ?? null });
}

/** How the criteria of two sets correspond (see the module comment for the rule). */
export interface CriteriaMatch {
  /** Pairs `[old, new]`, in the new set's order. */
  readonly pairs: ReadonlyArray<readonly [Criterion, Criterion]>;
  readonly added: readonly Criterion[];
  readonly removed: readonly Criterion[];
}

/** How alike two titles must be (Dice coefficient of their words) for a removed and an added criterion to pair. */
export const TEXT_MATCH = 0.5;

/** The words of a title, lower case, without numbers and punctuation. */
function words(text: string): Set<string> {
  return new Set(
    text
      .normalize("NFC")
      .toLocaleLowerCase("vi")
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length > 0),
  );
}

/** The Dice coefficient of two sets of words: 1 for the same words, 0 for none in common. */
function alike(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/** Matches the criteria of an old and a new set: by id, then by identical substance under a new id, then by text. */
export function matchCriteria(a: CriteriaSet, b: CriteriaSet): CriteriaMatch {
  const oldById = new Map(a.criteria.map((c) => [c.id, c]));
  const newIds = new Set(b.criteria.map((c) => c.id));
  const oldLeft = a.criteria.filter((c) => !newIds.has(c.id));
  const partner = new Map<Criterion, Criterion>();
  for (const c of b.criteria) {
    const byId = oldById.get(c.id);
    if (byId) {
      partner.set(c, byId);
      continue;
    }
    const i = oldLeft.findIndex((o) => substance(o) === substance(c));
    if (i >= 0) {
      partner.set(c, oldLeft[i]!);
      oldLeft.splice(i, 1);
    }
  }
  // Reworded under a new id: a removed and an added criterion that are each other's most alike (ties: the
  // first in file order), at least TEXT_MATCH alike. Mutual, so that a criterion whose best match is taken
  // by another is not paired with its second best.
  const newLeft = b.criteria.filter((c) => !partner.has(c));
  const wordsOf = new Map<Criterion, Set<string>>([...newLeft, ...oldLeft].map((c) => [c, words(c.title.vi)]));
  const best = (c: Criterion, among: readonly Criterion[]): Criterion | undefined => {
    let top: Criterion | undefined;
    let score = TEXT_MATCH;
    for (const o of among) {
      const x = alike(wordsOf.get(c)!, wordsOf.get(o)!);
      if (x > score || (x === score && top === undefined)) (top = o), (score = x);
    }
    return top;
  };
  for (const c of newLeft) {
    const o = best(c, oldLeft);
    if (o && best(o, newLeft) === c) partner.set(c, o);
  }
  const paired = new Set(partner.values());
  return {
    pairs: b.criteria.filter((c) => partner.has(c)).map((c) => [partner.get(c)!, c] as const),
    added: b.criteria.filter((c) => !partner.has(c)),
    removed: a.criteria.filter((c) => !paired.has(c)),
  };
}

class Differ {
  readonly changes: Change[] = [];
  constructor(
    readonly a: LoadedSet,
    readonly b: LoadedSet,
  ) {}

  add(section: ChangeSection, kind: ChangeKind, target: string | null, field: string | null, message: Say, values: { before?: unknown; after?: unknown } = {}) {
    this.changes.push({ section, kind, target, field, ...("before" in values ? { before: values.before } : {}), ...("after" in values ? { after: values.after } : {}), message });
  }

  ruleA(r: Rule, lang: Lang) {
    return describeRule(r, lang, this.a.labels);
  }

  ruleB(r: Rule, lang: Lang) {
    return describeRule(r, lang, this.b.labels);
  }

  metadata() {
    const a = this.a.definition;
    const b = this.b.definition;
    const fields: Array<[string, unknown, unknown, Say]> = [
      ["id", a.id, b.id, say("Mã bộ tiêu chí", "Set id")],
      ["version", a.version, b.version, say("Phiên bản", "Version")],
      ["title", a.title, b.title, say("Tên danh hiệu", "Title")],
      ["subject", a.subject, b.subject, say("Đối tượng", "Subject")],
      ["jurisdiction", a.jurisdiction, b.jurisdiction, say("Phạm vi áp dụng", "Jurisdiction")],
      ["source.document", a.source.document, b.source.document, say("Văn bản", "Document")],
      ["source.title", a.source.title, b.source.title, say("Tên văn bản", "Document title")],
      ["source.issuer", a.source.issuer, b.source.issuer, say("Cơ quan ban hành", "Issuer")],
      ["source.issued", a.source.issued, b.source.issued, say("Ngày ban hành", "Issued")],
      ["source.section", a.source.section, b.source.section, say("Điều, khoản", "Section")],
      ["source.url", a.source.url, b.source.url, say("Đường dẫn", "URL")],
      ["validFrom", a.validFrom, b.validFrom, say("Có hiệu lực từ", "In force from")],
      ["validTo", a.validTo, b.validTo, say("Hết hiệu lực sau", "In force until")],
      ["supersedes", a.supersedes, b.supersedes, say("Thay thế", "Supersedes")],
      ["completeness.level", a.completeness.level, b.completeness.level, say("Mức độ mã hóa", "Completeness")],
      ["procedure", a.procedure, b.procedure, say("Quy trình công nhận", "Procedure")],
    ];
    for (const [field, x, y, label] of fields) {
      if (same(x, y)) continue;
      const localized = (v: unknown): v is Localized => Localized.safeParse(v).success;
      const msg =
        field === "procedure"
          ? both((lang) => `${label[lang]}: ${x === undefined ? (lang === "vi" ? "thêm" : "added") : y === undefined ? (lang === "vi" ? "bỏ" : "removed") : lang === "vi" ? "được sửa" : "edited"}`)
          : both((lang) => `${label[lang]}: ${localized(x) && localized(y) ? retitled(x, y, lang) : `${show(x, lang)} → ${show(y, lang)}`}`);
      this.add("metadata", "metadata-changed", null, field, msg, { before: x ?? null, after: y ?? null });
    }
    const notesOut = a.completeness.notes.filter((n) => !b.completeness.notes.includes(n));
    const notesIn = b.completeness.notes.filter((n) => !a.completeness.notes.includes(n));
    if (notesOut.length || notesIn.length)
      this.add(
        "metadata",
        "metadata-changed",
        null,
        "completeness.notes",
        say(
          `Ghi chú về mức độ mã hóa: ${[notesIn.length ? `thêm ${notesIn.length}` : "", notesOut.length ? `bỏ ${notesOut.length}` : ""].filter(Boolean).join(", ")}`,
          `Completeness notes: ${[notesIn.length ? `${notesIn.length} added` : "", notesOut.length ? `${notesOut.length} removed` : ""].filter(Boolean).join(", ")}`,
        ),
        { before: notesOut, after: notesIn },
      );
    const refsA = new Map(a.references.map((r) => [r.document, r]));
    const refsB = new Map(b.references.map((r) => [r.document, r]));
    for (const [doc, r] of refsB)
      if (!refsA.has(doc)) this.add("metadata", "metadata-changed", doc, "references", say(`Thêm văn bản tham chiếu “${doc}”`, `Reference added: “${doc}”`), { after: r });
      else if (!same(refsA.get(doc), r)) this.add("metadata", "metadata-changed", doc, "references", say(`Văn bản tham chiếu “${doc}” được sửa`, `Reference “${doc}” edited`), { before: refsA.get(doc), after: r });
    for (const [doc, r] of refsA) if (!refsB.has(doc)) this.add("metadata", "metadata-changed", doc, "references", say(`Bỏ văn bản tham chiếu “${doc}”`, `Reference removed: “${doc}”`), { before: r });
  }

  inputs(a: Inputs, b: Inputs, base: string) {
    for (const [name, spec] of Object.entries(b)) {
      const path = base === "" ? name : `${base}.${name}`;
      const old = Object.hasOwn(a, name) ? a[name] : undefined;
      if (!old) this.inputAdded(path, spec);
      else this.input(old, spec, path);
    }
    for (const [name, spec] of Object.entries(a)) {
      const path = base === "" ? name : `${base}.${name}`;
      if (!Object.hasOwn(b, name))
        this.add("inputs", "input-removed", path, null, both((lang) => `${lang === "vi" ? "Bỏ dữ liệu đầu vào" : "Input removed:"} ${path}${spec.label ? ` (${spec.label[lang]})` : ""}`), { before: spec });
    }
  }

  inputAdded(path: string, spec: InputSpec) {
    this.add(
      "inputs",
      "input-added",
      path,
      null,
      both((lang) => `${lang === "vi" ? "Thêm dữ liệu đầu vào" : "Input added:"} ${path} (${specText(spec, lang)}): ${spec.description[lang]}`),
      { after: spec },
    );
  }

  input(a: InputSpec, b: InputSpec, path: string) {
    const changed = (field: string, before: unknown, after: unknown, message: Say) => this.add("inputs", "input-changed", path, field, message, { before: before ?? null, after: after ?? null });
    const head = (lang: Lang) => `${lang === "vi" ? "Dữ liệu" : "Input"} ${path}`;
    if (a.type !== b.type) {
      changed("type", specText(a, "en"), specText(b, "en"), both((lang) => `${head(lang)}: ${specText(a, lang)} → ${specText(b, lang)}`));
      return;
    }
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const field of ["min", "max", "minItems", "maxItems", "maxLength", "default", "unit", "set", "levels"]) {
      if (!same(ra[field], rb[field])) changed(field, ra[field], rb[field], both((lang) => `${head(lang)}: ${field} ${show(ra[field], lang)} → ${show(rb[field], lang)}`));
    }
    if (a.type === "string" && b.type === "string" && !same(a.enum, b.enum)) {
      const out = (a.enum ?? []).filter((v) => !(b.enum ?? []).includes(v));
      const inn = (b.enum ?? []).filter((v) => !(a.enum ?? []).includes(v));
      changed(
        "enum",
        a.enum,
        b.enum,
        both((lang) => {
          const vi = lang === "vi";
          if (!a.enum || !b.enum) return `${head(lang)}: ${vi ? "giá trị cho phép" : "allowed values"} ${show(a.enum ?? (vi ? "tự do" : "any"), lang)} → ${show(b.enum ?? (vi ? "tự do" : "any"), lang)}`;
          const parts = [inn.length ? `${vi ? "thêm" : "added"} ${show(inn, lang)}` : "", out.length ? `${vi ? "bỏ" : "removed"} ${show(out, lang)}` : ""].filter(Boolean);
          return `${head(lang)}: ${vi ? "giá trị cho phép" : "allowed values"} ${parts.join("; ") || (vi ? "đổi thứ tự" : "reordered")}`;
        }),
      );
    }
    if (!same(a.label, b.label)) changed("label", a.label, b.label, both((lang) => `${head(lang)}: ${lang === "vi" ? "nhãn" : "label"} ${retitled(a.label, b.label, lang)}`));
    if (!same(a.description, b.description)) changed("description", a.description, b.description, both((lang) => `${head(lang)}: ${lang === "vi" ? "mô tả được sửa" : "description edited"}`));
    if (a.type === "object" && b.type === "object") this.inputs(a.fields, b.fields, path);
    if (a.type === "array" && b.type === "array") this.input(a.items, b.items, `${path}[]`);
  }

  derived() {
    const a = this.a.definition.derived;
    const b = this.b.definition.derived;
    for (const [name, d] of Object.entries(b)) {
      const old = Object.hasOwn(a, name) ? a[name] : undefined;
      if (!old) {
        this.add("derived", "derived-added", name, null, both((lang) => `${lang === "vi" ? "Thêm giá trị tính toán" : "Derived value added:"} ${name} = ${this.ruleB(d.rule, lang)}`), { after: d });
        continue;
      }
      if (!same(old.rule, d.rule))
        this.add("derived", "derived-changed", name, "rule", both((lang) => `${lang === "vi" ? "Giá trị tính toán" : "Derived value"} ${name}: ${this.ruleA(old.rule, lang)} → ${this.ruleB(d.rule, lang)}`), {
          before: old.rule,
          after: d.rule,
        });
      if (!same(old.label, d.label) || !same(old.description, d.description))
        this.add("derived", "derived-changed", name, "description", both((lang) => `${lang === "vi" ? "Giá trị tính toán" : "Derived value"} ${name}: ${lang === "vi" ? "nhãn hoặc mô tả được sửa" : "label or description edited"}`), {
          before: { label: old.label ?? null, description: old.description },
          after: { label: d.label ?? null, description: d.description },
        });
    }
    for (const [name, d] of Object.entries(a))
      if (!Object.hasOwn(b, name)) this.add("derived", "derived-removed", name, null, both((lang) => `${lang === "vi" ? "Bỏ giá trị tính toán" : "Derived value removed:"} ${name}`), { before: d });
  }

  groups() {
    const a = new Map(this.a.definition.groups.map((g) => [g.id, g]));
    const b = new Map(this.b.definition.groups.map((g) => [g.id, g]));
    for (const [id, g] of b) {
      const old = a.get(id);
      if (!old) {
        this.add("groups", "group-added", id, null, both((lang) => `${lang === "vi" ? "Thêm nhóm" : "Group added:"} ${id} ${q(g.title[lang], lang)}${g.maxPoints !== undefined ? ` (${g.maxPoints}${lang === "vi" ? " điểm" : " points"})` : ""}`), { after: g });
        continue;
      }
      if (!same(old.title, g.title)) this.add("groups", "group-changed", id, "title", both((lang) => `${lang === "vi" ? "Nhóm" : "Group"} ${id}: ${retitled(old.title, g.title, lang)}`), { before: old.title, after: g.title });
      if (!same(old.maxPoints, g.maxPoints))
        this.add("groups", "group-changed", id, "maxPoints", both((lang) => `${lang === "vi" ? "Nhóm" : "Group"} ${id}: ${lang === "vi" ? "điểm tối đa" : "maximum points"} ${show(old.maxPoints, lang)} → ${show(g.maxPoints, lang)}`), {
          before: old.maxPoints ?? null,
          after: g.maxPoints ?? null,
        });
    }
    for (const [id, g] of a) if (!b.has(id)) this.add("groups", "group-removed", id, null, both((lang) => `${lang === "vi" ? "Bỏ nhóm" : "Group removed:"} ${id} ${q(g.title[lang], lang)}`), { before: g });
  }

  criteria(): CriteriaMatch {
    const m = matchCriteria(this.a.definition, this.b.definition);
    for (const [x, y] of m.pairs) this.criterion(x, y);
    for (const c of m.added) {
      this.add(
        "criteria",
        "criterion-added",
        c.id,
        null,
        both((lang) => {
          const vi = lang === "vi";
          const what = c.pending ? (vi ? "chưa mã hóa" : "not encoded yet") : this.criterionRule(c, lang, "b");
          const kind = c.role === "exclusion" ? (vi ? "Thêm trường hợp loại trừ" : "Exclusion added:") : vi ? "Thêm tiêu chí" : "Criterion added:";
          return `${kind} ${c.id} ${q(c.title[lang], lang)}: ${what}${weight(c, lang, this.b.labels)}`;
        }),
        { after: c },
      );
    }
    for (const c of m.removed)
      this.add(
        "criteria",
        "criterion-removed",
        c.id,
        null,
        both((lang) => {
          const kind = c.role === "exclusion" ? (lang === "vi" ? "Bỏ trường hợp loại trừ" : "Exclusion removed:") : lang === "vi" ? "Bỏ tiêu chí" : "Criterion removed:";
          return `${kind} ${c.id} ${q(c.title[lang], lang)}${weight(c, lang, this.a.labels)}`;
        }),
        { before: c },
      );
    const oldOrder = this.a.definition.criteria.filter((c) => m.pairs.some(([x]) => x === c)).map((c) => c.id);
    const newOrder = m.pairs.map(([x]) => x.id);
    if (!same(oldOrder, newOrder))
      this.add("criteria", "criteria-reordered", null, "order", say("Thứ tự các tiêu chí thay đổi", "The criteria are in a new order"), { before: oldOrder, after: m.pairs.map(([, y]) => y.id) });
    return m;
  }

  criterionRule(c: Criterion, lang: Lang, side: "a" | "b"): string {
    const r = c.rule ?? c.excludes;
    if (r !== undefined) return side === "a" ? this.ruleA(r, lang) : this.ruleB(r, lang);
    return pointsText(c.points, lang, side === "a" ? this.a.labels : this.b.labels);
  }

  criterion(x: Criterion, y: Criterion) {
    const id = y.id;
    const head = (lang: Lang) => `${lang === "vi" ? "Tiêu chí" : "Criterion"} ${id}`;
    const changed = (field: string, before: unknown, after: unknown, message: Say) => this.add("criteria", "criterion-changed", id, field, message, { before: before ?? null, after: after ?? null });
    if (x.id !== y.id || !same(x.title, y.title)) {
      this.add(
        "criteria",
        "criterion-renamed",
        id,
        x.id !== y.id ? (substance(x) === substance(y) ? "id" : "text") : "title",
        both((lang) => {
          const vi = lang === "vi";
          const kept = substance(x) === substance(y);
          const ids =
            x.id !== y.id
              ? vi
                ? `Tiêu chí ${x.id} đổi mã thành ${y.id} (${kept ? "cùng điều kiện và điểm" : "nội dung tương ứng; điều kiện hoặc điểm thay đổi như nêu dưới đây"})`
                : `Criterion ${x.id} is now ${y.id} (${kept ? "same rule and points" : "matching wording; its rule or points changed as listed below"})`
              : head(lang);
          const titles = same(x.title, y.title) ? q(y.title[lang], lang) : `${vi ? "đổi tên" : "renamed"} ${retitled(x.title, y.title, lang)}`;
          return `${ids}: ${titles}`;
        }),
        { before: { id: x.id, title: x.title }, after: { id: y.id, title: y.title } },
      );
    }
    if (x.role !== y.role) changed("role", x.role, y.role, both((lang) => `${head(lang)}: ${roleText(x.role, lang)} → ${roleText(y.role, lang)}`));
    for (const field of ["rule", "excludes"] as const) {
      const r0 = x[field];
      const r1 = y[field];
      if (same(r0, r1)) continue;
      const nums = r0 !== undefined && r1 !== undefined ? thresholdChanges(r0, r1) : null;
      if (nums && nums.length > 0) {
        changed(
          "threshold",
          nums.map((n) => n.before),
          nums.map((n) => n.after),
          both((lang) => {
            const list = nums.map((n) => `${formatNumber(n.before, lang)} → ${formatNumber(n.after, lang)}`).join(", ");
            return lang === "vi" ? `${head(lang)}: ngưỡng ${list} (nay: ${this.ruleB(r1!, lang)})` : `${head(lang)}: threshold ${list} (now: ${this.ruleB(r1!, lang)})`;
          }),
        );
      } else {
        const word = (lang: Lang) => (field === "rule" ? (lang === "vi" ? "điều kiện" : "rule") : lang === "vi" ? "điều kiện loại trừ" : "exclusion rule");
        changed(
          field,
          r0,
          r1,
          both((lang) => `${head(lang)}: ${word(lang)} ${r0 === undefined ? show(null, lang) : q(this.ruleA(r0, lang), lang)} → ${r1 === undefined ? show(null, lang) : q(this.ruleB(r1, lang), lang)}`),
        );
      }
    }
    if (!same(x.applies, y.applies)) {
      changed(
        "applies",
        x.applies,
        y.applies,
        both((lang) => {
          const vi = lang === "vi";
          if (x.applies === undefined) return `${head(lang)}: ${vi ? "nay chỉ áp dụng khi" : "now applies only when"} ${this.ruleB(y.applies!, lang)}`;
          if (y.applies === undefined) return `${head(lang)}: ${vi ? "nay áp dụng cho mọi đơn vị (trước: chỉ khi" : "now applies to every unit (before: only when"} ${this.ruleA(x.applies, lang)})`;
          return `${head(lang)}: ${vi ? "áp dụng khi" : "applies when"} ${q(this.ruleA(x.applies, lang), lang)} → ${q(this.ruleB(y.applies, lang), lang)}`;
        }),
      );
    }
    if (!same(x.points, y.points)) {
      const nums = typeof x.points === "object" && typeof y.points === "object" ? thresholdChanges(x.points, y.points) : null;
      changed(
        "points",
        x.points,
        y.points,
        both((lang) => {
          if (nums && nums.length > 0 && typeof y.points === "object" && "tiers" in y.points && typeof x.points === "object" && "tiers" in x.points) {
            const list = nums.map((n) => `${formatNumber(n.before, lang)} → ${formatNumber(n.after, lang)}`).join(", ");
            return `${head(lang)}: ${lang === "vi" ? "số trong các bậc điểm" : "numbers in the point tiers"} ${list} (${lang === "vi" ? "nay" : "now"}: ${pointsText(y.points, lang, this.b.labels)})`;
          }
          return `${head(lang)}: ${pointsText(x.points, lang, this.a.labels)} → ${pointsText(y.points, lang, this.b.labels)}`;
        }),
      );
    }
    if (x.mandatory !== y.mandatory)
      changed(
        "mandatory",
        x.mandatory,
        y.mandatory,
        both((lang) => `${head(lang)}: ${y.mandatory ? (lang === "vi" ? "nay là tiêu chí bắt buộc (không đạt thì không được công nhận)" : "is now a knock-out criterion") : lang === "vi" ? "không còn là tiêu chí bắt buộc" : "is no longer a knock-out criterion"}`),
      );
    if (!same(x.level, y.level)) changed("level", x.level, y.level, both((lang) => `${head(lang)}: ${lang === "vi" ? "mức" : "level"} ${show(x.level, lang)} → ${show(y.level, lang)}`));
    if (!same(x.group, y.group)) changed("group", x.group, y.group, both((lang) => `${head(lang)}: ${lang === "vi" ? "nhóm" : "group"} ${show(x.group, lang)} → ${show(y.group, lang)}`));
    if (!same(x.pending, y.pending))
      changed(
        "pending",
        x.pending,
        y.pending,
        both((lang) => {
          const vi = lang === "vi";
          if (y.pending === undefined) return `${head(lang)}: ${vi ? "nay đã được mã hóa" : "is now encoded"}`;
          if (x.pending === undefined) return `${head(lang)}: ${vi ? "nay chưa được mã hóa" : "is no longer encoded"}: ${y.pending.reason[lang]}`;
          return `${head(lang)}: ${vi ? "lý do chưa mã hóa được sửa" : "reason it is not encoded edited"}`;
        }),
      );
    for (const [field, vi, en] of [
      ["requirement", "nội dung yêu cầu được sửa", "requirement text edited"],
      ["text", "lời văn trích dẫn được sửa", "quoted text edited"],
      ["article", "điều khoản", "article"],
      ["explain", "mẫu câu giải thích được sửa", "explanation templates edited"],
      ["notes", "ghi chú được sửa", "notes edited"],
    ] as const) {
      if (same(x[field], y[field])) continue;
      changed(
        field,
        x[field],
        y[field],
        both((lang) => (field === "article" ? `${head(lang)}: ${lang === "vi" ? vi : en} ${show(x.article, lang)} → ${show(y.article, lang)}` : `${head(lang)}: ${lang === "vi" ? vi : en}`)),
      );
    }
  }

  decision() {
    const a = this.a.definition.decision;
    const b = this.b.definition.decision;
    const changed = (target: string | null, field: string, before: unknown, after: unknown, message: Say) =>
      this.add("decision", "decision-changed", target, field, message, { before: before ?? null, after: after ?? null });
    if (a.method !== b.method) {
      changed(null, "method", a, b, both((lang) => `${lang === "vi" ? "Cách xét" : "Decision"}: ${decisionText(a, lang)} → ${decisionText(b, lang)}`));
      return;
    }
    if (a.method === "points" && b.method === "points") {
      for (const [field, vi, en] of [
        ["maxPoints", "Tổng điểm tối đa", "Maximum points"],
        ["passMark", "Mức đạt", "Pass mark"],
      ] as const)
        if (a[field] !== b[field]) changed(null, field, a[field], b[field], both((lang) => `${lang === "vi" ? vi : en}: ${show(a[field], lang)} → ${show(b[field], lang)}`));
      if (a.notApplicable !== b.notApplicable)
        changed(null, "notApplicable", a.notApplicable, b.notApplicable, both((lang) => `${lang === "vi" ? "Tiêu chí không áp dụng" : "Criteria not applicable"}: ${naText(a.notApplicable, lang)} → ${naText(b.notApplicable, lang)}`));
      const ga = new Map(a.grades.map((g) => [g.id, g]));
      const gb = new Map(b.grades.map((g) => [g.id, g]));
      for (const [id, g] of gb) {
        const old = ga.get(id);
        if (!old) changed(id, "grades", null, g, both((lang) => `${lang === "vi" ? "Thêm xếp loại" : "Grade added:"} ${q(g.title[lang], lang)} (${lang === "vi" ? "từ" : "from"} ${g.minPoints} ${lang === "vi" ? "điểm" : "points"})`));
        else {
          if (old.minPoints !== g.minPoints)
            changed(id, "grades.minPoints", old.minPoints, g.minPoints, both((lang) => `${lang === "vi" ? "Xếp loại" : "Grade"} ${q(g.title[lang], lang)}: ${lang === "vi" ? "từ" : "from"} ${old.minPoints} → ${g.minPoints} ${lang === "vi" ? "điểm" : "points"}`));
          if (!same(old.title, g.title)) changed(id, "grades.title", old.title, g.title, both((lang) => `${lang === "vi" ? "Xếp loại" : "Grade"} ${id}: ${retitled(old.title, g.title, lang)}`));
        }
      }
      for (const [id, g] of ga) if (!gb.has(id)) changed(id, "grades", g, null, both((lang) => `${lang === "vi" ? "Bỏ xếp loại" : "Grade removed:"} ${q(g.title[lang], lang)} (${lang === "vi" ? "từ" : "from"} ${g.minPoints} ${lang === "vi" ? "điểm" : "points"})`));
    }
    if (a.method === "all" && b.method === "all") {
      const la = new Map(a.levels.map((l) => [l.id, l]));
      const lb = new Map(b.levels.map((l) => [l.id, l]));
      for (const [id, l] of lb) {
        const old = la.get(id);
        if (!old) changed(id, "levels", null, l, both((lang) => `${lang === "vi" ? "Thêm mức" : "Level added:"} ${id} ${q(l.title[lang], lang)}`));
        else if (!same(old.title, l.title)) changed(id, "levels.title", old.title, l.title, both((lang) => `${lang === "vi" ? "Mức" : "Level"} ${id}: ${retitled(old.title, l.title, lang)}`));
      }
      for (const [id, l] of la) if (!lb.has(id)) changed(id, "levels", l, null, both((lang) => `${lang === "vi" ? "Bỏ mức" : "Level removed:"} ${id} ${q(l.title[lang], lang)}`));
      const common = (xs: typeof a.levels, other: Map<string, unknown>) => xs.filter((l) => other.has(l.id)).map((l) => l.id);
      if (!same(common(a.levels, lb), common(b.levels, la)))
        changed(null, "levels.order", a.levels.map((l) => l.id), b.levels.map((l) => l.id), say("Thứ tự các mức thay đổi", "The levels are in a new order"));
    }
    for (const [field, vi, en] of [
      ["passTitle", "Tên khi đạt", "Title when passed"],
      ["failTitle", "Tên khi không đạt", "Title when failed"],
    ] as const)
      if (!same(a[field], b[field])) changed(null, field, a[field], b[field], both((lang) => `${lang === "vi" ? vi : en}: ${show(a[field], lang)} → ${show(b[field], lang)}`));
  }
}

/** ` (10 points, knock-out)`: what a criterion weighs, or nothing when it has no points and is no knock-out. */
function weight(c: Criterion, lang: Lang, labels: LabelNode): string {
  const parts = [c.points === undefined ? "" : pointsText(c.points, lang, labels), c.mandatory ? (lang === "vi" ? "bắt buộc" : "knock-out") : ""].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

function roleText(role: Criterion["role"], lang: Lang): string {
  if (role === "exclusion") return lang === "vi" ? "trường hợp loại trừ" : "an exclusion";
  return lang === "vi" ? "tiêu chí thường" : "a standard criterion";
}

function naText(n: "award" | "zero" | "exclude", lang: Lang): string {
  const vi = { award: "được tính đủ điểm", zero: "tính 0 điểm", exclude: "không tính vào tổng, mức đạt tính theo tỷ lệ" };
  const en = { award: "award their points", zero: "score zero", exclude: "leave the total, pass mark scaled" };
  return (lang === "vi" ? vi : en)[n];
}

function decisionText(d: Decision, lang: Lang): string {
  const vi = lang === "vi";
  if (d.method === "points") {
    if (d.passMark === null) return vi ? `cộng điểm (tối đa ${d.maxPoints}), chưa rõ mức đạt` : `points (of ${d.maxPoints}), pass mark not known`;
    return vi ? `cộng điểm, đạt từ ${d.passMark}/${d.maxPoints} điểm` : `points, pass at ${d.passMark} of ${d.maxPoints}`;
  }
  const n = d.levels.length;
  return vi ? `đạt mọi tiêu chí${n ? ` (${n} mức)` : ""}` : `every criterion must pass${n ? ` (${n} level${n === 1 ? "" : "s"})` : ""}`;
}

/** A declared input in words: its type and limits. */
function specText(spec: InputSpec, lang: Lang): string {
  const vi = lang === "vi";
  const range = (min?: number | string, max?: number | string) =>
    min !== undefined && max !== undefined ? ` ${show(min, lang)}–${show(max, lang)}` : min !== undefined ? ` ≥ ${show(min, lang)}` : max !== undefined ? ` ≤ ${show(max, lang)}` : "";
  switch (spec.type) {
    case "boolean":
      return vi ? "có/không" : "yes/no";
    case "integer":
      return `${vi ? "số nguyên" : "whole number"}${range(spec.min, spec.max)}`;
    case "number":
      return `${vi ? "số" : "number"}${range(spec.min, spec.max)}`;
    case "string":
      return spec.enum ? `${vi ? "một trong" : "one of"} ${show(spec.enum, lang)}` : vi ? "văn bản" : "text";
    case "date":
      return `${vi ? "ngày" : "date"}${range(spec.min, spec.max)}`;
    case "title":
      return `${vi ? "danh hiệu theo bộ" : "title decided by"} ${spec.set}${spec.levels ? (vi ? `, theo mức độ ${spec.levels.join(", ")}` : `, by level ${spec.levels.join(", ")}`) : ""}`;
    case "object":
      return vi ? `bản ghi ${Object.keys(spec.fields).length} trường` : `record of ${Object.keys(spec.fields).length} fields`;
    case "array":
      return vi ? `danh sách (${specText(spec.items, lang)})` : `list of (${specText(spec.items, lang)})`;
  }
}

/**
 * What changed from an old version of a set to a new one.
 *
 * @param oldSet - The old set: from `loadCriteriaSet`, or the parsed JSON of its file.
 * @param newSet - The new set, likewise (it may have another id, e.g. a title renamed by a new regulation).
 * @returns Every change as data and as a sentence in vi and en, with counts by kind.
 * @throws `CriteriaSetError` when raw JSON is not a valid set.
 */
export function diff(oldSet: LoadedSet | unknown, newSet: LoadedSet | unknown): SetDiff {
  const a = isLoadedSet(oldSet) ? oldSet : loadCriteriaSet(oldSet);
  const b = isLoadedSet(newSet) ? newSet : loadCriteriaSet(newSet);
  const d = new Differ(a, b);
  d.metadata();
  d.inputs(a.definition.inputs, b.definition.inputs, "");
  d.derived();
  d.groups();
  const m = d.criteria();
  d.decision();
  const counts: Record<string, number> = {};
  for (const c of d.changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  const stamp = (s: LoadedSet) => ({ id: s.definition.id, version: s.definition.version, hash: s.hash, document: s.definition.source.document });
  return {
    format: "tieuchi/diff@1",
    old: stamp(a),
    new: stamp(b),
    identical: a.hash === b.hash,
    matched: m.pairs.map(([x, y]) => [x.id, y.id] as [string, string]),
    changes: d.changes,
    counts,
  };
}

/** Section headings for rendering a diff, in each language. */
export const SECTION_TITLES: Record<ChangeSection, Localized> = {
  metadata: { vi: "Thông tin chung", en: "Metadata" },
  inputs: { vi: "Dữ liệu đầu vào", en: "Inputs" },
  derived: { vi: "Giá trị tính toán", en: "Derived values" },
  groups: { vi: "Nhóm tiêu chí", en: "Groups" },
  criteria: { vi: "Tiêu chí", en: "Criteria" },
  decision: { vi: "Cách xét", en: "Decision" },
};

/** Summary line of a diff's counts, e.g. `3 criteria added, 1 removed, ...`. */
export function diffSummary(d: SetDiff, lang: Lang): string {
  // English: [one, many]; Vietnamese has no plural.
  const names: Record<ChangeKind, { vi: string; en: readonly [string, string] }> = {
    "metadata-changed": { vi: "thay đổi thông tin chung", en: ["metadata change", "metadata changes"] },
    "input-added": { vi: "dữ liệu thêm", en: ["input added", "inputs added"] },
    "input-removed": { vi: "dữ liệu bỏ", en: ["input removed", "inputs removed"] },
    "input-changed": { vi: "thay đổi ở dữ liệu", en: ["input change", "input changes"] },
    "derived-added": { vi: "giá trị tính toán thêm", en: ["derived value added", "derived values added"] },
    "derived-removed": { vi: "giá trị tính toán bỏ", en: ["derived value removed", "derived values removed"] },
    "derived-changed": { vi: "thay đổi ở giá trị tính toán", en: ["derived value change", "derived value changes"] },
    "group-added": { vi: "nhóm thêm", en: ["group added", "groups added"] },
    "group-removed": { vi: "nhóm bỏ", en: ["group removed", "groups removed"] },
    "group-changed": { vi: "thay đổi ở nhóm", en: ["group change", "group changes"] },
    "criterion-added": { vi: "tiêu chí thêm", en: ["criterion added", "criteria added"] },
    "criterion-removed": { vi: "tiêu chí bỏ", en: ["criterion removed", "criteria removed"] },
    "criterion-renamed": { vi: "tiêu chí đổi tên hoặc mã", en: ["criterion renamed", "criteria renamed"] },
    "criterion-changed": { vi: "thay đổi ở tiêu chí", en: ["criterion change", "criterion changes"] },
    "criteria-reordered": { vi: "đổi thứ tự tiêu chí", en: ["reordering", "reorderings"] },
    "decision-changed": { vi: "thay đổi cách xét", en: ["decision change", "decision changes"] },
  };
  const parts = ChangeKind.options
    .filter((k) => d.counts[k])
    .map((k) => `${d.counts[k]} ${lang === "vi" ? names[k].vi : names[k].en[d.counts[k] === 1 ? 0 : 1]}`);
  if (parts.length === 0) return lang === "vi" ? (d.identical ? "Không có thay đổi." : "Không có thay đổi về nội dung (chỉ khác cách viết).") : d.identical ? "No changes." : "No change in substance (only in how it is written).";
  return `${parts.join(", ")}.`;
}
