import { once } from "node:events";
import type { Lang } from "../../explain/format.js";
import { formatPath } from "../../errors.js";
import { bundledCriteriaDir } from "../../node/bundled.js";
import { lazyRegistry } from "../../node/cases.js";
import { withGenerated } from "../../node/generated.js";
import type { LoadedSet } from "../../evaluate/load.js";
import { loadCriteriaFile, loadRegistry, readLines } from "../../node/index.js";
import { createImpact, ImpactKind, type ImpactSummary, type UnitImpact } from "../../versions/impact.js";
import { EXIT, UsageError, type Io } from "../output.js";
import { langOption } from "./shared.js";
import { isMessage, say, t } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import { Status } from "../../schema/result.js";

/** A kind of change (`verdict pass → fail`, a stable key in the counts) in the reader's language. */
function changeText(key: string, lang: Lang): string {
  const m = /^(verdict|grade) (.*) → (.*)$/.exec(key);
  if (!m) return key;
  const what = m[1] as "verdict" | "grade";
  const word = (v: string) =>
    what === "verdict" && (v === "pass" || v === "fail" || v === "incomplete")
      ? t(lang, "word.verdict", { verdict: v })
      : v === "none"
        ? t(lang, "word.none")
        : v;
  return tCli(lang, "cmd.impact.change", { what, from: word(m[2]!), to: word(m[3]!) });
}

const STATUSES: readonly string[] = Status.options;
const cellText = (c: { status: string; points: number | null } | null, lang: Lang) =>
  c
    ? `${STATUSES.includes(c.status) ? t(lang, "word.status_short", { status: c.status as Status }) : c.status}${c.points !== null ? ` (${c.points})` : ""}`
    : "—";

/** A problem of a unit in words: from its message when it has one this catalogue knows, else its English sentence. */
function problemText(p: UnitImpact["problems"][number], lang: Lang): string {
  const worded = p.key !== undefined ? { key: p.key, params: p.params ?? {} } : undefined;
  const text = isMessage(worded) ? say(worded, lang) : p.message;
  return p.path.length ? `${formatPath(p.path, lang)}: ${text}` : text;
}

/** One unit's impact as a line of text (units that did not change are not printed). */
export function renderUnit(u: UnitImpact, lang: Lang): string {
  const who = `${t(lang, "word.line", { line: u.line })}${u.label ? ` (${u.label})` : ""}`;
  if (u.kind === "changed") {
    const name = (c: UnitImpact["criteria"][number]) =>
      c.old === null
        ? `${c.new} (${tCli(lang, "cmd.impact.new")})`
        : c.new === null
          ? `${c.old} (${tCli(lang, "cmd.impact.removed")})`
          : c.old === c.new
            ? c.old
            : `${c.old} → ${c.new}`;
    const state = (c: UnitImpact["criteria"][number]) =>
      c.before && c.after ? `${cellText(c.before, lang)} → ${cellText(c.after, lang)}` : cellText(c.before ?? c.after, lang);
    const causes = u.criteria.map((c) => `${name(c)}: ${state(c)}${c.blocksNow ? ` [${tCli(lang, "cmd.impact.blocks")}]` : ""}`);
    const decision = u.decision.length ? `; ${tCli(lang, "cmd.impact.decision", { changes: u.decision })}` : "";
    return `${who}: ${u.changes.map((c) => changeText(c, lang)).join(", ")} — ${causes.join("; ") || tCli(lang, "cmd.impact.no_criterion")}${decision}\n`;
  }
  // A unit written for the other version has a problem per field; the first few say so, --json has them all.
  const shown = u.problems.slice(0, 3).map((p) => problemText(p, lang));
  const more = u.problems.length - shown.length;
  const problems = [...shown, ...(more > 0 ? [t(lang, "word.and_more", { count: more })] : [])].join("; ");
  const kind = tCli(lang, "cmd.impact.kind", { kind: u.kind });
  return `${who}: ${kind}${u.problemsFor && u.kind !== "invalid" ? ` (${tCli(lang, "cmd.impact.problem_with", { side: u.problemsFor })})` : ""}: ${problems}\n`;
}

/** The counts of an impact run as text. */
export function renderSummary(s: ImpactSummary, lang: Lang): string {
  const units = ImpactKind.options.reduce((n, k) => n + s.kinds[k], 0);
  const kinds = ImpactKind.options.map((k) => tCli(lang, "cmd.impact.count", { kind: k, count: s.kinds[k] }));
  const lines = [
    tCli(lang, "cmd.impact.summary", {
      old: `${s.old.id}@${s.old.version}`,
      new: `${s.new.id}@${s.new.version}`,
      units,
      lines: s.lines,
      blank: s.blank,
      kinds,
    }),
  ];
  const changes = Object.entries(s.changes).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (changes.length) lines.push(tCli(lang, "cmd.impact.by_change", { items: changes.map(([k, n]) => `${changeText(k, lang)}: ${n}`) }));
  const criteria = Object.entries(s.criteria).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (criteria.length) lines.push(tCli(lang, "cmd.impact.criteria", { items: criteria.map(([k, n]) => `${k} (${n})`) }));
  return `${lines.join("\n")}\n`;
}

/**
 * `tieuchi impact <old.json> <new.json> <units.ndjson>`: evaluates each unit (one JSON object a line) under both
 * versions, streaming the file. Prints each unit whose verdict or grade changed, or whose line could not be
 * used, then the counts. With --json: one JSON object a line (`{"type":"unit",...}`), then `{"type":"summary",...}`.
 * Exit 0 when no unit changed and every line was usable, 1 otherwise.
 */
export function impactCommand(
  args: readonly string[],
  opts: { json: boolean; lang: string; asOf?: string; sets?: string; label?: string; maxUnitBytes?: number },
  io: Io,
): Promise<number> {
  if (args.length !== 3) throw new UsageError(tCli(langOption(opts.lang), "cmd.takes", { command: "impact" }));
  const lang = langOption(opts.lang);
  const before = loadCriteriaFile(args[0]!);
  const after = loadCriteriaFile(args[1]!);
  // Quiet results: each version's generated evaluator decides them (a bundled set's prebuilt module, or one
  // written for this run), the closure evaluator what it hands back.
  return Promise.all([withGenerated(before), withGenerated(after)]).then(() => report(before, after, args[2]!, lang, opts, io));
}

function report(
  before: LoadedSet,
  after: LoadedSet,
  unitsFile: string,
  lang: Lang,
  opts: { json: boolean; asOf?: string; sets?: string; label?: string; maxUnitBytes?: number },
  io: Io,
): number | Promise<number> {
  const run = createImpact(before, after, {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    sets: opts.sets !== undefined ? loadRegistry(opts.sets) : lazyRegistry(bundledCriteriaDir()),
    ...(opts.label !== undefined ? { labelField: opts.label } : {}),
  });
  const lines = readLines(unitsFile, opts.maxUnitBytes !== undefined ? { maxLineBytes: opts.maxUnitBytes } : {});
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
