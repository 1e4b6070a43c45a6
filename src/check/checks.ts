/**
 * Checks of a criteria set beyond its shape: unique ids, references that resolve, points that add up,
 * grade bands in order, consistent dates, and every rule analysed against the declared inputs.
 *
 * @module
 */
import { problem, type JsonPath, type Problem } from "../errors.js";
import { analyzeRule, lookalikeProblem, type NodeBudget, type RuleInfo } from "../logic/analyze.js";
import { isNumeric, typeOfInput, type ValueType } from "../logic/types.js";
import type { WorkPlan } from "../logic/work.js";
import { criterionRules } from "../logic/walk.js";
import { constraintInput, listScope } from "../schema/constraints.js";
import type { CriteriaSet, Criterion } from "../schema/criteria-set.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { DEFAULT_LIMITS, type Limits } from "../schema/limits.js";

/** Names a message template may use besides the set's top-level inputs and derived values. */
export const TEMPLATE_NAMES = ["id", "title", "points", "maxPoints", "missing", "found", "required"] as const;
/** Template names that need the criterion to compare a ratio. */
export const RATIO_TEMPLATE_NAMES = ["part", "whole", "percent", "requiredPercent"] as const;

/** What static analysis learned about one criterion. */
export interface CriterionInfo {
  /** Data paths the criterion may read (`[]` stands for each item of a list). */
  readonly reads: readonly string[];
  readonly usesRatio: boolean;
  /**
   * Whether the criterion takes a share or ratio of a group that could be empty, in its own rules or through a
   * derived value it reads: then its `emptyGroup` decides its status when the group is empty.
   */
  readonly takesShare: boolean;
}

/** What static analysis learned about a set. */
export interface SetAnalysis {
  readonly criteria: ReadonlyMap<string, CriterionInfo>;
  readonly derivedTypes: ReadonlyMap<string, ValueType>;
  /**
   * The most steps evaluating one unit can take: every rule's parts, times the most items of the lists they go
   * through (nested lists multiplied). Held to `limits.maxWork` when the set is loaded.
   */
  readonly work: number;
  /** The plans of that work, rule by rule (derived values, then criteria), to count a unit's work from its data. */
  readonly plans: readonly WorkPlan[];
}

/** The most points a criterion can earn. */
export function maxPointsOf(c: Criterion): number {
  if (c.points === undefined) return 0;
  return typeof c.points === "number" ? c.points : c.points.max;
}

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  at: (i: number) => JsonPath,
  what: "criterion" | "group" | "grade" | "level" | "step",
  problems: Problem[],
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) problems.push(problem("problem.duplicate_id", at(i), { of: what, id: k, first }));
    else seen.set(k, i);
  });
}

function checkInputs(inputs: Inputs, path: JsonPath, setId: string, problems: Problem[]): void {
  for (const [name, spec] of Object.entries(inputs)) checkInput(spec, [...path, name], setId, problems);
}

function checkInput(spec: InputSpec, path: JsonPath, setId: string, problems: Problem[]): void {
  switch (spec.type) {
    case "integer":
    case "number":
      if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
        problems.push(problem("problem.bad_range.numbers", [...path, "min"], { min: spec.min, max: spec.max }));
      if (spec.default !== undefined && ((spec.min !== undefined && spec.default < spec.min) || (spec.max !== undefined && spec.default > spec.max)))
        problems.push(problem("problem.bad_default.range", [...path, "default"], { value: spec.default }));
      break;
    case "string":
      if (spec.enum) {
        const norm = spec.enum.map((s) => s.normalize("NFC"));
        if (new Set(norm).size !== norm.length) problems.push(problem("problem.duplicate_enum", [...path, "enum"]));
        spec.enum.forEach((v, i) => {
          lookalikeProblem(v, [...path, "enum", i], problems);
        });
        if (spec.default !== undefined && !norm.includes(spec.default.normalize("NFC")))
          problems.push(problem("problem.bad_default.enum", [...path, "default"], { value: JSON.stringify(spec.default) }));
      }
      break;
    case "date":
      if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
        problems.push(problem("problem.bad_range.dates", [...path, "min"], { min: spec.min, max: spec.max }));
      break;
    case "title":
      if (spec.set === setId) problems.push(problem("problem.title_cycle", [...path, "set"]));
      if (spec.levels && new Set(spec.levels).size !== spec.levels.length) problems.push(problem("problem.duplicate_id.levels", [...path, "levels"]));
      break;
    case "array":
      if (spec.minItems !== undefined && spec.maxItems !== undefined && spec.minItems > spec.maxItems)
        problems.push(problem("problem.bad_range.items", [...path, "minItems"]));
      checkInput(spec.items, [...path, "items"], setId, problems);
      break;
    case "object":
      checkInputs(spec.fields, [...path, "fields"], setId, problems);
      break;
    case "boolean":
      break;
  }
}

function procedureChecks(set: CriteriaSet, problems: Problem[]): void {
  const steps = set.procedure?.steps ?? [];
  duplicates(
    steps,
    (s) => s.id,
    (i) => ["procedure", "steps", i, "id"],
    "step",
    problems,
  );
  const period = set.procedure?.dataPeriod;
  if (period && period.to < period.from)
    problems.push(problem("problem.dates.data_period", ["procedure", "dataPeriod", "to"], { from: period.from, to: period.to }));
}

function templateNames(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!);
}

/**
 * Runs every check beyond shape on a set that has passed its schema. Problems are appended to `problems`;
 * the analysis of each criterion is returned.
 */
/** Each constraint names two number inputs, in the same list (or both outside lists), and not the same one. */
function checkConstraints(set: CriteriaSet, problems: Problem[]): void {
  set.constraints.forEach((c, i) => {
    const at = ["constraints", i, "atMost"];
    let ok = true;
    c.atMost.forEach((path, side) => {
      const found = constraintInput(set.inputs, path);
      if ("problem" in found) {
        problems.push({ ...found.problem, path: [...at, side] });
        ok = false;
      }
    });
    if (!ok) return;
    const [part, whole] = c.atMost;
    if (part === whole) problems.push(problem("problem.constraint.same_input", at, { path: part }));
    else if (listScope(part) !== listScope(whole)) problems.push(problem("problem.constraint.different_lists", at, { part, whole }));
  });
}

export function checkCriteriaSet(set: CriteriaSet, problems: Problem[], limits: Limits = DEFAULT_LIMITS): SetAnalysis {
  checkConstraints(set, problems);
  const { decision } = set;
  const budget: NodeBudget = { remaining: limits.maxTotalRuleNodes, total: limits.maxTotalRuleNodes, exhausted: false };

  duplicates(
    set.criteria,
    (c) => c.id,
    (i) => ["criteria", i, "id"],
    "criterion",
    problems,
  );
  duplicates(
    set.groups,
    (g) => g.id,
    (i) => ["groups", i, "id"],
    "group",
    problems,
  );
  if (decision.method === "points")
    duplicates(
      decision.grades,
      (g) => g.id,
      (i) => ["decision", "grades", i, "id"],
      "grade",
      problems,
    );
  else
    duplicates(
      decision.levels,
      (l) => l.id,
      (i) => ["decision", "levels", i, "id"],
      "level",
      problems,
    );

  // Dates and lineage.
  if (set.validTo !== null && set.validTo < set.validFrom) problems.push(problem("problem.dates.order", ["validTo"], { from: set.validFrom, to: set.validTo }));
  if (set.source.issued > set.validFrom)
    problems.push(problem("problem.dates.issued", ["source", "issued"], { issued: set.source.issued, from: set.validFrom }));
  if (set.supersedes && set.supersedes.id === set.id && set.supersedes.version === set.version)
    problems.push(problem("problem.supersedes_self", ["supersedes"]));

  checkInputs(set.inputs, ["inputs"], set.id, problems);

  // Groups, levels and points.
  const groupIds = new Set(set.groups.map((g) => g.id));
  const levelIds = decision.method === "all" ? new Set(decision.levels.map((l) => l.id)) : new Set<string>();
  const pending = set.criteria.some((c) => c.pending);
  if (pending && set.completeness.level !== "partial") problems.push(problem("problem.completeness.pending", ["completeness", "level"]));
  if (set.completeness.level === "complete-secondary" && set.completeness.notes.length === 0)
    problems.push(problem("problem.completeness.secondary_notes", ["completeness", "notes"]));
  if (set.completeness.level === "complete-official")
    set.criteria.forEach((c, i) => {
      if (c.text === undefined || c.article === undefined)
        problems.push(
          problem("problem.completeness.article", ["criteria", i, c.article === undefined ? "article" : "text"], {
            id: c.id,
            lacks: c.article === undefined ? "article" : "text",
          }),
        );
    });
  procedureChecks(set, problems);

  set.criteria.forEach((c, i) => {
    const at = (...sub: (string | number)[]): JsonPath => ["criteria", i, ...sub];
    if (c.group !== undefined && !groupIds.has(c.group))
      problems.push(problem("problem.unknown_group", at("group"), { group: c.group, declared: [...groupIds] }));
    if (c.level !== undefined) {
      if (decision.method !== "all") problems.push(problem("problem.unknown_level.not_all", at("level")));
      else if (!levelIds.has(c.level)) problems.push(problem("problem.unknown_level.undeclared", at("level"), { level: c.level, declared: [...levelIds] }));
    }
    if (decision.method === "all" && c.points !== undefined) problems.push(problem("problem.points_unused", at("points")));
    if (decision.method === "points" && c.points === undefined && c.role === "standard" && !c.mandatory) problems.push(problem("problem.no_points", at()));
    if (c.points !== undefined && typeof c.points === "object" && "tiers" in c.points) {
      const max = c.points.max;
      c.points.tiers.forEach((t, j) => {
        if (t.points > max) problems.push(problem("problem.points.tier_above", at("points", "tiers", j, "points"), { points: t.points, max }));
      });
      if (!c.points.tiers.some((t) => t.points === max)) problems.push(problem("problem.points.no_tier_max", at("points", "max"), { max }));
    }
  });

  if (decision.method === "points") {
    const total = set.criteria.reduce((s, c) => s + maxPointsOf(c), 0);
    if (total !== decision.maxPoints) problems.push(problem("problem.points_sum.set", ["decision", "maxPoints"], { total, max: decision.maxPoints }));
    const passMark = decision.passMark;
    if (passMark === null && set.completeness.level !== "partial") problems.push(problem("problem.completeness.pass_mark", ["decision", "passMark"]));
    if (passMark !== null && passMark > decision.maxPoints)
      problems.push(problem("problem.pass_mark", ["decision", "passMark"], { passMark, max: decision.maxPoints }));
    decision.grades.forEach((g, i) => {
      if (passMark !== null && g.minPoints < passMark)
        problems.push(problem("problem.grades_order.below_pass", ["decision", "grades", i, "minPoints"], { grade: g.id, min: g.minPoints, passMark }));
      if (g.minPoints > decision.maxPoints)
        problems.push(
          problem("problem.grades_order.above_max", ["decision", "grades", i, "minPoints"], { grade: g.id, min: g.minPoints, max: decision.maxPoints }),
        );
      const prev = decision.grades[i - 1];
      if (prev && g.minPoints >= prev.minPoints)
        problems.push(
          problem("problem.grades_order.order", ["decision", "grades", i, "minPoints"], {
            grade: g.id,
            min: g.minPoints,
            previous: prev.id,
            previousMin: prev.minPoints,
          }),
        );
    });
    if (passMark !== null && decision.grades.length > 0 && decision.grades[decision.grades.length - 1]!.minPoints !== passMark)
      problems.push(problem("problem.grades_order.lowest", ["decision", "grades"], { passMark }));
  }
  for (const [gi, g] of set.groups.entries()) {
    if (g.maxPoints === undefined) continue;
    const sum = set.criteria.filter((c) => c.group === g.id).reduce((s, c) => s + maxPointsOf(c), 0);
    if (sum !== g.maxPoints) problems.push(problem("problem.points_sum.group", ["groups", gi, "maxPoints"], { group: g.id, total: sum, max: g.maxPoints }));
  }

  // Rules: derived values in order, then each criterion against inputs and derived values.
  const fields = new Map<string, ValueType>(Object.entries(set.inputs).map(([k, v]) => [k, typeOfInput(v, limits.maxArrayLength)]));
  /** Each rule's work, and where it sits, for the limit on the set's work. */
  const works: Array<{ work: number; path: JsonPath; plan: WorkPlan }> = [];
  /** Derived values that are lists of the unit's data (or filters of one), by the list they come from. */
  const derivedLists = new Map<string, string | undefined>();
  const derivedTypes = new Map<string, ValueType>();
  // Derived values that take a share of a group, themselves or through an earlier derived value.
  const derivedShares = new Set<string>();
  const readsShare = (reads: readonly string[]) => reads.some((r) => derivedShares.has(r.split(/[.[]/, 1)[0]!));
  for (const [name, d] of Object.entries(set.derived)) {
    if (name in set.inputs) {
      problems.push(problem("problem.duplicate_name", ["derived", name], { name }));
      continue;
    }
    const info = analyzeRule(d.rule, { kind: "object", fields: new Map(fields) }, ["derived", name, "rule"], problems, limits, budget, derivedLists);
    works.push({ work: info.work, path: ["derived", name, "rule"], plan: info.plan });
    derivedLists.set(name, info.listSource);
    derivedTypes.set(name, info.type);
    fields.set(name, info.type);
    if (info.takesShare || readsShare(info.reads)) derivedShares.add(name);
  }
  const scope: ValueType = { kind: "object", fields };
  const names = new Set<string>([...TEMPLATE_NAMES, ...fields.keys()]);
  const criteria = new Map<string, CriterionInfo>();
  set.criteria.forEach((c, i) => {
    const infos: RuleInfo[] = [];
    const run = (rule: CriteriaSet["criteria"][number]["rule"], sub: (string | number)[]) => {
      if (rule === undefined) return;
      const info = analyzeRule(rule, scope, ["criteria", i, ...sub], problems, limits, budget, derivedLists);
      works.push({ work: info.work, path: ["criteria", i, ...sub], plan: info.plan });
      infos.push(info);
    };
    for (const r of criterionRules(c)) {
      run(r.rule, [...r.path]);
      if (r.site.kind === "score") {
        const t = infos[infos.length - 1]?.type;
        if (t && !isNumeric(t)) problems.push(problem("problem.score_type", ["criteria", i, "points", "score"]));
      }
    }
    const usesRatio = infos.some((x) => x.usesRatio);
    const reads = [...new Set(infos.flatMap((x) => x.reads))].sort();
    const takesShare = infos.some((x) => x.takesShare) || readsShare(reads);
    criteria.set(c.id, { reads, usesRatio, takesShare });
    if (takesShare && c.emptyGroup === undefined) problems.push(problem("problem.empty_group_unsaid", ["criteria", i], { id: c.id }));
    if (!takesShare && c.emptyGroup !== undefined) problems.push(problem("problem.empty_group_unused", ["criteria", i, "emptyGroup"], { id: c.id }));
    for (const [status, text] of Object.entries(c.explain ?? {})) {
      for (const lang of ["vi", "en"] as const) {
        for (const name of templateNames(text[lang])) {
          const ok = names.has(name) || ((RATIO_TEMPLATE_NAMES as readonly string[]).includes(name) && usesRatio);
          if (!ok)
            problems.push(
              (RATIO_TEMPLATE_NAMES as readonly string[]).includes(name)
                ? problem("problem.template_name.ratio", ["criteria", i, "explain", status, lang], { name })
                : problem("problem.template_name.unknown", ["criteria", i, "explain", status, lang], {
                    name,
                    allowed: [...TEMPLATE_NAMES, ...RATIO_TEMPLATE_NAMES],
                  }),
            );
        }
      }
    }
  });

  const work = works.reduce((sum, w) => sum + w.work, 0);
  if (work > limits.maxWork) {
    const worst = works.reduce((a, b) => (b.work > a.work ? b : a));
    problems.push(problem("problem.work_too_large", worst.path, { work, max: limits.maxWork, rule: worst.work }));
  }
  return { criteria, derivedTypes, work, plans: works.map((w) => w.plan) };
}
