// The public types, checked by the compiler (`npm run typecheck` compiles the tests): each expectTypeOf below,
// and each line expected to be a type error, is a compile-time assertion; the test file also runs them.
import { describe, expectTypeOf, it } from "vitest";
import { registry } from "../src/criteria/index.js";
import { congDanHocTap_2023_1_0 } from "../src/criteria/index.js";
import {
  evaluate,
  loadCriteriaSet,
  safeEvaluate,
  type CriteriaSetInput,
  type ErrorCode,
  type EvaluateError,
  type LoadedSet,
  type Problem,
  type Result,
  type SafeEvaluation,
  type SetToEvaluate,
  type SubResult,
} from "../src/index.js";

describe("the public types", () => {
  it("evaluate takes a loaded set, a set's JSON or an id, and nothing else", () => {
    expectTypeOf<SetToEvaluate>().toEqualTypeOf<LoadedSet | CriteriaSetInput | string>();
    expectTypeOf(evaluate).returns.toEqualTypeOf<Result>();
    const set = loadCriteriaSet(congDanHocTap_2023_1_0);
    expectTypeOf(evaluate(set, {})).toEqualTypeOf<Result>();
    const check = () => {
      // @ts-expect-error a number is not a criteria set
      evaluate(42, {});
      // @ts-expect-error an object that is not a criteria set's JSON
      evaluate({ id: "x" }, {});
      // @ts-expect-error an unknown option
      evaluate(set, {}, { asof: "2024-01-01" });
      evaluate("cong-dan-hoc-tap", {}, { asOf: "2024-06-01", sets: registry() });
      evaluate(congDanHocTap_2023_1_0, {});
    };
    expectTypeOf(check).toBeFunction();
  });

  it("types sub-results as results, all the way down", () => {
    expectTypeOf<Result["subResults"]>().toEqualTypeOf<SubResult[]>();
    expectTypeOf<SubResult["result"]>().toEqualTypeOf<Result>();
    expectTypeOf<Result["subResults"][number]["result"]["subResults"][number]["result"]["verdict"]>().toEqualTypeOf<"pass" | "fail" | "incomplete">();
  });

  it("safeEvaluate returns the result or a typed error, told apart by ok", () => {
    const outcome = safeEvaluate("cong-dan-hoc-tap", {}, { asOf: "2024-06-01", sets: registry() });
    expectTypeOf(outcome).toEqualTypeOf<SafeEvaluation>();
    if (outcome.ok) expectTypeOf(outcome.result).toEqualTypeOf<Result>();
    else {
      expectTypeOf(outcome.error).toEqualTypeOf<EvaluateError>();
      expectTypeOf(outcome.error.code).toEqualTypeOf<ErrorCode>();
      expectTypeOf(outcome.error.problems).toEqualTypeOf<readonly Problem[]>();
    }
  });
});
