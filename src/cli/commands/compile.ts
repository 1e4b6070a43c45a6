import { writeFileSync } from "node:fs";
import { FileError, printable } from "../../errors.js";
import { generateModule, notGenerated } from "../../generate/module.js";
import { fileReason, loadCriteriaFile } from "../../node/index.js";
import type { Lang } from "../../i18n/index.js";
import { sayRefusal, tCli } from "../../i18n/cli.js";
import { EXIT, UsageError, type Io } from "../output.js";

/**
 * `tieuchi compile <set.json> --out <file.mjs>`: the set's generated evaluator as a static ES module (see
 * `generate/module.ts`), for `useGenerated(set, await import(file))`. Exit 2 for a set that does not load, a
 * file that cannot be written, or a set the generator does not model (it says what; the set then runs on the
 * closure evaluator, as every set does without a module).
 */
export function compileCommand(args: readonly string[], opts: { out?: string; lang: Lang }, io: Io): number {
  if (args.length !== 1 || opts.out === undefined) throw new UsageError(tCli(opts.lang, "cmd.takes", { command: "compile" }));
  const loaded = loadCriteriaFile(args[0]!);
  const refusal = notGenerated(loaded);
  if (refusal !== undefined) {
    const why = sayRefusal(opts.lang, refusal);
    io.err(`tieuchi: ${tCli(opts.lang, "cmd.compile.not_generated", { file: printable(args[0]!), why })}\n`);
    return EXIT.usage;
  }
  const source = generateModule(loaded);
  try {
    writeFileSync(opts.out, source);
  } catch (e) {
    throw new FileError(printable(opts.out), fileReason(e, true), e);
  }
  const d = loaded.definition;
  io.err(
    `${tCli(opts.lang, "cmd.compile.wrote", { file: opts.out, set: `${d.id}@${d.version}`, hash: loaded.hash, criteria: d.criteria.length, bytes: source.length })}\n`,
  );
  return EXIT.ok;
}
