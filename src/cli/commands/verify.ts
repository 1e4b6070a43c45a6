import { writeFileSync } from "node:fs";
import { loadRegistry, readJsonFile } from "../../node/index.js";
import type { Result } from "../../schema/result.js";
import { recordEvaluation, verify, type Verification } from "../../versions/audit.js";
import type { Lang } from "../../explain/format.js";
import { tCli } from "../../i18n/cli.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { jsonText, langOption } from "./shared.js";

/** Writes the audit record of an evaluation (used by `tieuchi eval --record FILE`). */
export function writeRecord(file: string, result: Result, data: unknown): void {
  writeFileSync(file, jsonText(recordEvaluation(result, data)));
}

/** A verification as text. */
export function renderVerification(v: Verification, lang: Lang): string {
  const head = tCli(lang, "cmd.verify.head", { set: `${v.set.id}@${v.set.version}`, match: v.match });
  const lines = [head, ...v.differences.map((d) => `  ✘ ${d.message[lang]}`), ...v.notes.map((n) => `  · ${n[lang]}`)];
  // A match is where a reader could take too much from it: say what it does not prove.
  if (v.match) lines.push(`  · ${tCli(lang, "cli.verify_not_signed")}`);
  return `${lines.join("\n")}\n`;
}

/** `tieuchi verify <record.json> <unit.json> [--criteria DIR]`: exit 0 on a match, 1 when anything differs. */
export function verifyCommand(args: readonly string[], opts: { json: boolean; lang: string; criteria: string }, io: Io): number {
  const lang = langOption(opts.lang);
  if (args.length !== 2) throw new UsageError(tCli(lang, "cmd.takes", { command: "verify" }));
  const record = readJsonFile(args[0]!);
  const data = readJsonFile(args[1]!);
  const v = verify(record, data, loadRegistry(opts.criteria), { source: args[0]! });
  io.out(opts.json ? jsonText(v) : renderVerification(v, lang));
  return v.match ? EXIT.ok : EXIT.fail;
}
