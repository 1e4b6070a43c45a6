/**
 * A seeded pseudo-random generator and random values for declared inputs. Everything here is a pure function of
 * the seed, so generated units are the same on every machine and every run.
 *
 * @module
 */
import type { InputSpec, Inputs } from "../schema/inputs.js";

/** A seeded source of pseudo-random numbers (mulberry32: 32-bit state, integer arithmetic only). */
export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** An independent generator derived from this one's seed and a label, unaffected by how much this one is used. */
  fork(label: string): Rng;
}

/** 32-bit FNV-1a of a text, the seed of a generator. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A generator seeded by a number or a text. The same seed gives the same sequence everywhere. */
export function createRng(seed: string | number): Rng {
  const base = typeof seed === "number" ? `n:${seed}` : `s:${seed}`;
  let state = hash32(base);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    fork: (label) => createRng(`${base}/${label}`),
  };
}

/** How random values are drawn. */
export interface RandomOptions {
  /** Fewest and most items of a list (within the input's own `minItems`/`maxItems`). Default 1 to 6. */
  readonly listLength?: readonly [number, number];
  /** The same for particular lists, by input path (`treEm`, `hoGiaDinh[].thanhVien`). */
  readonly listLengths?: Readonly<Record<string, readonly [number, number]>>;
  /** Chance that a yes/no input is yes. Default 0.5. */
  readonly pTrue?: number;
}

const DAY = 86_400_000;

function dateText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The range a number input's random values are drawn from. */
export function numberRange(spec: { min?: number | undefined; max?: number | undefined }): [number, number] {
  const lo = spec.min ?? (spec.max !== undefined ? Math.min(0, spec.max) : 0);
  const hi = spec.max ?? lo + 100;
  return [lo, hi];
}

/**
 * A random value that the input accepts. Texts without a list of values are the input's label and a number.
 * `path` is where the input sits (for `listLengths`).
 */
export function randomValue(spec: InputSpec, rng: Rng, options: RandomOptions = {}, path = ""): unknown {
  switch (spec.type) {
    case "boolean":
      return rng.chance(options.pTrue ?? 0.5);
    case "title": {
      if (!spec.levels) return rng.chance(options.pTrue ?? 0.5);
      // The levels as a record, cumulative: held up to a random level (or at none).
      const at = rng.int(-1, spec.levels.length - 1);
      return Object.fromEntries(spec.levels.map((l, i) => [l, i <= at]));
    }
    case "integer": {
      const [lo, hi] = numberRange(spec);
      return rng.int(Math.ceil(lo), Math.floor(hi));
    }
    case "number": {
      const [lo, hi] = numberRange(spec);
      return Math.min(hi, Math.max(lo, Math.round((lo + rng.next() * (hi - lo)) * 10) / 10));
    }
    case "string": {
      if (spec.enum) return rng.pick(spec.enum);
      const text = `${spec.label?.vi ?? spec.description.vi.replace(/[.:].*$/s, "")} ${rng.int(1, 999)}`;
      return spec.maxLength !== undefined ? text.slice(0, spec.maxLength) : text;
    }
    case "date": {
      const lo = Date.parse(spec.min ?? "2020-01-01");
      const hi = Date.parse(spec.max ?? "2024-12-31");
      return dateText(lo + rng.int(0, Math.max(0, Math.floor((hi - lo) / DAY))) * DAY);
    }
    case "object":
      return randomRecord(spec.fields, rng, options, path);
    case "array": {
      const [a, b] = options.listLengths?.[path] ?? options.listLength ?? [1, 6];
      const lo = Math.max(a, spec.minItems ?? 0);
      const hi = Math.max(lo, Math.min(b, spec.maxItems ?? b));
      const n = rng.int(lo, hi);
      return Array.from({ length: n }, () => randomValue(spec.items, rng, options, `${path}[]`));
    }
  }
}

/** A random value for every input of a record (or of a unit, at path `""`). */
export function randomRecord(fields: Inputs, rng: Rng, options: RandomOptions = {}, path = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) out[name] = randomValue(spec, rng, options, path === "" ? name : `${path}.${name}`);
  return out;
}

/** The declaration of the input a dotted path names within some fields, or undefined. */
export function specAt(fields: Inputs, path: string): InputSpec | undefined {
  let current: Inputs | undefined = fields;
  let spec: InputSpec | undefined;
  for (const seg of path.split(".")) {
    // A level of a title held at levels reads as a yes/no.
    if (spec?.type === "title" && spec.levels?.includes(seg)) {
      spec = {
        type: "boolean",
        label: { vi: `${spec.label?.vi ?? spec.set} ${seg}`, en: `${spec.label?.en ?? spec.set} ${seg}` },
        description: spec.description,
      };
      continue;
    }
    if (!current || !Object.hasOwn(current, seg)) return undefined;
    spec = current[seg];
    current = spec?.type === "object" ? spec.fields : undefined;
  }
  return spec;
}

/** The next or previous calendar day of a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return dateText(Date.parse(date) + days * DAY);
}
