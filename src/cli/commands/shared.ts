import type { Lang } from "../../explain/format.js";
import { tCli } from "../../i18n/cli.js";
import { UsageError } from "../output.js";

/** The `--lang` option, checked. */
export function langOption(lang: string): Lang {
  if (lang !== "vi" && lang !== "en") throw new UsageError(tCli("vi", "cmd.not_one_of", { option: "--lang", values: ["vi", "en"], got: JSON.stringify(lang) }));
  return lang;
}

/** Prints JSON the way every command does: two-space indents and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
