/**
 * The data check of generated code: accepts only data that the general check (`evaluate/data-check.ts`, held
 * equal to the zod schema) accepts *unchanged* — plain records with declared fields only, values of their
 * declared types within their bounds, enum values as declared, texts within their limits that are already
 * in NFC and free of control characters (decided character by character as the general check decides,
 * handing back any text that would need `normalize`), lists of non-null records (a usual record's fields read by
 * name, its keys only counted; any other record judged key by key). Absent fields are left
 * absent: a default is applied where a rule reads the field (`dv`), nothing is copied. Anything else throws
 * `NO` (the unit goes to the general evaluator, which checks it again and reports what is wrong).
 *
 * @module
 */
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { Limits } from "../schema/limits.js";

/** The data limits the check applies (as the general check does). */
type DataLimits = Pick<Limits, "maxArrayLength" | "maxStringLength">;
import { lit } from "../json/literal.js";
import { refuse } from "../logic/ops/emit.js";
import { levelValues } from "../logic/ops/var.js";

/** The checks of a set's data: the function checking the unit, and the item checks it leaves to the lists' passes. */
export interface EmittedCheck {
  /** The function checking the unit's data (called with the data). */
  readonly root: string;
  /**
   * For each list input named in `passes`: the check of one item as statements, given the item's variable (the
   * pass inlines it in its loop and runs it on every item before any rule reads the item).
   */
  readonly items: ReadonlyMap<string, (item: string) => string>;
}

/**
 * Emits the checks of a set's data; `fn` adds a function to the module and returns its name. The list inputs
 * named in `passes` (lists of records) are checked as lists here, their items in the list's one pass (the
 * generator's), which runs the item check on every item before any rule reads it.
 */
export function emitCheck(inputs: Inputs, limits: DataLimits, fn: (params: string, body: string) => string, passes: readonly string[] = []): EmittedCheck {
  const items = new Map<string, (item: string) => string>();
  /** A check of one value (not undefined, not null) in the variable `v`, as statements; `input`: the unit's input it is. */
  const value = (spec: InputSpec, v: string, input?: string): string => {
    switch (spec.type) {
      case "boolean":
        return `if (typeof ${v} !== "boolean") no();`;
      case "integer":
        return `if (typeof ${v} !== "number" || !Number.isSafeInteger(${v})${bounds(v, spec.min, spec.max)}) no();`;
      case "number":
        return `if (typeof ${v} !== "number" || !Number.isFinite(${v})${bounds(v, spec.min, spec.max)}) no();`;
      case "string": {
        const max = Math.min(spec.maxLength ?? Infinity, limits.maxStringLength);
        if (spec.enum) {
          // Given exactly as one of the declared values (in NFC): what the general check keeps as it is.
          const values = [...new Set(spec.enum.map((s) => s.normalize("NFC")))].filter((s) => s.length <= max);
          return `if (typeof ${v} !== "string" || !(${values.length === 0 ? "false" : values.map((s) => `${v} === ${lit(s)}`).join(" || ")})) no();`;
        }
        return `if (typeof ${v} !== "string" || ${v}.length > ${Number.isFinite(max) ? max : Number.MAX_SAFE_INTEGER} || !plain(${v})) no();`;
      }
      case "array": {
        if (spec.items.type !== "object") return refuse("gen.items_not_records");
        const fields = spec.items.fields;
        const maxItems = Math.min(spec.maxItems ?? Infinity, limits.maxArrayLength);
        const max = Number.isFinite(maxItems) ? maxItems : Number.MAX_SAFE_INTEGER;
        const list = `if (!Array.isArray(${v}) || ${v}.__proto__ !== AP || ${v}.length < ${spec.minItems ?? 0} || ${v}.length > ${max}) no();`;
        if (input !== undefined && passes.includes(input)) {
          items.set(input, (item) => recordInline(fields, item));
          return list;
        }
        return `${list} for (let i = 0; i < ${v}.length; i++) ${record(fields)}(${v}[i]);`;
      }
      case "object":
        return recordInline(spec.fields, v);
      case "date":
        return `if (!isoDate(${v})${spec.min !== undefined ? ` || ${v} < ${lit(spec.min)}` : ""}${spec.max !== undefined ? ` || ${v} > ${lit(spec.max)}` : ""}) no();`;
      case "title":
        // Held or not, given as true or false; a title held at levels given as false, a level id or a record of
        // levels. Given as a sub-unit's data or result, it is decided by the general evaluator (which resolves
        // the sub-unit's set).
        if (spec.levels !== undefined) return levelsValue(spec.levels, v);
        return `if (typeof ${v} !== "boolean") no();`;
      default:
        return refuse("gen.input_type", { type: (spec as { type: string }).type });
    }
  };
  /**
   * A title held at levels as the general check keeps it: false, one of the level ids as written, or a record
   * of only those levels, each true, false, null or absent, whose levels are not out of order (held above one
   * not held: the general evaluator refuses it).
   */
  const levelsValue = (levels: readonly string[], v: string): string => {
    if (levels.length > 30) return refuse("gen.too_many", { what: "levels", max: 30 });
    const cases = levels.map((l, i) => `case ${lit(l)}: m |= ${2 ** i}; break;`).join(" ");
    const unlisted = levels.map((l, i) => `if ((m & ${2 ** i}) === 0 && ${lit(l)} in v) no();`).join(" ");
    const record = fn(
      "v",
      `if (typeof v !== "object" || v === null || v.__proto__ !== OP) no(); let m = 0; for (const k in v) { const x = v[k]; switch (k) { ${cases} default: no(); } if (x !== undefined && x !== null && typeof x !== "boolean") no(); } ${unlisted} lvRec(${levelValues(levels)}, -1);`,
    );
    return `if (${v} === false) {} else if (typeof ${v} === "string") { if (!(${levels.map((l) => `${v} === ${lit(l)}`).join(" || ")})) no(); } else ${record}(${v});`;
  };
  const bounds = (v: string, min: number | undefined, max: number | undefined) =>
    `${min !== undefined ? ` || ${v} < ${lit(min)}` : ""}${max !== undefined ? ` || ${v} > ${lit(max)}` : ""}`;

  /**
   * The exact check of a record of these fields (a function, made once): key by key, for any record the usual
   * check does not settle; `unit`: the unit's own record (its list inputs with a pass are checked as lists only).
   */
  const exacts = new Map<Inputs, string>();
  const exact = (fields: Inputs, unit = false): string => {
    const made = exacts.get(fields);
    if (made !== undefined) return made;
    const names = Object.keys(fields);
    if (names.length > 30) return refuse("gen.too_many", { what: "fields", max: 30 });
    const cases = names
      // Undefined: absent (its default is read in its place); null: kept as null, read as absent.
      .map((n, i) => `case ${lit(n)}: m |= ${2 ** i}; if (v !== undefined && v !== null) { ${value(fields[n]!, "v", unit ? n : undefined)} } break;`)
      .join(" ");
    // A declared field that for...in does not list (inherited or not enumerable) is the general check's to judge.
    const unlisted = names.map((n, i) => `if ((m & ${2 ** i}) === 0 && ${lit(n)} in o) no();`).join(" ");
    const name = fn(
      "o",
      `if (typeof o !== "object" || o === null || o.__proto__ !== OP) no(); let m = 0; for (const k in o) { const v = o[k]; switch (k) { ${cases} default: no(); } } ${unlisted}`,
    );
    exacts.set(fields, name);
    return name;
  };

  /**
   * The check of a record of these fields in the variable `o`, as statements (inlined where the record is met:
   * in its parent record's check, in a list's pass). The usual record (only declared fields, none given as
   * undefined) is checked by reading each declared field by name, with its keys only counted (`for...in` with
   * an empty body): loads V8 specialises to the record's shape, no switch on keys. When the count differs from
   * the fields found (a key not declared, a field given as undefined, a declared field inherited), the exact
   * check judges the record key by key. `unit`: the unit's own record (its list inputs with a pass are checked
   * as lists only).
   */
  let tags = 0;
  const recordInline = (fields: Inputs, o: string, unit = false): string => {
    const names = Object.keys(fields);
    if (names.length > 30) return refuse("gen.too_many", { what: "fields", max: 30 });
    const t = tags++;
    const [n, s, v] = [`n${t}`, `s${t}`, `v${t}`];
    const loads = names
      .map(
        (name) => `${v} = ${o}[${lit(name)}]; if (${v} !== undefined) { ${s}++; if (${v} !== null) { ${value(fields[name]!, v, unit ? name : undefined)} } }`,
      )
      .join(" ");
    return `if (typeof ${o} !== "object" || ${o} === null || ${o}.__proto__ !== OP) no(); let ${n} = 0; for (const k in ${o}) ${n}++; let ${s} = 0, ${v}; ${loads} if (${n} !== ${s}) ${exact(fields, unit)}(${o});`;
  };
  /** A function checking a record of these fields (made once); returns its name. */
  const records = new Map<Inputs, string>();
  const record = (fields: Inputs): string => {
    const made = records.get(fields);
    if (made !== undefined) return made;
    const name = fn("o", recordInline(fields, "o"));
    records.set(fields, name);
    return name;
  };
  const root = fn("d", recordInline(inputs, "d", true));
  for (const name of passes) if (!items.has(name)) throw new Error(`no item check for the list input ${name}`);
  return { root, items };
}
