import { formatPath } from "../../errors.js";
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

const WORDS = {
  vi: {
    coverageOf: (label: string, n: number, files: number) => `Độ phủ của ${label} (${n} ca, ${files} tệp):`,
    summary: (cases: number, files: number, passed: number, failed: number) => `${cases} ca trong ${files} tệp: ${passed} đúng, ${failed} sai`,
    fileErrors: (n: number) => `${n} tệp không chạy được`,
    gaps: (n: number) => `${n} tiêu chí chưa được thấy cả đạt lẫn chưa đạt (--require-both)`,
    stale: "  ! các ca này được sinh từ một bản khác của tệp tiêu chí: sinh lại bằng tieuchi cases --boundaries, hoặc xem lại",
  },
  en: {
    coverageOf: (label: string, n: number, files: number) => `Coverage of ${label} (${n} cases, ${files} file${files === 1 ? "" : "s"}):`,
    summary: (cases: number, files: number, passed: number, failed: number) => `${cases} cases in ${files} file${files === 1 ? "" : "s"}: ${passed} passed, ${failed} failed`,
    fileErrors: (n: number) => `${n} file${n === 1 ? "" : "s"} could not be run`,
    gaps: (n: number) => `${n} criteri${n === 1 ? "on" : "a"} never seen both passing and failing (--require-both)`,
    stale: "  ! these cases were generated from another version of the criteria file: regenerate them with tieuchi cases --boundaries, or review them",
  },
} as const;

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
  if (runs.length === 0) throw new UsageError(`no case files (*.cases.json) found in ${targets.join(", ")}`);
  const w = WORDS[opts.lang];
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
      io.out(`✘ ${r.path}\n    ${r.error.message.replace(/\n/g, "\n    ")} [${r.error.code}]\n`);
      if (r.error.problems.length === 0 && r.error.path.length > 0) io.out(`    at ${formatPath(r.error.path)}\n`);
      continue;
    }
    const d = r.prepared.set.definition;
    io.out(`${r.ok ? "✔" : "✘"} ${r.path}  ${d.id}@${d.version}\n`);
    if (isStale(r)) io.out(`${w.stale}\n`);
    for (const o of r.outcomes) {
      io.out(`  ${o.ok ? "✔" : "✘"} ${o.name}\n`);
      for (const line of formatOutcome(o, opts.lang)) io.out(`      ${line}\n`);
    }
  }
  for (const c of coverage) {
    io.out(`\n${w.coverageOf(`${c.coverage.set.id}@${c.coverage.set.version}`, c.coverage.evaluated, c.files)}\n`);
    io.out(`${formatCoverage(c.coverage, opts.lang)}\n`);
  }
  io.out(`\n${w.summary(cases.length, runs.length - fileErrors, passed, cases.length - passed)}\n`);
  if (fileErrors > 0) io.out(`${w.fileErrors(fileErrors)}\n`);
  if (opts.requireBoth && gaps > 0) io.out(`${w.gaps(gaps)}\n`);
  return ok ? EXIT.ok : EXIT.fail;
}
