import { existsSync, statSync, writeFileSync } from "node:fs";
import type { Lang } from "../../explain/format.js";
import { loadCriteriaFile, readJsonFile } from "../../node/index.js";
import { boundaryCases } from "../../testing/boundaries.js";
import { compactJson } from "../../testing/json.js";
import { EXIT, UsageError, type Io } from "../output.js";

/** Options of `tieuchi cases`. */
export interface CasesOptions {
  readonly boundaries?: string;
  readonly out?: string;
  readonly lang: Lang;
  readonly seed?: string;
}

const WORDS = {
  vi: {
    wrote: (n: number, set: string, out: string) => `Đã ghi ${n} ca biên cho ${set} vào ${out}. Hãy đọc lại từng ca trước khi giữ.`,
    skipped: "Bỏ qua:",
    unmet: (ids: string) => `Đơn vị gốc không đạt được các tiêu chí: ${ids} (các ca gần ngưỡng khác sẽ thấy chúng chưa đạt).`,
  },
  en: {
    wrote: (n: number, set: string, out: string) => `Wrote ${n} boundary cases for ${set} to ${out}. Review each one before keeping it.`,
    skipped: "Skipped:",
    unmet: (ids: string) => `The baseline unit could not be made to meet: ${ids} (cases near other thresholds show them failing).`,
  },
} as const;

/**
 * `tieuchi cases --boundaries <set.json> [--out file]`: writes a case file with the data at, just below and just
 * above each threshold of the set, and what the set decides for each.
 */
export function casesCommand(args: readonly string[], opts: CasesOptions, io: Io): number {
  if (opts.boundaries === undefined || args.length > 0)
    throw new UsageError("cases takes --boundaries and a criteria file: tieuchi cases --boundaries <set.json> [--out <file>]");
  const w = WORDS[opts.lang];
  if (opts.out !== undefined && existsSync(opts.out)) {
    if (statSync(opts.out).isDirectory()) throw new UsageError(`--out ${opts.out} is a folder; give a file name, e.g. <version>.boundaries.cases.json`);
    const existing = readJsonFile(opts.out);
    if (existing === null || typeof existing !== "object" || !("generated" in existing))
      throw new UsageError(`${opts.out} exists and was not written by 'tieuchi cases'; choose another --out (e.g. <version>.boundaries.cases.json) or remove it`);
  }
  const set = loadCriteriaFile(opts.boundaries);
  const label = `${set.definition.id}@${set.definition.version}`;
  const made = boundaryCases(set, { lang: opts.lang, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  for (const s of made.skipped) io.err(`${w.skipped} ${s.criterion ?? "-"} ${s.where}: ${s.reason}\n`);
  if (made.baselineUnmet.length) io.err(`${w.unmet(made.baselineUnmet.join(", "))}\n`);
  if (made.file.cases.length === 0) {
    io.err(`tieuchi: ${label} has no thresholds to put cases on\n`);
    return EXIT.fail;
  }
  const text = compactJson(made.file);
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text);
    io.err(`${w.wrote(made.file.cases.length, label, opts.out)}\n`);
  } else io.out(text);
  return EXIT.ok;
}
