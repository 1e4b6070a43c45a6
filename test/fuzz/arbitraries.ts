/**
 * fast-check generators of criteria sets and unit data, built from the shapes of the schema: declared
 * inputs of every type, rules over them using every operator, every points style and decision method.
 * Most generated sets are valid; `mutatedSet` breaks some of them anywhere (a value replaced by random JSON,
 * a key removed, a hostile rule dropped in) so the invalid side is explored too.
 */
import fc from "fast-check";
import type { InputSpec, Inputs } from "../../src/schema/inputs.js";
import type { Rule } from "../../src/schema/rule.js";
import { declareEmptyGroups } from "../helpers.js";

const t = (s: string) => ({ vi: s, en: s });

type Kind = "boolean" | "integer" | "count" | "number" | "string" | "enum" | "date";
interface Field {
  readonly name: string;
  readonly kind: Kind;
  readonly withDefault: boolean;
}
interface List {
  readonly name: string;
  readonly fields: readonly Field[];
}
/** The inputs of a generated set. */
export interface Model {
  readonly scalars: readonly Field[];
  readonly lists: readonly List[];
  readonly derived: readonly string[];
}

const ENUM = ["Tốt", "Khá", "Đạt"];
const NAMES = ["a", "b", "c", "soNguoi", "tuoi", "xepLoai", "ngay", "diem", "ty", "co", "hoTen", "dat", "k", "n", "m"];

const field = (name: string): fc.Arbitrary<Field> =>
  fc.record({
    name: fc.constant(name),
    kind: fc.constantFrom<Kind>("boolean", "integer", "count", "number", "string", "enum", "date"),
    withDefault: fc.boolean(),
  });

const fields = (min: number, max: number) =>
  fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: min, maxLength: max }).chain((names) => fc.tuple(...names.map(field)));

/** The inputs and derived names of a set. */
export const model: fc.Arbitrary<Model> = fc
  .record({
    scalars: fields(1, 5),
    lists: fc
      .uniqueArray(fc.constantFrom("thanhVien", "hoGiaDinh", "canBo"), { maxLength: 2 })
      .chain((names) => fc.tuple(...names.map((name) => fields(1, 4).map((f) => ({ name, fields: f }))))),
    derived: fc.uniqueArray(fc.constantFrom("d1", "d2", "d3"), { maxLength: 2 }),
  })
  .map((m) => ({ ...m, lists: [...m.lists] }));

function spec(f: Field): Record<string, unknown> {
  const base = { description: t(f.name) };
  switch (f.kind) {
    case "boolean":
      return { type: "boolean", ...base, ...(f.withDefault ? { default: false } : {}) };
    case "integer":
      return { type: "integer", ...base, min: -5, max: 50 };
    case "count":
      return { type: "integer", ...base, min: 0, max: 10_000, ...(f.withDefault ? { default: 0 } : {}) };
    case "number":
      return { type: "number", ...base, min: 0, max: 100 };
    case "string":
      return { type: "string", ...base, maxLength: 20 };
    case "enum":
      return { type: "string", ...base, enum: ENUM, ...(f.withDefault ? { default: "Đạt" } : {}) };
    case "date":
      return { type: "date", ...base, min: "2000-01-01" };
  }
}

/** The `inputs` of a set for a model. */
export function inputsOf(m: Model): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of m.scalars) out[f.name] = spec(f);
  for (const l of m.lists)
    out[l.name] = {
      type: "array",
      description: t(l.name),
      items: { type: "object", description: t("item"), fields: Object.fromEntries(l.fields.map((f) => [f.name, spec(f)])) },
    };
  return out;
}

/** A percentage as written in a rule: usually a whole number, sometimes up to 6 decimals. */
export const percent: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.nat()).map(([d, u]) => Number(((u % (100 * 10 ** d + 1)) / 10 ** d).toFixed(d))) },
);

interface Scope {
  readonly fields: readonly Field[];
  readonly extra: readonly string[];
  readonly lists: readonly List[];
}

/** Rules over a scope, typed loosely: booleans where a condition goes, numbers where a number goes. */
function rulesOver(scope: Scope, depth: number): { bool: fc.Arbitrary<Rule>; num: fc.Arbitrary<Rule> } {
  const v = (name: string): Rule => ({ var: name });
  const ofKind = (...kinds: Kind[]) => scope.fields.filter((f) => kinds.includes(f.kind)).map((f) => f.name);
  const nums = ofKind("integer", "count", "number");
  const counts = ofKind("count");
  const bools = ofKind("boolean");
  const strings = ofKind("string", "enum");
  const dates = ofKind("date");
  const pick = (names: readonly string[]) => fc.constantFrom(...names).map(v);

  const numLeaf = fc.oneof(
    fc.integer({ min: -3, max: 60 }),
    fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }).map((d) => Math.round(d * 100) / 100),
    ...(nums.length ? [pick(nums)] : []),
    ...(scope.extra.length ? [pick(scope.extra)] : []),
  );
  const boolLeaf = fc.oneof(fc.boolean(), ...(bools.length ? [pick(bools)] : []), ...(scope.extra.length ? [pick(scope.extra)] : []));
  if (depth <= 0) return { bool: boolLeaf, num: numLeaf };
  const sub = rulesOver(scope, depth - 1);
  const op = (name: string, ...args: fc.Arbitrary<Rule>[]) => fc.tuple(...args).map((a): Rule => ({ [name]: a }));
  const cmp = fc.constantFrom("==", "===", "!=", "!==", ">", ">=", "<", "<=");
  const countExpr = fc.oneof(
    fc.integer({ min: 0, max: 30 }),
    ...(counts.length ? [pick(counts)] : []),
    ...scope.lists.map((l) => op("count", fc.constant(v(l.name)))),
  );
  const scoped = scope.lists.map((l) => {
    const item = rulesOver({ fields: l.fields, extra: [], lists: [] }, depth - 1);
    const list = fc.constant(v(l.name));
    return fc.oneof(
      fc.tuple(fc.constantFrom("all", "some", "none"), item.bool).map(([o, c]): Rule => ({ [o]: [v(l.name), c] })),
      op("!!", op("filter", list, item.bool)),
      op(">=", op("count", list, item.bool), fc.integer({ min: 0, max: 5 })),
      fc
        .tuple(fc.constantFrom("shareAtLeast", "shareAtMost"), percent, item.bool, fc.option(item.bool, { nil: undefined }))
        .map(([o, p, c, ex]): Rule => ({ [o]: ex === undefined ? [p, v(l.name), c] : [p, v(l.name), c, ex] })),
    );
  });
  const bool = fc.oneof(
    { depthSize: "small" },
    boolLeaf,
    fc.tuple(fc.constantFrom("and", "or"), fc.array(sub.bool, { minLength: 1, maxLength: 3 })).map(([o, a]): Rule => ({ [o]: a })),
    fc.array(sub.bool, { minLength: 1, maxLength: 5 }).map((a): Rule => ({ if: a })),
    fc.tuple(fc.constantFrom("!", "!!"), sub.bool).map(([o, a]): Rule => ({ [o]: [a] })),
    fc.tuple(cmp, sub.num, sub.num).map(([o, x, y]): Rule => ({ [o]: [x, y] })),
    fc.tuple(fc.constantFrom("<", "<="), sub.num, sub.num, sub.num).map(([o, x, y, z]): Rule => ({ [o]: [x, y, z] })),
    ...(strings.length
      ? [
          fc.tuple(pick(strings), fc.subarray(ENUM, { minLength: 1 })).map(([x, vs]): Rule => ({ in: [x, vs] })),
          fc.tuple(pick(strings), fc.constantFrom(...ENUM, "Khá", "Ka")).map(([x, s]): Rule => ({ "==": [x, s] })),
        ]
      : []),
    ...(dates.length ? [fc.tuple(pick(dates), fc.constantFrom("2010-01-01", "2024-06-30")).map(([x, d]): Rule => ({ ">=": [x, d] }))] : []),
    fc.tuple(fc.constantFrom("ratioAtLeast", "ratioAtMost"), countExpr, countExpr, percent).map(([o, p, w, pc]): Rule => ({ [o]: [p, w, pc] })),
    ...scoped,
  );
  // `sum` of a number over a list's items (its value compared, so it reaches a verdict).
  const sums = scope.lists.map((l) =>
    fc
      .tuple(fc.constant(v(l.name)), rulesOver({ fields: l.fields, extra: [], lists: [] }, depth - 1).num)
      .map(([list, value]): Rule => ({ sum: [list, value] })),
  );
  const num = fc.oneof(
    { depthSize: "small" },
    numLeaf,
    ...sums,
    fc.tuple(fc.constantFrom("+", "*", "min", "max"), fc.array(sub.num, { minLength: 1, maxLength: 3 })).map(([o, a]): Rule => ({ [o]: a })),
    fc.tuple(fc.constantFrom("-", "/", "%"), sub.num, sub.num).map(([o, x, y]): Rule => ({ [o]: [x, y] })),
    op("-", sub.num),
    countExpr,
  );
  return { bool, num };
}

/** A valid-looking criteria set for a model (the static checks still refuse some, e.g. `<` on a date). */
export function setFor(m: Model): fc.Arbitrary<Record<string, unknown>> {
  const top: Scope = { fields: m.scalars, extra: m.derived, lists: m.lists };
  const rules = rulesOver(top, 3);
  const inputRules = rulesOver({ ...top, extra: [] }, 2);
  const derived = fc.tuple(...m.derived.map(() => fc.oneof(inputRules.bool, inputRules.num)));
  const criterion = fc.record({
    kind: fc.constantFrom("fixed", "fixed", "fixed", "tiers", "score", "exclusion", "pending"),
    rule: rules.bool,
    applies: fc.option(rules.bool, { nil: undefined }),
    mandatory: fc.boolean(),
    points: fc.integer({ min: 0, max: 30 }),
    tiers: fc.array(rules.bool, { minLength: 1, maxLength: 3 }),
    score: rules.num,
    level: fc.nat(2),
  });
  return fc
    .record({
      derived,
      criteria: fc.array(criterion, { minLength: 1, maxLength: 7 }),
      method: fc.constantFrom("points", "points", "all"),
      notApplicable: fc.constantFrom("award", "zero", "exclude"),
      emptyGroup: fc.constantFrom("fail", "not-applicable", "pass"),
      passShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null, freq: 8 }),
      grades: fc.boolean(),
      levels: fc.nat(2),
      groups: fc.boolean(),
    })
    .map((g) => {
      const points = g.method === "points";
      const criteria = g.criteria.map((c, i): Record<string, unknown> => {
        const base: Record<string, unknown> = {
          id: `c${i}`,
          title: t(`tiêu chí ${i}`),
          ...(c.applies !== undefined ? { applies: c.applies } : {}),
          ...(g.groups ? { group: `g${(i % 2) + 1}` } : {}),
        };
        if (!points && g.levels > 0) base.level = `muc-${Math.min(c.level, g.levels - 1) + 1}`;
        switch (c.kind) {
          case "exclusion":
            return { ...base, role: "exclusion", excludes: c.rule };
          case "pending":
            return { ...base, ...(points ? { points: c.points } : {}), pending: { reason: t("chưa có văn bản") } };
          case "tiers":
            if (points) {
              const max = Math.max(1, c.points);
              return {
                ...base,
                mandatory: c.mandatory,
                points: { max, tiers: c.tiers.map((when, k) => ({ points: Math.max(0, max - k * Math.ceil(max / 3)), when })) },
              };
            }
            return { ...base, rule: c.rule };
          case "score":
            if (points) return { ...base, mandatory: c.mandatory, points: { max: Math.max(1, c.points), score: c.score }, rule: c.rule };
            return { ...base, rule: c.rule };
          default:
            return { ...base, mandatory: c.mandatory, ...(points ? { points: c.points } : {}), rule: c.rule };
        }
      });
      const maxOf = (c: Record<string, unknown>) =>
        typeof c.points === "number" ? c.points : typeof c.points === "object" && c.points ? (c.points as { max: number }).max : 0;
      let total = criteria.reduce((s, c) => s + maxOf(c), 0);
      if (points && total === 0) {
        criteria.push({ id: `c${criteria.length}`, title: t("thêm"), points: 1, rule: true });
        total = 1;
      }
      // An unknown pass mark (null) makes the set partial.
      const passMark = g.passShare === null ? null : Math.floor(total * g.passShare);
      const grades =
        g.grades && passMark !== null && passMark < total
          ? [
              { id: "tot", title: t("Tốt"), minPoints: total },
              { id: "dat", title: t("Đạt"), minPoints: passMark },
            ]
          : [];
      const levels = Array.from({ length: g.levels }, (_, k) => ({ id: `muc-${k + 1}`, title: t(`Mức ${k + 1}`) }));
      return declareEmptyGroups(
        {
          id: "fuzz-set",
          version: "1.0.0",
          title: t("Bộ thử ngẫu nhiên"),
          subject: "family",
          source: { document: "Fuzz 1/2024", issuer: "Test", issued: "2024-01-01" },
          validFrom: "2024-01-01",
          validTo: null,
          supersedes: null,
          completeness:
            criteria.some((c) => "pending" in c) || (points && passMark === null)
              ? { level: "partial" }
              : { level: "complete-secondary", notes: ["A generated set: not a regulation."] },
          inputs: inputsOf(m),
          derived: Object.fromEntries(m.derived.map((name, k) => [name, { description: t(name), rule: g.derived[k] }])),
          groups: g.groups
            ? [
                { id: "g1", title: t("nhóm 1") },
                { id: "g2", title: t("nhóm 2") },
              ]
            : [],
          criteria,
          decision: points ? { method: "points", maxPoints: total, passMark, grades, notApplicable: g.notApplicable } : { method: "all", levels },
        },
        g.emptyGroup,
      );
    });
}

/** Rules a hostile or careless author could write: unknown and prototype-walking operators, unsafe paths, odd shapes. */
export const hostileRule: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    { method: [{ method: [{ var: "__proto__.constructor.is.__proto__" }, "constructor", ["globalThis.pwned = 1"]] }, "call"] },
    JSON.parse('{"__proto__": [1]}'),
    { "constructor.constructor": ["globalThis.pwned = 1"] },
    { toString: [] },
    { log: "x" },
    { var: "__proto__.polluted" },
    { var: ["a", "default"] },
    { var: { cat: ["a"] } },
    { "==": [1] },
    {},
    { and: [], or: [] },
  ),
  fc.record({ op: fc.string({ maxLength: 12 }), args: fc.jsonValue({ maxDepth: 2 }) }).map(({ op, args }) => ({ [op]: args })),
  fc.jsonValue({ maxDepth: 3 }),
);

interface Mutation {
  readonly at: number;
  readonly how: "replace" | "delete" | "hostile" | "unknown-key";
  readonly value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  how: fc.constantFrom("replace", "delete", "hostile", "unknown-key"),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileRule, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, "", null, [], {})),
});

/** Applies a mutation somewhere in a JSON value (a copy). */
function mutate(json: unknown, m: Mutation): unknown {
  const copy = structuredClone(json);
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        slots.push([v, i]);
        walk(x);
      });
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        slots.push([v as Record<string, unknown>, k]);
        walk(x);
      }
  };
  walk(copy);
  if (slots.length === 0) return m.value;
  const [parent, key] = slots[m.at % slots.length]!;
  if (m.how === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (m.how === "unknown-key" && !Array.isArray(parent)) (parent as Record<string, unknown>)[`${String(key)}X`] = m.value;
  else (parent as Record<string, unknown>)[key as string] = m.value;
  return copy;
}

/** A set for the model, valid most of the time, with 0 to 2 mutations anywhere. */
export function mutatedSet(m: Model): fc.Arbitrary<unknown> {
  return fc
    .tuple(setFor(m), fc.array(mutation, { maxLength: 2 }), fc.nat(3))
    .map(([set, ms, keep]) => (keep === 0 ? ms.reduce<unknown>((s, x) => mutate(s, x), set) : set));
}

function valueFor(f: Field): fc.Arbitrary<unknown> {
  const good: Record<Kind, fc.Arbitrary<unknown>> = {
    boolean: fc.boolean(),
    integer: fc.integer({ min: -5, max: 50 }),
    count: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10_000 })),
    number: fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
    string: fc.string({ maxLength: 20 }),
    enum: fc.constantFrom(...ENUM, "Kha\u0301", "Ta\u0302\u0301t".normalize("NFD")),
    date: fc.date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  };
  const bad = fc.oneof(
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, "5", -1, 2 ** 53, "2024-02-30", { valueOf: 5 }),
  );
  return fc.oneof({ weight: 12, arbitrary: good[f.kind] }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: bad });
}

function recordOf(fs: readonly Field[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fs.map((f) => [f.name, valueFor(f)])), { requiredKeys: [] });
}

/** A unit's data for a model: values of the right type most of the time, absent, null or wrong sometimes. */
export function dataFor(m: Model): fc.Arbitrary<unknown> {
  const lists = Object.fromEntries(
    m.lists.map((l) => [
      l.name,
      fc.oneof(
        { weight: 10, arbitrary: fc.array(recordOf(l.fields), { maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      ),
    ]),
  );
  const data = fc.record({ ...Object.fromEntries(m.scalars.map((f) => [f.name, valueFor(f)])), ...lists }, { requiredKeys: [] });
  return fc.oneof(
    { weight: 20, arbitrary: data },
    { weight: 1, arbitrary: fc.tuple(data, fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map(([d, k, v]) => ({ ...d, [k]: v })) },
    { weight: 1, arbitrary: fc.anything() },
  );
}

function dateBetween(min = "1990-01-01", max = "2030-12-31"): fc.Arbitrary<string> {
  return fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
}

/** A value for any declared input: of the declared type and range most of the time, null or wrong sometimes. */
export function valueForSpec(spec: InputSpec): fc.Arbitrary<unknown> {
  let good: fc.Arbitrary<unknown>;
  switch (spec.type) {
    case "boolean":
    case "title":
      good = fc.boolean();
      break;
    case "integer":
      good = fc.integer({ min: spec.min ?? -10, max: spec.max ?? Math.max(1000, spec.min ?? 0) });
      break;
    case "number":
      good = fc.double({ min: spec.min ?? -10, max: spec.max ?? 1000, noNaN: true, noDefaultInfinity: true });
      break;
    case "string":
      good = spec.enum
        ? fc.constantFrom(...spec.enum, ...spec.enum.map((e) => e.normalize("NFD")))
        : fc.string({ maxLength: Math.min(spec.maxLength ?? 20, 20) });
      break;
    case "date":
      good = dateBetween(spec.min, spec.max);
      break;
    case "object":
      good = fc.record(Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, valueForSpec(v)])), { requiredKeys: [] });
      break;
    case "array":
      good = fc.array(valueForSpec(spec.items), { minLength: spec.minItems ?? 0, maxLength: Math.max(spec.minItems ?? 0, Math.min(spec.maxItems ?? 6, 6)) });
      break;
  }
  const bad = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom<unknown>(Number.NaN, "5", -1, 2 ** 53));
  return fc.oneof({ weight: 30, arbitrary: good }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: bad });
}

/** A unit's data for declared inputs; values may be absent. */
export function dataForInputs(inputs: Inputs): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, valueForSpec(v)])), { requiredKeys: [] });
}
