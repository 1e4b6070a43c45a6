import { writeFileSync } from "node:fs";
import { FileError, printable } from "../../errors.js";
import { generateModule, notGenerated } from "../../generate/module.js";
import { fileReason, loadCriteriaFile } from "../../node/index.js";
import { EXIT, UsageError, type Io } from "../output.js";

/**
 * `tieuchi compile <set.json> --out <file.mjs>`: the set's generated evaluator as a static ES module (see
 * `generate/module.ts`), for `useGenerated(set, await import(file))`. Exit 2 for a set that does not load, a
 * file that cannot be written, or a set the generator does not model (it says what; the set then runs on the
 * closure evaluator, as every set does without a module).
 */
export function compileCommand(args: readonly string[], opts: { out?: string }, io: Io): number {
  if (args.length !== 1 || opts.out === undefined) throw new UsageError("compile takes one criteria file and --out: tieuchi compile <set.json> --out <file.mjs>");
  const loaded = loadCriteriaFile(args[0]!);
  const why = notGenerated(loaded);
  if (why !== undefined) {
    io.err(`tieuchi: ${printable(args[0]!)}: no generated evaluator for this set: it uses ${why}; evaluate runs it on the closure evaluator\n`);
    return EXIT.usage;
  }
  const source = generateModule(loaded);
  try {
    writeFileSync(opts.out, source);
  } catch (e) {
    throw new FileError(printable(opts.out), fileReason(e, true), e);
  }
  const d = loaded.definition;
  io.err(`wrote ${opts.out}: ${d.id}@${d.version} (${loaded.hash}), ${d.criteria.length} criteria, ${source.length} bytes\n`);
  return EXIT.ok;
}
