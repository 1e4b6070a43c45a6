/**
 * Static analysis of rules, run when a criteria set is loaded: only allowed operators with the right number
 * of arguments, `var` paths that are literal, safe and declared, lists where lists are needed, percentages
 * that are real percentages, enum comparisons against known values. It also infers each rule's type and
 * lists the data paths it reads.
 *
 * @module
 */
import { EvaluationError, problem, type JsonPath, type Problem } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";
import { FORBIDDEN_NAMES } from "../schema/common.js";
import type { Rule } from "../schema/rule.js";
import { DEFAULT_LIMITS, type Limits } from "../schema/limits.js";
import { lookalike } from "../schema/lookalike.js";
import { someNames, suggest } from "../schema/suggest.js";
import { exactPercent, MAX_PERCENT_DECIMALS } from "./exact.js";
import { OPERATORS, operatorOf, RATIO_OPERATORS } from "./operators.js";
import { listSource, ruleParts } from "./walk.js";
import { ANY, BOOLEAN, DATE_LITERAL, describeType, INTEGER, isNumeric, NUMBER, sameKind, type ValueType } from "./types.js";
import type { Operator, TypeContext } from "./ops/types.js";
import { staticWork, type WorkLoop, type WorkPlan } from "./work.js";

/** Size limits on one rule (see `Limits` for the defaults). */
export type RuleLimits = Pick<Limits, "maxRuleDepth" | "maxRuleNodes">;

/** How many rule parts a whole set may still use, shared by every rule of the set. */
export interface NodeBudget {
  remaining: number;
  /** The set's total, for messages. */
  readonly total: number;
  /** Set once the budget has run out (reported once). */
  exhausted: boolean;
}

/** What the analysis learned about one rule. */
export interface RuleInfo {
  /** The type of the rule's value. */
  readonly type: ValueType;
  /** Data paths the rule may read, with `[]` for "each item of", e.g. `thanhVien[].tuoi`. */
  readonly reads: readonly string[];
  /** Operators the rule uses. */
  readonly operators: readonly string[];
  /** Whether the rule compares a share or ratio against a percentage. */
  readonly usesRatio: boolean;
  /**
   * The most steps evaluating the rule can take for one unit: each part of the rule counts once, times the most
   * items of every list it goes through (nested lists multiplied; a list of unknown length counts as
   * `maxArrayLength` items). Evaluation counts the same steps as it goes (see `maxWork`).
   */
  readonly work: number;
  /** How the rule's work depends on the lists of a unit's data (see `work.ts`). */
  readonly plan: WorkPlan;
  /**
   * When the rule's value is a list of the unit's data, or a filter of one: the dotted path of that list from the
   * unit, so a loop over this value (a derived list) is counted by the list it comes from.
   */
  readonly listSource: string | undefined;
  /**
   * Whether the rule takes a share or ratio whose base could be empty: every share of a list, and every ratio
   * whose whole is not a positive number written in the rule. Such a criterion must say what an empty group means.
   */
  readonly takesShare: boolean;
}

// Names of inputs and fields, and the level ids of a title recognised at levels (`muc-1`).
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Reports a text that looks like another (an invisible character, look-alike letters of another script): an enum value, or a text a rule holds. */
export function lookalikeProblem(text: string, path: JsonPath, problems: Problem[]): void {
  const found = lookalike(text);
  if (!found) return;
  const value = JSON.stringify(text).replace(/[^\x20-\x7E\u00A0-\u024F\u1E00-\u1EFF]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
  problems.push(
    "invisible" in found
      ? problem("problem.lookalike_text.invisible", path, { value, char: found.invisible })
      : problem("problem.lookalike_text.script", path, { value, script: found.script }),
  );
}

/** After this many problems in a set, names get no suggestion (each costs a comparison with every known name). */
const MAX_SUGGESTIONS = 100;

interface Scope {
  readonly type: ValueType;
  /** Static path of the current item, e.g. `thanhVien[]`, or "" at the top. */
  readonly prefix: string;
  /** Human description of where we are, for messages. */
  readonly where: Message;
}

function join(prefix: string, path: string): string {
  if (path === "") return prefix;
  return prefix === "" ? path : `${prefix}.${path}`;
}

/**
 * What a value compares as: numbers with numbers, texts with texts, dates with dates (a date in the data with a
 * date written in the rule), yes/no with yes/no. `undefined` for a value not known statically, `null` for the
 * literal null (it compares with anything: "is it missing"), "other" for lists and records.
 */
type Family = "number" | "text" | "date" | "date-literal" | "boolean" | "other" | null | undefined;

function familyOf(t: ValueType, literal: Rule): Family {
  switch (t.kind) {
    case "integer":
    case "number":
      return "number";
    case "string":
      return typeof literal === "string" && DATE_LITERAL.test(literal) ? "date-literal" : "text";
    case "date":
      return "date";
    case "boolean":
      return "boolean";
    case "null":
      return null;
    case "any":
      return undefined;
    default:
      return "other";
  }
}

/** Whether values of two families can be compared: a date written in a rule is a text too. */
function compatible(a: Family, b: Family): boolean {
  if (a === undefined || b === undefined || a === null || b === null) return true;
  if (a === "date-literal") return b === "date" || b === "date-literal" || b === "text";
  if (b === "date-literal") return a === "date" || a === "text";
  return a === b && a !== "other";
}

class Analyzer {
  private nodes = 0;
  private tooBig = false;
  /** The steps of the part of the rule being walked (the rule, or what runs for each item of a list). */
  frame: { steps: number; loops: WorkLoop[] } = { steps: 0, loops: [] };
  readonly reads = new Set<string>();
  readonly operators = new Set<string>();
  usesRatio = false;
  takesShare = false;

  constructor(
    private readonly problems: Problem[],
    private readonly limits: RuleLimits,
    private readonly budget: NodeBudget | undefined,
    private readonly maxArrayLength: number,
    private readonly derivedLists: ReadonlyMap<string, string | undefined>,
  ) {}

  /**
   * Where a list expression's list is, from the record the rule reads (see {@link WorkLoop.path}): a `var`, or the
   * list a `filter` goes through; a derived list, at the top, by the list it comes from. Undefined otherwise.
   */
  listPath(expr: Rule, scope: Scope): string | undefined {
    const parts = ruleParts(expr, true);
    if (parts === undefined) return undefined;
    const { op, args } = parts;
    if (op === "filter") return this.listPath(args[0]!, scope);
    if (op !== "var" || typeof args[0] !== "string") return undefined;
    const p = args[0];
    if (scope.prefix !== "") return p;
    const first = p.split(".")[0]!;
    if (!this.derivedLists.has(first)) return p;
    const source = this.derivedLists.get(first);
    return source !== undefined && p === first ? source : undefined;
  }

  /** The most items a list of this type can hold. */
  private lengthOf(t: ValueType): number {
    return t.kind === "array" && t.max !== undefined ? t.max : this.maxArrayLength;
  }

  walk(node: Rule, scope: Scope, path: JsonPath, depth: number): ValueType {
    if (this.tooBig) return ANY;
    if (++this.nodes > this.limits.maxRuleNodes) {
      this.tooBig = true;
      this.problems.push(problem("problem.rule_too_large", path, { max: this.limits.maxRuleNodes }));
      return ANY;
    }
    if (this.budget && --this.budget.remaining < 0) {
      this.tooBig = true;
      if (!this.budget.exhausted) this.problems.push(problem("problem.rules_too_large", path, { max: this.budget.total }));
      this.budget.exhausted = true;
      return ANY;
    }
    if (depth > this.limits.maxRuleDepth) {
      this.tooBig = true;
      this.problems.push(problem("problem.rule_too_deep", path, { max: this.limits.maxRuleDepth }));
      return ANY;
    }
    this.frame.steps++;
    if (node === null) return { kind: "null" };
    if (typeof node === "boolean") return BOOLEAN;
    if (typeof node === "number") return Number.isInteger(node) ? INTEGER : NUMBER;
    if (typeof node === "string") {
      lookalikeProblem(node, path, this.problems);
      return { kind: "string" };
    }
    if (Array.isArray(node)) {
      const items = node.map((n, i) => this.walk(n, scope, [...path, i], depth + 1));
      return { kind: "array", item: sameKind(items), max: node.length };
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      this.problems.push(keys.length === 0 ? problem("problem.operation_shape.empty", path) : problem("problem.operation_shape.keys", path, { keys }));
      return ANY;
    }
    const op = keys[0]!;
    const info = operatorOf(op);
    if (!info) {
      this.problems.push(
        problem("problem.operator_not_allowed", [...path, op], { op, allowed: [...OPERATORS.keys()], suggestion: suggest(op, OPERATORS.keys()) }),
      );
      return ANY;
    }
    this.operators.add(op);
    const raw = (node as Record<string, Rule>)[op]!;
    const args: Rule[] = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number): JsonPath => (Array.isArray(raw) ? [...path, op, i] : [...path, op]);
    if (args.length < info.arity[0] || args.length > info.arity[1]) {
      const [lo, hi] = info.arity;
      this.problems.push(problem("problem.arity", [...path, op], { op, min: lo, max: hi, got: args.length }));
      return ANY;
    }
    return info.type(this.typeContext(info, args, scope, path, argPath, depth));
  }

  /** What an operator's type check is given (see `TypeContext`): its arguments, typed on demand, and the checks. */
  private typeContext(info: Operator, args: Rule[], scope: Scope, path: JsonPath, argPath: (i: number) => JsonPath, depth: number): TypeContext {
    const op = info.name;
    const types: (ValueType | undefined)[] = [];
    const type = (i: number): ValueType => (types[i] ??= this.walk(args[i]!, scope, argPath(i), depth + 1));
    return {
      args,
      type,
      types: () => args.map((_, i) => type(i)),
      variable: () => this.variable(args[0]!, scope, argPath(0)),
      list: () => this.scoped(info, args, types, scope, argPath, depth),
      path: (i) => (i === undefined ? [...path, op] : argPath(i)),
      report: (p) => void this.problems.push(p),
      checkComparable: (a, ts, order) => this.checkComparable(op, a, ts, argPath, order),
      checkEnum: (ts) => this.checkEnum(args, ts, path, op),
      checkEnumIn: (ts) => this.checkEnumIn(args, ts, argPath),
      checkCount: (i, t, role) => this.checkCount(args[i]!, t, argPath(i), role),
      checkPercent: (i, t) => this.checkPercent(args[i]!, t, argPath(i)),
      loopsOver: (i, t) => void this.frame.loops.push({ path: this.listPath(args[i]!, scope), max: this.lengthOf(t), each: { steps: 1, loops: [] } }),
      usesRatio: (share) => {
        this.usesRatio = true;
        if (share) this.takesShare = true;
      },
    };
  }

  private variable(arg: Rule, scope: Scope, path: JsonPath): ValueType {
    // `{"var": "x"}` and `{"var": ["x"]}` both arrive here as "x"; a list inside (`{"var": [["x"]]}`) is not a
    // path: json-logic-js throws on it, and the compiled evaluator must not read it as "x".
    const p = arg;
    if (typeof p !== "string") {
      this.problems.push(problem("problem.var_not_literal", path));
      return ANY;
    }
    if (p === "") {
      this.reads.add(scope.prefix);
      return scope.type;
    }
    const segments = p.split(".");
    const unsafe = segments.find((seg) => FORBIDDEN_NAMES.has(seg));
    if (unsafe !== undefined) {
      this.problems.push(problem("problem.unsafe_path", path, { path: p, segment: unsafe }));
      return ANY;
    }
    let t: ValueType = scope.type;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (!SEGMENT.test(seg)) {
        this.problems.push(problem(/^\d+$/.test(seg) ? "problem.bad_path.position" : "problem.bad_path.names", path, { path: p }));
        return ANY;
      }
      if (t.kind === "any") return ANY;
      if (t.kind !== "object") {
        this.problems.push(
          problem("problem.unknown_var.not_record", path, { path: p, parent: segments.slice(0, i).join("."), type: describeType(t), field: seg }),
        );
        return ANY;
      }
      const next = t.fields.get(seg);
      if (!next) {
        const hint = this.problems.length < MAX_SUGGESTIONS ? suggest(seg, t.fields.keys()) : undefined;
        const where = i === 0 ? scope.where : msg("where.field", { path: segments.slice(0, i).join(".") });
        this.problems.push(
          problem("problem.unknown_var.undeclared", path, { path: p, where, field: seg, ...someNames([...t.fields.keys()]), suggestion: hint }),
        );
        return ANY;
      }
      t = next;
    }
    this.reads.add(join(scope.prefix, p));
    return t;
  }

  /** The static path of a list expression, when it can be told (a var, or a filter of one). */
  private listPrefix(expr: Rule, scope: Scope): string | undefined {
    const source = listSource(expr);
    return source === undefined ? undefined : join(scope.prefix, source.path);
  }

  /**
   * A scoped operator's list (argument `info.list`), then the arguments after it, once per item, in the items'
   * scope (their types into `types`). Undefined when the list is not a list (reported).
   */
  private scoped(
    info: Operator,
    args: Rule[],
    types: (ValueType | undefined)[],
    scope: Scope,
    argPath: (i: number) => JsonPath,
    depth: number,
  ): ValueType | undefined {
    const listIndex = info.list ?? 0;
    const listType = (types[listIndex] ??= this.walk(args[listIndex]!, scope, argPath(listIndex), depth + 1));
    if (listType.kind !== "array" && listType.kind !== "any") {
      this.problems.push(problem("problem.not_a_list", argPath(listIndex), { op: info.name, type: describeType(listType) }));
      return undefined;
    }
    const item = listType.kind === "array" ? listType.item : ANY;
    const prefix = `${this.listPrefix(args[listIndex]!, scope) ?? "?"}[]`;
    const inner: Scope = { type: item, prefix, where: msg("where.item", { list: prefix.slice(0, -2) }) };
    // The parts applied to each item run once per item: nested lists multiply.
    const outer = this.frame;
    const each = { steps: 0, loops: [] as WorkLoop[] };
    this.frame = each;
    for (let i = listIndex + 1; i < args.length; i++) types[i] = this.walk(args[i]!, inner, argPath(i), depth + 1);
    this.frame = outer;
    outer.loops.push({ path: this.listPath(args[listIndex]!, scope), max: this.lengthOf(listType), each });
    return listType;
  }

  /**
   * Comparisons are checked against the declared types, as json-logic-js would otherwise turn a text into a
   * number ("10" >= 5 holds), a yes/no into 0 or 1 (true > 0 holds), or compare a date with a number. Ordering
   * (`<` `<=` `>` `>=`) takes numbers, or dates (a date of the data with a date written `"YYYY-MM-DD"`); equality
   * takes two values of one type (or null, "is it missing"). A value that may be of several types (an `if`) is
   * checked for each.
   */
  private checkComparable(op: string, args: readonly Rule[], types: readonly ValueType[], argPath: (i: number) => JsonPath, order: boolean): void {
    const alternatives = (t: ValueType): ValueType[] => (t.kind === "any" && t.of ? [...t.of] : [t]);
    if (order)
      for (let i = 0; i < types.length; i++)
        for (const t of alternatives(types[i]!)) {
          const f = familyOf(t, args[i]!);
          if (f !== undefined && f !== "number" && f !== "date" && f !== "date-literal") {
            this.problems.push(problem("problem.not_comparable.order", argPath(i), { op, type: describeType(t) }));
            return;
          }
        }
    for (let i = 0; i + 1 < types.length; i++)
      for (const a of alternatives(types[i]!))
        for (const b of alternatives(types[i + 1]!)) {
          const fa = familyOf(a, args[i]!);
          const fb = familyOf(b, args[i + 1]!);
          // Two dates written in the rule compare as texts do; ordering a text with a date written in the rule is not a date comparison.
          const ok = order && (fa === "text" || fb === "text") ? false : compatible(fa, fb);
          if (!ok) {
            this.problems.push(problem("problem.not_comparable.mixed", argPath(i + 1), { op, left: describeType(a), right: describeType(b) }));
            return;
          }
        }
  }

  private checkCount(arg: Rule, t: ValueType, path: JsonPath, what: "part" | "whole"): void {
    if (!isNumeric(t)) this.problems.push(problem("problem.not_a_count.type", path, { part: what, type: describeType(t) }));
    else if (t.kind === "number") this.problems.push(problem("problem.not_a_count.decimal", path, { part: what }));
    else if (t.kind === "integer" && t.nonNegative === false) {
      // A declared input read as a count must be declared as one, so a negative value is refused with its path
      // when the data is checked rather than discovered while the rule runs.
      const input = typeof arg === "object" && arg !== null && !Array.isArray(arg) && "var" in arg ? JSON.stringify(arg.var) : undefined;
      this.problems.push(problem("problem.not_a_count.signed", path, { part: what, input }));
    }
  }

  private checkPercent(arg: Rule, t: ValueType, path: JsonPath): void {
    if (typeof arg === "number") {
      if (!exactPercent(arg)) this.problems.push(problem("problem.bad_percent.range", path, { value: String(arg), decimals: MAX_PERCENT_DECIMALS }));
    } else if (!isNumeric(t)) {
      this.problems.push(problem("problem.bad_percent.type", path, { type: describeType(t) }));
    }
  }

  private checkEnum(args: Rule[], types: ValueType[], path: JsonPath, op: string): void {
    for (const [a, b] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const t = types[a]!;
      const lit = args[b];
      if (t.kind === "string" && t.enum && typeof lit === "string" && !t.enum.includes(lit.normalize("NFC")))
        this.problems.push(
          problem("problem.not_in_enum.compare", [...path, op, b], { value: JSON.stringify(lit), values: t.enum.map((e) => JSON.stringify(e)) }),
        );
    }
  }

  private checkEnumIn(args: Rule[], types: ValueType[], argPath: (i: number) => JsonPath): void {
    const t = types[0]!;
    const list = args[1];
    if (t.kind === "string" && t.enum && Array.isArray(list))
      list.forEach((v, i) => {
        if (typeof v === "string" && !t.enum!.includes(v.normalize("NFC")))
          this.problems.push(
            problem("problem.not_in_enum.in", [...argPath(1), i], { value: JSON.stringify(v), values: t.enum!.map((e) => JSON.stringify(e)) }),
          );
      });
  }
}

/**
 * Checks one rule against the values in scope and reports every problem into `problems`, each with its path
 * (`path` is where the rule sits in the criteria file). `budget`, shared by the rules of a set, caps their
 * total size.
 */
export function analyzeRule(
  rule: Rule,
  scope: ValueType,
  path: JsonPath,
  problems: Problem[],
  limits: RuleLimits & Partial<Pick<Limits, "maxArrayLength">> = DEFAULT_LIMITS,
  budget?: NodeBudget,
  derivedLists: ReadonlyMap<string, string | undefined> = new Map(),
): RuleInfo {
  const a = new Analyzer(problems, limits, budget, limits.maxArrayLength ?? DEFAULT_LIMITS.maxArrayLength, derivedLists);
  const top: Scope = { type: scope, prefix: "", where: msg("where.set") };
  const type = a.walk(rule, top, path, 0);
  const plan = a.frame;
  return {
    type,
    reads: [...a.reads].sort(),
    operators: [...a.operators].sort(),
    usesRatio: a.usesRatio,
    takesShare: a.takesShare,
    work: staticWork(plan),
    plan,
    listSource: type.kind === "array" ? a.listPath(rule, top) : undefined,
  };
}

export { RATIO_OPERATORS };

/**
 * A last line of defence for evaluators: throws unless every operation in `rule` is one of the allowed
 * operators and every `var` path is a literal free of `__proto__`, `prototype` and `constructor`. Rules that
 * came through {@link analyzeRule} always pass; a rule that bypassed loading never reaches an operator of the
 * underlying engine that criteria files may not use (json-logic-js's `log`, `method` in old versions, or
 * names walking the operator table's prototype).
 *
 * @throws {@link EvaluationError} naming the first offending operation.
 */
export function assertAllowed(rule: Rule): void {
  const stack: Rule[] = [rule];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const keys = Object.keys(node);
    const op = keys[0];
    if (keys.length !== 1 || op === undefined || !OPERATORS.has(op)) throw new EvaluationError(msg("eval.refuse_op", { keys: JSON.stringify(keys) }));
    const raw = (node as Record<string, Rule>)[op]!;
    if (op === "var") {
      const p = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof p !== "string" || p.split(".").some((seg) => FORBIDDEN_NAMES.has(seg)))
        throw new EvaluationError(msg("eval.refuse_var", { path: JSON.stringify(raw) }));
      continue;
    }
    stack.push(raw);
  }
}
