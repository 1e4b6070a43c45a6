import type { Sentences } from "../params.js";
import type { CLI } from "../codes/cli.js";
import { formatNumber } from "../format.js";

export const cli: Sentences<typeof CLI> = {
  "cli.title": ({ version }) => `tieuchi ${version}: decide and explain learning-society titles from versioned criteria sets`,
  "cli.heading": ({ which }) => ({ usage: "Usage", commands: "Commands", options: "Options", "exit-codes": "Exit codes" })[which],
  "cli.summary": ({ command }) =>
    ({
      eval: "evaluate one unit and explain each criterion",
      batch: "evaluate every unit of an NDJSON, CSV, .xlsx workbook or JSON-list file",
      report: "counts and exact percentages of batch output",
      validate: "check criteria files (shape and static checks)",
      test: "run case files (*.cases.json), a line per case",
      cases: "write cases at, just below and just above each threshold of a set",
      diff: "what changed between two versions, in sentences",
      impact: "units whose verdict or grade changes between two versions, and why",
      lock: "check or update the lock of released versions",
      verify: "replay an audit record: match, or exactly what differs",
      hash: "content hash (sha-256 of canonical JSON) of JSON files",
      compile: "a set's evaluator as a static ES module (no eval), tied to the set by its hash",
      catalogue: "Markdown list of every set and version",
      schema: "print the JSON Schema of criteria files (or of case files)",
      template: "the spreadsheet to fill in for a set: column headers, drop-downs, an example row",
      compose: "fill a list of a unit's data from its sub-units' batch results (a district's communes)",
      help: "this help, or a command's",
    })[command],
  "cli.usage": ({ command }) =>
    ({
      eval: [
        "tieuchi eval <set.json> <unit.json> [options]",
        "tieuchi eval --set <id> --as-of <date> <unit.json> [options]",
        "tieuchi eval --set <id> --applied <date> --decided <date> <unit.json> [options]",
      ],
      batch: ["tieuchi batch <set.json> <units-file> [options]      (- for standard input)"],
      report: ["tieuchi report <results.ndjson> [options]      (- for standard input)"],
      validate: ["tieuchi validate <set.json>... [options]"],
      test: ["tieuchi test [files-or-folders...] [options]      (default: criteria)"],
      cases: ["tieuchi cases --boundaries <set.json> [options]"],
      diff: ["tieuchi diff <old.json> <new.json> [options]"],
      impact: ["tieuchi impact <old.json> <new.json> <units.ndjson> [options]"],
      lock: ["tieuchi lock --check [options]", "tieuchi lock --update [--accept-changes] [options]"],
      verify: ["tieuchi verify <record.json> <unit.json> [options]"],
      hash: ["tieuchi hash <file.json>... [options]"],
      compile: ["tieuchi compile <set.json> --out <file.mjs> [options]"],
      catalogue: ["tieuchi catalogue [options]"],
      schema: ["tieuchi schema [options]"],
      template: ["tieuchi template <set.json | id[@version]> --out <file.xlsx | file.csv> [options]"],
      compose: ["tieuchi compose <set.json> <unit.json> --results <list[].field>=<results.ndjson> [options]"],
      help: ["tieuchi <command> [options]", "tieuchi <command> --help", "tieuchi help [command]", "tieuchi --version"],
    })[command].join("\n"),
  "cli.value": ({ value }) =>
    ({
      file: "<file>",
      folder: "<folder>",
      date: "<YYYY-MM-DD>",
      id: "<id>",
      "set-file": "<set.json>",
      lang: "vi|en",
      number: "<n>",
      size: "<size>",
      fields: "<field,...>",
      field: "<field>",
      text: "<text>",
      char: "<char>",
      format: "<format>",
      "list-results": "<list[].field>=<results.ndjson>",
    })[value],
  "cli.help_option": () => "print the command's help",
  "cli.option.eval": ({ option }) =>
    ({
      "as-of": "the date the title is decided for; a file not in force then is refused (exit 2)",
      sets: "folder of criteria sets to decide titles of sub-units given as data (default: the bundled sets)",
      json: "print the result as JSON, exactly the object evaluate returns",
      lang: "language of the table and messages: vi (default) or en",
      record: "also write an audit record of the evaluation to this file",
      "out-of-force": "evaluate the file even if it was not in force on --as-of; the exit code is then 1 whatever the verdict",
      set: "the set's id: evaluate the version in force on --as-of (and say why)",
      criteria: "folder of criteria sets for --set (default: the bundled sets)",
      applied: "with --set and --decided: the date applied (transitional)",
      decided: "with --set and --applied: the date decided; both versions side by side",
      "max-work": "most steps the set may need and the unit may take (default 20,000,000): rule parts times list items",
    })[option],
  "cli.option.batch": ({ option }) =>
    ({
      out: "write the results to this file instead of standard output (.xlsx or .csv: one row per unit)",
      format: "the units file's format: ndjson, json or csv (default: from its extension; an .xlsx file is read as a workbook)",
      workers: "worker threads (default: the number of cores); 0 evaluates in the main thread",
      "as-of": "the date titles are decided for; a set not in force then is refused before any unit is read",
      sets: "folder of criteria sets to decide titles of sub-units (default: the bundled sets)",
      meta: 'fields that are not inputs of the set (an id, a commune): copied into each line\'s "unit", not evaluated',
      delimiter: "the CSV cell separator (default: a comma)",
      explain: "include the values read, measures and sentences in each result",
      compact:
        "compact output: a header listing the criteria once, then per unit [line, unit, verdict, grade, earned, possible, applicableMax, a status letter per criterion]; tieuchi report reads it",
      quiet: "no progress bar and no summary on standard error",
      stats: "print the throughput and peak memory as JSON on standard error",
      "out-of-force": "evaluate even if the set was not in force on --as-of",
      lang: "language of the summary and messages: vi (default) or en",
      "max-work": "most steps the set may need and each unit may take (default 20,000,000); a unit over it gets an ERR_BUDGET line",
      "max-unit-bytes":
        "longest unit in bytes, optionally with KiB or MiB (default 64MiB): an NDJSON line, a JSON list item, a unit's CSV rows; a longer unit gets a unit_too_large line and is never held in memory",
    })[option],
  "cli.option.report": ({ option }) =>
    ({
      by: 'group by these fields of each line\'s "unit" (repeat or comma-separate to nest)',
      format: "text (default), md, csv or json",
      decimals: "decimals of percentages (default 1), rounded once, half away from zero",
      set: "the criteria file, to list grades and criteria no unit reached too",
      out: "write the report to this file instead of standard output",
      lang: "language of the report: vi (default) or en",
      "max-unit-bytes": "longest result line in bytes, optionally with KiB or MiB (default 64MiB); a longer line is refused",
    })[option],
  "cli.option.validate": ({ option }) =>
    ({
      json: "print each file's report as JSON",
      "max-work": "most steps a set may need per unit (default 20,000,000)",
      lang: "language of the messages: vi (default) or en",
    })[option],
  "cli.option.test": ({ option }) =>
    ({
      coverage: "which statuses the cases saw each criterion take",
      "require-both": "fail when an encoded criterion was never seen both passing and failing",
      json: "print the outcome as JSON",
      sets: "folder of criteria sets to decide titles of sub-units (default: the folder of the case file's set)",
      lang: "language of the outcome: vi (default) or en",
    })[option],
  "cli.option.cases": ({ option }) =>
    ({
      boundaries: "the criteria file to write cases for, at its thresholds",
      out: "write the case file here (only a file this command wrote is overwritten)",
      seed: "a seed text, so that each run writes the same cases",
      lang: "language of the cases' names: vi (default) or en",
    })[option],
  "cli.option.diff": ({ option }) => ({ json: "print the diff as JSON", lang: "language of the sentences: vi (default) or en" })[option],
  "cli.option.impact": ({ option }) =>
    ({
      "as-of": "the date decided, to pick the versions of sub-units' sets",
      sets: "folder of criteria sets to decide titles of sub-units (default: the bundled sets)",
      label: "a field holding the unit's name or code, to name each unit by",
      json: "print JSON: one unit a line, the summary last",
      lang: "language of the sentences: vi (default) or en",
      "max-unit-bytes": "longest unit (an NDJSON line) in bytes, optionally with KiB or MiB (default 64MiB); a longer unit is reported as unreadable",
    })[option],
  "cli.option.lock": ({ option }) =>
    ({
      check: "fail when a released version was edited or removed, a version is not released yet, or two versions are in force on one day",
      update: "release new versions into the folder's criteria.lock.json (after review)",
      "accept-changes": "with --update: also accept changes to released versions (say why in the CHANGELOG)",
      criteria: "folder of criteria sets and its lock (default: criteria)",
      verbose: "with --check: list every version, not only the problems",
      json: "print the report as JSON",
      lang: "language of the messages: vi (default) or en",
    })[option],
  "cli.option.verify": ({ option }) =>
    ({
      criteria: "folder of criteria sets to find the recorded version in (default: the bundled sets)",
      json: "print the verification as JSON",
      lang: "language of the sentences: vi (default) or en",
    })[option],
  "cli.option.compile": ({ option }) => ({ out: "the module to write (.mjs)", lang: "language of the messages: vi (default) or en" })[option],
  "cli.option.hash": ({ option }) => ({ json: "print the hashes as JSON", lang: "language of the messages: vi (default) or en" })[option],
  "cli.option.catalogue": ({ option }) =>
    ({
      sets: "folder of criteria sets (default: criteria)",
      out: "write the list to this file instead of standard output",
      lang: "language of the messages: vi (default) or en",
    })[option],
  "cli.option.schema": ({ option }) =>
    ({
      cases: "the JSON Schema of case files, instead of criteria files",
      out: "write to this file instead of standard output",
      lang: "language of the messages: vi (default) or en",
    })[option],
  "cli.option.template": ({ option }) =>
    ({
      out: "the spreadsheet to write: .xlsx or .csv",
      "as-of": "with an id: the version in force on this date (default: today)",
      criteria: "folder of criteria sets to find a set by id in (default: criteria)",
      lang: "language of the column headers: vi (default) or en",
    })[option],
  "cli.option.compose": ({ option }) =>
    ({
      results: "fill the list with one item per batch line, its title field holding the line's result (repeat for several lists)",
      out: "write the data to this file instead of standard output",
      lang: "language of the messages: vi (default) or en",
    })[option],
  "cli.option.help": ({ option }) => ({ lang: "language of the help: vi (default) or en" })[option],
  "cli.exit_codes": () =>
    [
      "0   pass (every file valid; lock intact; no change; match; batch: every unit evaluated)",
      "1   fail or incomplete (a file invalid; lock broken; changes; mismatch; batch: a unit bad)",
      "2   invalid input or usage",
      "141 the reader of standard output closed it early (as `| head` does)",
    ].join("\n"),
  "cli.more": () => "Run 'tieuchi <command> --help --lang en' for a command's options (in Vietnamese without --lang en).",
  "cli.see_help": ({ command }) => (command === undefined ? "Run 'tieuchi help' for usage." : `Run 'tieuchi ${command} --help' for its usage.`),
  "cli.unknown_command": ({ command, suggestion }) => `unknown command '${command}'${suggestion === undefined ? "" : `; did you mean '${suggestion}'?`}`,
  "cli.unknown_option": ({ command, option, suggestion, takenBy }) =>
    `${command} has no option '${option}'${suggestion === undefined ? "" : `; did you mean ${suggestion}?`}${takenBy.length === 0 ? "" : ` (${option} is an option of ${takenBy.join(", ")})`}`,
  "cli.option_value": ({ option, takesValue }) => (takesValue ? `option ${option} needs a value` : `option ${option} takes no value`),
  "cli.option_before_command": ({ option }) => `option '${option}' goes after the command: tieuchi <command> ${option}`,
  "cli.compose_filled": ({ target, file, results, errors }) =>
    `${target}: ${results + errors} items from ${file} (${results} with a result${errors > 0 ? `, ${errors} not evaluated: title left unknown` : ""})`,
  "cli.stdin_terminal": ({ command, what }) =>
    `standard input is a terminal: pipe the ${what === "units" ? "units" : "batch output"} in (… | tieuchi ${command} … -) or name the file`,
  "cli.batch_stopped": ({ units, table }) =>
    table
      ? `stopped after ${units.toLocaleString("en")} units; no results file was written`
      : `stopped after ${units.toLocaleString("en")} units, each with its line in the output; the last line is a {"partial": true} record, and the units after were not read`,
  "cli.max_unit_bytes": ({ got, max }) =>
    `--max-unit-bytes is the longest unit (or line) in bytes: a whole number from 1 to ${formatNumber(max, "en")} (1GiB), optionally with KiB, MiB or GiB (65536, 512KiB, 64MiB), not ${got}`,
  "cli.max_work": ({ got }) => `--max-work is a whole number of steps, at least 1, not ${got}`,
  "cli.compact_with": ({ other, format }) =>
    other === "explain"
      ? "--compact holds statuses and points only: leave out --explain or --compact"
      : `--compact writes NDJSON, not a ${format ?? ""} table: name an .ndjson file, or leave out --compact`,
  "cli.verify_not_signed": () =>
    "records are hashed, not signed: a match means the set, the data and the replayed result agree with the record, not who made it; keep records where nobody can change them",
  "cli.compose_wrote": ({ file }) => `wrote ${file}`,
};
