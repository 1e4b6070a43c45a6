import { NotInForceError } from "../../errors.js";
import { msg, t } from "../../i18n/index.js";
import { evaluate } from "../../evaluate/evaluate.js";
import type { Lang } from "../../explain/format.js";
import { bundledCriteriaDir } from "../../node/bundled.js";
import { lazyRegistry } from "../../node/cases.js";
import { loadCriteriaFile, loadRegistry, readJsonFile } from "../../node/index.js";
import type { Result } from "../../schema/result.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { table } from "../table.js";
import { writeRecord } from "./verify.js";

/** Status labels of the tables. */
export const STATUS: Record<Lang, Record<string, string>> = {
  vi: { pass: "✔ đạt", fail: "✘ chưa đạt", missing: "? thiếu dữ liệu", "not-applicable": "– không áp dụng", error: "! lỗi" },
  en: { pass: "✔ pass", fail: "✘ fail", missing: "? missing", "not-applicable": "– n/a", error: "! error" },
};
/** Verdict labels of the tables. */
export const VERDICT: Record<Lang, Record<string, string>> = {
  vi: { pass: "ĐẠT", fail: "CHƯA ĐẠT", incomplete: "CHƯA ĐỦ DỮ LIỆU" },
  en: { pass: "PASS", fail: "FAIL", incomplete: "INCOMPLETE" },
};

/** Renders a result as a readable table with the verdict and the gap. */
export function renderResult(r: Result, lang: Lang, width: number): string {
  const vi = lang === "vi";
  const head = [
    `${r.set.title[lang]} — ${r.set.id}@${r.set.version} (${r.set.document})`,
    `${r.set.hash}${r.asOf ? `   ${vi ? "ngày xét" : "as of"} ${r.asOf}${r.inForce === false ? (vi ? " (NGOÀI thời gian hiệu lực)" : " (NOT in force then)") : ""}` : ""}`,
    "",
  ];
  const rows = r.criteria.map((c) => [
    c.id,
    STATUS[lang][c.status] ?? c.status,
    // An undecided criterion shows the points it could end with, e.g. 0–10/10.
    c.points ? (c.points.possible === c.points.earned ? `${c.points.earned}/${c.points.max}` : `${c.points.earned}–${c.points.possible}/${c.points.max}`) : c.mandatory ? (vi ? "bắt buộc" : "required") : "",
    `${c.title[lang]}${c.message ? ` — ${c.message[lang]}` : ""}`,
  ]);
  const body = table([vi ? "Mã" : "ID", vi ? "Trạng thái" : "Status", vi ? "Điểm" : "Points", vi ? "Tiêu chí và lý do" : "Criterion and why"], rows, width);
  const tail: string[] = [""];
  const grade = r.grade ? (vi ? `, xếp loại ${r.grade.title.vi}` : `, grade ${r.grade.title.en}`) : "";
  // The points range when the missing data could still change the points (40–95/100 points).
  const pts = r.points ? ` — ${t(lang, "decision.points_range", { earned: r.points.earned, possible: r.points.possible, max: r.points.applicableMax })} (${vi ? "mức đạt" : "pass mark"} ${r.points.passMark ?? (vi ? "chưa xác định" : "unknown")})` : "";
  tail.push(`${vi ? "Kết luận" : "Verdict"}: ${VERDICT[lang][r.verdict]}${grade}${pts}`);
  if (r.message) tail.push(r.message[lang]);
  for (const l of r.levels) tail.push(`  ${l.title[lang]}: ${l.status}${l.failing.length ? ` (${vi ? "chưa đạt" : "failing"}: ${l.failing.join(", ")})` : ""}${l.missing.length ? ` (${vi ? "thiếu" : "missing"}: ${l.missing.join(", ")})` : ""}`);
  if (r.gap.toImprove.length && r.verdict !== "pass")
    tail.push(`${vi ? "Có thể cải thiện" : "Could improve"}: ${r.gap.toImprove.map((t) => `${t.id} (+${t.points})`).join(", ")}`);
  if (r.gap.nextGrade) tail.push(`${vi ? "Để lên loại" : "Next grade"} ${r.gap.nextGrade.title[lang]}: ${vi ? "cần thêm" : "needs"} ${r.gap.nextGrade.pointsShort} ${vi ? "điểm" : "points"}`);
  if (r.gap.nextLevel)
    tail.push(`${vi ? "Để đạt" : "For"} ${r.gap.nextLevel.title[lang]}: ${[...r.gap.nextLevel.failing, ...r.gap.nextLevel.missing].join(", ")}`);
  if (r.verdict === "pass" && !r.gradeFinal) tail.push(vi ? "Xếp loại có thể cao hơn khi bổ sung dữ liệu còn thiếu." : "The grade may rise once the missing data is supplied.");
  return [...head, body, ...tail].join("\n") + "\n";
}

/**
 * `tieuchi eval <set.json> <unit.json>`: exit 0 on pass, 1 on fail or incomplete. A file not in force on
 * `--as-of` is refused (exit 2) unless `--out-of-force` asks for it; then the verdict is that version's, and the
 * exit code is 1 whatever it says: a version not in force then does not award the title for that date.
 */
export function evalCommand(
  args: readonly string[],
  opts: { json: boolean; lang: string; asOf?: string; sets?: string; record?: string; outOfForce?: boolean; maxWork?: number },
  io: Io,
): number {
  if (args.length !== 2) throw new UsageError("eval takes a criteria file and a unit's data file: tieuchi eval <set.json> <unit.json>");
  if (opts.lang !== "vi" && opts.lang !== "en") throw new UsageError(`--lang is vi or en, not ${JSON.stringify(opts.lang)}`);
  // --max-work raises both what the set may need and what the unit may take.
  const set = loadCriteriaFile(args[0]!, opts.maxWork !== undefined ? { limits: { maxWork: opts.maxWork } } : {});
  const data = readJsonFile(args[1]!);
  let result: Result;
  try {
    result = evaluate(set, data, {
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
      // Sub-units' titles are decided by the sets of --sets, or by the bundled ones (loaded only if a unit needs them).
      sets: opts.sets !== undefined ? loadRegistry(opts.sets) : lazyRegistry(bundledCriteriaDir()),
      ...(opts.outOfForce === true ? { allowOutOfForce: true } : {}),
      ...(opts.maxWork !== undefined ? { maxWork: opts.maxWork } : {}),
    });
  } catch (e) {
    if (e instanceof NotInForceError && e.reason === "outside-dates") {
      const d = set.definition;
      throw new NotInForceError(
        e.setId,
        e.date,
        e.reason,
        msg("set.file_outside_dates", { file: args[0]!, set: `${d.id}@${d.version}`, date: e.date, from: d.validFrom, to: d.validTo ?? undefined, unit: args[1]! }),
      );
    }
    throw e;
  }
  if (opts.record !== undefined) writeRecord(opts.record, result, data);
  io.out(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderResult(result, opts.lang, io.columns));
  return result.verdict === "pass" && result.inForce !== false ? EXIT.ok : EXIT.fail;
}
