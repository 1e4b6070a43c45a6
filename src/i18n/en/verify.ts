import type { VERIFY } from "../codes/verify.js";
import type { Sentences } from "../params.js";

const list = (problems: readonly string[]) => problems.map((p) => `\n  - ${p}`).join("");
const STATUS = { pass: "pass", fail: "fail", missing: "missing", "not-applicable": "not-applicable", error: "error" };

export const verify: Sentences<typeof VERIFY> = {
  "verify.verdict": ({ before, after }) => `Verdict: ${before} → ${after}`,
  "verify.grade": ({ before, after }) => `Grade: ${before ?? "(none)"} → ${after ?? "(none)"}`,
  "verify.points": ({ before, after }) => `Points: ${before ?? "-"} → ${after ?? "-"}`,
  "verify.status": ({ status, points }) => `${STATUS[status]}${points ? ` (${points})` : ""}`,
  "verify.absent": () => "(absent)",
  "verify.criterion": ({ id, before, after, fields }) => `Criterion ${id}: ${before} → ${after}${fields ? ` (differs in: ${fields})` : ""}`,
  "verify.result": ({ where }) => `The result differs in ${where}`,
  "verify.set_missing": ({ set }) => `The set ${set} is not available: the evaluation cannot be replayed.`,
  "verify.set_changed": ({ set, before, after }) => `The set ${set} has changed: recorded as ${before}, now ${after}.`,
  "verify.data_changed": ({ before, after }) => `The unit's data has changed: recorded as ${before}, now ${after}.`,
  "verify.library": ({ recorded, now }) => `Recorded with tieuchi ${recorded}; replayed with tieuchi ${now}.`,
  "verify.evaluator": ({ name }) => `Evaluator ${name} is not available; replayed with the default.`,
  "verify.data_invalid": ({ set, error, problems }) => `The data is not valid for ${set}: ${error}${problems.length ? `:${list(problems)}` : ""}`,
  "verify.not_evaluated": ({ error, problems }) => `The evaluation could not be replayed: ${error}${problems.length ? `:${list(problems)}` : ""}`,
};
