import { NotInForceError } from "../../errors.js";
import { msg, t } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import type { Status } from "../../schema/result.js";
import { langOption } from "./shared.js";
import { evaluate } from "../../evaluate/evaluate.js";
import type { Lang } from "../../explain/format.js";
import { bundledCriteriaDir } from "../../node/bundled.js";
import { lazyRegistry } from "../../node/cases.js";
import { loadCriteriaFile, loadRegistry, readJsonFile } from "../../node/index.js";
import type { Result } from "../../schema/result.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { table } from "../table.js";
import { writeRecord } from "./verify.js";

/** The marks put before a status in the tables. */
const MARK: Record<string, string> = { pass: "✔", fail: "✘", missing: "?", "not-applicable": "–", error: "!" };

/** A criterion's status in a table cell: its mark and its word, e.g. `✔ đạt`. */
export function statusCell(status: Status, lang: Lang): string {
  return `${MARK[status] ?? ""} ${t(lang, "word.status_short", { status })}`;
}

/** The verdict in capitals for a table cell, e.g. `ĐẠT`. */
export function verdictWord(verdict: Result["verdict"], lang: Lang): string {
  return t(lang, "word.verdict", { verdict }).toLocaleUpperCase(lang);
}

/** Renders a result as a readable table with the verdict and the gap. */
export function renderResult(r: Result, lang: Lang, width: number): string {
  const head = [
    `${r.set.title[lang]} — ${r.set.id}@${r.set.version} (${r.set.document})`,
    `${r.set.hash}${r.asOf ? `   ${tCli(lang, "cmd.eval.as_of", { date: r.asOf, inForce: r.inForce !== false })}` : ""}`,
    "",
  ];
  const rows = r.criteria.map((c) => [
    c.id,
    statusCell(c.status, lang),
    // An undecided criterion shows the points it could end with, e.g. 0–10/10.
    c.points
      ? c.points.possible === c.points.earned
        ? `${c.points.earned}/${c.points.max}`
        : `${c.points.earned}–${c.points.possible}/${c.points.max}`
      : c.mandatory
        ? t(lang, "word.mandatory")
        : "",
    `${c.title[lang]}${c.message ? ` — ${c.message[lang]}` : ""}`,
  ]);
  const column = (c: "id" | "status" | "points" | "criterion-why") => tCli(lang, "cmd.column", { column: c });
  const body = table([column("id"), column("status"), column("points"), column("criterion-why")], rows, width);
  const tail: string[] = [""];
  // The points range when the missing data could still change the points (40–95/100 points).
  tail.push(
    tCli(lang, "cmd.eval.verdict", {
      verdict: r.verdict,
      grade: r.grade?.title,
      points: r.points ? t(lang, "decision.points_range", { earned: r.points.earned, possible: r.points.possible, max: r.points.applicableMax }) : undefined,
      passMark: r.points?.passMark ?? undefined,
    }),
  );
  if (r.message) tail.push(r.message[lang]);
  for (const l of r.levels) tail.push(tCli(lang, "cmd.eval.level", { title: l.title, status: l.status, failing: l.failing, missing: l.missing }));
  if (r.gap.toImprove.length && r.verdict !== "pass")
    tail.push(tCli(lang, "cmd.eval.improve", { items: r.gap.toImprove.map((x) => `${x.id} (+${x.points})`) }));
  if (r.gap.nextGrade) tail.push(tCli(lang, "cmd.eval.next_grade", { grade: r.gap.nextGrade.title, points: r.gap.nextGrade.pointsShort }));
  if (r.gap.nextLevel)
    tail.push(tCli(lang, "cmd.eval.next_level", { level: r.gap.nextLevel.title, items: [...r.gap.nextLevel.failing, ...r.gap.nextLevel.missing] }));
  if (r.verdict === "pass" && !r.gradeFinal) tail.push(tCli(lang, "cmd.eval.grade_may_rise"));
  return `${[...head, body, ...tail].join("\n")}\n`;
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
  const lang = langOption(opts.lang);
  if (args.length !== 2) throw new UsageError(tCli(lang, "cmd.takes", { command: "eval" }));
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
        msg("set.file_outside_dates", {
          file: args[0]!,
          set: `${d.id}@${d.version}`,
          date: e.date,
          from: d.validFrom,
          to: d.validTo ?? undefined,
          unit: args[1]!,
        }),
      );
    }
    throw e;
  }
  if (opts.record !== undefined) writeRecord(opts.record, result, data);
  io.out(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderResult(result, lang, io.columns));
  return result.verdict === "pass" && result.inForce !== false ? EXIT.ok : EXIT.fail;
}
