/**
 * `shareAtLeast`, `shareAtMost` ([P, list, condition, exclude?]) and `ratioAtLeast`, `ratioAtMost`
 * ([part, whole, P]): exact percentages in integers, `part * 100 * scale` against `units * whole` with P =
 * units / scale, in `Number` (the generator sizes the largest whole for which both products are exact; a
 * larger one hands the unit back). A whole of 0 throws `EMPTY` (the criterion takes its empty-group status);
 * parts and wholes that are not counts hand the unit back (the general evaluator reports the error).
 *
 * @module
 */
import { exactPercent } from "../../logic/exact.js";
import { argList, refuse, type Emitter } from "./types.js";
import { itemTest, listOperand } from "./lists.js";

/** The percentage, a literal, as `units, scale, limit` (the largest whole compared exactly in Number). */
function percentArgs(p: unknown): string {
  if (typeof p !== "number") return refuse("a percentage that is not a literal number");
  const exact = exactPercent(p);
  if (!exact) return refuse("a percentage out of range");
  const units = Number(exact.units);
  const scale = Number(exact.scale);
  const limit = Math.floor(Number.MAX_SAFE_INTEGER / Math.max(100 * scale, units, 1));
  return `${units}, ${scale}, ${limit}`;
}

function share(atLeast: boolean): Emitter {
  return (args, ctx) => {
    const a = argList(args);
    if (a.length < 3 || a.length > 4) return refuse("a share without 3 or 4 operands");
    const p = percentArgs(a[0]);
    const list = listOperand(ctx.emit(a[1]!));
    const cond = itemTest(list, a[2], ctx);
    const skip = a.length === 4 ? `if (${itemTest(list, a[3], ctx)}) continue; ` : "";
    const f = ctx.fn(
      "l",
      `let w = 0, p = 0; for (let i = 0; i < l.length; i++) { const it = l[i]; ${skip}w++; if (${cond}) p++; } return ratio(p, w, ${p}, ${atLeast});`,
    );
    return { code: `${f}(${list.code})`, type: { kind: "bool" } };
  };
}

function ratioOf(atLeast: boolean): Emitter {
  return (args, ctx) => {
    const a = argList(args);
    if (a.length !== 3) return refuse("a ratio without 3 operands");
    const part = ctx.emit(a[0]!);
    const whole = ctx.emit(a[1]!);
    if (part.type.kind !== "num" || whole.type.kind !== "num") return refuse("a ratio of values that are not numbers");
    return { code: `ratioOf(${part.code}, ${whole.code}, ${percentArgs(a[2])}, ${atLeast})`, type: { kind: "bool" } };
  };
}

export const RATIO_EMITTERS: Readonly<Record<string, Emitter>> = {
  shareAtLeast: share(true),
  shareAtMost: share(false),
  ratioAtLeast: ratioOf(true),
  ratioAtMost: ratioOf(false),
};
