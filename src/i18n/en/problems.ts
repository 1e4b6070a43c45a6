import type { PROBLEMS } from "../codes/problems.js";
import { formatNumber, joinOr } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "en");
const q = (s: string) => `'${s}'`;
const didYouMean = (s: string | undefined) => (s ? ` (did you mean '${s}'?)` : "");
/** Names as a list; `more` names left out (a set may declare a thousand). */
const names = (list: readonly string[], more = 0) => (list.join(", ") || "(none)") + (more > 0 ? `, … (and ${n(more)} more)` : "");
const TYPES: Record<string, string> = { int: "integer", nan: "NaN" };
const type = (t: string) => TYPES[t] ?? t;
const ratioPart = (part: "part" | "whole") => part;

const atLeast = (origin: string, m: number, inclusive: boolean) => {
  const bound = `${inclusive ? "at least" : "more than"} ${n(m)}`;
  if (origin === "string") return `Too short: expected ${bound} characters`;
  if (origin === "array" || origin === "set") return `Too few items: expected ${bound}`;
  return `Too small: expected ${origin === "number" || origin === "int" ? "a number" : origin} of ${bound}`;
};
const atMost = (origin: string, m: number, inclusive: boolean) => {
  const bound = `${inclusive ? "at most" : "less than"} ${n(m)}`;
  if (origin === "string") return `Too long: expected ${bound} characters`;
  if (origin === "array" || origin === "set") return `Too many items: expected ${bound}`;
  return `Too big: expected ${origin === "number" || origin === "int" ? "a number" : origin} of ${bound}`;
};

/** A count of steps: `12,500,000` or `1.2e+21`. */
const big = (x: number) => (x < 1e15 ? Math.round(x).toLocaleString("en") : x.toPrecision(2));

export const problems: Sentences<typeof PROBLEMS> = {
  "problem.invalid_type": ({ expected, received, check }) => check ?? `Invalid input: expected ${type(expected)}, received ${type(received)}`,
  "problem.invalid_value": ({ values, check }) =>
    check ?? (values.length === 1 ? `Invalid input: expected ${values[0]}` : `Invalid option: expected one of ${values.join("|")}`),
  "problem.too_small": ({ origin, minimum, inclusive, check }) => check ?? atLeast(origin, minimum, inclusive),
  "problem.too_big": ({ origin, maximum, inclusive, check }) => check ?? atMost(origin, maximum, inclusive),
  "problem.invalid_format": ({ format, check }) => check ?? `Invalid ${format}`,
  "problem.not_multiple_of": ({ divisor }) => `Invalid number: must be a multiple of ${n(divisor)}`,
  "problem.invalid_union": ({ check }) => check ?? "Invalid input: it matches none of the allowed forms",
  "problem.invalid_key": ({ origin }) => `Invalid key in ${origin}`,
  "problem.invalid_element": ({ origin }) => `Invalid value in ${origin}`,
  "problem.custom": ({ check }) => check,
  "problem.unknown_key": ({ key, suggestion }) => `unknown key ${q(key)}${didYouMean(suggestion)}`,
  "problem.unknown_field": ({ key, top, known, more, suggestion }) =>
    `${q(key)} is not ${top ? "an input of this set" : "a declared field here"}${didYouMean(suggestion)}; declared: ${names(known, more)}`,
  "problem.list_too_long": ({ count, max }) => `the list has ${count} items; at most ${max} are accepted (limits.maxArrayLength)`,
  "problem.text_too_long": ({ length, max }) => `the text has ${length} characters; at most ${max} are accepted (limits.maxStringLength)`,
  "problem.control_character": ({ char, in: where }) =>
    `the ${where} holds a control character (${char}), which could rewrite a terminal or hide text; remove it`,

  "problem.unsafe_key": () => "'__proto__' can never be a name: it would reach an object's prototype",
  "problem.too_deep": ({ max }) => `the file nests objects and lists deeper than ${max} levels here (limits.maxJsonDepth)`,
  "problem.inputs_too_deep": ({ depth, max }) =>
    `the inputs nest lists and records ${depth} levels deep here; a unit's data may nest at most ${max} (limits.maxDataDepth)`,
  "problem.too_many_inputs": ({ count, max }) => `the set declares ${count} inputs and fields; at most ${max} are accepted (limits.maxInputs)`,
  "problem.too_many_criteria": ({ count, max }) => `the set has ${count} criteria; at most ${max} are accepted (limits.maxCriteria)`,
  "problem.too_many_derived": ({ count, max }) => `the set has ${count} derived values; at most ${max} are accepted (limits.maxDerived)`,

  "problem.duplicate_id": ({ of, id, first }) => `${of === "step" ? "procedure step" : of} id '${id}' is used twice (first at index ${first})`,
  "problem.duplicate_id.levels": () => "the list of levels repeats a level",
  "problem.bad_range.numbers": ({ min, max }) => `min ${min} is above max ${max}`,
  "problem.bad_range.dates": ({ min, max }) => `min ${min} is after max ${max}`,
  "problem.bad_range.items": () => "minItems is above maxItems",
  "problem.bad_default.range": ({ value }) => `default ${value} is outside the range`,
  "problem.bad_default.enum": ({ value }) => `default ${value} is not one of the values`,
  "problem.duplicate_enum": () => "the list of values repeats a value (after NFC normalisation)",
  "problem.constraint.not_declared": ({ path }) => `${q(path)} is not a declared input`,
  "problem.constraint.not_a_list": ({ path }) => `${q(path)} is not a list`,
  "problem.constraint.not_a_number": ({ path }) => `${q(path)} is not a number input`,
  "problem.constraint.same_input": ({ path }) => `a value is always at most itself: both sides name ${q(path)}`,
  "problem.constraint.different_lists": ({ part, whole }) => `both sides must be in the same list (or both outside lists): ${q(part)} and ${q(whole)}`,
  "problem.part_exceeds_whole": ({ part, whole, partInput, wholeInput, note }) =>
    `${n(part)} is more than ${n(whole)}, the value of ${wholeInput}: ${partInput} cannot exceed it${note ? ` (${note})` : ""}`,
  "problem.title_cycle": () => "a title input cannot refer to the set itself",
  "problem.dates.order": ({ from, to }) => `validTo ${to} is before validFrom ${from}`,
  "problem.dates.issued": ({ issued, from }) => `the document is dated ${issued}, after the set came into force (${from})`,
  "problem.dates.data_period": ({ from, to }) => `the data period ends (${to}) before it starts (${from})`,
  "problem.supersedes_self": () => "a version cannot supersede itself",
  "problem.completeness.pending": () => "some criteria are pending (not encoded), so completeness must be 'partial'",
  "problem.completeness.pass_mark": () => "the pass mark is not known (null), so completeness must be 'partial'",
  "problem.completeness.secondary_notes": () => "a set complete from secondary copies says in its notes which copies were read and what was inferred",
  "problem.completeness.article": ({ id, lacks }) =>
    `a set complete from the official text quotes every criterion's article: '${id}' needs ${lacks === "article" ? "'article' (Điều/khoản/điểm)" : "'text' (the article's words, verbatim, with an English rendering)"}`,
  "problem.unknown_group": ({ group, declared }) =>
    `group '${group}' is not declared in 'groups'${declared.length ? ` (declared: ${declared.join(", ")})` : ""}`,
  "problem.unknown_level.not_all": () => "'level' is only used with a decision of method 'all'",
  "problem.unknown_level.undeclared": ({ level, declared }) =>
    `level '${level}' is not declared in decision.levels${declared.length ? ` (declared: ${declared.join(", ")})` : ""}`,
  "problem.points_unused": () => "a decision of method 'all' does not count points; remove 'points' or use method 'points'",
  "problem.no_points": () => "under a points decision a criterion either earns points or is mandatory (a knock-out)",
  "problem.points.tier_above": ({ points, max }) => `tier gives ${points} points, above the criterion's max ${max}`,
  "problem.points.no_tier_max": ({ max }) => `no tier gives the max of ${max} points`,
  "problem.points_sum.set": ({ total, max }) => `the criteria's points add up to ${total}, but maxPoints is ${max}`,
  "problem.points_sum.group": ({ group, total, max }) => `the criteria of group '${group}' add up to ${total} points, but its maxPoints is ${max}`,
  "problem.pass_mark": ({ passMark, max }) => `the pass mark ${passMark} is above maxPoints ${max}`,
  "problem.grades_order.below_pass": ({ grade, min, passMark }) =>
    `grade '${grade}' starts at ${min}, below the pass mark ${passMark}; grades are bands of passing results`,
  "problem.grades_order.above_max": ({ grade, min, max }) => `grade '${grade}' starts at ${min}, above maxPoints ${max}`,
  "problem.grades_order.order": ({ grade, min, previous, previousMin }) =>
    `grades go from the highest band down: '${grade}' (${min}) must start below '${previous}' (${previousMin})`,
  "problem.grades_order.lowest": ({ passMark }) => `the lowest grade must start at the pass mark (${passMark}) so every pass has a grade`,
  "problem.duplicate_name": ({ name }) => `'${name}' is both an input and a derived value`,
  "problem.score_type": () => "a score must be a number",
  "problem.template_name.ratio": ({ name }) => `{{${name}}} needs a ratio, but this criterion compares none`,
  "problem.template_name.unknown": ({ name, allowed }) => `{{${name}}} is not a name templates can use (${allowed.join(", ")}, or an input or derived value)`,

  "problem.empty_group_unsaid": ({ id }) =>
    `criterion '${id}' takes a share of a group that can be empty (no members, or all excluded), but does not say what an empty group means: add "emptyGroup": "fail", "not-applicable" or "pass" as the regulation says, and its reason in completeness.notes`,
  "problem.empty_group_unused": ({ id }) =>
    `criterion '${id}' says what an empty group means, but takes no share or ratio of a group, so it never applies; remove "emptyGroup"`,
  "problem.work_too_large": ({ work, max, rule }) =>
    `evaluating one unit could take up to ${big(work)} steps (each part of a rule, times the items of every list it goes through, nested lists multiplied), more than the ${big(max)} allowed (limits.maxWork); this rule alone could take ${big(rule)}. Declare "maxItems" on the lists it goes through, or raise limits.maxWork`,

  "problem.rule_too_large": ({ max }) => `the rule has more than ${max} parts (limits.maxRuleNodes); split it into derived values`,
  "problem.rules_too_large": ({ max }) =>
    `the set's rules have more than ${max} parts in all (limits.maxTotalRuleNodes); rules after this point were not checked`,
  "problem.rule_too_deep": ({ max }) => `the rule nests deeper than ${max} levels (limits.maxRuleDepth)`,
  "problem.operation_shape.empty": () => "an empty object is not an operation; an operation is an object with exactly one key, the operator",
  "problem.operation_shape.keys": ({ keys }) => `an operation is an object with exactly one key, the operator; this one has ${keys.length}: ${keys.join(", ")}`,
  "problem.operator_not_allowed": ({ op, allowed, suggestion }) =>
    `'${op}' is not an operator criteria files may use${didYouMean(suggestion)}; allowed: ${allowed.join(" ")}`,
  "problem.arity": ({ op, min, max, got }) => `'${op}' takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, got ${got}`,
  "problem.lookalike_text.invisible": ({ value, char }) =>
    `${value} holds an invisible character (${char}): a reader sees one value, the rule compares another; remove the character`,
  "problem.lookalike_text.script": ({ value, script }) =>
    `${value} mixes Latin letters with ${script} letters that look the same (such as a Cyrillic 'о' for 'o'): data typed on a Vietnamese keyboard will never match; type the value again`,
  "problem.not_a_number": ({ op, type }) => `'${op}' calculates with numbers, but this is a ${type}`,
  "problem.not_comparable.order": ({ op, type }) => `'${op}' compares numbers with numbers or dates with dates, but this is a ${type}`,
  "problem.not_comparable.mixed": ({ op, left, right }) =>
    `'${op}' compares a ${left} with a ${right}: both sides must be of one type (the text "10" is not the number 10, true is not 1)`,
  "problem.var_not_literal": () =>
    '\'var\' takes a literal path written as a string, e.g. {"var": "thanhVien"}; computed paths and default values are not allowed',
  "problem.unsafe_path": ({ path, segment }) => `'${path}' reaches '${segment}', which could read an object's prototype; it is never allowed`,
  "problem.bad_path.position": ({ path }) => `'${path}' reads a list item by position; use all, some, filter, count or a share operator instead`,
  "problem.bad_path.names": ({ path }) => `'${path}' is not a dotted path of names`,
  "problem.unknown_var.not_record": ({ path, parent, type, field }) => `'${path}': '${parent}' is a ${type}, it has no field '${field}'`,
  "problem.unknown_var.undeclared": ({ path, where, field, known, more, suggestion }) =>
    `'${path}' is not declared: ${where} has no '${field}'${didYouMean(suggestion)}; known: ${names(known, more)}`,
  "problem.not_a_list": ({ op, type }) => `'${op}' needs a list here, but this is a ${type}`,
  "problem.not_a_count.type": ({ part, type }) => `the ${ratioPart(part)} of a ratio must be a whole number, but this is a ${type}`,
  "problem.not_a_count.decimal": ({ part }) => `the ${ratioPart(part)} of a ratio must be a whole number (an integer input or a count), not a decimal number`,
  "problem.not_a_count.signed": ({ part, input }) =>
    `the ${ratioPart(part)} of a ratio must be a count, but the input ${input ?? "this value"} is declared without "min": 0, so it could be negative; declare "min": 0`,
  "problem.bad_percent.range": ({ value, decimals }) => `a percentage is a number from 0 to 100 with at most ${decimals} decimals, got ${value}`,
  "problem.bad_percent.type": ({ type }) => `a percentage must be a number, but this is a ${type}`,
  "problem.not_in_enum.compare": ({ value, values }) => `${value} is not one of the declared values ${values.join(", ")}, so this comparison can never hold`,
  "problem.not_in_enum.in": ({ value, values }) => `${value} is not one of the declared values ${values.join(", ")}`,

  "problem.duplicate_version": ({ set, sources }) => `${set} is given twice${sources.map((s) => ` (${s})`).join("")}; a version is released once`,
  "problem.overlapping_dates": ({ first, second, from, until, set, endOn }) =>
    `${first} and ${second} are both in force from ${from} to ${until ?? "no end"}; end ${set} on ${endOn} (validTo)`,
  "problem.unknown_supersedes": ({ set, target, id, known }) =>
    `${set} supersedes ${target}, which is not here (${known.length ? `versions of ${id}: ${known.join(", ")}` : `no set has id '${id}'`})`,
  "problem.supersedes_later": ({ set, target, targetFrom, from }) =>
    `${set} supersedes ${target}, which comes into force no earlier (${targetFrom}, against ${from})`,
  "problem.supersedes_overlap": ({ set, target, targetTo, from, endOn }) =>
    `${target} is still in force (to ${targetTo ?? "no end"}) when ${set}, which supersedes it, starts on ${from}; set validTo of ${target} to ${endOn}`,
  "problem.supersedes_fork": ({ sets, target }) => `${sets.join(" and ")} all supersede ${target}; each version should supersede the one just before it`,

  "problem.bad_file": ({ file }) => `'${file}' is not a .json path inside the criteria folder written with '/'`,
  "problem.inconsistent.set": ({ record, result }) => `the record names ${record} but its result ${result}`,
  "problem.inconsistent.as_of": ({ record, result }) => `the record says ${record} but its result ${result}`,
  "problem.inconsistent.library": ({ record, result }) => `the record says ${record} but its result was made by ${result}`,
  "problem.wrong_set.cases": ({ cases, set }) => `the cases are for ${cases}, not ${set}`,
  "problem.wrong_set.file": ({ cases, file, holds }) => `the cases are for ${cases}, but ${file} holds ${holds}`,
  "problem.wrong_set.result": ({ result, set }) => `this is a result of ${result}, but the title is decided by '${set}'`,
  "problem.levels_order": ({ held, notHeld }) =>
    `held at ${held} but not at ${notHeld}: levels are cumulative, a title held at a level is held at every lower one`,
  "problem.title_levels": ({ set, levels, title, declared }) =>
    `${set} decides the levels ${levels.length ? levels.join(", ") : "(none)"}, but the title ${title} is declared with the levels ${declared.join(", ")}`,
  "problem.title_levels.registry": ({ set, title, levels, by, decided }) =>
    `${set} reads the title ${title} at the levels ${levels.join(", ")}, but ${by} decides ${decided.length ? `the levels ${decided.join(", ")}` : "no levels"}`,
  "problem.unit_too_large": ({ reason }) => reason,
  "problem.csv_quote": ({ reason }) => reason,
  "problem.invalid_cell": ({ column, reason }) => `column '${column}' ${reason}`,

  "problem.json_parse": ({ reason }) => `not valid JSON: ${reason}`,
  "problem.no_case_files": ({ path }) => `no case files (*.cases.json) found for ${path}`,

  "check.unworded": ({ text }) => text,
  "check.vi_empty": () => "the Vietnamese text is empty",
  "check.en_empty": () => "the English text is empty",
  "check.date_format": () => "expected a date written YYYY-MM-DD",
  "check.web_url": () => "expected a web address, http: or https: (not javascript:, data: or file:)",
  "check.real_date": () => "not a real calendar date",
  "check.name_format": () => "a name starts with a letter or _ and holds only letters, digits and _",
  "check.reserved_name": () => "this name is reserved",
  "check.id_format": () => "an id holds letters, digits, '.', '_' and '-', and starts with a letter or digit",
  "check.set_id_format": () => "a set id is lower-case words joined by '-', e.g. don-vi-hoc-tap",
  "check.version_format": () => "expected a version like 2020.1.0",
  "check.rule_json": () => "expected a JsonLogic expression (JSON: null, true/false, a number, a text, a list or an object)",
  "check.date_from": ({ min }) => `must be on or after ${min}`,
  "check.date_until": ({ max }) => `must be on or before ${max}`,
  "check.title_value": () =>
    'expected true or false (whether the title is held), { "data": {...} } to decide it from the sub-unit\'s data, or { "result": {...} }, the result its set gave',
  "check.sub_unit_object": () => "expected the sub-unit's data as an object",
  "check.sub_unit_result": () => "expected the sub-unit's result as an object",
  "check.title_level": ({ levels }) =>
    `expected the level the title is held at (${levels.join(", ")}), false (at no level), the levels as a record of true/false, { "data": {...} } to decide it from the sub-unit's data, or { "result": {...} }, the result its set gave`,
  "check.complete_split": () =>
    "'complete' is split in two since 0.2: write 'complete-official' (every criterion from the official text, quoted in 'text') or 'complete-secondary' (every criterion encoded, but from secondary copies; the notes say what was inferred)",
  "check.level_field": () => "a level read as a field: letters, digits, _ and -, starting with a letter or _",
  "check.exclusion_needs_excludes": () => "an exclusion needs an 'excludes' rule (or 'pending')",
  "check.exclusion_no_rule": () => "an exclusion states 'excludes', not 'rule'",
  "check.exclusion_no_points": () => "an exclusion earns no points",
  "check.excludes_only_exclusion": () => "'excludes' is only for criteria with role 'exclusion'",
  "check.scored_needs_rule": () => "a scored criterion needs a 'rule' saying when it is met, e.g. score >= 5",
  "check.criterion_needs_rule": () => "a criterion needs a 'rule', tiered 'points', or 'pending'",
  "check.criterion_one_of": ({ kinds }) => `a criterion takes one of 'rule', tiered 'points' or 'pending', not ${kinds.join(" and ")}`,
  "check.invalid_data_has": ({ key }) => `a case whose data must be rejected (invalidData) has no ${key}`,
  "check.case_verdict": () => "a case states the verdict it expects (pass, fail or incomplete), or invalidData for data that must be rejected",
  "check.case_name_twice": ({ name }) => `case name '${name}' is used twice`,
  "check.batch_line_one": () => "a batch line holds either a result or an error",
  "check.day_of_year": () => "expected a day of the year written MM-DD",
  "check.sha256": () => "expected sha256: and 64 hex digits",
  "check.short_hash": () => "expected 16 hex digits",
  "check.id_at_version": () => "expected id@version",
  "check.date_time": () => "expected an ISO 8601 date and time",
  "check.line_result_or_error": () => "a line holds either a result or an error",

  "type.kind": ({ kind }) => (kind === "string" ? "text" : kind),
  "type.list": ({ item }) => `list of ${item}`,
  "type.either": ({ types }) => joinOr(types, "en") || "value of unknown type",
  "type.record": ({ fields }) => `record {${fields.join(", ")}}`,
  "type.text_enum": ({ values }) => `text (one of ${values.join(", ")})`,
  "where.set": () => "the set's inputs and derived values",
  "where.field": ({ path }) => `'${path}'`,
  "where.item": ({ list }) => `each item of ${list}`,
  "set.span": ({ set, from, to, source }) => `${set} (${from} to ${to ?? "no end"})${source ? ` (${source})` : ""}`,
};
