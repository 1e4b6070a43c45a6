/**
 * The compiled evaluator: each rule is turned once into a tree of JavaScript closures, with no code generated
 * from strings (neither `eval` nor the Function constructor), so it runs under a strict Content-Security-Policy.
 * Every operator does exactly what json-logic-js 2.0.5 does after `expandRule` (loose `==`, `[]` is false,
 * `parseFloat` in `+` and `*`, `<` with three arguments, `all` false on an empty list, the same short-circuits and
 * the same order of reads), and records what it reads into the same {@link Trace}. The differential tests in
 * `test/differential/` hold it to that.
 *
 * This module walks the rule; each operator's closures are its family's (`ops/*.ts`, through the registry).
 * What makes them fast: no interpretation per node, conditions compiled to closures that return booleans, counts
 * and shares computed without building intermediate lists, exact percentages compared in `Number` when the
 * products are safe integers (BigInt otherwise), and a trace that, when explanations are off, records only
 * the absent values (see {@link Sink}).
 *
 * @module
 */
import type { Rule } from "../schema/rule.js";
import { assertAllowed } from "./analyze.js";
import { truthy } from "./apply.js";
import { compileBounds } from "./compile-bounds.js";
import type { Engine, PreparedRule } from "./engine.js";
import { Inapplicable, type RatioMeasure } from "./exact.js";
import { operatorOf } from "./operators.js";
import { isStatic, staticValue } from "./ops/var.js";
import type { Compiled, CompileContext, CompiledTest, CompileOptions, Sink } from "./ops/types.js";
import type { BoundsRule, ScopeSpec } from "./read-bounds.js";
import type { Trace } from "./trace.js";
import { ruleParts } from "./walk.js";

export type { Compiled, CompiledTest, CompileOptions, Sink } from "./ops/types.js";

/** A sink that records everything into a {@link Trace}. */
export class TraceSink implements Sink {
  readonly full = true;
  constructor(readonly trace: Trace) {}
  read(base: unknown, rel: string, value: unknown): void {
    this.trace.read(base, rel, value);
  }
  measure(m: RatioMeasure): void {
    this.trace.measure(m);
  }
}

function constant(v: unknown): Compiled {
  return () => v;
}

/**
 * An operator criteria files may not use: like json-logic-js with an operator it does not know, the
 * arguments are evaluated and then it throws. (json-logic-js's own extra operators, such as `cat`, are not
 * part of the format and are not compiled.)
 */
function unknownOperator(op: string, args: Compiled[]): Compiled {
  return (d, s) => {
    for (let i = 0; i < args.length; i++) args[i]!(d, s);
    throw new Error(`Unrecognized operation ${op}`);
  };
}

/** Compiles a checked rule into a closure. */
export function compileRule(rule: Rule, options: CompileOptions = {}): Compiled {
  return new Compiler(options).value(rule);
}

/** Compiles a checked rule for a yes/no position: the closure returns JsonLogic truthiness of the value. */
export function compileTest(rule: Rule, options: CompileOptions = {}): CompiledTest {
  return new Compiler(options).test(rule);
}

/** Walks a rule; every operation is compiled by its operator's family. */
class Compiler implements CompileContext {
  constructor(readonly options: CompileOptions) {}

  value(r: Rule): Compiled {
    if (Array.isArray(r)) {
      if (r.every(isStatic)) return constant(staticValue(r));
      const items = r.map((x) => this.value(x));
      return (d, s) => {
        const out = new Array<unknown>(items.length);
        for (let i = 0; i < items.length; i++) out[i] = items[i]!(d, s);
        return out;
      };
    }
    const p = ruleParts(r);
    if (p === undefined) return constant(r);
    const operator = operatorOf(p.op);
    if (operator === undefined)
      return unknownOperator(
        p.op,
        p.args.map((a) => this.value(a)),
      );
    return operator.compile(p.args, this);
  }

  test(r: Rule): CompiledTest {
    const p = ruleParts(r);
    if (p === undefined) {
      const v = truthy(staticValue(r));
      if (Array.isArray(r) && !r.every(isStatic)) {
        const f = this.value(r);
        // An array literal is truthy when it has items, whatever they evaluate to; its items are still read.
        return (d, s) => truthy(f(d, s));
      }
      return () => v;
    }
    const t = operatorOf(p.op)?.test?.(p.args, this);
    if (t !== undefined) return t;
    const f = this.value(r);
    return (d, s) => truthy(f(d, s));
  }
}

/** A compiled rule recording into the trace it is given, without the safety check (for the differential tests). @internal */
export function prepareCompiled(rule: Rule): PreparedRule {
  const f = compileRule(rule);
  return (trace: Trace) => f(trace.scope.root, new TraceSink(trace));
}

/** The compiled evaluator as an {@link Engine}: each prepared rule records into the trace it is given. */
export const compiledEngine: Engine = {
  name: "compiled",
  version: "1",
  prepare(rule: Rule): PreparedRule {
    // Loading already refused anything outside the safety profile; this keeps a rule that bypassed loading out too.
    assertAllowed(rule);
    return prepareCompiled(rule);
  },
  prepareBounds(rule: Rule, scope: ScopeSpec): BoundsRule {
    assertAllowed(rule);
    return compileBounds(rule, scope);
  },
};

export { Inapplicable };
