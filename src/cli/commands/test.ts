import { tCli } from "../../i18n/cli.js";
import type { Lang } from "../../explain/format.js";
import { loadRegistry } from "../../node/index.js";
import { runCaseFiles, type CaseFileRun } from "../../node/cases.js";
import { caseCoverage, type Coverage } from "../../testing/coverage.js";
import { formatCoverage, formatOutcome } from "../../testing/format.js";
import type { CaseOutcome } from "../../testing/cases.js";
import { EXIT, UsageError, type Io } from "../output.js";

/** Options of `tieuchi test`. */
export interface TestOptions {
  readonly json: boolean;
  readonly lang: Lang;
  readonly coverage: boolean;
  readonly requireBoth: boolean;
  readonly sets?: string;
}

/** A generated case file whose set file has changed since (its cases still run: this is a reminder). */
function isStale(r: CaseFileRun): boolean {
  return "prepared" in r && r.prepared.file.generated !== undefined && r.prepared.file.generated.hash !== r.prepared.set.hash;
}

/** Coverage per set, over every case file of that set. */
function coverageBySet(runs: readonly CaseFileRun[]): { coverage: Coverage; files: number }[] {
  const bySet = new Map<string, { run: Extract<CaseFileRun, { prepared: unknown }>; outcomes: CaseOutcome[]; files: number }>();
  for (const r of runs) {
    if (!("prepared" in r)) continue;
    const key = `${r.prepared.set.definition.id}@${r.prepared.set.definition.version}`;
    const entry = bySet.get(key);
    if (entry) {
      entry.outcomes.push(...r.outcomes);
      entry.files++;
    } else bySet.set(key, { run: r, outcomes: [...r.outcomes], files: 1 });
  }
  return [...bySet.values()].map((e) => ({ coverage: caseCoverage(e.run.prepared.set, e.outcomes), files: e.files }));
}

/**
 * `tieuchi test [paths]`: runs every case file found (default `criteria/`), a line per case, and for a
 * failing case what differs and why. Exit 0 only when every case holds (and, with `--require-both`, every
 * criterion that is encoded was seen passing and failing).
 */
export function testCommand(paths: readonly string[], opts: TestOptions, io: Io): number {
  const targets = paths.length > 0 ? paths : ["criteria"];
  const runs = runCaseFiles(targets, opts.sets !== undefined ? { sets: loadRegistry(opts.sets) } : {});
  const lang = opts.lang;
  if (runs.length === 0) throw new UsageError(tCli(lang, "cmd.no_case_files", { paths: targets }));
  const withCoverage = opts.coverage || opts.requireBoth;
  const coverage = withCoverage ? coverageBySet(runs) : [];

  const cases = runs.flatMap((r) => ("outcomes" in r ? r.outcomes : []));
  const passed = cases.filter((o) => o.ok).length;
  const fileErrors = runs.filter((r) => "error" in r).length;
  const gaps = coverage.reduce((n, c) => n + c.coverage.gaps.length, 0);
  const ok = passed === cases.length && fileErrors === 0 && (!opts.requireBoth || gaps === 0);

  if (opts.json) {
    const files = runs.map((r) =>
      "error" in r
        ? { path: r.path, ok: false, error: { code: r.error.code, message: r.error.message, problems: r.error.problems } }
        : {
            path: r.path,
            set: { id: r.prepared.set.definition.id, version: r.prepared.set.definition.version, path: r.prepared.setPath },
            ok: r.ok,
            ...(isStale(r) ? { stale: true } : {}),
            cases: r.outcomes.map((o) => ({ name: o.name, ok: o.ok, differences: o.differences })),
          },
    );
    const report = {
      ok,
      files,
      ...(withCoverage ? { coverage: coverage.map((c) => c.coverage) } : {}),
      summary: { files: runs.length, cases: cases.length, passed, failed: cases.length - passed, fileErrors, ...(withCoverage ? { coverageGaps: gaps } : {}) },
    };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return ok ? EXIT.ok : EXIT.fail;
  }

  for (const r of runs) {
    if ("error" in r) {
      io.out(`✘ ${r.path}\n    ${r.error.text(lang).replace(/\n/g, "\n    ")} [${r.error.code}]\n`);
      if (r.error.problems.length === 0 && r.error.path.length > 0) io.out(`    ${tCli(lang, "cmd.test.at", { path: r.error.path })}\n`);
      continue;
    }
    const d = r.prepared.set.definition;
    io.out(`${r.ok ? "✔" : "✘"} ${r.path}  ${d.id}@${d.version}\n`);
    if (isStale(r)) io.out(`${tCli(lang, "cmd.test.stale")}\n`);
    for (const o of r.outcomes) {
      io.out(`  ${o.ok ? "✔" : "✘"} ${o.name}\n`);
      for (const line of formatOutcome(o, opts.lang)) io.out(`      ${line}\n`);
    }
  }
  for (const c of coverage) {
    io.out(`\n${tCli(lang, "cmd.test.coverage_of", { set: `${c.coverage.set.id}@${c.coverage.set.version}`, cases: c.coverage.evaluated, files: c.files })}\n`);
    io.out(`${formatCoverage(c.coverage, opts.lang)}\n`);
  }
  io.out(`\n${tCli(lang, "cmd.test.summary", { cases: cases.length, files: runs.length - fileErrors, passed, failed: cases.length - passed })}\n`);
  if (fileErrors > 0) io.out(`${tCli(lang, "cmd.test.file_errors", { count: fileErrors })}\n`);
  if (opts.requireBoth && gaps > 0) io.out(`${tCli(lang, "cmd.test.gaps", { count: gaps })}\n`);
  return ok ? EXIT.ok : EXIT.fail;
}
