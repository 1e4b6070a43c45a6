/**
 * Checks on a criteria file's raw JSON that run before its schema: how deeply it nests, and how many
 * criteria, derived values and inputs it holds. They walk the value without recursion, so a hostile file
 * (nested a million levels deep, or with a million criteria) is refused cheaply with a clear problem instead
 * of exhausting the stack or the time of the validators that follow.
 *
 * They also refuse `__proto__` as the name of an input, field or derived value (zod drops such a key from a
 * record without a word, so the schema alone would accept the file minus the key), and control characters in
 * any text or key (they could rewrite the terminal that prints a title, or hide text).
 *
 * @module
 */
import { CONTROL_CHARACTER, printable, problem, type JsonPath, type Problem } from "../errors.js";
import type { Limits } from "./limits.js";

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly key: string | number | undefined;
  readonly parent: Frame | undefined;
}

function pathOf(frame: Frame): JsonPath {
  const out: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) out.push(f.key);
  return out.reverse();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function refuseProtoKey(record: Record<string, unknown>, path: JsonPath, problems: Problem[]): void {
  if (Object.hasOwn(record, "__proto__")) problems.push(problem("problem.unsafe_key", [...path, "__proto__"]));
}

const MAX_CONTROL_PROBLEMS = 20;

/** A list or record being walked: its children are visited one at a time (`next` is the index of the next one). */
interface Open {
  readonly frame: Frame;
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
}

/**
 * Walks a raw JSON value once, without recursion: returns the path where it first nests deeper than
 * `maxDepth` objects and lists (a cycle counts as too deep), or else the texts and keys holding a control
 * character (the first few). The walk holds one entry per level it is in, not one per value waiting to be
 * visited, so a list of a million items costs no more memory than one item.
 */
function scan(value: unknown, maxDepth: number): { deep: JsonPath } | { controls: Problem[] } {
  const controls: Problem[] = [];
  const control = (frame: Frame, text: string, where: "text" | "key") => {
    if (controls.length < MAX_CONTROL_PROBLEMS && CONTROL_CHARACTER.test(text))
      controls.push(problem("problem.control_character", pathOf(frame), { char: printable(CONTROL_CHARACTER.exec(text)![0]), in: where }));
  };
  const open: Open[] = [];
  /** Looks at one value: a text is checked, a list or record is opened (or found too deep). */
  const visit = (frame: Frame): JsonPath | undefined => {
    const v = frame.value;
    if (typeof v === "string") control(frame, v, "text");
    if (typeof v !== "object" || v === null) return undefined;
    if (frame.depth + 1 > maxDepth) return pathOf(frame);
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    open.push({ frame, keys, length: keys ? keys.length : (v as unknown[]).length, next: 0 });
    return undefined;
  };
  const deep = visit({ value, depth: 0, key: undefined, parent: undefined });
  if (deep) return { deep };
  while (open.length > 0) {
    const top = open[open.length - 1]!;
    if (top.next >= top.length) {
      open.pop();
      continue;
    }
    const i = top.next++;
    const parent = top.frame;
    const depth = parent.depth + 1;
    let child: Frame;
    if (top.keys) {
      const k = top.keys[i]!;
      child = { value: (parent.value as Record<string, unknown>)[k], depth, key: k, parent };
      control(child, k, "key");
    } else child = { value: (parent.value as unknown[])[i], depth, key: i, parent };
    const tooDeep = visit(child);
    if (tooDeep) return { deep: tooDeep };
  }
  return { controls };
}

function checkInputs(inputs: Record<string, unknown>, limits: Limits, problems: Problem[]): void {
  let reportedDepth = false;
  refuseProtoKey(inputs, ["inputs"], problems);
  // Depth counts the lists and records a value sits in below the unit's own record: a list of members is 1,
  // each member's record 2, a list inside it 3...
  const stack: { spec: unknown; depth: number; path: JsonPath }[] = Object.entries(inputs)
    .reverse()
    .map(([name, spec]) => ({ spec, depth: 0, path: ["inputs", name] }));
  let count = stack.length;
  while (stack.length > 0) {
    const { spec, depth, path } = stack.pop()!;
    if (!isRecord(spec) || (spec.type !== "array" && spec.type !== "object")) continue;
    const here = depth + 1;
    if (here > limits.maxDataDepth) {
      if (!reportedDepth) problems.push(problem("problem.inputs_too_deep", path, { depth: here, max: limits.maxDataDepth }));
      reportedDepth = true;
      continue;
    }
    if (spec.type === "array") stack.push({ spec: spec.items, depth: here, path: [...path, "items"] });
    else if (isRecord(spec.fields)) {
      refuseProtoKey(spec.fields, [...path, "fields"], problems);
      const fields = Object.entries(spec.fields);
      count += fields.length;
      for (const [name, field] of fields.reverse()) stack.push({ spec: field, depth: here, path: [...path, "fields", name] });
    }
  }
  if (count > limits.maxInputs) problems.push(problem("problem.too_many_inputs", ["inputs"], { count, max: limits.maxInputs }));
}

/**
 * Size checks (and the `__proto__` name check) on a criteria file's raw JSON. An empty list means the schema
 * and the static checks may run.
 */
export function preflight(json: unknown, limits: Limits): Problem[] {
  const scanned = scan(json, limits.maxJsonDepth);
  if ("deep" in scanned) return [problem("problem.too_deep", scanned.deep, { max: limits.maxJsonDepth })];
  const problems = scanned.controls;
  if (!isRecord(json)) return problems;
  if (Array.isArray(json.criteria) && json.criteria.length > limits.maxCriteria)
    problems.push(problem("problem.too_many_criteria", ["criteria"], { count: json.criteria.length, max: limits.maxCriteria }));
  if (isRecord(json.derived)) refuseProtoKey(json.derived, ["derived"], problems);
  if (isRecord(json.derived) && Object.keys(json.derived).length > limits.maxDerived)
    problems.push(problem("problem.too_many_derived", ["derived"], { count: Object.keys(json.derived).length, max: limits.maxDerived }));
  if (isRecord(json.inputs)) checkInputs(json.inputs, limits, problems);
  return problems;
}
