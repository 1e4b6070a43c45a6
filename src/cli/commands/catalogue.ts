import { writeFileSync } from "node:fs";
import { renderCatalogue } from "../../report/catalogue.js";
import { loadCriteriaDir } from "../../node/index.js";
import type { Lang } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { EXIT, type Io } from "../output.js";

/** The command named in the generated page, so a reader knows how to regenerate it. */
const REGENERATE = "npm run catalogue";

/** `tieuchi catalogue [--sets DIR] [--out FILE]`: the Markdown catalogue of every set below a folder (default `criteria`). */
export function catalogueCommand(opts: { sets?: string; out?: string; lang: Lang }, io: Io): number {
  const text = renderCatalogue(loadCriteriaDir(opts.sets ?? "criteria"), { command: REGENERATE, lang: opts.lang });
  if (opts.out) {
    writeFileSync(opts.out, text);
    io.out(`${tCli(opts.lang, "cmd.wrote", { file: opts.out })}\n`);
  } else io.out(text);
  return EXIT.ok;
}
