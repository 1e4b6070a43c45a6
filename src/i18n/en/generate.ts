import type { GENERATE } from "../codes/generate.js";
import type { Sentences } from "../params.js";

const WANT = {
  number: "a number",
  numbers: "numbers",
  scalar: "a single value (number, text, yes/no)",
  scalars: "a list of single values",
  "list-or-text": "a literal list or a text",
  records: "a list of records",
} as const;

const PATH = {
  "not-literal": "a var that is not one literal path",
  "into-derived": "a path into a derived value",
  "through-level": "a path through a level of a title",
  "not-record": "a path through a value that is not a record",
  "undeclared-field": "an undeclared field",
  "undeclared-input": "an undeclared input",
  "undeclared-level": "an undeclared level",
} as const;

export const generate: Sentences<typeof GENERATE> = {
  "gen.operator": ({ op }) => `the operator "${op}", which has no generated form`,
  "gen.list_literal": () => "a list literal outside in",
  "gen.not_one_operation": () => "an object that is not one operation",
  "gen.score_not_number": () => "a score that is not a number",
  "gen.items_not_records": () => "a list whose items are not records",
  "gen.input_type": ({ type }) => `an input of type "${type}"`,
  "gen.too_many": ({ what, max }) => (what === "levels" ? `a title of more than ${max} levels` : `a record of more than ${max} fields`),
  "gen.percent": ({ why }) => (why === "not-literal" ? "a percentage that is not a literal number" : "a percentage out of range"),
  "gen.operands": ({ op, expected }) => `${op} without ${expected.join(" or ")} operands`,
  "gen.operand_type": ({ op, want }) => `${op ? `${op} of` : "an operation on"} a value that is not ${WANT[want]}`,
  "gen.levels_whole": () => "a title held at levels read whole",
  "gen.item_argument": () => "a list operator without its per-item argument",
  "gen.path": ({ why, name }) => `${PATH[why]}${name ? ` ("${name}")` : ""}`,
};
