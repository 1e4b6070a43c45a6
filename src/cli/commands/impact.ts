import { once } from "node:events";
import type { Lang } from "../../explain/format.js";
import { formatPath } from "../../errors.js";
import { bundledCriteriaDir } from "../../node/bundled.js";
import { lazyRegistry } from "../../node/cases.js";
import { loadCriteriaFile, loadRegistry, readLines } from "../../node/index.js";
import { createImpact, ImpactKind, type ImpactSummary, type UnitImpact } from "../../versions/impact.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { langOption } from "./shared.js";

const KIND: Record<Lang, Record<ImpactKind, string>> = {
  vi: {
    unchanged: "không đổi",
    changed: "thay đổi",
    "valid-old-only": "chỉ hợp lệ với bản cũ",
    "valid-new-only": "chỉ hợp lệ với bản mới",
    invalid: "không hợp lệ với cả hai",
    "bad-line": "dòng lỗi",
    error: "lỗi khi đánh giá",
  },
  en: {
    unchanged: "unchanged",
    changed: "changed",
    "valid-old-only": "valid for the old version only",
    "valid-new-only": "valid for the new version only",
    invalid: "invalid for both",
    // Plural: the summary counts them ("1 bad line", "2 errors").
    "bad-line": "bad lines",
    error: "errors",
  },
};

/** A kind of change (`verdict pass → fail`, a stable key in the counts) in the reader's language. */
function changeText(key: string, lang: Lang): string {
  return lang === "vi" ? key.replace(/^verdict /, "kết luận ").replace(/^grade /, "xếp loại ") : key;
}

const cellText = (c: { status: string; points: number | null } | null) => (c ? `${c.status}${c.points !== null ? ` (${c.points})` : ""}` : "—");

/** One unit's impact as a line of text (units that did not change are not printed). */
export function renderUnit(u: UnitImpact, lang: Lang): string {
  const vi = lang === "vi";
  const who = `${vi ? "dòng" : "line"} ${u.line}${u.label ? ` (${u.label})` : ""}`;
  if (u.kind === "changed") {
    const name = (c: UnitImpact["criteria"][number]) =>
      c.old === null ? `${c.new} (${vi ? "mới" : "new"})` : c.new === null ? `${c.old} (${vi ? "đã bỏ" : "removed"})` : c.old === c.new ? c.old : `${c.old} → ${c.new}`;
    const state = (c: UnitImpact["criteria"][number]) => (c.before && c.after ? `${cellText(c.before)} → ${cellText(c.after)}` : cellText(c.before ?? c.after));
    const causes = u.criteria.map((c) => `${name(c)}: ${state(c)}${c.blocksNow ? (vi ? " [chặn]" : " [blocks]") : ""}`);
    const decision = u.decision.length ? `; ${vi ? "cách xét đổi" : "decision changed"}: ${u.decision.join(", ")}` : "";
    return `${who}: ${u.changes.map((c) => changeText(c, lang)).join(", ")} — ${causes.join("; ") || (vi ? "không tiêu chí nào đổi" : "no criterion changed")}${decision}\n`;
  }
  // A unit written for the other version has a problem per field; the first few say so, --json has them all.
  const shown = u.problems.slice(0, 3).map((p) => (p.path.length ? `${formatPath(p.path)}: ${p.message}` : p.message));
  const more = u.problems.length - shown.length;
  const problems = [...shown, ...(more > 0 ? [vi ? `… và ${more} lỗi khác` : `… and ${more} more`] : [])].join("; ");
  return `${who}: ${u.kind === "bad-line" ? (vi ? "dòng lỗi" : "bad line") : KIND[lang][u.kind]}${u.problemsFor && u.kind !== "invalid" ? ` (${vi ? "lỗi với bản" : "problem with the"} ${u.problemsFor === "old" ? (vi ? "cũ" : "old version") : u.problemsFor === "new" ? (vi ? "mới" : "new version") : vi ? "cả hai" : "both"})` : ""}: ${problems}\n`;
}

/** The counts of an impact run as text. */
export function renderSummary(s: ImpactSummary, lang: Lang): string {
  const vi = lang === "vi";
  const units = ImpactKind.options.reduce((n, k) => n + s.kinds[k], 0);
  const plural = (k: ImpactKind) => (lang === "en" && s.kinds[k] === 1 ? KIND.en[k].replace(/s$/, "") : KIND[lang][k]);
  const kinds = ImpactKind.options.map((k) => `${s.kinds[k]} ${plural(k)}`).join(", ");
  const lines = [
    `${s.old.id}@${s.old.version} → ${s.new.id}@${s.new.version}: ${units} ${vi ? "đơn vị" : "units"} (${s.lines} ${vi ? "dòng" : "lines"}, ${s.blank} ${vi ? "dòng trống" : "blank"}): ${kinds}`,
  ];
  const changes = Object.entries(s.changes).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (changes.length) lines.push(`${vi ? "Theo loại thay đổi" : "By kind of change"}: ${changes.map(([k, n]) => `${changeText(k, lang)}: ${n}`).join("; ")}`);
  const criteria = Object.entries(s.criteria).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (criteria.length) lines.push(`${vi ? "Tiêu chí gây thay đổi" : "Criteria behind the changes"}: ${criteria.map(([k, n]) => `${k} (${n})`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * `tieuchi impact <old.json> <new.json> <units.ndjson>`: evaluates each unit (one JSON object a line) under both
 * versions, streaming the file. Prints each unit whose verdict or grade changed, or whose line could not be
 * used, then the counts. With --json: one JSON object a line (`{"type":"unit",...}`), then `{"type":"summary",...}`.
 * Exit 0 when no unit changed and every line was usable, 1 otherwise.
 */
export function impactCommand(args: readonly string[], opts: { json: boolean; lang: string; asOf?: string; sets?: string; label?: string }, io: Io): number | Promise<number> {
  if (args.length !== 3) throw new UsageError("impact takes the old and new criteria files and an NDJSON file of units: tieuchi impact <old.json> <new.json> <units.ndjson>");
  const lang = langOption(opts.lang);
  const run = createImpact(loadCriteriaFile(args[0]!), loadCriteriaFile(args[1]!), {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    sets: opts.sets !== undefined ? loadRegistry(opts.sets) : lazyRegistry(bundledCriteriaDir()),
    ...(opts.label !== undefined ? { labelField: opts.label } : {}),
  });
  const lines = readLines(args[2]!);
  const changed = function* () {
    for (const line of lines) {
      const u = "error" in line ? run.unreadable(line.number, line.error) : run.line(line.text, line.number);
      if (u && u.kind !== "unchanged") yield opts.json ? `${JSON.stringify({ type: "unit", ...u })}\n` : renderUnit(u, lang);
    }
  };
  const finish = () => {
    const s = run.summary();
    io.out(opts.json ? `${JSON.stringify({ type: "summary", ...s })}\n` : renderSummary(s, lang));
    return s.kinds.unchanged === ImpactKind.options.reduce((n, k) => n + s.kinds[k], 0) ? EXIT.ok : EXIT.fail;
  };
  const stdout = io.stdout;
  if (!stdout) {
    for (const text of changed()) io.out(text);
    return finish();
  }
  // On a pipe, standard output is written asynchronously: wait for it to drain, or a large file of changed
  // units would pile up in memory faster than the reader takes it.
  return (async () => {
    for (const text of changed()) if (!stdout.write(text)) await once(stdout, "drain");
    return finish();
  })();
}
