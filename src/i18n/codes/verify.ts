/**
 * Audit records replayed: how a replay differs from its record, and the notes on it.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

const VERDICTS = ["pass", "fail", "incomplete"] as const;

export const VERIFY = {
  "verify.verdict": { before: VERDICTS, after: VERDICTS },
  "verify.grade": { before: "text?", after: "text?" },
  "verify.points": { before: "number?", after: "number?" },
  "verify.status": { status: ["pass", "fail", "missing", "not-applicable", "error"], points: "string?" },
  "verify.absent": {},
  "verify.criterion": { id: "string", before: "message", after: "message", fields: "string?" },
  "verify.result": { where: "string" },
  "verify.set_missing": { set: "string" },
  "verify.set_changed": { set: "string", before: "string", after: "string" },
  "verify.data_changed": { before: "string", after: "string" },
  "verify.library": { recorded: "string", now: "string" },
  "verify.evaluator": { name: "string" },
  "verify.data_invalid": { set: "string", error: "message", problems: "messages" },
  "verify.not_evaluated": { error: "message", problems: "messages" },
} as const satisfies AreaSpec;
