import { existsSync } from "node:fs";
import { SetNotFoundError } from "../../errors.js";
import { msg } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import type { LoadedSet } from "../../evaluate/load.js";
import type { Lang } from "../../explain/format.js";
import { loadCriteriaFile, loadRegistry } from "../../node/index.js";
import { sheetFormatOf, writeTemplateFile } from "../../node/sheets.js";
import { EXIT, UsageError, type Io } from "../output.js";

/** Options of `tieuchi template`. */
export interface TemplateOptions {
  readonly out?: string;
  readonly lang: Lang;
  readonly criteria: string;
  readonly asOf?: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A criteria file, `id@version`, or an id (the version in force on --as-of, by default today) from --criteria. */
function resolveSet(arg: string, opts: TemplateOptions): LoadedSet {
  if (arg.toLowerCase().endsWith(".json") || existsSync(arg)) return loadCriteriaFile(arg);
  const registry = loadRegistry(opts.criteria);
  const at = arg.indexOf("@");
  if (at > 0) {
    const found = registry.get(arg.slice(0, at), arg.slice(at + 1));
    if (!found) throw new SetNotFoundError(arg, msg("set.not_in_folder", { set: arg, folder: opts.criteria }));
    return found;
  }
  return registry.inForceOn(arg, opts.asOf ?? today()).set;
}

/**
 * `tieuchi template <set> --out <file.xlsx|file.csv>`: the spreadsheet to fill in for a set, with Vietnamese
 * headers (English with --lang en), drop-downs and an example row; `tieuchi batch` reads it back.
 */
export async function templateCommand(args: readonly string[], opts: TemplateOptions, io: Io): Promise<number> {
  if (args.length !== 1 || opts.out === undefined) throw new UsageError(tCli(opts.lang, "cmd.takes", { command: "template" }));
  if (sheetFormatOf(opts.out) === undefined) throw new UsageError(tCli(opts.lang, "cmd.template_out", { got: JSON.stringify(opts.out) }));
  const set = resolveSet(args[0]!, opts);
  await writeTemplateFile(set, opts.out, opts.lang);
  const d = set.definition;
  io.err(`${tCli(opts.lang, "cmd.template.wrote", { set: `${d.id}@${d.version}`, document: d.source.document, out: opts.out })}\n`);
  return EXIT.ok;
}
