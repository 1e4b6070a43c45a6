/**
 * A unit's data checked against the set's declared inputs, before any rule runs: the fast check first (it
 * accepts the usual data as it is and keeps the caller's records), zod's schema for anything else (it names
 * every problem, and copies the data into fresh records), then the constraints between inputs.
 *
 * @module
 */
import { UnitDataError } from "../errors.js";
import { constraintProblems } from "../schema/constraints.js";
import { dataProblems } from "./data.js";
import { fastPathsOn } from "./fast-paths.js";
import type { LoadedSet } from "./load.js";
import type { Program } from "./program.js";

/**
 * The unit's data, checked: the fast check's when it accepts the data (the caller's records, unchanged), else
 * zod's copy.
 *
 * @throws {@link UnitDataError} listing every path where the data does not match, or a constraint it breaks.
 */
export function checkedData(loaded: LoadedSet, program: Program, data: unknown): Record<string, unknown> {
  const fast = fastPathsOn() ? program.check(data) : undefined;
  const checked = fast !== undefined ? fast : copiedData(loaded, data);
  const constraints = loaded.definition.constraints;
  if (constraints.length > 0) {
    // A part larger than its whole is data no real unit has: invalid, at the part's path.
    const problems = constraintProblems(constraints, loaded.definition.inputs, checked);
    if (problems.length > 0) throw new UnitDataError(problems, labelOf(loaded));
  }
  return checked;
}

/**
 * The data as the zod schema gives it: checked, and a copy made of fresh records.
 *
 * @throws {@link UnitDataError} listing every path where the data does not match.
 */
export function copiedData(loaded: LoadedSet, data: unknown): Record<string, unknown> {
  const parsed = loaded.dataSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new UnitDataError(dataProblems(parsed.error, loaded.definition.inputs), labelOf(loaded));
  return parsed.data as Record<string, unknown>;
}

/** `id@version`, as errors name the set. */
export function labelOf(loaded: LoadedSet): string {
  return `${loaded.definition.id}@${loaded.definition.version}`;
}
