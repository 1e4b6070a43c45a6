import { CanonicalJsonError, printable } from "../../errors.js";
import type { Lang } from "../../i18n/index.js";
import { readJsonFile } from "../../node/index.js";
import { contentHash } from "../../json/canonical.js";
import { EXIT, report, type Io } from "../output.js";
import { jsonText } from "./shared.js";

/**
 * `tieuchi hash <file>...`: the content hash of each JSON file (sha-256 of its canonical JSON), the same
 * whatever its key order or white space. For a criteria file it is the hash results carry. Exit 2 if a
 * file cannot be read as JSON (the others are still hashed).
 */
export function hashCommand(files: readonly string[], opts: { json: boolean; lang: Lang }, io: Io): number {
  const out: Array<{ file: string; hash: string }> = [];
  let failed = false;
  for (const file of files) {
    try {
      out.push({ file, hash: contentHash(readJsonFile(file)) });
    } catch (e) {
      // A value without a canonical form (two keys that are one once normalised): name the file too.
      if (e instanceof CanonicalJsonError) io.err(`tieuchi: ${file}: ${printable(e.text(opts.lang))} [${e.code}]\n`);
      else report(e, io, opts.lang);
      failed = true;
    }
  }
  io.out(opts.json ? jsonText(out) : out.map((h) => `${h.hash}  ${h.file}\n`).join(""));
  return failed ? EXIT.usage : EXIT.ok;
}
