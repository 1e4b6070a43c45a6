/**
 * Constraints between inputs that the data of any real unit keeps, declared by a set (`constraints`): a part is
 * never more than its whole (learners who earned a title are not more than the learners). Data that breaks one
 * is invalid data, refused by the data check with the path of the part, as a value out of its range is: never
 * evaluated into a verdict.
 *
 * @module
 */
import { problem, type JsonPath, type Problem } from "../errors.js";
import type { Text } from "../i18n/index.js";
import type { Constraint } from "./criteria-set.js";
import type { InputSpec, Inputs } from "./inputs.js";

/** The parts of a constraint path: `thanhVien[].soGio` is `["thanhVien", "[]", "soGio"]`. */
export function constraintPath(path: string): string[] {
  return path.split(".").flatMap((p) => (p.endsWith("[]") ? [p.slice(0, -2), "[]"] : [p]));
}

/** The input a constraint path names, or why it names none a constraint can use. */
export function constraintInput(inputs: Inputs, path: string): { spec: InputSpec } | { problem: Problem } {
  let fields: Inputs | undefined = inputs;
  let spec: InputSpec | undefined;
  const parts = constraintPath(path);
  for (const [i, p] of parts.entries()) {
    if (p === "[]") {
      if (spec?.type !== "array") return { problem: problem("problem.constraint.not_a_list", [], { path: parts.slice(0, i).join(".") }) };
      spec = spec.items;
      fields = spec.type === "object" ? spec.fields : undefined;
      continue;
    }
    if (!fields || !Object.hasOwn(fields, p)) return { problem: problem("problem.constraint.not_declared", [], { path }) };
    spec = fields[p]!;
    fields = spec.type === "object" ? spec.fields : undefined;
  }
  if (!spec || (spec.type !== "integer" && spec.type !== "number")) return { problem: problem("problem.constraint.not_a_number", [], { path }) };
  return { spec };
}

/** The list part of a path (up to its last `[]`), which both sides of a constraint must share. */
export function listScope(path: string): string {
  const i = path.lastIndexOf("[]");
  return i < 0 ? "" : path.slice(0, i + 2);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every place a path reaches in the data: its value and its concrete path (`thanhVien[2].soGio`). */
function reach(data: unknown, parts: readonly string[], at: JsonPath, out: Array<{ path: JsonPath; value: unknown }>): void {
  if (parts.length === 0) {
    out.push({ path: at, value: data });
    return;
  }
  const [head, ...rest] = parts;
  if (head === "[]") {
    if (Array.isArray(data)) for (const [i, item] of data.entries()) reach(item, rest, [...at, i], out);
    return;
  }
  if (isRecord(data) && Object.hasOwn(data, head!)) reach(data[head!], rest, [...at, head!], out);
}

/**
 * The problems of a unit's data (already checked against its inputs) with the set's constraints: for each
 * `atMost: [part, whole]` where both are given, a part larger than its whole, at the part's path. Inside a list,
 * each item is held to it with its own values.
 */
export function constraintProblems(constraints: readonly Constraint[], inputs: Inputs, data: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const c of constraints) {
    const [part, whole] = c.atMost;
    const scope = listScope(part);
    // The items of the list both sides are in (or the unit itself), then each side within it.
    const holders: Array<{ path: JsonPath; value: unknown }> = [];
    reach(data, scope === "" ? [] : constraintPath(scope), [], holders);
    const inner = (p: string) => constraintPath(scope === "" ? p : p.slice(scope.length + 1));
    for (const h of holders) {
      const parts: Array<{ path: JsonPath; value: unknown }> = [];
      const wholes: Array<{ path: JsonPath; value: unknown }> = [];
      reach(h.value, inner(part), h.path, parts);
      reach(h.value, inner(whole), h.path, wholes);
      const p = parts[0];
      const w = wholes[0];
      if (!p || !w || typeof p.value !== "number" || typeof w.value !== "number" || p.value <= w.value) continue;
      // An input's label in each language, or its path when it has none.
      const label = (path: string): Text => {
        const found = constraintInput(inputs, path);
        return "spec" in found && found.spec.label ? found.spec.label : { vi: path, en: path };
      };
      problems.push(
        problem("problem.part_exceeds_whole", p.path, { part: p.value, whole: w.value, partInput: label(part), wholeInput: label(whole), note: c.note }),
      );
    }
  }
  return problems;
}
