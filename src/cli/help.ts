/**
 * The help `tieuchi` prints: the list of commands, and each command's usage and options. Every sentence comes
 * from the message catalogue (`cli.*`), in the language asked for with `--lang` (Vietnamese by default).
 *
 * @module
 */
import type { Lang } from "../explain/format.js";
import { tCli as t } from "../i18n/cli.js";
import type { CliMessageKey } from "../i18n/cli.js";
import { VERSION } from "../version.js";
import { CLI_COMMANDS, OPTION_KINDS, optionsOf, VALUE_OVERRIDES, type CliCommand, type OptionName } from "./spec.js";

/** Lines of `text` no wider than `width`, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") out.push(line);
  return out;
}

/** Two columns: a name, then its text wrapped beside it (on the next line when the name is too long). */
function columns(rows: ReadonlyArray<readonly [string, string]>, width: number): string {
  const left = Math.min(28, Math.max(...rows.map(([name]) => name.length)) + 3);
  const room = Math.max(30, Math.min(width, 110) - left - 2);
  const out: string[] = [];
  for (const [name, text] of rows) {
    const lines = wrap(text, room);
    const pad = " ".repeat(left + 2);
    if (name.length + 3 > left) out.push(`  ${name}`, ...lines.map((l) => pad + l));
    else out.push(`  ${name.padEnd(left)}${lines[0] ?? ""}`, ...lines.slice(1).map((l) => pad + l));
  }
  return out.join("\n");
}

/** `--name <value>` as a command's help shows it. */
function optionLabel(command: CliCommand, option: OptionName, lang: Lang): string {
  const kind = OPTION_KINDS[option];
  if (kind.type === "boolean") return `--${option}`;
  const value = VALUE_OVERRIDES[command]?.[option] ?? kind.value;
  return `--${option} ${t(lang, "cli.value", { value })}`;
}

/** The help sentence of one option of one command. */
export function optionHelp(command: CliCommand, option: OptionName, lang: Lang): string {
  return t(lang, `cli.option.${command}` as CliMessageKey, { option } as never);
}

/** `tieuchi help`: what tieuchi is, its commands, its exit codes. */
export function mainHelp(lang: Lang, width: number): string {
  const indent = (text: string) =>
    text
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n");
  return [
    t(lang, "cli.title", { version: VERSION }),
    "",
    `${t(lang, "cli.heading", { which: "usage" })}:`,
    indent(t(lang, "cli.usage", { command: "help" })),
    "",
    `${t(lang, "cli.heading", { which: "commands" })}:`,
    columns(
      CLI_COMMANDS.map((c) => [c, t(lang, "cli.summary", { command: c })] as const),
      width,
    ),
    "",
    `${t(lang, "cli.heading", { which: "exit-codes" })}:`,
    indent(t(lang, "cli.exit_codes")),
    "",
    t(lang, "cli.more"),
    "",
  ].join("\n");
}

/** `tieuchi <command> --help`: its usage, what it does, and every option it takes. */
export function commandHelp(command: CliCommand, lang: Lang, width: number): string {
  const rows: Array<readonly [string, string]> = optionsOf(command).map((o) => [optionLabel(command, o, lang), optionHelp(command, o, lang)] as const);
  rows.push(["-h, --help", t(lang, "cli.help_option")]);
  const summary = t(lang, "cli.summary", { command });
  return [
    `${t(lang, "cli.heading", { which: "usage" })}:`,
    t(lang, "cli.usage", { command })
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n"),
    "",
    `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`,
    "",
    `${t(lang, "cli.heading", { which: "options" })}:`,
    columns(rows, width),
    "",
  ].join("\n");
}
