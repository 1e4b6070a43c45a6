import { writeFileSync } from "node:fs";
import { criteriaSetJsonSchema } from "../../schema/json-schema.js";
import { EXIT, type Io } from "../output.js";

/** `tieuchi schema [--out FILE]`: prints (or writes) the JSON Schema of criteria files. */
export function schemaCommand(opts: { out?: string }, io: Io): number {
  const text = `${JSON.stringify(criteriaSetJsonSchema(), null, 2)}\n`;
  if (opts.out) {
    writeFileSync(opts.out, text);
    io.out(`wrote ${opts.out}\n`);
  } else io.out(text);
  return EXIT.ok;
}
