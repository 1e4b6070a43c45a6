import type { TESTING } from "../codes/testing.js";
import type { Sentences } from "../params.js";

export const testing: Sentences<typeof TESTING> = {
  "case.never_both": ({ criteria }) => `chưa thấy cả đạt lẫn chưa đạt: ${criteria.join(", ")}`,
};
