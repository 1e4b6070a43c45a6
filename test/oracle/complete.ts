/**
 * Every completion of a unit's missing data, for the brute-force oracle: each absent (or null) value filled
 * with each value it could take that matters to the set's rules. Booleans both ways; each value of a list of
 * values; whole numbers at, just below and just above every number the set's rules mention, every number in
 * the unit's data and every share line those make (P% of a count), within the declared range; lists not given
 * as lists of 0, 1 or 2 items of every such kind. Its own code, apart from `src/`.
 *
 * @module
 */
import type { InputSpec, Inputs } from "../../src/schema/inputs.js";

/** What the rules mention: the numbers, texts and percentages the candidate values gather around. */
export interface Mentions {
  readonly numbers: readonly number[];
  readonly strings: readonly string[];
  readonly percents: readonly number[];
}

/** Collects what a set's rules mention. */
export function mentionsOf(rules: readonly unknown[]): Mentions {
  const numbers = new Set<number>();
  const strings = new Set<string>();
  const percents = new Set<number>();
  const walk = (r: unknown): void => {
    if (typeof r === "number") numbers.add(r);
    else if (typeof r === "string") strings.add(r.normalize("NFC"));
    else if (Array.isArray(r)) r.forEach(walk);
    else if (r !== null && typeof r === "object") {
      const [op, raw] = Object.entries(r)[0]!;
      const args: unknown[] = Array.isArray(raw) ? raw : [raw];
      if ((op === "shareAtLeast" || op === "shareAtMost") && typeof args[0] === "number") percents.add(args[0]);
      if ((op === "ratioAtLeast" || op === "ratioAtMost") && typeof args[2] === "number") percents.add(args[2]);
      if (op !== "var") args.forEach(walk);
    }
  };
  rules.forEach(walk);
  return { numbers: [...numbers], strings: [...strings], percents: [...percents] };
}

/** One absent value: where it is (a result-style path and the steps to it) and every value it may take. */
export interface Slot {
  readonly path: string;
  readonly steps: readonly (string | number)[];
  readonly values: readonly unknown[];
}

/** The most values tried for one number (the unit is then too big for brute force rather than cut short). */
const MAX_NUMBER_CANDIDATES = 400;

function wholeCandidates(spec: { min?: number | undefined; max?: number | undefined }, m: Mentions, known: readonly number[]): number[] {
  const lo = spec.min ?? -1_000_000;
  const hi = spec.max ?? 1_000_000;
  const out = new Set<number>([lo, hi, 0, 1]);
  const around = (x: number) => {
    for (const d of [-1, 0, 1]) {
      out.add(Math.floor(x) + d);
      out.add(Math.ceil(x) + d);
    }
  };
  for (const x of [...m.numbers, ...known]) around(x);
  // What completes a known sum (a + x = b): the differences of the numbers given.
  for (const a of known) for (const b of known) if (b > a) around(b - a);
  // The lines of shares and ratios: P% of every count mentioned or known, and the whole a known part is P% of.
  for (const p of m.percents)
    for (const w of [...known, ...m.numbers.filter((n) => Number.isInteger(n) && n > 0)]) {
      around((p * w) / 100);
      if (p > 0) around((w * 100) / p);
    }
  const list = [...out].filter((x) => x >= lo && x <= hi).sort((a, b) => a - b);
  if (list.length > MAX_NUMBER_CANDIDATES) throw new TooMany();
  return list;
}

function numberCandidates(spec: { min?: number | undefined; max?: number | undefined }, m: Mentions, known: readonly number[]): number[] {
  const lo = spec.min ?? -1_000_000;
  const hi = spec.max ?? 1_000_000;
  const out = new Set<number>([lo, hi, 0]);
  for (const x of [...m.numbers, ...known]) for (const d of [-0.5, 0, 0.5]) out.add(x + d);
  const list = [...out].filter((x) => x >= lo && x <= hi).sort((a, b) => a - b);
  if (list.length > MAX_NUMBER_CANDIDATES) throw new TooMany();
  return list;
}

function dayAfter(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Every value an absent value of this kind is tried with (lists and records whole). */
export function candidates(spec: InputSpec, m: Mentions, known: readonly number[], maxListItems = 2): unknown[] {
  switch (spec.type) {
    case "boolean":
      return [false, true];
    case "title":
      if (!spec.levels) return [false, true];
      // Levels are cumulative: held up to some level, or at none.
      return Array.from({ length: spec.levels.length + 1 }, (_, k) => Object.fromEntries(spec.levels!.map((l, i) => [l, i < k])));
    case "integer":
      return wholeCandidates(spec, m, known);
    case "number":
      return numberCandidates(spec, m, known);
    case "string":
      if (spec.enum) return spec.enum.map((s) => s.normalize("NFC"));
      return [...new Set(["", "x", ...m.strings])];
    case "date": {
      const dates = m.strings.filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
      const out = new Set<string>(["2000-01-01", "2099-12-31"]);
      for (const d of dates) for (const k of [-1, 0, 1]) out.add(dayAfter(d, k));
      return [...out].filter((d) => (spec.min === undefined || d >= spec.min) && (spec.max === undefined || d <= spec.max));
    }
    case "object": {
      let records: Record<string, unknown>[] = [{}];
      for (const [name, f] of Object.entries(spec.fields)) {
        const vs = candidates(f, m, known, maxListItems);
        records = records.flatMap((r) => vs.map((v) => ({ ...r, [name]: v })));
        if (records.length > 5_000) throw new TooMany();
      }
      return records;
    }
    case "array": {
      const items = candidates(spec.items, m, known, maxListItems);
      const lo = spec.minItems ?? 0;
      const hi = Math.min(spec.maxItems ?? maxListItems, Math.max(lo, maxListItems));
      // Lists of `lo` to `hi` items; order does not matter to the operators, so one list per multiset.
      const out: unknown[][] = [];
      const build = (from: number, acc: unknown[]) => {
        if (acc.length >= lo) out.push([...acc]);
        if (out.length > 5_000) throw new TooMany();
        if (acc.length === hi) return;
        for (let i = from; i < items.length; i++) build(i, [...acc, structuredClone(items[i])]);
      };
      build(0, []);
      return out;
    }
  }
}

/** Too many completions for brute force. */
export class TooMany extends Error {}

/** Every whole number given in the data: counts the oracle also tries shares of. */
export function knownNumbers(data: unknown, out: number[] = []): number[] {
  if (typeof data === "number" && Number.isInteger(data)) out.push(data);
  // A list's length is a count the rules may compare (count, ratios of counts).
  else if (Array.isArray(data)) {
    out.push(data.length);
    for (const d of data) knownNumbers(d, out);
  } else if (data !== null && typeof data === "object")
    Object.values(data).forEach((d) => {
      knownNumbers(d, out);
    });
  return out;
}

/** The unit's data as evaluation sees it: strings in NFC, absent values with a declared default filled. */
export function normalized(data: Record<string, unknown>, inputs: Inputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    if (!Object.hasOwn(data, name) || data[name] === undefined) {
      if ("default" in spec && spec.default !== undefined) out[name] = spec.default;
      continue;
    }
    out[name] = normalizedValue(data[name], spec);
  }
  return out;
}

function normalizedValue(v: unknown, spec: InputSpec): unknown {
  if (v === null) return null;
  if (spec.type === "title" && spec.levels) {
    // Held at a level (its id): that level and every lower one; false: none; a record: as given.
    if (typeof v === "string" || v === false) {
      const at = v === false ? -1 : spec.levels.indexOf(v);
      return Object.fromEntries(spec.levels.map((l, i) => [l, i <= at]));
    }
    if (typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(spec.levels.map((l) => [l, (v as Record<string, unknown>)[l] ?? null]));
  }
  if (typeof v === "string") return v.normalize("NFC");
  if (spec.type === "object" && typeof v === "object" && !Array.isArray(v)) return normalized(v as Record<string, unknown>, spec.fields);
  if (spec.type === "array" && Array.isArray(v)) return v.map((x) => normalizedValue(x, spec.items));
  return v;
}

/** The absent values of normalized data, each with the values it may take. */
export function slotsOf(data: Record<string, unknown>, inputs: Inputs, m: Mentions, known: readonly number[]): Slot[] {
  const slots: Slot[] = [];
  const walk = (obj: Record<string, unknown>, fields: Inputs, path: string, steps: (string | number)[]) => {
    for (const [name, spec] of Object.entries(fields)) {
      const p = path === "" ? name : `${path}.${name}`;
      const s = [...steps, name];
      const v = obj[name];
      if (v === null || v === undefined) {
        slots.push({ path: p, steps: s, values: candidates(spec, m, known) });
        continue;
      }
      if (spec.type === "object") walk(v as Record<string, unknown>, spec.fields, p, s);
      else if (spec.type === "array" && spec.items.type === "object")
        (v as unknown[]).forEach((item, i) => {
          if (item === null) slots.push({ path: `${p}[${i}]`, steps: [...s, i], values: candidates(spec.items, m, known) });
          else walk(item as Record<string, unknown>, (spec.items as { fields: Inputs }).fields, `${p}[${i}]`, [...s, i]);
        });
      else if (spec.type === "array")
        (v as unknown[]).forEach((item, i) => {
          if (item === null || item === undefined) slots.push({ path: `${p}[${i}]`, steps: [...s, i], values: candidates(spec.items, m, known) });
        });
      else if (spec.type === "title" && spec.levels && typeof v === "object") {
        // A title held at levels given with some levels unknown (null).
        // Levels are cumulative: the whole record is one slot, taking every way of holding it that agrees with the
        // levels given.
        const rec = v as Record<string, unknown>;
        if (spec.levels.some((l) => rec[l] === null || rec[l] === undefined)) {
          const agree = (candidates(spec, m, known) as Record<string, boolean>[]).filter((c) =>
            spec.levels!.every((l) => rec[l] === null || rec[l] === undefined || rec[l] === c[l]),
          );
          slots.push({ path: p, steps: s, values: agree });
        }
      }
    }
  };
  walk(data, inputs, "", []);
  return slots;
}

function setAt(root: Record<string, unknown>, steps: readonly (string | number)[], value: unknown): void {
  let at: Record<string | number, unknown> = root;
  for (const s of steps.slice(0, -1)) at = at[s] as Record<string | number, unknown>;
  at[steps[steps.length - 1]!] = structuredClone(value);
}

/** How many completions the slots make. */
export function countOf(slots: readonly Slot[]): number {
  return slots.reduce((n, s) => n * s.values.length, 1);
}

/** Every completion of the data, one at a time (the values of the slots in `values`, by slot). */
export function* completions(data: Record<string, unknown>, slots: readonly Slot[]): Generator<{ data: Record<string, unknown>; values: number[] }> {
  const idx = slots.map(() => 0);
  for (;;) {
    const d = structuredClone(data);
    slots.forEach((s, i) => {
      setAt(d, s.steps, s.values[idx[i]!]);
    });
    yield { data: d, values: [...idx] };
    let k = slots.length - 1;
    while (k >= 0 && ++idx[k]! === slots[k]!.values.length) idx[k--] = 0;
    if (k < 0) return;
  }
}
