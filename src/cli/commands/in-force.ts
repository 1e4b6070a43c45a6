import { formatPath } from "../../errors.js";
import { evaluate } from "../../evaluate/evaluate.js";
import type { Lang } from "../../explain/format.js";
import { loadRegistry, readJsonFile } from "../../node/index.js";
import type { Result } from "../../schema/result.js";
import { showDate } from "../../schema/dates.js";
import { evaluateTransition, type Transition, type TransitionCell, type TransitionSide } from "../../versions/transition.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { table } from "../table.js";
import { renderResult, statusCell, verdictWord } from "./eval.js";
import { say } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { jsonText, langOption } from "./shared.js";
import { writeRecord } from "./verify.js";

function verdictCell(r: Result | null, lang: Lang): string {
  if (!r) return tCli(lang, "cmd.transition.not_valid");
  const grade = r.grade ? `, ${r.grade.title[lang]}` : "";
  const pts = r.points ? ` ${r.points.earned}/${r.points.applicableMax}` : "";
  return `${verdictWord(r.verdict, lang)}${grade}${pts}`;
}

/** A transitional evaluation as text: why each version, then the criteria and verdicts side by side. */
export function renderTransition(t: Transition, lang: Lang, width: number): string {
  const sideHead = (s: TransitionSide, side: "applied" | "decided") =>
    tCli(lang, "cmd.transition.side", { side, date: showDate(s.date, lang), reason: s.reason.message });
  const lines = [sideHead(t.applied, "applied"), sideHead(t.decided, "decided"), ""];
  const col = (s: TransitionSide, side: "applied" | "decided") =>
    tCli(lang, "cmd.transition.column", { side, set: `${s.reason.id}@${s.reason.version}`, date: showDate(s.date, lang) });
  const cell = (c: TransitionCell | null) => (!c ? "—" : c.status === null ? "" : `${statusCell(c.status, lang)}${c.points !== null ? ` ${c.points}` : ""}`);
  const rows = t.rows.map((r) => {
    const a = r.applied?.id;
    const d = r.decided?.id;
    return [a === undefined || a === d ? d! : d === undefined ? a : `${a} → ${d}`, cell(r.applied), cell(r.decided)];
  });
  rows.push([tCli(lang, "cmd.column", { column: "verdict" }), verdictCell(t.applied.result, lang), verdictCell(t.decided.result, lang)]);
  lines.push(table([tCli(lang, "cmd.column", { column: "criterion" }), col(t.applied, "applied"), col(t.decided, "decided")], rows, width));
  for (const s of [t.applied, t.decided]) {
    if (!s.error) continue;
    // The first problems say enough to see that the data was written for the other version; --json has them all.
    const shown = s.error.problems.slice(0, 5).map((p) => `  - ${formatPath(p.path, lang)}: ${say(p, lang)}`);
    const more = s.error.problems.length - shown.length;
    lines.push(
      "",
      tCli(lang, "cmd.transition.invalid_for", { set: `${s.reason.id}@${s.reason.version}`, count: s.error.problems.length }),
      ...shown,
      ...(more > 0 ? [`  ${tCli(lang, "cmd.more_in_json", { count: more })}`] : []),
    );
  }
  lines.push("", t.message[lang]);
  return `${lines.join("\n")}\n`;
}

/**
 * `tieuchi eval --set <id> [--criteria DIR] --as-of D <unit.json>`: the version of the set in force on D
 * (and why), evaluated. `--applied D1 --decided D2` instead: the versions in force on both dates, side by
 * side; exit 0 only when both verdicts pass.
 */
export function inForceCommand(
  args: readonly string[],
  opts: { set: string; criteria: string; json: boolean; lang: string; asOf?: string; applied?: string; decided?: string; record?: string },
  io: Io,
): number {
  const lang = langOption(opts.lang);
  const usage = (text: string) => new UsageError(text);
  if (args.length !== 1) throw usage(tCli(lang, "cmd.takes", { command: "eval-set" }));
  const transitional = opts.applied !== undefined || opts.decided !== undefined;
  if (transitional && (opts.applied === undefined || opts.decided === undefined)) throw usage(tCli(lang, "cmd.applied_with_decided"));
  if (transitional && opts.asOf !== undefined) throw usage(tCli(lang, "cmd.as_of_or_applied"));
  if (!transitional && opts.asOf === undefined) throw usage(tCli(lang, "cmd.set_needs_date"));
  if (transitional && opts.record !== undefined) throw usage(tCli(lang, "cmd.record_one"));
  const registry = loadRegistry(opts.criteria);
  const data = readJsonFile(args[0]!);
  if (transitional) {
    const t = evaluateTransition(registry, opts.set, data, { applied: opts.applied!, decided: opts.decided! });
    io.out(opts.json ? jsonText(t) : renderTransition(t, lang, io.columns));
    return t.applied.result?.verdict === "pass" && t.decided.result?.verdict === "pass" ? EXIT.ok : EXIT.fail;
  }
  const { set, reason } = registry.inForceOn(opts.set, opts.asOf!);
  const result = evaluate(set, data, { asOf: opts.asOf!, sets: registry });
  if (opts.record !== undefined) writeRecord(opts.record, result, data);
  io.out(opts.json ? jsonText({ reason, result }) : `${reason.message[lang]}\n\n${renderResult(result, lang, io.columns)}`);
  return result.verdict === "pass" ? EXIT.ok : EXIT.fail;
}
