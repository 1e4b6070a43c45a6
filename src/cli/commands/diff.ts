import type { Lang } from "../../explain/format.js";
import { loadCriteriaFile } from "../../node/index.js";
import { ChangeSection, diff, diffSummary, SECTION_TITLES, type SetDiff } from "../../versions/diff.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { jsonText, langOption } from "./shared.js";
import { tCli } from "../../i18n/cli.js";

/** A diff as text: a heading, a summary, then each change as a sentence, section by section. */
export function renderDiff(d: SetDiff, lang: Lang): string {
  const lines = [`${d.old.id}@${d.old.version} (${d.old.document}) → ${d.new.id}@${d.new.version} (${d.new.document})`, diffSummary(d, lang)];
  for (const section of ChangeSection.options) {
    const changes = d.changes.filter((c) => c.section === section);
    if (changes.length === 0) continue;
    lines.push("", `${SECTION_TITLES[section][lang]}:`);
    for (const c of changes) lines.push(`  - ${c.message[lang]}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `tieuchi diff <old.json> <new.json> [--json] [--lang vi|en]`: exit 0 when nothing changed, 1 when something did. */
export function diffCommand(args: readonly string[], opts: { json: boolean; lang: string }, io: Io): number {
  const lang = langOption(opts.lang);
  if (args.length !== 2) throw new UsageError(tCli(lang, "cmd.takes", { command: "diff" }));
  const d = diff(loadCriteriaFile(args[0]!), loadCriteriaFile(args[1]!));
  io.out(opts.json ? jsonText(d) : renderDiff(d, lang));
  return d.changes.length === 0 ? EXIT.ok : EXIT.fail;
}
