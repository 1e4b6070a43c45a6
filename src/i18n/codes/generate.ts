/**
 * Why the generator refuses a set (it keeps the closure evaluator): a code and its parameters, thrown by the
 * emitters (`refuse`) and put into words by the command line (`tieuchi compile`). Kept in the command line's
 * part of the catalogue, so that browser bundles, which carry the emitters, do not carry these sentences.
 *
 * @module
 */
import type { AreaSpec, Args } from "../params.js";

export const GENERATE = {
  /** An operator without a generated form. */
  "gen.operator": { op: "string" },
  /** A list written in a rule outside `in`. */
  "gen.list_literal": {},
  /** An object that is not one operation. */
  "gen.not_one_operation": {},
  /** A criterion's score that is not a number. */
  "gen.score_not_number": {},
  /** A list input whose items are not records. */
  "gen.items_not_records": {},
  /** An input of a type the generator does not model. */
  "gen.input_type": { type: "string" },
  /** A title with too many levels, a record with too many fields. */
  "gen.too_many": { what: ["levels", "fields"], max: "number" },
  /** A percentage that is not a literal number, or one out of range. */
  "gen.percent": { why: ["not-literal", "out-of-range"] },
  /** An operator given another number of operands. */
  "gen.operands": { op: "string", expected: "numbers" },
  /** An operand of a type the operator's generated form does not take. */
  "gen.operand_type": { op: "string?", want: ["number", "numbers", "scalar", "scalars", "list-or-text", "records"] },
  /** A title held at levels read as a whole (not one of its levels). */
  "gen.levels_whole": {},
  /** A list operator without its per-item argument. */
  "gen.item_argument": {},
  /** A `var` path the generator does not model. */
  "gen.path": {
    why: ["not-literal", "into-derived", "through-level", "not-record", "undeclared-field", "undeclared-input", "undeclared-level"],
    name: "string?",
  },
} as const satisfies AreaSpec;

type Gen = typeof GENERATE;
/** A refusal of the generator: the key of its sentence and the sentence's parameters. */
export type Refusal = { [K in keyof Gen]: { readonly key: K; readonly params: Args<Gen[K]> } }[keyof Gen];
