import { formatPath } from "../../errors.js";
import { evaluate } from "../../evaluate/evaluate.js";
import type { Lang } from "../../explain/format.js";
import { loadRegistry, readJsonFile } from "../../node/index.js";
import type { Result } from "../../schema/result.js";
import { showDate } from "../../schema/dates.js";
import { evaluateTransition, type Transition, type TransitionCell, type TransitionSide } from "../../versions/transition.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { table } from "../table.js";
import { renderResult, STATUS, VERDICT } from "./eval.js";
import { jsonText, langOption } from "./shared.js";
import { writeRecord } from "./verify.js";

function verdictCell(r: Result | null, lang: Lang): string {
  if (!r) return lang === "vi" ? "dữ liệu không hợp lệ" : "data not valid";
  const grade = r.grade ? `, ${r.grade.title[lang]}` : "";
  const pts = r.points ? ` ${r.points.earned}/${r.points.applicableMax}` : "";
  return `${VERDICT[lang][r.verdict]}${grade}${pts}`;
}

/** A transitional evaluation as text: why each version, then the criteria and verdicts side by side. */
export function renderTransition(t: Transition, lang: Lang, width: number): string {
  const vi = lang === "vi";
  const sideHead = (s: TransitionSide, what: string) => `${what} ${showDate(s.date, lang)}: ${s.reason.message[lang]}`;
  const lines = [sideHead(t.applied, vi ? "Ngày nộp hồ sơ" : "Applied"), sideHead(t.decided, vi ? "Ngày xét" : "Decided"), ""];
  const col = (s: TransitionSide, what: string) => `${s.reason.id}@${s.reason.version} (${what} ${showDate(s.date, lang)})`;
  const cell = (c: TransitionCell | null) => (!c ? "—" : c.status === null ? "" : `${STATUS[lang][c.status] ?? c.status}${c.points !== null ? ` ${c.points}` : ""}`);
  const rows = t.rows.map((r) => {
    const a = r.applied?.id;
    const d = r.decided?.id;
    return [a === undefined || a === d ? d! : d === undefined ? a : `${a} → ${d}`, cell(r.applied), cell(r.decided)];
  });
  rows.push([vi ? "Kết luận" : "Verdict", verdictCell(t.applied.result, lang), verdictCell(t.decided.result, lang)]);
  lines.push(table([vi ? "Tiêu chí" : "Criterion", col(t.applied, vi ? "nộp" : "applied"), col(t.decided, vi ? "xét" : "decided")], rows, width));
  for (const s of [t.applied, t.decided]) {
    if (!s.error) continue;
    // The first problems say enough to see that the data was written for the other version; --json has them all.
    const shown = s.error.problems.slice(0, 5).map((p) => `  - ${formatPath(p.path)}: ${p.message}`);
    const more = s.error.problems.length - shown.length;
    lines.push(
      "",
      `${vi ? "Dữ liệu không hợp lệ với" : "The data is not valid for"} ${s.reason.id}@${s.reason.version} (${s.error.problems.length} ${vi ? "lỗi" : s.error.problems.length === 1 ? "problem" : "problems"}):`,
      ...shown,
      ...(more > 0 ? [`  ${vi ? `… và ${more} lỗi khác (xem --json)` : `… and ${more} more (see --json)`}`] : []),
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
  if (args.length !== 1) throw new UsageError("with --set, eval takes one unit's data file: tieuchi eval --set <id> --as-of <date> <unit.json>");
  const transitional = opts.applied !== undefined || opts.decided !== undefined;
  if (transitional && (opts.applied === undefined || opts.decided === undefined)) throw new UsageError("--applied and --decided go together");
  if (transitional && opts.asOf !== undefined) throw new UsageError("give either --as-of, or --applied and --decided");
  if (!transitional && opts.asOf === undefined) throw new UsageError("with --set, give the date: --as-of <date>, or --applied <date> --decided <date>");
  if (transitional && opts.record !== undefined) throw new UsageError("--record records one evaluation: use it with --as-of");
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
