/**
 * Checks of a criteria set beyond its shape: unique ids, references that resolve, points that add up,
 * grade bands in order, consistent dates, and every rule analysed against the declared inputs.
 *
 * @module
 */
import type { JsonPath, Problem } from "../errors.js";
import { analyzeRule, type NodeBudget, type RuleInfo } from "../logic/analyze.js";
import { isNumeric, typeOfInput, type ValueType } from "../logic/types.js";
import { constraintInput, listScope } from "./constraints.js";
import type { CriteriaSet, Criterion } from "./criteria-set.js";
import type { InputSpec, Inputs } from "./inputs.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";

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
}

/** A count of steps for a message: `12,500,000` or `1.2e+21`. */
function bigNumber(n: number): string {
  return n < 1e15 ? Math.round(n).toLocaleString("en") : n.toPrecision(2);
}

/** The most points a criterion can earn. */
export function maxPointsOf(c: Criterion): number {
  if (c.points === undefined) return 0;
  return typeof c.points === "number" ? c.points : c.points.max;
}

function duplicates<T>(items: readonly T[], key: (t: T) => string, at: (i: number) => JsonPath, what: string, problems: Problem[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) problems.push({ code: "duplicate_id", path: at(i), message: `${what} id '${k}' is used twice (first at index ${first})` });
    else seen.set(k, i);
  });
}

function checkInputs(inputs: Inputs, path: JsonPath, setId: string, problems: Problem[]): void {
  for (const [name, spec] of Object.entries(inputs)) checkInput(spec, [...path, name], setId, problems);
}

function checkInput(spec: InputSpec, path: JsonPath, setId: string, problems: Problem[]): void {
  const p = (code: string, sub: string, message: string) => problems.push({ code, path: [...path, sub], message });
  switch (spec.type) {
    case "integer":
    case "number":
      if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) p("bad_range", "min", `min ${spec.min} is above max ${spec.max}`);
      if (spec.default !== undefined && ((spec.min !== undefined && spec.default < spec.min) || (spec.max !== undefined && spec.default > spec.max)))
        p("bad_default", "default", `default ${spec.default} is outside the range`);
      break;
    case "string":
      if (spec.enum) {
        const norm = spec.enum.map((s) => s.normalize("NFC"));
        if (new Set(norm).size !== norm.length) p("duplicate_enum", "enum", "the list of values repeats a value (after NFC normalisation)");
        if (spec.default !== undefined && !norm.includes(spec.default.normalize("NFC"))) p("bad_default", "default", `default ${JSON.stringify(spec.default)} is not one of the values`);
      }
      break;
    case "date":
      if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) p("bad_range", "min", `min ${spec.min} is after max ${spec.max}`);
      break;
    case "title":
      if (spec.set === setId) p("title_cycle", "set", "a title input cannot refer to the set itself");
      if (spec.levels && new Set(spec.levels).size !== spec.levels.length) p("duplicate_id", "levels", "the list of levels repeats a level");
      break;
    case "array":
      if (spec.minItems !== undefined && spec.maxItems !== undefined && spec.minItems > spec.maxItems) p("bad_range", "minItems", "minItems is above maxItems");
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
  duplicates(steps, (s) => s.id, (i) => ["procedure", "steps", i, "id"], "procedure step", problems);
  const period = set.procedure?.dataPeriod;
  if (period && period.to < period.from)
    problems.push({ code: "dates", path: ["procedure", "dataPeriod", "to"], message: `the data period ends (${period.to}) before it starts (${period.from})` });
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
        problems.push({ code: "constraint", path: [...at, side], message: found.problem });
        ok = false;
      }
    });
    if (!ok) return;
    const [part, whole] = c.atMost;
    if (part === whole) problems.push({ code: "constraint", path: at, message: `a value is always at most itself: '${part}' and '${whole}'` });
    else if (listScope(part) !== listScope(whole))
      problems.push({ code: "constraint", path: at, message: `both sides must be in the same list (or both outside lists): '${part}' and '${whole}'` });
  });
}

export function checkCriteriaSet(set: CriteriaSet, problems: Problem[], limits: Limits = DEFAULT_LIMITS): SetAnalysis {
  checkConstraints(set, problems);
  const { decision } = set;
  const budget: NodeBudget = { remaining: limits.maxTotalRuleNodes, total: limits.maxTotalRuleNodes, exhausted: false };

  duplicates(set.criteria, (c) => c.id, (i) => ["criteria", i, "id"], "criterion", problems);
  duplicates(set.groups, (g) => g.id, (i) => ["groups", i, "id"], "group", problems);
  if (decision.method === "points") duplicates(decision.grades, (g) => g.id, (i) => ["decision", "grades", i, "id"], "grade", problems);
  else duplicates(decision.levels, (l) => l.id, (i) => ["decision", "levels", i, "id"], "level", problems);

  // Dates and lineage.
  if (set.validTo !== null && set.validTo < set.validFrom)
    problems.push({ code: "dates", path: ["validTo"], message: `validTo ${set.validTo} is before validFrom ${set.validFrom}` });
  if (set.source.issued > set.validFrom)
    problems.push({ code: "dates", path: ["source", "issued"], message: `the document is dated ${set.source.issued}, after the set came into force (${set.validFrom})` });
  if (set.supersedes && set.supersedes.id === set.id && set.supersedes.version === set.version)
    problems.push({ code: "supersedes_self", path: ["supersedes"], message: "a version cannot supersede itself" });

  checkInputs(set.inputs, ["inputs"], set.id, problems);

  // Groups, levels and points.
  const groupIds = new Set(set.groups.map((g) => g.id));
  const levelIds = decision.method === "all" ? new Set(decision.levels.map((l) => l.id)) : new Set<string>();
  const pending = set.criteria.some((c) => c.pending);
  if (pending && set.completeness.level !== "partial")
    problems.push({ code: "completeness", path: ["completeness", "level"], message: "some criteria are pending (not encoded), so completeness must be 'partial'" });
  if (set.completeness.level === "complete-secondary" && set.completeness.notes.length === 0)
    problems.push({
      code: "completeness",
      path: ["completeness", "notes"],
      message: "a set complete from secondary copies says in its notes which copies were read and what was inferred",
    });
  if (set.completeness.level === "complete-official")
    set.criteria.forEach((c, i) => {
      if (c.text === undefined || c.article === undefined)
        problems.push({
          code: "completeness",
          path: ["criteria", i, c.article === undefined ? "article" : "text"],
          message: `a set complete from the official text quotes every criterion's article: '${c.id}' needs ${c.article === undefined ? "'article' (Điều/khoản/điểm)" : "'text' (the article's words, verbatim, with an English rendering)"}`,
        });
    });
  procedureChecks(set, problems);

  set.criteria.forEach((c, i) => {
    const at = (...sub: (string | number)[]): JsonPath => ["criteria", i, ...sub];
    if (c.group !== undefined && !groupIds.has(c.group))
      problems.push({ code: "unknown_group", path: at("group"), message: `group '${c.group}' is not declared in 'groups'${groupIds.size ? ` (declared: ${[...groupIds].join(", ")})` : ""}` });
    if (c.level !== undefined) {
      if (decision.method !== "all") problems.push({ code: "unknown_level", path: at("level"), message: "'level' is only used with a decision of method 'all'" });
      else if (!levelIds.has(c.level))
        problems.push({ code: "unknown_level", path: at("level"), message: `level '${c.level}' is not declared in decision.levels${levelIds.size ? ` (declared: ${[...levelIds].join(", ")})` : ""}` });
    }
    if (decision.method === "all" && c.points !== undefined)
      problems.push({ code: "points_unused", path: at("points"), message: "a decision of method 'all' does not count points; remove 'points' or use method 'points'" });
    if (decision.method === "points" && c.points === undefined && c.role === "standard" && !c.mandatory)
      problems.push({ code: "no_points", path: at(), message: "under a points decision a criterion either earns points or is mandatory (a knock-out)" });
    if (c.points !== undefined && typeof c.points === "object" && "tiers" in c.points) {
      const max = c.points.max;
      c.points.tiers.forEach((t, j) => {
        if (t.points > max) problems.push({ code: "points", path: at("points", "tiers", j, "points"), message: `tier gives ${t.points} points, above the criterion's max ${max}` });
      });
      if (!c.points.tiers.some((t) => t.points === max))
        problems.push({ code: "points", path: at("points", "max"), message: `no tier gives the max of ${max} points` });
    }
  });

  if (decision.method === "points") {
    const total = set.criteria.reduce((s, c) => s + maxPointsOf(c), 0);
    if (total !== decision.maxPoints)
      problems.push({ code: "points_sum", path: ["decision", "maxPoints"], message: `the criteria's points add up to ${total}, but maxPoints is ${decision.maxPoints}` });
    const passMark = decision.passMark;
    if (passMark === null && set.completeness.level !== "partial")
      problems.push({ code: "completeness", path: ["decision", "passMark"], message: "the pass mark is not known (null), so completeness must be 'partial'" });
    if (passMark !== null && passMark > decision.maxPoints)
      problems.push({ code: "pass_mark", path: ["decision", "passMark"], message: `the pass mark ${decision.passMark} is above maxPoints ${decision.maxPoints}` });
    decision.grades.forEach((g, i) => {
      if (passMark !== null && g.minPoints < passMark)
        problems.push({ code: "grades_order", path: ["decision", "grades", i, "minPoints"], message: `grade '${g.id}' starts at ${g.minPoints}, below the pass mark ${passMark}; grades are bands of passing results` });
      if (g.minPoints > decision.maxPoints)
        problems.push({ code: "grades_order", path: ["decision", "grades", i, "minPoints"], message: `grade '${g.id}' starts at ${g.minPoints}, above maxPoints ${decision.maxPoints}` });
      const prev = decision.grades[i - 1];
      if (prev && g.minPoints >= prev.minPoints)
        problems.push({ code: "grades_order", path: ["decision", "grades", i, "minPoints"], message: `grades go from the highest band down: '${g.id}' (${g.minPoints}) must start below '${prev.id}' (${prev.minPoints})` });
    });
    if (passMark !== null && decision.grades.length > 0 && decision.grades[decision.grades.length - 1]!.minPoints !== passMark)
      problems.push({ code: "grades_order", path: ["decision", "grades"], message: `the lowest grade must start at the pass mark (${passMark}) so every pass has a grade` });
  }
  for (const [gi, g] of set.groups.entries()) {
    if (g.maxPoints === undefined) continue;
    const sum = set.criteria.filter((c) => c.group === g.id).reduce((s, c) => s + maxPointsOf(c), 0);
    if (sum !== g.maxPoints)
      problems.push({ code: "points_sum", path: ["groups", gi, "maxPoints"], message: `the criteria of group '${g.id}' add up to ${sum} points, but its maxPoints is ${g.maxPoints}` });
  }

  // Rules: derived values in order, then each criterion against inputs and derived values.
  const fields = new Map<string, ValueType>(Object.entries(set.inputs).map(([k, v]) => [k, typeOfInput(v, limits.maxArrayLength)]));
  /** Each rule's work, and where it sits, for the limit on the set's work. */
  const works: Array<{ work: number; path: JsonPath }> = [];
  const derivedTypes = new Map<string, ValueType>();
  // Derived values that take a share of a group, themselves or through an earlier derived value.
  const derivedShares = new Set<string>();
  const readsShare = (reads: readonly string[]) => reads.some((r) => derivedShares.has(r.split(/[.[]/, 1)[0]!));
  for (const [name, d] of Object.entries(set.derived)) {
    if (name in set.inputs) {
      problems.push({ code: "duplicate_name", path: ["derived", name], message: `'${name}' is both an input and a derived value` });
      continue;
    }
    const info = analyzeRule(d.rule, { kind: "object", fields: new Map(fields) }, ["derived", name, "rule"], problems, limits, budget);
    works.push({ work: info.work, path: ["derived", name, "rule"] });
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
      const info = analyzeRule(rule, scope, ["criteria", i, ...sub], problems, limits, budget);
      works.push({ work: info.work, path: ["criteria", i, ...sub] });
      infos.push(info);
    };
    run(c.applies, ["applies"]);
    run(c.rule, ["rule"]);
    run(c.excludes, ["excludes"]);
    if (c.points !== undefined && typeof c.points === "object") {
      if ("tiers" in c.points) c.points.tiers.forEach((t, j) => run(t.when, ["points", "tiers", j, "when"]));
      else {
        run(c.points.score, ["points", "score"]);
        const t = infos[infos.length - 1]?.type;
        if (t && !isNumeric(t)) problems.push({ code: "score_type", path: ["criteria", i, "points", "score"], message: "a score must be a number" });
      }
    }
    const usesRatio = infos.some((x) => x.usesRatio);
    const reads = [...new Set(infos.flatMap((x) => x.reads))].sort();
    const takesShare = infos.some((x) => x.takesShare) || readsShare(reads);
    criteria.set(c.id, { reads, usesRatio, takesShare });
    if (takesShare && c.emptyGroup === undefined)
      problems.push({
        code: "empty_group_unsaid",
        path: ["criteria", i],
        message: `criterion '${c.id}' takes a share of a group that can be empty (no members, or all excluded), but does not say what an empty group means: add "emptyGroup": "fail", "not-applicable" or "pass" as the regulation says, and its reason in completeness.notes`,
      });
    if (!takesShare && c.emptyGroup !== undefined)
      problems.push({
        code: "empty_group_unused",
        path: ["criteria", i, "emptyGroup"],
        message: `criterion '${c.id}' says what an empty group means, but takes no share or ratio of a group, so it never applies; remove "emptyGroup"`,
      });
    for (const [status, text] of Object.entries(c.explain ?? {})) {
      for (const lang of ["vi", "en"] as const) {
        for (const name of templateNames(text[lang])) {
          const ok = names.has(name) || ((RATIO_TEMPLATE_NAMES as readonly string[]).includes(name) && usesRatio);
          if (!ok)
            problems.push({
              code: "template_name",
              path: ["criteria", i, "explain", status, lang],
              message: (RATIO_TEMPLATE_NAMES as readonly string[]).includes(name)
                ? `{{${name}}} needs a ratio, but this criterion compares none`
                : `{{${name}}} is not a name templates can use (${[...TEMPLATE_NAMES, ...RATIO_TEMPLATE_NAMES].join(", ")}, or an input or derived value)`,
            });
        }
      }
    }
  });

  const work = works.reduce((sum, w) => sum + w.work, 0);
  if (work > limits.maxWork) {
    const worst = works.reduce((a, b) => (b.work > a.work ? b : a));
    problems.push({
      code: "work_too_large",
      path: worst.path,
      message: `evaluating one unit could take up to ${bigNumber(work)} steps (each part of a rule, times the items of every list it goes through, nested lists multiplied), more than the ${bigNumber(limits.maxWork)} allowed (limits.maxWork); this rule alone could take ${bigNumber(worst.work)}. Declare "maxItems" on the lists it goes through, or raise limits.maxWork`,
    });
  }
  return { criteria, derivedTypes, work };
}
