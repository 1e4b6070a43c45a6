/**
 * The two-valued meaning of JsonLogic's value operators on known values, as json-logic-js 2.0.5 gives it (loose
 * `==`, `[]` is false, `parseFloat` in `+` and `*`, `<` with three arguments), arithmetic checked with
 * `checkFinite` and ratios compared exactly. The families' compiled closures and two-valued meanings (`ops/*.ts`)
 * share these helpers.
 *
 * @module
 */

/** JsonLogic truthiness: `[]` is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v) && v.length === 0) return false;
  return !!v;
}

/**
 * `parseFloat` as json-logic-js applies it to each operand of `+` and `*`. For a number it only turns -0
 * into 0 (`parseFloat(String(-0))`), which is worth knowing: `(-1 * 0) * -5` is -0 in JavaScript but 0 here.
 */
export function pf(v: unknown): number {
  if (typeof v === "number") return v === 0 ? 0 : v;
  return parseFloat(v as string);
}

/** A comparison of two known values. */
export function applyBinary(op: string, x: unknown, y: unknown): boolean {
  /* eslint-disable eqeqeq */
  switch (op) {
    case "==":
      return x == y;
    case "===":
      return x === y;
    case "!=":
      return x != y;
    case "!==":
      return x !== y;
    case ">":
      return (x as number) > (y as number);
    case ">=":
      return (x as number) >= (y as number);
    case "<":
      return (x as number) < (y as number);
    default:
      return (x as number) <= (y as number);
  }
}
