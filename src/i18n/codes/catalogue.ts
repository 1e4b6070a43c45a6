/**
 * The catalogue of criteria sets (`tieuchi catalogue`, `docs/criteria.md`): its headings, field names and the
 * words it puts around a set's data.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** How complete a set is (as in the criteria files' `completeness.level`). */
export const COMPLETENESS_VALUES = ["complete-official", "complete-secondary", "partial"] as const;

export const CATALOGUE = {
  "cat.title": {},
  "cat.generated": { command: "string?" },
  "cat.intro": { sets: "number", versions: "number" },
  "cat.column": { column: ["set", "version", "title", "document", "in-force", "supersedes", "completeness"] },
  "cat.field": {
    field: [
      "document",
      "text",
      "in-force",
      "supersedes",
      "superseded-by",
      "subject",
      "jurisdiction",
      "decision",
      "criteria",
      "completeness",
      "procedure",
      "pending",
      "notes",
      "references",
      "file",
    ],
  },
  "cat.completeness": { level: COMPLETENESS_VALUES },
  "cat.pending_count": { count: "number" },
  "cat.in_force": { from: "string", to: "string?" },
  "cat.signed": { issuer: "string", date: "string" },
  "cat.criteria_count": { total: "number", encoded: "number", pending: "number" },
  "cat.decision_points": { passMark: "number?", max: "number", grades: "strings" },
  "cat.decision_all": { levels: "strings" },
  "cat.deadline_before": { day: "string", next: "boolean" },
  "cat.deadline_within": { days: "number", after: "text" },
  "cat.no_deadline": {},
  "cat.data_counted": { from: "string", to: "string", article: "string" },
  "cat.recognition": { months: "number", article: "string" },
} as const satisfies AreaSpec;
