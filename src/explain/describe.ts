/**
 * A rule as a sentence, in Vietnamese or English, using the labels of the inputs it reads: what the
 * explanation says was required, and what the explorer shows instead of raw JSON.
 *
 * @module
 */
import type { CriteriaSet } from "../schema/criteria-set.js";
import type { InputSpec } from "../schema/inputs.js";
import type { Rule } from "../schema/rule.js";
import { say, t } from "../i18n/index.js";
import { operatorOf } from "../logic/operators.js";
import { ruleParts } from "../logic/walk.js";
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

/** Describes a rule in words. `scope` is the label tree of the data the rule reads. */
export function describeRule(rule: Rule, lang: Lang, scope: LabelNode): string {
  return new Describer(lang).rule(rule, scope, 0);
}

/** Walks a rule; each operation is put into words by its operator's family (`describe`, through the catalogue). */
class Describer {
  constructor(private readonly lang: Lang) {}

  private labelOf(path: string, scope: LabelNode): string {
    if (path === "") return scope.label?.[this.lang] ?? t(this.lang, "word.rule_item");
    let node: LabelNode | undefined = scope;
    for (const seg of path.split(".")) node = node?.fields?.get(seg);
    return node?.label?.[this.lang] ?? path;
  }

  private listOf(expr: Rule, scope: LabelNode): { text: string; item: LabelNode } {
    const p = ruleParts(expr);
    if (p !== undefined) {
      const { op, args } = p;
      if (op === "var" && typeof args[0] === "string") {
        let node: LabelNode | undefined = scope;
        for (const seg of args[0].split(".")) node = args[0] === "" ? node : node?.fields?.get(seg);
        return { text: this.labelOf(args[0], scope), item: node?.item ?? {} };
      }
      if (op === "filter") {
        const inner = this.listOf(args[0]!, scope);
        return { text: t(this.lang, "word.rule_where", { list: inner.text, cond: this.rule(args[1]!, inner.item, 1) }), item: inner.item };
      }
    }
    return { text: this.rule(expr, scope, 1), item: {} };
  }

  rule(r: Rule, scope: LabelNode, depth: number): string {
    if (r === null || typeof r !== "object") return typeof r === "string" ? `"${r}"` : formatValue(r, this.lang);
    if (Array.isArray(r)) return `[${r.map((x) => this.rule(x, scope, depth + 1)).join(", ")}]`;
    const p = ruleParts(r);
    const operator = p === undefined ? undefined : operatorOf(p.op);
    if (p === undefined || operator === undefined) return JSON.stringify(r);
    const a = p.args;
    const lang = this.lang;
    const sub = (i: number) => this.rule(a[i]!, scope, depth + 1);
    return operator.describe({
      lang,
      depth,
      args: a,
      sub,
      subs: () => a.map((_, i) => sub(i)),
      list: (i) => {
        const l = this.listOf(a[i]!, scope);
        return { text: l.text, cond: (j) => this.rule(a[j]!, l.item, depth + 1) };
      },
      label: (path) => this.labelOf(path, scope),
      percent: (i) => {
        const x = a[i];
        return typeof x === "number" ? `${formatNumber(x, lang)}%` : `${sub(i)}%`;
      },
      paren: (text) => (depth > 0 ? `(${text})` : text),
      say: (m) => say(m, lang),
    });
  }
}
