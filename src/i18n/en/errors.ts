import type { ERRORS } from "../codes/errors.js";
import { formatBytes, formatNumber, plural } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "en");
/** A count of steps: `20,000,000`. */
const big = (x: number) => Math.round(x).toLocaleString("en");
const problems = (count: number) => plural(count, "problem");
const inFile = (source: string | undefined) => (source ? ` ${source}` : "");

export const errors: Sentences<typeof ERRORS> = {
  "error.criteria_set": ({ source, count }) => `The criteria set${source ? ` in ${source}` : ""} is invalid (${problems(count)})`,
  "error.unit_data": ({ set, count, within }) =>
    `The unit's data does not match the inputs declared by ${set}${within ? ` (for ${within})` : ""} (${problems(count)})`,
  "error.data_of": ({ what, count }) => `${what.charAt(0).toUpperCase()}${what.slice(1)} ${count === 1 ? "has" : "have"} ${problems(count)}`,
  "data.batch_lines": ({ target }) => `the batch lines given for ${target}`,
  "data.title_levels": ({ set }) => `the levels of title '${set}'`,
  "data.given_result": ({ set, hint }) =>
    `the result given for title '${set}'${hint ? ' (a result of tieuchi eval --json or the "result" of a batch line)' : ""}`,
  "error.case_file": ({ source, count }) => `The case file${inFile(source)} is invalid (${problems(count)})`,
  "error.registry": ({ count }) => `The criteria sets do not form a consistent registry (${problems(count)})`,
  "error.lock_file": ({ source, count }) => `The lock file${inFile(source)} is invalid (${problems(count)})`,
  "error.audit_record": ({ source, count }) => `The audit record${inFile(source)} is invalid (${problems(count)})`,
  "error.json_parse": ({ source, line, column, reason }) => `${source}:${line}:${column}: not valid JSON: ${reason}`,
  "error.file": ({ source, reason }) => `${source}: ${reason}`,
  "error.case_failed": ({ name, details }) => `case '${name}' does not hold:${details.map((d) => `\n  ${d}`).join("")}`,
  "error.report_line": ({ line, reason }) => `line ${n(line)}: ${reason}`,
  "error.units_file": ({ source, line, reason }) => `${source}:${line}: ${reason}`,
  "error.workbook": ({ source, reason }) => `${source ?? "Workbook"}: ${reason}`,
  "error.canonical_json": ({ path, reason }) => `${path}: ${reason}; the value has no canonical JSON form and cannot be hashed`,
  "error.budget": ({ set, within, work, limit, left }) =>
    `evaluating this unit with ${set}${within ? ` (for ${within})` : ""} would take more than the ${left !== undefined ? `${big(left)} steps left of the ${big(limit)} allowed for the whole unit` : `${big(limit)} steps allowed`} (maxWork): at least ${big(work)} (each part of a rule, times the items of the lists it goes through). Its lists are too long for this set; raise maxWork (--max-work) to evaluate it`,
  "error.json_line": ({ line, column, reason }) => `not valid JSON at line ${line}, column ${column}: ${reason}`,
  "error.not_utf8_line": ({ line }) => `line ${line} is not UTF-8 text; save the file as UTF-8`,
  "error.at": ({ path, problem }) => `${path}: ${problem}`,
  "error.first_problems": ({ problems, more }) => [...problems, ...(more > 0 ? [`and ${n(more)} more`] : [])].join("; ") || "(none)",
  "error.unexpected": ({ text }) => `unexpected error (please report it): ${text}`,

  "line.not_json": ({ reason, column }) => `not valid JSON: ${reason} (column ${column})`,
  "line.not_a_result": () => "not a readable result",
  "line.not_batch_line": ({ problem }) => `not a line of batch output ({"line", "unit", "result"} or {"line", "unit", "error"}): ${problem ?? ""}`,
  "line.partial": ({ why }) =>
    `the batch output is partial: the batch stopped before the end of its input${why ? `: ${why}` : ""}. The units above are not all the units; fix the input and run the batch again`,
  "line.compact_without_header": () => "a compact record (a JSON array) before any compact header record",
  "line.compact_header": () => "not a readable compact header record",
  "line.compact_record": ({ problem }) => `not a readable compact record: ${problem}`,
  "line.too_long": ({ max }) => `the line is longer than ${max} bytes`,
  "line.not_utf8": () => "the line is not UTF-8 text",

  "file.not_found": () => "no such file",
  "file.is_folder": () => "is a folder, not a file",
  "file.permission": () => "permission denied",
  "file.links": () => "too many symbolic links",
  "file.name_too_long": () => "the name is too long",
  "file.not_a_folder": () => "a part of the path is not a folder",
  "file.unreadable": ({ reason }) => `cannot be read (${reason})`,
  "file.too_large": ({ size, max }) => `is ${size === undefined ? "" : `${size} bytes, `}larger than the ${max} bytes allowed (maxBytes)`,

  "file.not_in_package": () => "is not inside the tieuchi package (no package.json named tieuchi above it)",
  "file.no_space": () => "no space left on the device",
  "file.reader_closed": () => "the reader closed it",
  "file.not_written": ({ why, written, lastLine, after }) =>
    `could not be written (${why}): the lines of ${plural(written, "unit")} were written${lastLine !== undefined ? ` (to input line ${lastLine})` : ""}; ${plural(after, "unit")} read after were not, and the rest of the input was not read`,

  "file.template_format": () => "a template is written as .xlsx or .csv",
  "file.not_workbook": ({ why }) => `is not an Excel workbook that can be read (${why})`,
  "file.workbook_too_large": ({ size, max }) =>
    `is ${formatBytes(size, "en")}, larger than the ${formatBytes(max, "en")} a workbook may be; save it from Excel as “CSV UTF-8” (a CSV file is read as a stream, of any size) or split it`,
  "file.workbook_inflates": ({ declared, name, max }) =>
    declared
      ? `its zipped entries declare more than the ${formatBytes(max, "en")} allowed once inflated (up to ${name}): a zip bomb, or a workbook too large to read whole; save it as “CSV UTF-8”`
      : `${name} inflates to more than the size it declares (a workbook may inflate to ${formatBytes(max, "en")}): a zip bomb, not a workbook saved by Excel; do not open this file`,
  "file.workbook_entries": ({ max }) => `holds more than ${n(max)} zipped entries: not an Excel workbook that can be read`,
  "file.unwritable": ({ reason }) => `cannot be written (${reason})`,
  "file.write_failed": ({ why }) => `could not be written (${why})`,
  "file.pipe_silent": ({ seconds, started }) =>
    started
      ? `is a named pipe whose writer stopped writing for ${seconds} s`
      : `is a named pipe and nothing was written to it in ${seconds} s (is a writer connected?)`,
  "file.terminal": () => "is a terminal; name a file, or pipe the data in",
  "file.link_outside": ({ target, folder }) => `is a symbolic link to ${target}, outside ${folder}; copy what it points to into the folder`,
  "file.read_only": () => "the file system is read-only",
  "file.too_many_open": () => "too many files open",
  "file.exists": () => "already exists",
  "file.busy": () => "is busy",
  "file.io": () => "input/output error",
  "file.no_device": () => "no such device",

  "lock.unreadable": ({ file, reason }) => `${file}: cannot be read: ${reason}`,
  "lock.no_id": ({ file }) => `${file}: has no string 'id' and 'version', so it cannot be locked`,
  "lock.duplicate": ({ file, version, earlier }) => `${file}: ${version} is also in ${earlier}; one version lives in one file`,
  "lock.invalid": ({ file, version, count }) => `${file}: ${version} is not released and not valid (${problems(count)}; run tieuchi validate ${file})`,
  "lock.unreleased": ({ file, version }) => `${file}: ${version} is not in the lock; after review, release it with tieuchi lock --update`,
  "lock.changed": ({ file, version, changes, hash, locked }) =>
    `${file}: released version ${version} has been edited (${changes.join("; ")}); hash ${hash}, released as ${locked}. A released version never changes: restore the file, and publish the change as a new version that supersedes it`,
  "lock.moved": ({ file, version, from }) => `${file}: ${version} unchanged, moved from ${from}`,
  "lock.locked": ({ file, version }) => `${file}: ${version} unchanged`,
  "lock.removed": ({ file, version }) => `${file}: released version ${version} is gone; released versions stay so that old decisions can be checked`,
  "lock.change": ({ kind, name, change }) => `${kind === "part" ? `'${name}'` : `${kind} ${name}`} ${change}`,
  "lock.reformatted": () => "the content is the same but reformatted in a way that changes its canonical form",

  "batch.not_evaluated": ({ line, reason }) => `line ${line}: ${reason}; the unit was not evaluated`,
  "batch.out_of_memory": ({ mb }) => `evaluating it needed more memory than a batch worker may use (${mb} MiB)`,
  "batch.worker_stopped": ({ why }) => `the worker thread evaluating it stopped (${why})`,
  "batch.evaluation_failed": ({ why }) => `evaluating it failed (${why})`,
  "batch.stopping": () => "the batch was stopping",

  "json.empty": () => "the file is empty",
  "json.ends_early": () => "the text ends too early",
  "json.unexpected": ({ char }) => `unexpected ${char}`,
  "json.bad_unicode_escape": () => "bad \\u escape",
  "json.bad_escape": () => "bad escape in a string",
  "json.control_in_string": () => "a control character (such as a line break) inside a string",
  "json.string_not_closed": () => "a string is not closed",
  "json.expected_key": ({ found }) => `${found}; expected a key in double quotes`,
  "json.expected_colon": ({ found }) => `${found}; expected ':'`,
  "json.expected_comma": ({ found, close }) => `${found}; expected ',' or '${close}'`,
  "json.after_end": ({ found }) => `${found} after the end of the JSON value`,
  "json.engine": ({ reason }) => `the JSON parser says: ${reason}`,
  "json.duplicate_key": ({ key, first }) =>
    `key ${key} is given twice in one object${first !== undefined ? ` (first on line ${n(first)})` : ""}; JSON keeps only the later value, so the earlier one, which a reader of the file still sees, is ignored; remove one of them`,
  "json.bom": ({ encoding }) => `the file is ${encoding} text (it starts with that byte-order mark); save it as UTF-8`,
  "json.utf16": () => "the file looks like UTF-16 text (every other byte is zero); save it as UTF-8",
  "json.zero_byte": ({ offset }) => `the file holds a zero byte at byte ${offset}, so it is not a text file (or not UTF-8); save it as UTF-8 JSON`,
  "json.not_utf8": ({ byte, offset }) =>
    `the file is not UTF-8 text (byte 0x${byte} at byte ${offset}; perhaps Latin-1, Windows-1258 or TCVN3/ABC); save it as UTF-8`,

  "units.line_refused": ({ line, max }) => `line ${line} is longer than ${formatBytes(max, "en")}; it was not read`,
  "units.item_refused": ({ line, max }) => `the unit starting on line ${line} is longer than ${formatBytes(max, "en")}; it was not read`,
  "units.not_a_list": ({ start }) => `a JSON file of units must hold a list of units ([{...}, {...}]) or one unit ({...}); it starts with ${start}`,
  "units.text_after_list": () => "there is more text after the end of the list of units",
  "units.empty_item_at_end": () => "an empty item before the end of the list (a comma too many?)",
  "units.empty_item": () => "an empty item in the list (two commas in a row?)",
  "units.list_not_closed": () => "the file ends before the list of units is closed",
  "units.not_utf8": ({ line }) => `the file is not UTF-8 text (near line ${line}); save it as UTF-8`,
  "units.cell_not_closed": ({ line }) => `a quoted cell that starts on line ${line} is never closed`,

  "units.formats": () => "the batch reads .csv, .ndjson (or .jsonl) and .json files",

  "canonical.too_deep": () => "nests deeper than 1000 levels",
  "canonical.not_a_number": ({ value }) => `${value} is not a JSON number`,
  "canonical.same_keys": ({ key }) => `two keys read ${key} once normalised to NFC`,
  "canonical.not_plain": ({ name }) => `a ${name ?? "non-plain object"} is not a JSON value${name === "Date" ? ' (write a date as a text, "YYYY-MM-DD")' : ""}`,
  "canonical.not_json": ({ type }) => `a ${type} is not a JSON value`,
};
