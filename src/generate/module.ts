/**
 * The generator: a criteria set, loaded and validated (never raw JSON), as the source of a static ES module
 * that decides its criteria for the units it models, with no `eval` and no imports.
 *
 * The module exports `format`, the set's `id`, `version` and `hash`, the number of `criteria`, and
 * `run(data, out)`. `run` checks the unit's data (`check.ts`), computes the derived values and decides every
 * criterion as `evaluate` does (applies, pending, excludes, tiers, rule, score, the empty-group status of a
 * share of nobody), writing three numbers a criterion into `out` (status, reason, points earned), and returns
 * true. For anything it does not model — absent data (decided over its completions by the general
 * evaluator), values out of the usual, an error — it returns false and `evaluate` runs the general path.
 * What it returns true for, `evaluate` turns into the result with the same code the general path uses, so
 * results are identical by construction (and proven so by the differential and fuzz tests).
 *
 * @module
 */
import { lit } from "../json/literal.js";
import { REGISTRY } from "../logic/operators.js";
import type { Refusal } from "../i18n/codes/generate.js";
import { type Context, type Expr, type ItemPass, type ListExpr, NotGenerated, onePass, refuse, type Scope, truthyCode } from "../logic/ops/emit.js";
import { ruleParts } from "../logic/walk.js";
import type { CriteriaSet } from "../schema/criteria-set.js";
import type { Limits } from "../schema/limits.js";
import type { Rule } from "../schema/rule.js";
import { VERSION } from "../version.js";
import { emitCheck } from "./check.js";

/** The `format` a generated module declares. */
export const GENERATED_FORMAT = "tieuchi/generated@1";

/** Status codes written by a generated module (three numbers a criterion: status, reason, points). */
export const GEN_STATUS = ["pass", "fail", "missing", "not-applicable"] as const;
/** Reason codes written by a generated module. */
export const GEN_REASON = [null, "applies-false", "empty-group", "not-encoded"] as const;

/** The helpers every generated module declares first (a bundle of several modules declares them once). */
export const GENERATED_PRELUDE = `const NO = { no: true };
const EMPTY = { empty: true };
const OP = Object.prototype;
const AP = Array.prototype;
function no() { throw NO; }
function rd(v) { if (v === undefined || v === null) throw NO; return v; }
function dv(v, d) { if (v === undefined) return d; if (v === null) throw NO; return v; }
function tr(v) { return Array.isArray(v) ? v.length !== 0 : !!v; }
function fin(x) { if (typeof x !== "number" || !Number.isFinite(x)) throw NO; return x; }
function pf(x) { return x === 0 ? 0 : x; }
function lt3(a, b, c) { return a < b && b < c; }
function le3(a, b, c) { return a <= b && b <= c; }
function inText(a, b) { return b !== "" && b.indexOf(a) !== -1; }
function count(n) { return typeof n === "number" && Number.isSafeInteger(n) && n >= 0; }
function ratio(p, w, units, scale, limit, atLeast) {
  if (w === 0) throw EMPTY;
  if (w > limit) throw NO;
  const left = p * 100 * scale, right = units * w;
  return atLeast ? left >= right : left <= right;
}
function ratioOf(p, w, units, scale, limit, atLeast) {
  if (!count(p) || !count(w) || p > w) throw NO;
  return ratio(p, w, units, scale, limit, atLeast);
}
const PT = new Uint8Array(0x1efa);
for (let c = 0; c < 0x1efa; c++) PT[c] = (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0x7f && (c <= 0x9f || (c >= 0x300 && c < 0x1ea0))) ? 1 : 0;
function plain(s) {
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    b |= c < 0x1efa ? PT[c] : 1;
  }
  return b === 0;
}
function isoDate(s) {
  if (typeof s !== "string" || s.length !== 10) return false;
  const m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}
function lvRec(a, k) {
  for (let i = 0; i < a.length; i++) if (a[i] === undefined) a[i] = null;
  for (let i = 1; i < a.length; i++) if (a[i] === true && a[i - 1] === false) throw NO;
  for (let i = a.length - 2; i >= 0; i--) if (a[i] === null && a[i + 1] === true) a[i] = true;
  for (let i = 1; i < a.length; i++) if (a[i] === null && a[i - 1] === false) a[i] = false;
  if (k < 0) return true;
  if (a[k] === null) throw NO;
  return a[k];
}
function score(s, max) { if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > max) throw NO; return s; }
`;

/** What the generator reads of a loaded set (a `LoadedSet` is one): validated and analysed, never raw JSON. */
export interface GeneratorInput {
  readonly definition: CriteriaSet;
  readonly hash: string;
  readonly limits: Readonly<Limits>;
}

/**
 * Why a set has no generated evaluator (a `gen.*` code and its parameters, which `tieuchi compile` puts into
 * words), or undefined when it can have one.
 */
export function notGenerated(loaded: GeneratorInput): Refusal | undefined {
  try {
    generateModule(loaded);
    return undefined;
  } catch (e) {
    if (e instanceof NotGenerated) return e.reason;
    throw e;
  }
}

/** The declarations of a set's module after the prelude, and its `run` function (not exported). */
function generatedBody(loaded: GeneratorInput): { decls: string; run: string } {
  const set = loaded.definition;
  const fns: string[] = [];
  let temps = 0;
  const fn = (params: string, body: string) => {
    const name = `f${fns.length}`;
    fns.push(`function ${name}(${params}) { ${body} }`);
    return name;
  };
  const fresh = (prefix: "t") => `${prefix}${temps++}`;

  // The one pass over each list input of the unit (`onePass`): its accumulators (locals of the pass), each list
  // operator's step, and the module temporaries the accumulators are left in for the rules read after it.
  const passes = new Map<string, { locals: string[]; steps: string[]; publish: string[] }>();
  const overItems = (list: ListExpr, pass: ItemPass, alone?: string): string => {
    if (list.input === undefined) {
      const acc = pass.init.map((_, i) => `a${i}`);
      const body =
        alone ??
        `let ${pass.init.map((init, i) => `${acc[i]} = ${init}`).join(", ")}; for (let i = 0; i < l.length; i++) { const it = l[i]; ${pass.step(acc)} } return ${pass.result(acc, "l")};`;
      return `${fn("l", body)}(${list.code})`;
    }
    let p = passes.get(list.input);
    if (p === undefined) passes.set(list.input, (p = { locals: [], steps: [], publish: [] }));
    const acc = pass.init.map((init) => {
      const a = `a${p.locals.length}`;
      p.locals.push(`${a} = ${init}`);
      return a;
    });
    const temps = acc.map((a) => {
      const t = fresh("t");
      p.publish.push(`${t} = ${a};`);
      return t;
    });
    p.steps.push(pass.step(acc));
    return pass.result(temps, list.code);
  };
  const context = (scope: Scope): Context => {
    const ctx: Context = {
      scope,
      fn,
      fresh,
      within: (s) => context(s),
      emit: (rule: Rule): Expr => emitRule(rule, ctx),
      overItems,
    };
    return ctx;
  };

  const derived = new Map<string, Expr>();
  const lines: string[] = [];
  for (const [name, d] of Object.entries(set.derived)) {
    const e = context({ kind: "root", inputs: set.inputs, derived }).emit(d.rule);
    const local = `v${derived.size}`;
    lines.push(`const ${local} = ${e.code};`);
    derived.set(name, { code: local, type: e.type });
  }
  const root = context({ kind: "root", inputs: set.inputs, derived });
  const test = (r: Rule) => truthyCode(root.emit(r));
  set.criteria.forEach((c, i) => {
    const max = c.points === undefined ? 0 : typeof c.points === "number" ? c.points : c.points.max;
    const empty = c.emptyGroup ?? "fail";
    const body: string[] = [];
    // decideStatus, step by step.
    if (c.pending) body.push(`st = 2; rs = 3;`);
    else if (c.excludes !== undefined) body.push(`st = ${test(c.excludes)} ? 1 : 0;`);
    else if (c.points !== undefined && typeof c.points === "object" && "tiers" in c.points) {
      body.push(`st = 1;`);
      body.push(c.points.tiers.map((t) => `if (${test(t.when)}) { st = 0; ea = ${lit(t.points)}; }`).join(" else "));
    } else {
      if (c.rule !== undefined) body.push(`st = ${test(c.rule)} ? 0 : 1; ea = st === 0 ? ${max} : 0;`);
      if (c.points !== undefined && typeof c.points === "object" && "score" in c.points) {
        const s = root.emit(c.points.score);
        if (s.type.kind !== "num" && s.type.kind !== "any") refuse("gen.score_not_number");
        body.push(`ea = score(${s.code}, ${max});`);
      }
    }
    const decide = c.applies !== undefined ? `if (!${test(c.applies)}) { st = 3; rs = 1; } else { ${body.join(" ")} }` : body.join(" ");
    const emptyStatus = GEN_STATUS.indexOf(empty as never);
    lines.push(
      `st = 0; rs = 0; ea = 0;`,
      `try { ${decide} } catch (e) { if (e !== EMPTY) throw e; st = ${emptyStatus}; rs = 2; ea = ${empty === "pass" ? max : 0}; }`,
      `out[${3 * i}] = st; out[${3 * i + 1}] = rs; out[${3 * i + 2}] = ea;`,
    );
  });

  // The data check, its item checks of the lists that have one pass left to the pass; then the passes, in
  // `run` after the check and before any rule: each item checked, then every list operator over the list advanced.
  const lists = Object.keys(set.inputs).filter((name) => onePass(set.inputs[name]!));
  const check = emitCheck(set.inputs, loaded.limits, fn, lists);
  const runPasses = lists.map((name) => {
    const p = passes.get(name) ?? { locals: [], steps: [], publish: [] };
    // The temporaries the steps use for their own values (never one the pass publishes) are the pass's locals.
    const scratch = [...new Set(p.steps.join(" ").match(/\bt\d+\b/g) ?? [])];
    const locals = [...scratch, ...p.locals];
    const body = `${locals.length > 0 ? `let ${locals.join(", ")}; ` : ""}for (let i = 0; i < l.length; i++) { const it = l[i]; ${check.items.get(name)!("it")}${p.steps.map((s) => ` ${s}`).join("")} } ${p.publish.join(" ")}`;
    return `v = d[${lit(name)}]; if (v !== undefined && v !== null) ${fn("l", body)}(v);`;
  });
  const tempDecl = temps > 0 ? `let ${Array.from({ length: temps }, (_, i) => `t${i}`).join(", ")};\n` : "";
  const decls = `${tempDecl}${fns.join("\n")}`;
  const run = `function run(d, out) {
  try {
    ${check.root}(d);
    let st, rs, ea, v;
    ${runPasses.join("\n    ")}
    ${lines.join("\n    ")}
    return true;
  } catch (e) {
    return false;
  }
}`;
  return { decls, run };
}

/**
 * The source of the set's generated module.
 *
 * @throws `NotGenerated` naming what the generator does not model (a title input, an operator without an
 *   emitter ...): the set keeps the closure evaluator.
 */
export function generateModule(loaded: GeneratorInput): string {
  const set = loaded.definition;
  const { decls, run } = generatedBody(loaded);
  return `// Generated by tieuchi ${VERSION} from ${lit(`${set.id}@${set.version}`)}: do not edit. It decides this set only (see hash).
export const format = ${lit(GENERATED_FORMAT)};
export const id = ${lit(set.id)};
export const version = ${lit(set.version)};
export const hash = ${lit(loaded.hash)};
export const criteria = ${set.criteria.length};
${GENERATED_PRELUDE}${decls}
/** Decides the criteria of a usual, complete unit into out (status, reason, points each); false: use the general evaluator. */
export ${run}
`;
}

/**
 * The same module as one expression for a bundle (the prebuilt modules of the bundled sets,
 * `scripts/criteria-module.ts`): a function that makes the module object (`format`, `id`, `version`, `hash`,
 * `criteria`, `run`), to be placed where {@link GENERATED_PRELUDE} is declared once for every set. Its code is
 * `generateModule`'s, statement for statement.
 *
 * @throws `NotGenerated` as {@link generateModule} does.
 */
export function generateFactory(loaded: GeneratorInput): string {
  const set = loaded.definition;
  const { decls, run } = generatedBody(loaded);
  const fields = [
    `format: ${lit(GENERATED_FORMAT)}`,
    `id: ${lit(set.id)}`,
    `version: ${lit(set.version)}`,
    `hash: ${lit(loaded.hash)}`,
    `criteria: ${set.criteria.length}`,
    "run",
  ];
  return `() => {\n${decls}\n${run}\nreturn Object.freeze({ ${fields.join(", ")} });\n}`;
}

/** Emits one rule: a literal, or an operation through its operator's generated form (its `emit`, in `logic/ops/`). */
function emitRule(rule: Rule, ctx: Context): Expr {
  if (rule === null) return { code: "null", type: { kind: "null" } };
  switch (typeof rule) {
    case "boolean":
      return { code: String(rule), type: { kind: "bool" } };
    case "number":
      return { code: `(${lit(rule)})`, type: { kind: "num" } };
    case "string":
      return { code: lit(rule), type: { kind: "str" } };
  }
  if (Array.isArray(rule)) return refuse("gen.list_literal");
  const parts = ruleParts(rule, true);
  if (parts === undefined) return refuse("gen.not_one_operation");
  const emit = REGISTRY.get(parts.op)?.emit;
  if (emit === undefined) return refuse("gen.operator", { op: parts.op });
  return emit(parts.args, ctx, parts.op);
}
