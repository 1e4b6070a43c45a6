import type { COMMANDS } from "../codes/commands.js";
import { joinOr, plural } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => Math.round(x).toLocaleString("en");
const LOCK = {
  locked: "locked",
  moved: "moved",
  changed: "changed",
  removed: "removed",
  unreleased: "unreleased",
  invalid: "invalid",
  unreadable: "unreadable",
  duplicate: "duplicate",
  registry: "registry",
};
const KIND = {
  unchanged: "unchanged",
  changed: "changed",
  "valid-old-only": "valid for the old version only",
  "valid-new-only": "valid for the new version only",
  invalid: "invalid for both",
  "bad-line": "bad line",
  error: "error",
};

export const commands: Sentences<typeof COMMANDS> = {
  "cmd.no_such_file": ({ path }) => `${path}: no such file`,
  "cmd.wrote": ({ file }) => `wrote ${file}`,

  "cmd.takes": ({ command }) =>
    ({
      validate: "validate needs at least one criteria file",
      hash: "hash needs at least one JSON file",
      lock: "lock takes no files: tieuchi lock --check [--criteria <dir>]",
      catalogue: "catalogue takes no files: tieuchi catalogue [--sets <dir>] [--out <file>]",
      schema: "schema takes no files: tieuchi schema [--cases] [--out <file>]",
      eval: "eval takes a criteria file and a unit's data file: tieuchi eval <set.json> <unit.json>",
      "eval-set": "with --set, eval takes one unit's data file: tieuchi eval --set <id> --as-of <date> <unit.json>",
      batch: "batch takes a criteria file and a file of units: tieuchi batch <set.json> <units.ndjson|units.csv|units.json>",
      report: "report takes one file of batch output: tieuchi report <results.ndjson> [--by field] [--format text|md|csv|json]",
      impact: "impact takes the old and new criteria files and an NDJSON file of units: tieuchi impact <old.json> <new.json> <units.ndjson>",
      verify: "verify takes an audit record and the unit's data: tieuchi verify <record.json> <unit.json> [--criteria <dir>]",
      diff: "diff takes the old and the new criteria file: tieuchi diff <old.json> <new.json>",
      cases: "cases takes --boundaries and a criteria file: tieuchi cases --boundaries <set.json> [--out <file>]",
      template: "template takes a criteria set and --out: tieuchi template <set.json|id[@version]> --out <file.xlsx|file.csv>",
      compile: "compile takes one criteria file and --out: tieuchi compile <set.json> --out <file.mjs>",
      compose: "compose takes a criteria file and the unit's own data: tieuchi compose <set.json> <unit.json> --results list[].field=<results.ndjson>",
    })[command],
  "cmd.not_one_of": ({ option, values, got }) => `${option} is ${joinOr(values, "en")}, not ${got}`,
  "cmd.whole_number": ({ option, max, got }) => `${option} is a whole number${max !== undefined ? ` from 0 to ${max}` : ""}, not ${got}`,
  "cmd.one_char": ({ option, got }) => `${option} is one character, not ${got}`,
  "cmd.set_and_sets": () => "with --set, the --criteria folder also gives the sets of sub-units: drop --sets",
  "cmd.goes_with_set": ({ option }) => `${option} goes with --set <id>: tieuchi eval --set <id> --as-of <date> <unit.json>`,
  "cmd.applied_with_decided": () => "--applied and --decided go together",
  "cmd.as_of_or_applied": () => "give either --as-of, or --applied and --decided",
  "cmd.set_needs_date": () => "with --set, give the date: --as-of <date>, or --applied <date> --decided <date>",
  "cmd.record_one": () => "--record records one evaluation: use it with --as-of",
  "cmd.stdin_format": () => "reading units from standard input needs --format ndjson, json or csv",
  "cmd.by_names": () => "--by needs field names, e.g. --by xa or --by huyen,xa",
  "cmd.folder_not_output": ({ path }) => `${path} is a folder, not a file of batch output`,
  "cmd.permission": ({ path }) => `${path}: permission denied`,
  "cmd.lock_one_of": () => "lock takes one of --check or --update",
  "cmd.accept_with_update": () => "--accept-changes goes with --update",
  "cmd.no_case_files": ({ paths }) => `no case files (*.cases.json) found in ${paths.join(", ")}`,
  "cmd.out_is_folder": ({ out }) => `--out ${out} is a folder; give a file name, e.g. <version>.boundaries.cases.json`,
  "cmd.out_not_ours": ({ out }) =>
    `${out} exists and was not written by 'tieuchi cases'; choose another --out (e.g. <version>.boundaries.cases.json) or remove it`,
  "cmd.template_out": ({ got }) => `--out of a template is an .xlsx or .csv file, not ${got}`,
  "cmd.compose_needs_results": () => "compose needs --results list[].field=<results.ndjson>, e.g. --results xa[].congDongHocTap=xa.results.ndjson",
  "cmd.results_form": ({ got }) => `--results is list[].field=<results.ndjson>, not ${got}`,

  "cmd.column": ({ column }) =>
    ({
      id: "ID",
      status: "Status",
      points: "Points",
      criterion: "Criterion",
      "criterion-why": "Criterion and why",
      verdict: "Verdict",
      title: "Title",
      count: "Count",
    })[column],

  "cmd.validate.bad": ({ file, count }) => `✘ ${file}: ${plural(count, "problem")}`,

  "cmd.eval.as_of": ({ date, inForce }) => `as of ${date}${inForce ? "" : " (NOT in force then)"}`,
  "cmd.eval.verdict": ({ verdict, grade, points, passMark }) =>
    `Verdict: ${{ pass: "PASS", fail: "FAIL", incomplete: "INCOMPLETE" }[verdict]}${grade ? `, grade ${grade}` : ""}${
      points !== undefined ? ` — ${points} (pass mark ${passMark ?? "unknown"})` : ""
    }`,
  "cmd.eval.level": ({ title, status, failing, missing }) =>
    `  ${title}: ${{ achieved: "achieved", "not-achieved": "not achieved", undetermined: "undetermined" }[status]}${failing.length ? ` (failing: ${failing.join(", ")})` : ""}${
      missing.length ? ` (missing: ${missing.join(", ")})` : ""
    }`,
  "cmd.eval.improve": ({ items }) => `Could improve: ${items.join(", ")}`,
  "cmd.eval.next_grade": ({ grade, points }) => `Next grade ${grade}: needs ${points} points`,
  "cmd.eval.next_level": ({ level, items }) => `For ${level}: ${items.join(", ")}`,
  "cmd.eval.grade_may_rise": () => "The grade may rise once the missing data is supplied.",

  "cmd.transition.side": ({ side, date, reason }) => `${side === "applied" ? "Applied" : "Decided"} ${date}: ${reason}`,
  "cmd.transition.column": ({ side, set, date }) => `${set} (${side} ${date})`,
  "cmd.transition.not_valid": () => "data not valid",
  "cmd.transition.invalid_for": ({ set, count }) => `The data is not valid for ${set} (${plural(count, "problem")}):`,
  "cmd.more_in_json": ({ count }) => `… and ${count} more (see --json)`,

  "cmd.batch.summary": ({ units, evaluated, pass, fail, incomplete, bad, seconds, rate, workers }) =>
    `${n(units)} units: ${n(evaluated)} evaluated (pass ${n(pass)}, fail ${n(fail)}, incomplete ${n(incomplete)}), ${n(bad)} bad, in ${seconds.toFixed(1)} s (${n(rate)} units/s, ${
      workers || "no"
    } worker${workers === 1 ? "" : "s"})`,
  "cmd.batch.bad_unit": ({ line, reason, code }) => `  line ${line}: ${reason.split("\n")[0]} [${code}]`,
  "cmd.batch.more_bad": ({ count }) => `  ... and ${n(count)} more: every bad unit has an "error" line in the output`,
  "cmd.batch.delimiter": ({ file, name }) => `${file}: cells separated by ${name}`,
  "cmd.batch.progress": ({ units, bad, rate }) => `${n(units)} units${bad ? ` (${n(bad)} bad)` : ""}  ${n(rate)}/s`,
  "cmd.batch.time_left": ({ time }) => `${time} left`,

  "cmd.test.coverage_of": ({ set, cases, files }) => `Coverage of ${set} (${cases} cases, ${plural(files, "file")}):`,
  "cmd.compile.not_generated": ({ file, why }) => `${file}: no generated evaluator for this set: it uses ${why}; evaluate runs it on the closure evaluator`,
  "cmd.compile.wrote": ({ file, set, hash, criteria, bytes }) => `wrote ${file}: ${set} (${hash}), ${criteria} criteria, ${bytes} bytes`,
  "cmd.test.summary": ({ cases, files, passed, failed }) => `${cases} cases in ${plural(files, "file")}: ${passed} passed, ${failed} failed`,
  "cmd.test.file_errors": ({ count }) => `${plural(count, "file")} could not be run`,
  "cmd.test.gaps": ({ count }) => `${count} criteri${count === 1 ? "on" : "a"} never seen both passing and failing (--require-both)`,
  "cmd.test.stale": () =>
    "  ! these cases were generated from another version of the criteria file: regenerate them with tieuchi cases --boundaries, or review them",
  "cmd.test.at": ({ path }) => `at ${path}`,

  "cmd.cases.wrote": ({ count, set, out }) => `Wrote ${count} boundary cases for ${set} to ${out}. Review each one before keeping it.`,
  "cmd.cases.skipped": ({ criterion, where, reason }) => `Skipped: ${criterion ?? "-"} ${where}: ${reason}`,
  "cmd.cases.unmet": ({ ids }) => `The baseline unit could not be made to meet: ${ids.join(", ")} (cases near other thresholds show them failing).`,
  "cmd.cases.none": ({ set }) => `${set} has no thresholds to put cases on`,

  "cmd.lock.status": ({ status }) => LOCK[status],
  "cmd.lock.count": ({ status, count }) => (status === "registry" ? `${count} registry problem${count === 1 ? "" : "s"}` : `${count} ${LOCK[status]}`),
  "cmd.lock.none": () => "no criteria files",
  "cmd.lock.not_updated": ({ file, acceptChanges }) =>
    `${file} not updated: fix the problems above${acceptChanges ? " (or, for a reviewed correction of a version nobody relies on yet, add --accept-changes)" : ""}`,
  "cmd.lock.released": ({ versions, file, written }) => `released ${versions.join(", ")}; ${written ? "wrote" : "unchanged"} ${file}`,
  "cmd.lock.nothing": ({ file, written }) => `nothing to release; ${written ? "rewrote" : "unchanged"} ${file}`,
  "cmd.lock.prebuilt_stale": ({ set, module, lock }) =>
    module === undefined
      ? `${set}: this tieuchi package has no prebuilt evaluator for the locked version (${lock}): rebuild the package (npm run build)`
      : `${set}: the package's prebuilt evaluator is stale (hash ${module}, the lock says ${lock}): rebuild the package (npm run build)`,

  "cmd.verify.head": ({ set, match }) => `${set}: ${match ? "MATCH — the replay gives the same result" : "MISMATCH"}`,

  "cmd.impact.kind": ({ kind }) => KIND[kind],
  "cmd.impact.count": ({ kind, count }) => `${count} ${kind === "bad-line" || kind === "error" ? plural(count, KIND[kind]).replace(/^\S+ /, "") : KIND[kind]}`,
  "cmd.impact.new": () => "new",
  "cmd.impact.removed": () => "removed",
  "cmd.impact.blocks": () => "blocks",
  "cmd.impact.decision": ({ changes }) => `decision changed: ${changes.join(", ")}`,
  "cmd.impact.no_criterion": () => "no criterion changed",
  "cmd.impact.problem_with": ({ side }) => `problem with the ${side === "both" ? "both" : `${side} version`}`,
  "cmd.impact.change": ({ what, from, to }) => `${what} ${from} → ${to}`,
  "cmd.impact.summary": ({ old, new: next, units, lines, blank, kinds }) =>
    `${old} → ${next}: ${units} units (${lines} lines, ${blank} blank): ${kinds.join(", ")}`,
  "cmd.impact.by_change": ({ items }) => `By kind of change: ${items.join("; ")}`,
  "cmd.impact.criteria": ({ items }) => `Criteria behind the changes: ${items.join(", ")}`,

  "cmd.template.wrote": ({ set, document, out }) => `Wrote the template of ${set} (${document}) to ${out}`,
};
