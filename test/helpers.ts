import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type CriteriaSetInput, type EvaluateOptions, evaluate, type LoadedSet, type Problem, UnitDataError, validateCriteriaSet } from "../src/index.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A quiet result (`explain: false`) as JSON, or the error's class and message: what two evaluators must give alike. */
export function quietOutcome(set: LoadedSet, data: unknown, options: EvaluateOptions = {}): string {
  try {
    return JSON.stringify(evaluate(set, data, { ...options, explain: false }));
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

export function readJson(rel: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, rel), "utf8"));
}

/** Every shipped criteria file, `criteria/<set>/<version>.json` (case files left out). */
export function shippedSets(): string[] {
  return readdirSync(join(ROOT, "criteria"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(ROOT, "criteria", d.name))
        .filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f))
        .map((f) => `criteria/${d.name}/${f}`),
    );
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1); the same numbers on every run for a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t = (s: string) => ({ vi: s, en: s });

/**
 * Declares what an empty group means (`emptyGroup`) on every criterion of a set that takes a share without
 * saying, as the loader requires; criteria that say keep theirs. Returns the set (a new criteria list where changed).
 */
export function declareEmptyGroups(set: Record<string, unknown>, status: "fail" | "not-applicable" | "pass"): Record<string, unknown> {
  const v = validateCriteriaSet(set);
  if (v.ok) return set;
  const criteria = [...(set.criteria as Record<string, unknown>[])];
  for (const p of v.problems)
    if (p.code === "empty_group_unsaid" && typeof p.path[1] === "number") criteria[p.path[1]] = { ...criteria[p.path[1]], emptyGroup: status };
  set.criteria = criteria;
  return set;
}

/**
 * A small valid set; `patch` replaces top-level keys. A criterion that takes a share and does not say what an
 * empty group means is declared `not-applicable` (tests of other things need not say; tests of empty groups do).
 */
export function makeSet(patch: Partial<Record<keyof CriteriaSetInput, unknown>> & Record<string, unknown> = {}): Record<string, unknown> {
  return declareEmptyGroups(makeBareSet(patch), "not-applicable");
}

/** {@link makeSet} without declaring empty groups: the loader refuses it when a criterion takes a share. */
export function makeBareSet(patch: Partial<Record<keyof CriteriaSetInput, unknown>> & Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "test-set",
    version: "1.0.0",
    title: { vi: "Bộ thử", en: "Test set" },
    subject: "family",
    source: { document: "QĐ 1/2024", issuer: "Test", issued: "2024-01-01" },
    validFrom: "2024-01-01",
    validTo: null,
    supersedes: null,
    completeness: { level: "complete-secondary", notes: ["A test set: not a regulation."] },
    inputs: {
      a: { type: "boolean", description: t("a") },
      b: { type: "boolean", description: t("b") },
      n: { type: "integer", min: 0, max: 1000, description: t("n") },
      k: { type: "integer", min: 0, max: 1000, description: t("k") },
      xepLoai: { type: "string", enum: ["Tốt", "Khá", "Đạt"], description: t("xếp loại") },
      members: {
        type: "array",
        description: t("members"),
        items: {
          type: "object",
          description: t("member"),
          fields: {
            age: { type: "integer", min: 0, max: 130, description: t("age") },
            ok: { type: "boolean", description: t("ok") },
            sick: { type: "boolean", default: false, description: t("sick") },
          },
        },
      },
    },
    criteria: [{ id: "1", title: t("one"), points: 100, rule: { var: "a" } }],
    decision: { method: "points", maxPoints: 100, passMark: 50 },
    ...patch,
  };
}

export const text = t;

/** A set deciding "family-set", the title of a family, from one yes/no input `a`. */
export function familySet(): Record<string, unknown> {
  return makeSet({ id: "family-set", inputs: { a: { type: "boolean", description: t("a") } } });
}

/** An input listing families, each holding the title decided by {@link familySet}. */
export function familiesInput(): Record<string, unknown> {
  return {
    type: "array",
    description: t("families"),
    items: { type: "object", description: t("family"), fields: { learning: { type: "title", set: "family-set", description: t("learning family") } } },
  };
}

/** The problems a UnitDataError lists for this data, or none when the data is accepted. */
export function unitDataProblems(set: LoadedSet, data: unknown): Problem[] {
  try {
    evaluate(set, data);
  } catch (e) {
    if (e instanceof UnitDataError) return [...e.problems];
    throw e;
  }
  return [];
}

/** A stream that keeps what is written to it as text (a batch's output, read back by a test). */
export function textSink(): { output: Writable; text: () => string } {
  let text = "";
  const decoder = new TextDecoder();
  const output = new Writable({
    write(chunk: Uint8Array, _e, done) {
      text += decoder.decode(chunk, { stream: true });
      done();
    },
  });
  return { output, text: () => text };
}

/** Every record (plain object) in a value, itself included, outermost first: where a test may spoil a field. */
export function recordsIn(value: unknown): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null) {
      records.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return records;
}
