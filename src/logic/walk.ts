/**
 * The one way a rule is taken apart: {@link ruleParts} splits an operation into its operator and arguments,
 * {@link walk} visits every operation of a rule, and {@link criterionRules} lists the rules of a criterion
 * (applies, rule, excludes, tiers, score) with where each sits. Every module that reads rules goes through these,
 * so "an object's first key is its operator" and "a single argument may stand without brackets" are written once.
 *
 * @module
 */
import type { Criterion } from "../schema/criteria-set.js";
import type { Rule } from "../schema/rule.js";

/** An operation: a one-key object `{ "op": args }`. */
export type Operation = { readonly [operator: string]: Rule };

/** An operation taken apart. */
export interface RuleParts {
  /** The operator: the object's first key. */
  readonly op: string;
  /** Its arguments as a list (a single argument written without brackets is a list of one). */
  readonly args: Rule[];
  /** Whether the arguments were written as a list (`{"!": [x]}`) rather than alone (`{"!": x}`). */
  readonly listed: boolean;
}

/** Whether a rule is an operation (an object), rather than a literal or a list. */
export function isOperation(rule: Rule): rule is Operation {
  return typeof rule === "object" && rule !== null && !Array.isArray(rule);
}

/**
 * The operator and arguments of an operation, or undefined for a literal or a list. The operator is the first key,
 * as json-logic-js reads it (sets whose operations have more than one key are refused when they are loaded).
 * `strict`: undefined for an object of more than one key too (for code that runs before that check).
 */
export function ruleParts(rule: Rule, strict = false): RuleParts | undefined {
  if (!isOperation(rule)) return undefined;
  const keys = Object.keys(rule);
  const op = keys[0];
  if (op === undefined || (strict && keys.length !== 1)) return undefined;
  const raw = rule[op]!;
  const listed = Array.isArray(raw);
  return { op, args: listed ? raw : [raw], listed };
}

/** The path a `var` reads, when the rule is one with a literal path (`{"var": "a.b"}` or `{"var": ["a.b"]}`). */
export function varPath(rule: Rule): string | undefined {
  const p = ruleParts(rule, true);
  return p === undefined || p.op !== "var" ? undefined : varArgsPath(p.args);
}

/** The literal path of a `var` with these arguments (`"a.b"` or `["a.b"]`), or undefined. */
export function varArgsPath(args: readonly Rule[]): string | undefined {
  const a = args[0];
  const path = Array.isArray(a) && a.length === 1 ? a[0] : a;
  return typeof path === "string" ? path : undefined;
}

/**
 * The `var` a list expression goes through: the expression itself (`{"var": "members"}`), or the list a `filter`
 * goes through, as deep as filters nest. Undefined for any other list expression.
 */
export function listSource(rule: Rule): { readonly path: string; readonly filters: readonly Rule[] } | undefined {
  const filters: Rule[] = [];
  let r = rule;
  for (;;) {
    const p = ruleParts(r, true);
    if (p === undefined) return undefined;
    if (p.op === "filter") {
      filters.push(p.args[1] ?? null);
      r = p.args[0]!;
      continue;
    }
    if (p.op !== "var" || typeof p.args[0] !== "string") return undefined;
    return { path: p.args[0], filters };
  }
}

/**
 * Visits every operation of a rule, outer first, arguments left to right; lists are walked item by item.
 * `visit` returns false to skip an operation's arguments.
 */
export function walk(rule: Rule, visit: (parts: RuleParts, rule: Operation) => unknown): void {
  if (Array.isArray(rule)) {
    for (const r of rule) walk(r, visit);
    return;
  }
  const p = ruleParts(rule);
  if (p === undefined) return;
  if (visit(p, rule as Operation) === false) return;
  for (const a of p.args) walk(a, visit);
}

/** Where a criterion's rule sits. */
export type RuleSite =
  | { readonly kind: "applies" }
  | { readonly kind: "rule" }
  | { readonly kind: "excludes" }
  | { readonly kind: "tier"; readonly index: number; readonly points: number }
  | { readonly kind: "score" };

/** One rule of a criterion, with where it sits. */
export interface CriterionRule {
  readonly site: RuleSite;
  readonly rule: Rule;
  /** Where it sits as written in the file, below the criterion: `["points", "tiers", 0, "when"]`. */
  readonly path: readonly (string | number)[];
  /** The same as text: `applies`, `rule`, `excludes`, `points.tiers[0]`, `points.score`. */
  readonly where: string;
  /** Whether it sits in a yes/no position (all but a score). */
  readonly test: boolean;
}

/**
 * Every rule of a criterion, in the order evaluation meets them: applies, rule, excludes, the tiers, the score.
 * A pending criterion keeps only its `applies` when `pending` is "skip" (evaluation asks nothing else of it).
 */
export function criterionRules(c: Criterion, pending: "keep" | "skip" = "keep"): CriterionRule[] {
  const out: CriterionRule[] = [];
  if (c.applies !== undefined) out.push({ site: { kind: "applies" }, rule: c.applies, path: ["applies"], where: "applies", test: true });
  if (pending === "skip" && c.pending) return out;
  if (c.rule !== undefined) out.push({ site: { kind: "rule" }, rule: c.rule, path: ["rule"], where: "rule", test: true });
  if (c.excludes !== undefined) out.push({ site: { kind: "excludes" }, rule: c.excludes, path: ["excludes"], where: "excludes", test: true });
  if (c.points !== undefined && typeof c.points === "object") {
    if ("tiers" in c.points)
      c.points.tiers.forEach((t, i) =>
        out.push({
          site: { kind: "tier", index: i, points: t.points },
          rule: t.when,
          path: ["points", "tiers", i, "when"],
          where: `points.tiers[${i}]`,
          test: true,
        }),
      );
    else out.push({ site: { kind: "score" }, rule: c.points.score, path: ["points", "score"], where: "points.score", test: false });
  }
  return out;
}

/** One criterion's rules, in whatever form an evaluator runs them (a score is a value, the rest yes/no). */
export interface CriterionRules<R> {
  readonly applies?: R;
  readonly rule?: R;
  readonly excludes?: R;
  readonly tiers?: ReadonlyArray<{ readonly points: number; readonly when: R }>;
  readonly score?: R;
}

/** Prepares every rule of a criterion with `prepare` (told whether the rule sits in a yes/no position). */
export function prepareCriterion<R>(c: Criterion, prepare: (rule: Rule, test: boolean) => R): CriterionRules<R> {
  const out: { applies?: R; rule?: R; excludes?: R; tiers?: { points: number; when: R }[]; score?: R } = {};
  for (const r of criterionRules(c, "skip")) {
    const f = prepare(r.rule, r.test);
    switch (r.site.kind) {
      case "tier":
        (out.tiers ??= []).push({ points: r.site.points, when: f });
        break;
      default:
        out[r.site.kind] = f;
    }
  }
  return out;
}
