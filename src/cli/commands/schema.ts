import { writeFileSync } from "node:fs";
import { criteriaSetJsonSchema } from "../../schema/json-schema.js";
import { caseFileJsonSchema } from "../../testing/cases.js";
import type { Lang } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { EXIT, type Io } from "../output.js";

/** `tieuchi schema [--cases] [--out FILE]`: prints (or writes) the JSON Schema of criteria files, or of case files. */
export function schemaCommand(opts: { out?: string; cases?: boolean; lang: Lang }, io: Io): number {
  const text = `${JSON.stringify(opts.cases ? caseFileJsonSchema() : criteriaSetJsonSchema(), null, 2)}\n`;
  if (opts.out) {
    writeFileSync(opts.out, text);
    io.out(`${tCli(opts.lang, "cmd.wrote", { file: opts.out })}\n`);
  } else io.out(text);
  return EXIT.ok;
}
