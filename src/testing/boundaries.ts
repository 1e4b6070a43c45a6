/**
 * Boundary cases: for every threshold of a set (a comparison of a number, count or date against a literal, a
 * share or ratio against a percentage, the pass mark and each grade band, each level of an all-must-pass
 * decision), the data at the line, just below and just above it, evaluated, as a case file for the author to
 * review and keep.
 *
 * Each case starts from a baseline unit meeting every criterion, changes as little as it can to put one
 * threshold on its line, and records what the set then decides. Nothing is expected by guesswork: the
 * expectations are the evaluation's, and the author's job is to read each case and agree with it.
 *
 * @module
 */
import { TieuchiError } from "../errors.js";
import type { LoadedSet } from "../evaluate/load.js";
import { msg, say, t, type Catalogue, type Message } from "../i18n/index.js";
import { describeRule } from "../explain/describe.js";
import { formatNumber, type Lang } from "../explain/format.js";
import { OPERATORS } from "../logic/operators.js";
import type { BoundaryContext } from "../logic/ops/kit.js";
import { groupSizeFor } from "../logic/ops/ratio.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { Result } from "../schema/result.js";
import type { Rule } from "../schema/rule.js";
import { canonicalJson } from "../json/canonical.js";
import type { Case, CaseFile, Expectation } from "./cases.js";
import { KITS, operation, varPath, type Scope, Solver } from "./solve.js";
import { criterionRules, criterionReads, listPrefix, pruneToReads, UnitMaker, type MakerOptions } from "./units.js";
import { labelPath } from "../explain/messages.js";

type Obj = Record<string, unknown>;

/** Options of {@link boundaryCases}. */
export interface BoundaryOptions extends MakerOptions {
  /** Language of case names and descriptions (default `vi`). */
  readonly lang?: Lang;
  /** Keep every declared input in the cases' data, not only those some criterion reads (default false). */
  readonly allInputs?: boolean;
}

/** A threshold for which no case could be built, and why. */
export interface SkippedBoundary {
  readonly criterion: string | null;
  readonly where: string;
  /** Why, in English (`detail` in any language). */
  readonly reason: string;
  /** Why, as a message of the catalogue. */
  readonly detail: Message;
}

/** What {@link boundaryCases} made. */
export interface BoundaryCases {
  /** The case file, ready to write (expectations filled in from the evaluation). */
  readonly file: CaseFile;
  /** Thresholds left without cases, and why. */
  readonly skipped: readonly SkippedBoundary[];
  /** Criteria the baseline unit could not be made to meet (cases near other criteria' thresholds then show them failing). */
  readonly baselineUnmet: readonly string[];
}

/** The words of generated case names, in one language, from the catalogue. */
function wordsOf(lang: Lang) {
  const word = (which: Parameters<Catalogue["bound.word"]>[0]["which"]) => t(lang, "bound.word", { which });
  return {
    at: word("at"),
    below: word("below"),
    above: word("above"),
    empty: word("empty"),
    allExcluded: word("all-excluded"),
    excluded: word("excluded"),
    passMark: word("pass-mark"),
    grade: word("grade"),
    points: word("points"),
    knockOut: (id: string) => t(lang, "bound.knock_out", { id }),
    onlyFails: (id: string) => t(lang, "bound.only_fails", { id }),
    also: word("also"),
    count: word("count"),
    where: (where: "applies" | "rule" | "excludes" | "score") => t(lang, "bound.where", { where }),
    tier: (n: number) => t(lang, "bound.tier", { n }),
  };
}

type Side = "at" | "below" | "above";

interface Step {
  readonly op: string;
  readonly args: Rule[];
  readonly index: number;
}

interface Site {
  readonly criterion: Criterion;
  readonly where: string;
  readonly whole: Rule;
  readonly steps: readonly Step[];
  readonly op: string;
  readonly args: Rule[];
  /** Static path of the record the site's arguments read, e.g. `thanhVien[0]` inside a condition on members. */
  readonly prefix: string;
}

/** Whether argument `index` of `op` is evaluated once per item of its list. */
function perItem(op: string, index: number): boolean {
  return OPERATORS.get(op)?.perItem?.includes(index) ?? false;
}

/** Every threshold site inside a rule, with the chain of operations above it. Derived values are looked through. */
function findSites(set: LoadedSet, c: Criterion, where: string, whole: Rule): Site[] {
  const out: Site[] = [];
  const derived = set.definition.derived;
  const walk = (rule: Rule, steps: Step[], prefix: string, seen: ReadonlySet<string>) => {
    const o = operation(rule);
    if (!o) {
      if (Array.isArray(rule)) rule.forEach((r) => walk(r, steps, prefix, seen));
      return;
    }
    const p = varPath(rule);
    if (p !== undefined) {
      if (prefix === "" && Object.hasOwn(derived, p) && !Object.hasOwn(set.definition.inputs, p) && !seen.has(p))
        walk(derived[p]!.rule, [...steps, { op: "var", args: o.args, index: 0 }], "", new Set([...seen, p]));
      return;
    }
    // A threshold: an operator whose kit builds boundary cases (comparisons, shares, ratios).
    if (KITS.get(o.op)?.boundary) out.push({ criterion: c, where, whole, steps, op: o.op, args: o.args, prefix });
    const items = `${listPrefix(set, o.args[OPERATORS.get(o.op)?.list ?? 0] ?? null, prefix) ?? "?"}[0]`;
    o.args.forEach((a, i) => walk(a, [...steps, { op: o.op, args: o.args, index: i }], perItem(o.op, i) ? items : prefix, seen));
  };
  walk(whole, [], "", new Set());
  return out;
}

export { groupSizeFor };

/**
 * Derives boundary cases for every threshold of a set, evaluates them, and returns them as a case file with
 * the evaluated expectations filled in.
 *
 * @example
 * ```ts
 * const { file, skipped } = boundaryCases(loadCriteriaSet(json), { lang: "en" });
 * ```
 */
export function boundaryCases(set: LoadedSet, options: BoundaryOptions = {}): BoundaryCases {
  const lang = options.lang ?? "vi";
  const w = wordsOf(lang);
  const skip = (criterion: string | null, where: string, detail: Message) => skipped.push({ criterion, where, reason: say(detail, "en"), detail });
  const d = set.definition;
  const maker = new UnitMaker(set, options);
  const solver: Solver = maker.solver;
  const baseline = maker.baseline();
  const reads = new Set(d.criteria.flatMap((c) => criterionReads(set, c)));
  const skipped: SkippedBoundary[] = [];
  const cases: Case[] = [];
  const seen = new Map<string, { description: string }>();
  const hasGrades = d.decision.method === "points" ? d.decision.grades.length > 0 : d.decision.levels.length > 0;
  const num = (n: number) => formatNumber(n, lang);

  const record = (name: string, description: string, data: Obj, focus: readonly string[]) => {
    let result: Result;
    try {
      result = maker.evaluate(data);
    } catch (e) {
      skip(
        focus[0] ?? null,
        name,
        e instanceof TieuchiError ? e.detail : msg("check.unworded", { text: e instanceof Error ? e.message.split("\n")[0]! : String(e) }),
      );
      return;
    }
    if (!options.allInputs) pruneToReads(d.inputs, data, reads);
    const key = canonicalJson(data);
    const same = seen.get(key);
    if (same) {
      // The same data already stands for another threshold: say so there rather than repeat it.
      same.description = `${same.description} ${w.also} ${name}.`;
      return;
    }
    const criteria: Record<string, Result["criteria"][number]["status"]> = {};
    for (const r of result.criteria) if (focus.includes(r.id) || r.status !== "pass") criteria[r.id] = r.status;
    const expect: Expectation = {
      verdict: result.verdict,
      ...(hasGrades ? { grade: result.grade?.id ?? null } : {}),
      ...(result.points ? { points: result.points.earned } : {}),
      ...(Object.keys(criteria).length ? { criteria } : {}),
    };
    const c = { name, description, data, expect };
    seen.set(key, c);
    cases.push(c);
  };

  /**
   * Puts the site in charge of its criterion: siblings in and/or/if set so the site decides, and lists arranged
   * so one item's condition decides (see `focusItem`). `arrange` false finds the same places again after edits.
   */
  const context = (site: Site, data: Obj, arrange = true): Scope | undefined => {
    let scope: Scope | undefined = solver.root(data);
    if (site.where.startsWith("points.tiers[")) {
      const k = Number(/\[(\d+)\]/.exec(site.where)![1]);
      const tiers = site.criterion.points as { tiers: { when: Rule }[] };
      for (const t of tiers.tiers.slice(0, k)) solver.force(t.when, false, scope);
    }
    for (const step of site.steps) {
      if (!scope) return undefined;
      const { op, args, index } = step;
      if (op === "and") args.forEach((a, j) => j !== index && solver.force(a, true, scope!));
      else if (op === "or") args.forEach((a, j) => j !== index && solver.force(a, false, scope!));
      else if (op === "if") {
        const isElse = index === args.length - 1 && args.length % 2 === 1;
        const condIndex = isElse ? args.length : index % 2 === 1 ? index - 1 : index;
        for (let j = 0; j < condIndex; j += 2) solver.force(args[j]!, false, scope);
        if (!isElse && index % 2 === 1) solver.force(args[index - 1]!, true, scope);
      } else if (perItem(op, index)) scope = solver.focusItem(op, args, scope, arrange);
    }
    return scope;
  };

  /**
   * Data for one side of a threshold: the baseline with the site put in charge and `apply` putting it on its
   * side; then every criterion is made to pass again without changing any list's length (so the other
   * conditions hold for the items the site left), and the site is put back on its side.
   */
  const build = (site: Site, apply: (scope: Scope) => boolean): Obj | undefined => {
    const data = structuredClone(baseline.data);
    let scope = context(site, data);
    if (!scope || !apply(scope)) return undefined;
    solver.frozenLists = true;
    try {
      for (const c of d.criteria) maker.pass(c, data);
      // Criteria for different kinds of unit exclude each other (a district unit's indicator, a provincial
      // unit's): making every criterion pass leaves the unit of the last kind. When that is not the site's, the
      // site's criterion is made to apply again, and the others pass where they apply to that kind of unit.
      const applies = site.criterion.applies;
      if (applies !== undefined && !solver.valueOf(applies, solver.root(data))?.value) {
        solver.force(applies, true, solver.root(data));
        for (const c of d.criteria) maker.pass(c, data, solver, c === site.criterion);
      }
    } finally {
      solver.frozenLists = false;
    }
    scope = context(site, data, false);
    return scope && apply(scope) ? data : undefined;
  };

  const title = (c: Criterion) => c.title[lang];
  /** A term or list in words: `thành viên #1 › tuổi`, `số thành viên`. */
  const nameOf = (prefix: string, term: Rule): string => {
    const p = varPath(term);
    if (p !== undefined) return labelPath(prefix === "" ? p : `${prefix}.${p}`, set.labels, lang);
    const o = operation(term);
    const named = o && KITS.get(o.op)?.name?.(o.args, nameContext(prefix, term));
    return named ?? JSON.stringify(term);
  };
  /** What an operator's kit is given to name a term read at `prefix`. */
  const nameContext = (prefix: string, term: Rule) => ({
    listLabel: (list: Rule) => {
      const path = listPrefix(set, list, prefix);
      return path === undefined ? undefined : labelPath(path, set.labels, lang);
    },
    sentence: () => describeRule(term, lang, set.labels),
    say: (m: Message) => say(m, lang),
  });
  const whereText = (where: string) => {
    const tier = /^points\.tiers\[(\d+)\]$/.exec(where);
    if (tier) return w.tier(Number(tier[1]) + 1);
    if (where === "points.score") return w.where("score");
    return where === "applies" || where === "rule" || where === "excludes" ? w.where(where) : where;
  };
  const describe = (site: Site) => `${site.criterion.id} (${whereText(site.where)}): ${describeRule(site.whole, lang, set.labels)}.`;

  /** What an operator's kit is given to build the boundary cases of one site. */
  const siteContext = (site: Site): BoundaryContext => ({
    args: site.args,
    criterion: site.criterion.id,
    solver,
    probe: () => context(site, structuredClone(baseline.data)),
    build: (apply) => build(site, apply),
    record: (name, data) => record(name, describe(site), data, [site.criterion.id]),
    skip: (detail) => skip(site.criterion.id, site.where, detail),
    nameOf: (term) => nameOf(site.prefix, term),
    num,
    word: (which) => w[which],
  });

  for (const c of d.criteria) {
    if (c.pending) continue;
    for (const { where, rule } of criterionRules(c)) for (const site of findSites(set, c, where, rule)) KITS.get(site.op)!.boundary!(siteContext(site));
  }

  if (d.decision.method === "points") pointsCases();
  else levelCases();

  function pointsCases() {
    if (d.decision.method !== "points") return;
    const base = baseline.result;
    if (!base.points) return;
    const statuses = new Map(base.criteria.map((r) => [r.id, r.status]));
    // Ways to lose points, one criterion at a time, each checked to leave every other criterion as it was.
    const variants: { id: string; loss: number; apply: (data: Obj) => void }[][] = [];
    for (const c of d.criteria) {
      if (c.pending || c.points === undefined) continue;
      const options: { id: string; loss: number; apply: (data: Obj) => void }[] = [];
      const tryVariant = (apply: (data: Obj) => void) => {
        const data = structuredClone(baseline.data);
        apply(data);
        const r = maker.evaluate(data);
        const unchanged = r.criteria.every((x) => x.id === c.id || x.status === statuses.get(x.id));
        const loss = base.points!.earned - r.points!.earned;
        if (unchanged && loss > 0 && r.gap.blocking.length === 0 && !options.some((o) => o.loss === loss)) options.push({ id: c.id, loss, apply });
      };
      if (!c.mandatory) tryVariant((data) => maker.fail(c, data));
      const pts = c.points;
      if (typeof pts === "object" && "tiers" in pts)
        pts.tiers.forEach((t, i) => {
          if (t.points < pts.max)
            tryVariant((data) => {
              const root = solver.root(data);
              pts.tiers.slice(0, i).forEach((x) => solver.force(x.when, false, root));
              solver.force(t.when, true, root);
            });
        });
      if (typeof pts === "object" && "score" in pts)
        for (let s = pts.max - 1; s >= 0; s--) tryVariant((data) => solver.assign(pts.score, s, solver.root(data)));
      if (options.length) variants.push(options);
    }
    // Which totals can be reached, and how: at most one variant per criterion.
    const max = base.points.earned;
    const how = new Map<number, { id: string; loss: number; apply: (data: Obj) => void }[]>([[0, []]]);
    for (const group of variants) {
      for (const [loss, chosen] of [...how.entries()].sort((a, b) => a[0] - b[0]))
        for (const v of group) {
          // Fewest criteria failing: the case is easier to read.
          const sum = loss + v.loss;
          if (sum <= max && (how.get(sum)?.length ?? Infinity) > chosen.length + 1) how.set(sum, [...chosen, v]);
        }
    }
    const totals = [...how.keys()].map((l) => max - l).sort((a, b) => a - b);
    // The pass mark (where the lowest grade starts, when there are grades), then the other grades' lines. A set
    // whose pass mark is not known (null) has no pass-mark line: only its bands.
    const grades = d.decision.grades;
    const passMark = d.decision.passMark;
    const lowest = passMark === null ? undefined : grades[grades.length - 1];
    const lines = [
      ...(passMark === null ? [] : [{ label: `${w.passMark} ${num(passMark)}${lowest ? `, ${w.grade} ${lowest.title[lang]}` : ""}`, threshold: passMark }]),
      ...grades.filter((g) => g !== lowest).map((g) => ({ label: `${w.grade} ${g.title[lang]} ${num(g.minPoints)}`, threshold: g.minPoints })),
    ];
    for (const line of lines) {
      const T = line.threshold;
      const picks: [Side, number | undefined][] = [
        ["below", totals.filter((t) => t < T).pop()],
        ["at", totals.includes(T) ? T : undefined],
        ["above", totals.find((t) => t > T)],
      ];
      for (const [side, total] of picks) {
        if (total === undefined) {
          if (side === "at") skip(null, "decision", msg("bound.no_combination", { points: T }));
          continue;
        }
        const data = structuredClone(baseline.data);
        const chosen = how.get(max - total)!;
        for (const v of chosen) v.apply(data);
        const r = maker.evaluate(data);
        if (r.points?.earned !== total) {
          skip(null, "decision", msg("bound.gave_other", { ids: chosen.map((v) => v.id), meant: total, gave: r.points?.earned }));
          continue;
        }
        record(
          `${line.label}: ${num(total)} ${w.points} (${w[side]})`,
          `${line.label}.`,
          data,
          chosen.map((v) => v.id),
        );
      }
    }
    for (const c of d.criteria) {
      if (!c.mandatory || c.pending) continue;
      const data = structuredClone(baseline.data);
      if (!maker.fail(c, data)) {
        skip(c.id, "mandatory", msg("bound.cannot_fail"));
        continue;
      }
      record(`${w.knockOut(c.id)}: ${title(c)}`, `${c.id}: ${c.rule !== undefined ? describeRule(c.rule, lang, set.labels) : title(c)}.`, data, [c.id]);
    }
  }

  function levelCases() {
    for (const c of d.criteria) {
      if (c.pending) continue;
      const data = structuredClone(baseline.data);
      if (!maker.fail(c, data)) {
        skip(c.id, "level", msg("bound.cannot_fail"));
        continue;
      }
      record(
        `${w.onlyFails(c.id)}: ${title(c)}`,
        `${c.id}${c.level ? ` (${c.level})` : ""}: ${c.rule !== undefined ? describeRule(c.rule, lang, set.labels) : title(c)}.`,
        data,
        [c.id],
      );
    }
  }

  const file: CaseFile = {
    $schema: "../case-file.schema.json",
    set: { id: d.id, version: d.version },
    generated: { by: "tieuchi cases --boundaries", hash: set.hash, seed: String(options.seed ?? "tieuchi") },
    cases,
  };
  return { file, skipped, baselineUnmet: baseline.unmet };
}
