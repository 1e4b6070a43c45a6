/**
 * What changed between two versions of a criteria set (or a set and the one that superseded it): criteria
 * added, removed, renamed and changed, inputs, derived values, groups, the decision and the metadata. Each
 * change is data (JSON), a message of the catalogue (key and parameters) and its sentence in Vietnamese and English;
 * rules are shown in words.
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
import { both, msg, say, t, type Lang, type Message, type Text } from "../i18n/index.js";
import { DIFF_INPUT_FIELDS, DIFF_KINDS, type DIFF_METADATA } from "../i18n/codes/diff.js";
import { isLoadedSet, loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import { Localized, MessageData } from "../schema/common.js";
import type { CriteriaSet, Criterion, Decision, Points } from "../schema/criteria-set.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { Rule } from "../schema/rule.js";
import { canonicalJson } from "../json/canonical.js";

/** The part of a set a change is in. */
export const ChangeSection = z.enum(["metadata", "inputs", "derived", "groups", "criteria", "decision"]);
export type ChangeSection = z.infer<typeof ChangeSection>;

/** Kinds of change. */
export const ChangeKind = z.enum(DIFF_KINDS);
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
    /** The change in words, in Vietnamese and English. */
    message: Localized,
    /** The change as a message of the catalogue: its key and parameters (`say(detail, lang)` puts it into words). */
    detail: MessageData,
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

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const isLocalized = (v: unknown): v is Localized => Localized.safeParse(v).success;

/** A text of the set changed: `«old» → «new»`, or, in a language whose text is the same, that only the other changed. */
function retitled(a: Localized | undefined, b: Localized | undefined): Message {
  return msg("diff.retitled", { ...(a ? { before: a } : {}), ...(b ? { after: b } : {}) });
}

/** `before → after`, each value shown as {@link value} shows it. */
function arrow(before: unknown, after: unknown): Message {
  return msg("diff.arrow", { before: value(before), after: value(after) });
}

/** A value of a set as a change shows it: dates as dates, texts quoted, lists item by item. */
function value(v: unknown): Message {
  if (v === undefined || v === null) return msg("word.none");
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? msg("diff.date", { date: v }) : msg("word.quoted", { text: v });
  if (typeof v === "number") return msg("diff.number", { value: v });
  if (typeof v === "boolean") return msg("diff.yes_no", { value: v });
  if (Array.isArray(v)) return msg("diff.list", { items: v.map(value) });
  if (typeof v === "object") {
    if (isLocalized(v)) return msg("diff.quoted_text", { text: v });
    const o = v as Record<string, unknown>;
    if (typeof o.id === "string" && typeof o.version === "string")
      return msg("diff.set_ref", { id: o.id, version: o.version, ...(typeof o.article === "string" ? { article: o.article } : {}) });
  }
  return msg("diff.json", { json: JSON.stringify(v) });
}

/** A rule in words, in each language. */
function ruleText(r: Rule, labels: LabelNode): Text {
  return { vi: describeRule(r, "vi", labels), en: describeRule(r, "en", labels) };
}

function pointsText(p: Points | undefined, labels: LabelNode): Message {
  if (p === undefined) return msg("diff.points_none");
  if (typeof p === "number") return msg("diff.points_fixed", { points: p });
  if ("tiers" in p)
    return msg("diff.points_tiers", { max: p.max, tiers: p.tiers.map((t) => msg("diff.points_tier", { points: t.points, rule: ruleText(t.when, labels) })) });
  return msg("diff.points_score", { max: p.max, rule: ruleText(p.score, labels) });
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
  return canonicalJson({
    role: c.role,
    rule: c.rule ?? null,
    excludes: c.excludes ?? null,
    applies: c.applies ?? null,
    points: c.points ?? null,
    pending: c.pending ?? null,
  });
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
      if (x > score || (x === score && top === undefined)) {
        top = o;
        score = x;
      }
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

  add(
    section: ChangeSection,
    kind: ChangeKind,
    target: string | null,
    field: string | null,
    detail: Message,
    values: { before?: unknown; after?: unknown } = {},
  ) {
    this.changes.push({
      section,
      kind,
      target,
      field,
      ...("before" in values ? { before: values.before } : {}),
      ...("after" in values ? { after: values.after } : {}),
      message: both(detail),
      detail: { key: detail.key, params: { ...detail.params } },
    });
  }

  ruleA(r: Rule): Text {
    return ruleText(r, this.a.labels);
  }

  ruleB(r: Rule): Text {
    return ruleText(r, this.b.labels);
  }

  metadata() {
    const a = this.a.definition;
    const b = this.b.definition;
    const fields: Array<[(typeof DIFF_METADATA)[number], unknown, unknown]> = [
      ["id", a.id, b.id],
      ["version", a.version, b.version],
      ["title", a.title, b.title],
      ["subject", a.subject, b.subject],
      ["jurisdiction", a.jurisdiction, b.jurisdiction],
      ["source.document", a.source.document, b.source.document],
      ["source.title", a.source.title, b.source.title],
      ["source.issuer", a.source.issuer, b.source.issuer],
      ["source.issued", a.source.issued, b.source.issued],
      ["source.section", a.source.section, b.source.section],
      ["source.url", a.source.url, b.source.url],
      ["validFrom", a.validFrom, b.validFrom],
      ["validTo", a.validTo, b.validTo],
      ["supersedes", a.supersedes, b.supersedes],
      ["completeness.level", a.completeness.level, b.completeness.level],
    ];
    for (const [field, x, y] of fields) {
      if (same(x, y)) continue;
      const change = isLocalized(x) && isLocalized(y) ? retitled(x, y) : arrow(x, y);
      this.add("metadata", "metadata-changed", null, field, msg("diff.metadata", { field, change }), { before: x ?? null, after: y ?? null });
    }
    if (!same(a.procedure, b.procedure))
      this.add(
        "metadata",
        "metadata-changed",
        null,
        "procedure",
        msg("diff.procedure", { change: a.procedure === undefined ? "added" : b.procedure === undefined ? "removed" : "edited" }),
        {
          before: a.procedure ?? null,
          after: b.procedure ?? null,
        },
      );
    // Notes are strings or {vi, en}: compared by their canonical JSON, not by identity.
    const notesA = new Set(a.completeness.notes.map((n) => canonicalJson(n)));
    const notesB = new Set(b.completeness.notes.map((n) => canonicalJson(n)));
    const notesOut = a.completeness.notes.filter((n) => !notesB.has(canonicalJson(n)));
    const notesIn = b.completeness.notes.filter((n) => !notesA.has(canonicalJson(n)));
    if (notesOut.length || notesIn.length)
      this.add("metadata", "metadata-changed", null, "completeness.notes", msg("diff.notes", { added: notesIn.length, removed: notesOut.length }), {
        before: notesOut,
        after: notesIn,
      });
    const refsA = new Map(a.references.map((r) => [r.document, r]));
    const refsB = new Map(b.references.map((r) => [r.document, r]));
    for (const [doc, r] of refsB)
      if (!refsA.has(doc)) this.add("metadata", "metadata-changed", doc, "references", msg("diff.reference", { document: doc, change: "added" }), { after: r });
      else if (!same(refsA.get(doc), r))
        this.add("metadata", "metadata-changed", doc, "references", msg("diff.reference", { document: doc, change: "edited" }), {
          before: refsA.get(doc),
          after: r,
        });
    for (const [doc, r] of refsA)
      if (!refsB.has(doc))
        this.add("metadata", "metadata-changed", doc, "references", msg("diff.reference", { document: doc, change: "removed" }), { before: r });
  }

  inputs(a: Inputs, b: Inputs, base: string) {
    for (const [name, spec] of Object.entries(b)) {
      const path = base === "" ? name : `${base}.${name}`;
      const old = Object.hasOwn(a, name) ? a[name] : undefined;
      if (!old)
        this.add("inputs", "input-added", path, null, msg("diff.input_added", { path, spec: specText(spec), description: spec.description }), { after: spec });
      else this.input(old, spec, path);
    }
    for (const [name, spec] of Object.entries(a)) {
      const path = base === "" ? name : `${base}.${name}`;
      if (!Object.hasOwn(b, name))
        this.add("inputs", "input-removed", path, null, msg("diff.input_removed", { path, ...(spec.label ? { label: spec.label } : {}) }), { before: spec });
    }
  }

  input(a: InputSpec, b: InputSpec, path: string) {
    const changed = (field: string, before: unknown, after: unknown, detail: Message) =>
      this.add("inputs", "input-changed", path, field, detail, { before: before ?? null, after: after ?? null });
    if (a.type !== b.type) {
      changed(
        "type",
        say(specText(a), "en"),
        say(specText(b), "en"),
        msg("diff.input_type", { path, change: msg("diff.arrow", { before: specText(a), after: specText(b) }) }),
      );
      return;
    }
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const field of DIFF_INPUT_FIELDS) {
      if (!same(ra[field], rb[field])) changed(field, ra[field], rb[field], msg("diff.input_field", { path, field, change: arrow(ra[field], rb[field]) }));
    }
    if (a.type === "string" && b.type === "string" && !same(a.enum, b.enum)) {
      const out = (a.enum ?? []).filter((v) => !(b.enum ?? []).includes(v));
      const inn = (b.enum ?? []).filter((v) => !(a.enum ?? []).includes(v));
      const detail =
        !a.enum || !b.enum
          ? msg("diff.input_enum", {
              path,
              change: msg("diff.arrow", { before: a.enum ? value(a.enum) : msg("diff.any"), after: b.enum ? value(b.enum) : msg("diff.any") }),
            })
          : msg("diff.input_enum_edit", { path, ...(inn.length ? { added: value(inn) } : {}), ...(out.length ? { removed: value(out) } : {}) });
      changed("enum", a.enum, b.enum, detail);
    }
    if (!same(a.label, b.label)) changed("label", a.label, b.label, msg("diff.input_label", { path, change: retitled(a.label, b.label) }));
    if (!same(a.description, b.description)) changed("description", a.description, b.description, msg("diff.input_description", { path }));
    if (a.type === "object" && b.type === "object") this.inputs(a.fields, b.fields, path);
    if (a.type === "array" && b.type === "array") this.input(a.items, b.items, `${path}[]`);
  }

  derived() {
    const a = this.a.definition.derived;
    const b = this.b.definition.derived;
    for (const [name, d] of Object.entries(b)) {
      const old = Object.hasOwn(a, name) ? a[name] : undefined;
      if (!old) {
        this.add("derived", "derived-added", name, null, msg("diff.derived_added", { name, rule: this.ruleB(d.rule) }), { after: d });
        continue;
      }
      if (!same(old.rule, d.rule))
        this.add("derived", "derived-changed", name, "rule", msg("diff.derived_rule", { name, before: this.ruleA(old.rule), after: this.ruleB(d.rule) }), {
          before: old.rule,
          after: d.rule,
        });
      if (!same(old.label, d.label) || !same(old.description, d.description))
        this.add("derived", "derived-changed", name, "description", msg("diff.derived_description", { name }), {
          before: { label: old.label ?? null, description: old.description },
          after: { label: d.label ?? null, description: d.description },
        });
    }
    for (const [name, d] of Object.entries(a))
      if (!Object.hasOwn(b, name)) this.add("derived", "derived-removed", name, null, msg("diff.derived_removed", { name }), { before: d });
  }

  groups() {
    const a = new Map(this.a.definition.groups.map((g) => [g.id, g]));
    const b = new Map(this.b.definition.groups.map((g) => [g.id, g]));
    for (const [id, g] of b) {
      const old = a.get(id);
      if (!old) {
        this.add(
          "groups",
          "group-added",
          id,
          null,
          msg("diff.group_added", { id, title: g.title, ...(g.maxPoints !== undefined ? { points: g.maxPoints } : {}) }),
          { after: g },
        );
        continue;
      }
      if (!same(old.title, g.title))
        this.add("groups", "group-changed", id, "title", msg("diff.group_title", { id, change: retitled(old.title, g.title) }), {
          before: old.title,
          after: g.title,
        });
      if (!same(old.maxPoints, g.maxPoints))
        this.add("groups", "group-changed", id, "maxPoints", msg("diff.group_points", { id, change: arrow(old.maxPoints, g.maxPoints) }), {
          before: old.maxPoints ?? null,
          after: g.maxPoints ?? null,
        });
    }
    for (const [id, g] of a) if (!b.has(id)) this.add("groups", "group-removed", id, null, msg("diff.group_removed", { id, title: g.title }), { before: g });
  }

  criteria(): CriteriaMatch {
    const m = matchCriteria(this.a.definition, this.b.definition);
    for (const [x, y] of m.pairs) this.criterion(x, y);
    for (const c of m.added) {
      const w = weight(c, this.b.labels);
      const what = c.pending ? msg("diff.not_encoded") : this.criterionRule(c, "b");
      this.add(
        "criteria",
        "criterion-added",
        c.id,
        null,
        msg("diff.criterion_added", { id: c.id, title: c.title, exclusion: c.role === "exclusion", what, ...(w ? { weight: w } : {}) }),
        { after: c },
      );
    }
    for (const c of m.removed) {
      const w = weight(c, this.a.labels);
      this.add(
        "criteria",
        "criterion-removed",
        c.id,
        null,
        msg("diff.criterion_removed", { id: c.id, title: c.title, exclusion: c.role === "exclusion", ...(w ? { weight: w } : {}) }),
        { before: c },
      );
    }
    const oldOrder = this.a.definition.criteria.filter((c) => m.pairs.some(([x]) => x === c)).map((c) => c.id);
    const newOrder = m.pairs.map(([x]) => x.id);
    if (!same(oldOrder, newOrder))
      this.add("criteria", "criteria-reordered", null, "order", msg("diff.criteria_reordered"), { before: oldOrder, after: m.pairs.map(([, y]) => y.id) });
    return m;
  }

  criterionRule(c: Criterion, side: "a" | "b"): Message {
    const r = c.rule ?? c.excludes;
    if (r !== undefined) return msg("diff.rule_text", { rule: side === "a" ? this.ruleA(r) : this.ruleB(r) });
    return pointsText(c.points, side === "a" ? this.a.labels : this.b.labels);
  }

  criterion(x: Criterion, y: Criterion) {
    const id = y.id;
    const changed = (field: string, before: unknown, after: unknown, detail: Message) =>
      this.add("criteria", "criterion-changed", id, field, detail, { before: before ?? null, after: after ?? null });
    if (x.id !== y.id || !same(x.title, y.title)) {
      const title = same(x.title, y.title) ? msg("diff.quoted_text", { text: y.title }) : msg("diff.renamed", { change: retitled(x.title, y.title) });
      this.add(
        "criteria",
        "criterion-renamed",
        id,
        x.id !== y.id ? (substance(x) === substance(y) ? "id" : "text") : "title",
        x.id !== y.id
          ? msg("diff.criterion_renamed", { from: x.id, to: y.id, kept: substance(x) === substance(y), title })
          : msg("diff.criterion_retitled", { id, title }),
        { before: { id: x.id, title: x.title }, after: { id: y.id, title: y.title } },
      );
    }
    if (x.role !== y.role) changed("role", x.role, y.role, msg("diff.role", { id, before: x.role, after: y.role }));
    for (const field of ["rule", "excludes"] as const) {
      const r0 = x[field];
      const r1 = y[field];
      if (same(r0, r1)) continue;
      const nums = r0 !== undefined && r1 !== undefined ? thresholdChanges(r0, r1) : null;
      if (nums && nums.length > 0) {
        const before = nums.map((n) => n.before);
        const after = nums.map((n) => n.after);
        changed("threshold", before, after, msg("diff.threshold", { id, before, after, rule: this.ruleB(r1!) }));
      } else
        changed(
          field,
          r0,
          r1,
          msg("diff.rule", { id, field, ...(r0 !== undefined ? { before: this.ruleA(r0) } : {}), ...(r1 !== undefined ? { after: this.ruleB(r1) } : {}) }),
        );
    }
    if (!same(x.applies, y.applies)) {
      const detail =
        x.applies === undefined
          ? msg("diff.applies_now", { id, rule: this.ruleB(y.applies!) })
          : y.applies === undefined
            ? msg("diff.applies_dropped", { id, rule: this.ruleA(x.applies) })
            : msg("diff.applies", { id, before: this.ruleA(x.applies), after: this.ruleB(y.applies) });
      changed("applies", x.applies, y.applies, detail);
    }
    if (!same(x.points, y.points)) {
      const nums = typeof x.points === "object" && typeof y.points === "object" ? thresholdChanges(x.points, y.points) : null;
      const tiers = nums && nums.length > 0 && typeof y.points === "object" && "tiers" in y.points && typeof x.points === "object" && "tiers" in x.points;
      changed(
        "points",
        x.points,
        y.points,
        tiers
          ? msg("diff.tier_numbers", { id, before: nums!.map((n) => n.before), after: nums!.map((n) => n.after), points: pointsText(y.points, this.b.labels) })
          : msg("diff.points", { id, change: msg("diff.arrow", { before: pointsText(x.points, this.a.labels), after: pointsText(y.points, this.b.labels) }) }),
      );
    }
    if (x.mandatory !== y.mandatory) changed("mandatory", x.mandatory, y.mandatory, msg("diff.mandatory", { id, now: y.mandatory === true }));
    if (!same(x.level, y.level)) changed("level", x.level, y.level, msg("diff.placed", { id, field: "level", change: arrow(x.level, y.level) }));
    if (!same(x.group, y.group)) changed("group", x.group, y.group, msg("diff.placed", { id, field: "group", change: arrow(x.group, y.group) }));
    if (!same(x.pending, y.pending))
      changed(
        "pending",
        x.pending,
        y.pending,
        y.pending === undefined
          ? msg("diff.pending_encoded", { id })
          : x.pending === undefined
            ? msg("diff.pending_new", { id, reason: y.pending.reason })
            : msg("diff.pending_reason", { id }),
      );
    for (const field of ["requirement", "text", "article", "explain", "notes"] as const) {
      if (same(x[field], y[field])) continue;
      changed(
        field,
        x[field],
        y[field],
        field === "article" ? msg("diff.article", { id, change: arrow(x.article, y.article) }) : msg("diff.edited", { id, field }),
      );
    }
  }

  decision() {
    const a = this.a.definition.decision;
    const b = this.b.definition.decision;
    const changed = (target: string | null, field: string, before: unknown, after: unknown, detail: Message) =>
      this.add("decision", "decision-changed", target, field, detail, { before: before ?? null, after: after ?? null });
    if (a.method !== b.method) {
      changed(null, "method", a, b, msg("diff.decision_method", { change: msg("diff.arrow", { before: decisionText(a), after: decisionText(b) }) }));
      return;
    }
    if (a.method === "points" && b.method === "points") {
      for (const field of ["maxPoints", "passMark"] as const)
        if (a[field] !== b[field]) changed(null, field, a[field], b[field], msg("diff.decision_number", { field, change: arrow(a[field], b[field]) }));
      if (a.notApplicable !== b.notApplicable)
        changed(null, "notApplicable", a.notApplicable, b.notApplicable, msg("diff.not_applicable", { before: a.notApplicable, after: b.notApplicable }));
      const ga = new Map(a.grades.map((g) => [g.id, g]));
      const gb = new Map(b.grades.map((g) => [g.id, g]));
      for (const [id, g] of gb) {
        const old = ga.get(id);
        if (!old) changed(id, "grades", null, g, msg("diff.grade_added", { title: g.title, min: g.minPoints }));
        else {
          if (old.minPoints !== g.minPoints)
            changed(id, "grades.minPoints", old.minPoints, g.minPoints, msg("diff.grade_min", { title: g.title, before: old.minPoints, after: g.minPoints }));
          if (!same(old.title, g.title)) changed(id, "grades.title", old.title, g.title, msg("diff.grade_title", { id, change: retitled(old.title, g.title) }));
        }
      }
      for (const [id, g] of ga) if (!gb.has(id)) changed(id, "grades", g, null, msg("diff.grade_removed", { title: g.title, min: g.minPoints }));
    }
    if (a.method === "all" && b.method === "all") {
      const la = new Map(a.levels.map((l) => [l.id, l]));
      const lb = new Map(b.levels.map((l) => [l.id, l]));
      for (const [id, l] of lb) {
        const old = la.get(id);
        if (!old) changed(id, "levels", null, l, msg("diff.level_added", { id, title: l.title }));
        else if (!same(old.title, l.title))
          changed(id, "levels.title", old.title, l.title, msg("diff.level_title", { id, change: retitled(old.title, l.title) }));
      }
      for (const [id, l] of la) if (!lb.has(id)) changed(id, "levels", l, null, msg("diff.level_removed", { id, title: l.title }));
      const common = (xs: typeof a.levels, other: Map<string, unknown>) => xs.filter((l) => other.has(l.id)).map((l) => l.id);
      if (!same(common(a.levels, lb), common(b.levels, la)))
        changed(
          null,
          "levels.order",
          a.levels.map((l) => l.id),
          b.levels.map((l) => l.id),
          msg("diff.levels_reordered"),
        );
    }
    for (const field of ["passTitle", "failTitle"] as const)
      if (!same(a[field], b[field])) changed(null, field, a[field], b[field], msg("diff.decision_title", { field, change: arrow(a[field], b[field]) }));
  }
}

/** What a criterion weighs (`10 points, knock-out`), or nothing when it has no points and is no knock-out. */
function weight(c: Criterion, labels: LabelNode): Message | undefined {
  if (c.points === undefined && !c.mandatory) return undefined;
  return msg("diff.weight", { ...(c.points !== undefined ? { points: pointsText(c.points, labels) } : {}), knockOut: c.mandatory === true });
}

function decisionText(d: Decision): Message {
  if (d.method === "points") return msg("diff.decision_points", { ...(d.passMark !== null ? { passMark: d.passMark } : {}), max: d.maxPoints });
  return msg("diff.decision_all", { levels: d.levels.length });
}

/** The range of a declared input, or nothing. */
function range(min?: number | string, max?: number | string): { range?: Message } {
  if (min !== undefined && max !== undefined) return { range: msg("diff.range_between", { min: value(min), max: value(max) }) };
  if (min !== undefined) return { range: msg("diff.range_min", { min: value(min) }) };
  if (max !== undefined) return { range: msg("diff.range_max", { max: value(max) }) };
  return {};
}

/** A declared input in words: its type and limits. */
function specText(spec: InputSpec): Message {
  switch (spec.type) {
    case "boolean":
      return msg("diff.spec_boolean");
    case "integer":
      return msg("diff.spec_integer", range(spec.min, spec.max));
    case "number":
      return msg("diff.spec_number", range(spec.min, spec.max));
    case "string":
      return spec.enum ? msg("diff.spec_enum", { values: value(spec.enum) }) : msg("diff.spec_text");
    case "date":
      return msg("diff.spec_date", range(spec.min, spec.max));
    case "title":
      return msg("diff.spec_title", { set: spec.set, levels: spec.levels ?? [] });
    case "object":
      return msg("diff.spec_record", { fields: Object.keys(spec.fields).length });
    case "array":
      return msg("diff.spec_list", { item: specText(spec.items) });
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
export const SECTION_TITLES: Record<ChangeSection, Localized> = Object.fromEntries(
  ChangeSection.options.map((section) => [section, both(msg("diff.section", { section }))]),
) as Record<ChangeSection, Localized>;

/** Summary line of a diff's counts, e.g. `3 criteria added, 1 removed, ...`. */
export function diffSummary(d: SetDiff, lang: Lang): string {
  const parts = ChangeKind.options.filter((k) => d.counts[k]).map((kind) => t(lang, "diff.count", { kind, count: d.counts[kind]! }));
  if (parts.length === 0) return t(lang, "diff.no_changes", { identical: d.identical });
  return `${parts.join(", ")}.`;
}
