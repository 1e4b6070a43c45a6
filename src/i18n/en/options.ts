import type { OPTIONS } from "../codes/options.js";
import type { Sentences } from "../params.js";

const didYouMean = (s: string | undefined) => (s ? ` (did you mean '${s}'?)` : "");
const versions = (spans: readonly string[]) => `Versions: ${spans.join(", ")}`;

export const options: Sentences<typeof OPTIONS> = {
  "options.unknown_limits": ({ path, keys, known }) => `${path}: unknown limit${keys.length > 1 ? "s" : ""} ${keys.map((k) => `'${k}'`).join(", ")}; known: ${known.join(", ")}`,
  "options.bad_limit": ({ path, problem }) => `${path}: ${problem} (a limit is a whole number of at least 1)`,
  "options.needs_runner": () => "describeCases needs a test runner: pass { describe, it } (e.g. from vitest), or turn on the runner's globals",
  "options.unknown_format": ({ input }) => `cannot tell the format of ${input ?? "the input"}: name it .ndjson, .jsonl, .json or .csv, or give the format`,
  "options.workers": ({ got }) => `workers must be a whole number from 0 to 256, got ${got}`,
  "options.range": ({ name, min, max, got }) => `${name} must be a whole number from ${min} to ${max}, got ${got}`,
  "options.forged_set": () =>
    "this object looks like a loaded set but was not made by loadCriteriaSet of this copy of tieuchi (made by hand, copied, or loaded by another copy); pass the criteria file's JSON, or a set loaded here",
  "options.csv_header": ({ problems }) => `the CSV header does not match the set:${problems.map((p) => `\n  - ${p}`).join("")}`,
  "options.as_of": ({ name, got }) => `${name} must be a date written YYYY-MM-DD, got ${got}`,
  "options.engine": ({ got, known }) => `unknown engine ${got}; use one of ${known.join(", ")}`,
  "options.needs_sets": ({ set }) => `evaluating the set '${set}' by id needs options.sets (a registry) to find its versions`,
  "options.needs_as_of": ({ set }) => `evaluating the set '${set}' by id needs options.asOf: the date decides which version was in force`,
  "options.sub_unit_needs_sets": ({ path, set }) => `${path} gives a sub-unit's data to decide title '${set}', so evaluate needs options.sets to find that set (a registry)`,
  "options.titles_too_deep": ({ max, path }) => `titles nest deeper than ${max} levels at ${path}`,
  "options.decimals": ({ max, got }) => `decimals must be a whole number from 0 to ${max}, got ${got}`,
  "options.by_empty": () => "a grouping field needs a name",
  "options.by_twice": ({ by }) => `a grouping field is named twice: ${by.join(", ")}`,
  "options.percent_counts": ({ count, total }) => `a percentage needs whole counts of at least 0, got ${count} of ${total}`,
  "options.evaluated_at": ({ got }) => `evaluatedAt must be an ISO 8601 date and time, got ${got}`,
  "options.applied_after_decided": ({ applied, decided }) => `the application date ${applied} is after the decision date ${decided}`,

  "options.results_target": ({ got }) => `results go to a list's title field, written list[].field (e.g. xa[].congDongHocTap), not ${got}`,
  "options.no_list": ({ set, list, inputs }) => `${set} has no list of records '${list}' (its inputs: ${inputs.join(", ")})`,
  "options.no_title_field": ({ set, list, field, titles }) =>
    `the records of ${set}'s '${list}' have no title field '${field}' (title fields: ${titles.join(", ") || "none"})`,
  "options.data_object": () => "the unit's data is a JSON object",
  "options.data_gives_list": ({ list }) => `the data already gives '${list}': give the sub-units either in the data or as results, not both`,

  "csv.column_twice": ({ column }) => `column '${column}' appears twice`,
  "csv.not_an_input": ({ column, set, suggestion }) =>
    `column '${column}' is not an input of ${set}${didYouMean(suggestion)}; name it in --meta to carry it into the output instead`,
  "csv.header_too_long": ({ max }) => `the header row is longer than ${max} characters`,
  "csv.header_problem": ({ problem }) => `the header row ${problem}`,
  "csv.row_too_long": ({ line, max }) => `the row starting on line ${line} is longer than ${max} characters; it was not read`,
  "csv.row_problem": ({ line, problem }) => `line ${line}: ${problem}`,
  "csv.text_after_quote": ({ cell }) => `text after the closing quote of cell ${cell} (a quoted cell ends at its closing quote; double a quote inside it: "a ""b"" c")`,
  "csv.quote_inside": ({ cell }) => `a quote inside cell ${cell}, which does not start with one (quote the whole cell and double the quote: "a ""b"" c")`,
  "csv.cell_not_json": ({ reason }) => `is not JSON (${reason}); a record or list is written as JSON in its cell`,
  "csv.cells": ({ line, cells, columns }) => `line ${line} has ${cells} cells, the header has ${columns}`,
  "csv.line": ({ line, problems }) => `line ${line}: ${problems.join("; ")}`,

  "set.unknown_id": ({ id, known }) => `no criteria set with id '${id}' (known: ${known.join(", ") || "none"})`,
  "set.unknown_version": ({ id, version, known }) => `no version ${version} of '${id}' (versions: ${known.join(", ") || "none"})`,
  "set.no_criteria_file": ({ cases, set, file }) => `${cases} tests ${set}, but there is no criteria file ${file} next to it`,
  "set.not_in_folder": ({ set, folder }) => `no criteria set ${set} in ${folder}`,
  "set.file_outside_dates": ({ file, set, date, from, to, unit }) =>
    `${file} (${set}) was not in force on ${date} (in force from ${from}${to ? ` to ${to}` : ""}): 'tieuchi eval --set ${set.slice(0, set.indexOf("@"))} --as-of ${date} ${unit}' evaluates the version in force then; --out-of-force evaluates this file anyway`,
  "set.ambiguous": ({ id, date, found }) =>
    `no version of '${id}' is in force on ${date}, and several sets linked to it by supersedes are: ${found.join(", ")}; ask for one of them by id`,
  "set.before_first": ({ id, date, first, from, spans }) => `no version of '${id}' was in force on ${date}: the first, ${first}, came into force on ${from}. ${versions(spans)}`,
  "set.after_last": ({ id, date, last, to, spans }) =>
    `no version of '${id}' is in force on ${date}: the last, ${last}, ended on ${to}, and no version after it is known. ${versions(spans)}`,
  "set.gap": ({ id, date, before, to, after, from, spans }) =>
    `no version of '${id}' was in force on ${date}: it falls in a gap between ${before}, which ended on ${to}, and ${after}, which starts on ${from}. ${versions(spans)}`,

  "set.outside_dates": ({ set, document, date, from, to }) =>
    `${set} (${document}) was not in force on ${date}: it is in force from ${from}${to ? ` to ${to}` : ""}. Evaluate the version in force then (the set by id, with options.sets), or set allowOutOfForce to evaluate this version anyway`,

  "eval.unexpected": ({ text }) => `unexpected failure while evaluating a rule: ${text}`,
  "eval.compile_var": () => "cannot compile rule: 'var' takes a literal path",
  "eval.compile_op": ({ op }) => `cannot compile rule: no compiled form for '${op}'`,
  "eval.refuse_op": ({ keys }) => `refusing to run an operation ${keys} that criteria files may not use; load rules with loadCriteriaSet`,
  "eval.refuse_var": ({ path }) => `refusing to run {"var": ${path}}: a path must be a literal free of __proto__, prototype and constructor`,

  "eval.not_a_number": ({ op }) => `a calculation ('${op}') gave no number (such as 0 / 0, a remainder by 0, or a text in a sum)`,
  "eval.infinite": ({ op }) => `a calculation ('${op}') gave an infinite result (such as a division by zero)`,
  "eval.share_counts": ({ part, whole }) => `a share needs whole numbers of at least 0, got ${part} of ${whole}`,
  "eval.part_above_whole": ({ part, whole }) => `the part (${part}) is larger than the whole (${whole})`,
  "eval.percent_type": ({ got }) => `a percentage must be a number, got ${got}`,
  "eval.percent_range": ({ got, decimals }) => `a percentage must be a number from 0 to 100 with at most ${decimals} decimals, got ${got}`,
  "eval.range_error": ({ text }) => `the rule could not be evaluated: ${text}`,
  "eval.derived": ({ name, reason }) => `derived value '${name}': ${reason}`,
  "eval.score": ({ max, got }) => `the score must be a whole number from 0 to ${max}, got ${got}`,
};
