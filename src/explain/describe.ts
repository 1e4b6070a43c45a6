/**
 * A rule as a sentence, in Vietnamese or English, using the labels of the inputs it reads: what the
 * explanation says was required, and what the explorer shows instead of raw JSON.
 *
 * @module
 */
import type { CriteriaSet } from "../schema/criteria-set.js";
import type { InputSpec } from "../schema/inputs.js";
import type { Rule } from "../schema/rule.js";
import { catalogue, type Catalogue } from "../i18n/index.js";
import { formatNumber, formatValue, type Lang } from "./format.js";

/** Labels of the inputs, fields and derived values a rule can read. */
export interface LabelNode {
  readonly label?: { vi: string; en: string };
  /** How the node reads after its parent's label in a data path, when not its label (a level of a title). */
  readonly step?: { vi: string; en: string };
  readonly fields?: ReadonlyMap<string, LabelNode>;
  readonly item?: LabelNode;
}

function nodeOf(spec: InputSpec): LabelNode {
  const base = spec.label ? { label: spec.label } : {};
  if (spec.type === "object") return { ...base, fields: new Map(Object.entries(spec.fields).map(([k, v]) => [k, nodeOf(v)])) };
  if (spec.type === "array") return { ...base, item: nodeOf(spec.items) };
  // A title held at levels: each level reads as the title's label with the level, e.g. "Cộng đồng học tập (muc-1)".
  if (spec.type === "title" && spec.levels) {
    const name = spec.label ?? { vi: spec.set, en: spec.set };
    return { ...base, fields: new Map(spec.levels.map((l) => [l, { label: { vi: `${name.vi} (${l})`, en: `${name.en} (${l})` }, step: { vi: l, en: l } }])) };
  }
  return base;
}

/** The label tree of a set: its inputs, then its derived values. */
export function labelsOf(set: CriteriaSet): LabelNode {
  const fields = new Map<string, LabelNode>(Object.entries(set.inputs).map(([k, v]) => [k, nodeOf(v)]));
  for (const [name, d] of Object.entries(set.derived)) fields.set(name, d.label ? { label: d.label } : {});
  return { fields };
}

/** The words a rule is read aloud with, from the catalogue, once per language. */
function ruleWords(lang: Lang) {
  const word = (w: Parameters<Catalogue["explain.rule_word"]>[0]["word"]) => catalogue(lang)["explain.rule_word"]({ word: w });
  return {
    and: ` ${word("and")} `,
    or: ` ${word("or")} `,
    not: word("not"),
    yes: word("yes"),
    every: word("every"),
    some: word("some"),
    none: word("none"),
    where: word("where"),
    count: word("count"),
    if: word("if"),
    then: word("then"),
    else: word("else"),
    item: word("item"),
  };
}
const WORDS = { vi: ruleWords("vi"), en: ruleWords("en") };

const SYMBOLS: Record<string, string> = { "==": "=", "===": "=", "!=": "≠", "!==": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "+": "+", "-": "−", "*": "×", "/": "÷", "%": "mod" };

/** Describes a rule in words. `scope` is the label tree of the data the rule reads. */
export function describeRule(rule: Rule, lang: Lang, scope: LabelNode): string {
  return new Describer(lang).rule(rule, scope, 0);
}

class Describer {
  private readonly w;
  constructor(private readonly lang: Lang) {
    this.w = WORDS[lang];
  }

  private labelOf(path: string, scope: LabelNode): string {
    if (path === "") return scope.label?.[this.lang] ?? this.w.item;
    let node: LabelNode | undefined = scope;
    for (const seg of path.split(".")) node = node?.fields?.get(seg);
    return node?.label?.[this.lang] ?? path;
  }

  private listOf(expr: Rule, scope: LabelNode): { text: string; item: LabelNode } {
    if (expr && typeof expr === "object" && !Array.isArray(expr)) {
      const op = Object.keys(expr)[0]!;
      const raw = (expr as Record<string, Rule>)[op]!;
      const args = Array.isArray(raw) ? raw : [raw];
      if (op === "var" && typeof args[0] === "string") {
        let node: LabelNode | undefined = scope;
        for (const seg of args[0].split(".")) node = args[0] === "" ? node : node?.fields?.get(seg);
        return { text: this.labelOf(args[0], scope), item: node?.item ?? {} };
      }
      if (op === "filter") {
        const inner = this.listOf(args[0]!, scope);
        return { text: `${inner.text} ${this.w.where} ${this.rule(args[1]!, inner.item, 1)}`, item: inner.item };
      }
    }
    return { text: this.rule(expr, scope, 1), item: {} };
  }

  rule(r: Rule, scope: LabelNode, depth: number): string {
    if (r === null || typeof r !== "object") return typeof r === "string" ? `"${r}"` : formatValue(r, this.lang);
    if (Array.isArray(r)) return `[${r.map((x) => this.rule(x, scope, depth + 1)).join(", ")}]`;
    const op = Object.keys(r)[0]!;
    const raw = r[op]!;
    const a = Array.isArray(raw) ? raw : [raw];
    const sub = (x: Rule) => this.rule(x, scope, depth + 1);
    const paren = (s: string) => (depth > 0 ? `(${s})` : s);
    const w = this.w;
    const pct = (p: Rule) => (typeof p === "number" ? `${formatNumber(p, this.lang)}%` : `${sub(p)}%`);
    switch (op) {
      case "var": {
        const label = this.labelOf(typeof a[0] === "string" ? a[0] : String(a[0]), scope);
        // A bare variable as a whole rule is a yes/no question.
        return depth === 0 ? `${label}: ${w.yes}` : label;
      }
      case "and":
        return paren(a.map(sub).join(w.and));
      case "or":
        return paren(a.map(sub).join(w.or));
      case "!":
        return `${w.not} ${sub(a[0]!)}`;
      case "!!":
        return sub(a[0]!);
      case "if": {
        const parts: string[] = [];
        for (let i = 0; i + 1 < a.length; i += 2) parts.push(`${w.if} ${sub(a[i]!)} ${w.then} ${sub(a[i + 1]!)}`);
        if (a.length % 2 === 1) parts.push(`${w.else} ${sub(a[a.length - 1]!)}`);
        return paren(parts.join(", "));
      }
      case "<":
      case "<=":
        if (a.length === 3) return `${sub(a[0]!)} ${SYMBOLS[op]} ${sub(a[1]!)} ${SYMBOLS[op]} ${sub(a[2]!)}`;
        return `${sub(a[0]!)} ${SYMBOLS[op]} ${sub(a[1]!)}`;
      case "==":
      case "===":
      case "!=":
      case "!==":
      case ">":
      case ">=":
        return `${sub(a[0]!)} ${SYMBOLS[op]} ${sub(a[1]!)}`;
      case "+":
      case "*":
        return paren(a.map(sub).join(` ${SYMBOLS[op]} `));
      case "-":
        return a.length === 1 ? `−${sub(a[0]!)}` : paren(`${sub(a[0]!)} − ${sub(a[1]!)}`);
      case "/":
      case "%":
        return paren(`${sub(a[0]!)} ${SYMBOLS[op]} ${sub(a[1]!)}`);
      case "min":
      case "max":
        return `${op}(${a.map(sub).join(", ")})`;
      case "in":
        return catalogue(this.lang)["explain.rule_in"]({ value: sub(a[0]!), list: sub(a[1]!) });
      case "all":
      case "some":
      case "none": {
        const list = this.listOf(a[0]!, scope);
        const cond = this.rule(a[1]!, list.item, depth + 1);
        const q = op === "all" ? w.every : op === "some" ? w.some : w.none;
        return `${q} ${list.text}: ${cond}`;
      }
      case "filter": {
        const list = this.listOf(a[0]!, scope);
        return `${list.text} ${w.where} ${this.rule(a[1]!, list.item, depth + 1)}`;
      }
      case "count": {
        const list = this.listOf(a[0]!, scope);
        return a.length === 2 ? `${w.count} ${list.text} ${w.where} ${this.rule(a[1]!, list.item, depth + 1)}` : `${w.count} ${list.text}`;
      }
      case "shareAtLeast":
      case "shareAtMost": {
        const list = this.listOf(a[1]!, scope);
        const cond = this.rule(a[2]!, list.item, depth + 1);
        const excluding = a[3] === undefined ? undefined : this.rule(a[3], list.item, depth + 1);
        return catalogue(this.lang)["explain.rule_share"]({ op: op === "shareAtLeast" ? "atLeast" : "atMost", percent: pct(a[0]!), list: list.text, excluding, condition: cond });
      }
      case "ratioAtLeast":
      case "ratioAtMost": {
        return catalogue(this.lang)["explain.rule_ratio"]({ part: sub(a[0]!), op: op === "ratioAtLeast" ? "atLeast" : "atMost", percent: pct(a[2]!), whole: sub(a[1]!) });
      }
    }
    return JSON.stringify(r);
  }
}
