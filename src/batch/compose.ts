/**
 * Composing a unit's data from the results of its sub-units: the communes of a district evaluated as a batch,
 * then the district decided from their results. `composeResults` fills a list the set declares (`xa`) with one
 * item per batch line, the item's title field (`congDongHocTap`) holding the line's result as given
 * (`{"result": ...}`) and its other declared fields taken from the line's `unit`. A sub-unit the batch could not
 * evaluate (an error line) is kept, with its title not known (null): never dropped, so the share it belongs
 * to counts it and the verdict says it is missing.
 *
 * Pure: the caller reads the lines (the CLI's `tieuchi compose` reads an NDJSON file).
 *
 * @module
 */
import { z } from "zod";
import { OptionsError, UnitDataError, type Problem } from "../errors.js";
import { msg } from "../i18n/index.js";
import { checkText, issuePath, issueProblems } from "../schema/issues.js";
import type { LoadedSet } from "../evaluate/load.js";
import { LineError, UnitFields } from "../report/line.js";

/** Where results go: `list[].field`, a list input of the set and the title field of its items. */
export interface ResultsTarget {
  readonly list: string;
  readonly field: string;
}

/** A batch line as composition reads it: its number, its unit's fields, and a result or an error. */
const ComposedLine = z
  .object({
    line: z.number().int().positive(),
    unit: UnitFields.default({}),
    result: z.record(z.string(), z.unknown()).optional(),
    error: LineError.optional(),
  })
  .refine((l) => (l.result === undefined) !== (l.error === undefined), { message: checkText("check.batch_line_one") });

/**
 * Reads `list[].field` and checks it against the set: `list` is a list input of records, `field` a title
 * field of those records.
 *
 * @throws {@link OptionsError} naming what does not fit.
 */
export function resultsTarget(set: LoadedSet, target: string): ResultsTarget {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\[\]\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(target);
  if (!m) throw new OptionsError(msg("options.results_target", { got: JSON.stringify(target) }), ["results"]);
  const [, list, field] = m as unknown as [string, string, string];
  const label = `${set.definition.id}@${set.definition.version}`;
  const spec = Object.hasOwn(set.definition.inputs, list) ? set.definition.inputs[list] : undefined;
  if (spec?.type !== "array" || spec.items.type !== "object")
    throw new OptionsError(msg("options.no_list", { set: label, list, inputs: Object.keys(set.definition.inputs) }), ["results"]);
  const item = spec.items.fields;
  const title = Object.hasOwn(item, field) ? item[field] : undefined;
  if (title?.type !== "title")
    throw new OptionsError(
      msg("options.no_title_field", {
        set: label,
        list,
        field,
        titles: Object.entries(item)
          .filter(([, f]) => f.type === "title")
          .map(([k]) => k),
      }),
      ["results"],
    );
  return { list, field };
}

/** What {@link composeResults} made: the unit's data, and how many sub-units came with a result or an error. */
export interface Composition {
  readonly data: Record<string, unknown>;
  readonly results: number;
  readonly errors: number;
}

/**
 * The unit's data with the list filled from batch lines, one item per line, in their order.
 *
 * @param set - The set the unit is decided by (for the declarations of the list's records).
 * @param data - The unit's own data, without the list (it is an error to give both).
 * @param target - `list[].field`, see {@link resultsTarget}.
 * @param lines - Parsed batch lines (`tieuchi batch` output).
 * @throws {@link OptionsError} for a target that does not fit the set, or data that already gives the list.
 * @throws {@link UnitDataError} listing every line that is not a batch line.
 */
export function composeResults(set: LoadedSet, data: unknown, target: string, lines: readonly unknown[]): Composition {
  const { list, field } = resultsTarget(set, target);
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new OptionsError(msg("options.data_object"), ["data"]);
  const given = (data as Record<string, unknown>)[list];
  if (given !== undefined && given !== null) throw new OptionsError(msg("options.data_gives_list", { list }), [list]);
  const spec = set.definition.inputs[list] as Extract<(typeof set.definition.inputs)[string], { type: "array" }>;
  const fields = (spec.items as Extract<typeof spec.items, { type: "object" }>).fields;
  const problems: Problem[] = [];
  const items: Record<string, unknown>[] = [];
  let results = 0;
  let errors = 0;
  lines.forEach((raw, i) => {
    const parsed = ComposedLine.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) problems.push(...issueProblems(issue, [i, ...issuePath(issue)]));
      return;
    }
    const line = parsed.data;
    const item: Record<string, unknown> = {};
    // The unit's fields that the records declare (a commune's name, its code); the others are the batch's own.
    for (const [k, v] of Object.entries(line.unit)) if (k !== field && Object.hasOwn(fields, k)) item[k] = v;
    if (line.result) {
      item[field] = { result: line.result };
      results++;
    } else {
      item[field] = null;
      errors++;
    }
    items.push(item);
  });
  if (problems.length > 0) throw new UnitDataError(problems, msg("data.batch_lines", { target: `${list}[].${field}` }));
  return { data: { ...(data as Record<string, unknown>), [list]: items }, results, errors };
}
