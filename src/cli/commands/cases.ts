import { existsSync, statSync, writeFileSync } from "node:fs";
import type { Lang } from "../../explain/format.js";
import { loadCriteriaFile, readJsonFile } from "../../node/index.js";
import { boundaryCases } from "../../testing/boundaries.js";
import { compactJson } from "../../testing/json.js";
import { msg, type Message } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { EXIT, UsageError, type Io } from "../output.js";

/** Where a boundary was skipped, in words: a rule of the criterion, the decision, or a generated case's name. */
function whereMessage(where: string): Message {
  const tier = /^points\.tiers\[(\d+)\]$/.exec(where);
  if (tier) return msg("bound.tier", { n: Number(tier[1]) + 1 });
  if (where === "points.score") return msg("bound.where", { where: "score" });
  if (where === "applies" || where === "rule" || where === "excludes") return msg("bound.where", { where });
  if (where === "decision" || where === "mandatory" || where === "level") return msg("bound.where", { where });
  return msg("word.quoted", { text: where });
}

/** Options of `tieuchi cases`. */
export interface CasesOptions {
  readonly boundaries?: string;
  readonly out?: string;
  readonly lang: Lang;
  readonly seed?: string;
}

/**
 * `tieuchi cases --boundaries <set.json> [--out file]`: writes a case file with the data at, just below and just
 * above each threshold of the set, and what the set decides for each.
 */
export function casesCommand(args: readonly string[], opts: CasesOptions, io: Io): number {
  const lang = opts.lang;
  if (opts.boundaries === undefined || args.length > 0) throw new UsageError(tCli(lang, "cmd.takes", { command: "cases" }));
  if (opts.out !== undefined && existsSync(opts.out)) {
    if (statSync(opts.out).isDirectory()) throw new UsageError(tCli(lang, "cmd.out_is_folder", { out: opts.out }));
    const existing = readJsonFile(opts.out);
    if (existing === null || typeof existing !== "object" || !("generated" in existing))
      throw new UsageError(tCli(lang, "cmd.out_not_ours", { out: opts.out }));
  }
  const set = loadCriteriaFile(opts.boundaries);
  const label = `${set.definition.id}@${set.definition.version}`;
  const made = boundaryCases(set, { lang: opts.lang, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  for (const s of made.skipped)
    io.err(`${tCli(lang, "cmd.cases.skipped", { criterion: s.criterion ?? undefined, where: whereMessage(s.where), reason: s.detail })}\n`);
  if (made.baselineUnmet.length) io.err(`${tCli(lang, "cmd.cases.unmet", { ids: made.baselineUnmet })}\n`);
  if (made.file.cases.length === 0) {
    io.err(`tieuchi: ${tCli(lang, "cmd.cases.none", { set: label })}\n`);
    return EXIT.fail;
  }
  const text = compactJson(made.file);
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text);
    io.err(`${tCli(lang, "cmd.cases.wrote", { count: made.file.cases.length, set: label, out: opts.out })}\n`);
  } else io.out(text);
  return EXIT.ok;
}
